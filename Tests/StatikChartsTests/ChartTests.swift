import Foundation
import StatikCore
import StatikData
import StatikFormat
import Testing

@testable import StatikCharts

/// Golden SVG files beside the tests (`Golden/NAME.svg`, and `NAME-smal.svg` for the narrow
/// drawing), compared byte for byte. `STATIK_RECORD=1` writes them anew: a deliberate act whose
/// diff is reviewed like code.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["STATIK_RECORD"] == "1" }

    static func expect(_ name: String, _ chart: RenderedChart, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let ext = chart.narrow == nil && !chart.wide.hasPrefix("<svg") ? "html" : "svg"
        try compare("\(name).\(ext)", chart.wide, sourceLocation: sourceLocation)
        if let narrow = chart.narrow { try compare("\(name)-smal.\(ext)", narrow, sourceLocation: sourceLocation) }
    }

    static func compare(_ file: String, _ actual: String, sourceLocation: Testing.SourceLocation) throws {
        let url = folder.appendingPathComponent(file)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let wanted = try? String(contentsOf: url, encoding: .utf8)
        #expect(wanted == actual + "\n", "Golden/\(file) differs (STATIK_RECORD=1 writes it anew)", sourceLocation: sourceLocation)
    }
}

/// The map's geometry: the example site's copy of GISCO's NUTS 2 regions.
let nuts2: MapGeometry = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("content/data/nuts2-se.geojson")
    return try! MapGeometry(geoJSON: [UInt8](FileManager.default.contents(atPath: url.path)!))
}()

func result(_ columns: [String], _ rows: [[Value]]) -> QueryResult { QueryResult(columns: columns, rows: rows) }

func spec(_ kind: ChartSpec.Kind, _ id: String, title: String = "Diagram", x: String? = nil, y: [String] = []) -> ChartSpec {
    ChartSpec(kind: kind, query: "q", id: id, title: title, x: x.map { ChartSpec.Series(column: $0) }, series: y.map { ChartSpec.Series(column: $0) })
}

let perPO = result(["programomrade", "kvinnor", "man"], [
    [.text("PO 2"), .integer(3547), .integer(2492)],
    [.text("PO 3"), .integer(826), .integer(809)],
    [.text("PO 2 och PO 3"), .integer(4373), .integer(3301)],
])

let youth = result(["region", "namn", "andel"], [
    [.text("SE11"), .text("Stockholm"), .real(21.3)],
    [.text("SE12"), .text("Östra Mellansverige"), .real(24.7)],
    [.text("SE21"), .text("Småland med öarna"), .real(22.1)],
    [.text("SE22"), .text("Sydsverige"), .real(26.3)],
    [.text("SE23"), .text("Västsverige"), .real(22.8)],
    [.text("SE31"), .text("Norra Mellansverige"), .real(25.2)],
    [.text("SE32"), .text("Mellersta Norrland"), .real(26.4)],
    [.text("SE33"), .text("Övre Norrland"), .real(24.0)],
])

@Suite struct BarChartTests {
    func sexes(_ kind: ChartSpec.Kind = .bar, _ id: String) -> ChartSpec {
        var s = spec(kind, id, title: "Deltagare per programområde och kön", x: "programomrade", y: [])
        s.x = ChartSpec.Series(column: "programomrade", label: "Programområde")
        s.series = [ChartSpec.Series(column: "kvinnor", label: "Kvinnor"), ChartSpec.Series(column: "man", label: "Män")]
        return s
    }

    @Test func grouped() throws {
        let chart = try Chart.render(perPO, sexes(.bar, "diagram-grupperat"))
        try Golden.expect("bar-grouped", chart)
        #expect(chart.description == "Stapeldiagram: Deltagare per programområde och kön. Visar Kvinnor och Män för PO 2, PO 3 och PO 2 och PO 3. Högst: PO 2 och PO 3, Kvinnor, 4\u{00A0}373. Lägst: PO 3, Män, 809.")
    }

    @Test func stacked() throws {
        var s = sexes(.bar, "diagram-staplat")
        s.stacking = .stacked
        let chart = try Chart.render(perPO, s)
        try Golden.expect("bar-stacked", chart)
        #expect(chart.description.contains("Högst totalt: PO 2 och PO 3, 7\u{00A0}674. Lägst totalt: PO 3, 1\u{00A0}635."))
    }

