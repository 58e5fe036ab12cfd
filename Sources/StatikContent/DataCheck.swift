package import StatikCore
import StatikYAML
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
        guard case .sequence(let items) = node else {
            diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.checksMustListLineUnique), sourceLine: mapping.source.sourceLine(node.mark)))
            return []
        }
        return items.enumerated().compactMap { index, item in
            read(item, index: index, table: table, source: mapping.source, diagnostics: &diagnostics)
        }
    }

    /// The kinds of rule a check may state, each by its key.
    static let kinds = ["sum", "unique", "not_null", "range", "total", "sql"]

    /// The `index`-th check of the list: its one rule made into SQL, named by `name:` or by
    /// the table, its place in the list and the rule. Nil when it cannot be read (the problem
    /// is in `diagnostics`).
    static func read(_ item: Node, index: Int, table: String, source: YAMLSource, diagnostics: inout [Diagnostic]) -> DataCheck? {
        let at = source.location(item.mark)
        let line = source.sourceLine(item.mark)
        guard let mapping = YAMLMapping(item, source: source, what: Message(.mapACheck), diagnostics: &diagnostics) else { return nil }
        mapping.warnUnknownKeys(allowed: kinds + ["name", "of", "min", "max", "equals", "tolerance", "per"], what: Message(.whatCheckSetting), into: &diagnostics)
        let given = kinds.filter { mapping[$0] != nil }
        guard given.count == 1, let kind = given.first else {
            diagnostics.append(Diagnostic(.error, at: at, Message(.checkHasOneRuleOne, kinds.joined(separator: ", ")), sourceLine: line))
            return nil
        }
        let entry = Entry(mapping: mapping, at: at, line: line)
        guard let rule = rule(kind, of: entry, table: quoteIdentifier(table), diagnostics: &diagnostics) else {
            if diagnostics.last?.location != at {
                diagnostics.append(Diagnostic(.error, at: at, Message(.checkNeedsColumnNameKvinnor, kind, kind), sourceLine: line))
            }
            return nil
        }
        let name = mapping.string("name", into: &diagnostics) ?? "\(table) #\(index + 1) (\(rule.label))"
        return DataCheck(name: name, sql: rule.sql, location: at, sourceLine: line)
    }

    /// One entry of `checks:`, and where it stands, for messages.
    struct Entry {
        var mapping: YAMLMapping
        var at: SourceLocation
        var line: String?

        /// The column, or the list of columns, under `key`.
        func names(_ key: String) -> [String]? {
            switch mapping[key] {
            case .scalar(let s)?: return [s.string]
            case .sequence(let list)?: return list.compactMap(\.string)
            default: return nil
            }
        }

        /// The number under `key` (a decimal comma will do); an error when it is something else.
        func number(_ key: String, diagnostics: inout [Diagnostic]) -> Double? {
            guard let node = mapping[key] else { return nil }
            guard let text = node.string, let x = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                diagnostics.append(Diagnostic(.error, at: mapping.location(of: key), Message(.mustNumber, key), sourceLine: line))
                return nil
            }
            return x
        }
    }

    /// A rule: the SQL that finds the rows breaking it, and the rule in words, for the check's
    /// name.
    struct Rule {
        var sql: String
        var label: String
    }

    /// The rule of `kind` stated by `entry`, on the table `t` (quoted). Nil when the entry lacks
    /// what the rule needs.
    static func rule(_ kind: String, of entry: Entry, table t: String, diagnostics: inout [Diagnostic]) -> Rule? {
        switch kind {
        case "sql":
            return entry.mapping.string("sql", into: &diagnostics).map { Rule(sql: $0, label: kind) }
        case "unique":
            return entry.names("unique").map { columns in
                let list = columns.map(quoteIdentifier).joined(separator: ", ")
                return Rule(sql: "SELECT \(list), count(*) AS antal FROM \(t) GROUP BY \(list) HAVING count(*) > 1", label: "unique \(columns.joined(separator: ", "))")
            }
        case "not_null":
            return entry.names("not_null").map { columns in
                Rule(sql: "SELECT * FROM \(t) WHERE " + columns.map { "\(quoteIdentifier($0)) IS NULL" }.joined(separator: " OR "),
                     label: "not_null \(columns.joined(separator: ", "))")
            }
        case "range":
            return entry.names("range")?.first.flatMap { rangeRule($0, entry: entry, table: t, diagnostics: &diagnostics) }
        case "sum":
            return entry.names("sum")?.first.flatMap { sumRule($0, entry: entry, table: t, diagnostics: &diagnostics) }
        case "total":
            return entry.names("total")?.first.map { totalRule($0, entry: entry, table: t, diagnostics: &diagnostics) }
        default:
            return nil
        }
    }

    /// `range: andel` with `min:`, `max:` or both: every value within them.
    static func rangeRule(_ column: String, entry: Entry, table t: String, diagnostics: inout [Diagnostic]) -> Rule? {
        let min = entry.number("min", diagnostics: &diagnostics), max = entry.number("max", diagnostics: &diagnostics)
        if min == nil && max == nil {
            diagnostics.append(Diagnostic(.error, at: entry.at, Message(.rangeCheckNeedsMinMax), sourceLine: entry.line))
            return nil
        }
        let c = quoteIdentifier(column)
        let tests = [min.map { "\(c) < \($0)" }, max.map { "\(c) > \($0)" }].compactMap { $0 }
        return Rule(sql: "SELECT * FROM \(t) WHERE \(tests.joined(separator: " OR "))", label: "range \(column)")
    }

    /// `sum: totalt` `of: [kvinnor, man]`: the total is the sum of its parts on every row.
    static func sumRule(_ total: String, entry: Entry, table t: String, diagnostics: inout [Diagnostic]) -> Rule? {
        guard let parts = entry.names("of"), !parts.isEmpty else {
            diagnostics.append(Diagnostic(.error, at: entry.at, Message(.sumCheckNeedsPartsSum), sourceLine: entry.line))
            return nil
        }
        let sum = parts.map { "coalesce(\(quoteIdentifier($0)), 0)" }.joined(separator: " + ")
        return Rule(sql: "SELECT *, \(sum) AS summa FROM \(t) WHERE \(quoteIdentifier(total)) IS NOT NULL AND \(quoteIdentifier(total)) <> \(sum)",
                    label: "sum \(total) = \(parts.joined(separator: " + "))")
    }

    /// `total: andel`: the column adds up to `equals:` (100), within `tolerance:`, per group
    /// of `per:`.
    static func totalRule(_ column: String, entry: Entry, table t: String, diagnostics: inout [Diagnostic]) -> Rule {
        let equals = entry.number("equals", diagnostics: &diagnostics) ?? 100
        let tolerance = entry.number("tolerance", diagnostics: &diagnostics) ?? 0
        let per = entry.names("per") ?? []
        let group = per.map(quoteIdentifier).joined(separator: ", ")
        let c = quoteIdentifier(column)
        return Rule(sql: "SELECT \(group.isEmpty ? "" : group + ", ")sum(\(c)) AS summa FROM \(t)\(group.isEmpty ? "" : " GROUP BY " + group) HAVING abs(sum(\(c)) - \(equals)) > \(tolerance)",
                    label: "total \(column) = \(equals == equals.rounded() && abs(equals) < 1e15 ? String(Int64(equals)) : String(equals))")
    }
}
