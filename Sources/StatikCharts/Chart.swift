public import StatikData
import StatikCore
import StatikFormat

/// Draws charts: a query's result and a spec in, SVG (or HTML) text out. Pure functions, no
/// file access: the map's geometry comes in as a value.
public enum Chart {
    /// The largest value a chart draws: beyond it the axis's arithmetic (ticks, pixels) would
    /// overflow. A value beyond it, or one that is not finite, is an error, never a crash.
    public static let largestDrawable = 1e15

    public static func render(_ result: QueryResult, _ spec: ChartSpec, geometry: MapGeometry? = nil) throws(ChartError) -> RenderedChart {
        let drawn = spec.series.map(\.column) + [spec.previous].compactMap { $0 }
        for name in drawn {
            guard let index = result.columnIndex(name) else { continue }
            for (r, row) in result.rows.enumerated() {
                guard let x = row[index].number else { continue }
                if !x.isFinite || abs(x) > largestDrawable {
                    let shown = abs(x) <= 1e21 ? Format.integer.string(.real(x)) : row[index].plainText
                    throw ChartError(Message(.rowHasWhichChartCannot, r + 1, spec.query, x.isFinite ? Message(.theValue, shown) : Message(.aValueThatIsNotANumber)), option: spec.kind == .map || spec.kind == .kpi ? "value" : "y", item: name)
                }
            }
        }
        switch spec.kind {
        case .bar:
            return try BarChart(result: result, spec: spec).render()
        case .line:
            return try LineChart(result: result, spec: spec).render()
        case .donut:
            return try DonutChart(result: result, spec: spec).render()
        case .kpi:
            return try KPITiles(result: result, spec: spec).render()
        case .map:
            guard let geometry else { throw ChartError(Message(.mapNeedsRegionsGeometryGeojson), option: "geometry") }
            return try ChoroplethMap(result: result, spec: spec, geometry: geometry).render()
        }
    }
}

/// The sentences of a chart's `<desc>`, in the page's language.
enum Describe {
    /// `A`, `A och B`, `A, B och C` (English: `A, B and C`).
    static func list(_ items: [String], _ language: Language = .swedish) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + language.pick(" och ", " and ") + items.last!
        }
    }

    /// `Högst: PO 2, 6 039. Lägst: PO 3, 809.` Ties are named together; NULLs are left out.
    static func extremes(_ points: [(label: String, value: Double)], format: Format, language: Language = .swedish, high: String = "Högst", low: String = "Lägst") -> String {
        guard let max = points.map(\.value).max(), let min = points.map(\.value).min() else { return "" }
        let text = { (x: Double) in format.string(.real(x), in: language) }
        if points.count == 1 { return "\(points[0].label): \(text(max))." }
        if max == min { return language.pick("Alla värden är \(text(max)).", "All values are \(text(max)).") }
        let highest = points.filter { $0.value == max }.map(\.label)
        let lowest = points.filter { $0.value == min }.map(\.label)
        let (high, low) = language == .english ? (Self.english[high] ?? high, Self.english[low] ?? low) : (high, low)
        return "\(high): \(list(highest, language)), \(text(max)). \(low): \(list(lowest, language)), \(text(min))."
    }

    private static let english = ["Högst": "Highest", "Lägst": "Lowest", "Högst totalt": "Highest in total", "Lägst totalt": "Lowest in total", "Störst": "Largest", "Minst": "Smallest"]

    /// `för PO 2, PO 3 och PO 2 och PO 3`, or `för 40 kategorier` when a list would be long.
    static func categories(_ names: [String], language: Language) -> String {
        names.count <= 6 ? language.pick("för ", "for ") + list(names, language) : language.pick("för \(names.count) kategorier", "for \(names.count) categories")
    }

    /// `count` values without a bar or point, `withheld` of them withheld (`x`), the others not
    /// available (`..`): said apart, as the table under the chart shows them.
    static func missing(_ count: Int, withheld: Int = 0, _ language: Language) -> String {
        var text = ""
        switch count - withheld {
        case ...0: break
        case 1: text += language.pick(" Uppgift saknas för ett värde.", " One value is not available.")
        default: text += language.pick(" Uppgift saknas för \(count - withheld) värden.", " \(count - withheld) values are not available.")
        }
        switch withheld {
        case ...0: break
        case 1: text += language.pick(" Ett värde redovisas inte (sekretess).", " One value is withheld (confidentiality).")
        default: text += language.pick(" \(withheld) värden redovisas inte (sekretess).", " \(withheld) values are withheld (confidentiality).")
        }
        return text
    }

}

/// A legend: a swatch and a label per series, in rows that wrap.
struct Legend {
    enum Swatch { case square, line }

    /// Markup of the legend at (x, y) within `width`, and the height it takes.
    static func draw(_ items: [(className: String, label: String)], x: Double, y: Double, width: Double, swatch: Swatch = .square) -> (markup: String, height: Double) {
        guard !items.isEmpty else { return ("", 0) }
        var svg = SVGWriter()
        svg.open("g", [("class", "statik-legend")])
        let size = Layout.legendSwatch
        let rowHeight = 20.0
        var cx = x, cy = y
        for item in items {
            let itemWidth = size + 6 + TextMetrics.width(item.label, size: Layout.fontSize)
            if cx > x && cx + itemWidth > x + width {
                cx = x
                cy += rowHeight
            }
            switch swatch {
            case .square:
                svg.rect(x: cx, y: cy + 2, width: size, height: size, class: item.className)
            case .line:
                svg.line(x1: cx, y1: cy + 8, x2: cx + size, y2: cy + 8, class: "statik-line \(item.className)")
                svg.empty("circle", [("class", "statik-marker \(item.className)"), ("cx", coord(cx + size / 2)), ("cy", coord(cy + 8)), ("r", "3.5")])
            }
            svg.text([item.label], x: cx + size + 6, y: cy + 12.5)
            cx += itemWidth + 18
        }
        svg.close("g")
        svg.raw("\n")
        return (svg.text, cy - y + rowHeight)
    }
}

/// The class of the n-th series (0-based): six colours from the theme, then again.
func seriesClass(_ index: Int) -> String { "statik-series-\(index % 6 + 1)" }
