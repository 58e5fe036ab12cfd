package import StatikCore
package import StatikYAML
package import StatikData
import Yams

/// The `suppress:` option of a table or chart block:
///
///     suppress: {columns: [kvinnor, man], totals: rows, shares: {andel: kvinnor}}
///
/// `below` defaults to the site's `suppress_below` (5). The rule applies to the query's
/// result, so every table, chart and value made from that query on the page agrees.
package enum SuppressOption {
    static let keys = ["below", "columns", "totals", "shares"]

    package struct Parsed {
        package var rule: SuppressionRule
        package var location: SourceLocation

        package init(rule: SuppressionRule, location: SourceLocation) {
            self.rule = rule
            self.location = location
        }
    }

    /// `suppress: false` with `reason: …`: this block publishes small counts, by a choice the
    /// page states (a warning, so `--strict` stops on it until someone has checked it).
    package struct Off {
        package var reason: String
        package var location: SourceLocation
        package var sourceLine: String?

        package init(reason: String, location: SourceLocation, sourceLine: String? = nil) {
            self.reason = reason
            self.location = location
            self.sourceLine = sourceLine
        }
    }

    /// `suppress: false` in a block's options, or nil. Without `reason:` it is an error.
    package static func readOff(_ options: YAMLSource, diagnostics: inout [Diagnostic]) -> Off? {
        guard options.text.containsBytes("suppress") else { return nil }
        var ignored: [Diagnostic] = []
        guard let node = options.parse(into: &ignored),
              let mapping = YAMLMapping(node, source: options, what: Message(.mapOptions), diagnostics: &ignored),
              let value = mapping["suppress"], case .scalar(let scalar) = value, scalar.style == .plain, value.bool == false
        else { return nil }
        let at = mapping.location(of: "suppress")
        let line = options.sourceLine(mapping.pairs.first { $0.key == "suppress" }?.keyMark)
        guard let reason = mapping.string("reason", into: &diagnostics)?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
            diagnostics.append(Diagnostic(.error, at: at, Message(.suppressFalsePublishesCountsFewer), sourceLine: line))
            return nil
        }
        return Off(reason: reason, location: at, sourceLine: line)
    }

    /// The rule in a block's options, or nil when it has none (or it is wrong: then
    /// `diagnostics` says why).
    package static func read(_ options: YAMLSource, defaultBelow: Int, diagnostics: inout [Diagnostic]) -> Parsed? {
        guard options.text.containsBytes("suppress") else { return nil }
        var ignored: [Diagnostic] = []  // the block's own reader reports YAML errors
        guard let node = options.parse(into: &ignored),
              let mapping = YAMLMapping(node, source: options, what: Message(.mapOptions), diagnostics: &ignored),
              let value = mapping["suppress"]
        else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, value.bool == false { return nil }  // readOff
        let at = mapping.location(of: "suppress")
        guard let settings = YAMLMapping(value, source: options, what: Message(.mapSuppress), diagnostics: &diagnostics) else { return nil }
        settings.warnUnknownKeys(allowed: keys, what: Message(.whatSuppressSetting), into: &diagnostics)
        var below = defaultBelow
        if let node = settings["below"] {
            guard let n = node.int, n > 0 else {
                diagnostics.append(.error(Message(.belowMustWholeNumberAbove), at: settings.location(of: "below")))
                return nil
            }
            below = n
        }
        var columns: [String] = []
        switch settings["columns"] {
        case .sequence(let list)?: columns = list.compactMap(\.string)
        case .scalar(let one)?: columns = [one.string]
        default:
            diagnostics.append(.error(Message(.suppressNeedsColumnsHoldCounts), at: at))
            return nil
        }
        var totals = SuppressionRule.Totals.both
        if let name = settings.string("totals", into: &diagnostics) {
            guard let t = SuppressionRule.Totals(rawValue: name) else {
                diagnostics.append(.error(Message(.totalsMustRowsColumnsBoth), at: settings.location(of: "totals")))
                return nil
            }
            totals = t
        }
        var derived: [String: String] = [:]
        if let node = settings["shares"] {
            guard case .mapping(let pairs) = node else {
                diagnostics.append(.error(Message(.sharesMustShareCountPairs), at: settings.location(of: "shares")))
                return nil
            }
            for (share, count) in pairs {
                if let s = share.string, let c = count.string { derived[s] = c }
            }
        }
        return Parsed(rule: SuppressionRule(below: below, columns: columns, totals: totals, derived: derived), location: at)
    }

    /// The line under a table that explains its hidden cells.
    package static func footnote(below: Int, edition: Edition, language: Language = .swedish) -> String {
        switch (edition, language) {
        case (.public, .english):
            "x\u{00A0}= not published, because the figure concerns fewer than \(below) persons or would make it possible to work out such a figure (secrecy under Chapter 24, Section 8 of the Swedish Public Access to Information and Secrecy Act)."
        case (.intranet, .english):
            "*\u{00A0}= the figure concerns fewer than \(below) persons or protects such a figure. It is shown only in the internal edition and must not be published."
        case (.public, .swedish):
            "x\u{00A0}= uppgiften redovisas inte, eftersom den avser färre än \(below) personer eller skulle göra det möjligt att räkna fram en sådan uppgift (sekretess enligt 24 kap. 8\u{00A0}§ offentlighets- och sekretesslagen)."
        case (.intranet, .swedish):
            "*\u{00A0}= uppgiften avser färre än \(below) personer eller skyddar en sådan uppgift. Den visas bara i den interna versionen och får inte publiceras."
        }
    }
}
