import StatikCore
import StatikData
import StatikFormat

/// Lines over years (or ordered categories): one line per series, a marker on every value, a gap
/// where a value is missing, and the values written at the points when there is room.
struct LineChart: DrawnAtTwoWidths {
    let spec: ChartSpec
    let data: ChartData
    /// The x positions in data units: the years themselves, or 0, 1, 2 … for categories.
    let xs: [Double]
    let numericX: Bool

    init(result: QueryResult, spec: ChartSpec) throws(ChartError) {
        data = try ChartData(result: result, spec: spec, noX: Message(.lineChartNeedsXColumn), noY: Message(.lineChartNeedsYOne))
        self.spec = spec
        let numbers = data.categoryValues.map(\.number)
        numericX = !numbers.isEmpty && numbers.allSatisfy { $0 != nil }
        xs = numericX ? numbers.map { $0! } : data.categoryValues.indices.map(Double.init)
        if numericX {
            for i in xs.indices.dropFirst() where xs[i] <= xs[i - 1] {
                throw ChartError(Message(.lineChartNeedsXValues, data.categories[i], data.categories[i - 1], spec.x!.column), option: "x")
            }
        }
    }

    var seriesCount: Int { spec.series.count }

    func draw(width: Double, id: String, description: String) -> String {
        var svg = SVGWriter()
        var y = 8.0
        y += svg.seriesLegend(spec, y: y, width: width, swatch: .line)
        y += svg.axisTitle(spec, x: 0, y: y)
        guard let layout = layout(width: width, top: y) else {
            return noDataDocument(svg, spec: spec, y: y, width: width, id: id, description: description, kind: "line")
        }
        let plot = layout.plot
        layout.axis.drawUpright(&svg, scale: layout.yScale, plot: plot, axisAt: layout.axis.ticks.lo, labelGap: 8)
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, class: "statik-axis")
        svg.raw("\n")
        drawXAxis(&svg, layout)
        drawLines(&svg, layout)
        drawMarkers(&svg, layout)
        drawValues(&svg, layout)
        return svgDocument(id: id, width: width, height: plot.bottom + 28, title: spec.title, description: description, kind: "line", body: svg.text)
    }

    /// Where the parts of a line chart go, worked out before any is drawn.
    struct LineLayout {
        var axis: ValueAxis
        var xScale, yScale: LinearScale
        var plot: PlotArea
        /// Every point is labelled (one line of few points); otherwise the last value of each
        /// line, in `lastLabels`.
        var labelAll: Bool
        var lastLabels: [(series: Int, row: Int, text: String)]
    }

    /// The plot below `top`: ticks on the left, room on the right for the labels at the lines'
    /// ends. Nil when there is no value to draw.
    func layout(width: Double, top y: Double) -> LineLayout? {
        let narrow = width < Layout.wideWidth
        let all = data.values.flatMap { $0 }.compactMap { $0 }
        guard data.rowCount > 0, !all.isEmpty else { return nil }
        var lo = all.min()!, hi = all.max()!
        if spec.zero ?? (lo >= 0) { lo = min(lo, 0); hi = max(hi, 0) }
        let ticks = Ticks(min: lo, max: hi, count: narrow ? 4 : 5, integers: data.format == .integer)
        let axis = ValueAxis(ticks, valueFormat: data.format, language: spec.language)

        // Every point is labelled when there are few; otherwise the last value of each line.
        let labelAll = seriesCount == 1 && data.rowCount <= (narrow ? 8 : 14)
        let lastLabels: [(series: Int, row: Int, text: String)] = labelAll ? [] : data.values.enumerated().compactMap { s, column in
            guard let r = column.lastIndex(where: { $0 != nil }) else { return nil }
            return (s, r, data.text(.real(column[r]!)))
        }
        let rightRoom = lastLabels.map { TextMetrics.width($0.text, size: Layout.smallFontSize) + 10 }.max() ?? 0
        let firstLabelHalf = TextMetrics.width(data.categories.first ?? "", size: Layout.smallFontSize) / 2
        let lastLabelHalf = TextMetrics.width(data.categories.last ?? "", size: Layout.smallFontSize) / 2
        let plotLeft = max(axis.widestLabel + 10, 24, firstLabelHalf + 4)
        let plotRight = width - max(rightRoom, lastLabelHalf + 4, 12)
        let plotTop = y + 14
        let plotBottom = plotTop + (narrow ? 190 : 240)
        let yScale = LinearScale(domain: (ticks.lo, ticks.hi), range: (plotBottom, plotTop))
        let xLo = xs.first!, xHi = xs.last!
        let xScale = LinearScale(domain: (xLo, xHi == xLo ? xLo + 1 : xHi), range: (xHi == xLo ? (plotLeft + plotRight) / 2 : plotLeft, plotRight))
        return LineLayout(axis: axis, xScale: xScale, yScale: yScale, plot: PlotArea(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom),
                          labelAll: labelAll, lastLabels: lastLabels)
    }

    /// The x axis: every year when they fit, else every second, fifth …
    func drawXAxis(_ svg: inout SVGWriter, _ layout: LineLayout) {
        let plot = layout.plot
        let widest = data.categories.map { TextMetrics.width($0, size: Layout.smallFontSize) }.max() ?? 0
        let spacing = data.rowCount > 1 ? (plot.right - plot.left) / Double(data.rowCount - 1) : plot.right - plot.left
        let step = [1, 2, 5, 10, 20, 50, 100].first { Double($0) * spacing >= widest + 8 } ?? 100
        svg.group([("class", "statik-ticks"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            for (r, label) in data.categories.enumerated() where r % step == 0 {
                let x = layout.xScale(xs[r])
                svg.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, class: "statik-axis")
                svg.text([label], x: x, y: plot.bottom + 18, anchor: .middle)
            }
        }
    }

    /// The lines, broken where a value is missing.
    func drawLines(_ svg: inout SVGWriter, _ layout: LineLayout) {
        for (s, column) in data.values.enumerated() {
            var d = ""
            var pen = false
            for (r, value) in column.enumerated() {
                guard let value else { pen = false; continue }
                d += (pen ? "L" : "M") + coord(layout.xScale(xs[r])) + " " + coord(layout.yScale(value))
                pen = true
            }
            if d.contains("L") {
                svg.empty("path", [("class", "statik-line \(seriesClass(s))"), ("d", d)])
                svg.raw("\n")
            }
        }
    }

    /// A marker on every value (`markers: false`: only on values with no line to them).
    func drawMarkers(_ svg: inout SVGWriter, _ layout: LineLayout) {
        svg.group([("class", "statik-markers")]) { svg in
            for (s, column) in data.values.enumerated() {
                for (r, value) in column.enumerated() {
                    guard let value else { continue }
                    let isolated = (r == 0 || column[r - 1] == nil) && (r == column.count - 1 || column[r + 1] == nil)
                    guard spec.markers || isolated else { continue }
                    svg.empty("circle", [("class", "statik-marker \(seriesClass(s))"), ("cx", coord(layout.xScale(xs[r]))), ("cy", coord(layout.yScale(value))), ("r", "4")])
                }
            }
        }
    }

    /// The values: over every point, or at the ends of the lines, pushed apart where they
    /// would overlap.
    func drawValues(_ svg: inout SVGWriter, _ layout: LineLayout) {
        let xScale = layout.xScale, yScale = layout.yScale
        svg.group([("class", "statik-values statik-halo"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            if layout.labelAll {
                for (r, value) in data.values[0].enumerated() {
                    guard let value else { continue }
                    svg.text([data.text(.real(value))], x: xScale(xs[r]), y: yScale(value) - 10, anchor: .middle)
                }
            } else {
                var placed = layout.lastLabels.map { (label: $0, y: yScale(data.values[$0.series][$0.row]!) + 4) }
                placed.sort { $0.y < $1.y }
                for i in placed.indices.dropFirst() where placed[i].y - placed[i - 1].y < 14 {
                    placed[i].y = placed[i - 1].y + 14
                }
                for item in placed {
                    svg.text([item.label.text], x: xScale(xs[item.label.row]) + 8, y: item.y, class: "statik-label-\(item.label.series % 6 + 1)")
                }
            }
        }
    }

    func describe() -> String {
        let first = data.categories.first ?? "", last = data.categories.last ?? ""
        let period = data.rowCount > 1 ? "\(first)–\(last)" : first
        let l = spec.language
        guard data.values.contains(where: { $0.contains { $0 != nil } }) else { return l.pick("Linjediagram: \(spec.title). Uppgift saknas.", "Line chart: \(spec.title). No data.") }
        var text = l.pick("Linjediagram", "Line chart") + ": \(spec.title). " + l.pick("Visar", "Shows") + " \(Describe.list(spec.series.map(\.label), l)), \(period)."
        var points: [(label: String, value: Double)] = []
        for (s, column) in data.values.enumerated() {
            for (r, value) in column.enumerated() {
                guard let value else { continue }
                points.append((seriesCount > 1 ? "\(spec.series[s].label) \(data.categories[r])" : data.categories[r], value))
            }
        }
        text += " " + Describe.extremes(points, format: data.format, language: spec.language)
        if seriesCount == 1, let a = data.values[0].firstIndex(where: { $0 != nil }), let b = data.values[0].lastIndex(where: { $0 != nil }), a != b {
            text += l.pick(" Från ", " From ") + "\(data.text(.real(data.values[0][a]!))) \(data.categories[a])" + l.pick(" till ", " to ") + "\(data.text(.real(data.values[0][b]!))) \(data.categories[b])."
        }
        let missing = data.values.flatMap { $0 }.filter { $0 == nil }.count
        let withheld = data.values.enumerated().reduce(0) { sum, series in
            sum + series.element.indices.filter { series.element[$0] == nil && spec.withheld.contains(ChartSpec.Point(row: $0, series: series.offset)) }.count
        }
        return text + Describe.missing(missing, withheld: withheld, l)
    }

    func table() -> ChartTable { data.table(spec) }
}