    @Test func stackedToHundred() throws {
        var s = sexes(.bar, "diagram-procent")
        s.stacking = .percent
        s.orientation = .horizontal
        let chart = try Chart.render(perPO, s)
        try Golden.expect("bar-percent", chart)
        #expect(chart.wide.contains(">59\u{00A0}%<"), "PO 2: 3 547 of 6 039 are women")
    }

    @Test func oneBar() throws {
        let chart = try Chart.render(result(["po", "antal"], [[.text("PO 2"), .integer(6039)]]), spec(.bar, "diagram-en", x: "po", y: ["antal"]))
        try Golden.expect("bar-one", chart)
        #expect(chart.description.hasSuffix("PO 2: 6\u{00A0}039."))
    }

    @Test func allZeros() throws {
        let rows: [[Value]] = [[.text("SJP och SE"), .integer(0)], [.text("SE"), .integer(0)], [.text("SE och SJP3"), .integer(0)]]
        let chart = try Chart.render(result(["kategori", "po_3"], rows), spec(.bar, "diagram-nollor", x: "kategori", y: ["po_3"]))
        try Golden.expect("bar-zeros", chart)
        #expect(chart.description.contains("Alla värden är –."))
        #expect(chart.wide.contains(">0<"), "the axis says 0 where a cell says –")
    }

    @Test func negativeValues() throws {
        let rows: [[Value]] = [
            [.text("Förvaltningskostnader"), .integer(43678)],
            [.text("Rehabiliteringsinsatser och aktivitetsstöd"), .integer(-7683)],
            [.text("Totalt"), .integer(35995)],
        ]
        var s = spec(.bar, "diagram-negativt", title: "Differens mellan tilldelat och förbrukat, tkr", x: "post", y: ["differens_tkr"])
        s.valueAxisTitle = "Tusen kronor"
        let chart = try Chart.render(result(["post", "differens_tkr"], rows), s)
        try Golden.expect("bar-negative", chart)
        #expect(chart.wide.contains("\u{2212}7\u{00A0}683"))
    }

    @Test func missingValues() throws {
        let rows: [[Value]] = [
            [.text("SJP"), .integer(1881), .integer(50)],
            [.text("SJP och AE"), .null, .null],
            [.text("AE"), .integer(1176), .integer(480)],
            [.text("SJP3"), .integer(2796), .null],
        ]
        var s = spec(.bar, "diagram-saknas", x: "kategori", y: [])
        s.series = [ChartSpec.Series(column: "po_2", label: "PO 2"), ChartSpec.Series(column: "po_3", label: "PO 3")]
        let chart = try Chart.render(result(["kategori", "po_2", "po_3"], rows), s)
        try Golden.expect("bar-nulls", chart)
        #expect(chart.description.hasSuffix("Uppgift saknas för 3 värden."))
        #expect(chart.wide.components(separatedBy: ">..<").count - 1 == 3)
    }

    @Test func fortyCategoriesLieDown() throws {
        let rows: [[Value]] = (1...40).map { [.text("Kategori \($0)"), .integer(Int64($0 * 37 % 101))] }
        let chart = try Chart.render(result(["kategori", "antal"], rows), spec(.bar, "diagram-fyrtio", x: "kategori", y: ["antal"]))
        try Golden.expect("bar-forty", chart)
        #expect(chart.wide.contains("statik-axis statik-zero\" x1=\"") && chart.wide.contains("y1=\""))
        let bars = try BarChart(result: result(["kategori", "antal"], rows), spec: spec(.bar, "x", x: "kategori", y: ["antal"]))
        #expect(!bars.fitsVertically(width: 640))
    }

