import Foundation
import StatikCore
import StatikMarkdown

/// Intranet-only parts of a page: a fenced block with the info string `intranet` whose body is
/// Markdown like the rest of the page (queries, tables and values included):
///
///     ````intranet
///     ## Kontaktperson
///     ```sql kontakt
///     SELECT … FROM kontaktpersoner WHERE region = :region
///     ```
///     ````
///
/// The filter works on the text, before the Markdown is parsed: in the public edition the
/// block is blanked out, so nothing in it is ever parsed, queried or rendered; in the intranet
/// edition only its fences are. Blank lines keep every line number where the author sees it.
struct EditionFilter {
    /// An intranet-only block: where it is, and its text.
    struct Block: Sendable {
        var line: Int
        var text: String
        /// The body's lines it takes, its fences included (0-based).
        var bodyLines: ClosedRange<Int>
    }

    var edition: Edition

    /// The body for this edition, and the intranet-only blocks found in it.
    /// `firstLine` is the line of the file the body starts on.
    func apply(_ body: String, firstLine: Int) -> (body: String, blocks: [Block]) {
        // Most pages have no intranet block: a block's fence names it, so a body without the
        // word has none, and is kept as it is without being split into lines.
        guard body.containsBytes("intranet") else { return (body, []) }
        let lines = body.lines
        var out: [Substring] = []
        out.reserveCapacity(lines.count)
        var blocks: [Block] = []
        var code: CodeFence?  // inside an ordinary fenced code block
        var intranet: (fence: CodeFence, start: Int, text: [Substring])?
        var innerCode: CodeFence?  // a code block inside the intranet block
        for (i, line) in lines.enumerated() {
            if var block = intranet {
                if let fence = innerCode {
                    if fence.role(of: line) == .closing { innerCode = nil }
                } else if block.fence.role(of: line) == .closing {
                    blocks.append(Block(line: block.start, text: block.text.joined(separator: "\n"), bodyLines: (block.start - firstLine)...i))
                    intranet = nil
                    out.append("")
                    continue
                } else if let fence = CodeFence(opening: line) {
                    innerCode = fence
                }
                block.text.append(line)
                intranet = block
                out.append(edition == .intranet ? line : "")
                continue
            }
            if let fence = code {
                if fence.role(of: line) == .closing { code = nil }
                out.append(line)
                continue
            }
            if let fence = CodeFence(opening: line) {
                if fence.info(of: line).split(whereSeparator: \.isWhitespace).first == "intranet" {
                    intranet = (fence, firstLine + i, [])
                    out.append("")
                    continue
                }
                code = fence
            }
            out.append(line)
        }
        if let block = intranet {
            // Never closed: it runs to the end of the page, as an unclosed code fence does.
            blocks.append(Block(line: block.start, text: block.text.joined(separator: "\n"), bodyLines: (block.start - firstLine)...(lines.count - 1)))
        }
        return (out.joined(separator: "\n"), blocks)
    }
}

/// Text that must never be in the public edition: the prose of intranet-only pages and
/// blocks. A public build looks for each phrase in everything it is about to write.
package struct Fingerprint: Sendable, Equatable {
    package var file: String
    package var line: Int
    package var phrase: String

    /// The phrases of a piece of Markdown worth looking for: its prose lines, stripped of
    /// Markdown marks, long enough not to match by chance.
    static func phrases(in text: String, file: String, firstLine: Int) -> [Fingerprint] {
        var result: [Fingerprint] = []
        var code: CodeFence?
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let fence = code {
                if fence.role(of: line) == .closing { code = nil }
                continue
            }
            if let fence = CodeFence(opening: line) {
                code = fence
                continue
            }
            var phrase = line.trimming(" \t\r#>*-+|_`")
            guard !phrase.contains("{{") else {
                // Values differ from the source text; keep the longest literal run.
                phrase = phrase.components(separatedBy: "{{").map { $0.components(separatedBy: "}}").last ?? "" }.max { $0.count < $1.count } ?? ""
                phrase = phrase.trimming(" \t")
                guard phrase.count >= 24 else { continue }
                result.append(Fingerprint(file: file, line: firstLine + i, phrase: phrase))
                continue
            }
            guard phrase.count >= 24, !phrase.contains("*"), !phrase.contains("["), !phrase.contains("_") else { continue }
            result.append(Fingerprint(file: file, line: firstLine + i, phrase: phrase))
        }
        return result
    }
}
