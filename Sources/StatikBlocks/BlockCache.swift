package import StatikDownloads
import StatikCore
import StatikYAML
import StatikCharts
import StatikData
import Synchronization
import StatikContent
import StatikOutput
import StatikSources

/// Blocks (`table`, `chart`) read so far, with what reading them reported. The pages made from
/// one file have the same blocks at the same lines, and reading the YAML options again for
/// every page cost more than drawing them: a block is a function of its key alone.
///
/// Shared by every page rendered at the same time (and by a session's rebuilds): safe
/// because the key holds everything the block is read from (the options' text, file, place
/// and the parameters they show), so whichever page reads a block first, every page gets the
/// same one, and dropping the entries (the bound below) costs only time.
package final class BlockCache<Block: Sendable>: Sendable {
    struct Key: Hashable, Sendable {
        var query: String
        var file: String
        var firstLine: Int
        var column: Int
        var text: String
        var location: SourceLocation
        /// The page parameters the block shows (`{{ params.x }}` in a chart title); empty when
        /// it shows none, so that all pages of a file share it.
        var params: [String: Value] = [:]

        init(query: String, options: YAMLSource, location: SourceLocation, params: [String: Value] = [:]) {
            self.query = query
            file = options.file
            firstLine = options.firstLine
            column = options.column
            text = options.text
            self.location = location
            self.params = params
        }
    }

    private let entries = Mutex<[Key: (block: Block, diagnostics: [Diagnostic])]>([:])

    /// The block for `key`, made by `read` the first time; its diagnostics are added each time.
    func block(_ key: Key, diagnostics: inout [Diagnostic], read: (inout [Diagnostic]) -> Block) -> Block {
        if let known = entries.withLock({ $0[key] }) {
            diagnostics += known.diagnostics
            return known.block
        }
        var own: [Diagnostic] = []
        let block = read(&own)
        entries.withLock { cache in
            if cache.count >= 4096 { cache.removeAll() }  // a bound for a long preview session
            cache[key] = (block, own)
        }
        diagnostics += own
        return block
    }
}

/// What the pages of a build read once for all of them: their `table` and `chart` blocks, and
/// the map geometry files. Held by the session that builds (kept across a preview's rebuilds)
/// and passed to each page in its RenderEnvironment: no statics.
package final class BlockCaches: Sendable {
    let tables = BlockCache<TableBlock>()
    let charts = BlockCache<ChartBlock>()
    /// Map geometry read so far, by file, size and time of change.
    let geometries = Mutex<[String: MapGeometry]>([:])
    /// Workbook parts that many pages' workbooks share, compressed once.
    package let workbookParts = WorkbookParts()

    package init() {}
}
