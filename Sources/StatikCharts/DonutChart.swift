import Foundation
import StatikCore
import StatikData
import StatikFormat

/// A ring of shares, with a legend that names every part and gives its value: the parts of one
/// whole (59 % with sickness benefit, 41 % with activity compensation).
struct DonutChart: DrawnAtTwoWidths {
    let spec: ChartSpec
    let data: ChartData

    init(result: QueryResult, spec: ChartSpec) throws(ChartError) {
        guard spec.x != nil else { throw ChartError(Message(.donutChartNeedsXColumn)) }
        guard spec.series.count == 1 else {
            throw ChartError(spec.series.isEmpty ? Message(.donutNeedsY) : Message(.donutShowsOneColumn, spec.series.count), option: "y")
        }
        self.spec = spec
        data = try ChartData(result: result, spec: spec)
        if let r = data.values[0].firstIndex(where: { ($0 ?? 0) < 0 }) {
            throw ChartError(Message(.donutChartShowsPartsWhole, data.categories[r]), option: "y", item: spec.series[0].column)
        }
    }

    var values: [Double?] { data.values[0] }
    var total: Double { values.compactMap { $0 }.reduce(0, +) }
    var valuesAreShares: Bool { data.format.isPercent }

    /// `59 %`, or `1 881 (50 %)` when the values are counts.
    func legendValue(_ value: Double?, row: Int) -> String {
        guard let value else { return spec.withheld.contains(ChartSpec.Point(row: row, series: 0)) ? "x" : Format.notAvailable }
        if valuesAreShares || total == 0 { return data.text(.real(value)) }
        return "\(data.text(.real(value))) (\(data.text(Format.percent(0), .real(value / total * 100))))"
    }

    func draw(width: Double, id: String, description: String) -> String {
        var svg = SVGWriter()
        let narrow = width < Layout.wideWidth
        let radius = narrow ? 88.0 : 100.0, inner = radius * 0.58
        let cx = narrow ? width / 2 : radius + 12, cy = 8 + radius

        // The ring: clockwise from twelve o'clock, in row order.
        svg.open("g", [("class", "statik-slices")])
        var angle = -Double.pi / 2
        var labels: [(text: String, x: Double, y: Double, series: Int)] = []
        if total > 0 {
            for (r, value) in values.enumerated() {
                guard let value, value > 0 else { continue }
                let sweep = value / total * 2 * Double.pi
                svg.empty("path", [("class", "statik-slice \(seriesClass(r))"), ("d", arc(cx: cx, cy: cy, outer: radius, inner: inner, from: angle, to: angle + sweep))])
                let middle = angle + sweep / 2, at = (radius + inner) / 2
                let share = data.text(Format.percent(0), .real(value / total * 100))
                if sweep >= 0.45 {
                    labels.append((share, cx + at * cos(middle), cy + at * sin(middle) + 4, r))
                }
                angle += sweep
            }
        } else {
            svg.empty("circle", [("class", "statik-empty-ring"), ("cx", coord(cx)), ("cy", coord(cy)), ("r", coord((radius + inner) / 2)), ("stroke-width", coord(radius - inner))])
        }
        svg.close("g")
        svg.raw("\n")
        svg.open("g", [("class", "statik-values"), ("font-size", coord(Layout.smallFontSize)), ("font-weight", "700")])
        for label in labels {
            svg.text([label.text], x: label.x, y: label.y, anchor: .middle, class: "statik-on-\(label.series % 6 + 1)")
        }
        svg.close("g")
        svg.raw("\n")
        if !valuesAreShares {
            svg.text(["Totalt"], x: cx, y: cy - 4, anchor: .middle, class: "statik-donut-total")
            svg.text([data.text(.real(total))], x: cx, y: cy + 16, anchor: .middle, size: 17, bold: true)
            svg.raw("\n")
        }

        // The legend: a row per part, the value at the right.
        let legendLeft = narrow ? 4.0 : cx + radius + 36
        let valueTexts = values.enumerated().map { legendValue($1, row: $0) }
        let valueWidth = valueTexts.map { TextMetrics.width($0, size: Layout.fontSize, bold: true) }.max() ?? 0
        // The labels get the room they need, up to the edge; the values stand right after them.
        let room = width - 4 - valueWidth - 16 - (legendLeft + Layout.legendSwatch + 8)
        let widest = data.categories.map { TextMetrics.width($0, size: Layout.fontSize) }.max() ?? 0
        let labelWidth = min(room, max(widest, 80))
        let legendRight = narrow ? width - 4 : legendLeft + Layout.legendSwatch + 8 + labelWidth + 16 + valueWidth
        var y = narrow ? cy + radius + 20 : max(8, cy - legendHeight(labelWidth: labelWidth) / 2)
        svg.open("g", [("class", "statik-legend")])
        for (r, category) in data.categories.enumerated() {
            let lines = TextMetrics.wrap(category, width: labelWidth, size: Layout.fontSize)
            svg.rect(x: legendLeft, y: y + 2, width: Layout.legendSwatch, height: Layout.legendSwatch, class: seriesClass(r))
            svg.text(lines, x: legendLeft + Layout.legendSwatch + 8, y: y + 12.5, lineHeight: Layout.lineHeight)
            svg.text([valueTexts[r]], x: legendRight, y: y + 12.5, anchor: .end, bold: true)
            y += Double(lines.count) * Layout.lineHeight + 9
        }
        svg.close("g")
        svg.raw("\n")
        let height = max(cy + radius + 10, y + 4)
        return svgDocument(id: id, width: width, height: height, title: spec.title, description: description, kind: "donut", body: svg.text)
    }

