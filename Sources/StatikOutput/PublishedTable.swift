import StatikCore

/// A table a page publishes, as the open-data catalogue lists it (a dataset): its CSV file
/// beside the page (`befolkning.csv`, the figures after disclosure control with their symbols),
/// its caption, and the data tables its query read (whose descriptions say what the catalogue
/// says of it). Kept in the render cache, so that a page kept from the last build is listed too.
package struct PublishedTable: Sendable, Equatable, Hashable {
    /// The CSV file's name beside the page.
    package var file: String
    package var caption: String
    /// The data tables (lower case) the table's query read, directly or through earlier
    /// queries of the page, sorted.
    package var tables: [String]

    package init(file: String, caption: String, tables: [String]) {
        self.file = file
        self.caption = caption
        self.tables = tables
    }

    /// `FILE =TABLE,TABLE CAPTION`: one line of the render cache (after `dataset `).
    var line: String {
        LineEscape.escape(file) + " =" + LineEscape.escape(tables.joined(separator: ",")) + " " + LineEscape.escape(caption)
    }

    init?(line: Substring) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("="), let file = LineEscape.unescape(parts[0]), let tables = LineEscape.unescape(parts[1].dropFirst()),
              let caption = LineEscape.unescape(parts[2]) else { return nil }
        self.init(file: file, caption: caption, tables: tables.isEmpty ? [] : tables.split(separator: ",").map(String.init))
    }
}
