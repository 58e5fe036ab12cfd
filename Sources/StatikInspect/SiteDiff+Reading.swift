import Foundation
import StatikCore
import StatikFormat
import StatikContent

/// Reading a built site for `statik diff`: every page's `<main>` (else its `<body>`), with the
/// one HTMLTokenizer, into what a reader sees there. What a thing is comes from the marks the
/// build writes and the classes of the default theme's templates (docs/themes.md), or from
/// `data-statik-diff` on an element of any theme:
///
/// - `<h1>`: the page's title;
/// - `data-statik-table`, `data-statik-column`, `data-statik-row`: a table's cells, and
///   `<data data-statik-figure>`: a figure in a sentence;
/// - `statik-dates` (`data-statik-diff="dates"`): the date line ("Publicerad … · Uppdaterad …
///   · Nästa uppdatering …"), read whole, its items joined by " · ";
/// - `statik-correction`, or `role="note"` (`data-statik-diff="notice"`): a notice, read whole;
/// - `statik-calendar` (`data-statik-diff="calendar"`): each `<li>` in it is a calendar entry;
/// - `statik-news`, `statik-latest`, `statik-children` (`data-statik-diff="list"`): each `<li>`
///   is a list entry, known by its link, its `<time datetime>` and its title;
/// - every other paragraph, heading, list item, definition, cell or caption: text.
///
/// Navigation (`<nav>`), and the notes Statik writes under a table (`statik-note`,
/// `statik-source`, `statik-download`), are not read.
extension SiteDiff {
    /// A piece of text a reader sees: a paragraph (its figures taken out, at `\u{FFFC}`), a
    /// date line or a notice.
    struct Block: Sendable, Hashable {
        var kind: Kind
        var template: String
        var figures: [String] = []

        /// The text as the reader reads it, with its figures.
        var shown: String {
            var text = template
            for figure in figures {
                guard let place = text.range(of: "\u{FFFC}") else { break }
                text.replaceSubrange(place, with: figure)
            }
            return text
        }
    }

    /// An entry of a list, a feed or the release calendar.
    struct Entry: Sendable, Hashable {
        var kind: Kind
        /// What makes it the same entry in both builds: its link's path (a list's, a feed's),
        /// or its title (a calendar's: an entry may have no link before its page is out).
        var key: String
        /// Its date and title: the same entry in a page, a feed or a calendar file.
        var identity: String
        /// Its date, title and text: changed when this changes.
        var content: String
        var text: String

        init(kind: Kind, link: String?, title: String, date: String?, rest: String, text: String) {
            self.kind = kind
            let when = date.flatMap { try? PublishDate.parse($0).get() }.map { String($0.epochSeconds) } ?? ""
            identity = when + "|" + title
            content = identity + "|" + rest
            key = kind == .calendar ? title : link.map { String(WebAddress($0).path) } ?? title
            self.text = text
        }
    }

    struct Table: Sendable {
        var caption = ""
        var columns: [String] = []
        var labels: [String: String] = [:]
        /// Row key → column → (text, withheld).
        var rows: [String: [String: Cell]] = [:]
        var rowOrder: [String] = []
    }

    struct Cell: Sendable, Hashable {
        var text: String
        var withheld: Bool
    }

    /// A page (or a feed, or a calendar file) as a reader sees it.
    struct Document: Sendable {
        var isPage = true
        var title = ""
        /// `<html lang>`.
        var language: String?
        var tables: [String: Table] = [:]
        var tableOrder: [String] = []
        var blocks: [Block] = []
        var entries: [Entry] = []
    }

    /// A built site: its pages by address (`/esf/deltagare/`), its feeds and calendar files by
    /// path (`/feed.xml`).
    struct Build: Sendable {
        var documents: [String: Document] = [:]
        var language: Language?

        /// Every list entry in the site: one that moves between the pages of its list, or
        /// drops off the start page's latest, is still there.
        var listEntries: Set<String> {
            Set(documents.values.flatMap { $0.entries.filter { $0.kind == .list }.map(\.identity) })
        }

        static func read(_ folder: URL) throws(Problem) -> Build {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw Problem(message: Message(.diffNotASite, folder.path))
            }
            var paths: [String] = []
            walkFolder(folder.path, skip: { $0.hasPrefix(".") }) { relative, entry in
                if entry == .file, [".html", ".xml", ".ics"].contains(where: { relative.hasSuffix($0) }) { paths.append(relative) }
            }
            var build = Build()
            for relative in paths {
                guard let data = FileManager.default.contents(atPath: folder.path + "/" + relative) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                if relative.hasSuffix(".html") {
                    let address = "/" + (relative.hasSuffix("index.html") ? String(relative.dropLast("index.html".count)) : relative)
                    build.documents[address] = SiteDiff.read(text)
                } else if let file = relative.hasSuffix(".ics") ? SiteDiff.readCalendar(text) : SiteDiff.readFeed(text) {
                    build.documents["/" + relative] = file
                }
            }
            build.language = build.documents["/"]?.language.flatMap(Language.init(code:))
            return build
        }
    }

    /// What a reader sees on a page Statik built.
    static func read(_ html: String) -> Document {
        var reader = PageReader(hasMain: html.contains("<main"))
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .start(let tag):
                reader.open(tag)
                if tag.selfClosing || PageReader.void.contains(tag.name) { reader.close(tag.name) }
            case .end(let name):
                reader.close(name)
            case .text(let value):
                reader.text(value)
            case .rawText:
                continue  // script and style bodies are not text
            }
        }
        reader.page.title = spaced(reader.page.title)
        return reader.page
    }

    /// White space as a reader sees it: runs of it one space, none at either end.
    static func spaced<S: StringProtocol>(_ text: S) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" }).joined(separator: " ")
    }
}
