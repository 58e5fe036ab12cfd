import ArgumentParser
import Foundation
#if PreviewServer
import StatikServer
#endif
import StatikCore
import StatikData
#if PostgreSQL
import StatikPostgres
#endif
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
#if canImport(CMimalloc)
// Linked for its malloc, which replaces glibc's for the whole process (bench/README.md).
import CMimalloc
#endif

/// The kinds of data source this program reads besides CSV (docs/data-sources.md).
func registerSources() {
    #if PostgreSQL
    DataSourceKinds.register(PostgresSource.self)
    #endif
}

/// `--edition public|intranet`, as the argument parser reads it.
enum EditionOption: String, ExpressibleByArgument, CaseIterable {
    case `public`, intranet
    var edition: Edition { self == .public ? .public : .intranet }
}

@main
struct Statik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statik",
        abstract: "Builds statistics sites from Markdown with embedded SQL queries.",
        version: StatikVersion.description,
        subcommands: [Build.self, Pull.self, Check.self, Diff.self, ReleaseCommand.self, Serve.self, New.self, ThemeCommand.self, DataTables.self],
        defaultSubcommand: nil
    )
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into its output folder.",
        discussion: "The output folder is replaced only when the whole build succeeds."
    )

    @Option(name: .long, help: ArgumentHelp("The site folder (with statik.yml, content/, themes/).", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: output: in statik.yml, else public/).", valueName: "DIR"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("public (the default) or intranet: which readers the site is for.", valueName: "EDITION"))
    var edition: EditionOption = .public

    @Flag(name: .long, help: "Fail the build on warnings too.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("How many pages to render at a time (default: one per core).", valueName: "N"))
    var jobs: Int?

    @Flag(name: .long, help: "Print how long each stage of the build took (on standard error).")
    var timings = false

    @Flag(name: .long, help: "Build drafts and pages scheduled for later too, with a banner (a review build).")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The language of messages: sv or en (default: the site's language:, else LANG).", valueName: "LANG"))
    var lang: LanguageOption?

    @Flag(name: .long, help: "Query the data sources themselves, not their snapshots in content/data/snapshots/.")
    var refresh = false

    @Option(name: .long, help: ArgumentHelp("The build's \"now\" (what is scheduled or overdue is judged by it): 2026-12-01T08:00:00+01:00, 2026-12-01, or seconds since 1970 (default: SOURCE_DATE_EPOCH, else the clock).", valueName: "INSTANT"))
    var now: String?

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(
            source: siteFolder(source, in: cwd),
            output: output,
            edition: edition.edition,
            strict: strict,
            jobs: jobs,
            drafts: drafts,
            now: try now.map { try Self.instant($0, language: LanguageOption.forMessages(lang)) }
        )
        options.sourceMode = refresh ? .refresh : .snapshot
        registerSources()
        if source.isEmpty {
            LanguageOption.error(Message(.sourceFlagEmpty), in: LanguageOption.forMessages(lang))
            throw ExitCode(2)
        }
        let report = await Site.build(options)
        let language = Language.forMessages(flag: lang?.language, site: report.language, environment: ProcessInfo.processInfo.environment)
        for note in report.notes {
            FileHandle.standardError.write(Data("statik: note: \(note.text(language))\n".utf8))
        }
        for error in report.commandLineErrors {
            FileHandle.standardError.write(Data("statik: error: \(error.text(language))\n".utf8))
        }
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
        if timings { Self.printTimings(report) }
        print(Summary(report, sourceDirectory: options.source).line)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// `--timings`: each stage's time, then what the caches saved (cached partials, the
    /// disclosure plan's runs of pages).
    static func printTimings(_ report: BuildReport) {
        var text = report.timings.table + "\n"
        let partials = report.cachedPartials
        if partials.reused + partials.rendered > 0 { text += "cached partials: \(partials.reused) reused, \(partials.rendered) rendered\n" }
        let runs = report.planRuns
        if runs.ran + runs.kept > 0 { text += "disclosure plan: \(runs.ran) page runs, \(runs.kept) kept\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `--now`: an instant with its offset, a day (its start in UTC), or seconds since 1970.
    static func instant(_ text: String, language: Language) throws -> Int64 {
        if let seconds = Int64(text.hasPrefix("@") ? String(text.dropFirst()) : text) { return seconds }
        guard let seconds = Site.instant(text) else {
            LanguageOption.error(Message(.nowFlagNotAnInstant, text), in: language)
            throw ExitCode(2)
        }
        return seconds
    }
}

struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every query of the data sources and store the answers as snapshots in content/data/snapshots/.",
        discussion: "A build without the sources' addresses reads the snapshots; commit them, and their diff is a review of the data's change. Nothing is written to the output folder."
    )

    @Option(name: .long, help: ArgumentHelp("The site folder (with statik.yml, content/, themes/).", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: ArgumentHelp("public (the default) or intranet: the pages whose queries are pulled.", valueName: "EDITION"))
    var edition: EditionOption = .public

    @Flag(name: .long, help: "Pull the queries of drafts and pages scheduled for later too.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The build's \"now\" (which pages are published), as for statik build.", valueName: "INSTANT"))
    var now: String?

    func run() async throws {
        registerSources()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(source: siteFolder(source, in: cwd), edition: edition.edition, write: false, drafts: drafts, now: try now.map { try Build.instant($0, language: Language.forMessages(flag: nil, site: nil, environment: ProcessInfo.processInfo.environment)) })
        options.sourceMode = .pull
        let report = await Site.build(options)
        let language = Language.forMessages(flag: nil, site: report.language, environment: ProcessInfo.processInfo.environment)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
        for pulled in report.pulled {
            print("\(pulled.folder): \(pulled.files) quer\(pulled.files == 1 ? "y" : "ies"), \(pulled.rows) rows, \(pulled.changed == 0 ? "unchanged" : "\(pulled.changed) file\(pulled.changed == 1 ? "" : "s") changed")")
        }
        if report.pulled.isEmpty && report.diagnostics.allSatisfy({ $0.severity != .error }) {
            print(Message(.pullNothingToPull).text(language))
        }
        if report.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Print the layers of the site's theme and which theme files the site replaces.",
        discussion: "A file is looked up in the site's theme, then in the theme it extends, …, then in the built-in theme statik (docs/themes.md)."
    )

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: ArgumentHelp("The language of messages: sv or en (default: the site's language:, else LANG).", valueName: "LANG"))
    var lang: LanguageOption?

    func run() throws {
        let report = ThemeReport.read(site: siteFolder(source, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        let language = Language.forMessages(flag: lang?.language, site: report.language, environment: ProcessInfo.processInfo.environment)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
        for line in report.lines(in: language) { print(line) }
        if report.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

struct DataTables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Print the site's data tables (content/data/*.csv, as Statik reads them) as a PostgreSQL script.",
        discussion: "psql loads it: statik data --postgres | psql URL. scripts/example-postgres builds the example site from such a server."
    )

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "DIR"))
    var source = "."

    @Flag(name: .long, help: "As a PostgreSQL script (CREATE TABLE and COPY); the only form there is.")
    var postgres = false

    @Option(name: .long, help: ArgumentHelp("public (the default) or intranet: whose tables.", valueName: "EDITION"))
    var edition: EditionOption = .public

    func run() throws {
        let url = siteFolder(source, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let (script, diagnostics) = DataExport.postgresScript(site: url, edition: edition.edition)
        let language = LanguageOption.forMessages(nil)
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
        FileHandle.standardOutput.write(Data(script.utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site: links, #anchors, assets, pages no link leads to.",
        discussion: "Prints 'file: problem' lines and a count; exits 1 when there are problems."
    )

    @Argument(help: ArgumentHelp("The built site (default: output: in statik.yml, else public/).", valueName: "DIR"))
    var directory: String?

    @Option(name: .long, help: ArgumentHelp("The site folder whose statik.yml gives the root path (without one, it is inferred).", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: ArgumentHelp("public (the default) or intranet: the edition whose root path and output folder apply.", valueName: "EDITION"))
    var edition: EditionOption = .public

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let sourceURL = siteFolder(source, in: cwd)
        let site = directory.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL } ?? SiteCheck.defaultSite(source: sourceURL, edition: edition.edition)
        let report = SiteCheck.run(site: site, source: sourceURL, edition: edition.edition, display: directory ?? SiteCheck.displayPath(site))
        for problem in report.problems {
            print(problem.description)
        }
        print(report.summary)
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a reader would see change between two builds: pages, tables, figures, text, dates, notices, the calendar, lists and feeds.",
        discussion: "The report is in the site's language. Exit status 0 when nothing differs, 1 when something does, 2 when a folder cannot be read."
    )

    @Argument(help: ArgumentHelp("The site as it is (the published public/).", valueName: "OLD"))
    var old: String

    @Argument(help: ArgumentHelp("The new build.", valueName: "NEW"))
    var new: String

    @Option(name: .long, help: ArgumentHelp("Also write the report as a self-contained HTML page.", valueName: "FILE"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("The language of the report and messages: sv or en (default: the new site's language, else LANG, else Swedish).", valueName: "LANG"))
    var lang: LanguageOption?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let diff: SiteDiff
        do {
            diff = try SiteDiff.compare(old: URL(fileURLWithPath: old, relativeTo: cwd), new: URL(fileURLWithPath: new, relativeTo: cwd))
        } catch {
            LanguageOption.error(error.message, in: LanguageOption.forMessages(lang))
            throw ExitCode(2)
        }
        let language = Language.forMessages(flag: lang?.language, site: diff.language, environment: ProcessInfo.processInfo.environment)
        print(diff.text(language), terminator: "")
        if let html {
            do {
                try SystemFiles.write(Data(diff.html(language).utf8), to: URL(fileURLWithPath: html, relativeTo: cwd).path, shown: html)
            } catch {
                LanguageOption.error(error.message, in: language)
                throw ExitCode(2)
            }
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Write the public edition's figures as the release record content/data/releases/DATE.json.",
        discussion: "The next builds compare their figures with the latest record: a figure that changed is a revision the page tells. An existing record is kept unless --force; a date before the latest record's is refused."
    )

    @Option(name: .long, help: ArgumentHelp("The release date, 2022-05-09 (default: today's date in UTC).", valueName: "DATE"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("The site folder (with statik.yml, content/, themes/).", valueName: "DIR"))
    var source = "."

    @Flag(name: .long, help: "Write the record again when one with this date exists.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("The language of messages: sv or en (default: the site's language:, else LANG).", valueName: "LANG"))
    var lang: LanguageOption?

    func run() async throws {
        registerSources()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let day = date ?? String(ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate]))
        let report = await Release.run(source: siteFolder(source, in: cwd), date: day, force: force)
        let language = Language.forMessages(flag: lang?.language, site: report.language, environment: ProcessInfo.processInfo.environment)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
        for error in report.errors {
            FileHandle.standardError.write(Data("statik: error: \(error.text(language))\n".utf8))
        }
        if let written = report.written { print(written.text(language)) }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it, serve it, rebuild and reload on every save.",
        discussion: "The site is built in memory; nothing is written to the output folder."
    )

    @Option(name: .long, help: ArgumentHelp("The site folder (with statik.yml, content/, themes/).", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: ArgumentHelp("public (the default) or intranet.", valueName: "EDITION"))
    var edition: EditionOption = .public

    @Option(name: .long, help: ArgumentHelp("The address to listen on; only this machine by default.", valueName: "HOST"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on.", valueName: "PORT"))
    var port = 1313

    @Flag(name: .long, inversion: .prefixedNo, help: "Show drafts and pages scheduled for later, with a banner (on by default).")
    var drafts = true

    @Flag(name: .long, help: "After each build, print how long each stage took (to standard error).")
    var timings = false

    func run() async throws {
        registerSources()
        #if PreviewServer
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let options = BuildOptions(source: siteFolder(source, in: cwd), edition: edition.edition, write: false, drafts: drafts)
        let server = PreviewServer(options: options, host: host, port: port)
        try await server.run(
            onReady: { url, report in
                Self.printDiagnostics(report)
                Self.say(Summary(report, sourceDirectory: options.source).line)
                Self.say("Serving \(url) (Ctrl+C to stop)")
            },
            onRebuild: { [timings] report, changed in
                Self.printDiagnostics(report)
                if timings { Build.printTimings(report) }
                let seconds = Double(report.duration.components.attoseconds) / 1e18 + Double(report.duration.components.seconds)
                Self.say(report.succeeded
                      ? String(format: "Rebuilt after %d changed file%@ in %.0f ms", changed, changed == 1 ? "" : "s", seconds * 1000)
                      : "Build failed; the browser shows the errors")
            }
        )
        #else
        LanguageOption.error(Message(.serveNotBuiltIn), in: LanguageOption.forMessages(nil))
        throw ExitCode(2)
        #endif
    }

    /// A line on standard output at once, also when it is a log file (print would buffer it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func printDiagnostics(_ report: BuildReport) {
        let language = Language.forMessages(flag: nil, site: report.language, environment: ProcessInfo.processInfo.environment)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered(in: language) + "\n").utf8))
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site or page from a working example.",
        subcommands: [NewSite.self, NewPage.self]
    )
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a small working site (settings, a page with a query, a table and a chart, a CSV file, the default theme)."
    )

    @Argument(help: ArgumentHelp("The folder to create (it must be new or empty).", valueName: "DIR"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The language of messages: sv or en (default: LANG, else Swedish).", valueName: "LANG"))
    var lang: LanguageOption?

    func run() throws {
        let url = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let language = LanguageOption.forMessages(lang)
        do {
            let files = try Scaffold.site(at: url)
            print(Message(.newSiteWritten, files.count, directory).text(language))
        } catch {
            LanguageOption.error(error.message, in: language)
            throw ExitCode(1)
        }
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Write a page with front matter (esf/ny-sida → content/esf/ny-sida.md)."
    )

    @Argument(help: ArgumentHelp("The page's path below content/, without .md.", valueName: "PATH"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "DIR"))
    var source = "."

    @Option(name: .long, help: "The page's title (default: from its file name).")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The day a page in a dated list gets as date: (default: SOURCE_DATE_EPOCH, else the clock), as for statik build.", valueName: "INSTANT"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("The language of messages: sv or en (default: LANG, else Swedish).", valueName: "LANG"))
    var lang: LanguageOption?

    func run() throws {
        let url = URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let language = LanguageOption.forMessages(lang)
        let now = try now.map { try Build.instant($0, language: language) }
        do {
            print(Message(.newPageWritten, try Scaffold.page(path, in: url, title: title, now: now)).text(language))
        } catch {
            LanguageOption.error(error.message, in: language)
            throw ExitCode(1)
        }
    }
}

/// `--lang sv` or `--lang en`.
struct LanguageOption: ExpressibleByArgument {
    let language: Language
    init?(argument: String) {
        guard let language = Language(code: argument) else { return nil }
        self.language = language
    }
    static var allValueStrings: [String] { ["sv", "en"] }

    /// The language of a command that reads no site: `--lang`, else the environment's.
    static func forMessages(_ option: LanguageOption?) -> Language {
        Language.forMessages(flag: option?.language, site: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// `statik: error: …` on standard error, in `language`.
    static func error(_ message: Message, in language: Language) {
        FileHandle.standardError.write(Data("statik: error: \(message.text(language))\n".utf8))
    }
}

/// The site folder `--source` names; by default (`.`) the folder the command runs in or the
/// nearest one above it with statik.yml, so that it works from `content/esf/` too.
func siteFolder(_ source: String, in cwd: URL) -> URL {
    let url = URL(fileURLWithPath: source, relativeTo: cwd).standardizedFileURL
    return source == "." ? SiteConfig.siteFolder(from: url) : url
}
