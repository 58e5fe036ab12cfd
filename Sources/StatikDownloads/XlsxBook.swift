import Foundation
import StatikCore

/// A cell's format: the properties of libxlsxwriter's `lxw_format` that Statik's workbooks use.
/// Two formats with the same properties are one style in the file.
struct XlsxStyle: Hashable {
    var bold = false
    var fontSize: Double = 11
    var wrap = false
    var alignRight = false
    var alignTop = false
    var bottomBorder = false
    /// A number format's code (`#,##0.0`), or none.
    var numberFormat = ""
    /// A link's look: underlined, in the theme's link colour, Excel's "Hyperlink" cell style.
    var hyperlink = false

    static let link = XlsxStyle(hyperlink: true)
}

/// A workbook in memory, written as libxlsxwriter 1.1.4 writes one — the same parts in the same
/// order, the same XML byte for byte (`SameAsLibxlsxwriterTests` compares them) — for the
/// features Statik's workbooks use: sheets of strings and numbers, column widths and formats,
/// links between sheets, tables without filters, the title and the creation date. Strings are
/// shared strings; a style's index in the file is given when a sheet first uses it; numbers
/// are written as `%.16G`. Its answer is the `.xlsx` file's bytes, made without a temporary file.
struct XlsxBook {
    enum Value {
        case number(Double)
        case string(Int)
        case blank
    }

    /// What is written at a cell: the last one written there counts.
    protocol Placed {
        var row: Int { get }
        var column: Int { get }
        /// When it was written.
        var order: Int { get }
    }

    struct Cell: Placed {
        var row: Int
        var column: Int
        var value: Value
        /// Its style (`style(_:)`), or -1.
        var style: Int32
        var order: Int
    }

    struct Column {
        var last: Int
        var width: Double
        var style: Int?
    }

    struct Link: Placed {
        var row: Int
        var column: Int
        var location: [UInt8]
        var display: [UInt8]
        var order: Int
    }

    struct Table {
        var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
        var name: [UInt8]
        var headers: [[UInt8]]
    }

    struct Sheet {
        var name: [UInt8]
        var cells: [Cell] = []
        var columns: [Int: Column] = [:]
        var columnStyles: [Int: Int] = [:]
        var links: [Link] = []
        var tables: [Table] = []
        var rowMin = XlsxBook.rowLimit, rowMax = 0, columnMin = XlsxBook.columnLimit, columnMax = 0
    }

    static let rowLimit = 1_048_576
    static let columnLimit = 16_384
    /// Excel's longest string in a cell, in characters.
    static let stringLimit = 32_767
    /// Excel's longest link.
    static let linkLimit = 2_079

    private(set) var sheets: [Sheet] = []
    /// The styles the cells use, each once: a cell holds its style's number here.
    private var styles: [XlsxStyle] = []
    private var styleNumbers: [XlsxStyle: Int] = [:]
    private var stringIndex: [ByteKey<[UInt8]>: Int] = [:]
    private var strings: [[UInt8]] = []
    private var stringCount = 0
    private var writes = 0
    var title = ""
    /// Seconds since 1970.
    var created: Int64 = 0

    // MARK: Building

    /// A style's number, for the cells and columns that use it.
    mutating func style(_ style: XlsxStyle) -> Int {
        if let known = styleNumbers[style] { return known }
        styles.append(style)
        styleNumbers[style] = styles.count - 1
        return styles.count - 1
    }

    mutating func addSheet(_ name: String) -> Int {
        sheets.append(Sheet(name: name.cBytes))
        return sheets.count - 1
    }

    private mutating func fits(_ sheet: Int, _ row: Int, _ column: Int) -> Bool {
        guard row >= 0, row < Self.rowLimit, column >= 0, column < Self.columnLimit else { return false }
        sheets[sheet].rowMin = min(sheets[sheet].rowMin, row)
        sheets[sheet].rowMax = max(sheets[sheet].rowMax, row)
        sheets[sheet].columnMin = min(sheets[sheet].columnMin, column)
        sheets[sheet].columnMax = max(sheets[sheet].columnMax, column)
        return true
    }

    private mutating func insert(_ sheet: Int, _ row: Int, _ column: Int, _ value: Value, _ style: Int?) {
        writes += 1
        sheets[sheet].cells.append(Cell(row: row, column: column, value: value, style: Int32(style ?? -1), order: writes))
    }

