/// Tab-separated values (`.tsv`, `.tab`): what Excel's "Text (tabbavgränsad)" and many
/// statistics databases export. Read as CSV is, with the tab as the only separator, so that a
/// comma or a semicolon in a cell is text.
public struct TabSeparatedFormat: DataFileFormat {
    public init() {}
    public var extensions: [String] { ["tsv", "tab"] }
    public func table(from bytes: [UInt8], textColumns: Set<String>) throws(CSVTable.Problem) -> CSVTable {
        try CSVTable(parsing: bytes, textColumns: textColumns, separator: 0x09)
    }
}
