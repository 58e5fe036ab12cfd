import Foundation
import StatikCore
import StatikData
import StatikFormat

/// A choropleth map: each region coloured by the class of its value, the value written on the
/// region, and a legend that names the regions of every class, so that the map can be read
/// without telling colours apart, in black and white too.
struct ChoroplethMap {
    let spec: ChartSpec
    let geometry: MapGeometry
    let format: Format
    /// The value of each region of the geometry (nil: no row, or NULL), in geometry order.
    let values: [String: Double?]
    let names: [String: String]
    /// Regions whose value is withheld (disclosure control, or `x` at the source): `x` on the
    /// map, never `..`.
    let withheld: Set<String>
    /// Per region id: the link, when `link:` is set.
    let links: [String: String]
    let breaks: [Double]

    /// At most this many classes: more shades of one colour cannot be told apart.
    static let maxClasses = 5

    init(result: QueryResult, spec: ChartSpec, geometry: MapGeometry) throws(ChartError) {
        self.spec = spec
        self.geometry = geometry
        let columns = try Self.columns(of: result, spec: spec)
        var copy = spec
        copy.x = nil
        let data = try ChartData(result: result, spec: copy, valueOption: "value")
        format = data.format
        let regions = try Self.regions(result, values: data.values[0], columns: columns, spec: spec, geometry: geometry)
        values = regions.values
        withheld = Set(regions.rows.filter { spec.withheld.contains(ChartSpec.Point(row: $0.value, series: 0)) }.keys)
        names = regions.names
        if let highlight = spec.highlight, !geometry.regions.contains(where: { $0.id == highlight }) {
            throw ChartError(Message(.thereNoRegionHighlightMap, highlight, geometry.regions.map(\.id).joined(separator: ", ")), option: "highlight")
        }
        if let pattern = spec.link {
            links = try Self.links(pattern, result: result, regionIndex: columns.region, spec: spec)
        } else {
            links = [:]
        }
        breaks = try Self.breaks(spec.classes, of: values.values.compactMap { $0 }, format: format)
    }

    /// The columns a map reads: the regions' codes (`region:`), and their names when `name:`
    /// is set.
    struct Columns {
        var regionColumn: String
        var region: Int
        var name: Int?
    }

    /// The result's columns of region codes and names; an error when `region:` or the one
    /// value column is not given, or names a column the result does not have.
    static func columns(of result: QueryResult, spec: ChartSpec) throws(ChartError) -> Columns {
        guard let regionColumn = spec.region else { throw ChartError(Message(.mapNeedsRegionColumnNuts)) }
        guard spec.series.count == 1 else {
            throw ChartError(spec.series.isEmpty ? Message(.mapNeedsValue) : Message(.mapShowsOneColumn), option: "value")
        }
        guard let regionIndex = result.columnIndex(regionColumn) else {
            throw ChartError(ChartData.noColumn(regionColumn, in: result, spec: spec), option: "region", item: regionColumn)
        }
        var nameIndex: Int?
        if let column = spec.regionName {
            guard let index = result.columnIndex(column) else { throw ChartError(ChartData.noColumn(column, in: result, spec: spec), option: "name", item: column) }
            nameIndex = index
        }
        return Columns(regionColumn: regionColumn, region: regionIndex, name: nameIndex)
    }

    /// Each region's value (`values`: the value column, by row) and name (the geometry's,
    /// unless the name column gives one), by region code. A code the geometry does not have,
    /// or a region of more than one row, is an error.
    static func regions(_ result: QueryResult, values column: [Double?], columns: Columns, spec: ChartSpec, geometry: MapGeometry) throws(ChartError)
        -> (values: [String: Double?], names: [String: String], rows: [String: Int]) {
        let known = Set(geometry.regions.map(\.id))
        var values: [String: Double?] = [:]
        var rows: [String: Int] = [:]
        var names = Dictionary(uniqueKeysWithValues: geometry.regions.map { ($0.id, $0.name) })
        for (r, row) in result.rows.enumerated() {
            let code = row[columns.region].plainText
            guard known.contains(code) else {
                throw ChartError(Message(.rowQueryHasRegionCode, r + 1, spec.query, code, geometry.regions.map(\.id).joined(separator: ", ")), option: "region", item: columns.regionColumn)
            }
            guard values[code] == nil else {
                throw ChartError(Message(.regionMoreThanOneRow, code, spec.query), option: "region", item: columns.regionColumn)
            }
            values[code] = column[r]
            rows[code] = r
            if let nameIndex = columns.name, !row[nameIndex].isNull { names[code] = row[nameIndex].plainText }
        }
        return (values, names, rows)
    }

