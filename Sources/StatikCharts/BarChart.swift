import StatikCore
import StatikData
import StatikFormat

/// Bars: vertical or horizontal, grouped, stacked or stacked to 100 %. Bars start at zero, ticks
/// are round, every bar is labelled with its value where the label fits, and a missing value
/// (NULL) is marked `..` where its bar would be.
struct BarChart: DrawnAtTwoWidths {
    let spec: ChartSpec
    let data: ChartData

    /// One bar, or one segment of a stacked bar, in data units.
    struct Mark {
        var row, series: Int
        var start, end: Double
        var label: String
    }

    init(result: QueryResult, spec: ChartSpec) throws(ChartError) {
        data = try ChartData(result: result, spec: spec, noX: Message(.barChartNeedsXColumn), noY: Message(.barChartNeedsYOne))
        self.spec = spec
        if spec.stacking == .percent {
            for (s, column) in data.values.enumerated() {
                if let r = column.firstIndex(where: { ($0 ?? 0) < 0 }) {
                    throw ChartError(Message(.m100StackedChartShowsShares, spec.series[s].column, data.categories[r]), option: "stacked")
                }
            }
        }
    }

    var seriesCount: Int { spec.series.count }
    var isStacked: Bool { spec.stacking != .grouped && seriesCount > 1 }

    /// The format of the values drawn: shares for a 100 % chart.
    var valueFormat: Format { spec.stacking == .percent ? data.format.shareFormat : data.format }

    /// What stands where a value has no bar: `x` withheld, `..` not available.
    func symbol(_ row: Int, _ series: Int) -> String {
        spec.withheld.contains(ChartSpec.Point(row: row, series: series)) ? "x" : Format.notAvailable
    }

    /// The symbol's class: a withheld value is marked apart from a missing one, as in tables.
    func symbolClass(_ row: Int, _ series: Int) -> String {
        spec.withheld.contains(ChartSpec.Point(row: row, series: series)) ? "statik-withheld" : "statik-missing"
    }

    /// Every bar or segment of a chart, in data units, the rows × series with no value, and
    /// each row's total (nil: no value in the row).
    struct Bars {
        var marks: [Mark]
        var missing: [(row: Int, series: Int)]
        var totals: [Double?]
    }

    /// Every bar or segment, and the rows × series with no value.
    func bars() -> Bars {
        var marks: [Mark] = []
        var missing: [(row: Int, series: Int)] = []
        var totals: [Double?] = []
        for r in 0..<data.rowCount {
            let row = data.values.map { $0[r] }
            let sum = row.compactMap { $0 }.reduce(0, +)
            totals.append(row.allSatisfy { $0 == nil } ? nil : sum)
            var up = 0.0, down = 0.0
            for (s, value) in row.enumerated() {
                guard var v = value else { missing.append((r, s)); continue }
                let label = data.text(valueFormat, .real(spec.stacking == .percent ? (sum == 0 ? 0 : v / sum * 100) : v))
                    + (spec.marked.contains(ChartSpec.Point(row: r, series: s)) ? "*" : "")
                if spec.stacking == .percent { v = sum == 0 ? 0 : v / sum * 100 }
                if isStacked {
                    if v >= 0 {
                        marks.append(Mark(row: r, series: s, start: up, end: up + v, label: label))
                        up += v
                    } else {
                        marks.append(Mark(row: r, series: s, start: down, end: down + v, label: label))
                        down += v
                    }
                } else {
                    marks.append(Mark(row: r, series: s, start: 0, end: v, label: label))
                }
            }
        }
        return Bars(marks: marks, missing: missing, totals: totals)
    }

    /// The labels at the ends of the bars: each bar's value, or each stack's total (none for a
    /// 100 % chart, whose stacks all end at 100).
    func endLabels(_ bars: Bars) -> [String] {
        isStacked ? (spec.stacking == .stacked ? bars.totals.map { $0.map { data.text(.real($0)) } ?? "" } : []) : bars.marks.map(\.label)
    }

    func ticks(_ marks: [Mark], count: Int) -> Ticks {
        let lows = marks.map { min($0.start, $0.end) }, highs = marks.map { max($0.start, $0.end) }
        let lo = min(0, lows.min() ?? 0), hi = max(0, highs.max() ?? 0)
        if spec.stacking == .percent { return Ticks(min: 0, max: 100, count: count) }
        let integers = data.format == .integer
        return Ticks(min: lo, max: hi, count: count, integers: integers)
    }

