import StatikCore
package import StatikFormat
import StatikYAML
import Yams

/// What the open-data catalogue (DCAT-AP-SE, `katalog.rdf`) says of the tables made from a data
/// file, written in the file's description (`content/data/NAME.yml`) beside `source:` and
/// `columns:`:
///
///     title: Deltagare per programområde
///     description: Antal deltagare i ESF-projekt från Försäkringskassans målgrupper.
///     publisher: Försäkringskassan
///     contact: statistik@example.se      # an e-mail address, or a name (vcard:fn)
///     license: CC-BY-4.0                 # else statik.yml's license:, else CC0-1.0
///     theme: [SOCI, GOVE]                # the EU's data themes
///     spatial: [SE33, SE32]              # NUTS 2 codes
///     temporal: {start: 2014-01-01, end: 2020-12-31}
///     frequency: ANNUAL                  # the EU's frequency vocabulary
///
/// Every value is checked against its vocabulary here, at its line: an unknown code is an
/// error, never a catalogue the national data portal refuses.
package struct DatasetMetadata: Sendable, Equatable {
    package var title: String?
    package var description: String?
    package var publisher: String?
    package var contact: String?
    package var license: String?
    package var themes: [String] = []
    package var spatial: [String] = []
    package var temporalStart: PublishDate?
    package var temporalEnd: PublishDate?
    package var frequency: String?

    package init() {}

    static let keys = ["title", "description", "publisher", "contact", "license", "theme", "spatial", "temporal", "frequency"]

    /// The licences a site or a data file may name (SPDX identifiers), and their addresses.
    package static let licenses: [String: String] = [
        "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
        "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/",
    ]
    /// The EU's data themes (http://publications.europa.eu/resource/authority/data-theme).
    package static let themeCodes = ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "OP_DATPRO", "REGI", "SOCI", "TECH", "TRAN"]
    /// The EU's update frequencies (http://publications.europa.eu/resource/authority/frequency).
    package static let frequencyCodes = [
        "ANNUAL", "ANNUAL_2", "ANNUAL_3", "BIENNIAL", "BIMONTHLY", "BIWEEKLY", "CONT", "DAILY", "DAILY_2", "DECENNIAL", "HOURLY", "IRREG",
        "MONTHLY", "MONTHLY_2", "MONTHLY_3", "NEVER", "OTHER", "QUADRENNIAL", "QUARTERLY", "QUINQUENNIAL", "TRIENNIAL", "UNKNOWN", "UPDATE_CONT", "WEEKLY", "WEEKLY_2", "WEEKLY_3",
    ]
    /// Sweden's NUTS 2 regions (NUTS 2021); another country's code is taken by its form (two
    /// letters and two letters or digits), Sweden's only if it is one of these.
    package static let swedishNUTS2 = ["SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32", "SE33"]

    package static func licenseURL(_ code: String) -> String? { licenses[code] }

    /// Whether `code` is a NUTS 2 code.
    static func isNUTS2(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 4, bytes[0...1].allSatisfy({ (65...90).contains($0) }), bytes[2...3].allSatisfy({ (65...90).contains($0) || (48...57).contains($0) }) else { return false }
        return code.hasPrefix("SE") ? swedishNUTS2.contains(code) : true
    }

    /// Reads the catalogue's keys of a description, reporting every value outside its vocabulary.
    static func read(_ mapping: YAMLMapping, source: YAMLSource, diagnostics: inout [Diagnostic]) -> DatasetMetadata {
        var meta = DatasetMetadata()
        meta.title = mapping.string("title", into: &diagnostics)
        meta.description = mapping.string("description", into: &diagnostics)
        meta.publisher = mapping.string("publisher", into: &diagnostics)
        meta.contact = mapping.string("contact", into: &diagnostics)
        if let license = mapping.string("license", into: &diagnostics) {
            if licenses[license] != nil { meta.license = license } else {
                diagnostics.append(Diagnostic(.error, at: mapping.location(of: "license"), Message(.licenseMustBe, licenses.keys.sorted().joined(separator: ", "), license), sourceLine: source.sourceLine(mapping.pairs.first { $0.key == "license" }?.keyMark)))
            }
        }
        meta.themes = codes("theme", in: mapping, source: source, allowed: { themeCodes.contains($0) }, message: { Message(.themeMustBe, themeCodes.joined(separator: ", "), $0) }, diagnostics: &diagnostics)
        meta.spatial = codes("spatial", in: mapping, source: source, allowed: isNUTS2, message: { Message(.spatialMustNuts2, $0, swedishNUTS2.joined(separator: ", ")) }, diagnostics: &diagnostics)
        if let frequency = mapping.string("frequency", into: &diagnostics) {
            if frequencyCodes.contains(frequency) { meta.frequency = frequency } else {
                let hint = closest(to: frequency, in: frequencyCodes) ?? frequencyCodes.joined(separator: ", ")
                diagnostics.append(Diagnostic(.error, at: mapping.location(of: "frequency"), Message(.frequencyMustBe, hint, frequency), sourceLine: source.sourceLine(mapping.pairs.first { $0.key == "frequency" }?.keyMark)))
            }
        }
        if let node = mapping["temporal"] {
            readTemporal(node, in: mapping, source: source, into: &meta, diagnostics: &diagnostics)
        }
        return meta
    }

    /// `theme: SOCI` or `theme: [SOCI, GOVE]`: each code checked.
    private static func codes(_ key: String, in mapping: YAMLMapping, source: YAMLSource, allowed: (String) -> Bool, message: (String) -> Message, diagnostics: inout [Diagnostic]) -> [String] {
        guard let node = mapping[key] else { return [] }
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default:
            diagnostics.append(Diagnostic(.error, at: mapping.location(of: key), Message(.mustTextNotListMapping, key), sourceLine: source.sourceLine(node.mark)))
            return []
        }
        var found: [String] = []
        for item in items {
            guard let code = item.string, allowed(code) else {
                diagnostics.append(Diagnostic(.error, at: source.location(item.mark), message(item.string ?? "\(item)"), sourceLine: source.sourceLine(item.mark)))
                continue
            }
            if !found.contains(code) { found.append(code) }
        }
        return found
    }

    /// `temporal: {start: 2014-01-01, end: 2020-12-31}` (either may be left out).
    private static func readTemporal(_ node: Node, in mapping: YAMLMapping, source: YAMLSource, into meta: inout DatasetMetadata, diagnostics: inout [Diagnostic]) {
        guard let period = YAMLMapping(node, source: source, what: Message(.mapTemporal), diagnostics: &diagnostics) else { return }
        period.warnUnknownKeys(allowed: ["start", "end"], what: Message(.whatKey), into: &diagnostics)
        for key in ["start", "end"] {
            guard let text = period.string(key, into: &diagnostics) else { continue }
            switch PublishDate.parse(text) {
            case .success(let date): if key == "start" { meta.temporalStart = date } else { meta.temporalEnd = date }
            case .failure:
                diagnostics.append(Diagnostic(.error, at: period.location(of: key), Message(.temporalMustDate, key, text), sourceLine: source.sourceLine(period.pairs.first { $0.key == key }?.keyMark)))
            }
        }
        if let start = meta.temporalStart, let end = meta.temporalEnd, end < start {
            diagnostics.append(Diagnostic(.error, at: period.location(of: "end"), Message(.temporalEndBeforeStart, end.iso, start.iso), sourceLine: source.sourceLine(period.pairs.first { $0.key == "end" }?.keyMark)))
        }
    }
}
