import StatikCore

/// Template objects made once and read by the renderings of many pages, on any task. They are
/// not changed after they are made (`TemplateObject.values` is a `let` of strings, flags and
/// other such objects), so sharing them between tasks is safe.
struct SharedTemplateObjects: @unchecked Sendable {
    var entries: [Language: [String: TemplateObject]] = [:]
    /// The paths of the menu's top entries, in the menu's order, by language.
    var order: [Language: [String]] = [:]
}
