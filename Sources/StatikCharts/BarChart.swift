import StatikCore
import StatikData
import StatikFormat

/// Bars: vertical or horizontal, grouped, stacked or stacked to 100 %. Bars start at zero, ticks
/// are round, every bar is labelled with its value where the label fits, and a missing value
/// (NULL) is marked `..` where its bar would be.
struct BarChart {
    let spec: ChartSpec
    let data: ChartData

    /// One bar, or one segment of a stacked bar, in data units.
    struct Mark {
        var row: Int
        var series: Int
        var start: Double
        var end: Double
        var label: String
    }

    init(result: QueryResult, spec: ChartSpec) throws(ChartError) {
        guard spec.x != nil else { throw ChartError(Message(.barChartNeedsXColumn)) }
        guard !spec.series.isEmpty else { throw ChartError(Message(.barChartNeedsYOne)) }
        self.spec = spec
        data = try ChartData(result: result, spec: spec)
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

    /// Every bar or segment, and the rows × series with no value.
    /// What stands where a value has no bar: `x` withheld, `..` not available.
    func symbol(_ row: Int, _ series: Int) -> String {
        spec.withheld.contains(ChartSpec.Point(row: row, series: series)) ? "x" : Format.notAvailable
    }

    func marks() -> (marks: [Mark], missing: [(row: Int, series: Int)], totals: [Double?]) {
        var marks: [Mark] = []
        var missing: [(Int, Int)] = []
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
        return (marks, missing, totals)
    }

    func ticks(_ marks: [Mark], count: Int) -> Ticks {
        let lows = marks.map { min($0.start, $0.end) }, highs = marks.map { max($0.start, $0.end) }
        let lo = min(0, lows.min() ?? 0), hi = max(0, highs.max() ?? 0)
        if spec.stacking == .percent { return Ticks(min: 0, max: 100, count: count) }
        let integers = data.format == .integer
        return Ticks(min: lo, max: hi, count: count, integers: integers)
    }

    func render() -> RenderedChart {
        let horizontalWide: Bool
        switch spec.orientation {
        case .horizontal: horizontalWide = true
        case .vertical: horizontalWide = false
        case .auto: horizontalWide = !fitsVertically(width: Layout.wideWidth)
        }
        let description = describe()
        let wide = horizontalWide ? horizontal(width: Layout.wideWidth, id: spec.id, description: description)
            : vertical(width: Layout.wideWidth, id: spec.id, description: description)
        // On a phone, bars lie down: the labels get the width and stay legible.
        let narrow = horizontal(width: Layout.narrowWidth, id: spec.id + "-smal", description: description)
        return RenderedChart(wide: wide, narrow: narrow, description: description, table: table())
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
        let (marks, missing, totals) = marks()
        var y = 8.0
        y += legend(&svg, y: y, width: width)
        if let title = spec.valueAxisTitle {
            svg.text([title], x: 0, y: y + 12, class: "statik-axis-title")
            y += 20
        }
        guard data.rowCount > 0 else { return empty(svg, y: y, width: width, id: id, description: description) }
        let plotHeight = 240.0
        let ticks = ticks(marks, count: 5)
        let tickFormat = spec.stacking == .percent ? valueFormat.forTicks(step: ticks.step) : data.format.forTicks(step: ticks.step)
        let tickLabels = ticks.values.map { tickFormat.tick($0, spec.language) }
        let tickWidth = tickLabels.map { TextMetrics.width($0, size: Layout.smallFontSize) }.max() ?? 0
        let plotLeft = max(28, tickWidth + 8), plotRight = width - 4
        let n = Double(data.rowCount)
        let band = (plotRight - plotLeft) / n
        // Bars no wider than a bar needs to be: one bar alone is not a wall.
        let group = min(band * (isStacked || seriesCount == 1 ? 0.62 : 0.8), (isStacked ? 1 : Double(seriesCount)) * 90)
        let barWidth = isStacked ? group : group / Double(seriesCount)

        // Value labels go over the bars when every one fits.
        let endLabels: [String] = isStacked ? (spec.stacking == .stacked ? totals.map { $0.map { data.text(.real($0)) } ?? "" } : []) : marks.map(\.label)
        let labelRoom = isStacked ? group : barWidth + (seriesCount == 1 ? band - group : 2)
        let showLabels = endLabels.allSatisfy { TextMetrics.width($0, size: Layout.smallFontSize) <= labelRoom }
        let plotTop = y + (showLabels ? 18 : 8)
        let plotBottom = plotTop + plotHeight
        let scale = LinearScale(domain: (ticks.lo, ticks.hi), range: (plotBottom, plotTop))

        // Grid and ticks.
        svg.open("g", [("class", "statik-grid")])
        for value in ticks.values where value != 0 {
            svg.line(x1: plotLeft, y1: scale(value), x2: plotRight, y2: scale(value))
        }
        svg.close("g")
        svg.raw("\n")
        svg.open("g", [("class", "statik-ticks"), ("font-size", coord(Layout.smallFontSize))])
        for (value, label) in zip(ticks.values, tickLabels) {
            svg.text([label], x: plotLeft - 6, y: scale(value) + 4, anchor: .end)
        }
        svg.close("g")
        svg.raw("\n")

        // Bars.
        func barX(_ mark: Mark) -> Double {
            let groupLeft = plotLeft + band * Double(mark.row) + (band - group) / 2
            return isStacked ? groupLeft : groupLeft + barWidth * Double(mark.series)
        }
        svg.open("g", [("class", "statik-bars")])
        for mark in marks {
            let top = scale(max(mark.start, mark.end)), bottom = scale(min(mark.start, mark.end))
            svg.rect(x: barX(mark), y: top, width: barWidth, height: bottom - top, class: "statik-bar \(seriesClass(mark.series))")
        }
        svg.close("g")
        svg.raw("\n")
        svg.line(x1: plotLeft, y1: scale(0), x2: plotRight, y2: scale(0), class: "statik-axis statik-zero")
        svg.raw("\n")

        // Values.
        svg.open("g", [("class", "statik-values"), ("font-size", coord(Layout.smallFontSize))])
        if isStacked {
            for mark in marks {
                let height = abs(scale(mark.start) - scale(mark.end))
                if height >= 16 && TextMetrics.width(mark.label, size: Layout.smallFontSize) <= barWidth - 4 {
                    svg.text([mark.label], x: barX(mark) + barWidth / 2, y: (scale(mark.start) + scale(mark.end)) / 2 + 4, anchor: .middle, class: "statik-on-\(mark.series % 6 + 1)")
                }
            }
            if showLabels && spec.stacking == .stacked {
                for (r, total) in totals.enumerated() {
                    guard let total else { continue }
                    let top = marks.filter { $0.row == r }.map { max($0.start, $0.end) }.max() ?? 0
                    let bottom = marks.filter { $0.row == r }.map { min($0.start, $0.end) }.min() ?? 0
                    let x = plotLeft + band * (Double(r) + 0.5)
                    let y = total >= 0 || top > 0 ? scale(top) - 5 : scale(bottom) + 14
                    svg.text([data.text(.real(total))], x: x, y: y, anchor: .middle, bold: true)
                }
            }
        } else if showLabels {
            for mark in marks {
                let y = mark.end >= 0 ? scale(mark.end) - 5 : scale(mark.end) + 14
                svg.text([mark.label], x: barX(mark) + barWidth / 2, y: y, anchor: .middle)
            }
        }
        for (r, s) in missing {
            let x = isStacked ? plotLeft + band * (Double(r) + 0.5)
                : plotLeft + band * Double(r) + (band - group) / 2 + barWidth * (Double(s) + 0.5)
            if isStacked && marks.contains(where: { $0.row == r }) { continue }  // the table says which part is missing
            svg.text([symbol(r, s)], x: x, y: scale(0) - 5, anchor: .middle, class: "statik-missing")
        }
        svg.close("g")
        svg.raw("\n")

        // Categories under the plot; years are thinned out when they would collide.
        var step = 1
        if data.categoryFormat == .year {
            let widest = data.categories.map { TextMetrics.width($0, size: Layout.smallFontSize) }.max() ?? 0
            while Double(step) * band < widest + 6 { step += 1 }
        }
        var lines = 1
        svg.open("g", [("class", "statik-categories")])
        for (r, label) in data.categories.enumerated() where r % step == 0 {
            let wrapped = data.categoryFormat == .year ? [label] : TextMetrics.wrap(label, width: band - 4, size: Layout.fontSize)
            lines = max(lines, wrapped.count)
            svg.text(wrapped, x: plotLeft + band * (Double(r) + 0.5), y: plotBottom + 18, anchor: .middle, lineHeight: Layout.lineHeight)
        }
        svg.close("g")
        svg.raw("\n")
        let height = plotBottom + 18 + Double(lines - 1) * Layout.lineHeight + 8
        return svgDocument(id: id, width: width, height: height, title: spec.title, description: description, kind: "bar", body: svg.text)
    }

    // MARK: - Horizontal

    func horizontal(width: Double, id: String, description: String) -> String {
        var svg = SVGWriter()
        let (marks, missing, totals) = marks()
        var y = 8.0
        y += legend(&svg, y: y, width: width)
        guard data.rowCount > 0 else { return empty(svg, y: y, width: width, id: id, description: description) }

        let narrow = width < Layout.wideWidth
        let maxLabelWidth = width * (narrow ? 0.4 : 0.34)
        let wrapped = data.categories.map { TextMetrics.wrap($0, width: maxLabelWidth, size: Layout.fontSize) }
        let labelColumn = min(max(wrapped.flatMap { $0 }.map { TextMetrics.width($0, size: Layout.fontSize) }.max() ?? 0, 10),
                              max(maxLabelWidth, data.categories.map { TextMetrics.widestWord($0, size: Layout.fontSize) }.max() ?? 0))
        let endLabels: [String] = isStacked ? (spec.stacking == .stacked ? totals.map { $0.map { data.text(.real($0)) } ?? "" } : []) : marks.map(\.label)
        let endWidth = (endLabels + missing.map { symbol($0.row, $0.series) }).map { TextMetrics.width($0, size: Layout.smallFontSize, bold: isStacked) }.max() ?? 0
        let hasNegative = marks.contains { min($0.start, $0.end) < 0 }
        let hasPositive = marks.contains { max($0.start, $0.end) > 0 } || marks.allSatisfy { $0.end == 0 }
        let plotLeft = 4 + labelColumn + 10 + (hasNegative && !endLabels.isEmpty ? endWidth + 6 : 0)
        let plotRight = width - 6 - (hasPositive && !endLabels.isEmpty ? endWidth + 6 : 0)

        if let title = spec.valueAxisTitle {
            svg.text([title], x: plotLeft, y: y + 12, class: "statik-axis-title")
            y += 20
        }
        let bar = isStacked || seriesCount == 1 ? 18.0 : 14.0
        let block = isStacked ? bar : bar * Double(seriesCount) + 2 * Double(seriesCount - 1)
        let bandHeights = wrapped.map { max(Double($0.count) * Layout.lineHeight + 8, block + 10) }
        let plotTop = y + 4
        var bandTops: [Double] = []
        var cursor = plotTop
        for h in bandHeights { bandTops.append(cursor); cursor += h }
        let plotBottom = cursor
        let ticks = ticks(marks, count: max(2, Int((plotRight - plotLeft) / (narrow ? 70 : 90))))
        let tickFormat = spec.stacking == .percent ? valueFormat.forTicks(step: ticks.step) : data.format.forTicks(step: ticks.step)
        // The outermost tick labels are centred on the ends of the axis: they need room too.
        let halfFirst = TextMetrics.width(tickFormat.tick(ticks.lo, spec.language), size: Layout.smallFontSize) / 2
        let halfLast = TextMetrics.width(tickFormat.tick(ticks.hi, spec.language), size: Layout.smallFontSize) / 2
        let scale = LinearScale(domain: (ticks.lo, ticks.hi), range: (max(plotLeft, halfFirst + 2), min(plotRight, width - halfLast - 2)))

        svg.open("g", [("class", "statik-grid")])
        for value in ticks.values where value != 0 {
            svg.line(x1: scale(value), y1: plotTop, x2: scale(value), y2: plotBottom)
        }
        svg.close("g")
        svg.raw("\n")
        // Every tick gets a grid line; labels skip ticks where they would collide, never zero.
        let widestTick = ticks.values.map { TextMetrics.width(tickFormat.tick($0, spec.language), size: Layout.smallFontSize) }.max() ?? 0
        let spacing = ticks.values.count > 1 ? scale(ticks.values[1]) - scale(ticks.values[0]) : .infinity
        let every = [1, 2, 3, 4, 5, 10].first { Double($0) * spacing >= widestTick + 8 } ?? 10
        svg.open("g", [("class", "statik-ticks"), ("font-size", coord(Layout.smallFontSize))])
        for value in ticks.values where Int((value / ticks.step).rounded()) % every == 0 {
            svg.text([tickFormat.tick(value, spec.language)], x: scale(value), y: plotBottom + 16, anchor: .middle)
        }
        svg.close("g")
        svg.raw("\n")

        func barY(_ mark: Mark) -> Double {
            let top = bandTops[mark.row] + (bandHeights[mark.row] - block) / 2
            return isStacked ? top : top + (bar + 2) * Double(mark.series)
        }
        svg.open("g", [("class", "statik-bars")])
        for mark in marks {
            let left = scale(min(mark.start, mark.end)), right = scale(max(mark.start, mark.end))
            svg.rect(x: left, y: barY(mark), width: right - left, height: bar, class: "statik-bar \(seriesClass(mark.series))")
        }
        svg.close("g")
        svg.raw("\n")
        svg.line(x1: scale(0), y1: plotTop, x2: scale(0), y2: plotBottom, class: "statik-axis statik-zero")
        svg.raw("\n")

        svg.open("g", [("class", "statik-categories")])
        for (r, lines) in wrapped.enumerated() {
            let middle = bandTops[r] + bandHeights[r] / 2
            let first = middle - Double(lines.count - 1) * Layout.lineHeight / 2 + 4.5
            svg.text(lines, x: 4 + labelColumn, y: first, anchor: .end, lineHeight: Layout.lineHeight)
        }
        svg.close("g")
        svg.raw("\n")

        svg.open("g", [("class", "statik-values"), ("font-size", coord(Layout.smallFontSize))])
        if isStacked {
            for mark in marks {
                let length = abs(scale(mark.end) - scale(mark.start))
                if TextMetrics.width(mark.label, size: Layout.smallFontSize) + 8 <= length {
                    svg.text([mark.label], x: (scale(mark.start) + scale(mark.end)) / 2, y: barY(mark) + bar / 2 + 4, anchor: .middle, class: "statik-on-\(mark.series % 6 + 1)")
                }
            }
            if spec.stacking == .stacked {
                for (r, total) in totals.enumerated() {
                    guard let total else { continue }
                    let rowMarks = marks.filter { $0.row == r }
                    let right = rowMarks.map { max($0.start, $0.end) }.max() ?? 0
                    let left = rowMarks.map { min($0.start, $0.end) }.min() ?? 0
                    let y = bandTops[r] + bandHeights[r] / 2 + 4.5
                    if total >= 0 || right > 0 {
                        svg.text([data.text(.real(total))], x: scale(right) + 5, y: y, bold: true)
                    } else {
                        svg.text([data.text(.real(total))], x: scale(left) - 5, y: y, anchor: .end, bold: true)
                    }
                }
            }
        } else {
            for mark in marks {
                let y = barY(mark) + bar / 2 + 4
                if mark.end >= 0 {
                    svg.text([mark.label], x: scale(mark.end) + 5, y: y)
                } else {
                    svg.text([mark.label], x: scale(mark.end) - 5, y: y, anchor: .end)
                }
            }
        }
        for (r, s) in missing {
            if isStacked && marks.contains(where: { $0.row == r }) { continue }
            let y = isStacked ? bandTops[r] + bandHeights[r] / 2 + 4 : bandTops[r] + (bandHeights[r] - block) / 2 + (bar + 2) * Double(s) + bar / 2 + 4
            svg.text([symbol(r, s)], x: scale(0) + 5, y: y, class: "statik-missing")
        }
        svg.close("g")
        svg.raw("\n")
        return svgDocument(id: id, width: width, height: plotBottom + 26, title: spec.title, description: description, kind: "bar", body: svg.text)
    }

    // MARK: - Parts

    /// The legend, when there is more than one series; answers the height it took.
    func legend(_ svg: inout SVGWriter, y: Double, width: Double) -> Double {
        guard seriesCount > 1 else { return 0 }
        let items = spec.series.enumerated().map { (seriesClass($0.offset), $0.element.label) }
        let (markup, height) = Legend.draw(items, x: 0, y: y, width: width)
        svg.raw(markup)
        return height + 6
    }

    func empty(_ svg: SVGWriter, y: Double, width: Double, id: String, description: String) -> String {
        var svg = svg
        svg.text([spec.language.pick("Uppgift saknas", "No data")], x: width / 2, y: y + 40, anchor: .middle, class: "statik-missing")
        return svgDocument(id: id, width: width, height: y + 64, title: spec.title, description: description, kind: "bar", body: svg.text)
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
        let (marks, missing, totals) = marks()
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

    func table() -> ChartTable {
        var columns = [ChartTable.Column(label: spec.x?.label ?? "", format: nil)]
        columns += spec.series.map { ChartTable.Column(label: $0.label, format: data.format) }
        let rows = (0..<data.rowCount).map { r in
            [Value.text(data.categories[r])] + data.values.map { $0[r].map(Value.real) ?? .null }
        }
        return ChartTable(columns: columns, rows: rows)
    }
}
