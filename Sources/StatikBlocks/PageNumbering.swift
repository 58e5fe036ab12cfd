package import StatikCore
import StatikYAML
import StatikContent

/// A block's label (`label: tbl-namn`, or `{#tbl-namn}` after its name on the fence line) and
/// where it is written.
package struct BlockLabel: Sendable, Hashable {
    package var text: String
    package var location: SourceLocation

    package init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// `{#tbl-namn}` among the words after a block's name on its fence line, and the word's
    /// place among them.
    package static func fenceWord(_ words: [String]) -> (label: String, index: Int)? {
        for (i, word) in words.enumerated() where word.hasPrefix("{#") && word.hasSuffix("}") && word.count > 3 {
            return (String(word.dropFirst(2).dropLast()), i)
        }
        return nil
    }
}

/// Automatic numbering of tables and figures (issue 34): one pass over the page's blocks,
/// before any is rendered, gives each labelled table and chart its number (CrossReferences);
/// the blocks then number their captions and resolve references in their texts with it, and
/// the page its prose (PageRenderer). A page made per region numbers its own blocks.
extension PageBlockContext {
    /// The pass: the labels of the page's blocks in page order. Problems (a label given twice,
    /// a label of the other kind) go into `diagnostics`.
    package mutating func numberBlocks(_ blocks: [(kind: any PageBlock.Type, use: PageBlockUse)]) {
        var labels: [(label: String, id: String, location: SourceLocation, kind: CrossReferences.Kind)] = []
        for (kind, use) in blocks {
            guard let numbered = kind.numbered, let label = use.label ?? kind.label(use, in: &self) else { continue }
            labels.append((label.text, label.text, label.location, numbered))
        }
        var problems: [CrossReferences.Problem] = []
        references = CrossReferences(labels: labels, problems: &problems)
        diagnostics += problems.map(\.diagnostic)
    }

    /// A block's element id: its label, when the label numbers it; otherwise `fallback`
    /// (`tabell-NAME`, `diagram-NAME`), made unique on the page as before. `key`: the
    /// unlabelled id in either case, the block's mark for `statik diff`, which so knows a
    /// table by its query whether it has a label or not. File names never follow the label.
    mutating func blockID(label: String?, fallback: String) -> (id: String, key: String) {
        let key = uniqueID(fallback)
        if let label, references.targets[label] != nil, !ids.contains(label) {
            ids.insert(label)
            return (label, key)
        }
        return (key, key)
    }

    /// A caption (a table's, a chart's title) as every place shows it — the page, the chart's
    /// text alternative, the files, the open-data catalogue: references in it as plain words
    /// (`tabell 2`), and a labelled block's number in front (`Tabell 1: …`).
    mutating func caption(_ text: String?, label: String?, at location: SourceLocation) -> String? {
        let resolved = text.map { plain($0, at: location) }
        return references.caption(resolved, label: label, words: ReaderWords.of(page.language))
    }

    /// A block's `note:`: as text (for the files) and as HTML, escaped, each reference a link
    /// to its block.
    mutating func note(_ text: String, at location: SourceLocation) -> (text: String, html: String) {
        let words = ReaderWords.of(page.language)
        let plain = plain(text, at: location)
        var problems: [CrossReferences.Problem] = []  // said once, by `plain`
        let html = references.resolve(text, at: location, problems: &problems, other: { escapeHTML(String($0)) }) { reference in
            "<a href=\"#\(escapeHTML(reference.target.id))\">\(escapeHTML(CrossReferences.word(for: reference, words: words)))</a>"
        }
        return (plain, html)
    }

    private mutating func plain(_ text: String, at location: SourceLocation) -> String {
        guard text.containsBytes("@") else { return text }
        let words = ReaderWords.of(page.language)
        var problems: [CrossReferences.Problem] = []
        let resolved = references.resolve(text, at: location, problems: &problems) { CrossReferences.word(for: $0, words: words) }
        diagnostics += problems.map(\.diagnostic)
        return resolved
    }
}

extension YAMLMapping {
    /// Where the text of the option `key` starts (after its opening quote, if it has one).
    func textLocation(_ key: String) -> SourceLocation? {
        guard let node = self[key] else { return nil }
        var at = valueLocation(node)
        if let line = source.sourceLine(node.mark), let mark = node.mark, mark.column >= 1, mark.column <= line.count,
           ["\"", "'"].contains(line[line.index(line.startIndex, offsetBy: mark.column - 1)]) {
            at.column += 1
        }
        return at
    }

    /// The option `key` as a block's label.
    func label(_ key: String = "label", into diagnostics: inout [Diagnostic], default location: SourceLocation) -> BlockLabel? {
        string(key, into: &diagnostics).map { BlockLabel(text: $0, location: textLocation(key) ?? location) }
    }
}