    /// A column range's width (in characters) and the format of its cells that have none.
    mutating func setColumns(_ sheet: Int, _ first: Int, _ last: Int, width: Double, style: Int?) {
        let (first, last) = (min(first, last), max(first, last))
        guard first >= 0, last < Self.columnLimit else { return }
        if style != nil {
            // A column with a format counts in the sheet's dimensions; its rows do not.
            sheets[sheet].columnMin = min(sheets[sheet].columnMin, first)
            sheets[sheet].columnMax = max(sheets[sheet].columnMax, last)
        }
        sheets[sheet].columns[first] = Column(last: last, width: width, style: style)
        for column in first...last { sheets[sheet].columnStyles[column] = style }
    }

    /// A string; an empty one is a blank cell when it has a format, else nothing.
    @discardableResult
    mutating func writeString(_ sheet: Int, _ row: Int, _ column: Int, _ string: String, _ style: Int? = nil) -> Bool {
        writeString(sheet, row, column, string.cBytes, style)
    }

    @discardableResult
    private mutating func writeString(_ sheet: Int, _ row: Int, _ column: Int, _ bytes: [UInt8], _ style: Int?) -> Bool {
        if bytes.isEmpty {
            guard let style, fits(sheet, row, column) else { return style == nil }
            insert(sheet, row, column, .blank, style)
            return true
        }
        guard fits(sheet, row, column), Self.characters(bytes) <= Self.stringLimit else { return false }
        stringCount += 1
        let key = ByteKey(bytes)
        let index = stringIndex[key] ?? strings.count
        if index == strings.count {
            strings.append(bytes)
            stringIndex[key] = index
        }
        insert(sheet, row, column, .string(index), style)
        return true
    }

    mutating func writeNumber(_ sheet: Int, _ row: Int, _ column: Int, _ value: Double, _ style: Int?) {
        guard fits(sheet, row, column) else { return }
        insert(sheet, row, column, .number(value), style)
    }

    /// A link to a place in the workbook (`'Sheet'!A1`), showing `display`, in the link style.
    mutating func writeLink(_ sheet: Int, _ row: Int, _ column: Int, to location: String, display: String) {
        guard fits(sheet, row, column) else { return }
        // The place whole: libxlsxwriter took what followed a `#` for an anchor, as in a web
        // address, and a sheet named `Antal per #grupp` got a link to `'Antal per ` (a sheet
        // that is not there).
        let place = location.cBytes
        let shown = display.cBytes
        guard Self.characters(place) <= Self.linkLimit, writeString(sheet, row, column, shown, style(.link)) else { return }
        writes += 1
        sheets[sheet].links.append(Link(row: row, column: column, location: place, display: shown, order: writes))
    }

    /// Marks a range as a table (without filter buttons, stripes or a table style); its
    /// header row gets `headers` in `headerStyle`. A table needs a row below its header, and
    /// headers of at most 255 characters.
    mutating func addTable(_ sheet: Int, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, name: String, headers: [String], headerStyle: Int?) {
        let (firstRow, lastRow) = (min(firstRow, lastRow), max(firstRow, lastRow))
        let (firstColumn, lastColumn) = (min(firstColumn, lastColumn), max(firstColumn, lastColumn))
        guard lastRow < Self.rowLimit, lastColumn < Self.columnLimit, lastRow > firstRow else { return }
        let count = lastColumn - firstColumn + 1
        var names = (0..<count).map { Array("Column\($0 + 1)".utf8) }
        for (i, header) in headers.prefix(count).enumerated() {
            let bytes = header.cBytes
            guard Self.characters(bytes) <= 255 else { return }
            names[i] = bytes
        }
        // Columns without a given header are named `ColumnN`, without the header's format.
        for (i, header) in names.enumerated() { writeString(sheet, firstRow, firstColumn + i, header, i < headers.count ? headerStyle : nil) }
        sheets[sheet].tables.append(Table(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn, name: name.cBytes, headers: names))
    }

