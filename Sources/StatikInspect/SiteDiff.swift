public import Foundation
public import StatikCore
import StatikContent

/// `statik diff OLD NEW`: everything a reader would see change between two builds — for the
/// person who signs the release. It reads the built site as readers get it: every page's
/// `<main>` (its title, text, figures, tables, date line, correction notices, list entries and
/// calendar entries, known by the marks and classes the build and the default theme write:
/// SiteDiff+Reading.swift), the Atom feeds and the iCalendar file (SiteDiff+Files.swift).
/// A table cell is known by its table, row and column (`data-statik-table`, `-row`,
/// `-column`), never by its position: a row that moves is no change. A change that repeats on
/// many pages (the same cell on every region page, a news item in its list and in two feeds)
/// is one change, with the list of the places it is on. The report (SiteDiff+Report.swift) is
/// in one language, the site's, with every word from the message catalogue.
public struct SiteDiff: Sendable {
    /// What kind of thing a reader sees change, in the order the report gives them.
    public enum Kind: Int, Sendable, Hashable, CaseIterable, Comparable {
        case title, table, figures, text, dates, notice, calendar, list
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// One change, as the report shows it.
    public enum Detail: Sendable, Hashable {
        /// `disclosed`: withheld (`x`) in the old site, a figure in the new one — a change to
        /// look at twice.
        case cell(row: String, column: String, old: String, new: String, disclosed: Bool)
        case rowAdded(String), rowRemoved(String), columnAdded(String), columnRemoved(String)
        case tableAdded, tableRemoved
        /// The figures of one sentence that changed, each change once, and the sentence as it
        /// reads now.
        case figures([FigurePair], sentence: String)
        case changed(old: String, new: String)
        case added(String)
        case removed(String)
    }

    public struct FigurePair: Sendable, Hashable {
        public var old: String
        public var new: String
    }

    /// A page (by its address, `/esf/deltagare/`, and title) or a file (`/feed.xml`, no title).
    public struct Place: Sendable, Hashable {
        public var path: String
        public var title: String
        public var isPage: Bool
    }

    /// Changes of one kind (of one table, for a table's) that happen at the same places.
    public struct Group: Sendable, Hashable {
        public var kind: Kind
        /// The table's caption (or its id when it has none); "" for changes of other kinds.
        public var table: String
        public var places: [Place]
        public var details: [Detail]
    }

    public struct Move: Sendable, Hashable {
        public var from: String
        public var to: Place
    }

    /// Pages (`.html`) in each build.
    public var oldPages = 0
    public var newPages = 0
    public var added: [Place] = []
    public var removed: [Place] = []
    /// A page at a new address with the title of one that went: moved, and compared with it.
    public var moved: [Move] = []
    public var groups: [Group] = []
    /// The language of the new site (its start page's `<html lang>`): the report's.
    public var language: Language?

    /// Nothing differs (exit status 0).
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && moved.isEmpty && groups.isEmpty }

    /// Pages with at least one change.
    public var changedPages: Int {
        Set(groups.flatMap { $0.places.filter(\.isPage).map(\.path) }).count
    }

    public struct Problem: Error, Sendable { public var message: Message }

    public static func compare(old: URL, new: URL) throws(Problem) -> SiteDiff {
        let before = try Build.read(old), after = try Build.read(new)
        var diff = SiteDiff()
        diff.oldPages = before.documents.values.filter(\.isPage).count
        diff.newPages = after.documents.values.filter(\.isPage).count
        diff.language = after.language
        let pairs = diff.pair(before, after)
        var found = Found()
        let lists = (old: before.listEntries, new: after.listEntries)
        for (from, to) in pairs {
            let document = after.documents[to]!
            let place = Place(path: to, title: document.title, isPage: document.isPage)
            for change in changes(before.documents[from]!, document, lists: lists) { found.add(change, at: place) }
        }
        diff.groups = found.groups()
        return diff
    }

    /// Pages and files in both builds, paired by address (or as moved); the others are added
    /// or removed.
    private mutating func pair(_ before: Build, _ after: Build) -> [(old: String, new: String)] {
        let oldPaths = Set(before.documents.keys), newPaths = Set(after.documents.keys)
        var onlyOld = oldPaths.subtracting(newPaths), onlyNew = newPaths.subtracting(oldPaths)
        var pairs = oldPaths.intersection(newPaths).map { (old: $0, new: $0) }
        for gone in onlyOld.sorted() where before.documents[gone]!.isPage {
            let title = before.documents[gone]!.title
            let candidates = onlyNew.filter { after.documents[$0]!.isPage && after.documents[$0]!.title == title }
            if candidates.count == 1, let to = candidates.first, !title.isEmpty {
                pairs.append((gone, to))
                onlyOld.remove(gone)
                onlyNew.remove(to)
                moved.append(Move(from: gone, to: Place(path: to, title: title, isPage: true)))
            }
        }
        moved.sort { $0.to.path < $1.to.path }
        added = onlyNew.sorted().map { Place(path: $0, title: after.documents[$0]!.title, isPage: after.documents[$0]!.isPage) }
        removed = onlyOld.sorted().map { Place(path: $0, title: before.documents[$0]!.title, isPage: before.documents[$0]!.isPage) }
        return pairs.sorted { $0.new < $1.new }
    }

    // MARK: Grouping

    /// A change found on one page: what it is, and what makes it the same change elsewhere.
    struct Change {
        var kind: Kind
        var table = ""
        var detail: Detail
        /// The same on every page it happens on; for a list or calendar entry, read from a
        /// page, a feed or a calendar file alike (its date, title and text), so that an entry
        /// in a list and in a feed is one change.
        var identity: String
    }

    /// The changes found so far, each with the places it is on, in the order first found.
    struct Found {
        struct Key: Hashable {
            var kind: Kind
            var table: String
            var identity: String
        }

        var order: [Key] = []
        var details: [Key: (detail: Detail, fromPage: Bool)] = [:]
        var places: [Key: [Place]] = [:]

        mutating func add(_ change: Change, at place: Place) {
            let key = Key(kind: change.kind, table: change.table, identity: change.identity)
            if let shown = details[key] {
                // Shown as a page shows it (a page before a feed or calendar file), whole.
                if place.isPage && (!shown.fromPage || Self.length(change.detail) > Self.length(shown.detail)) {
                    details[key] = (change.detail, true)
                }
            } else {
                order.append(key)
                details[key] = (change.detail, place.isPage)
            }
            if places[key]?.last != place { places[key, default: []].append(place) }
        }

        static func length(_ detail: Detail) -> Int {
            switch detail {
            case .added(let text), .removed(let text): text.count
            case .changed(let old, let new): old.count + new.count
            default: 0
            }
        }

        /// The changes of one kind (and table) at the same places, together; kinds in order.
        func groups() -> [Group] {
            var groups: [Group] = []
            var index: [Group: Int] = [:]  // keyed by the group without its details
            for key in order {
                let shell = Group(kind: key.kind, table: key.table, places: places[key]!, details: [])
                if let i = index[shell] {
                    groups[i].details.append(details[key]!.detail)
                } else {
                    index[shell] = groups.count
                    groups.append(Group(kind: key.kind, table: key.table, places: places[key]!, details: [details[key]!.detail]))
                }
            }
            return groups.enumerated().sorted { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }.map(\.element)
        }
    }
}