    @Test func veryLongLabels() throws {
        let rows: [[Value]] = [
            [.text("Personer som inte har sjukpenning vid inskrivningstillfället men som har haft det någon gång de senaste tre åren"), .integer(2796)],
            [.text("Sjukpenning vid inskrivningstillfället"), .integer(1881)],
            [.text("Arbetsförmedlingen-Försäkringskassan-Kommunen gemensamt"), .integer(87)],
        ]
        let chart = try Chart.render(result(["kategori", "antal"], rows), spec(.bar, "diagram-langa", x: "kategori", y: ["antal"]))
        try Golden.expect("bar-long-labels", chart)
        #expect(chart.wide.contains("<tspan"), "long labels are wrapped")
    }

    @Test func yearsStayVertical() throws {
        let rows: [[Value]] = (2010...2021).map { year -> [Value] in
            let value = Int64((year - 2000) * 13 % 50 + 20)
            return [.integer(Int64(year)), .integer(value)]
        }
        let chart = try Chart.render(result(["ar", "antal"], rows), spec(.bar, "diagram-ar", x: "ar", y: ["antal"]))
        try Golden.expect("bar-years", chart)
        #expect(chart.wide.contains(">2010<") && !chart.wide.contains("2\u{00A0}010"))
    }

    @Test func textIsEscaped() throws {
        let rows: [[Value]] = [[.text("<script>alert(\"x\")</script> & 'co'"), .integer(5)]]
        var s = spec(.bar, "diagram-esc", title: "A <b>title</b> & \"more\"", x: "namn", y: ["antal"])
        s.series = [ChartSpec.Series(column: "antal", label: "<i>Antal</i>")]
        let chart = try Chart.render(result(["namn", "antal"], rows), s)
        for svg in [chart.wide, chart.narrow!] {
            #expect(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<i>"))
            #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"))
        }
    }

    @Test func errorsNameTheOption() {
        #expect {
            try Chart.render(perPO, spec(.bar, "x", x: "programomrade", y: ["kvinnor", "kvinor"]))
        } throws: { error in (error as? ChartError).map { $0.message.description == "the query 'q' has no column 'kvinor'; did you mean 'kvinnor'?" && $0.option == "y" && $0.item == "kvinor" } ?? false }
        #expect {
            try Chart.render(perPO, spec(.bar, "x", x: "kvinnor", y: ["programomrade"]))
        } throws: { error in (error as? ChartError).map { $0.message.description == "the column 'programomrade' holds text ('PO 2' on row 1); a chart draws numbers" && $0.option == "y" && $0.item == "programomrade" } ?? false }
        var percent = spec(.bar, "x", x: "post", y: ["d", "e"])
        percent.stacking = .percent
        #expect(throws: ChartError.self) {
            try Chart.render(result(["post", "d", "e"], [[.text("A"), .integer(-1), .integer(2)]]), percent)
        }
    }

    @Test func outputIsDeterministic() throws {
        let a = try Chart.render(perPO, sexes(.bar, "d"))
        let b = try Chart.render(perPO, sexes(.bar, "d"))
        #expect(a == b)
        // Every coordinate has at most one decimal.
        let numbers: [Substring] = a.wide.split(whereSeparator: { !"0123456789.".contains($0) })
        let decimals: [Int] = numbers.map { number in number.firstIndex(of: ".").map { number.distance(from: $0, to: number.endIndex) - 1 } ?? 0 }
        #expect(decimals.allSatisfy { $0 <= 1 })
    }
}

@Suite struct LineChartTests {
    @Test func trend() throws {
        let rows: [[Value]] = [[.integer(2017), .integer(60)], [.integer(2018), .integer(58)], [.integer(2019), .integer(54)], [.integer(2020), .integer(53)], [.integer(2021), .integer(49)]]
        var s = spec(.line, "diagram-trend", title: "Andel som fått eller återfått arbetsförmågan, 2017–2021", x: "ar", y: [])
        s.series = [ChartSpec.Series(column: "andel", label: "Andel")]
        s.format = .percent(0)
        let chart = try Chart.render(result(["ar", "andel"], rows), s)
        try Golden.expect("line-trend", chart)
        #expect(chart.description == "Linjediagram: Andel som fått eller återfått arbetsförmågan, 2017–2021. Visar Andel, 2017–2021. Högst: 2017, 60\u{00A0}%. Lägst: 2021, 49\u{00A0}%. Från 60\u{00A0}% 2017 till 49\u{00A0}% 2021.")
    }

