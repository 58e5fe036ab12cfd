public import Foundation
public import StatikCore
import StatikInspect
import StatikOutput
import StatikContent
import StatikFormat

/// `statik release`: builds the public edition in memory and writes its figures as the release
/// record `content/data/releases/DATE.json` (ReleaseRecord, docs/releases.md). The date is
/// given, or today's — the command reads the clock, the build never does. An existing record is
/// kept unless `force`; a date before the latest record's is refused, with or without it.
public enum Release {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Problems with the command itself (the date, an existing record).
        public var errors: [Message] = []
        /// What was written, as the summary line says it.
        public var written: Message?
        /// The record's path, relative to the site.
        public var path = ""
        public var language: Language?
        public var exitStatus: Int32 { written == nil ? (errors.isEmpty ? 1 : 2) : 0 }
    }

    public static func run(source: URL, date: String, force: Bool, now: Int64? = nil, jobs: Int? = nil) async -> Report {
        var report = Report()
        report.path = ReleaseRecords.folder + "/" + date + ".json"
        guard ReleaseRecord.isDate(date) else {
            report.errors.append(Message(.releaseDateNotADate, date))
            return report
        }
        let records = ReleaseRecords.load(site: source)
        report.diagnostics = records.diagnostics
        if !records.diagnostics.isEmpty { return report }
        let file = source.appendingPathComponent(report.path)
        if FileManager.default.fileExists(atPath: file.path), !force {
            report.errors.append(Message(.releaseExists, report.path))
            return report
        }
        if let latest = records.latest?.date, date < latest {
            report.errors.append(Message(.releaseNotAfter, date, latest))
            return report
        }
        let build = await Site.build(BuildOptions(source: source, edition: .public, write: false, jobs: jobs, now: now))
        report.language = build.language
        report.diagnostics += build.diagnostics
        guard build.succeeded else {
            report.errors.append(Message(.releaseBuildFailed))
            return report
        }
        let record = ReleaseRecord.of(date: date, pages: pages(of: build.files))
        do throws(SystemFiles.Failure) {
            try SystemFiles.makeFolders(file.deletingLastPathComponent().path)
            try SystemFiles.write(record.json, to: file.path, new: !force, shown: report.path)
        } catch {
            report.errors.append(error.message)
            return report
        }
        let counts = record.counts
        report.written = Message(.releaseWritten, report.path, count(counts.pages), count(counts.tables), count(counts.figures))
        return report
    }

    /// A count as the site writes a figure, in the message's language (`1 990`, `1,990`); a
    /// count of nothing is `0` (`–` is a table's symbol, not a count's).
    static func count(_ n: Int) -> Message.Argument {
        guard n != 0 else { return .verbatim("0") }
        let value = Value.integer(Int64(n))
        return .inLanguages(swedish: Format.integer.string(value, in: .swedish), english: Format.integer.string(value, in: .english))
    }

    /// The built pages by address (`/esf/deltagare/`).
    static func pages(of files: SiteFiles) -> [String: String] {
        var pages: [String: String] = [:]
        for path in files.files.keys where path.hasSuffix("index.html") {
            guard let data = files.files[path] else { continue }
            pages["/" + String(path.dropLast("index.html".count))] = String(decoding: data, as: UTF8.self)
        }
        return pages
    }
}
