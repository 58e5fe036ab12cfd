import ArgumentParser
import Foundation
import StatikSite

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
        subcommands: [Build.self],
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

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let options = BuildOptions(
            source: URL(fileURLWithPath: source, relativeTo: cwd),
            output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) },
            edition: edition.edition,
            strict: strict,
            jobs: jobs
        )
        let report = await Site.build(options)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered + "\n").utf8))
        }
        print(Summary(report, sourceDirectory: options.source).line)
        if !report.succeeded { throw ExitCode(1) }
    }
}