    /// Bars lie down on a phone, where the labels need the width, and wherever they would not
    /// fit under their bars.
    func draw(width: Double, id: String, description: String) -> String {
        standsUpright(width: width) ? vertical(width: width, id: id, description: description)
            : horizontal(width: width, id: id, description: description)
    }

    /// Whether the bars of the drawing `width` wide stand up: never on a phone; on a wide
    /// screen as `horizontal:` says, or when every category fits under its bars.
    func standsUpright(width: Double) -> Bool {
        guard width >= Layout.wideWidth else { return false }
        switch spec.orientation {
        case .horizontal: return false
        case .vertical: return true
        case .auto: return fitsVertically(width: Layout.wideWidth)
        }
    }

    /// True when every category label fits under its bars in at most three lines.
    func fitsVertically(width: Double) -> Bool {
        let n = data.rowCount
        guard n > 0 else { return true }
        if data.categoryFormat == .year { return true }  // time runs left to right
        if n > 12 || n * (isStacked ? 1 : seriesCount) > 24 { return false }
        let band = (width - 60) / Double(n)
        for label in data.categories {
            if TextMetrics.widestWord(label, size: Layout.fontSize) > band - 4 { return false }
            if TextMetrics.wrap(label, width: band - 4, size: Layout.fontSize).count > 3 { return false }
        }
        return true
    }

    // MARK: - Vertical

    func vertical(width: Double, id: String, description: String) -> String {
        var svg = SVGWriter()
        let bars = bars()
        var y = 8.0
        y += svg.seriesLegend(spec, y: y, width: width)
        y += svg.axisTitle(spec, x: 0, y: y)
        guard data.rowCount > 0 else { return noDataDocument(svg, spec: spec, y: y, width: width, id: id, description: description, kind: "bar") }
        let layout = verticalLayout(bars, width: width, top: y)
        layout.axis.drawUpright(&svg, scale: layout.scale, plot: layout.plot, axisAt: 0, labelGap: 6)
        drawVerticalBars(&svg, bars, layout)
        drawVerticalValues(&svg, bars, layout)
        let height = drawCategoriesBelow(&svg, layout)
        return svgDocument(id: id, width: width, height: height, title: spec.title, description: description, kind: "bar", body: svg.text)
    }

    /// Where the parts of a chart of standing bars go, worked out before any is drawn.
    struct VerticalLayout {
        var axis: ValueAxis
        var scale: LinearScale
        var plot: PlotArea
        /// The width of a category's band, of its group of bars in the middle of it, and of a bar.
        var band, group, barWidth: Double
        /// Whether every bar's value (or stack's total) fits over it.
        var showLabels: Bool
        var isStacked: Bool

        /// The left edge of a bar.
        func barX(_ mark: Mark) -> Double {
            let groupLeft = groupX(mark.row)
            return isStacked ? groupLeft : groupLeft + barWidth * Double(mark.series)
        }

        /// The left edge of a category's group of bars.
        func groupX(_ row: Int) -> Double { plot.left + band * Double(row) + (band - group) / 2 }

        /// The middle of a category's band.
        func bandMiddle(_ row: Int) -> Double { plot.left + band * (Double(row) + 0.5) }
    }

    /// The plot below `top`: ticks on the left, a band per category, and room over the bars
    /// for their values when every one fits.
    func verticalLayout(_ bars: Bars, width: Double, top y: Double) -> VerticalLayout {
        let plotHeight = 240.0
        let axis = ValueAxis(ticks(bars.marks, count: 5), valueFormat: valueFormat, language: spec.language)
        let plotLeft = max(28, axis.widestLabel + 8), plotRight = width - 4
        let n = Double(data.rowCount)
        let band = (plotRight - plotLeft) / n
        // Bars no wider than a bar needs to be: one bar alone is not a wall.
        let group = min(band * (isStacked || seriesCount == 1 ? 0.62 : 0.8), (isStacked ? 1 : Double(seriesCount)) * 90)
        let barWidth = isStacked ? group : group / Double(seriesCount)

        // Value labels go over the bars when every one fits.
        let labelRoom = isStacked ? group : barWidth + (seriesCount == 1 ? band - group : 2)
        let showLabels = endLabels(bars).allSatisfy { TextMetrics.width($0, size: Layout.smallFontSize) <= labelRoom }
        let plotTop = y + (showLabels ? 18 : 8)
        let plot = PlotArea(left: plotLeft, right: plotRight, top: plotTop, bottom: plotTop + plotHeight)
        let scale = LinearScale(domain: (axis.ticks.lo, axis.ticks.hi), range: (plot.bottom, plot.top))
        return VerticalLayout(axis: axis, scale: scale, plot: plot, band: band, group: group, barWidth: barWidth, showLabels: showLabels, isStacked: isStacked)
    }