    @Test func severalSeriesWithGaps() throws {
        let rows: [[Value]] = (2004...2013).map { year -> [Value] in
            let y = Double(year - 2004)
            return [.integer(Int64(year)),
                    year == 2008 ? .null : .real(20 + y * 0.7),
                    year >= 2011 ? .null : .real(24.5 - y * 0.3),
                    .real(22 + (y - 4) * (y - 4) * 0.2)]
        }
        var s = spec(.line, "diagram-serier", title: "Arbetslöshet 15–24 år", x: "ar", y: [])
        s.series = [ChartSpec.Series(column: "a", label: "Sydsverige"), ChartSpec.Series(column: "b", label: "Mellersta Norrland"), ChartSpec.Series(column: "c", label: "Sverige")]
        s.format = .percent(1)
        s.zero = false
        let chart = try Chart.render(result(["ar", "a", "b", "c"], rows), s)
        try Golden.expect("line-series-gaps", chart)
        #expect(chart.description.hasSuffix("Uppgift saknas för 4 värden."))
        // The NULL of 2008 breaks the first line in two.
        let line = chart.wide.split(separator: "\n").first { $0.hasPrefix("<path class=\"statik-line statik-series-1\"") }
        #expect(line?.filter { $0 == "M" }.count == 2)
    }

    @Test func yearsOutOfOrderAreAnError() {
        let rows: [[Value]] = [[.integer(2019), .integer(1)], [.integer(2017), .integer(2)]]
        #expect(throws: ChartError.self) { try Chart.render(result(["ar", "v"], rows), spec(.line, "x", x: "ar", y: ["v"])) }
    }
}

@Suite struct DonutChartTests {
    @Test func shares() throws {
        var s = spec(.donut, "diagram-ersattning", title: "Deltagare i Mitt Val efter ersättning", x: "ersattning", y: [])
        s.series = [ChartSpec.Series(column: "andel", label: "Andel av deltagarna")]
        s.format = .percent(0)
        let chart = try Chart.render(result(["ersattning", "andel"], [[.text("Sjukpenning"), .integer(59)], [.text("Aktivitetsersättning"), .integer(41)]]), s)
        try Golden.expect("donut-shares", chart)
        #expect(chart.description == "Ringdiagram: Deltagare i Mitt Val efter ersättning. Sjukpenning 59\u{00A0}% och Aktivitetsersättning 41\u{00A0}%. Störst: Sjukpenning, 59\u{00A0}%. Minst: Aktivitetsersättning, 41\u{00A0}%.")
    }

    @Test func countsWithTotal() throws {
        let rows: [[Value]] = [[.text("Försäkringskassan"), .integer(2137)], [.text("Arbetsförmedlingen"), .integer(2355)], [.text("Kommunen"), .integer(887)], [.text("Annan aktör"), .integer(660)], [.text("Okänd"), .null]]
        let chart = try Chart.render(result(["aktor", "po_2"], rows), spec(.donut, "diagram-aktor", title: "Anvisande aktör, PO 2", x: "aktor", y: ["po_2"]))
        try Golden.expect("donut-counts", chart)
        #expect(chart.description.contains("Totalt 6\u{00A0}039."))
    }

    @Test func negativeIsAnError() {
        #expect(throws: ChartError.self) { try Chart.render(result(["a", "v"], [[.text("x"), .integer(-1)]]), spec(.donut, "x", x: "a", y: ["v"])) }
    }
}

@Suite struct KPITests {
    @Test func tilePerRow() throws {
        let rows: [[Value]] = [
            [.text("Påbörjade en rehabiliteringsinsats"), .integer(70), .integer(71)],
            [.text("Fick eller återfick arbetsförmågan"), .integer(49), .integer(53)],
            [.text("Oförändrat mått"), .integer(12), .integer(12)],
        ]
        var s = spec(.kpi, "diagram-nyckeltal", title: "Nyckeltal 2021", y: [])
        s.label = "matt"
        s.series = [ChartSpec.Series(column: "ar_2021")]
        s.previous = "ar_2020"
        s.format = .percent(0)
        s.compare = "jämfört med 2020"
        let chart = try Chart.render(result(["matt", "ar_2021", "ar_2020"], rows), s)
        try Golden.expect("kpi-rows", chart)
        #expect(chart.wide.contains("−4 procentenheter jämfört med 2020"))
        #expect(chart.wide.contains("−1 procentenhet jämfört med 2020"))
        #expect(chart.wide.contains("Oförändrat jämfört med 2020"))
    }

