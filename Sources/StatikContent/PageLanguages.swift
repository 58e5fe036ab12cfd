package import StatikCore
import StatikMarkdown

/// Pages in more than one language (`language:` per page or per section, docs/languages.md).
///
/// A page's language is its own `language:`, else that of the nearest section above it whose
/// index.md sets one, else the site's. It decides the page's `lang`, the words Statik writes
/// on it (ReaderWords), the notation of its figures (`1,234.5` or `1 234,5`), its dates, and
/// which pages its menu lists (those in its language). Pages with the same `translation_key`
/// translate each other: each links to the others (`hreflang`, a language switch).
package enum PageLanguages {
    /// Sets every page's language.
    package static func resolve(_ pages: inout [PageSource], site: Language) {
        var bySection: [String: Language] = [:]  // folder of an index page → its language
        for page in pages where page.isIndex {
            if let language = page.frontMatter.language { bySection[page.folder] = language }
        }
        for i in pages.indices {
            if let own = pages[i].frontMatter.language {
                pages[i].language = own
                continue
            }
            var folder = pages[i].folder.split(separator: "/").map(String.init)
            var found: Language?
            while found == nil {
                found = bySection[folder.joined(separator: "/")]
                if folder.isEmpty { break }
                folder.removeLast()
            }
            pages[i].language = found ?? site
        }
    }
}
