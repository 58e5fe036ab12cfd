internal import CCmarkGFM
import StatikCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed Markdown document: a safe Swift face over one cmark-gfm node tree.
///
/// This type owns every `cmark_*` call and pointer in Statik. The tree lives as long as the
/// document; the values it hands out (`CodeBlock`, `TextRun`) carry indices, never pointers.
/// A document is used by one task at a time (it is not `Sendable`).
public final class MarkdownDocument {
    public struct Options: Sendable {
        /// Let raw HTML in the Markdown through to the page (off: it is left out).
        public var unsafeHTML = false
        public init(unsafeHTML: Bool = false) { self.unsafeHTML = unsafeHTML }
    }

    /// A fenced code block: `info` is its info string (`sql per_po`), `literal` its body.
    public struct CodeBlock {
        public let info: String
        public let literal: String
        /// Where the opening fence is (1-based).
        public let line: Int
        public let column: Int
        /// How many lines the opening fence takes before the body (1 for a fenced block).
        public let bodyLineOffset: Int
        /// The column (0-based, in bytes) of the content of the block the fence is in: 0 at the
        /// top of the document, more in a list item (CodeFence).
        public let container: Int
        let index: Int
    }

    /// Where an author wrote raw HTML (reported when raw HTML is off).
    public struct RawHTML {
        public let line: Int
        public let column: Int
        public let literal: String
    }