    /// Links, by region code: `{column}` in `pattern` replaced by the row's value,
    /// `{column|slug}` by its URL slug (as the pages made from one file get theirs), made safe
    /// for a URL path.
    static func links(_ pattern: String, result: QueryResult, regionIndex: Int, spec: ChartSpec) throws(ChartError) -> [String: String] {
        var links: [String: String] = [:]
        let placeholders = Self.placeholders(in: pattern)
        for placeholder in placeholders {
            let parts = placeholder.split(separator: "|", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 && parts[1] != "slug" {
                throw ChartError(Message(.onlyFilterLinkSlugNamn, placeholder), option: "link")
            }
            if result.columnIndex(parts[0]) == nil {
                throw ChartError(ChartData.noColumn(parts[0], in: result, spec: spec), option: "link")
            }
        }
        for row in result.rows {
            var url = pattern
            for placeholder in placeholders {
                let parts = placeholder.split(separator: "|", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                let value = row[result.columnIndex(parts[0])!].plainText
                url = url.replacingOccurrences(of: "{\(placeholder)}", with: Self.percentEncoded(parts.count == 2 ? slug(value) : value))
            }
            // The same rule as for every URL Statik writes (URLPolicy).
            if let scheme = URLPolicy.refusedScheme(url) {
                throw ChartError(Message(.linkAddressAddressWhichPage, url, scheme), option: "link")
            }
            links[row[regionIndex].plainText] = url
        }
        return links
    }

    /// The class limits: those given (`classes: [23, 25]`), or for a count of classes round
    /// limits between the smallest and the largest of the `present` values.
    static func breaks(_ classes: ChartSpec.Classes, of present: [Double], format: Format) throws(ChartError) -> [Double] {
        switch classes {
        case .breaks(let limits):
            let breaks = Array(Set(limits)).sorted()
            guard breaks.count + 1 <= Self.maxClasses else {
                throw ChartError(Message(.classesMoreThanReaderCan, breaks.count + 1, Self.maxClasses - 1), option: "classes")
            }
            return breaks
        case .count(let count):
            guard (1...Self.maxClasses).contains(count) else {
                throw ChartError(Message(.classesMust1ListLimits, Self.maxClasses), option: "classes")
            }
            if count == 1 || present.isEmpty { return [] }
            // Round limits between the smallest and the largest value.
            let lo = present.min()!, hi = present.max()!
            let ticks = Ticks(min: lo, max: hi, count: count, integers: format == .integer)
            return ticks.values.filter { $0 > lo && $0 <= hi }
        }
    }

    static func placeholders(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let ch = Character(Unicode.Scalar(byte))
            if byte < 128 && (ch.isLetter || ch.isNumber || "-._~".contains(ch)) {
                out.append(ch)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    var classCount: Int { breaks.count + 1 }

    func classIndex(_ value: Double) -> Int { breaks.filter { $0 <= value }.count }

    /// The theme's sequential colours, 1 (light) to 5 (dark), spread over the classes.
    func shade(_ index: Int) -> Int {
        classCount == 1 ? 3 : 1 + Int((Double(index) * 4 / Double(classCount - 1)).rounded())
    }

    /// `under 23,0 %`, `23,0–24,9 %`, `25,0 % eller mer`.
    func classLabel(_ index: Int) -> String {
        let decimals: Int
        switch format {
        case .percent(let d), .permille(let d): decimals = d
        case .decimal(let d): decimals = d ?? 1
        default: decimals = 0
        }
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        let full = { (x: Double) in self.format.tick(x, spec.language) }
        let bare = { (x: Double) -> String in
            switch self.format {
            case .percent(let d), .permille(let d): return Format.decimal(d).tick(x, spec.language)
            default: return self.format.tick(x, spec.language)
            }
        }
        if breaks.isEmpty {
            let present = values.values.compactMap { $0 }
            guard let lo = present.min(), let hi = present.max() else { return spec.language.pick("Uppgift saknas", "No data") }
            return lo == hi ? full(lo) : "\(bare(lo))–\(full(hi))"
        }
        if index == 0 { return "under \(full(breaks[0]))" }
        if index == breaks.count { return "\(full(breaks[index - 1])) eller mer" }
        return "\(bare(breaks[index - 1]))–\(full(breaks[index] - unit))"
    }

    func render() -> RenderedChart {
        let description = describe()
        return RenderedChart(
            wide: draw(width: 600, mapHeight: 620, id: spec.id, description: description, legendBeside: true),
            narrow: draw(width: Layout.narrowWidth, mapHeight: 500, id: spec.id + "-smal", description: description, legendBeside: false),
            description: description, table: table()
        )
    }

    func valueText(_ id: String) -> String {
        if withheld.contains(id) { return "x" }
        guard let value = values[id] else { return Format.notAvailable }
        return format.string(value.map(Value.real) ?? .null, in: spec.language)
    }

    func draw(width: Double, mapHeight: Double, id: String, description: String, legendBeside: Bool) -> String {
        let map = geometry.projected(maxWidth: legendBeside ? width * 0.46 : width - 40, maxHeight: mapHeight)
        let dx = legendBeside ? 4.0 : (width - map.width) / 2, dy = 4.0
        let placed = PlacedMap(map: map, dx: dx, dy: dy, hatchID: "\(id)-saknas",
                               missing: map.regions.filter { values[$0.id] == nil || values[$0.id]! == nil })
        var svg = SVGWriter()
        if !placed.missing.isEmpty {
            svg.raw("<defs><pattern id=\"\(placed.hatchID)\" class=\"statik-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>\n")
        }
        drawRegions(&svg, placed)
        drawValues(&svg, placed)
        // The legend beside the map, or under it.
        let legendX = legendBeside ? dx + map.width + 36 : 4.0
        let legendBottom = drawLegend(&svg, placed, x: legendX, y: legendBeside ? dy + 4 : dy + map.height + 22, width: width - legendX - 4)
        let height = max(dy + map.height + 6, legendBottom + 4)
        return svgDocument(id: id, width: width, height: height, title: spec.title, description: description,
                           kind: "map", interactive: !links.isEmpty, body: svg.text)
    }

    /// The regions drawn into a box, where the box stands in the drawing (`dx`, `dy`), and the
    /// regions without a value, which are hatched with the pattern `hatchID`.
    struct PlacedMap {
        var map: ProjectedMap
        var dx: Double
        var dy: Double
        var hatchID: String
        var missing: [ProjectedMap.Region]
    }

    /// Each region in the shade of its class (hatched without a value), a link when it has
    /// one, then the highlighted region's outline over them all.
    func drawRegions(_ svg: inout SVGWriter, _ placed: PlacedMap) {
        let dx = placed.dx, dy = placed.dy
        svg.open("g", [("class", "statik-regions")])
        svg.raw("\n")
        for region in placed.map.regions {
            let d = ProjectedMap.path(region.rings, dx: dx, dy: dy)
            var attributes: [(String, String)] = []
            if let value = values[region.id], let value {
                attributes = [("class", "statik-region statik-seq-\(shade(classIndex(value)))"), ("d", d)]
            } else {
                attributes = [("class", "statik-region statik-nodata"), ("fill", "url(#\(placed.hatchID))"), ("d", d)]
            }
            if let link = links[region.id] {
                svg.open("a", [("href", link), ("aria-label", "\(names[region.id] ?? region.id): \(valueText(region.id))")])
                svg.empty("path", attributes)
                svg.close("a")
            } else {
                svg.empty("path", attributes)
            }
            svg.raw("\n")
        }
        svg.close("g")
        svg.raw("\n")
        if let highlight = spec.highlight, let region = placed.map.regions.first(where: { $0.id == highlight }) {
            svg.empty("path", [("class", "statik-highlight"), ("d", ProjectedMap.path(region.rings, dx: dx, dy: dy))])
            svg.raw("\n")
        }
    }

    /// The values on the regions; a region too small for its label gets it beside, with a line.
    func drawValues(_ svg: inout SVGWriter, _ placed: PlacedMap) {
        let dx = placed.dx, dy = placed.dy
        svg.group([("class", "statik-map-values statik-halo"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            for region in placed.map.regions where !region.largest.isEmpty {
                let text = valueText(region.id)
                let (point, room) = region.label
                let bold = region.id == spec.highlight
                let textWidth = TextMetrics.width(text, size: Layout.smallFontSize, bold: bold)
                if room >= 8 && room * 2.2 >= textWidth {
                    svg.text([text], x: point.x + dx, y: point.y + dy + 4, anchor: .middle, bold: bold)
                } else {
                    let right = region.rings.flatMap { $0 }.map(\.x).max() ?? point.x
                    let labelX = right + dx + 10
                    svg.line(x1: point.x + dx, y1: point.y + dy, x2: labelX - 2, y2: point.y + dy, class: "statik-leader")
                    svg.text([text], x: labelX, y: point.y + dy + 4, bold: bold)
                }
            }
        }
    }

    /// The size of a legend's swatch.
    static let swatch = 16.0

    /// The legend, from `y` down, `width` wide: the title, each class with its regions named,
    /// then what the hatching and the outline mean. Answers where it ends.
    func drawLegend(_ svg: inout SVGWriter, _ placed: PlacedMap, x legendX: Double, y top: Double, width legendWidth: Double) -> Double {
        let swatch = Self.swatch
        var y = top
        svg.group([("class", "statik-legend")]) { svg in
            let title = spec.valueAxisTitle ?? spec.series[0].label
            let titleLines = TextMetrics.wrap(title, width: legendWidth, size: Layout.fontSize)
            svg.text(titleLines, x: legendX, y: y + 12, lineHeight: Layout.lineHeight, bold: true)
            y += Double(titleLines.count) * Layout.lineHeight + 10
            for index in (0..<classCount).reversed() {
                let members = placed.map.regions.filter { values[$0.id].flatMap { $0 }.map(classIndex) == index }.map { names[$0.id] ?? $0.id }
                svg.rect(x: legendX, y: y, width: swatch, height: swatch, class: "statik-region statik-seq-\(shade(index))")
                let list = members.isEmpty ? spec.language.pick("ingen region", "no region") : Describe.list(members, spec.language)
                y = legendEntry(&svg, label: classLabel(index), regions: list, x: legendX, y: y, width: legendWidth)
            }
            if !placed.missing.isEmpty {
                svg.empty("rect", [("class", "statik-region statik-nodata"), ("fill", "url(#\(placed.hatchID))"), ("x", coord(legendX)), ("y", coord(y)), ("width", coord(swatch)), ("height", coord(swatch))])
                let list = Describe.list(placed.missing.map { names[$0.id] ?? $0.id }, spec.language)
                y = legendEntry(&svg, label: spec.language.pick("Uppgift saknas", "No data"), regions: list, x: legendX, y: y, width: legendWidth)
            }
            if let highlight = spec.highlight {
                svg.rect(x: legendX + 1, y: y + 1, width: swatch - 2, height: swatch - 2, class: "statik-highlight")
                let lines = TextMetrics.wrap("Markerad: \(names[highlight] ?? highlight)", width: legendWidth - swatch - 8, size: Layout.fontSize)
                svg.text(lines, x: legendX + swatch + 8, y: y + 12.5, lineHeight: Layout.lineHeight)
                y += Double(lines.count) * Layout.lineHeight + 10
            }
        }
        return y
    }

    /// Beside a swatch drawn at (`x`, `y`): its label, and under it the regions it stands for,
    /// in small type. Answers where the entry ends.
    func legendEntry(_ svg: inout SVGWriter, label: String, regions: String, x legendX: Double, y top: Double, width legendWidth: Double) -> Double {
        let swatch = Self.swatch
        var y = top
        svg.text([label], x: legendX + swatch + 8, y: y + 12.5)
        y += Layout.lineHeight + 4
        let lines = TextMetrics.wrap(regions, width: legendWidth - swatch - 8, size: Layout.smallFontSize)
        svg.text(lines, x: legendX + swatch + 8, y: y + 9, class: "statik-legend-regions", size: Layout.smallFontSize, lineHeight: 14)
        return y + (Double(lines.count) * 14 + 10)
    }

    func describe() -> String {
        let regions = geometry.regions
        let l = spec.language
        var text = l.pick("Karta", "Map") + ": \(spec.title). " + (regions.count == 8 ? l.pick("Sveriges åtta regioner", "Sweden's eight regions") : l.pick("\(regions.count) regioner", "\(regions.count) regions"))
        text += classCount > 1 ? l.pick(" i \(classCount) klasser; mörkare färg betyder högre värde.", " in \(classCount) classes; a darker colour means a higher value.") : "."
        let points = regions.compactMap { r in values[r.id].flatMap { $0 }.map { (label: names[r.id] ?? r.id, value: $0) } }
        if !points.isEmpty { text += " " + Describe.extremes(points, format: format, language: spec.language) }
        let missing = regions.filter { values[$0.id].flatMap { $0 } == nil && !withheld.contains($0.id) }.map { names[$0.id] ?? $0.id }
        if !missing.isEmpty { text += l.pick(" Uppgift saknas för ", " No data for ") + "\(Describe.list(missing, l))." }
        let secret = regions.filter { withheld.contains($0.id) }.map { names[$0.id] ?? $0.id }
        if !secret.isEmpty { text += l.pick(" Redovisas inte (sekretess): ", " Withheld (confidentiality): ") + "\(Describe.list(secret, l))." }
        if let highlight = spec.highlight { text += l.pick(" Markerad: ", " Highlighted: ") + "\(names[highlight] ?? highlight)." }
        return text
    }

    /// The regions in the geometry's order, with code and value.
    func table() -> ChartTable {
        let columns = [
            ChartTable.Column(label: "Region", format: nil),
            ChartTable.Column(label: "Kod", format: nil),
            ChartTable.Column(label: spec.series[0].label, format: format),
        ]
        let rows = geometry.regions.map { region -> [Value] in
            [.text(names[region.id] ?? region.id), .text(region.id), values[region.id].flatMap { $0 }.map(Value.real) ?? .null]
        }
        return ChartTable(columns: columns, rows: rows)
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
