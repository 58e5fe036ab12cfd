import StatikMustache
package import StatikCore
import StatikContent
import StatikYAML
import Synchronization
import Yams

/// What a theme's `theme.yml` says (ThemeLayers reads it).
struct ThemeSettings {
    /// The theme it extends (`extends:`), and where that is written.
    var parent: (name: String, at: SourceLocation)?
    var cache: [PartialCacheDeclaration] = []
}

/// `cache:` of a theme's `theme.yml`: a partial that depends only on some values (its keys) is
/// rendered once per distinct value of them and its bytes reused (issue 32; Hugo's
/// `partialCached`). A key is a name of the page's context where the partial is included
/// (`page.text`, `page.language`, `site.edition`) or `.`, the item of the list the partial is
/// included in (a menu entry). Unlike Hugo's, the keys are checked: every name the partial
/// reads must be one of them or below one, or a name of `site` that is the same on every page
/// (all but `site.menu`), else it is an error at the name's line — a cached partial never
/// shows one page's value on another. A value is compared whole (a menu entry with its
/// children and which of them is this page), so the current page's mark is never reused.
///
///     cache:
///       partials/menu-entry: [., page.siblings]
///       partials/footer: [page.text, page.siteLanguage]
package struct PartialCacheDeclaration: Sendable {
    package var partial: String
    package var keys: [String]
    package var location: SourceLocation

    static func list(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> [PartialCacheDeclaration] {
        guard let node = mapping["cache"] else { return [] }
        guard case .mapping(let table) = node else {
            diagnostics.append(.error(Message(.themeCacheMustMapPartials), at: mapping.location(of: "cache")))
            return []
        }
        return table.compactMap { key, value in
            let location = mapping.source.location(key.mark)
            let items: [Node] = if case .sequence(let list) = value { Array(list) } else { [value] }
            let keys = items.compactMap { item -> String? in
                guard case .scalar(let scalar) = item, !scalar.string.isEmpty else { return nil }
                return scalar.string
            }
            guard case .scalar(let name) = key, keys.count == items.count else {
                diagnostics.append(.error(Message(.themeCacheMustMapPartials), at: location))
                return nil
            }
            var partial = name.string
            if partial.hasSuffix(".mustache") { partial.removeLast(".mustache".count) }
            return PartialCacheDeclaration(partial: partial, keys: keys, location: location)
        }
    }
}

/// Where a theme's cached partials are included and what each depends on: made once when the
/// theme is loaded. Each include that can be cached is given a stub template of its own
/// (`statik-cached-N`, the text `{{{statik-cached-N}}}`), which the including template names
/// instead of the partial; Mustache keeps the include's lines as it would (a partial on a line
/// of its own takes the line), and the stub's one name is answered by `CachingContext` from the
/// build's `PartialCacheStore` (one per build, so never shared between the two editions).
struct PartialCachePlan: Sendable {
    struct Key: Sendable, Equatable {
        /// Read from the item of the list the partial is in (`.`: the item), else from the top.
        var fromItem: Bool
        var path: [String]
        /// Only whether it is there: the partial reads it in inverted sections alone.
        var truthOnly: Bool
    }

    struct Include: Sendable, Equatable {
        /// The stub's name, and the one name it reads.
        var name: String
        var partial: String
        /// The list the partial is included in (`site`, `menu`), nil at the top of a template.
        var list: [String]?
        var keys: [Key]
        /// It is all of its list's section: the top of the context answers for the whole list.
        var wholeList = false
    }

    var includes: [Include] = [] {
        didSet {
            topLevel = Dictionary(uniqueKeysWithValues: includes.filter { $0.list == nil || $0.wholeList }.map { ($0.name, $0) })
            let lists = Dictionary(grouping: includes.filter { $0.list != nil && !$0.wholeList }) { $0.list! }
            listsBelow = Dictionary(grouping: lists) { $0.key[0] }.mapValues { below in
                Dictionary(uniqueKeysWithValues: below.map { (Array($0.key.dropFirst()), $0.value) })
            }
        }
    }
    /// Templates that include a cached partial: their text, each such include naming its stub.
    var rewritten: [String: String] = [:]
    /// The includes answered by the top of a page's context, by their stubs' names.
    private(set) var topLevel: [String: Include] = [:]
    /// The includes in lists, by the first name of the list's path, then the rest of it.
    private(set) var listsBelow: [String: [[String]: [Include]]] = [:]

    var isEmpty: Bool { includes.isEmpty }
}

/// The bytes of cached partials of one build: one per include and value of its keys. Pages
/// render in parallel; two that miss the same key at once both render it, to the same bytes.
package final class PartialCacheStore: Sendable {
    struct Key: Hashable, Sendable {
        var include: String
        var bytes: KeyBytes
    }

    private let entries = Mutex<[Key: String]>([:])
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)

    package init() {}

    func bytes(for key: Key, render: () -> String) -> String {
        let found = entries.withLock { $0[key] }
        if let found {
            hits.add(1, ordering: .relaxed)
            return found
        }
        let made = render()
        entries.withLock { $0[key] = made }
        misses.add(1, ordering: .relaxed)
        return made
    }

    /// How many includes were answered from the cache, and how many rendered.
    package var statistics: (reused: Int, rendered: Int) { (hits.load(ordering: .relaxed), misses.load(ordering: .relaxed)) }
}

