/// The words of a page's workbook (its cover, contents and notes sheets, the line above each
/// table), in the page's language: the layout of the UK Analysis Function's "Releasing
/// statistics in spreadsheets" (docs/downloads.md).
public struct WorkbookWords: Sendable, Hashable {
    /// The sheets' names (short, as the guidance asks) and titles.
    public var cover, contents, notes: String
    /// A2 of every sheet with a table: what the sheet holds.
    public var oneTable: String
    /// The contents table's and the notes table's headers.
    public var sheetHeader, tableHeader, noteHeader, textHeader: String
    /// `[not 1]`: a note's mark, as the guidance writes shorthand (in square brackets).
    public var noteMark: @Sendable (Int) -> String
    /// The line above a table with notes: where they are.
    public var notesOfTable: @Sendable (String) -> String
    public var noNotes: String
    /// The cover's headings and what they say.
    public var about, aboutText, source, published, updated, nextUpdate, noNextUpdate, contact, webPage, symbols: String
    /// A table the page shows without rows.
    public var noData: String
    /// What a table marked up in the workbook is called (`Tabell_1`: a letter first, no spaces).
    public var tableName: String

    public static func of(_ language: Language) -> WorkbookWords {
        language == .english ? english : swedish
    }

    public static func == (a: WorkbookWords, b: WorkbookWords) -> Bool { a.cover == b.cover && a.aboutText == b.aboutText }
    public func hash(into hasher: inout Hasher) { hasher.combine(cover); hasher.combine(aboutText) }

    public static let swedish = WorkbookWords(
        cover: "Omslag", contents: "Innehåll", notes: "Noter",
        oneTable: "Det här bladet innehåller en tabell.",
        sheetHeader: "Blad", tableHeader: "Tabell", noteHeader: "Not", textHeader: "Text",
        noteMark: { "[not \($0)]" },
        notesOfTable: { "Noter till tabellen (bladet Noter): \($0)" },
        noNotes: "Tabellerna har inga noter.",
        about: "Om filen",
        aboutText: "Tabellerna på webbsidan, en tabell per blad, med uppgifterna så som sidan visar dem. Tal är tal; tecknen x, .. och – är text.",
        source: "Källa", published: "Publicerad", updated: "Uppdaterad", nextUpdate: "Nästa uppdatering",
        noNextUpdate: "Ingen uppdatering är planerad.", contact: "Kontakt", webPage: "Webbsida", symbols: "Teckenförklaring",
        noData: "Uppgifter saknas",
        tableName: "Tabell"
    )

    public static let english = WorkbookWords(
        cover: "Cover", contents: "Contents", notes: "Notes",
        oneTable: "This worksheet contains one table.",
        sheetHeader: "Sheet", tableHeader: "Table", noteHeader: "Note", textHeader: "Text",
        noteMark: { "[note \($0)]" },
        notesOfTable: { "Notes to the table (Notes sheet): \($0)" },
        noNotes: "The tables have no notes.",
        about: "About this file",
        aboutText: "The tables of the web page, one table per sheet, with the figures as the page shows them. Numbers are numbers; the symbols x, .. and – are text.",
        source: "Source", published: "Published", updated: "Updated", nextUpdate: "Next update",
        noNextUpdate: "No update is planned.", contact: "Contact", webPage: "Web page", symbols: "Symbols",
        noData: "No data",
        tableName: "Table"
    )
}