    /// Characters as Excel counts them: code points.
    private static func characters(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    // MARK: Writing

    /// The `.xlsx` file. `known`: the parts other workbooks of the build may share.
    func package(known: WorkbookParts? = nil) throws(Compressor.Failure) -> Data {
        var zip = ZipArchive()
        var out = XMLBytes(capacity: 16_384)
        var table = StyleTable(styles)
        let tableCount = sheets.reduce(0) { $0 + $1.tables.count }
        let hasStrings = stringCount > 0

        contentTypes(&out, tables: tableCount, strings: hasStrings)
        try zip.add("[Content_Types].xml", out.bytes, known: known)
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>")
        try zip.add("_rels/.rels", out.bytes, known: known)
        workbookRelationships(&out, strings: hasStrings)
        try zip.add("xl/_rels/workbook.xml.rels", out.bytes, known: known)
        for (i, sheet) in sheets.enumerated() {
            worksheet(&out, sheet, selected: i == 0, styles: &table)
            try zip.add("xl/worksheets/sheet\(i + 1).xml", out.bytes, known: known)
        }
        workbook(&out)
        try zip.add("xl/workbook.xml", out.bytes, known: known)
        var id = 0
        for sheet in sheets {
            for table in sheet.tables {
                id += 1
                self.table(&out, table, id: id)
                try zip.add("xl/tables/table\(id).xml", out.bytes, known: known)
            }
        }
        if hasStrings {
            sharedStrings(&out)
            try zip.add("xl/sharedStrings.xml", out.bytes, known: known)
        }
        zip.add("xl/theme/theme1.xml", try XlsxBook.theme.get())
        table.write(&out)
        try zip.add("xl/styles.xml", out.bytes, known: known)
        id = 0
        for (i, sheet) in sheets.enumerated() where !sheet.tables.isEmpty {
            // A sheet's tables are numbered across the workbook.
            Self.relationships(&out, sheet.tables.indices.map { _ in
                id += 1
                return ("table", "../tables/table\(id).xml")
            })
            try zip.add("xl/worksheets/_rels/sheet\(i + 1).xml.rels", out.bytes, known: known)
        }
        core(&out)
        try zip.add("docProps/core.xml", out.bytes, known: known)
        app(&out)
        try zip.add("docProps/app.xml", out.bytes, known: known)
        return zip.finish()
    }

    /// The theme part, compressed once for the process (it is the same in every workbook).
    private static let theme: Result<ZipArchive.Compressed, Compressor.Failure> = {
        do throws(Compressor.Failure) {
            return .success(try Compressor().compress(Array(XlsxTheme.xml.utf8)))
        } catch {
            return .failure(error)
        }
    }()

    private func contentTypes(_ out: inout XMLBytes, tables: Int, strings: Bool) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        for i in sheets.indices {
            out.raw("<Override PartName=\"/xl/worksheets/sheet")
            out.int(i + 1)
            out.raw(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        for i in 0..<tables {
            out.raw("<Override PartName=\"/xl/tables/table")
            out.int(i + 1)
            out.raw(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml\"/>")
        }
        if strings {
            out.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
        }
        out.raw("</Types>")
    }

    private func workbookRelationships(_ out: inout XMLBytes, strings: Bool) {
        var targets: [(type: StaticString, target: String)] = sheets.indices.map { ("worksheet", "worksheets/sheet\($0 + 1).xml") }
        targets += [("theme", "theme/theme1.xml"), ("styles", "styles.xml")]
        if strings { targets.append(("sharedStrings", "sharedStrings.xml")) }
        Self.relationships(&out, targets)
    }

    /// A relationships part: `rId1`, `rId2`, … to each target, of an officeDocument type.
    private static func relationships(_ out: inout XMLBytes, _ targets: [(type: StaticString, target: String)]) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for (i, (type, target)) in targets.enumerated() {
            out.raw("<Relationship Id=\"rId")
            out.int(i + 1)
            out.raw("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/")
            out.raw(type)
            out.raw("\" Target=\"")
            out.raw(target)
            out.raw("\"/>")
        }
        out.raw("</Relationships>")
    }

    private func worksheet(_ out: inout XMLBytes, _ sheet: Sheet, selected: Bool, styles: inout StyleTable) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><dimension ref=\"")
        let rowsSet = sheet.rowMin != Self.rowLimit, columnsSet = sheet.columnMin != Self.columnLimit
        if !rowsSet && !columnsSet {
            out.raw("A1")
        } else if !rowsSet {
            out.range(0, sheet.columnMin, 0, sheet.columnMax)
        } else {
            out.range(sheet.rowMin, sheet.columnMin, sheet.rowMax, sheet.columnMax)
        }
        out.raw(selected ? "\"/><sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>" : "\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>")
        out.raw("<sheetFormatPr defaultRowHeight=\"15\"/>")
        if !sheet.columns.isEmpty {
            out.raw("<cols>")
            for first in sheet.columns.keys.sorted() {
                let column = sheet.columns[first]!
                out.raw("<col min=\"")
                out.int(first + 1)
                out.raw("\" max=\"")
                out.int(column.last + 1)
                out.raw("\" width=\"")
                out.number(Self.characterWidth(column.width))
                out.raw("\"")
                if let style = column.style, case let index = styles.index(of: style), index != 0 {
                    out.raw(" style=\"")
                    out.int(index)
                    out.raw("\"")
                }
                out.raw(column.width == 8.43 ? "/>" : " customWidth=\"1\"/>")
            }
            out.raw("</cols>")
        }
        let cells = Self.latest(sheet.cells)
        if cells.isEmpty {
            out.raw("<sheetData/>")
        } else {
            out.raw("<sheetData>")
            var start = 0
            var spanBlock = -1
            var spans: (Int, Int) = (0, 0)
            while start < cells.count {
                let row = cells[start].row
                var end = start
                while end < cells.count, cells[end].row == row { end += 1 }
                if row / 16 > spanBlock {
                    // Excel's "spans": the first and last column used in the row's block of 16.
                    spanBlock = row / 16
                    var (low, high) = (Int.max, Int.min)
                    var i = start
                    while i < cells.count, cells[i].row / 16 == spanBlock {
                        low = min(low, cells[i].column)
                        high = max(high, cells[i].column)
                        i += 1
                    }
                    spans = (low, high)
                }
                out.raw("<row r=\"")
                out.int(row + 1)
                out.raw("\" spans=\"")
                out.int(spans.0 + 1)
                out.raw(":")
                out.int(spans.1 + 1)
                out.raw("\">")
                for cell in cells[start..<end] {
                    let style = cell.style >= 0 ? Int(cell.style) : sheet.columnStyles[cell.column]
                    let index = style.map { styles.index(of: $0) } ?? 0
                    out.raw("<c r=\"")
                    out.cell(cell.row, cell.column)
                    if index != 0 {
                        out.raw("\" s=\"")
                        out.int(index)
                    }
                    switch cell.value {
                    case .number(let value):
                        out.raw("\"><v>")
                        out.number(value)
                        out.raw("</v></c>")
                    case .string(let string):
                        out.raw("\" t=\"s\"><v>")
                        out.int(string)
                        out.raw("</v></c>")
                    case .blank:
                        out.raw("\"/>")
                    }
                }
                out.raw("</row>")
                start = end
            }
            out.raw("</sheetData>")
        }
        let links = Self.latest(sheet.links)
        if !links.isEmpty {
            out.raw("<hyperlinks>")
            for link in links {
                out.raw("<hyperlink ref=\"")
                out.cell(link.row, link.column)
                out.raw("\" location=\"")
                out.attribute(link.location)
                out.raw("\" display=\"")
                out.attribute(link.display)
                out.raw("\"/>")
            }
            out.raw("</hyperlinks>")
        }
        out.raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        if !sheet.tables.isEmpty {
            out.raw("<tableParts count=\"")
            out.int(sheet.tables.count)
            out.raw("\">")
            for n in sheet.tables.indices {
                out.raw("<tablePart r:id=\"rId")
                out.int(n + 1)
                out.raw("\"/>")
            }
            out.raw("</tableParts>")
        }
        out.raw("</worksheet>")
    }

    /// A column's width in the file: Excel's width in characters for Calibri 11 (7 pixels a
    /// digit, 5 of padding), rounded to whole pixels and to 1/256 of a character.
    static func characterWidth(_ width: Double) -> Double {
        guard width > 0 else { return width }
        let (digit, padding) = (7.0, 5.0)
        if width < 1 {
            return Double(UInt16(truncatingIfNeeded: Int(Double(UInt16(truncatingIfNeeded: Int(width * (digit + padding) + 0.5))) / digit * 256.0))) / 256.0
        }
        return Double(UInt16(truncatingIfNeeded: Int((Double(UInt16(truncatingIfNeeded: Int(width * digit + 0.5))) + padding) / digit * 256.0))) / 256.0
    }

    /// Cells (or links) in row and column order, the last written where one was written twice.
    private static func latest<Item: Placed>(_ items: [Item]) -> [Item] {
        let sorted = items.sorted { ($0.row, $0.column, $0.order) < ($1.row, $1.column, $1.order) }
        var kept: [Item] = []
        kept.reserveCapacity(sorted.count)
        for item in sorted {
            if let last = kept.last, last.row == item.row, last.column == item.column { kept[kept.count - 1] = item } else { kept.append(item) }
        }
        return kept
    }

    private func workbook(_ out: inout XMLBytes) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/><workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>")
        for (i, sheet) in sheets.enumerated() {
            out.raw("<sheet name=\"")
            out.attribute(sheet.name)
            out.raw("\" sheetId=\"")
            out.int(i + 1)
            out.raw("\" r:id=\"rId")
            out.int(i + 1)
            out.raw("\"/>")
        }
        out.raw("</sheets><calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>")
    }

    private func table(_ out: inout XMLBytes, _ table: Table, id: Int) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"")
        out.int(id)
        out.raw("\" name=\"")
        out.attribute(table.name)
        out.raw("\" displayName=\"")
        out.attribute(table.name)
        out.raw("\" ref=\"")
        out.range(table.firstRow, table.firstColumn, table.lastRow, table.lastColumn)
        out.raw("\" totalsRowShown=\"0\"><tableColumns count=\"")
        out.int(table.headers.count)
        out.raw("\">")
        for (i, header) in table.headers.enumerated() {
            out.raw("<tableColumn id=\"")
            out.int(i + 1)
            out.raw("\" name=\"")
            out.attribute(header)
            out.raw("\"/>")
        }
        out.raw("</tableColumns><tableStyleInfo showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"0\" showColumnStripes=\"0\"/></table>")
    }

    private func sharedStrings(_ out: inout XMLBytes) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
        out.int(stringCount)
        out.raw("\" uniqueCount=\"")
        out.int(strings.count)
        out.raw("\">")
        for string in strings {
            let escaped = Self.controlsEscaped(string)
            let spaced = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")]
            out.raw(spaced.contains(escaped[0]) || spaced.contains(escaped[escaped.count - 1]) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            out.text(escaped)
            out.raw("</t></si>")
        }
        out.raw("</sst>")
    }

    /// Control characters other than tab and line feed as Excel writes them: `_x0001_`.
    private static func controlsEscaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A }) else { return bytes }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 14)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if byte < 0x20, byte != 0x09, byte != 0x0A {
                escaped += Array("_x00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)], UInt8(ascii: "_")]
            } else {
                escaped.append(byte)
            }
        }
        return escaped
    }

    private func core(_ out: inout XMLBytes) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>")
        out.text(title.cBytes)
        out.raw("</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">")
        let date = Self.date(created)
        out.raw(date)
        out.raw("</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">")
        out.raw(date)
        out.raw("</dcterms:modified></cp:coreProperties>")
    }

    /// `2021-03-15T00:00:00Z`, in UTC.
    static func date(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "" }
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, 31, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func app(_ out: inout XMLBytes) {
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>")
        out.int(sheets.count)
        out.raw("</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"")
        out.int(sheets.count)
        out.raw("\" baseType=\"lpstr\">")
        for sheet in sheets {
            out.raw("<vt:lpstr>")
            out.text(sheet.name)
            out.raw("</vt:lpstr>")
        }
        out.raw("</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
    }
}

/// The workbook's styles, numbered as the sheets first use them (index 0 is the default), and
/// their part (`xl/styles.xml`): fonts, number formats and borders each once, in that order.
struct StyleTable {
    /// The book's styles by number, and the index each has in the file once a sheet used it.
    private let styles: [XlsxStyle]
    private var indices: [Int]
    private var index: [XlsxStyle: Int] = [XlsxStyle(): 0]
    private var order: [XlsxStyle] = [XlsxStyle()]

    init(_ styles: [XlsxStyle]) {
        self.styles = styles
        indices = Array(repeating: -1, count: styles.count)
    }

    /// The index in the file of the book's style `number`.
    mutating func index(of number: Int) -> Int {
        if indices[number] >= 0 { return indices[number] }
        let style = styles[number]
        let found: Int
        if let known = index[style] {
            found = known
        } else {
            found = order.count
            index[style] = found
            order.append(style)
        }
        indices[number] = found
        return found
    }

    private struct Font: Hashable {
        var bold: Bool
        var size: Double
        var hyperlink: Bool
    }

    func write(_ out: inout XMLBytes) {
        var fonts: [Font: Int] = [:], fontList: [Font] = []
        var formats: [String: Int] = [:], formatList: [String] = []
        var borders: [Bool: Int] = [:]
        var linkFont: Int?
        var ids: [(font: Int, format: Int, border: Int)] = []
        for style in order {
            let font = Font(bold: style.bold, size: style.fontSize, hyperlink: style.hyperlink)
            let fontID = fonts[font] ?? {
                fonts[font] = fontList.count
                fontList.append(font)
                return fontList.count - 1
            }()
            if style.hyperlink, linkFont == nil { linkFont = fontID }
            var formatID = 0
            if !style.numberFormat.isEmpty {
                formatID = formats[style.numberFormat] ?? {
                    formats[style.numberFormat] = 164 + formatList.count
                    formatList.append(style.numberFormat)
                    return 163 + formatList.count
                }()
            }
            let borderID = borders[style.bottomBorder] ?? {
                borders[style.bottomBorder] = borders.count
                return borders.count - 1
            }()
            ids.append((fontID, formatID, borderID))
        }
        out.reset()
        out.raw(XMLBytes.declaration)
        out.raw("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        if !formatList.isEmpty {
            out.raw("<numFmts count=\"")
            out.int(formatList.count)
            out.raw("\">")
            for (i, code) in formatList.enumerated() {
                out.raw("<numFmt numFmtId=\"")
                out.int(164 + i)
                out.raw("\" formatCode=\"")
                out.attribute(code.cBytes)
                out.raw("\"/>")
            }
            out.raw("</numFmts>")
        }
        out.raw("<fonts count=\"")
        out.int(fontList.count)
        out.raw("\">")
        for font in fontList {
            out.raw("<font>")
            if font.bold { out.raw("<b/>") }
            if font.hyperlink { out.raw("<u/>") }
            out.raw("<sz val=\"")
            out.number(font.size)
            out.raw(font.hyperlink ? "\"/><color theme=\"10\"/>" : "\"/><color theme=\"1\"/>")
            out.raw(font.hyperlink ? "<name val=\"Calibri\"/><family val=\"2\"/></font>" : "<name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>")
        }
        out.raw("</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"")
        out.int(borders.count)
        out.raw("\">")
        for bottom in borders.sorted(by: { $0.value < $1.value }).map(\.key) {
            out.raw(bottom ? "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>" : "<border><left/><right/><top/><bottom/><diagonal/></border>")
        }
        out.raw("</borders>")
        if let linkFont {
            out.raw("<cellStyleXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/><xf numFmtId=\"0\" fontId=\"")
            out.int(linkFont)
            out.raw("\" fillId=\"0\" borderId=\"0\" applyNumberFormat=\"0\" applyFill=\"0\" applyBorder=\"0\" applyAlignment=\"0\" applyProtection=\"0\"><alignment vertical=\"top\"/><protection locked=\"0\"/></xf></cellStyleXfs>")
        } else {
            out.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        }
        out.raw("<cellXfs count=\"")
        out.int(order.count)
        out.raw("\">")
        for (style, id) in zip(order, ids) {
            out.raw("<xf numFmtId=\"")
            out.int(id.format)
            out.raw("\" fontId=\"")
            out.int(id.font)
            out.raw("\" fillId=\"0\" borderId=\"")
            out.int(id.border)
            out.raw(style.hyperlink ? "\" xfId=\"1\"" : "\" xfId=\"0\"")
            if id.format > 0 { out.raw(" applyNumberFormat=\"1\"") }
            if id.font > 0, !style.hyperlink { out.raw(" applyFont=\"1\"") }
            if id.border > 0 { out.raw(" applyBorder=\"1\"") }
            let aligned = style.alignRight || style.alignTop || style.wrap
            if aligned || style.hyperlink { out.raw(" applyAlignment=\"1\"") }
            if style.hyperlink { out.raw(" applyProtection=\"1\"") }
            if aligned {
                out.raw("><alignment")
                if style.alignRight { out.raw(" horizontal=\"right\"") }
                if style.alignTop { out.raw(" vertical=\"top\"") }
                if style.wrap { out.raw(" wrapText=\"1\"") }
                out.raw("/></xf>")
            } else {
                out.raw("/>")
            }
        }
        out.raw("</cellXfs>")
        out.raw(linkFont != nil ? "<cellStyles count=\"2\"><cellStyle name=\"Hyperlink\" xfId=\"1\" builtinId=\"8\"/><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" : "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        out.raw("<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>")
    }
}
