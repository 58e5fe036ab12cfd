import Mustache
import StatikCore

/// HTML as Statik escapes it everywhere else (`escapeHTML`), for Mustache's `{{ }}`.
package struct EscapedHTML: MustacheContentType {
    package static let name = "StatikHTML"
    package init() {}
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}