    @Test func tilePerColumnOverYears() throws {
        let rows: [[Value]] = [[.integer(2020), .integer(8977), .integer(6815)], [.integer(2021), .integer(8963), .integer(6986)]]
        var s = spec(.kpi, "diagram-kartlaggningar", title: "Gemensamma kartläggningar", x: "ar", y: [])
        s.series = [ChartSpec.Series(column: "totalt", label: "Gemensamma kartläggningar"), ChartSpec.Series(column: "sjp", label: "Varav med sjukpenning")]
        let chart = try Chart.render(result(["ar", "totalt", "sjp"], rows), s)
        try Golden.expect("kpi-periods", chart)
        #expect(chart.wide.contains("Gemensamma kartläggningar, 2021</dt><dd class=\"statik-kpi-value\">8\u{00A0}963</dd>"))
        #expect(chart.wide.contains("−14 (−0,2\u{00A0}%) jämfört med 2020"))
        #expect(chart.wide.contains("+171 (+2,5\u{00A0}%) jämfört med 2020"))
    }
}

@Suite struct MapTests {
    func youthSpec(_ id: String) -> ChartSpec {
        var s = spec(.map, id, title: "Arbetslöshet bland unga 15–24 år 2012", y: [])
        s.region = "region"
        s.regionName = "namn"
        s.series = [ChartSpec.Series(column: "andel", label: "Arbetslöshet 15–24 år")]
        s.format = .percent(1)
        s.classes = .breaks([23, 25])
        return s
    }

    @Test func youthUnemployment() throws {
        var s = youthSpec("diagram-karta")
        s.link = "regioner/{namn|slug}/"
        let chart = try Chart.render(youth, s, geometry: nuts2)
        try Golden.expect("map-youth", chart)
        #expect(chart.wide.contains("href=\"regioner/smaland-med-oarna/\" aria-label=\"Småland med öarna: 22,1\u{00A0}%\""))
        #expect(!chart.wide.contains("role=\"img\""), "a map with links keeps them reachable: not an image")
        #expect(chart.narrow!.contains(">Östra Mellansverige och Övre Norrland<"), "the legend names the regions of each class")
        #expect(chart.description.contains("Högst: Mellersta Norrland, 26,4\u{00A0}%. Lägst: Stockholm, 21,3\u{00A0}%."))
        let size = chart.wide.utf8.count
        #expect(size < 20_000, "the wide map is \(size) bytes")
    }

    @Test func highlightedRegion() throws {
        var s = youthSpec("diagram-smaland")
        s.highlight = "SE21"
        let chart = try Chart.render(youth, s, geometry: nuts2)
        try Golden.expect("map-highlight", chart)
        #expect(chart.wide.contains("class=\"statik-highlight\""))
        #expect(chart.description.hasSuffix("Markerad: Småland med öarna."))
        #expect(chart.wide.contains("role=\"img\""))
    }

    /// A region whose value is withheld shows `x` (its label, its link's name), and the map's
    /// description says it is withheld, not that it is missing: never `..` for a secret.
    @Test func aWithheldRegionIsMarkedXNotMissing() throws {
        var s = youthSpec("diagram-sekretess")
        s.link = "regioner/{namn|slug}/"
        let rows: [[Value]] = [[.text("SE33"), .text("Övre Norrland"), .null], [.text("SE11"), .text("Stockholm"), .real(21.3)]]
        s.withheld = [ChartSpec.Point(row: 0, series: 0)]
        let chart = try Chart.render(result(["region", "namn", "andel"], rows), s, geometry: nuts2)
        #expect(chart.wide.contains("aria-label=\"Övre Norrland: x\""))
        #expect(!chart.wide.contains("Övre Norrland: .."))
        #expect(chart.description.contains("Redovisas inte (sekretess): Övre Norrland."))
        #expect(!chart.description.contains("saknas för Stockholm, Östra Mellansverige, Småland med öarna, Sydsverige, Västsverige, Norra Mellansverige, Mellersta Norrland och Övre Norrland"))
    }