/// A value of a page's context that can be a cache key: written out as bytes, so that two keys
/// are the same only when every text in them is the same byte for byte (Swift's `==` on texts
/// takes two spellings of `é` for one, and would reuse one page's bytes on the other), and a
/// key costs a copy, not a hash of every text (hashing a menu's entries with `Hashable` made
/// the cached build slower than the uncached one). A value that is not one (`page` itself)
/// makes its include be rendered on every page.
protocol CacheKeyValue: Sendable {
    func write(into key: inout KeyBytes)
}

/// A cache key's bytes: each value with its kind and, for a text or a list, its length. A list
/// of more than a few items is written as where its items are (its storage), and the key
/// keeps the list: a page's menu entries share their lists of pages with every other page's,
/// and while a key in the store holds a list, no other list can be at the same place — the
/// same place is the same items. Two equal lists elsewhere are two keys (rendered twice).
struct KeyBytes: Hashable, Sendable {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(96)  // a menu entry's key, without growing
    }

    /// The lists written by place, kept alive with the key (not compared: their place is).
    private var kept: [any Sendable] = []

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }

    mutating func place<Element: CacheKeyValue>(of list: [Element]) {
        let address = list.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
        number(address, kind: 7)
        number(list.count, kind: 5)
        kept.append(list)
    }

    mutating func append(_ text: String) {
        var text = text
        number(text.utf8.count, kind: 1)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: Int, kind: UInt8) {
        bytes.append(kind)
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func flag(_ value: Bool) { bytes.append(value ? 3 : 2) }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

extension String: CacheKeyValue {
    func write(into key: inout KeyBytes) { key.append(self) }
}
extension Bool: CacheKeyValue {
    func write(into key: inout KeyBytes) { key.flag(self) }
}
extension Int: CacheKeyValue {
    func write(into key: inout KeyBytes) { key.number(self, kind: 4) }
}
extension Array: CacheKeyValue where Element: CacheKeyValue {
    func write(into key: inout KeyBytes) {
        guard count <= 2 else { return key.place(of: self) }
        key.number(count, kind: 5)
        for element in self { element.write(into: &key) }
    }
}
extension Optional: CacheKeyValue where Wrapped: CacheKeyValue {
    func write(into key: inout KeyBytes) {
        if let self { self.write(into: &key) } else { key.number(0, kind: 6) }
    }
}
extension ListEntry: CacheKeyValue {
    func write(into key: inout KeyBytes) {
        key.append(title)
        key.append(url)
        for flag in [current, active, more] { key.flag(flag) }
    }
}
extension MenuEntry: CacheKeyValue {
    func write(into key: inout KeyBytes) {
        entry.write(into: &key)
        key.flag(open)
        children.write(into: &key)
    }
}
extension PageLink: CacheKeyValue {
    func write(into key: inout KeyBytes) {
        key.append(title)
        key.append(url)
        description.write(into: &key)
    }
}
extension Crumb: CacheKeyValue {
    func write(into key: inout KeyBytes) { for text in [title, url, lang] { key.append(text) } }
}
extension Translation: CacheKeyValue {
    func write(into key: inout KeyBytes) { for text in [language, name, url, title] { key.append(text) } }
}
extension ShownDate: CacheKeyValue {
    func write(into key: inout KeyBytes) { for text in [iso, text] { key.append(text) } }
}
extension SearchFilter: CacheKeyValue {
    func write(into key: inout KeyBytes) { for text in [name, value] { key.append(text) } }
}
extension PageWords: CacheKeyValue {
    /// Every word, in the order of the theme's names for them.
    func write(into key: inout KeyBytes) {
        for name in Self.templateFields.names { (Self.templateFields.value(name, of: self) as? String ?? "").write(into: &key) }
    }
}

/// A page's context in which the stubs of cached includes are answered from the store: at the
/// top (`statik-cached-N`), and by the items of the lists cached partials are included in
/// (which are given wrapped). Lives for the rendering of one page, on one task.
final class CachingContext: TemplateParent, TemplateTransformable {
    private let base: TemplateObject
    private let plan: PartialCachePlan
    private let library: TemplateLibrary
    private let store: PartialCacheStore
    private var made: [String: Any] = [:]

    init(base: TemplateObject, plan: PartialCachePlan, library: TemplateLibrary, store: PartialCacheStore) {
        self.base = base
        self.plan = plan
        self.library = library
        self.store = store
    }

    func child(named name: String) -> Any? {
        if let include = plan.topLevel[name] { return include.wholeList ? wholeList(include) : bytes(include, item: nil) }
        guard let lists = plan.listsBelow[name] else { return base.child(named: name) }
        if let value = made[name] { return value }
        guard let value = base.child(named: name) else { return nil }
        let overlay = Self.overlay(value, lists: lists, root: self)
        made[name] = overlay
        return overlay
    }

    func transform(_ name: String) -> Any? { base.transform(name) }

    /// `value` with the lists below it (by their paths from it) made of wrapped items.
    static func overlay(_ value: Any, lists: [[String]: [PartialCachePlan.Include]], root: CachingContext) -> Any {
        if let includes = lists[[]] {
            guard let items = value as? [Any] else { return value }
            let byName = Dictionary(uniqueKeysWithValues: includes.map { ($0.name, $0) })
            return items.map { CachedItem(item: $0, includes: byName, root: root) }
        }
        return PathOverlay(base: value, lists: lists, root: root)
    }

    /// The bytes of a list's section that is all one cached include: the include's for each
    /// item, one after the other (a list that is not there, or empty, gives none).
    private func wholeList(_ include: PartialCachePlan.Include) -> String {
        var value: Any? = base
        for part in include.list ?? [] { value = (value as? any TemplateParent)?.child(named: part) }
        guard let items = value as? any TemplateSequence else { return "" }
        var text = ""
        items.forEachItem { text += bytes(include, item: $0) }
        return text
    }

    /// The bytes of `include` where it is (in `item` of its list, or at the top): from the
    /// store when its keys were seen, else rendered and kept.
    func bytes(_ include: PartialCachePlan.Include, item: Any?) -> String {
        let scope: any TemplateParent = item.map { StackContext(item: $0, root: self) } ?? self
        var bytes = KeyBytes()
        for key in include.keys {
            guard write(key, item: item, into: &bytes) else { return library.render(scope, withTemplate: include.partial) ?? "" }
        }
        return store.bytes(for: PartialCacheStore.Key(include: include.name, bytes: bytes)) {
            library.render(scope, withTemplate: include.partial) ?? ""
        }
    }

    /// Writes a key's value on this page; false when it is not one that can be compared (then
    /// the partial is rendered, not cached).
    private func write(_ key: PartialCachePlan.Key, item: Any?, into bytes: inout KeyBytes) -> Bool {
        var value: Any? = key.fromItem ? item : base
        for part in key.path { value = (value as? any TemplateParent)?.child(named: part) }
        if key.truthOnly {
            bytes.append(Self.truth(value))
            return true
        }
        guard let value else {
            bytes.number(0, kind: 0)
            return true
        }
        // The menu's entries and texts by their types first: a concrete cast, where the cast
        // to the protocol looks the conformance up (a third of writing a menu entry's key).
        if let entry = value as? MenuEntry {
            entry.write(into: &bytes)
        } else if let text = value as? String {
            text.write(into: &bytes)
        } else if let keyed = value as? any CacheKeyValue {
            keyed.write(into: &bytes)
        } else {
            return false
        }
        return true
    }

    /// What an inverted section can tell of a value, whatever Mustache takes for false.
    private static func truth(_ value: Any?) -> String {
        switch value {
        case nil: "nil"
        case let flag as Bool: "flag \(flag)"
        case let list as [Any]: "list \(list.isEmpty)"
        case let text as String: "text \(text.isEmpty)"
        case let number as Int: "number \(number)"
        default: "value"
        }
    }
}

/// An object on the way to a list of wrapped items (`site` to `site.menu`).
final class PathOverlay: TemplateParent, TemplateTransformable {
    private let base: Any
    private let lists: [[String]: [PartialCachePlan.Include]]
    private unowned let root: CachingContext
    private var made: [String: Any] = [:]

    init(base: Any, lists: [[String]: [PartialCachePlan.Include]], root: CachingContext) {
        self.base = base
        self.lists = lists
        self.root = root
    }

    func child(named name: String) -> Any? {
        if let value = made[name] { return value }
        guard let value = (base as? any TemplateParent)?.child(named: name) else { return nil }
        let below = lists.filter { $0.key.first == name }
        guard !below.isEmpty else {
            made[name] = value
            return value
        }
        let overlay = CachingContext.overlay(value, lists: Dictionary(uniqueKeysWithValues: below.map { (Array($0.key.dropFirst()), $0.value) }), root: root)
        made[name] = overlay
        return overlay
    }

    func transform(_ name: String) -> Any? { (base as? any TemplateTransformable)?.transform(name) }
}

/// An item of a list a cached partial is included in: reads as the item, and answers the
/// stubs of the includes in it.
final class CachedItem: TemplateParent, TemplateTransformable, CustomStringConvertible {
    let item: Any
    private let includes: [String: PartialCachePlan.Include]
    private unowned let root: CachingContext

    init(item: Any, includes: [String: PartialCachePlan.Include], root: CachingContext) {
        self.item = item
        self.includes = includes
        self.root = root
    }

    func child(named name: String) -> Any? {
        if let include = includes[name] { return root.bytes(include, item: item) }
        return (item as? any TemplateParent)?.child(named: name)
    }

    func transform(_ name: String) -> Any? { (item as? any TemplateTransformable)?.transform(name) }
    var description: String { String(describing: item) }
}

/// The context a cached partial in a list is rendered in alone: the item, then the page's.
final class StackContext: TemplateParent, CustomStringConvertible {
    private let item: Any
    /// The item as it answers names, looked at once (a cast per name was a tenth of rendering
    /// a menu entry).
    private let parent: (any TemplateParent)?
    private unowned let root: CachingContext

    init(item: Any, root: CachingContext) {
        self.item = item
        parent = item as? any TemplateParent
        self.root = root
    }

    func child(named name: String) -> Any? { parent?.child(named: name) ?? root.child(named: name) }
    var description: String { String(describing: item) }
}
