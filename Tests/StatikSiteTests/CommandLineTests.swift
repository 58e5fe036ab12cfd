import Foundation
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// The `statik` executable as CI and users run it: exit statuses and what it prints.
@Suite struct CommandLineTests {
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = OutputCrashTests.statik
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Run in a folder of the site (a writer in `content/regioner/`), statik builds the site
    /// whose statik.yml is above it, into that site's output folder (issue 29).
    @Test func buildFindsTheSiteAboveTheFolderItRunsIn() throws {
        let site = try FixtureSite(name: "pages").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try Self.run(["build"], in: site.appendingPathComponent("content/regioner"))
        #expect(result.status == 0, "\(result.err)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/regioner/public").path))
        let elsewhere = try Self.run(["build"], in: FileManager.default.temporaryDirectory)
        #expect(elsewhere.status != 0)
        #expect(elsewhere.err.contains("statik.yml"))
    }

    @Test func versionNamesTheLibraries() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("statik \(StatikVersion.number) (cmark-gfm 0."))
        #expect(result.out.contains(", SQLite 3."))
    }

    /// A refused output folder is exit status 2 with `statik: error:`; a failed build 1.
    @Test func exitStatuses() throws {
        let (base, site) = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let empty = try Self.run(["build", "--source", site.path, "--output", ""])
        #expect(empty.status == 2)
        #expect(empty.err.hasPrefix("statik: error: --output är tomt"), "messages are in the site's language, Swedish by default")
        let english = try Self.run(["build", "--source", site.path, "--output", "", "--lang", "en"])
        #expect(english.err.hasPrefix("statik: error: --output is empty"))
        #expect(empty.out.hasPrefix("Build refused, 1 error: nothing was written"))
        let itself = try Self.run(["build", "--output", ".", "--lang", "en"], in: site)
        #expect(itself.status == 2)
        #expect(itself.err.contains("--output .: that is the site folder itself"))
        let built = try Self.run(["build", "--source", site.path, "--now", "2026-12-01T08:00:00+01:00"])
        #expect(built.status == 0, "\(built.err)")
        let badNow = try Self.run(["build", "--source", site.path, "--now", "i morgon", "--lang", "en"])
        #expect(badNow.status != 0)
        #expect(badNow.err == "statik: error: --now i morgon: write an instant with its offset, as 2026-12-01T08:00:00+01:00, a day, as 2026-12-01, or seconds since 1970\n")
        let badNowSwedish = try Self.run(["build", "--source", site.path, "--now", "i morgon", "--lang", "sv"])
        #expect(badNowSwedish.err.hasPrefix("statik: error: --now i morgon: skriv en tidpunkt med sin avvikelse från UTC"))
        try Data("---\ntitle: Trasig\n---\n\n```sql q\nSELECT x FROM finns_inte\n```\n".utf8).write(to: site.appendingPathComponent("content/trasig.md"))
        let failed = try Self.run(["build", "--source", site.path])
        #expect(failed.status == 1)
    }

    /// `statik release`: writes the record and says so, refuses to overwrite it (2) and an older
    /// date (2), in the site's language; with `--force` it writes the same bytes again.
    @Test func releaseWritesAndRefuses() throws {
        let site = try FixtureSite(name: "numbers").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let written = try Self.run(["release", "--source", site.path, "--date", "2022-05-09"])
        #expect(written.status == 0, "\(written.err)")
        #expect(written.out == "Skrev content/data/releases/2022-05-09.json (sidor: 1, tabeller: 1, uppgifter: 20)\n")
        let record = try Data(contentsOf: site.appendingPathComponent("content/data/releases/2022-05-09.json"))
        let again = try Self.run(["release", "--source", site.path, "--date", "2022-05-09", "--lang", "en"])
        #expect(again.status == 2)
        #expect(again.err == "statik: error: content/data/releases/2022-05-09.json already exists; give --force to write it again\n")
        let older = try Self.run(["release", "--source", site.path, "--date", "2021-12-31"])
        #expect(older.status == 2)
        #expect(older.err.hasPrefix("statik: error: releasedatumet 2021-12-31 ligger inte efter den senaste releaseposten, 2022-05-09"))
        let forced = try Self.run(["release", "--source", site.path, "--date", "2022-05-09", "--force"])
        #expect(forced.status == 0, "\(forced.err)")
        #expect(try Data(contentsOf: site.appendingPathComponent("content/data/releases/2022-05-09.json")) == record)
        let notADate = try Self.run(["release", "--source", site.path, "--date", "31/12"])
        #expect(notADate.status == 2)
    }

    /// A new site is clean: it builds strictly in both editions and passes statik check; a new
    /// page's placeholder text is a warning until it is replaced.
    @Test func aNewSiteIsCleanAndPlaceholdersWarn() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("statik-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let site = base.appendingPathComponent("sajt")
        #expect(try Self.run(["new", "site", site.path]).status == 0)
        #expect(try Self.run(["build", "--strict"], in: site).status == 0)
        let check = try Self.run(["check"], in: site)
        #expect(check.status == 0, "\(check.out)")
        #expect(try Self.run(["build", "--strict", "--edition", "intranet"], in: site).status == 0)
        #expect(try Self.run(["new", "page", "esf/ny-sida"], in: site).status == 0)
        let placeholder = try Self.run(["build", "--strict"], in: site)
        #expect(placeholder.status == 1)
        #expect(placeholder.err.contains("content/esf/ny-sida.md:5:1: warning: sidan har fortfarande texten som statik new page skrev"))
        let english = try Self.run(["build", "--strict", "--lang", "en"], in: site)
        #expect(english.err.contains("content/esf/ny-sida.md:5:1: warning: the page still has the text statik new page wrote"))
    }

    /// What the file system refuses `statik new` and `statik diff` is a message in the
    /// writer's language that names the path and what to do, never an error domain and code
    /// (issue 26: `statik new site` onto an existing file answered `NSCocoaErrorDomain`).
    @Test func fileSystemRefusalsAreMessages() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("statik-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("x".utf8).write(to: base.appendingPathComponent("fil.txt"))
        let file = base.appendingPathComponent("fil.txt").path

        let onFile = try Self.run(["new", "site", "fil.txt", "--lang", "sv"], in: base)
        #expect(onFile.status == 1)
        #expect(onFile.err == "statik: error: \(file) är en fil, inte en mapp; ge namnet på en ny mapp\n")
        let onFileEnglish = try Self.run(["new", "site", "fil.txt", "--lang", "en"], in: base)
        #expect(onFileEnglish.err == "statik: error: \(file) is a file, not a folder; give the name of a new folder\n")
        let through = try Self.run(["new", "site", "fil.txt/sajt", "--lang", "en"], in: base)
        #expect(through.err == "statik: error: \(file) is a file where a folder is needed; move it away or choose another name\n")
        let long = String(repeating: "l", count: 300)
        let tooLong = try Self.run(["new", "site", "ny/\(long)", "--lang", "sv"], in: base)
        #expect(tooLong.err == "statik: error: mappen \(base.path)/ny/\(long) gick inte att skapa: ett namn i sökvägen är för långt\n")
        #expect(try String(contentsOf: base.appendingPathComponent("fil.txt"), encoding: .utf8) == "x", "nothing is written over")

        #expect(try Self.run(["new", "site", "sajt"], in: base).status == 0)
        let again = try Self.run(["new", "page", "esf/ny-sida", "--source", "sajt", "--lang", "en"], in: base)
        #expect(again.status == 0)
        let twice = try Self.run(["new", "page", "esf/ny-sida", "--source", "sajt", "--lang", "en"], in: base)
        #expect(twice.err == "statik: error: content/esf/ny-sida.md already exists; give the page another name\n")
        let noSite = try Self.run(["new", "page", "a", "--lang", "sv"], in: base)
        #expect(noSite.err == "statik: error: \(base.path) har ingen statik.yml; kör kommandot i en webbplatsmapp eller ge --source\n")

        let diff = try Self.run(["diff", "sajt", "sajt", "--html", "fil.txt/rapport.html", "--lang", "sv"], in: base)
        #expect(diff.status == 2)
        #expect(diff.err == "statik: error: filen fil.txt/rapport.html gick inte att skriva: en del av sökvägen är en fil, inte en mapp\n")
        let notSite = try Self.run(["diff", "finns-inte", "sajt", "--lang", "en"], in: base)
        #expect(notSite.err == "statik: error: \(base.path)/finns-inte is not a folder with a built site; give the output folder of a build, such as public/\n")
        for result in [onFile, onFileEnglish, through, tooLong, twice, noSite, diff, notSite] {
            #expect(!result.err.contains("Domain") && !result.err.contains("NSError") && !result.err.contains("Code="))
        }
    }
}
