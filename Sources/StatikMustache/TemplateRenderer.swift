import StatikCore

/// A theme's templates by name, and the one way to render them: `render(_:withTemplate:)`.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    public func template(named name: String) -> Template? { templates[name] }

    /// `object` rendered with the template `name`; nil when there is no such template. A
    /// missing partial renders as nothing (Statik's theme check says so before any page).
    public func render(_ object: Any, withTemplate name: String) -> String? {
        renderBytes(object, withTemplate: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same as `render`, as UTF-8 bytes: what a page written to a file needs, without
    /// checking its bytes again as a `String` is made (1 % of a data site's build). The
    /// bytes are valid UTF-8: templates and values are texts, and they are joined whole.
    public func renderBytes(_ object: Any, withTemplate name: String) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, root: object)
        renderer.render(template.nodes, scope: TemplateRenderer.Scope())
        return renderer.out
    }
}

/// Renders nodes into one buffer of bytes. The values a section pushes are looked at once, when
/// pushed (whether they answer names themselves); a name is looked up by its parts, split when
/// the template was read; values are escaped by `escapeHTML` straight into the buffer.
struct TemplateRenderer {
    /// What a part of a template is rendered in, besides the values: where in a list it is,
    /// the indentation of the partial it is in, the blocks a child template fills in, and
    /// whether values are escaped (`{{% CONTENT_TYPE: TEXT }}` turns it off until the end of
    /// the template it is in).
    struct Scope {
        var position: SequencePosition?
        var indentation: String?
        var blocks: [String: [TemplateNode]]?
        var escapes = true
    }

    private struct Frame {
        let value: Any
        let parent: (any TemplateParent)?

        init(_ value: Any) {
            self.value = value
            parent = value as? any TemplateParent
        }
    }

    let library: TemplateLibrary
    private(set) var out: [UInt8] = []
    private var stack: [Frame]

    init(library: TemplateLibrary, root: Any) {
        self.library = library
        stack = [Frame(root)]
        out.reserveCapacity(1 << 14)
    }

    mutating func render(_ nodes: [TemplateNode], scope: Scope) {
        var scope = scope
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, scope: &scope) }
            return
        }
        // In a partial on a line of its own after spaces: each node that starts a line and
        // writes something is indented (a line break written by this part, `\r\n` being one).
        let start = out.count
        for node in nodes {
            let before = out.count
            let startsLine = before > start && out[before - 1] == UInt8(ascii: "\n") && !(before - 2 >= start && out[before - 2] == UInt8(ascii: "\r"))
            render(node, scope: &scope)
            if startsLine, out.count > before { out.insert(contentsOf: Array(indentation.utf8), at: before) }
        }
    }

    private mutating func render(_ node: TemplateNode, scope: inout Scope) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .value(let reference, let escaped):
            guard let value = lookup(reference, scope) else { return }
            write(value, escaped: escaped && scope.escapes)
        case .section(let reference, let inverted, let body):
            let value = lookup(reference, scope)
            if inverted { renderInverted(value, body, scope) } else { renderSection(value, body, scope) }
        case .partial(let written, let dynamic, let indentation, let blocks):
            let name = dynamic.map { lookup($0, scope) as? String } ?? written
            guard let name, let template = library.template(named: name) else { return }
            var inner = Scope(position: nil, indentation: indentation.map { (scope.indentation ?? "") + $0 } ?? scope.indentation, blocks: scope.blocks)
            if let blocks { inner.blocks = scope.blocks.map { $0.merging(blocks) { outer, _ in outer } } ?? blocks }
            render(template.nodes, scope: inner)
        case .block(let name, let body, let indentation):
            var inner = scope
            inner.position = nil
            inner.indentation = indentation.map { (scope.indentation ?? "") + $0 } ?? scope.indentation
            render(scope.blocks?[name] ?? body, scope: inner)
        case .blockDefinition:
            return  // only inside a parent's tag, where it was taken as the parent's block
        case .escaping(let escapes):
            scope.escapes = escapes
        }
    }

    private mutating func renderSection(_ value: Any?, _ body: [TemplateNode], _ scope: Scope) {
        guard let value else { return }
        // A flag first: a concrete type is found at once, a protocol by a conformance lookup
        // (and no flag is a list).
        if let flag = value as? Bool {
            if flag { render(body, scope: scope) }
        } else if let list = value as? any TemplateSequence {
            let count = list.itemCount
            var index = 0
            list.forEachItem { item in
                var inner = scope
                inner.position = SequencePosition(first: index == 0, last: index == count - 1, index: index)
                stack.append(Frame(item))
                render(body, scope: inner)
                stack.removeLast()
                index += 1
            }
        } else {
            var inner = scope
            inner.position = nil
            stack.append(Frame(value))
            render(body, scope: inner)
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: Any?, _ body: [TemplateNode], _ scope: Scope) {
        guard let value else { return render(body, scope: scope) }
        if let flag = value as? Bool {
            if !flag { render(body, scope: scope) }
        } else if let list = value as? any TemplateSequence {
            guard !list.hasItems else { return }
            var inner = scope
            inner.position = nil
            stack.append(Frame(list))
            render(body, scope: inner)
            stack.removeLast()
        }
    }

    // MARK: - Values

    private func lookup(_ reference: TemplateReference, _ scope: Scope) -> Any? {
        var found: Any?
        switch reference.start {
        case .current:
            found = stack[stack.count - 1].value
        case .sequence:
            found = scope.position.map { $0 as Any }
        case .top:
            found = descend(from: stack[stack.count - 1].value, reference.names[...])
        case .stack:
            guard let first = reference.names.first else {
                found = stack[stack.count - 1].value
                break
            }
            for index in stack.indices.reversed() {
                let frame = stack[index]
                let child = frame.parent.map { $0.child(named: first) } ?? Self.reflected(frame.value, first)
                if let child {
                    found = descend(from: child, reference.names.dropFirst())
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for name in reference.transforms {
            let transformed = (value as? SequencePosition)?.transform(name) ?? (value as? any TemplateTransformable)?.transform(name)
            guard let transformed else { return nil }
            value = transformed
        }
        return value
    }

    private func descend(from start: Any, _ names: ArraySlice<String>) -> Any? {
        var value = start
        for name in names {
            let child = (value as? any TemplateParent).map { $0.child(named: name) } ?? Self.reflected(value, name)
            guard let child else { return nil }
            value = child
        }
        return value
    }

    /// A name of a value that does not answer names itself: a label of its reflection (a
    /// tuple's `key`), an optional's value unwrapped. Texts, numbers and flags have none.
    private static func reflected(_ value: Any, _ name: String) -> Any? {
        if value is String || value is Int || value is Bool || value is Substring || value is Double { return nil }
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: child)
        guard mirror.displayStyle == .optional else { return child }
        return mirror.children.first?.value
    }

    private mutating func write(_ value: Any, escaped: Bool) {
        let text: String
        if let string = value as? String {
            text = string
        } else {
            let shown = (value as? any AnyOptional).map { $0.wrapped ?? value } ?? value
            text = String(describing: shown)
        }
        if escaped { escapeHTML(text, into: &out) } else { out.append(contentsOf: text.utf8) }
    }
}
