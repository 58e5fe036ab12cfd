public import Foundation
public import StatikCore
import StatikSources

/// The release records of a site, `content/data/releases/*.json`, oldest first, read once per
/// build: a file that is not a record is an error at its line and column.
public struct ReleaseRecords: Sendable {
    /// The folder, relative to the site.
    public static let folder = "content/data/releases"

    public var records: [ReleaseRecord] = []
    public var diagnostics: [Diagnostic] = []

    public init(records: [ReleaseRecord] = [], diagnostics: [Diagnostic] = []) {
        self.records = records
        self.diagnostics = diagnostics
    }

    /// The newest record, if any.
    public var latest: ReleaseRecord? { records.last }

    /// Every `DATE.json` in the site's release folder (none: no records, no problem).
    public static func load(site: URL) -> ReleaseRecords {
        let folder = site.appendingPathComponent(Self.folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var result = ReleaseRecords()
        for name in names {
            let path = Self.folder + "/" + name
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            switch read(data, name: name, path: path) {
            case .success(let record): result.records.append(record)
            case .failure(let problem): result.diagnostics.append(problem)
            }
        }
        result.records.sort { $0.date < $1.date }
        return result
    }

    /// One record, checked: its name is its date, and it is JSON of the record's shape.
    public static func read(_ data: Data, name: String, path: String) -> Result<ReleaseRecord, Diagnostic> {
        let date = String(name.dropLast(".json".count))
        guard ReleaseRecord.isDate(date) else {
            return .failure(Diagnostic(.error, at: SourceLocation(file: path), Message(.releaseNameNotADate, date)))
        }
        let record: ReleaseRecord
        do {
            record = try JSONDecoder().decode(ReleaseRecord.self, from: data)
        } catch {
            let (line, column) = position(of: error, in: data)
            let kind: MessageKind = isSyntax(error) ? .releaseNotJSON : .releaseNotARecord
            return .failure(Diagnostic(.error, at: SourceLocation(file: path, line: line, column: column), Message(kind, date)))
        }
        guard record.date == date else {
            let at = position(of: "\"date\"", in: data)
            return .failure(Diagnostic(.error, at: SourceLocation(file: path, line: at.line, column: at.column), Message(.releaseDateDiffers, record.date, date)))
        }
        return .success(record)
    }

    /// Whether the decoder found no JSON at all (rather than JSON of another shape).
    static func isSyntax(_ error: any Error) -> Bool {
        guard case DecodingError.dataCorrupted(let context) = error else { return false }
        return context.codingPath.isEmpty
    }

    /// Where the record stops being readable: where the snapshots' JSON parser (JSONText)
    /// stops, else the key of the value the decoder could not read, else the file's start.
    static func position(of error: any Error, in data: Data) -> (line: Int, column: Int) {
        let text = String(decoding: data, as: UTF8.self)
        if let offset = JSONText.failure(in: text) {
            let before = String(decoding: Array(text.utf8).prefix(offset), as: UTF8.self)
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            return (line, before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1)
        }
        let path: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        case .keyNotFound(_, let c): path = c.codingPath
        default: path = []
        }
        if let key = path.last?.stringValue { return position(of: "\"\(key)\"", in: data) }
        return (1, 1)
    }

    /// The line and column of the first occurrence of `needle` (1, 1 when it is not there).
    static func position(of needle: String, in data: Data) -> (line: Int, column: Int) {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: needle) else { return (1, 1) }
        let before = text[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return (line, column)
    }
}
