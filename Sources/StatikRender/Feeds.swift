import StatikCore
import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// Atom feeds (RFC 4287): one for the whole site (`feed.xml`, every dated list's items) and one
/// per dated list (`aktuellt/feed.xml`). An entry's `updated` is its last change — its date,
/// its update or its newest correction — and a correction is told in the entry's summary, so a
/// feed reader shows the corrected entry as updated. The feed's own `updated` is that of its
/// newest entry, not the build's time: two builds of the same input write the same feed. The
/// site's feed also carries the corrections no list's entry tells (`correctionItems`).
enum Feeds {
    /// The feed's entries, newest first, at most this many.
    static let maximumEntries = 50

    static func atom(title: String, feedPath: String, alternatePath: String, items: [Listings.Item], config: SiteConfig) -> String {
        let language = (Language(code: config.language) ?? .swedish)
        let strings = UIStrings(language)
        let entries = Array(items.sorted { ($0.lastModified, $1.path) > ($1.lastModified, $0.path) }.prefix(maximumEntries))
        let updated = entries.map(\.lastModified).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escapeHTML(config.language))">
          <title>\(escapeHTML(title))</title>
          <id>\(escapeHTML(config.absoluteURL(feedPath)))</id>
          <link rel="self" type="application/atom+xml" href="\(escapeHTML(config.absoluteURL(feedPath)))"/>
          <link rel="alternate" type="text/html" href="\(escapeHTML(config.absoluteURL(alternatePath)))"/>
          <updated>\(updated)</updated>
          <author><name>\(escapeHTML(config.title))</name></author>
          <generator>Statik</generator>

        """
        for item in entries {
            var summary = item.description ?? ""
            if let correction = item.corrections.first {
                let note = "\(strings.correction) \(correction.date.text(language)): \(correction.text)"
                summary = summary.isEmpty ? note : "\(note) \(summary)"
            }
            let id = config.absoluteURL(item.path) + (item.fragment.map { "#" + $0 } ?? "")
            xml += """
              <entry>
                <title>\(escapeHTML(item.title))</title>
                <id>\(escapeHTML(id))</id>
                <link rel="alternate" type="text/html" href="\(escapeHTML(config.absoluteURL(item.path)))"/>
                <published>\(item.date.rfc3339)</published>
                <updated>\(item.lastModified.rfc3339)</updated>

            """
            if !summary.isEmpty { xml += "    <summary>\(escapeHTML(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The site feed's entries for corrections that no list's entry tells: one for each
    /// correction of a page in no dated list (`listed`: the pages of the lists), and one for each correction of a data
    /// file, on the first page in the site's language that reads it (`tablesRead`, by page
    /// path), naming all of them.
    /// Each entry's id ends in `#rattelse-N` (`#rattelse-TABLE-N`), N counted from the oldest,
    /// so that it stays the same when a newer correction is added.
    static func correctionItems(pages: [PageSource], listed: Set<String>, tablesRead: [String: Set<String>], dataCorrections: [String: [Publishing.Correction]], language: Language) -> [Listings.Item] {
        let strings = UIStrings(language)
        var items: [Listings.Item] = []
        func add(_ corrections: [Publishing.Correction], on page: PageSource, named prefix: String, description: String?) {
            for (offset, correction) in corrections.enumerated() {
                items.append(Listings.Item(path: page.path, title: "\(strings.correction): \(page.frontMatter.title)", description: description, date: correction.date,
                                           updated: nil, corrections: [correction], fragment: "\(prefix)\(corrections.count - offset)"))
            }
        }
        for page in pages where !listed.contains(page.path) { add(page.frontMatter.publishing.corrections, on: page, named: "\(strings.correctionFragment)-", description: nil) }
        for (table, corrections) in dataCorrections.sorted(by: { $0.key < $1.key }) {
            let showing = pages.filter { tablesRead[$0.path]?.contains(table) ?? false }
            // Linked to a page in the site's language (not the English summary of a Swedish site).
            guard let first = showing.first(where: { $0.language == language }) ?? showing.first else { continue }
            let also = showing.count > 1 ? "\(strings.correctionConcerns): \(showing.map(\.frontMatter.title).joined(separator: ", "))." : nil
            add(corrections, on: first, named: "\(strings.correctionFragment)-\(table)-", description: also)
        }
        return items
    }
}
