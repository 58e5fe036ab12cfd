import StatikMustache

/// A template object whose values are all made: reads as the dictionary it holds, transforms
/// included. A template finds a name in an object through `TemplateParent`; through a
/// `[String: Any]` (a conditional conformance, `where Key == String`) a lookup cost about twice
/// as much as through a class (with swift-mustache, on a list of 20 000 entries: 31 against 16 µs an
/// entry), and a section's list of pages or a menu does many. It lives for the rendering of
/// one page.
package final class TemplateObject: TemplateParent, TemplateTransformable {
    let values: [String: Any]

    package init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }

    func transform(_ name: String) -> Any? { values.transform(name) }
}
