import StatikCore
import StatikData
import Yams
import StatikContent
import StatikOutput
import StatikSources

/// ```` ```check NAME ````: SQL on the page that finds the rows breaking a rule, run with the
/// page's parameters; it may read the page's queries (raw, before disclosure control, as the
/// rule is about the data). It shows nothing; a failed check fails the build.
enum CheckBlock: PageBlock {
    static let kind = "check"
    static let takesSuppressOption = false
    static let runsOwnSQL = true

    static func render(_ use: PageBlockUse, in context: inout PageBlockContext) -> String? {
        var sql = use.text
        while let last = sql.last, last.isWhitespace || last == ";" { sql.removeLast() }
        let check = QueryBlock(name: use.name, sql: sql, line: use.options.firstLine, column: use.location.column)
        context.tablesRead.formUnion(check.tableReferences.map(\.key))
        let (composed, _, uses, bound) = check.composed(earlier: context.queries, withheld: [:], given: context.given)
        context.used.formUnion(uses.map { $0.lowercased() })
        if uses.contains(where: { context.failed.contains($0.lowercased()) }) { return nil }
        context.checks += 1
        let dataCheck = DataCheck(name: use.name, sql: composed, location: use.location, sourceLine: use.sourceLine)
        if let failure = dataCheck.run(on: context.store, parameters: context.page.frontMatter.params.merging(bound) { _, own in own }) {
            context.diagnostics.append(failure)
        }
        return nil
    }
}
