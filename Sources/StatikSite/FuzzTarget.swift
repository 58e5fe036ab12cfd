import Foundation
import StatikCore
import StatikYAML
import StatikData
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender

/// The parsers that read what authors write, fed arbitrary bytes (by the libFuzzer target
/// `StatikFuzz`, and by its replay of a corpus). The first byte chooses the parser, the rest is
/// its input. Nothing here may crash, hang or take memory out of proportion to the input; what
/// it answers does not matter.
public enum FuzzTarget {
    public static let parsers = ["front matter", "table options", "{{ }} values", "CSV", "links"]

    public static func run(_ data: some Collection<UInt8>) {
        guard let selector = data.first else { return }
        let bytes = Array(data.dropFirst())
        let text = String(decoding: bytes, as: UTF8.self)
        var diagnostics: [Diagnostic] = []
        switch Int(selector) % parsers.count {
        case 0:
            let (matter, body, line) = FrontMatter.split(text, file: "content/fuzz.md", diagnostics: &diagnostics)
            _ = (matter.title, body.count, line)
            _ = matter.resolved(with: matter.params, file: "content/fuzz.md", diagnostics: &diagnostics)
        case 1:
            let options = YAMLSource(file: "content/fuzz.md", firstLine: 3, column: 1, text: text)
            let table = TableBlock(query: "q", options: options, location: SourceLocation(file: "content/fuzz.md"), diagnostics: &diagnostics)
            let result = QueryResult(columns: ["programomrade", "kvinnor", "andel"], rows: [[.text("PO 2"), .integer(3547), .real(59.4)], [.null, .integer(0), .real(-0.5)]])
            _ = table.html(result: result, id: "tabell-q", diagnostics: &diagnostics)
        case 2:
            for (_, parsed) in InlineValue.scan(text) {
                if case .success(let value) = parsed { _ = value.format?.string(.real(1234.5)) }
            }
        case 3:
            if let table = try? CSVTable(parsing: bytes) {
                _ = (table.columns, table.types, table.rows.count)
            }
        default:
            let page = PageSource(file: "content/fuzz.md", path: "esf/fuzz/", frontMatter: FrontMatter(), body: text, bodyLine: 1,
                                  folder: "esf", isIndex: false)
            let targets = LinkTargets(address: SiteAddress(root: "/esf-statistik/", origin: "https://example.se"), paths: ["", "esf/", "esf/fuzz/", "css/statik.css"])
            _ = PageLinkCheck(page: page, targets: targets).diagnostics()
            _ = HTMLTokenizer.tokens(text).count
            // The same bytes as SQL, in both dialects.
            _ = (SQLLexer.tokens(in: text).count, SQLLexer.tokens(in: text, dialect: .postgres).count)
        }
    }
}

