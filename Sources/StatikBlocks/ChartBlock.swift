import Foundation
import StatikCharts
import StatikCore
import StatikYAML
import StatikDownloads
import StatikData
import StatikFormat
import Synchronization
import Yams
import StatikContent
import StatikOutput
import StatikSources

/// A ```` ```chart NAME ```` block: a chart of a query's result, drawn at build time as SVG, with
/// its data as a table under it. The options are YAML; every problem is reported at its line.
struct ChartBlock {
    /// The site folder of the build in progress, where a map finds its geometry
    /// (`content/data/*.geojson`). Set by `Site.build` around the rendering of the pages.

    static let defaultGeometry = "nuts2-se.geojson"
    /// GISCO's condition for its boundaries, shown under every map.
    static let boundaryAttribution = "© EuroGeographics for the administrative boundaries"

    static let types: [String: ChartSpec.Kind] = [
        "bar": .bar, "stapel": .bar, "line": .line, "linje": .line, "donut": .donut, "ring": .donut,
        "kpi": .kpi, "nyckeltal": .kpi, "map": .map, "karta": .map,
    ]
    static let common = ["type", "title", "label", "source", "note", "format", "suppress", "reason"]
    static let keysByKind: [ChartSpec.Kind: [String]] = [
        .bar: ["x", "y", "stacked", "horizontal", "y_axis"],
        .line: ["x", "y", "y_axis", "zero", "markers"],
        .donut: ["x", "y"],
        .kpi: ["x", "value", "previous", "compare"],
        .map: ["region", "name", "value", "legend", "classes", "highlight", "link", "geometry"],
    ]
    static var allKeys: [String] {
        common + ["x", "y", "stacked", "horizontal", "y_axis", "zero", "markers", "label", "value", "previous", "compare",
                  "region", "name", "legend", "classes", "highlight", "link", "geometry"]
    }

    var query: String
    var location: SourceLocation
    var kind: ChartSpec.Kind?
    var title: String?
    var source: String?
    var note: String?
    var format: Format?
    var x: ChartSpec.Series?
    var series: [ChartSpec.Series] = []
    var stacking = ChartSpec.Stacking.grouped
    var orientation = ChartSpec.Orientation.auto
    var axisTitle: String?
    var zero: Bool?
    var markers = true
    var region: String?
    var regionName: String?
    var classes = ChartSpec.Classes.count(4)
    var highlight: String?
    var link: String?
    var geometry = ChartBlock.defaultGeometry
    /// A key figure's column of labels (`label:` of a `kpi`).
    var label: String?
    /// `label: fig-namn` of any other type (a `kpi` takes `{#fig-namn}` on its fence line):
    /// the chart is numbered (PageNumbering.swift).
    var figureLabel: BlockLabel?
    /// Where the title's and the note's texts start, for a reference in them.
    var titleAt: SourceLocation?
    var noteAt: SourceLocation?
    /// The title as shown, numbered (set when the page renders it); nil: `title`, or the query.
    var shownTitle: String?
    /// The note as HTML, its references links; nil: `note` escaped.
    var noteHTML: String?
    var previous: String?
    var compare: String?
    /// Where each option and each column named in an option was written.
    var keyLocations: [String: SourceLocation] = [:]
    var itemLocations: [String: SourceLocation] = [:]
    var sourceLines: [String: String] = [:]

    /// The block of `options` for a page with `params`, read once for all the pages it is the
    /// same for (all pages of a file, unless its options show a page parameter).
    static func reading(query: String, options: YAMLSource, location: SourceLocation, params: [String: Value], cache: BlockCache<ChartBlock>, diagnostics: inout [Diagnostic]) -> ChartBlock {
        let key = BlockCache<ChartBlock>.Key(query: query, options: options, location: location, params: options.text.hasDoubleBrace ? params : [:])
        return cache.block(key, diagnostics: &diagnostics) { own in
            ChartBlock(query: query, options: options, location: location, params: params, diagnostics: &own)
        }
    }

