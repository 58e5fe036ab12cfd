package import Foundation
import StatikCore
import StatikHTMLText
package import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// The search page (`sok/`): the search box (Pagefind's, with JavaScript) over an A–Ö index of
/// every page and every table of the site, which is what a reader gets without JavaScript.
package enum SearchPage {
    package struct Entry: Sendable {
        var title: String
        var url: String
        /// The page a table is on (nil: the entry is a page).
        var page: String?
    }

    /// Pages and table captions, by their first letter (Swedish order: … X Y Z Å Ä Ö).
    package static func alphabetical(pages: [(path: String, title: String, html: Data)], root: String) -> [(letter: String, entries: [Entry])] {
        var entries: [Entry] = []
        for (path, title, html) in pages {
            let address = root + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            entries.append(Entry(title: title, url: address, page: nil))
            let text = String(decoding: html, as: UTF8.self)
            var rest = text[...]
            while let open = rest.range(of: "<caption id=\""), let idEnd = rest[open.upperBound...].firstIndex(of: "\""),
                  let close = rest[idEnd...].range(of: "</caption>") {
                let id = String(rest[open.upperBound..<idEnd]).replacingOccurrences(of: "-rubrik", with: "")
                guard let start = rest[idEnd...].firstIndex(of: ">") else { break }
                let caption = CharacterReferences.decode(rest[rest.index(after: start)..<close.lowerBound])
                // A chart's own data table (under "Visa tabell") is its chart's: not listed twice.
                if !id.hasSuffix("-tabell") { entries.append(Entry(title: caption, url: address + "#" + id, page: title)) }
                rest = rest[close.upperBound...]
            }
        }
        let sorted = entries.sorted { key($0.title) < key($1.title) }
        var groups: [(letter: String, entries: [Entry])] = []
        for entry in sorted {
            let letter = entry.title.uppercased().first.map { order.contains($0) ? String($0) : "#" } ?? "#"
            if groups.last?.letter == letter { groups[groups.count - 1].entries.append(entry) } else { groups.append((letter, [entry])) }
        }
        return groups
    }

    static let order = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"

    /// A title's place in Swedish order. (A title may be empty: a page whose front matter could
    /// not be read, or a caption with no text; it sorts first, under #.)
    static func key(_ s: String) -> (Int, String) {
        let place = s.uppercased().first.flatMap { order.firstIndex(of: $0) }
        return (place.map { order.distance(from: order.startIndex, to: $0) } ?? -1, s.lowercased())
    }

    /// What the search can be narrowed by: each `search_filters:` name of `pages`, with every
    /// value they give it, in Swedish order.
    package static func filterChoices(_ pages: [PageSource]) -> [FilterChoice] {
        var values: [String: Set<String>] = [:]
        for page in pages {
            for filter in page.frontMatter.searchFilters { values[filter.name, default: []].insert(filter.value) }
        }
        return values.keys.sorted { key($0) < key($1) }.map { name in
            FilterChoice(name: name, values: values[name]!.sorted { key($0) < key($1) })
        }
    }
}
