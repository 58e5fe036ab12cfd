import Foundation
package import StatikCore
import StatikYAML
import StatikData
import Yams

/// A source of `statik.yml` (docs/data-sources.md):
///
///     sources:
///       statistik:
///         postgres: env:STATIK_STATISTIK_URL   # the kind, and the variable that holds its URL
///         refresh: true        # query it whenever it is configured, not its snapshot
///         data_tables: true    # queries that read a table of content/data/ run here too
///
/// The address is only ever read from the environment, so that no password is written in a
/// file of the repository.
public struct SourceSetting: Sendable, Hashable {
    public var name: String
    /// The kind of source: `postgres`.
    public var kind: String
    /// The environment variable that holds its address.
    public var variable: String
    /// Query the source (when it is configured) rather than read its snapshot.
    public var refresh = false
    /// Every query that reads a data table (`content/data/*.csv`) runs on this source, whose
    /// tables of the same names hold the same rows: a check that a database gives the site the
    /// CSV files give (scripts/example-postgres), or the way from files to a database.
    public var dataTables = false
    package var location: SourceLocation

    static let keys = ["refresh", "data_tables"]

    /// The address, when the environment gives one.
    public func address(in environment: [String: String]? = nil) -> String? {
        (environment ?? ProcessInfo.processInfo.environment)[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func read(_ node: Node, source: YAMLSource, diagnostics: inout [Diagnostic]) -> [SourceSetting] {
        guard let mapping = YAMLMapping(node, source: source, what: Message(.aName, "sources"), diagnostics: &diagnostics) else { return [] }
        var settings: [SourceSetting] = []
        for pair in mapping.pairs {
            let at = source.location(pair.keyMark)
            let line = source.sourceLine(pair.keyMark)
            guard isIdentifier(pair.key) else {
                diagnostics.append(Diagnostic(.error, at: at, Message(.cannotNameSourceUseLetters, pair.key), sourceLine: line))
                continue
            }
            if settings.contains(where: { $0.name.lowercased() == pair.key.lowercased() }) {
                diagnostics.append(Diagnostic(.error, at: at, Message(.sourceNamedTwiceGiveEach, pair.key), sourceLine: line))
                continue
            }
            guard let entry = YAMLMapping(pair.value, source: source, what: Message(.onTheSource, pair.key), diagnostics: &diagnostics) else { continue }
            let kinds = entry.pairs.filter { !keys.contains($0.key) }
            guard kinds.count == 1, let kind = kinds.first else {
                let known = DataSourceKinds.keys.isEmpty ? "postgres" : DataSourceKinds.keys.joined(separator: ", ")
                diagnostics.append(Diagnostic(.error, at: at, Message(.sourceNeedsOneKindAddress, pair.key, pair.key.uppercased(), known), sourceLine: line))
                continue
            }
            guard case .scalar(let scalar) = kind.value, scalar.string.hasPrefix("env:"),
                  case let variable = String(scalar.string.dropFirst(4)).trimmingCharacters(in: .whitespaces),
                  !variable.isEmpty, variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                diagnostics.append(Diagnostic(.error, at: source.location(kind.keyMark), Message(.addressSourceReadFromEnvironment, kind.key, pair.key.uppercased()), sourceLine: source.sourceLine(kind.keyMark)))
                continue
            }
            var setting = SourceSetting(name: pair.key, kind: kind.key, variable: variable, location: at)
            for (key, flag) in [("refresh", \SourceSetting.refresh), ("data_tables", \SourceSetting.dataTables)] {
                guard let node = entry[key] else { continue }
                if let value = node.bool { setting[keyPath: flag] = value } else {
                    diagnostics.append(Diagnostic(.error, at: entry.location(of: key), Message(.mustTrueFalse, key), sourceLine: source.sourceLine(node.mark)))
                }
            }
            settings.append(setting)
        }
        if settings.filter(\.dataTables).count > 1 {
            diagnostics.append(Diagnostic(.error, at: mapping.location(of: settings.filter(\.dataTables)[1].name), Message(.onlyOneSourceCanHold), sourceLine: nil))
        }
        return settings
    }
}