    @Test func singleRegion() throws {
        var s = youthSpec("diagram-en-region")
        s.classes = .count(4)
        let chart = try Chart.render(result(["region", "namn", "andel"], [[.text("SE33"), .text("Övre Norrland"), .real(24.0)]]), s, geometry: nuts2)
        try Golden.expect("map-single", chart)
        #expect(chart.description.contains("Uppgift saknas för Stockholm, Östra Mellansverige, Småland med öarna, Sydsverige, Västsverige, Norra Mellansverige och Mellersta Norrland."))
    }

    @Test func unknownRegionCode() {
        let rows: [[Value]] = [[.text("SE99"), .text("Atlantis"), .real(1)]]
        #expect {
            try Chart.render(result(["region", "namn", "andel"], rows), youthSpec("x"), geometry: nuts2)
        } throws: { error in (error as? ChartError).map { $0.message.description == "row 1 of the query 'q' has the region code 'SE99', which the map does not have; its regions are: SE11, SE12, SE21, SE22, SE23, SE31, SE32, SE33" && $0.option == "region" && $0.item == "region" } ?? false }
        var s = youthSpec("x")
        s.highlight = "SE2"
        #expect(throws: ChartError.self) { try Chart.render(youth, s, geometry: nuts2) }
    }

    @Test func sharedBordersStayShared() {
        // Simplified once for both neighbours: the junctions of SE21 and SE22 are in both paths.
        let map = ProjectedMap(nuts2, maxWidth: 240, maxHeight: 560)
        let se21 = Set(map.regions.first { $0.id == "SE21" }!.rings.flatMap { $0 })
        let se22 = Set(map.regions.first { $0.id == "SE22" }!.rings.flatMap { $0 })
        #expect(se21.intersection(se22).count >= 4)
        #expect(map.height > map.width * 2, "Sweden is tall in SWEREF 99 TM")
    }

    @Test func projection() {
        // On the central meridian, east is the false easting and north the meridian arc × 0.9996.
        let (e, n) = SWEREF99TM.project(MapGeometry.Point(lon: 15, lat: 60))
        #expect(abs(e - 500_000) < 0.001)
        #expect(abs(n - 6_651_411.2) < 1)
        // Stockholm, Sergels torg: about 6 580 800 N, 674 050 E.
        let (se, sn) = SWEREF99TM.project(MapGeometry.Point(lon: 18.0649, lat: 59.3326))
        #expect(abs(se - 674_050) < 400 && abs(sn - 6_580_800) < 400)
    }
}

@Suite struct ScaleTests {
    @Test(arguments: [
        (0.0, 6039.0, 5, [0.0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]),
        (0.0, 60.0, 5, [0.0, 10, 20, 30, 40, 50, 60]),
        (-7683.0, 43678.0, 5, [-10000.0, 0, 10000, 20000, 30000, 40000, 50000]),
        (0.0, 0.0, 5, [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]),
    ])
    func niceTicks(lo: Double, hi: Double, count: Int, expected: [Double]) {
        #expect(Ticks(min: lo, max: hi, count: count).values == expected)
    }

    @Test func integerTicksHaveNoFractions() {
        #expect(Ticks(min: 0, max: 0, count: 5, integers: true).values == [0, 1])
    }

    @Test func tickLabels() {
        #expect(Format.percent(0).forTicks(step: 10).tick(0) == "0\u{00A0}%")
        #expect(Format.percent(0).forTicks(step: 2.5).tick(12.5) == "12,5\u{00A0}%")
        #expect(Format.integer.forTicks(step: 1000).tick(7000) == "7\u{00A0}000")
        #expect(Format.integer.forTicks(step: 10000).tick(-10000) == "\u{2212}10\u{00A0}000")
    }

    @Test func coordinates() {
        #expect(coord(12.345) == "12.3")
        #expect(coord(-0.04) == "0")
        #expect(coord(7) == "7")
        #expect(coord(-3.25) == "-3.3")
    }
}
