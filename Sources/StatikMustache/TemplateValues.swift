import Foundation

/// A value a template reads names of (`{{page.title}}`): Statik's template objects and typed
/// contexts answer each name themselves. Any other value is read by reflection (a tuple's
/// labels, a struct's properties), as Mustache libraries do.
public protocol TemplateParent {
    func child(named name: String) -> Any?
}

/// A value a transform applies to: `{{count(site.menu)}}`, `{{#empty(page.children)}}`.
public protocol TemplateTransformable {
    func transform(_ name: String) -> Any?
}

/// A value a section goes through item by item (`{{#page.children}}…{{/page.children}}`).
public protocol TemplateSequence {
    func forEachItem(_ body: (Any) -> Void)
    var hasItems: Bool { get }
    var itemCount: Int { get }
}

extension Dictionary: TemplateParent where Key == String {
    public func child(named name: String) -> Any? { self[name] }
}

extension Array: TemplateSequence {
    public func forEachItem(_ body: (Any) -> Void) { for item in self { body(item) } }
    public var hasItems: Bool { !isEmpty }
    public var itemCount: Int { count }
}

extension Set: TemplateSequence {
    public func forEachItem(_ body: (Any) -> Void) { for item in self { body(item) } }
    public var hasItems: Bool { !isEmpty }
    public var itemCount: Int { count }
}

extension ReversedCollection: TemplateSequence {
    public func forEachItem(_ body: (Any) -> Void) { for item in self { body(item) } }
    public var hasItems: Bool { !isEmpty }
    public var itemCount: Int { count }
}

/// Where a section's list is: `first()`, `last()`, `index()`, `even()`, `odd()`.
struct SequencePosition: TemplateTransformable {
    var first = true
    var last = false
    var index = 0

    func transform(_ name: String) -> Any? {
        switch name {
        case "first": first
        case "last": last
        case "index": index
        case "even": (index & 1) == 0
        case "odd": (index & 1) == 1
        default: nil
        }
    }
}

// The transforms Mustache themes may use, by the value's kind.

extension StringProtocol {
    public func transform(_ name: String) -> Any? {
        switch name {
        case "empty": isEmpty
        case "capitalized": capitalized
        case "lowercased": lowercased()
        case "uppercased": uppercased()
        case "reversed": Substring(reversed())
        default: nil
        }
    }
}

extension String: TemplateTransformable {}
extension Substring: TemplateTransformable {}

fileprivate protocol ComparableItems {
    func sortedTransform(_ name: String) -> Any?
}

extension Collection {
    /// What every list answers: `count`, `empty`, and `sorted` when its items can be sorted.
    fileprivate func listTransform(_ name: String) -> Any? {
        switch name {
        case "count": count
        case "empty": isEmpty
        default: (self as? any ComparableItems)?.sortedTransform(name)
        }
    }
}

extension BidirectionalCollection {
    /// A list in order also answers `first`, `last` and `reversed` (a reversed list's reversal
    /// is the list itself, as its own `reversed()` gives).
    fileprivate func orderedTransform(_ name: String, reversed: @autoclosure () -> Any) -> Any? {
        switch name {
        case "first": first
        case "last": last
        case "reversed": reversed()
        default: listTransform(name)
        }
    }
}

extension Array: TemplateTransformable {
    public func transform(_ name: String) -> Any? { orderedTransform(name, reversed: self.reversed()) }
}

extension ReversedCollection: TemplateTransformable {
    public func transform(_ name: String) -> Any? { orderedTransform(name, reversed: self.reversed()) }
}

extension Set: TemplateTransformable {
    public func transform(_ name: String) -> Any? { listTransform(name) }
}

extension Array: ComparableItems where Element: Comparable {
    fileprivate func sortedTransform(_ name: String) -> Any? { name == "sorted" ? sorted() : nil }
}

extension Set: ComparableItems where Element: Comparable {
    fileprivate func sortedTransform(_ name: String) -> Any? { name == "sorted" ? sorted() : nil }
}

extension ReversedCollection: ComparableItems where Element: Comparable {
    fileprivate func sortedTransform(_ name: String) -> Any? { name == "sorted" ? sorted() : nil }
}

extension Dictionary: TemplateTransformable {
    public func transform(_ name: String) -> Any? {
        name == "enumerated" ? map { (key: $0.key, value: $0.value) } : listTransform(name)
    }
}

extension Dictionary: ComparableItems where Key: Comparable {
    fileprivate func sortedTransform(_ name: String) -> Any? {
        name == "sorted" ? map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key } : nil
    }
}

extension FixedWidthInteger {
    public func transform(_ name: String) -> Any? {
        switch name {
        case "equalzero": self == 0
        case "plusone": self + 1
        case "minusone": self - 1
        case "even": (self & 1) == 0
        case "odd": (self & 1) == 1
        default: nil
        }
    }
}

extension Int: TemplateTransformable {}
extension Int8: TemplateTransformable {}
extension Int16: TemplateTransformable {}
extension Int32: TemplateTransformable {}
extension Int64: TemplateTransformable {}
extension UInt: TemplateTransformable {}
extension UInt8: TemplateTransformable {}
extension UInt16: TemplateTransformable {}
extension UInt32: TemplateTransformable {}
extension UInt64: TemplateTransformable {}

/// An optional inside an `Any`, which a value shows unwrapped.
protocol AnyOptional {
    var wrapped: Any? { get }
}

extension Optional: AnyOptional {
    var wrapped: Any? { self }
}