    /// `params`: the page's parameters, which text options may show as `{{ params.name }}` (so
    /// that one file of region pages can highlight each page's own region).
    init(query: String, options: YAMLSource, location: SourceLocation, params: [String: Value] = [:], diagnostics: inout [Diagnostic]) {
        self.query = query
        self.location = location
        let trimmed = options.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            diagnostics.append(.error(Message(.chartHasNoOptionsWrite), at: location))
            return
        }
        guard let mapping = YAMLMapping(options.parse(into: &diagnostics), source: options, what: Message(.mapChartOptions), diagnostics: &diagnostics) else { return }
        for pair in mapping.pairs {
            keyLocations[pair.key] = options.location(pair.keyMark)
            sourceLines[pair.key] = options.sourceLine(pair.keyMark)
        }
        let reader = OptionReader(mapping: mapping, options: options, params: params, sourceLines: sourceLines)
        readType(reader, diagnostics: &diagnostics)
        readTexts(reader, diagnostics: &diagnostics)
        readColumns(reader, diagnostics: &diagnostics)
        readDrawing(reader, diagnostics: &diagnostics)
        readMap(reader, diagnostics: &diagnostics)
        readTiles(reader, diagnostics: &diagnostics)
    }

    /// The options of a block, read one by one: each problem is reported at the option's line.
    struct OptionReader {
        var mapping: YAMLMapping
        var options: YAMLSource
        /// The page's parameters, for `{{ params.name }}` in text options.
        var params: [String: Value]
        var sourceLines: [String: String]

        subscript(key: String) -> Node? { mapping[key] }

        func error(_ message: Message, _ key: String, diagnostics: inout [Diagnostic]) {
            diagnostics.append(Diagnostic(.error, at: mapping.location(of: key), message, sourceLine: sourceLines[key]))
        }

        /// A text option, with `{{ params.name }}` in it filled in.
        func text(_ key: String, diagnostics: inout [Diagnostic]) -> String? {
            guard let value = mapping.string(key, into: &diagnostics) else { return nil }
            return InlineValue.interpolate(value) { parsed, _ in
                if case .success(let inline) = parsed, inline.source == "params", let param = params[inline.field] {
                    return (inline.format ?? .text).string(param)
                }
                let known = params.keys.sorted().map { "{{ params.\($0) }}" }.joined(separator: ", ")
                error(Message(.chartOptionsCanOnlyPage, (known.isEmpty ? Message(.thisPageHasNone) : Message(.colonList, known))), key, diagnostics: &diagnostics)
                return nil
            }
        }

        /// A `true` or `false` option.
        func flag(_ key: String, diagnostics: inout [Diagnostic]) -> Bool? {
            guard let node = mapping[key] else { return nil }
            if let value = node.bool { return value }
            error(Message(.mustTrueFalse, key), key, diagnostics: &diagnostics)
            return nil
        }
    }

    /// The type first: it says which other options apply. Options of other types are warned
    /// about.
    private mutating func readType(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        let mapping = reader.mapping, options = reader.options
        if let node = mapping["type"] {
            let name = (node.string ?? "").lowercased()
            if let kind = Self.types[name] {
                self.kind = kind
            } else {
                // A pie is drawn as a donut: the hole is where the total or the label goes.
                let near = ["pie", "paj", "tårta", "cirkel"].contains(name) ? "donut" : closest(to: name, in: ChartSpec.Kind.allCases.map(\.rawValue))
                diagnostics.append(Diagnostic(.error, at: options.location(node.mark), near.map { Message(.unknownChartTypeDidYouMean, node.string ?? "", $0) } ?? Message(.unknownChartType, node.string ?? ""), sourceLine: options.sourceLine(node.mark)))
            }
        } else {
            diagnostics.append(.error(Message(.chartNeedsTypeBarLine), at: location))
        }
        mapping.warnUnknownKeys(allowed: Self.allKeys, what: Message(.whatChartOption), into: &diagnostics)
        if let kind {
            let allowed = Self.common + (Self.keysByKind[kind] ?? [])
            for pair in mapping.pairs where Self.allKeys.contains(pair.key) && !allowed.contains(pair.key) {
                diagnostics.append(Diagnostic(.warning, at: options.location(pair.keyMark), Message(.doesNotApplyChartIgnored, pair.key, kind.rawValue, allowed.dropFirst().joined(separator: ", ")), sourceLine: options.sourceLine(pair.keyMark)))
            }
        }
    }

    /// The title, source (without a `Källa:` of its own), note and format.
    private mutating func readTexts(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        title = reader.text("title", diagnostics: &diagnostics)
        source = reader.text("source", diagnostics: &diagnostics).map { text in
            text.lowercased().hasPrefix("källa:") ? String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces) : text
        }
        note = reader.text("note", diagnostics: &diagnostics)
        titleAt = reader.mapping.textLocation("title")
        noteAt = reader.mapping.textLocation("note")
        if let node = reader["format"] {
            if let spec = node.string {
                do { format = try Format(parsing: spec) } catch { diagnostics.append(.error(error.message, at: reader.options.location(node.mark))) }
            } else {
                reader.error(Message(.formatWordSuchHeltalProcent), "format", diagnostics: &diagnostics)
            }
        }
    }

    /// The columns drawn: `x`, and `y` or `value`, whichever the type takes.
    private mutating func readColumns(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        if let node = reader["x"] { x = columns(node, key: "x", options: reader.options, diagnostics: &diagnostics).first }
        for key in ["y", "value"] where reader[key] != nil && (kind == nil || (Self.keysByKind[kind!] ?? []).contains(key)) {
            series = columns(reader[key]!, key: key, options: reader.options, diagnostics: &diagnostics)
        }
    }

    /// How bars and lines are drawn: stacked, lying, the value axis's title, from zero, with
    /// markers.
    private mutating func readDrawing(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        if let node = reader["stacked"] {
            if let value = node.bool {
                stacking = value ? .stacked : .grouped
            } else if ["procent", "percent", "100", "100%", "100 %"].contains((node.string ?? "").lowercased()) {
                stacking = .percent
            } else {
                reader.error(Message(.stackedTrueFalseProcentEach), "stacked", diagnostics: &diagnostics)
            }
        }
        if let horizontal = reader.flag("horizontal", diagnostics: &diagnostics) { orientation = horizontal ? .horizontal : .vertical }
        axisTitle = reader.text("y_axis", diagnostics: &diagnostics) ?? reader.text("legend", diagnostics: &diagnostics)
        zero = reader.flag("zero", diagnostics: &diagnostics)
        markers = reader.flag("markers", diagnostics: &diagnostics) ?? true
    }

    /// A map's options: the columns of region codes and names, the classes, the highlighted
    /// region, the links and the geometry file.
    private mutating func readMap(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        let mapping = reader.mapping
        let names = readColumnNames(["region", "name"], reader, diagnostics: &diagnostics)
        region = names[0]
        regionName = names[1]
        if let node = mapping["classes"] {
            switch node {
            case .scalar:
                if let count = node.int { classes = .count(count) } else { reader.error(Message(.classesNumberClasses4List), "classes", diagnostics: &diagnostics) }
            case .sequence(let items):
                var limits: [Double] = []
                for item in items {
                    if let value = item.float ?? item.int.map(Double.init) { limits.append(value) } else {
                        diagnostics.append(.error(Message(.classLimitNumber2512), at: reader.options.location(item.mark)))
                    }
                }
                classes = .breaks(limits)
            default:
                reader.error(Message(.classesNumberClasses4List), "classes", diagnostics: &diagnostics)
            }
        }
        highlight = reader.text("highlight", diagnostics: &diagnostics)
        link = reader.text("link", diagnostics: &diagnostics)
        if let file = mapping.string("geometry", into: &diagnostics) {
            if file.contains("/") || !file.lowercased().hasSuffix(".geojson") {
                reader.error(Message(.geometryNameGeojsonFileContent, Self.defaultGeometry), "geometry", diagnostics: &diagnostics)
            } else {
                geometry = file
            }
        }
    }

    /// Key figure tiles' options: the columns of labels and of earlier values, and what the
    /// change is measured against.
    private mutating func readTiles(_ reader: OptionReader, diagnostics: inout [Diagnostic]) {
        // `label:` names the tiles' column of labels on a `kpi`, the figure's label on any other.
        let tiles = kind == .kpi
        if !tiles { figureLabel = reader.mapping.label(into: &diagnostics, default: location) }
        let names = readColumnNames(tiles ? ["label", "previous"] : ["previous"], reader, diagnostics: &diagnostics)
        label = tiles ? names[0] : nil
        previous = names.last!
        compare = reader.text("compare", diagnostics: &diagnostics)
    }

    /// The columns named by the options `keys`, one each, and where each name was written (for
    /// messages about the column).
    private mutating func readColumnNames(_ keys: [String], _ reader: OptionReader, diagnostics: inout [Diagnostic]) -> [String?] {
        let mapping = reader.mapping
        let names = keys.map { mapping.string($0, into: &diagnostics) }
        for key in keys where mapping[key] != nil {
            itemLocations["\(key):\(mapping.string(key, into: &diagnostics) ?? "")"] = reader.options.location(mapping[key]!.mark)
        }
        return names
    }

    /// Columns as an author writes them: `kvinnor`, `[kvinnor, man]`, `{kvinnor: Kvinnor, man: Män}`
    /// or a list of `name: Label`.
    private mutating func columns(_ node: Node, key: String, options: YAMLSource, diagnostics: inout [Diagnostic]) -> [ChartSpec.Series] {
        var result: [ChartSpec.Series] = []
        func add(_ name: String, _ label: String?, _ mark: Mark?) {
            result.append(ChartSpec.Series(column: name, label: label))
            itemLocations["\(key):\(name)"] = options.location(mark)
        }
        switch node {
        case .scalar(let scalar):
            add(scalar.string, nil, node.mark)
        case .mapping(let mapping):
            for (name, label) in mapping { add(name.string ?? "", label.string, name.mark) }
        case .sequence(let items):
            for item in items {
                switch item {
                case .scalar(let scalar): add(scalar.string, nil, item.mark)
                case .mapping(let mapping) where mapping.count == 1:
                    let (name, label) = mapping.first!
                    add(name.string ?? "", label.string, name.mark)
                default:
                    diagnostics.append(.error(Message(.columnNameNameLabel), at: options.location(item.mark)))
                }
            }
        case .alias:
            diagnostics.append(.error(Message(.namesColumnListColumnsColumn, key), at: options.location(node.mark)))
        }
        return result
    }

    /// The figure: caption, the chart for wide and for narrow screens, the data as a table
    /// under "Visa tabell", note and source. Nil when the chart could not be drawn (the
    /// problem is in `diagnostics`). `hidden`: the cells disclosure control withholds (NULL in
    /// the public edition's result), explained under the chart when it draws their columns.
    /// `downloads`: where the chart's data goes as files (CSV and Excel), linked under it.
    func html(result: QueryResult, ids: inout Set<String>, file: String, siteDirectory: URL? = nil, caches: BlockCaches = BlockCaches(), hidden: (cells: Set<Cell>, below: Int, edition: Edition)? = nil,
              atSource: Set<Cell> = [], downloads: inout PageDownloads, created: Int64 = PageDownloads.zipEpoch, language: Language = .swedish,
              id given: String? = nil, key: String? = nil, diagnostics: inout [Diagnostic]) -> String? {
        guard let kind else { return nil }
        let words = ReaderWords.of(language)
        var id = given ?? "diagram-" + slug(query)
        var n = 2
        while given == nil && ids.contains(id) { id = "diagram-\(slug(query))-\(n)"; n += 1 }
        ids.insert(id)

        if title == nil {
            diagnostics.append(.warning(Message(.chartHasNoTitleAdd), at: location))
        }
        if source == nil {
            diagnostics.append(.warning(Message(.chartHasNoSourceAdd), at: location))
        }
        if result.rows.isEmpty {
            diagnostics.append(.warning(Message(.queryReturnedNoRowsChart, query), at: location))
        }
        var spec = ChartSpec(kind: kind, query: query, id: id, title: shownTitle ?? title ?? query, x: x, series: series)
        spec.format = format
        spec.language = language
        spec.stacking = stacking
        spec.orientation = orientation
        spec.valueAxisTitle = axisTitle
        spec.zero = zero
        spec.markers = markers
        spec.region = region
        spec.regionName = regionName
        spec.classes = classes
        spec.highlight = highlight
        spec.link = link
        spec.label = label
        spec.previous = previous
        spec.compare = compare
        if let hidden {
            for cell in hidden.cells {
                if let s = series.firstIndex(where: { result.columnIndex($0.column) == cell.column }) {
                    if hidden.edition == .intranet && !atSource.contains(cell) {
                        spec.marked.insert(ChartSpec.Point(row: cell.row, series: s))
                    } else {
                        spec.withheld.insert(ChartSpec.Point(row: cell.row, series: s))
                    }
                }
            }
        }
        for cell in atSource {
            if let s = series.firstIndex(where: { result.columnIndex($0.column) == cell.column }) {
                spec.withheld.insert(ChartSpec.Point(row: cell.row, series: s))
            }
        }

        var map: MapGeometry?
        if kind == .map {
            guard let loaded = loadGeometry(siteDirectory: siteDirectory, caches: caches, diagnostics: &diagnostics) else { return nil }
            map = loaded
        }
        let chart: RenderedChart
        do {
            chart = try Chart.render(result, spec, geometry: map)
        } catch {
            let at = error.option.flatMap { option in error.item.flatMap { itemLocations["\(option):\($0)"] } ?? keyLocations[option] } ?? location
            let line = error.option.flatMap { sourceLines[$0] }
            diagnostics.append(Diagnostic(.error, at: at, error.message, sourceLine: at == location ? nil : line))
            return nil
        }

        var html = "<figure class=\"statik-chart statik-chart-\(kind.rawValue)\" id=\"\(id)\">\n"
        html += "<figcaption>\(escapeHTML(spec.title))</figcaption>\n"
        if let narrow = chart.narrow {
            html += "<div class=\"statik-chart-wide\">\(chart.wide)</div>\n"
            html += "<div class=\"statik-chart-narrow\">\(narrow)</div>\n"
        } else {
            html += chart.wide + "\n"
        }
        if kind != .kpi {
            html += "<details class=\"statik-chart-data\"><summary>\(escapeHTML(words.showTable))</summary>\n"
            let data = table(chart.table, id: id + "-tabell", key: key.map { $0 + "-tabell" }, caption: spec.title, file: file,
                             hidden: hidden.flatMap { markedCells($0, in: chart.table, result: result) },
                             atSource: markedCells((atSource, 0, .public), in: chart.table, result: result)?.cells ?? [], language: language)
            html += data.html
            html += "</details>\n"
            if let download = data.download {
                html += downloads.add(download, named: slug(query) + "-diagram", created: created)
            }
        }
        if let note { html += "<p class=\"statik-note\">\(noteHTML ?? escapeHTML(note))</p>\n" }
        // Said by Statik, on a screen only: a printed map has no links.
        if kind == .map, link != nil { html += "<p class=\"statik-note statik-screen-only\">\(escapeHTML(words.mapRegionsAreLinks))</p>\n" }
        let drawn = Set(([x?.column, region, regionName, label, previous].compactMap { $0 } + series.map(\.column)).compactMap { result.columnIndex($0) })
        if let hidden, hidden.cells.subtracting(atSource).contains(where: { drawn.contains($0.column) }) {
            html += "<p class=\"statik-note statik-suppression\">\(escapeHTML(SuppressOption.footnote(below: hidden.below, edition: hidden.edition, language: language)))</p>\n"
        }
        if let source { html += "<p class=\"statik-source\">\(escapeHTML(words.source)) \(escapeHTML(source))</p>\n" }
        if kind == .map {
            html += "<p class=\"statik-source\">\(escapeHTML(words.boundaries)) <span lang=\"en\">\(escapeHTML(Self.boundaryAttribution))</span>.</p>\n"
        }
        html += "</figure>\n"
        return html
    }

    /// The withheld cells as cells of the chart's own table (its first column the categories,
    /// then one column per series), so that the table under the chart shows them as a `table`
    /// block does (`x` in the public edition, marked `*` in the intranet). Only where that table
    /// has the query's rows in the query's order; nil otherwise.
    private func markedCells(_ hidden: (cells: Set<Cell>, below: Int, edition: Edition), in data: ChartTable, result: QueryResult)
        -> (cells: Set<Cell>, below: Int, edition: Edition)? {
        guard let x, let xIndex = result.columnIndex(x.column),
              data.rows.count == result.rows.count,
              zip(data.rows, result.rows).allSatisfy({ $0.first?.plainText == $1[xIndex].plainText })
        else { return nil }
        var cells: Set<Cell> = []
        for cell in hidden.cells {
            if let s = series.firstIndex(where: { result.columnIndex($0.column) == cell.column }) {
                cells.insert(Cell(row: cell.row, column: s + 1))
            }
        }
        return cells.isEmpty ? nil : (cells, hidden.below, hidden.edition)
    }

    /// The chart's data as a statistics table, as a `table` block writes it.
    private func table(_ data: ChartTable, id: String, key: String?, caption: String, file: String,
                       hidden: (cells: Set<Cell>, below: Int, edition: Edition)? = nil, atSource: Set<Cell> = [], language: Language) -> (html: String, download: DownloadTable?) {
        let names = data.columns.indices.map { "c\($0)" }
        var unused: [Diagnostic] = []  // the chart reports its own problems
        var table = TableBlock(query: query, options: YAMLSource(file: file, firstLine: location.line, text: ""), location: location, diagnostics: &unused)
        table.caption = caption
        table.columns = zip(names, data.columns).map { name, column in
            TableBlock.Column(name: name, label: column.label, format: column.format ?? .text, location: location)
        }
        // The chart's own note on withheld values follows the figure: not twice.
        guard let made = table.rendered(result: QueryResult(columns: names, rows: data.rows), id: id, key: key, hidden: hidden, atSource: atSource, footnote: false,
                                        language: language, diagnostics: &unused) else {
            return ("", nil)
        }
        var download = made.download
        download.source = source
        if let hidden, !hidden.cells.subtracting(atSource).isEmpty {
            download.notes.append(SuppressOption.footnote(below: hidden.below, edition: hidden.edition, language: language))
        }
        return (made.html, download)
    }

    /// Reads `content/data/<geometry>` of the site being built.
    private func loadGeometry(siteDirectory: URL?, caches: BlockCaches, diagnostics: inout [Diagnostic]) -> MapGeometry? {
        let at = keyLocations["geometry"] ?? keyLocations["type"] ?? location
        let path = "\(ContentTree.folder)/\(ContentTree.dataFolder)/\(geometry)"
        guard let directory = siteDirectory else {
            diagnostics.append(.error(Message(.thereNoMapNeedsRegions, path, Self.defaultGeometry), at: at))
            return nil
        }
        let full = directory.appendingPathComponent(path).path
        // Read and parsed once while the file stays the same (every region page draws a map).
        var info = stat()
        let stamp = stat(full, &info) == 0 ? "\(full)|\(info.st_size)|\(info.st_mtim.tv_sec)|\(info.st_mtim.tv_nsec)" : nil
        if let stamp, let known = caches.geometries.withLock({ $0[stamp] }) { return known }
        guard let bytes = FileManager.default.contents(atPath: full) else {
            diagnostics.append(.error(Message(.thereNoMapNeedsRegions, path, Self.defaultGeometry), at: at))
            return nil
        }
        do {
            let geometry = try MapGeometry(geoJSON: [UInt8](bytes))
            if let stamp {
                caches.geometries.withLock { cache in
                    if cache.count >= 8 { cache.removeAll() }  // old versions, in a long preview session
                    cache[stamp] = geometry
                }
            }
            return geometry
        } catch {
            diagnostics.append(.error(Message(.optionColon, path, error.message), at: at))
            return nil
        }
    }
}

