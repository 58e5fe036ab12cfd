import Foundation
import StatikCore
import StatikContent
import StatikOutput

/// Where the site goes, settled and checked before anything is read or written, and the
/// transaction that writes it (OutputTransaction).
enum OutputStage {
    /// The folder a build that writes writes to. A build in memory checks only `output:` of
    /// statik.yml (a wrong setting is wrong in a preview too) and answers nil.
    static func folder(options: BuildOptions, config: SiteConfig, siteDirectory: URL, run: inout BuildRun) throws(BuildStopped) -> OutputFolder? {
        guard options.write || (options.output == nil && config.outputLocation != nil) else { return nil }
        switch OutputFolder.resolve(requested: options.write ? options.output : nil, config: config, siteDirectory: siteDirectory) {
        case .failure(let refusal):
            run.report.refused = true
            if let location = refusal.location {
                run.diagnostics.append(Diagnostic(.error, at: location, refusal.message, sourceLine: SiteConfig.line(location.line, in: siteDirectory)))
            } else {
                run.report.commandLineErrors.append(refusal.message)
            }
            throw BuildStopped()
        case .success(let folder) where options.write:
            run.report.output = URL(fileURLWithPath: folder.path)
            return folder
        case .success:
            return nil
        }
    }

    /// The staging folder the pages are written into as they are rendered, published at the
    /// end only if the whole build succeeded; nil for a build in memory.
    static func open(_ folder: OutputFolder?, run: inout BuildRun) throws(BuildStopped) -> OutputTransaction? {
        guard let folder else { return nil }
        do throws(OutputError) {
            let transaction = try OutputTransaction(folder: folder)
            run.report.notes += transaction.notes
            return transaction
        } catch {
            run.report.refused = error.refused
            run.report.commandLineErrors.append(error.message)
            throw BuildStopped()
        }
    }
}
