import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// A fixture site under `Tests/StatikSiteTests/Fixtures/`, built in a scratch copy.
///
/// A fixture without a `themes/` folder gets the shared test theme (`Fixtures/theme`).
/// Expected output lives beside the input: `expected/` (the built site) for a valid fixture,
/// `expected.txt` (the diagnostics, one per line) for an invalid one. Set `STATIK_RECORD=1`
/// to write them anew; that is a deliberate act, and the diff is reviewed like code.
struct FixtureSite {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var recording: Bool { ProcessInfo.processInfo.environment["STATIK_RECORD"] == "1" }

    let name: String
    var folder: URL { Self.root.appendingPathComponent(name) }

    /// Copies the fixture into a fresh scratch folder, with the shared theme if it has none.
    func scratchCopy() throws -> URL {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("statik-fixture-\(name.replacingOccurrences(of: "/", with: "-"))-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        for item in ["statik.yml", "content", "themes"] {
            let source = folder.appendingPathComponent(item)
            if fm.fileExists(atPath: source.path) {
                try fm.copyItem(at: source, to: scratch.appendingPathComponent(item))
            }
        }
        if !fm.fileExists(atPath: scratch.appendingPathComponent("themes").path) {
            try fm.createDirectory(at: scratch.appendingPathComponent("themes"), withIntermediateDirectories: true)
            try fm.copyItem(at: Self.root.appendingPathComponent("theme"), to: scratch.appendingPathComponent("themes/default"))
        }
        return scratch
    }

    func build(edition: Edition = .public, strict: Bool = false) async throws -> BuildReport {
        let scratch = try scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        return await Site.build(BuildOptions(source: scratch, edition: edition, strict: strict, write: false))
    }

    /// The diagnostics as the CLI prints their first line, with the path relative to the site.
    static func lines(_ diagnostics: [Diagnostic], in language: Language = .english) -> String {
        diagnostics.map { $0.description(in: language) }.joined(separator: "\n") + "\n"
    }

    /// Cases whose messages are also recorded in English (`expected.en.txt`) beside the site's
    /// own language: the catalogue is checked on real output in both.
    static let bilingual: Set<String> = ["Invalid/sql-error", "Invalid/values", "Invalid/csv-problems", "Invalid/chart-options", "Invalid/output-outside-site", "Invalid/many-links", "Invalid/output-folder-clash", "Invalid/hostile-urls"]

    /// Compares built files with `expected/`, file by file, byte for byte.
    func expectOutput(_ report: BuildReport, folder expectedFolder: String = "expected", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = folder.appendingPathComponent(expectedFolder)
        let fm = FileManager.default
        if Self.recording {
            try? fm.removeItem(at: expected)
            for path in report.files.paths {
                let target = expected.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try report.files.contents(of: path)?.write(to: target)
            }
            return
        }
        let expectedPaths = (fm.enumerator(atPath: expected.path)?.compactMap { $0 as? String } ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return fm.fileExists(atPath: expected.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }.sorted()
        #expect(report.files.paths == expectedPaths, "the files built differ from \(name)/expected", sourceLocation: sourceLocation)
        for path in report.files.paths where expectedPaths.contains(path) {
            let actual = report.files.contents(of: path).map { String(decoding: $0, as: UTF8.self) }
            let wanted = fm.contents(atPath: expected.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
            #expect(actual == wanted, "\(name)/expected/\(path) differs (STATIK_RECORD=1 writes it anew)", sourceLocation: sourceLocation)
        }
    }

    /// Compares the diagnostics with `expected.txt`.
    func expectDiagnostics(_ report: BuildReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        // The messages in the site's language (language: in its statik.yml; Swedish by default).
        var languages: [(file: String, language: Language)] = [("expected.txt", report.language ?? .swedish)]
        if Self.bilingual.contains(name) { languages.append(("expected.en.txt", .english)) }
        for (name, language) in languages {
            let file = folder.appendingPathComponent(name)
            let actual = Self.lines(report.diagnostics, in: language)
            if Self.recording {
                try actual.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let wanted = try String(contentsOf: file, encoding: .utf8)
            #expect(actual == wanted, "\(self.name)/\(name) differs (STATIK_RECORD=1 writes it anew)", sourceLocation: sourceLocation)
        }
    }
}
