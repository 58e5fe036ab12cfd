package import StatikCore
import StatikFormat

/// The pages as a tree: what the menu, the breadcrumbs and a section's list of pages show.
package struct SiteMap: Sendable {
    package struct Entry: Sendable {
        var path: String
        var title: String
        var menuTitle: String
        var description: String?
        var weight: Int
        var inMenu: Bool
        var parent: String?
        var children: [String] = []
        /// The file the page comes from: pages made from one file are each other's siblings.
        var file: String
        /// Where the page comes in the content: files by path, pages made from a file in the
        /// order of its query's rows. Orders pages of equal weight.
        var order: Int
        /// For the pages of a dated list: newest first, in the menu too.
        var date: PublishDate?
        var isListing = false
        var inFooter = false
        /// `menu_children: true`: its children are in the menu on every page.
        var menuChildren = false
        var language = Language.swedish
        var translationKey: String?
    }

    private(set) var entries: [String: Entry] = [:]
    /// The pages of each `translation_key` (PageLanguages).
    private var translationsByKey: [String: [String]] = [:]
    let root: String

    package init(pages: [PageSource], root: String) {
        self.root = root
        for (order, page) in pages.enumerated() {
            let matter = page.frontMatter
            var menuTitle = matter.title
            if case .label(let label) = matter.menu { menuTitle = label }
            entries[page.path] = Entry(
                path: page.path, title: matter.title, menuTitle: menuTitle, description: matter.description,
                weight: matter.weight ?? Int.max, inMenu: matter.menu != .hidden, parent: nil, file: page.file, order: order,
                date: matter.publishing.date, isListing: matter.publishing.listing != nil, inFooter: matter.inFooter,
                menuChildren: matter.menuChildren, language: page.language, translationKey: matter.translationKey
            )
            if let key = matter.translationKey, !key.isEmpty { translationsByKey[key, default: []].append(page.path) }
        }
        for page in pages where !page.isHome {
            // A page's parent is the index page of its folder (of the folder above, for an
            // index page), or the nearest one above that exists.
            var folder = page.folder.split(separator: "/").map(String.init)
            if page.isIndex { folder.removeLast() }
            while true {
                let candidate = folder.isEmpty ? "" : folder.joined(separator: "/") + "/"
                if entries[candidate] != nil, candidate != page.path {
                    entries[page.path]?.parent = candidate
                    entries[candidate]?.children.append(page.path)
                    break
                }
                if folder.isEmpty { break }
                folder.removeLast()
            }
        }
        let all = entries
        func order(_ a: String, _ b: String) -> Bool {
            let (x, y) = (all[a]!, all[b]!)
            return (x.weight, x.order) < (y.weight, y.order)
        }
        func newestFirst(_ a: String, _ b: String) -> Bool {
            let (x, y) = (all[a]!, all[b]!)
            switch (x.date, y.date) {
            case let (p?, q?) where p != q: return p > q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (x.title, x.order) < (y.title, y.order)
            }
        }
        for path in all.keys {
            entries[path]?.children.sort(by: all[path]!.isListing ? newestFirst : order)
        }
        // The lists the menu and the switchers show, made once: found for every page, they
        // would cost time in proportion to the square of a section's size.
        for (path, entry) in entries where !entry.children.isEmpty {
            var byLanguage: [Language: [String]] = [:]
            var byFile: [String: [String]] = [:]
            for child in entry.children {
                guard let c = entries[child] else { continue }
                if c.inMenu { byLanguage[c.language, default: []].append(child) }
                byFile[c.file, default: []].append(child)
            }
            for (language, paths) in byLanguage { menuFamilies[Self.key(path, language.rawValue)] = Family(paths) }
            for (file, paths) in byFile where paths.count > 1 { fileFamilies[Self.key(path, file)] = Family(paths) }
        }
        makeRestingMenu()
        footerPaths = entries.values.filter(\.inFooter).sorted { ($0.weight, $0.order) < ($1.weight, $1.order) }.map(\.path)
    }

    /// Pages in the order a menu or switcher lists them, and each one's place in it.
    struct Family: Sendable {
        let paths: [String]
        let place: [String: Int]
        init(_ paths: [String]) {
            self.paths = paths
            var place: [String: Int] = [:]
            place.reserveCapacity(paths.count)
            for (i, path) in paths.enumerated() { place[path] = i }
            self.place = place
        }
    }
    /// A section's pages in the menu, by section and language.
    private var menuFamilies: [String: Family] = [:]
    /// The pages made from one file under one parent (two or more), by parent and file.
    private var fileFamilies: [String: Family] = [:]
    private static func key(_ a: String, _ b: String) -> String { a + "\u{1}" + b }

    /// A menu or switcher lists at most this many pages of a section in full; of a longer list
    /// it shows the current page's neighbourhood and a link to the page that lists them all,
    /// so that a page's size does not grow with its section (a section of 5 000 pages would
    /// put 5 000 links on each of them: output in the square of the section's size).
    static let listLimit = 50
    /// How many pages before and after the current one a shortened list shows.
    static let neighbours = 5

    /// The part of `family` a page shows: all of it, or (more than `listLimit`) the pages
    /// around `current` (or around the first, when `current` is not in it or below one of them).
    func shown(_ family: Family, around current: String) -> (range: Range<Int>, shortened: Bool) {
        let count = family.paths.count
        guard count > Self.listLimit else { return (0..<count, false) }
        var at: Int?
        var path: String? = current
        while let p = path, at == nil {
            at = family.place[p]
            path = entries[p]?.parent
        }
        let center = at ?? 0
        let width = 2 * Self.neighbours + 1
        let start = max(0, min(center - Self.neighbours, count - width))
        return (start..<min(count, start + width), true)
    }

    package func url(_ path: String) -> String { root + path }

    /// The pages linked at the foot of every page (`footer: true`), in menu order. Found once
    /// (`footerPaths`): looking through every page for every page took time in the square of
    /// the site's size.
    package var footerLinks: [PageLink] {
        footerPaths.compactMap { entries[$0] }.map { PageLink(title: $0.title, url: url($0.path), description: $0.description) }
    }
    private var footerPaths: [String] = []

    /// A digest of everything the menu, breadcrumbs, lists and switchers show: when it
    /// changes, every page may look different.
    /// Stable between runs (StableHasher): the render cache keeps it.
    package var digest: StableDigest {
        var hasher = StableHasher()
        hasher.combine(root)
        for path in entries.keys.sorted() {
            let e = entries[path]!
            hasher.combine(path)
            hasher.combine(e.title)
            hasher.combine(e.menuTitle)
            hasher.combine(e.description)
            hasher.combine(e.weight)
            hasher.combine(e.inMenu)
            hasher.combine(e.parent)
            hasher.combine(e.children)
            hasher.combine(e.file)
            hasher.combine(e.order)
            hasher.combine(e.date.map { String(reflecting: $0) })
            hasher.combine(e.isListing)
            hasher.combine(e.inFooter)
            hasher.combine(e.menuChildren)
            hasher.combine(e.language.rawValue)
            hasher.combine(e.translationKey)
        }
        return hasher.finalize()
    }

    /// The top of the menu: the start page's children, each with its own children (made when
    /// a template reads them: a theme shows those of the active entry, if any).
    /// Only pages in the current page's language are listed: an English page's menu lists the
    /// English pages, and a Swedish page's the Swedish ones.
    /// An entry the page is not in looks the same on every such page: it is made once
    /// (`restingMenu`) and shared; only the entry the page is in is made for the page.
    package func menu(current: String) -> [MenuEntry] {
        guard let home = entries[""] else { return [] }
        let language = entries[current]?.language ?? home.language
        let resting = restingMenu.entries[language] ?? [:]
        // The top entries' paths were found once (`restingMenu.order`): an entry is looked up
        // only for the one the page is in, not copied 50 times for every page.
        return (restingMenu.order[language] ?? []).compactMap { path -> MenuEntry? in
            let active = current == path || current.hasPrefix(path)
            if !active, let shared = resting[path] { return shared }
            guard let entry = entries[path] else { return nil }
            return menuEntry(entry, current: current, active: active, language: language)
        }
    }

    /// One entry of the top of the menu, as the page at `current` (in it when `active`) shows it.
    private func menuEntry(_ entry: Entry, current: String, active: Bool, language: Language) -> MenuEntry {
        let family = menuFamilies[Self.key(entry.path, language.rawValue)]
        return MenuEntry(
            entry: ListEntry(title: entry.menuTitle, url: url(entry.path), current: current == entry.path, active: active),
            open: active || entry.menuChildren,
            children: menuChildren(family, of: entry.path, current: current, language: language)
        )
    }

    /// The entries below a top entry of the menu, around `current` when the list is long.
    private func menuChildren(_ family: Family?, of path: String, current: String, language: Language) -> [ListEntry] {
        guard let family else { return [] }
        let (range, shortened) = shown(family, around: current)
        var items = family.paths[range].compactMap { entries[$0] }.map { child in
            ListEntry(title: child.menuTitle, url: url(child.path), current: current == child.path, active: current == child.path || current.hasPrefix(child.path))
        }
        if shortened { items.append(allPagesLink(to: path, count: family.paths.count, language: language)) }
        return items
    }

    /// The top entries of the menu as a page outside them shows them (neither current nor
    /// active, their children from the first), by language and path: made once, read by
    /// every page's rendering.
    private var restingMenu = RestingMenu()

    /// The top entries of the menu as a page outside them shows them, by language and path,
    /// and their paths in the menu's order.
    private struct RestingMenu: Sendable {
        var entries: [Language: [String: MenuEntry]] = [:]
        var order: [Language: [String]] = [:]
    }

    private mutating func makeRestingMenu() {
        guard let home = entries[""] else { return }
        var made: [Language: [String: MenuEntry]] = [:]
        var order: [Language: [String]] = [:]
        for entry in home.children.compactMap({ entries[$0] }) where entry.inMenu {
            order[entry.language, default: []].append(entry.path)
            let family = menuFamilies[Self.key(entry.path, entry.language.rawValue)]
            // A path no page has: nothing is current or active below the entry.
            let nowhere = "\u{0}"
            made[entry.language, default: [:]][entry.path] = MenuEntry(
                entry: ListEntry(title: entry.menuTitle, url: url(entry.path)),
                open: entry.menuChildren,
                children: menuChildren(family, of: entry.path, current: nowhere, language: entry.language)
            )
        }
        restingMenu = RestingMenu(entries: made, order: order)
    }

    /// The other languages of the page at `path` (same `translation_key`): `[{language, name,
    /// url, title}]`, for `hreflang` links and the language switch; `name` is the language's
    /// own name, as its readers look for it.
    package func translations(of path: String) -> [Translation] {
        guard let key = entries[path]?.translationKey, let paths = translationsByKey[key] else { return [] }
        return paths.filter { $0 != path }.compactMap { entries[$0] }.sorted { $0.language.rawValue < $1.language.rawValue }.map { other in
            Translation(language: other.language.rawValue, name: ReaderWords.of(other.language).languageName, url: url(other.path), title: other.title)
        }
    }

    /// The pages above `path`, from the start page down to its parent.
    package func breadcrumbs(for path: String) -> [Crumb] {
        var trail: [Crumb] = []
        var next = entries[path]?.parent
        while let p = next, let entry = entries[p] {
            // A crumb in another language than the page is marked, for screen readers.
            let own = entries[path]?.language ?? entry.language
            trail.insert(Crumb(title: entry.menuTitle, url: url(entry.path), lang: entry.language == own ? "" : entry.language.rawValue), at: 0)
            next = entry.parent
        }
        return trail
    }

    /// The other pages made from the same file under the same parent (the other regions, for
    /// a region page), the page itself among them, marked `current`: a switcher between them.
    /// Empty for a page made from a file of its own.
    package func siblings(of path: String) -> [ListEntry] {
        guard let entry = entries[path], let parent = entry.parent, let family = fileFamilies[Self.key(parent, entry.file)] else { return [] }
        let (range, shortened) = shown(family, around: path)
        var items = family.paths[range].compactMap { entries[$0] }.map {
            ListEntry(title: $0.title, url: url($0.path), current: $0.path == path, active: $0.path == path)
        }
        if shortened { items.append(allPagesLink(to: parent, count: family.paths.count, language: entry.language)) }
        return items
    }

    /// The last entry of a shortened list: a link to the page that lists them all.
    private func allPagesLink(to path: String, count: Int, language: Language) -> ListEntry {
        ListEntry(title: ReaderWords.of(language).allPages(count), url: url(path), more: true)
    }

    /// The pages below `path` in its language (a Swedish section lists its Swedish pages).
    package func children(of path: String) -> [PageLink] {
        let language = entries[path]?.language
        return (entries[path]?.children ?? []).compactMap { entries[$0] }.filter { $0.inMenu && $0.language == language }.map { entry in
            PageLink(title: entry.title, url: url(entry.path), description: entry.description)
        }
    }
}