    func legendHeight(labelWidth: Double) -> Double {
        data.categories.map { Double(TextMetrics.wrap($0, width: labelWidth, size: Layout.fontSize).count) * Layout.lineHeight + 9 }.reduce(0, +)
    }

    /// One part of the ring, from angle `a` to `b` (radians, clockwise from the x axis).
    func arc(cx: Double, cy: Double, outer: Double, inner: Double, from a: Double, to b: Double) -> String {
        if b - a >= 2 * Double.pi - 1e-9 {
            // A whole ring: two halves, since one arc cannot end where it starts.
            return arc(cx: cx, cy: cy, outer: outer, inner: inner, from: a, to: a + Double.pi)
                + arc(cx: cx, cy: cy, outer: outer, inner: inner, from: a + Double.pi, to: b)
        }
        let large = b - a > Double.pi ? 1 : 0
        func point(_ r: Double, _ t: Double) -> String { coord(cx + r * cos(t)) + " " + coord(cy + r * sin(t)) }
        return "M\(point(outer, a))A\(coord(outer)) \(coord(outer)) 0 \(large) 1 \(point(outer, b))"
            + "L\(point(inner, b))A\(coord(inner)) \(coord(inner)) 0 \(large) 0 \(point(inner, a))Z"
    }

    func describe() -> String {
        let l = spec.language
        guard values.contains(where: { $0 != nil }) else { return l.pick("Ringdiagram: \(spec.title). Uppgift saknas.", "Donut chart: \(spec.title). No data.") }
        var text = l.pick("Ringdiagram", "Donut chart") + ": \(spec.title)."
        if data.rowCount <= 8 {
            text += " " + Describe.list(zip(data.categories, values).enumerated().map { "\($1.0) \(legendValue($1.1, row: $0))" }, l) + "."
        }
        let points = zip(data.categories, values).compactMap { c, v in v.map { (label: c, value: $0) } }
        if points.count > 1 { text += " " + Describe.extremes(points, format: data.format, language: spec.language, high: "Störst", low: "Minst") }
        if !valuesAreShares { text += l.pick(" Totalt ", " Total ") + "\(data.text(.real(total)))." }
        return text + Describe.missing(values.filter { $0 == nil }.count, withheld: values.indices.filter { values[$0] == nil && spec.withheld.contains(ChartSpec.Point(row: $0, series: 0)) }.count, l)
    }

    func table() -> ChartTable {
        var columns = [ChartTable.Column(label: spec.x?.label ?? "", format: nil), ChartTable.Column(label: spec.series[0].label, format: data.format)]
        if !valuesAreShares { columns.append(ChartTable.Column(label: "Andel", format: .percent(0))) }
        let rows = (0..<data.rowCount).map { r -> [Value] in
            var row: [Value] = [.text(data.categories[r]), values[r].map(Value.real) ?? .null]
            if !valuesAreShares { row.append(values[r].map { total == 0 ? Value.null : .real($0 / total * 100) } ?? .null) }
            return row
        }
        return ChartTable(columns: columns, rows: rows)
    }
}
