package import StatikCore
import StatikYAML
import Yams

/// An old address that sends readers on to a page: `aliases:` in a page's front matter (`to`
/// nil: that page) or in statik.yml (old address → page). Checked and written by StatikSite's
/// AliasOutput; here only read as written.
package struct AliasSetting: Sendable {
    package var from: String
    package var to: String?
    package var location: SourceLocation

    /// `aliases:` as one address or a list of them (front matter).
    static func list(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> [AliasSetting] {
        guard let node = mapping["aliases"] else { return [] }
        let items: [Node] = if case .sequence(let list) = node { Array(list) } else { [node] }
        return items.compactMap { item in
            guard case .scalar(let scalar) = item else {
                diagnostics.append(.error(Message(.aliasesMustAddresses), at: mapping.source.location(item.mark)))
                return nil
            }
            return AliasSetting(from: scalar.string, to: nil, location: mapping.source.location(item.mark))
        }
    }

    /// `aliases:` as lines `old/address: new/address` (statik.yml).
    static func table(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> [AliasSetting] {
        guard let node = mapping["aliases"] else { return [] }
        guard case .mapping(let table) = node else {
            diagnostics.append(.error(Message(.aliasesMustOldNewLines), at: mapping.location(of: "aliases")))
            return []
        }
        return table.compactMap { key, value in
            guard case .scalar(let old) = key, case .scalar(let new) = value else {
                diagnostics.append(.error(Message(.aliasesMustOldNewLines), at: mapping.source.location(key.mark)))
                return nil
            }
            return AliasSetting(from: old.string, to: new.string, location: mapping.source.location(key.mark))
        }
    }
}
