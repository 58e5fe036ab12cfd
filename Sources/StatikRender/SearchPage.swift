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
            for (id, caption) in captions(in: html) where !id.hasSuffix("-tabell") {
                // (A chart's own data table, under "Visa tabell", is its chart's: not listed twice.)
                entries.append(Entry(title: caption, url: address + "#" + id, page: title))
            }
        }
        // Each title's place made once, not at each comparison (the sort is stable either way).
        let sorted = entries.map { (key: key($0.title), entry: $0) }.sorted { $0.key < $1.key }.map(\.entry)
        var groups: [(letter: String, entries: [Entry])] = []
        for entry in sorted {
            let letter = entry.title.uppercased().first.map { order.contains($0) ? String($0) : "#" } ?? "#"
            if groups.last?.letter == letter { groups[groups.count - 1].entries.append(entry) } else { groups.append((letter, [entry])) }
        }
        return groups
    }

    static let order = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"

    /// A page's table captions: the id of each (`-rubrik` left out) and its text. Found in the
    /// page's bytes (searched as a String through Foundation, this was a sixth of a preview's
    /// save on the example site).
    static func captions(in html: Data) -> [(id: String, text: String)] {
        let open = Array("<caption id=\"".utf8), close = Array("</caption>".utf8)
        return html.withUnsafeBytes { raw -> [(id: String, text: String)] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var found: [(id: String, text: String)] = []
            var from = 0
            while let start = find(open, in: bytes, from: from),
                  let idEnd = bytes[(start + open.count)...].firstIndex(of: UInt8(ascii: "\"")),
                  let end = find(close, in: bytes, from: idEnd),
                  let tagEnd = bytes[idEnd..<end].firstIndex(of: UInt8(ascii: ">")) {
                let id = String(decoding: bytes[(start + open.count)..<idEnd], as: UTF8.self)
                let text = String(decoding: bytes[(tagEnd + 1)..<end], as: UTF8.self)
                found.append((id.hasSuffix("-rubrik") ? String(id.dropLast("-rubrik".count)) : id, CharacterReferences.decode(text)))
                from = end + close.count
            }
            return found
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `from`.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        needle.withUnsafeBytes { bytesIndex(of: $0, in: UnsafeRawBufferPointer(bytes), from: from) }
    }

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
