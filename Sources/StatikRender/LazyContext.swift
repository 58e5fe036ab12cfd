import StatikMustache

/// A template object whose costly values are made only when a template reads them.
///
/// The menu's sub-entries, a page's switcher and a section's list of pages grow with the
/// site: made for every page, they cost time in proportion to the square of the number of
/// pages, while a theme shows them on few pages or none. A `LazyContext` reads as the
/// dictionary it stands for (`[String: Any]`), transforms (`empty`, `count`, …) included.
/// It lives for the rendering of one page, on one task.
package final class LazyContext: TemplateParent, TemplateTransformable {
    private var values: [String: Any]
    private var pending: [String: () -> Any]

    package init(_ values: [String: Any], lazy pending: [String: () -> Any]) {
        self.values = values
        self.pending = pending
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        guard let make = pending.removeValue(forKey: name) else { return nil }
        let value = make()
        values[name] = value
        return value
    }

    /// Every value, made: the dictionary this object stands for.
    var dictionary: [String: Any] {
        for name in Array(pending.keys) { _ = child(named: name) }
        return values
    }

    func transform(_ name: String) -> Any? { dictionary.transform(name) }
}
