/// A kind of file in `content/data/` that becomes a table: the endings of its names and how its
/// bytes are read. The formats are those in `DataFileFormats.all`; a new one is a file with its
/// type and one line there — the content tree, the data set and the database take any of them.
public protocol DataFileFormat: Sendable {
    /// The endings of its files' names, lower-case, without the dot (`csv`).
    var extensions: [String] { get }
    /// The file's table. `textColumns`: the lower-case names of the columns its description
    /// declares text, which are never read as numbers.
    func table(from bytes: [UInt8], textColumns: Set<String>) throws(CSVTable.Problem) -> CSVTable
}

/// The data file formats Statik reads, and which one a file is in.
public enum DataFileFormats {
    public static let all: [any DataFileFormat] = [CSVFormat(), TabSeparatedFormat()]

    /// The format of `file` by the ending of its name (in any case), nil when it is not a
    /// data file.
    public static func format(of file: String) -> (any DataFileFormat)? {
        guard let ending = ending(of: file) else { return nil }
        return all.first { $0.extensions.contains(ending) }
    }

    /// `deltagare-po.csv` → `deltagare-po`: the name without a data file's ending (unchanged
    /// when it has none).
    public static func stem(of file: String) -> String {
        guard let ending = ending(of: file), format(of: file) != nil else { return file }
        return String(file.dropLast(ending.count + 1))
    }

    /// Every ending a data file may have, with its dot (`.csv`), for messages.
    public static var endings: [String] { all.flatMap(\.extensions).map { "." + $0 } }

    private static func ending(of file: String) -> String? {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }
}

/// Comma- or semicolon-separated values (`.csv`), the separator the one the header row uses
/// (a tab-separated file saved as `.csv` is read too).
public struct CSVFormat: DataFileFormat {
    public init() {}
    public var extensions: [String] { ["csv"] }
    public func table(from bytes: [UInt8], textColumns: Set<String>) throws(CSVTable.Problem) -> CSVTable {
        try CSVTable(parsing: bytes, textColumns: textColumns)
    }
}