    private let root: OpaquePointer
    private let options: Options
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer
    private var blockNodes: [OpaquePointer] = []
    /// The Markdown has a `<`: without one it has no raw HTML, and it is not looked for.
    private let hasAngleBracket: Bool
    /// The Markdown, for what a text node can hold: only what it has, and what an entity
    /// (`&#64;`) or a backslash escape can stand for.
    private let markdown: String

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]
    static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Held while cmark-gfm parses a document's inlines (`cmark_parser_finish`).
    ///
    /// cmark-gfm keeps one table for the whole process of the characters that stop a run of
    /// text (`SPECIAL_CHARS`, and `SKIP_CHARS` for delimiters): each document marks its
    /// extensions' characters (`~` of strikethrough, `:` and `w` of autolinks) when its inline
    /// parsing starts and unmarks them when it ends. Pages are parsed in parallel, so a page
    /// whose inline parsing overlapped the end of another's lost its strikethrough and its
    /// bare links (`ConcurrentParseTests`: a few documents in 2 000 differed). Leaving the
    /// characters marked for good is not possible: the extension's list of them is also how
    /// cmark-gfm finds strikethrough's delimiters. Block parsing (`cmark_parser_feed`) and
    /// rendering, most of cmark-gfm's work, still run in parallel.
    static let inlineParsing = Mutex(())

    /// `cmark_parser_finish` under `inlineParsing`.
    static func finish(_ parser: OpaquePointer) -> OpaquePointer? {
        var root: OpaquePointer?
        inlineParsing.withLock { _ in root = cmark_parser_finish(parser) }
        return root
    }

    public init(markdown: String, options: Options = Options()) {
        _ = Self.registered
        self.options = options
        let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        let parser: OpaquePointer = cmark_parser_new(parseOptions)
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        self.markdown = markdown
        var text = markdown
        hasAngleBracket = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
            return buffer.contains(UInt8(ascii: "<"))
        }
        self.parser = parser
        root = Self.finish(parser)!
        extensions = cmark_parser_get_syntax_extensions(parser)
        cmark_consolidate_text_nodes(root)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    // MARK: - Walking

    /// The links and images of the document, as `links(in:)` finds them in its Markdown: ask
    /// before changing the document, so that the page is parsed once, not once more for its
    /// link checks.
    public func links() -> [MarkdownLink] { linkNodes().map(Self.link) }

    /// The link and image nodes, found once: no pass adds or removes one (code blocks hold
    /// none, text rewriting replaces text nodes only, a heading's id moves its children).
    private var foundLinkNodes: [OpaquePointer]?

    private func linkNodes() -> [OpaquePointer] {
        if let foundLinkNodes { return foundLinkNodes }
        let found = Self.linkNodes(under: root)
        foundLinkNodes = found
        return found
    }

    /// Every node in document order (entering events only).
    private func nodes() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let iter = cmark_iter_new(root)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) {
                result.append(node)
            }
        }
        return result
    }

    /// Every block node in document order, without going into any inline content: a block's
    /// children are all blocks or all inlines, and most nodes of a page of prose are inlines in
    /// its paragraphs (the passes that look for headings, code blocks and paragraphs walked
    /// them all: a fifth of rendering a page's Markdown, perf).
    private func blockNodesInOrder() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var pending: [OpaquePointer] = []
        var next = cmark_node_first_child(root)
        while true {
            if let node = next, Self.isBlock(node) {
                result.append(node)
                if let sibling = cmark_node_next(node) { pending.append(sibling) }
                next = cmark_node_first_child(node)
            } else if let resume = pending.popLast() {
                next = resume
            } else {
                return result
            }
        }
    }

    private static func isBlock(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type(node).rawValue & 0xC000 == 0x8000  // CMARK_NODE_TYPE_MASK, CMARK_NODE_TYPE_BLOCK
    }

    /// The fenced code blocks, in document order.
    public func fencedCodeBlocks() -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        for node in blockNodesInOrder() where cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { continue }
            blockNodes.append(node)
            blocks.append(CodeBlock(
                info: string(cmark_node_get_fence_info(node)),
                literal: string(cmark_node_get_literal(node)),
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node)),
                bodyLineOffset: 1,
                container: max(0, Int(cmark_node_get_start_column(node)) - 1 - Int(offset)),
                index: blockNodes.count - 1
            ))
        }
        return blocks
    }

    /// The lines (1-based, in the Markdown) where a paragraph starts whose every line begins
    /// with `|` and has another `|`: a table written without its delimiter row (`|---|---|`),
    /// which CommonMark shows as a paragraph of pipes.
    public func paragraphsOfTableRows() -> [Int] {
        blockNodesInOrder().compactMap { node in
            guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, Self.mayStartWithBar(node) else { return nil }
            var lines = [""]
            var child = cmark_node_first_child(node)
            while let inline = child {
                switch cmark_node_get_type(inline) {
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: lines.append("")
                case CMARK_NODE_TEXT: lines[lines.count - 1] += string(cmark_node_get_literal(inline))
                default: lines[lines.count - 1] += "·"
                }
                child = cmark_node_next(inline)
            }
            let rows = lines.map { $0.drop { $0 == " " || $0 == "\t" } }
            guard rows.count >= 2, rows.allSatisfy({ $0.hasPrefix("|") && $0.dropFirst().contains("|") }) else { return nil }
            return Int(cmark_node_get_start_line(node))
        }
    }

    /// False when a paragraph's first line cannot begin with `|`: its first inline is not text
    /// (a mark, a link, a break), or is text whose first character but spaces and tabs is
    /// another. Most paragraphs are prose: they are passed over without their lines being made
    /// (which was 3 % of a build of 1 000 pages, perf).
    private static func mayStartWithBar(_ paragraph: OpaquePointer) -> Bool {
        guard let first = cmark_node_first_child(paragraph) else { return false }
        guard cmark_node_get_type(first) == CMARK_NODE_TEXT else { return false }
        guard let literal = cmark_node_get_literal(first) else { return true }
        var p = literal
        while p.pointee == UInt8(ascii: " ") || p.pointee == UInt8(ascii: "\t") { p += 1 }
        return p.pointee == 0 || p.pointee == UInt8(ascii: "|")
    }

    /// Raw HTML that the author wrote (blocks and inline), in document order.
    public func rawHTML() -> [RawHTML] {
        guard hasAngleBracket else { return [] }
        return nodes().compactMap { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { return nil }
            return RawHTML(
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node)),
                literal: string(cmark_node_get_literal(node))
            )
        }
    }

    // MARK: - Rewriting

    /// Puts generated HTML where the block was. The HTML goes through even in safe mode: it is
    /// the generator's own, not the author's.
    public func replace(_ block: CodeBlock, withHTML html: String) {
        let node = blockNodes[block.index]
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        cmark_node_replace(node, custom)
        cmark_node_free(node)
        blockNodes[block.index] = custom
    }

    /// Takes the block out of the page.
    public func remove(_ block: CodeBlock) {
        replace(block, withHTML: "")
    }

    /// Calls `transform` with the text of every text node (not code, not HTML, not URLs) and
    /// its position; a non-nil answer replaces the text. The new text is still text: the
    /// renderer escapes it, so it can never become Markdown or HTML.
    public func rewriteText(_ transform: (_ text: String, _ line: Int, _ column: Int) throws -> String?) rethrows {
        for node in nodes() where cmark_node_get_type(node) == CMARK_NODE_TEXT {
            let text = string(cmark_node_get_literal(node))
            if let replacement = try transform(
                text, Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))
            ) {
                cmark_node_set_literal(node, replacement)
            }
        }
    }

    /// A piece of a text node's new contents: text (escaped as always), or text inside the
    /// generator's own element (`<data …>7 674</data>`, a figure marked for `statik diff`): the
    /// element's tags go through even in safe mode, its text is still text (escaped by the
    /// renderer, part of the heading it is in, and so of its `id`).
    public enum Inline: Sendable {
        case text(String)
        case element(open: String, text: String, close: String)
    }

    /// As `rewriteText`, but the answer may mix text and generated inline HTML.
    /// `containing`: only text nodes whose text holds it are passed to `transform` (found in
    /// the node's bytes, without making a Swift string of every text of the page).
    /// `outsideLinks`: text inside a link (an autolink's address too) is left as it is.
    public func rewriteTextWithInlines(containing needle: StaticString? = nil, outsideLinks: Bool = false,
                                       _ transform: (_ text: String, _ line: Int, _ column: Int) throws -> [Inline]?) rethrows {
        if let needle, needle.hasPointerRepresentation, !mayHaveText(needle) { return }
        for node in nodes() where cmark_node_get_type(node) == CMARK_NODE_TEXT {
            if outsideLinks && Self.isInLink(node) { continue }
            let literal = cmark_node_get_literal(node)
            // A StaticString of more than one scalar is bytes ending in a NUL, as strstr needs.
            if let needle, needle.hasPointerRepresentation {
                let cNeedle = UnsafeRawPointer(needle.utf8Start).assumingMemoryBound(to: CChar.self)
                guard let literal, strstr(literal, cNeedle) != nil else { continue }
            }
            let text = string(literal)
            guard let pieces = try transform(text, Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))) else { continue }
            if pieces.count == 1, case .text(let only) = pieces[0] {
                cmark_node_set_literal(node, only)
                continue
            }
            for piece in pieces {
                switch piece {
                case .text(let literal):
                    guard !literal.isEmpty, let new = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                    cmark_node_set_literal(new, literal)
                    cmark_node_insert_before(node, new)
                case .element(let open, let text, let close):
                    guard let new = cmark_node_new(CMARK_NODE_CUSTOM_INLINE), let inner = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                    cmark_node_set_on_enter(new, open)
                    cmark_node_set_on_exit(new, close)
                    cmark_node_set_literal(inner, text)
                    cmark_node_append_child(new, inner)
                    cmark_node_insert_before(node, new)
                }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// False when no text node can hold `needle`: the Markdown has neither it, nor `&` or `\`
    /// (an entity or an escape can make any character).
    private func mayHaveText(_ needle: StaticString) -> Bool {
        var text = markdown
        return text.withUTF8 { bytes in
            let haystack = UnsafeRawBufferPointer(bytes)
            return ["&", "\\", needle].contains { (wanted: StaticString) in
                bytesOccur(UnsafeRawBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount), in: haystack)
            }
        }
    }

    private static func isInLink(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let p = parent {
            if cmark_node_get_type(p) == CMARK_NODE_LINK { return true }
            parent = cmark_node_parent(p)
        }
        return false
    }

    /// Calls `transform` with the address of every link and image and its position; a non-nil
    /// answer replaces the address (the renderer escapes it as an attribute).
    public func rewriteURLs(_ transform: (_ url: String, _ line: Int, _ column: Int) throws -> String?) rethrows {
        for node in linkNodes() {
            let url = string(cmark_node_get_url(node))
            if let replacement = try transform(url, Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))) {
                cmark_node_set_url(node, replacement)
            }
        }
    }

    /// A heading as the reader sees it.
    public struct Heading {
        public let level: Int
        public let text: String
        public let line: Int
        public let column: Int
    }

    /// Gives every heading an `id` made by `makeID` from its text, so it can be linked to, and
    /// answers the headings in document order.
    @discardableResult
    public func addHeadingIDs(_ makeID: (_ text: String) -> String) -> [Heading] {
        var headings: [Heading] = []
        for node in blockNodesInOrder() where cmark_node_get_type(node) == CMARK_NODE_HEADING {
            let level = cmark_node_get_heading_level(node)
            let text = plainText(of: node)
            headings.append(Heading(level: Int(level), text: text, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
            let id = makeID(text)
            guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(custom, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(custom, "</h\(level)>\n")
            while let child = cmark_node_first_child(node) {
                cmark_node_append_child(custom, child)
            }
            cmark_node_replace(node, custom)
            cmark_node_free(node)
        }
        return headings
    }

    /// The text of a node and its descendants, as a reader sees it.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iter = cmark_iter_new(node)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += string(cmark_node_get_literal(n))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    // MARK: - Rendering

    public func renderHTML() -> String {
        var renderOptions = CMARK_OPT_FOOTNOTES
        if options.unsafeHTML { renderOptions |= CMARK_OPT_UNSAFE }
        guard let html = cmark_render_html(root, renderOptions, extensions) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
