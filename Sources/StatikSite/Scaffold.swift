public import Foundation
public import StatikCore
import StatikContent
import StatikFormat
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender

/// `statik new`: a working site or page to start from, never an empty folder.
public enum Scaffold {
    /// Why nothing (or not all) was written: a message naming the path and what to do, in the
    /// writer's language.
    public struct Problem: Error, CustomStringConvertible {
        public var message: Message
        public init(_ message: Message) { self.message = message }
        public var description: String { message.text(.english) }
    }

    /// Writes a small working site into `directory`: settings, a page with a query, a table
    /// and a chart, a page of its own, a CSV file, and a theme of the site's that extends the
    /// built-in one with what a site usually changes (its footer, the colours and fonts of
    /// variables.css). Answers the files written. A file that is there is never written over:
    /// the folder must be new or empty.
    @discardableResult
    public static func site(at directory: URL) throws(Problem) -> [String] {
        let root = directory.path
        var info = stat()
        if stat(root, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw Problem(Message(.newSiteIsAFile, root)) }
            guard let existing = folderNames(root) else { throw Problem(Message(.couldNotReadFolder, root, SystemReason.last)) }
            if existing.contains(where: { !$0.hasPrefix(".") }) { throw Problem(Message(.newSiteFolderNotEmpty, root)) }
        }
        var files = starter
        // The built-in theme's own files, to change: they replace those of the built-in theme.
        for (path, note) in overrides {
            let builtIn = Data(base64Encoded: DefaultTheme.files[path] ?? "") ?? Data()
            files["\(siteTheme)/\(path)"] = Data(note.utf8) + builtIn
        }
        for path in files.keys.sorted() {
            let target = root + "/" + path
            try makeFolders((target as NSString).deletingLastPathComponent)
            try writeNew(files[path]!, to: target)
        }
        return files.keys.sorted()
    }

    /// Writes a page with front matter at `path` below `content/` of the site in `directory`
    /// (`esf/ny-sida` → `content/esf/ny-sida.md`). Answers the file written. In a dated list
    /// (its section's `index.md` says `listing:`) the page gets `date:`, the day of `now`
    /// (seconds since 1970; the build's "now": `--now`, `SOURCE_DATE_EPOCH` or the clock) in UTC.
    @discardableResult
    public static func page(_ path: String, in directory: URL, title: String? = nil, now: Int64? = nil) throws(Problem) -> String {
        var relative = path
        if relative.hasPrefix("content/") { relative.removeFirst("content/".count) }
        if relative.hasSuffix(".md") { relative.removeLast(3) }
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
            throw Problem(Message(.newPageNotAPath, path))
        }
        let segments = parts.map { ContentTree.isBracketed($0) ? $0 : ContentTree.urlSegment($0) }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("statik.yml").path) else {
            throw Problem(Message(.newPageNoSettings, directory.path))
        }
        let file = "content/" + segments.joined(separator: "/") + ".md"
        let target = directory.path + "/" + file
        var info = stat()
        guard lstat(target, &info) != 0 else { throw Problem(Message(.newPageExists, file)) }
        let name = title ?? parts.last!.replacingOccurrences(of: "-", with: " ").capitalizedFirst
        let dated = isDatedList(directory.path + "/content/" + segments.dropLast().joined(separator: "/"))
        let date = dated ? "date: \(PublishDate(epochSeconds: now ?? BuildOptions(source: directory).resolvedNow).dayISO)\n" : ""
        let text = """
        ---
        title: "\(name.replacingOccurrences(of: "\"", with: "\\\""))"
        description: \(placeholderDescription)
        \(date)---
        \(placeholderText) En fråga mot data skrivs i ett block som börjar med ```sql NAMN,
        och visas som tabell med ett block som börjar med ```table NAMN.

        """
        try makeFolders((target as NSString).deletingLastPathComponent)
        try writeNew(Data(text.utf8), to: target)
        return file
    }

    /// Whether the section in `folder` is a dated list: its `index.md` says `listing:`.
    private static func isDatedList(_ folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/index.md") else { return false }
        var ignored: [Diagnostic] = []
        let (matter, _, _) = FrontMatter.split(String(decoding: data, as: UTF8.self), file: "index.md", diagnostics: &ignored)
        return matter.publishing.isDatedList
    }

    private static func makeFolders(_ path: String) throws(Problem) {
        do { try SystemFiles.makeFolders(path) } catch { throw Problem(error.message) }
    }

    /// A file that is not there yet (one that appeared meanwhile is left as it is, and named).
    private static func writeNew(_ data: Data, to path: String) throws(Problem) {
        do { try SystemFiles.write(data, to: path, new: true) } catch { throw Problem(error.message) }
    }

    /// What `statik new page` writes for the writer to replace: a build warns while it is there
    /// (so `--strict` fails), and the page stays out of the menu until then.
    static let placeholderDescription = "En mening om vad sidan visar."
    static let placeholderText = "Skriv sidans text här."

    /// The site's theme: it extends the built-in theme (`themes/webbplats/theme.yml`).
    static let siteTheme = "themes/webbplats"

    /// The files of the built-in theme a new site has a copy of, each with a first line that
    /// says what it is.
    static let overrides: [(path: String, note: String)] = [
        ("templates/partials/footer.mustache", "{{! Webbplatsens sidfot: den ersätter det inbyggda temats (statik:templates/partials/footer.mustache). }}\n"),
        ("static/css/variables.css", "/* Webbplatsens färger, typsnitt och mått: filen ersätter det inbyggda temats (statik:static/css/variables.css) helt. */\n"),
    ]

    static let starter: [String: Data] = [
        "statik.yml": Data("""
        title: Min statistikwebbplats
        baseURL: https://www.example.se/
        language: sv
        theme: webbplats
        suppress_below: 5
        footer: Min statistikwebbplats
        editions:
          intranet:
            baseURL: https://intranat.example.se/
            output: public-intranet
            banner: Intern version – får inte publiceras externt

        """.utf8),
        "themes/webbplats/theme.yml": Data("""
        # Temat bygger på det inbyggda temat statik: en fil här ersätter filen med samma sökväg
        # där (statik theme visar vilka). Se docs/themes.md.
        extends: statik

        """.utf8),
        "content/om-statistiken.md": Data("""
        ---
        title: Om statistiken
        description: Var siffrorna kommer ifrån och hur de räknas.
        footer: true
        ---
        Skriv här var siffrorna kommer ifrån, hur de räknas och vem läsarna kan fråga.
        Sidan länkas från sidfoten (footer: true).

        """.utf8),
        "content/data/deltagare.csv": Data("""
        ar,kvinnor,man
        2019,120,98
        2020,131,104
        2021,140,117

        """.utf8),
        "content/index.md": Data("""
        ---
        title: Deltagare per år
        description: Ett exempel på en sida med en fråga, en tabell och ett diagram.
        ---
        Det här är en exempelsida. Siffrorna är påhittade exempeldata i
        content/data/deltagare.csv: byt ut dem mot era egna.

        År {{ senaste.ar }} deltog {{ senaste.totalt }} personer, varav {{ senaste.andel_kvinnor | procent }} kvinnor.

        ```sql per_ar
        SELECT ar, kvinnor, man, kvinnor + man AS totalt FROM deltagare ORDER BY ar
        ```

        ```sql senaste
        SELECT ar, totalt, 100.0 * kvinnor / totalt AS andel_kvinnor FROM per_ar ORDER BY ar DESC LIMIT 1
        ```

        ## Fler kvinnor än män varje år

        ```table per_ar
        caption: Tabell 1. Deltagare per år och kön
        columns: {ar: År, kvinnor: Kvinnor, man: Män, totalt: Totalt}
        source: Exempeldata
        ```

        ```chart per_ar
        type: bar
        x: ar
        y: [kvinnor, man]
        title: Deltagare per år och kön
        source: Exempeldata
        ```

        """.utf8),
    ]
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
