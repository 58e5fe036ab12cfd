import StatikCore
import StatikData
import StatikFormat

// The parts that bar, line and donut charts share: drawing at two widths, the legend and the
// value axis's title at the top, "no data", the value axis, and the table of the data.

/// A chart drawn the same way at both widths: the wide drawing for ordinary screens and print,
/// the narrow one for phones, with one description and one table for both.
protocol DrawnAtTwoWidths {
    var spec: ChartSpec { get }
    /// The sentence of the SVG's `<desc>`.
    func describe() -> String
    /// The data as the table under the chart.
    func table() -> ChartTable
    /// The SVG of the chart at `width`.
    func draw(width: Double, id: String, description: String) -> String
}

extension DrawnAtTwoWidths {
    func render() -> RenderedChart {
        let description = describe()
        return RenderedChart(
            wide: draw(width: Layout.wideWidth, id: spec.id, description: description),
            narrow: draw(width: Layout.narrowWidth, id: spec.id + "-smal", description: description),
            description: description, table: table()
        )
    }
}

extension SVGWriter {
    /// An element `g` with `attributes` around what `content` writes, then a line break.
    mutating func group(_ attributes: [(String, String)], _ content: (inout SVGWriter) -> Void) {
        open("g", attributes)
        content(&self)
        close("g")
        raw("\n")
    }

    /// The legend at the top of a chart of more than one series, at `y`; answers the height it
    /// took with the space under it (0 for one series).
    mutating func seriesLegend(_ spec: ChartSpec, y: Double, width: Double, swatch: Legend.Swatch = .square) -> Double {
        guard spec.series.count > 1 else { return 0 }
        let items = spec.series.enumerated().map { (seriesClass($0.offset), $0.element.label) }
        let (markup, height) = Legend.draw(items, x: 0, y: y, width: width, swatch: swatch)
        raw(markup)
        return height + 6
    }

    /// The value axis's title (`y_axis:`), when the chart has one, at (`x`, `y`); answers the
    /// height it took (0 without one).
    mutating func axisTitle(_ spec: ChartSpec, x: Double, y: Double) -> Double {
        guard let title = spec.valueAxisTitle else { return 0 }
        text([title], x: x, y: y + 12, class: "statik-axis-title")
        return 20
    }
}

/// The document of a chart with nothing to draw: `Uppgift saknas` (`No data`) under what `svg`
/// holds so far, which ends at `y`.
func noDataDocument(_ svg: SVGWriter, spec: ChartSpec, y: Double, width: Double, id: String, description: String, kind: String) -> String {
    var svg = svg
    svg.text([spec.language.pick("Uppgift saknas", "No data")], x: width / 2, y: y + 40, anchor: .middle, class: "statik-missing")
    return svgDocument(id: id, width: width, height: y + 64, title: spec.title, description: description, kind: kind, body: svg.text)
}

/// The rectangle a chart's values are drawn in, in user units.
struct PlotArea {
    var left, right, top, bottom: Double
}

/// A value axis: round ticks over the values, and their labels in the chart's language.
struct ValueAxis {
    let ticks: Ticks
    /// The labels' format: the values' format, with the decimals the ticks' step needs.
    let format: Format
    /// One label per tick value.
    let labels: [String]

    init(_ ticks: Ticks, valueFormat: Format, language: Language) {
        self.ticks = ticks
        let format = valueFormat.forTicks(step: ticks.step)
        self.format = format
        labels = ticks.values.map { format.tick($0, language) }
    }

    /// The width of the widest label.
    var widestLabel: Double {
        labels.map { TextMetrics.width($0, size: Layout.smallFontSize) }.max() ?? 0
    }

    /// For values that run up the page: a grid line across the plot at every tick but
    /// `axisAt` (where an axis line is drawn instead), and the labels right-aligned `labelGap`
    /// left of the plot.
    func drawUpright(_ svg: inout SVGWriter, scale: LinearScale, plot: PlotArea, axisAt: Double, labelGap: Double) {
        svg.group([("class", "statik-grid")]) { svg in
            for value in ticks.values where value != axisAt {
                svg.line(x1: plot.left, y1: scale(value), x2: plot.right, y2: scale(value))
            }
        }
        svg.group([("class", "statik-ticks"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            for (value, label) in zip(ticks.values, labels) {
                svg.text([label], x: plot.left - labelGap, y: scale(value) + 4, anchor: .end)
            }
        }
    }
}

extension ChartData {
    /// The data of a bar or line chart, which draws categories (`x:`) against one or more value
    /// columns (`y:`); `noX` and `noY` say what is missing when one is.
    init(result: QueryResult, spec: ChartSpec, noX: Message, noY: Message) throws(ChartError) {
        guard spec.x != nil else { throw ChartError(noX) }
        guard !spec.series.isEmpty else { throw ChartError(noY) }
        try self.init(result: result, spec: spec)
    }

    /// The data as the table under a bar or line chart: the categories, then a column per
    /// series.
    func table(_ spec: ChartSpec) -> ChartTable {
        var columns = [ChartTable.Column(label: spec.x?.label ?? "", format: nil)]
        columns += spec.series.map { ChartTable.Column(label: $0.label, format: format) }
        let rows = (0..<rowCount).map { r in
            [Value.text(categories[r])] + values.map { $0[r].map(Value.real) ?? .null }
        }
        return ChartTable(columns: columns, rows: rows)
    }
}
