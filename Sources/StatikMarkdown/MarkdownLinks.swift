internal import CCmarkGFM

/// A link or an image in Markdown, as the author wrote it.
public struct MarkdownLink: Sendable, Equatable {
    public let isImage: Bool
    /// The destination (`../deltagare/`, `bild.png`), as written.
    public let destination: String
    /// The link's text, or the image's alt text, as a reader sees it.
    public let text: String
    /// Where the link starts (`[` or `![`): 1-based line, and column in bytes (as cmark counts).
    public let line: Int
    public let column: Int
}

extension MarkdownDocument {
    /// Every link and image of `markdown`, in document order, parsed as `MarkdownDocument`
    /// parses a page (the same options and extensions), for the build's link checks.
    public static func links(in markdown: String) -> [MarkdownLink] {
        _ = registered
        let parser: OpaquePointer = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8)
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let root = finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        return links(under: root)
    }

    /// The links and images of a node tree, in document order.
    static func links(under root: OpaquePointer) -> [MarkdownLink] {
        linkNodes(under: root).map(link)
    }

    /// The link and image nodes of a node tree, in document order.
    static func linkNodes(under root: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        let iter = cmark_iter_new(root)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { nodes.append(node) }
        }
        return nodes
    }

    static func link(_ node: OpaquePointer) -> MarkdownLink {
        MarkdownLink(
            isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
            destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
            text: plainText(node),
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node))
        )
    }

    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iter = cmark_iter_new(node)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
