import Mustache
import StatikCore

/// HTML as Statik escapes it everywhere else (`escapeHTML`), for Mustache's `{{ }}`.
struct EscapedHTML: MustacheContentType {
    static let name = "StatikHTML"
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}
