package import StatikCore
package import StatikData
import Yams

/// What must hold of the data, stated in SQL: a check passes when its query finds no rows, the
/// rows that break the rule. A failed check fails the build, at the check's line, with its
/// name and the first rows it found.
///
/// In a page:
///
///     ```check deltagare_summerar
///     -- every row where the parts do not add up to the total
///     SELECT programomrade FROM deltagare_po WHERE kvinnor + man <> totalt
///     ```
///
/// In a data file's description, run once per build, with short forms for the usual rules:
///
///     checks:
///       - sum: totalt                 # totalt = kvinnor + man, on every row
///         of: [kvinnor, man]
///       - unique: programomrade       # no value twice (a key)
///       - not_null: [kvinnor, man]    # no empty cell
///       - range: andel                # every value from min to max
///         min: 0
///         max: 100
///       - total: andel                # the column adds up to 100, within rounding, per group
///         equals: 100
///         tolerance: 1
///         per: [ar]
///       - name: po_2_och_po_3         # any rule, as SQL that finds the rows breaking it
///         sql: SELECT … FROM deltagare_po WHERE …
package struct DataCheck: Sendable, Hashable {
    var name: String
    /// The rows that break the rule.
    var sql: String
    var location: SourceLocation
    var sourceLine: String?

    package init(name: String, sql: String, location: SourceLocation, sourceLine: String? = nil) {
        self.name = name
        self.sql = sql
        self.location = location
        self.sourceLine = sourceLine
    }

    /// How many offending rows a message shows.
    static let rowsShown = 5

    /// Runs the check; a diagnostic when it found rows (or its SQL fails).
    package func run(on store: DataStore, parameters: [String: Value] = [:], pages: String? = nil) -> Diagnostic? {
        let result: QueryResult
        do {
            result = try store.run(sql, parameters: parameters)
        } catch {
            return Diagnostic(.error, at: location, Message(.check, name, error.message), sourceLine: sourceLine)
        }
        guard !result.rows.isEmpty else { return nil }
        let shown = result.rows.prefix(Self.rowsShown).map { row in
            "(" + zip(result.columns, row).map { "\($0) = \($1 == .null ? "NULL" : $1.plainText)" }.joined(separator: ", ") + ")"
        }
        let count = result.rows.count
        let more = count > Self.rowsShown ? Message(.andMore, count - Self.rowsShown) : Message(.nothing)
        return Diagnostic(.error, at: location, count == 1 ? Message(.checkFailedOneRow, name, shown.joined(separator: "; ")) : Message(.checkFailedRows, name, count, shown.joined(separator: "; "), more), sourceLine: sourceLine)
    }

    /// The checks under `checks:` of a description of `table`, short forms made into SQL.
    static func read(_ node: Node, table: String, mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> [DataCheck] {
        let source = mapping.source
        guard case .sequence(let items) = node else {
            diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.checksMustListLineUnique), sourceLine: source.sourceLine(node.mark)))
            return []
        }
        let kinds = ["sum", "unique", "not_null", "range", "total", "sql"]
        var checks: [DataCheck] = []
        for (index, item) in items.enumerated() {
            let at = source.location(item.mark)
            let line = source.sourceLine(item.mark)
            guard let entry = YAMLMapping(item, source: source, what: Message(.mapACheck), diagnostics: &diagnostics) else { continue }
            entry.warnUnknownKeys(allowed: kinds + ["name", "of", "min", "max", "equals", "tolerance", "per"], what: Message(.whatCheckSetting), into: &diagnostics)
            let given = kinds.filter { entry[$0] != nil }
            guard given.count == 1, let kind = given.first else {
                diagnostics.append(Diagnostic(.error, at: at, Message(.checkHasOneRuleOne, kinds.joined(separator: ", ")), sourceLine: line))
                continue
            }
            func names(_ key: String) -> [String]? {
                switch entry[key] {
                case .scalar(let s)?: return [s.string]
                case .sequence(let list)?: return list.compactMap(\.string)
                default: return nil
                }
            }
            func quoted(_ column: String) -> String { quoteIdentifier(column) }
            func number(_ key: String) -> Double? {
                guard let node = entry[key] else { return nil }
                guard let text = node.string, let x = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                    diagnostics.append(Diagnostic(.error, at: entry.location(of: key), Message(.mustNumber, key), sourceLine: line))
                    return nil
                }
                return x
            }
            let t = quoted(table)
            var sql: String?
            var label = kind
            switch kind {
            case "sql":
                sql = entry.string("sql", into: &diagnostics)
            case "unique":
                if let columns = names("unique") {
                    let list = columns.map(quoted).joined(separator: ", ")
                    sql = "SELECT \(list), count(*) AS antal FROM \(t) GROUP BY \(list) HAVING count(*) > 1"
                    label = "unique \(columns.joined(separator: ", "))"
                }
            case "not_null":
                if let columns = names("not_null") {
                    sql = "SELECT * FROM \(t) WHERE " + columns.map { "\(quoted($0)) IS NULL" }.joined(separator: " OR ")
                    label = "not_null \(columns.joined(separator: ", "))"
                }
            case "range":
                if let column = names("range")?.first {
                    let min = number("min"), max = number("max")
                    if min == nil && max == nil {
                        diagnostics.append(Diagnostic(.error, at: at, Message(.rangeCheckNeedsMinMax), sourceLine: line))
                    } else {
                        let c = quoted(column)
                        let tests = [min.map { "\(c) < \($0)" }, max.map { "\(c) > \($0)" }].compactMap { $0 }
                        sql = "SELECT * FROM \(t) WHERE \(tests.joined(separator: " OR "))"
                        label = "range \(column)"
                    }
                }
            case "sum":
                if let total = names("sum")?.first {
                    guard let parts = names("of"), !parts.isEmpty else {
                        diagnostics.append(Diagnostic(.error, at: at, Message(.sumCheckNeedsPartsSum), sourceLine: line))
                        continue
                    }
                    let sum = parts.map { "coalesce(\(quoted($0)), 0)" }.joined(separator: " + ")
                    sql = "SELECT *, \(sum) AS summa FROM \(t) WHERE \(quoted(total)) IS NOT NULL AND \(quoted(total)) <> \(sum)"
                    label = "sum \(total) = \(parts.joined(separator: " + "))"
                }
            case "total":
                if let column = names("total")?.first {
                    let equals = number("equals") ?? 100
                    let tolerance = number("tolerance") ?? 0
                    let per = names("per") ?? []
                    let group = per.map(quoted).joined(separator: ", ")
                    let c = quoted(column)
                    sql = "SELECT \(group.isEmpty ? "" : group + ", ")sum(\(c)) AS summa FROM \(t)\(group.isEmpty ? "" : " GROUP BY " + group) HAVING abs(sum(\(c)) - \(equals)) > \(tolerance)"
                    label = "total \(column) = \(equals == equals.rounded() && abs(equals) < 1e15 ? String(Int64(equals)) : String(equals))"
                }
            default:
                break
            }
            guard let sql else {
                if diagnostics.last?.location != at {
                    diagnostics.append(Diagnostic(.error, at: at, Message(.checkNeedsColumnNameKvinnor, kind, kind), sourceLine: line))
                }
                continue
            }
            let name = entry.string("name", into: &diagnostics) ?? "\(table) #\(index + 1) (\(label))"
            checks.append(DataCheck(name: name, sql: sql, location: at, sourceLine: line))
        }
        return checks
    }
}
