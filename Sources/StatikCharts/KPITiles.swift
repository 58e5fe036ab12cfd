import StatikCore
import StatikData
import StatikFormat

/// Key figures as tiles: a big number, what it is, and how it changed since the period before.
/// Plain HTML (a description list), so the numbers reflow, can be copied and read aloud.
///
/// Two ways to fill them: `label:` names a column, and every row is a tile (`value:` and
/// `previous:` are columns of the row); or `x:` names the period column, and every value column
/// is a tile that shows its last row and compares it with the row before.
struct KPITiles {
    struct Tile {
        var label: String
        var value: Double?
        var previous: Double?
        var compare: String
    }

    let spec: ChartSpec
    let data: ChartData
    let tiles: [Tile]

    init(result: QueryResult, spec: ChartSpec) throws(ChartError) {
        guard !spec.series.isEmpty else { throw ChartError(Message(.kpiTilesNeedValueColumn)) }
        self.spec = spec
        if let label = spec.label {
            guard spec.x == nil else { throw ChartError(Message(.kpiTilesTakeEitherLabel), option: "x") }
            guard spec.series.count == 1 else { throw ChartError(Message(.labelEveryRowTileValue), option: "value") }
            var copy = spec
            copy.x = ChartSpec.Series(column: label)
            if let previous = spec.previous { copy.series.append(ChartSpec.Series(column: previous)) }
            let rows: ChartData
            do {
                rows = try ChartData(result: result, spec: copy, categoryOption: "label", valueOption: "value")
            } catch where error.item == spec.previous {
                throw ChartError(error.message, option: "previous")
            }
            data = rows
            let compare = spec.compare ?? spec.language.pick("jämfört med föregående år", "compared with the year before")
            tiles = (0..<rows.rowCount).map { r in
                Tile(label: rows.categories[r], value: rows.values[0][r], previous: spec.previous == nil ? nil : rows.values[1][r], compare: compare)
            }
        } else {
            guard spec.x != nil else { throw ChartError(Message(.kpiTilesNeedLabelColumn)) }
            guard spec.previous == nil else { throw ChartError(Message(.previousGoesLabelXRow), option: "previous") }
            let periods = try ChartData(result: result, spec: spec, valueOption: "value")
            data = periods
            let n = periods.rowCount
            tiles = spec.series.enumerated().map { s, series in
                guard n > 0 else { return Tile(label: series.label, value: nil, previous: nil, compare: "") }
                return Tile(
                    label: "\(series.label), \(periods.categories[n - 1])",
                    value: periods.values[s][n - 1],
                    previous: n > 1 ? periods.values[s][n - 2] : nil,
                    compare: spec.compare ?? (n > 1 ? spec.language.pick("jämfört med ", "compared with ") + periods.categories[n - 2] : "")
                )
            }
        }
    }

    /// `−4 procentenheter jämfört med 2020`, `+12 (+0,1 %) jämfört med 2020`, or nil.
    func change(_ tile: Tile) -> (arrow: String, text: String)? {
        guard let value = tile.value, let previous = tile.previous else { return nil }
        let difference = value - previous
        let suffix = tile.compare.isEmpty ? "" : " " + tile.compare
        if difference == 0 { return ("", spec.language.pick("Oförändrat", "Unchanged") + suffix) }
        let arrow = difference > 0 ? "▲" : "▼"
        let sign = difference > 0 ? "+" : ""
        if case .percent(let d) = data.format {
            // A change of a share is in percentage points, not per cent.
            let amount = data.text(Format.decimal(d), .real(difference))
            let unit = abs(difference) == 1 ? "procentenhet" : "procentenheter"
            return (arrow, "\(sign)\(amount) \(unit)\(suffix)")
        }
        var text = sign + data.text(.real(difference))
        if previous != 0 {
            let relative = difference / abs(previous) * 100
            text += " (\(relative > 0 ? "+" : "")\(data.text(Format.percent(abs(relative) < 10 ? 1 : 0), .real(relative))))"
        }
        return (arrow, text + suffix)
    }

    func render() -> RenderedChart {
        var html = "<dl class=\"statik-kpis\">\n"
        for tile in tiles {
            html += "<div class=\"statik-kpi\"><dt>\(escapeHTML(tile.label))</dt>"
            html += "<dd class=\"statik-kpi-value\">\(escapeHTML(data.text(tile.value.map(Value.real) ?? .null)))</dd>"
            if let change = change(tile) {
                let arrow = change.arrow.isEmpty ? "" : "<span aria-hidden=\"true\">\(change.arrow)</span> "
                html += "<dd class=\"statik-kpi-change\">\(arrow)\(escapeHTML(change.text))</dd>"
            }
            html += "</div>\n"
        }
        html += "</dl>"
        let description = "Nyckeltal: " + tiles.map { tile in
            "\(tile.label) \(data.text(tile.value.map(Value.real) ?? .null))" + (change(tile).map { " (\($0.text))" } ?? "")
        }.joined(separator: "; ") + "."
        return RenderedChart(wide: html, narrow: nil, description: description, table: table())
    }

    func table() -> ChartTable {
        var columns = [ChartTable.Column(label: "", format: nil), ChartTable.Column(label: spec.language.pick("Värde", "Value"), format: data.format)]
        let hasPrevious = tiles.contains { $0.previous != nil }
        if hasPrevious { columns.append(ChartTable.Column(label: spec.language.pick("Föregående", "Previous"), format: data.format)) }
        let rows = tiles.map { tile -> [Value] in
            var row: [Value] = [.text(tile.label), tile.value.map(Value.real) ?? .null]
            if hasPrevious { row.append(tile.previous.map(Value.real) ?? .null) }
            return row
        }
        return ChartTable(columns: columns, rows: rows)
    }
}