/// ```` ```chart NAME ````: the query's result as an SVG chart (or map, or figures), with its
/// data table and files.
extension ChartBlock: PageBlock {
    static let kind = "chart"
    static let takesSuppressOption = true
    static let numbered: CrossReferences.Kind? = .figure

    static func label(_ use: PageBlockUse, in context: inout PageBlockContext) -> BlockLabel? {
        var unused: [Diagnostic] = []  // said when the block is rendered
        return ChartBlock.reading(query: use.name, options: use.options, location: use.location, params: context.page.frontMatter.params, cache: context.environment.caches.charts, diagnostics: &unused).figureLabel
    }

    static func render(_ use: PageBlockUse, in context: inout PageBlockContext) -> String? {
        var diagnostics: [Diagnostic] = []
        defer { context.diagnostics += diagnostics }
        var chart = ChartBlock.reading(query: use.name, options: use.options, location: use.location, params: context.page.frontMatter.params, cache: context.environment.caches.charts, diagnostics: &diagnostics)
        let label = use.label?.text ?? chart.figureLabel?.text
        chart.shownTitle = context.caption(chart.title, label: label, at: chart.titleAt ?? use.location)
        if let note = chart.note { chart.noteHTML = context.note(note, at: chart.noteAt ?? use.location).html }
        guard let result = context.result(for: use) else { return nil }
        let language = context.page.language
        let published = context.downloads.published.count
        let ids = chart.kind == nil ? nil : context.blockID(label: label, fallback: "diagram-" + slug(use.name))
        let html = chart.html(result: result, ids: &context.ids, file: context.page.file, siteDirectory: context.environment.siteDirectory, caches: context.environment.caches, hidden: context.secret(use.name),
                              atSource: context.atSource[use.name.lowercased()] ?? [], downloads: &context.downloads, created: context.created, language: language,
                              id: ids?.id, key: ids?.key, diagnostics: &diagnostics) ?? ""
        // The chart's data table is published too: a dataset made from what its query read.
        context.downloads.reading(PageDownloads.dataTables(of: use.name, queries: context.queries), since: published)
        return html
    }
}
