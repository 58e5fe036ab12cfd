/// What a theme's templates are given, declared once: every name the renderer puts in a page's
/// context (Site.renderPage, DatedContent, SiteMap, PageLanguages), with its kind and meaning.
/// `statik build` checks every template against it (ThemeCheck: a name outside it is an error
/// at its line, with the nearest name), `ThemeContractTests` keeps it equal to what a page is
/// really given, and docs/themes.md's table of template variables is made from it.
package struct ThemeName: Sendable {
    package enum Kind: String, Sendable {
        case text, html, flag, number, object, list
        /// Any name at all below it (`params`: the page's own parameters).
        case anyNames = "any names"
    }

    package var name: String
    package var kind: Kind
    package var meaning: String
    /// The names of an object, or of each item of a list.
    package var fields: [ThemeName] = []

    init(_ name: String, _ kind: Kind, _ meaning: String, _ fields: [ThemeName] = []) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
        self.fields = fields
    }

    package func field(_ name: String) -> ThemeName? { fields.first { $0.name == name } }
}

package enum ThemeContract {
    private static func date(_ name: String, _ meaning: String) -> ThemeName {
        ThemeName(name, .object, meaning, [ThemeName("iso", .text, "the date as `2026-12-01`"), ThemeName("text", .text, "the date in the page's language")])
    }

    private static let datedItem: [ThemeName] = [
        ThemeName("title", .text, "the page's title"), ThemeName("url", .text, "its address"),
        ThemeName("iso", .text, "its date as `2026-12-01`"), ThemeName("text", .text, "its date in words"),
        ThemeName("description", .text, "its description, if it has one"), date("updated", "when it was updated, if it was"),
    ]

    private static let menuEntry: [ThemeName] = [
        ThemeName("title", .text, "the entry's title (`menu:` of the page, else its title)"), ThemeName("url", .text, "its address"),
        ThemeName("current", .flag, "the entry is this page"), ThemeName("active", .flag, "this page is the entry or below it"),
        ThemeName("more", .flag, "the link to a page listing all of a long list's pages"),
    ]

    /// The words of a page in its language (`page.text`).
    private static let pageWords: [ThemeName] = [
        ("published", "Publicerad / Published"), ("updated", "Uppdaterad / Updated"), ("nextUpdate", "Nästa uppdatering / Next update"),
        ("correction", "Rättelse / Correction"), ("skipToContent", "the skip link"), ("menu", "the menu button"),
        ("mainMenu", "the main menu's label"), ("breadcrumbs", "the breadcrumbs' label"), ("search", "the search box's label and button"),
        ("allPagesAZ", "the A–Ö index's heading"), ("contents", "the start page's heading over the sections"),
        ("inThisSection", "a section's heading over its pages"), ("tableOnPage", "in the A–Ö index: a table, on the page …"),
        ("pageAddress", "on a printed page: before its address"), ("searching", "the search page's script: while it searches"),
        ("resultsFound", "… its count of the pages found for the words (`{n}`, `{q}`)"), ("resultFound", "… the same for one page (`{q}`)"),
        ("noResults", "… when no page holds the words (`{q}`)"), ("similarResults", "… over the pages with similar words, counted apart (`{n}`)"),
        ("moreResults", "… its button that shows more results"), ("searchUnavailable", "… when the search index cannot be loaded"),
        ("filterAll", "a search filter's choice that narrows nothing (`Alla`)"),
        ("revised", "Reviderade uppgifter / Revised figures"), ("previousVersion", "before a previous version's link and on its page: Sidans tabeller som de publicerades / The page's tables as published"),
        ("superseded", "on a previous version, before the link to the current page"), ("nowWithheld", "of a revised figure withheld now: redovisas inte längre / no longer published"),
    ].map { ThemeName($0.0, .text, $0.1) }

    /// The words of the dated lists and the calendar, in the site's language (`site.dated.text`).
    private static let datedWords: [ThemeName] = [
        ("published", "Publicerad / Published"), ("updated", "Uppdaterad / Updated"), ("nextUpdate", "Nästa uppdatering / Next update"),
        ("correction", "Rättelse / Correction"), ("calendar", "the release calendar's title"),
        ("noPlannedUpdates", "the calendar's text when nothing is planned"), ("subscribe", "the link to the calendar file"),
        ("feed", "the link to a feed"), ("newer", "a dated list's link to newer pages"), ("older", "its link to older pages"),
        ("page", "the label of a dated list's page numbers"), ("latest", "the heading over the newest pages"),
        ("notFound", "the 404 page's text"), ("toStart", "the 404 page's link to the start page"),
    ].map { ThemeName($0.0, .text, $0.1) }

    package static let site = ThemeName("site", .object, "the site, the same on every page", [
        ThemeName("title", .text, "`title:` of statik.yml"),
        ThemeName("language", .text, "`language:` of statik.yml"),
        ThemeName("baseURL", .text, "`base_url:` of statik.yml"),
        ThemeName("root", .text, "the path of the site's root, ending in `/`: the start of every address"),
        ThemeName("edition", .text, "`public` or `intranet`"),
        ThemeName("isIntranet", .flag, "the intranet edition"),
        ThemeName("titleSuffix", .text, "`title_suffix:` of statik.yml"),
        ThemeName("robots", .text, "`<meta name=\"robots\">`'s content, or empty"),
        ThemeName("banner", .text, "the edition's banner, or empty"),
        ThemeName("menu", .list, "the main menu's entries (`children`: the open entry's pages)", menuEntry + [
            ThemeName("open", .flag, "the menu lists the entry's pages here: it is active, or its page sets `menu_children: true`"),
            ThemeName("children", .list, "the entry's pages", menuEntry),
        ]),
        ThemeName("dated", .object, "the dated lists and the release calendar", [
            ThemeName("text", .object, "their words, in the site's language", datedWords),
            ThemeName("calendar", .text, "the release calendar's address, when the site has one"),
            ThemeName("feed", .text, "the site's feed, when it has a dated list"),
            ThemeName("latest", .list, "the newest pages of the dated lists", datedItem),
        ]),
        ThemeName("footer", .text, "`footer:` of statik.yml, else the title"),
        ThemeName("search", .text, "the search page's address, or empty"),
        ThemeName("footerLinks", .list, "pages with `footer: true`", [
            ThemeName("title", .text, "its title"), ThemeName("url", .text, "its address"), ThemeName("description", .text, "its description, if it has one"),
        ]),
    ])

    package static let page = ThemeName("page", .object, "the page being rendered", [
        ThemeName("title", .text, "its title"),
        ThemeName("url", .text, "its address"),
        ThemeName("address", .text, "its full address (`baseURL:` and its path), as a printout gives it"),
        ThemeName("content", .html, "its body as HTML: `{{{page.content}}}`"),
        ThemeName("description", .text, "`description:`, if it has one"),
        ThemeName("breadcrumbs", .list, "the pages above it, from the start page", [
            ThemeName("title", .text, "the page's title"), ThemeName("url", .text, "its address"),
            ThemeName("lang", .text, "its language when it differs from this page's, else empty"),
        ]),
        ThemeName("isHome", .flag, "the start page"),
        ThemeName("switcher", .text, "the heading over the pages made from the same file"),
        ThemeName("language", .text, "its language (`sv`, `en`)"),
        ThemeName("siteLanguage", .text, "the site's language when the page is in another, else empty"),
        ThemeName("text", .object, "Statik's words, in the page's language", pageWords),
        ThemeName("translations", .list, "the same page in other languages", [
            ThemeName("language", .text, "its language"), ThemeName("name", .text, "the language's own name"),
            ThemeName("url", .text, "its address"), ThemeName("title", .text, "its title"),
        ]),
        ThemeName("sourcePath", .text, "the file it is made from (`content/…`)"),
        ThemeName("searchFilters", .list, "`search_filters:`: what the site's search can be narrowed by, in order of name", [
            ThemeName("name", .text, "the filter's name (`Region`)"), ThemeName("value", .text, "this page's value (`Övre Norrland`)"),
        ]),
        ThemeName("children", .list, "a section's pages", [
            ThemeName("title", .text, "the page's title"), ThemeName("url", .text, "its address"), ThemeName("description", .text, "its description, if any"),
        ]),
        ThemeName("siblings", .list, "the pages made from the same file as this one", [
            ThemeName("title", .text, "the page's title"), ThemeName("url", .text, "its address"), ThemeName("current", .flag, "it is this page"),
            ThemeName("active", .flag, "it is this page (as in the menu)"),
            ThemeName("more", .flag, "the link to the page listing them all, when the list is long"),
        ]),
        date("published", "`date:`, if set"),
        date("updated", "`updated:`, if set"),
        date("nextUpdate", "`next_update:`, while it is still to come"),
        ThemeName("hasDates", .flag, "any of the three dates is shown"),
        ThemeName("corrections", .list, "its corrections and those of the data files it reads, newest first", [
            ThemeName("iso", .text, "the date as `2026-12-01`"), ThemeName("text", .text, "the date in words"), ThemeName("note", .text, "what was corrected"),
        ]),
        ThemeName("revisions", .list, "its figures revised since a release record (docs/releases.md), oldest first", [
            ThemeName("table", .text, "the table's caption"), ThemeName("row", .text, "the row's heading"), ThemeName("column", .text, "the column's heading"),
            ThemeName("old", .text, "the figure as published then (`x` when it is withheld now)"), ThemeName("new", .text, "the figure now"),
            ThemeName("nowWithheld", .flag, "the figure is withheld now: show no number for it"),
            date("from", "the release record the old figure is from"), date("to", "the release of the new figure, when one is stated"),
        ]),
        ThemeName("hasRevisions", .flag, "any figure is revised"),
        ThemeName("versions", .list, "its previous versions (`PAGE/versioner/DATE/`), newest first", [
            date("date", "the release record's date"), ThemeName("url", .text, "the previous version's address"),
        ]),
        ThemeName("version", .object, "on a previous version's page (the `version` template): the page's tables as a release record holds them; there the page's dates and corrections are empty (its date is the record's)", [
            date("date", "the release record's date"), ThemeName("current", .text, "the current page's address"),
            ThemeName("canonical", .text, "the current page's full address (`<link rel=\"canonical\">`)"),
            ThemeName("tables", .list, "the tables", [
                ThemeName("caption", .text, "the caption"), ThemeName("columns", .list, "the columns' headings"),
                ThemeName("rows", .list, "the rows", [
                    ThemeName("cells", .list, "the row's cells, its heading first", [
                        ThemeName("text", .text, "the figure (or the row's heading) as published; `x` when it is withheld then or later"),
                        ThemeName("withheld", .flag, "the figure is withheld (`x`): the table block's `statik-withheld` class"),
                    ]),
                ]),
            ]),
        ]),
        ThemeName("draft", .text, "the banner of a draft (a review build)"),
        ThemeName("scheduled", .text, "the banner of a page still to be released (a review build)"),
        ThemeName("listing", .object, "a dated list's page (`listing: true`)", [
            ThemeName("items", .list, "the list's pages on this page", datedItem),
            ThemeName("feed", .text, "the list's feed"),
            ThemeName("number", .number, "this page's number"),
            ThemeName("count", .number, "how many pages the list has"),
            ThemeName("pages", .list, "every page of the list, when there is more than one", [
                ThemeName("number", .number, "its number"), ThemeName("url", .text, "its address"), ThemeName("current", .flag, "it is this page"),
            ]),
            ThemeName("newer", .text, "the address of the newer page, if any"),
            ThemeName("older", .text, "the address of the older page, if any"),
        ]),
        ThemeName("searchIndex", .list, "on the search page: the A–Ö index, by letter", [
            ThemeName("letter", .text, "the letter"),
            ThemeName("entries", .list, "its pages and tables", [
                ThemeName("title", .text, "the page's or table's title"), ThemeName("url", .text, "its address"),
                ThemeName("onPage", .text, "for a table: the page it is on"),
            ]),
        ]),
        ThemeName("filterChoices", .list, "on the search page: what the search can be narrowed by", [
            ThemeName("name", .text, "the filter's name"), ThemeName("values", .list, "every value the site's pages give it, in Swedish order: `{{.}}`"),
        ]),
        ThemeName("calendar", .object, "on the release calendar's page", [
            ThemeName("entries", .list, "the planned releases, soonest first", [
                ThemeName("title", .text, "the page"), ThemeName("url", .text, "its address, once the page is released"),
                ThemeName("linked", .flag, "the page is released (a page still to come is announced without a link)"),
                ThemeName("iso", .text, "the date as `2026-12-01`"), ThemeName("text", .text, "the date in words"),
            ]),
            ThemeName("ics", .text, "the calendar file's address"),
        ]),
    ])

    package static let params = ThemeName("params", .anyNames, "the page's parameters (`params:`, and a row's values on a page made from one)")

    /// The names at the top of every page's context.
    package static let root: [ThemeName] = [site, page, params]

    /// The table of docs/themes.md: one row a name, with its path.
    package static func markdownTable() -> String {
        var lines = ["| name | kind | what it is |", "| --- | --- | --- |"]
        func add(_ name: ThemeName, path: String) {
            let full = path.isEmpty ? name.name : path + "." + name.name
            let shown = name.kind == .list ? full + "[]" : full
            lines.append("| `\(shown)` | \(name.kind.rawValue) | \(name.meaning) |")
            for field in name.fields { add(field, path: name.kind == .list ? full + "[]" : full) }
        }
        for name in root { add(name, path: "") }
        return lines.joined(separator: "\n") + "\n"
    }
}
