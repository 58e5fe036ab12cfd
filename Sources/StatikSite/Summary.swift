public import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender

/// The one line a build ends with: what was built, how many queries, how long it took.
public struct Summary: Sendable {
    public let line: String

    public init(_ report: BuildReport, sourceDirectory: URL) {
        let seconds = Double(report.duration.components.seconds) + Double(report.duration.components.attoseconds) / 1e18
        let time = String(format: "%.2f s", seconds)
        let errors = report.diagnostics.errors.count + report.commandLineErrors.count, warnings = report.diagnostics.warnings.count
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        let problems = counts.isEmpty ? "" : ", " + counts.joined(separator: ", ")
        let queries = "\(report.queries) quer\(report.queries == 1 ? "y" : "ies")" + (report.cachedQueries > 0 ? " (\(report.cachedQueries) from cache)" : "")
            + (report.checks > 0 ? ", \(report.checks) check\(report.checks == 1 ? "" : "s")" : "")
        if report.succeeded {
            let where_ = report.output.map { " → " + SiteCheck.displayPath($0) } ?? ""
            let count = report.scheduled.count
            let scheduled = report.scheduled.first.map { "; \(count) page\(count == 1 ? "" : "s") scheduled, the next at \($0.at) (\($0.file))" } ?? ""
            // Pages kept from the last build (the render cache) are counted, and said.
            let reused = report.reusedPages > 0 ? " (\(report.reusedPages) unchanged)" : ""
            line = "Built \(report.pages) page\(report.pages == 1 ? "" : "s")\(reused), \(queries) in \(time)\(where_)\(problems)\(scheduled)"
        } else if report.refused {
            line = "Build refused\(problems): nothing was written"
        } else {
            line = "Build failed\(problems): \(report.pages) page\(report.pages == 1 ? "" : "s"), \(queries) in \(time); nothing was written"
        }
    }

}