    /// The bars, and the line at zero over them.
    func drawVerticalBars(_ svg: inout SVGWriter, _ bars: Bars, _ layout: VerticalLayout) {
        let scale = layout.scale
        svg.group([("class", "statik-bars")]) { svg in
            for mark in bars.marks {
                let top = scale(max(mark.start, mark.end)), bottom = scale(min(mark.start, mark.end))
                svg.rect(x: layout.barX(mark), y: top, width: layout.barWidth, height: bottom - top, class: "statik-bar \(seriesClass(mark.series))")
            }
        }
        svg.line(x1: layout.plot.left, y1: scale(0), x2: layout.plot.right, y2: scale(0), class: "statik-axis statik-zero")
        svg.raw("\n")
    }

    /// The values: over the bars when they all fit; stacked, inside each segment with room
    /// and the totals over the stacks. `..` or `x` where a value is missing.
    func drawVerticalValues(_ svg: inout SVGWriter, _ bars: Bars, _ layout: VerticalLayout) {
        let scale = layout.scale, barWidth = layout.barWidth, marks = bars.marks
        svg.group([("class", "statik-values"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            if isStacked {
                for mark in marks {
                    let height = abs(scale(mark.start) - scale(mark.end))
                    if height >= 16 && TextMetrics.width(mark.label, size: Layout.smallFontSize) <= barWidth - 4 {
                        svg.text([mark.label], x: layout.barX(mark) + barWidth / 2, y: (scale(mark.start) + scale(mark.end)) / 2 + 4, anchor: .middle, class: "statik-on-\(mark.series % 6 + 1)")
                    }
                }
                if layout.showLabels && spec.stacking == .stacked {
                    for (r, total) in bars.totals.enumerated() {
                        guard let total else { continue }
                        let top = marks.filter { $0.row == r }.map { max($0.start, $0.end) }.max() ?? 0
                        let bottom = marks.filter { $0.row == r }.map { min($0.start, $0.end) }.min() ?? 0
                        let y = total >= 0 || top > 0 ? scale(top) - 5 : scale(bottom) + 14
                        svg.text([data.text(.real(total))], x: layout.bandMiddle(r), y: y, anchor: .middle, bold: true)
                    }
                }
            } else if layout.showLabels {
                for mark in marks {
                    let y = mark.end >= 0 ? scale(mark.end) - 5 : scale(mark.end) + 14
                    svg.text([mark.label], x: layout.barX(mark) + barWidth / 2, y: y, anchor: .middle)
                }
            }
            for (r, s) in bars.missing {
                let x = isStacked ? layout.bandMiddle(r)
                    : layout.groupX(r) + barWidth * (Double(s) + 0.5)
                if isStacked && marks.contains(where: { $0.row == r }) { continue }  // the table says which part is missing
                svg.text([symbol(r, s)], x: x, y: scale(0) - 5, anchor: .middle, class: symbolClass(r, s))
            }
        }
    }

    /// The categories under the plot; years are thinned out when they would collide. Answers
    /// the height of the chart.
    func drawCategoriesBelow(_ svg: inout SVGWriter, _ layout: VerticalLayout) -> Double {
        let band = layout.band
        var step = 1
        if data.categoryFormat == .year {
            let widest = data.categories.map { TextMetrics.width($0, size: Layout.smallFontSize) }.max() ?? 0
            while Double(step) * band < widest + 6 { step += 1 }
        }
        var lines = 1
        svg.group([("class", "statik-categories")]) { svg in
            for (r, label) in data.categories.enumerated() where r % step == 0 {
                let wrapped = data.categoryFormat == .year ? [label] : TextMetrics.wrap(label, width: band - 4, size: Layout.fontSize)
                lines = max(lines, wrapped.count)
                svg.text(wrapped, x: layout.bandMiddle(r), y: layout.plot.bottom + 18, anchor: .middle, lineHeight: Layout.lineHeight)
            }
        }
        return layout.plot.bottom + 18 + Double(lines - 1) * Layout.lineHeight + 8
    }

    // MARK: - Horizontal

    func horizontal(width: Double, id: String, description: String) -> String {
        var svg = SVGWriter()
        let bars = bars()
        var y = 8.0
        y += svg.seriesLegend(spec, y: y, width: width)
        guard data.rowCount > 0 else { return noDataDocument(svg, spec: spec, y: y, width: width, id: id, description: description, kind: "bar") }
        let columns = horizontalColumns(bars, width: width)
        y += svg.axisTitle(spec, x: columns.plotLeft, y: y)
        let layout = horizontalLayout(bars, columns: columns, width: width, top: y)
        drawValueAxisBelow(&svg, layout)
        drawHorizontalBars(&svg, bars, layout)
        drawCategoriesLeft(&svg, layout)
        drawHorizontalValues(&svg, bars, layout)
        return svgDocument(id: id, width: width, height: layout.plot.bottom + 26, title: spec.title, description: description, kind: "bar", body: svg.text)
    }

    /// Across a chart of lying bars: the category labels, wrapped, in a column on the left,
    /// then the plot, with room beside it for the values at the bars' ends.
    struct HorizontalColumns {
        var wrapped: [[String]]
        var labelColumn, plotLeft, plotRight: Double
    }

    func horizontalColumns(_ bars: Bars, width: Double) -> HorizontalColumns {
        let marks = bars.marks
        let narrow = width < Layout.wideWidth
        let maxLabelWidth = width * (narrow ? 0.4 : 0.34)
        let wrapped = data.categories.map { TextMetrics.wrap($0, width: maxLabelWidth, size: Layout.fontSize) }
        let labelColumn = min(max(wrapped.flatMap { $0 }.map { TextMetrics.width($0, size: Layout.fontSize) }.max() ?? 0, 10),
                              max(maxLabelWidth, data.categories.map { TextMetrics.widestWord($0, size: Layout.fontSize) }.max() ?? 0))
        let endLabels = endLabels(bars)
        let endWidth = (endLabels + bars.missing.map { symbol($0.row, $0.series) }).map { TextMetrics.width($0, size: Layout.smallFontSize, bold: isStacked) }.max() ?? 0
        let hasNegative = marks.contains { min($0.start, $0.end) < 0 }
        let hasPositive = marks.contains { max($0.start, $0.end) > 0 } || marks.allSatisfy { $0.end == 0 }
        let plotLeft = 4 + labelColumn + 10 + (hasNegative && !endLabels.isEmpty ? endWidth + 6 : 0)
        let plotRight = width - 6 - (hasPositive && !endLabels.isEmpty ? endWidth + 6 : 0)
        return HorizontalColumns(wrapped: wrapped, labelColumn: labelColumn, plotLeft: plotLeft, plotRight: plotRight)
    }

    /// Where the parts of a chart of lying bars go, worked out before any is drawn.
    struct HorizontalLayout {
        var columns: HorizontalColumns
        var axis: ValueAxis
        var scale: LinearScale
        var plot: PlotArea
        /// Each category's band: as high as its label or its bars need.
        var bandTops, bandHeights: [Double]
        /// The height of a bar, and of a category's group of bars.
        var bar, block: Double
        var isStacked: Bool

        /// The top edge of a bar.
        func barY(_ mark: Mark) -> Double {
            let top = bandTops[mark.row] + (bandHeights[mark.row] - block) / 2
            return isStacked ? top : top + (bar + 2) * Double(mark.series)
        }
    }

    /// The bands below `top`, and the value axis across the plot.
    func horizontalLayout(_ bars: Bars, columns: HorizontalColumns, width: Double, top y: Double) -> HorizontalLayout {
        let narrow = width < Layout.wideWidth
        let plotLeft = columns.plotLeft, plotRight = columns.plotRight
        let bar = isStacked || seriesCount == 1 ? 18.0 : 14.0
        let block = isStacked ? bar : bar * Double(seriesCount) + 2 * Double(seriesCount - 1)
        let bandHeights = columns.wrapped.map { max(Double($0.count) * Layout.lineHeight + 8, block + 10) }
        let plotTop = y + 4
        var bandTops: [Double] = []
        var cursor = plotTop
        for h in bandHeights { bandTops.append(cursor); cursor += h }
        let ticks = ticks(bars.marks, count: max(2, Int((plotRight - plotLeft) / (narrow ? 70 : 90))))
        let axis = ValueAxis(ticks, valueFormat: valueFormat, language: spec.language)
        // The outermost tick labels are centred on the ends of the axis: they need room too.
        let halfFirst = TextMetrics.width(axis.format.tick(ticks.lo, spec.language), size: Layout.smallFontSize) / 2
        let halfLast = TextMetrics.width(axis.format.tick(ticks.hi, spec.language), size: Layout.smallFontSize) / 2
        let scale = LinearScale(domain: (ticks.lo, ticks.hi), range: (max(plotLeft, halfFirst + 2), min(plotRight, width - halfLast - 2)))
        return HorizontalLayout(columns: columns, axis: axis, scale: scale, plot: PlotArea(left: plotLeft, right: plotRight, top: plotTop, bottom: cursor),
                                bandTops: bandTops, bandHeights: bandHeights, bar: bar, block: block, isStacked: isStacked)
    }

    /// A grid line up the plot at every tick but zero; labels under the plot, skipping ticks
    /// where they would collide (never zero).
    func drawValueAxisBelow(_ svg: inout SVGWriter, _ layout: HorizontalLayout) {
        let ticks = layout.axis.ticks, scale = layout.scale
        svg.group([("class", "statik-grid")]) { svg in
            for value in ticks.values where value != 0 {
                svg.line(x1: scale(value), y1: layout.plot.top, x2: scale(value), y2: layout.plot.bottom)
            }
        }
        let spacing = ticks.values.count > 1 ? scale(ticks.values[1]) - scale(ticks.values[0]) : .infinity
        let every = [1, 2, 3, 4, 5, 10].first { Double($0) * spacing >= layout.axis.widestLabel + 8 } ?? 10
        svg.group([("class", "statik-ticks"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            for (value, label) in zip(ticks.values, layout.axis.labels) where Int((value / ticks.step).rounded()) % every == 0 {
                svg.text([label], x: scale(value), y: layout.plot.bottom + 16, anchor: .middle)
            }
        }
    }

    /// The bars, and the line at zero over them.
    func drawHorizontalBars(_ svg: inout SVGWriter, _ bars: Bars, _ layout: HorizontalLayout) {
        let scale = layout.scale
        svg.group([("class", "statik-bars")]) { svg in
            for mark in bars.marks {
                let left = scale(min(mark.start, mark.end)), right = scale(max(mark.start, mark.end))
                svg.rect(x: left, y: layout.barY(mark), width: right - left, height: layout.bar, class: "statik-bar \(seriesClass(mark.series))")
            }
        }
        svg.line(x1: scale(0), y1: layout.plot.top, x2: scale(0), y2: layout.plot.bottom, class: "statik-axis statik-zero")
        svg.raw("\n")
    }

    /// The categories, right-aligned in their column, in the middle of their bands.
    func drawCategoriesLeft(_ svg: inout SVGWriter, _ layout: HorizontalLayout) {
        svg.group([("class", "statik-categories")]) { svg in
            for (r, lines) in layout.columns.wrapped.enumerated() {
                let middle = layout.bandTops[r] + layout.bandHeights[r] / 2
                let first = middle - Double(lines.count - 1) * Layout.lineHeight / 2 + 4.5
                svg.text(lines, x: 4 + layout.columns.labelColumn, y: first, anchor: .end, lineHeight: Layout.lineHeight)
            }
        }
    }

    /// The values: at the bars' ends; stacked, inside each segment with room and the totals
    /// at the stacks' ends. `..` or `x` where a value is missing.
    func drawHorizontalValues(_ svg: inout SVGWriter, _ bars: Bars, _ layout: HorizontalLayout) {
        let scale = layout.scale, bar = layout.bar, marks = bars.marks
        let bandTops = layout.bandTops, bandHeights = layout.bandHeights
        svg.group([("class", "statik-values"), ("font-size", coord(Layout.smallFontSize))]) { svg in
            if isStacked {
                for mark in marks {
                    let length = abs(scale(mark.end) - scale(mark.start))
                    if TextMetrics.width(mark.label, size: Layout.smallFontSize) + 8 <= length {
                        svg.text([mark.label], x: (scale(mark.start) + scale(mark.end)) / 2, y: layout.barY(mark) + bar / 2 + 4, anchor: .middle, class: "statik-on-\(mark.series % 6 + 1)")
                    }
                }
                if spec.stacking == .stacked { drawTotalsAtEnds(&svg, bars, layout) }
            } else {
                for mark in marks {
                    let y = layout.barY(mark) + bar / 2 + 4
                    if mark.end >= 0 {
                        svg.text([mark.label], x: scale(mark.end) + 5, y: y)
                    } else {
                        svg.text([mark.label], x: scale(mark.end) - 5, y: y, anchor: .end)
                    }
                }
            }
            for (r, s) in bars.missing {
                if isStacked && marks.contains(where: { $0.row == r }) { continue }
                let y = isStacked ? bandTops[r] + bandHeights[r] / 2 + 4 : bandTops[r] + (bandHeights[r] - layout.block) / 2 + (bar + 2) * Double(s) + bar / 2 + 4
                svg.text([symbol(r, s)], x: scale(0) + 5, y: y, class: symbolClass(r, s))
            }
        }
    }

    /// Each stack's total, bold, beyond its end: right of it, or left of a stack that is all
    /// below zero.
    func drawTotalsAtEnds(_ svg: inout SVGWriter, _ bars: Bars, _ layout: HorizontalLayout) {
        let scale = layout.scale
        for (r, total) in bars.totals.enumerated() {
            guard let total else { continue }
            let rowMarks = bars.marks.filter { $0.row == r }
            let right = rowMarks.map { max($0.start, $0.end) }.max() ?? 0
            let left = rowMarks.map { min($0.start, $0.end) }.min() ?? 0
            let y = layout.bandTops[r] + layout.bandHeights[r] / 2 + 4.5
            if total >= 0 || right > 0 {
                svg.text([data.text(.real(total))], x: scale(right) + 5, y: y, bold: true)
            } else {
                svg.text([data.text(.real(total))], x: scale(left) - 5, y: y, anchor: .end, bold: true)
            }
        }
    }

    func describe() -> String {
        let l = spec.language
        guard data.rowCount > 0 else { return l.pick("Stapeldiagram: \(spec.title). Uppgift saknas.", "Bar chart: \(spec.title). No data.") }
        var kind = l.pick("Stapeldiagram", "Bar chart")
        if isStacked {
            kind += spec.stacking == .percent ? l.pick(" med staplade andelar som summerar till 100 procent", " with stacked shares that add up to 100 per cent")
                : l.pick(" med staplade värden", " with stacked values")
        }
        let what = l.pick("Visar", "Shows") + " \(Describe.list(spec.series.map(\.label), l)) \(Describe.categories(data.categories, language: l))."
        var points: [(label: String, value: Double)] = []
        let bars = bars()
        let marks = bars.marks, missing = bars.missing, totals = bars.totals
        if spec.stacking == .stacked && seriesCount > 1 {
            for (r, total) in totals.enumerated() { if let total { points.append((data.categories[r], total)) } }
            return "\(kind): \(spec.title). \(what) \(Describe.extremes(points, format: data.format, language: spec.language, high: "Högst totalt", low: "Lägst totalt"))\(Describe.missing(missing.count, withheld: missing.filter { spec.withheld.contains(ChartSpec.Point(row: $0.row, series: $0.series)) }.count, l))"
        }
        for mark in marks {
            let label = seriesCount > 1 ? "\(data.categories[mark.row]), \(spec.series[mark.series].label)" : data.categories[mark.row]
            points.append((label, spec.stacking == .percent ? mark.end - mark.start : mark.end))
        }
        return "\(kind): \(spec.title). \(what) \(Describe.extremes(points, format: valueFormat, language: spec.language))\(Describe.missing(missing.count, withheld: missing.filter { spec.withheld.contains(ChartSpec.Point(row: $0.row, series: $0.series)) }.count, l))"
    }

    func table() -> ChartTable { data.table(spec) }
}
