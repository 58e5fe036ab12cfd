import Foundation
import StatikCore
@testable import StatikContent
@testable import StatikFormat
@testable import StatikRender
import Testing

/// The theme contract: every template is checked against it, and docs/themes.md shows it.
struct ThemeContractTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func check(_ templates: [String: String]) -> [String] {
        ThemeCheck(sources: templates, files: templates.keys.reduce(into: [:]) { $0[$1] = "themes/t/templates/\($1).mustache" }).diagnostics().map { "\($0.location): \($0.message)" }
    }

    @Test func theDefaultThemeUsesOnlyNamesOfTheContract() throws {
        var templates: [String: String] = [:]
        for (path, base64) in DefaultTheme.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            templates[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = String(decoding: Data(base64Encoded: base64)!, as: UTF8.self)
        }
        #expect(templates.count > 5)
        #expect(Self.check(templates) == [])
    }

    @Test func aMisspelledNameIsAnErrorAtItsLineWithTheNearestName() {
        let problems = Self.check(["page": "<h1>{{page.titel}}</h1>\n{{#site.menu}}<a href=\"{{ulr}}\">{{title}}</a>{{#children}}{{titel}}{{/children}}{{/site.menu}}\n{{{page.contnet}}}\n{{pgae.title}}"])
        #expect(problems == [
            "themes/t/templates/page.mustache:1:5: the template uses the name 'page.titel', which a page does not have; did you mean 'page.title'? (docs/themes.md lists the names)",
            "themes/t/templates/page.mustache:2:24: the template uses the name 'ulr', which a page does not have; did you mean 'url'? (docs/themes.md lists the names)",
            "themes/t/templates/page.mustache:2:59: the template uses the name 'titel', which a page does not have; did you mean 'title'? (docs/themes.md lists the names)",
            "themes/t/templates/page.mustache:3:1: the template uses the name 'page.contnet', which a page does not have; did you mean 'page.content'? (docs/themes.md lists the names)",
            "themes/t/templates/page.mustache:4:1: the template uses the name 'pgae.title', which a page does not have; did you mean 'page.title'? (docs/themes.md lists the names)",
        ])
    }

    @Test func namesResolveAsMustacheResolvesThem() {
        // Outer names inside a list, functions of a list's items and of a name, inverted
        // sections, params, comments, blocks and parents.
        let templates = [
            "base": "{{! a comment with {{page.nothing}} }}<title>{{page.title}}</title>{{$main}}{{/main}}",
            "page": "{{<base}}{{$main}}{{#page.breadcrumbs}}{{#first()}}<ol>{{/first()}}<a href=\"{{url}}\" lang=\"{{page.language}}\">{{title}}</a>{{^empty(lang)}}{{lang}}{{/empty(lang)}}{{/page.breadcrumbs}}{{^page.isHome}}{{page.url}}{{/page.isHome}}{{params.anything.at.all}}{{.}}{{/main}}{{/base}}",
        ]
        #expect(Self.check(templates) == [])
    }

    @Test func aPartialIsCheckedWhereItIsIncluded() {
        let templates = [
            "page": "{{#site.footerLinks}}{{> partials/link}}{{/site.footerLinks}}",
            "partials/link": "<a href=\"{{url}}\">{{title}}</a>{{currnet}}",
        ]
        #expect(Self.check(templates) == [
            "themes/t/templates/partials/link.mustache:1:32: the template uses the name 'currnet', which a page does not have (docs/themes.md lists the names)",
        ])
    }

    /// A page's context with every value present: each optional set, each list of one item.
    static func fullContext() -> (site: SiteContext, page: PageContext) {
        let date = ShownDate(PublishDate(epochSeconds: 1_764_547_200), .swedish)
        let entry = ListEntry(title: "Övre Norrland", url: "/regioner/ovre-norrland/", current: true, active: true, more: true)
        let item = DatedItem(title: "Nyhet", url: "/nyheter/a/", date: date, description: "Om nyheten", updated: date)
        let site = SiteContext(
            title: "ESF", language: "sv", baseURL: "https://example.org/", root: "/", edition: "public", isIntranet: false,
            titleSuffix: " – ESF", robots: "noindex", banner: "Intranät", menu: [MenuEntry(entry: entry, open: true, children: [entry])],
            dated: SiteDatedValues(text: DatedWords(UIStrings(.swedish)), calendar: "/kalender/", feed: "/feed.xml", latest: [item]),
            footer: "Försäkringskassan", search: "/sok/", footerLinks: [PageLink(title: "Om", url: "/om/", description: "Om webbplatsen")]
        )
        let dated = PageDatedValues(
            published: date, updated: date, nextUpdate: date, corrections: [ShownCorrection(date: date, note: "Rättat")],
            revisions: [ShownRevision(table: "Deltagare", row: "2020", column: "Kvinnor", old: "100", new: "110", nowWithheld: false, from: date, to: date)],
            versions: [VersionLink(date: date, url: "/regioner/ovre-norrland/versioner/2022-01-31/")],
            version: VersionValues(date: date, current: "/regioner/ovre-norrland/", canonical: "https://example.org/regioner/ovre-norrland/",
                                   tables: [VersionValues.Table(caption: "Deltagare", columns: ["År"], rows: [VersionValues.Row(cells: [VersionValues.Cell(text: "2020"), VersionValues.Cell(text: "x")])])]),
            draft: "Utkast", scheduled: "Publiceras", listing: ListingValues(
                items: [item], feed: "/nyheter/feed.xml", number: 1, count: 2,
                pages: [ListingValues.PageNumber(number: 1, url: "/nyheter/", current: true)], newer: "/nyheter/", older: "/nyheter/sida/2/"
            ),
            searchIndex: [IndexLetter(letter: "Ö", entries: [IndexLetter.Entry(title: "Tabell", url: "/a/#t", onPage: "Övre Norrland")])],
            filterChoices: [FilterChoice(name: "Region", values: ["Övre Norrland"])],
            calendar: CalendarValues(entries: [CalendarValues.Entry(title: "Deltagare", url: "/esf/deltagare/", date: date)], ics: "/kalender.ics")
        )
        let page = PageContext(
            title: "Övre Norrland", url: "/regioner/ovre-norrland/", address: "https://example.org/regioner/ovre-norrland/", content: "<p>x</p>",
            description: "Regionen", breadcrumbs: [Crumb(title: "Start", url: "/", lang: "en")], isHome: false, switcher: "Fler regioner",
            language: "sv", siteLanguage: "en", text: PageWords(.swedish),
            translations: [Translation(language: "en", name: "English", url: "/en/", title: "Upper Norrland")], sourcePath: "content/regioner/region.md",
            searchFilters: [SearchFilter(name: "Region", value: "Övre Norrland")],
            dated: dated, children: { [PageLink(title: "PO 1", url: "/po1/", description: "Programområde 1")] }, siblings: { [entry] }
        )
        return (site, page)
    }

    /// Every name below `value` as a path (`page.breadcrumbs[].title`).
    static func names(in value: Any, path: String) -> Set<String> {
        switch value {
        case let object as TemplateObject:
            return object.values.reduce(into: []) { $0.insert(path + "." + $1.key); $0.formUnion(names(in: $1.value, path: path + "." + $1.key)) }
        case let object as any TemplateValue:
            return object.templateNames.reduce(into: []) { names, name in
                guard let child = object.child(named: name) else { return }
                names.insert(path + "." + name)
                names.formUnion(Self.names(in: child, path: path + "." + name))
            }
        case let object as LazyContext:
            return object.dictionary.reduce(into: []) { $0.insert(path + "." + $1.key); $0.formUnion(names(in: $1.value, path: path + "." + $1.key)) }
        case let list as [Any]:
            return list.reduce(into: []) { $0.formUnion(names(in: $1, path: path + "[]")) }
        default:
            return []
        }
    }

    static func declared(_ name: ThemeName, path: String) -> Set<String> {
        let full = path + "." + name.name, below = name.kind == .list ? full + "[]" : full
        return name.fields.reduce(into: [full]) { $0.formUnion(declared($1, path: below)) }
    }

    /// No value of the sample is absent, so every name the projection can give is given.
    static func absences(in value: Any, path: String) -> [String] {
        Mirror(reflecting: value).children.flatMap { child -> [String] in
            let here = path + "." + (child.label ?? "?")
            if case Optional<Any>.none = child.value as Any? { return [] }
            let inner = Mirror(reflecting: child.value)
            if inner.displayStyle == .optional { return inner.children.isEmpty ? [here] : absences(in: inner.children.first!.value, path: here) }
            if inner.displayStyle == .collection { return inner.children.isEmpty ? [here] : inner.children.flatMap { absences(in: $0.value, path: here + "[]") } }
            return absences(in: child.value, path: here)
        }
    }

    @Test func theProjectionGivesExactlyTheNamesOfTheContract() {
        let (site, page) = Self.fullContext()
        #expect(Self.absences(in: site, path: "site") == [])
        #expect(Self.absences(in: page, path: "page") == [])
        let given = Self.names(in: ThemeProjection.context(site: site, page: page, params: ["region": "SE33"]), path: "")
        var contract: Set<String> = []
        for name in ThemeContract.root { contract.formUnion(Self.declared(name, path: "")) }
        // `params` holds any names: the page's own.
        let declaredNotGiven = contract.subtracting(given).sorted(), givenNotDeclared = given.subtracting(contract).filter { !$0.hasPrefix(".params.") }.sorted()
        #expect(declaredNotGiven == [], "in ThemeContract, never given by ThemeProjection")
        #expect(givenNotDeclared == [], "given by ThemeProjection, missing from ThemeContract")
    }

    @Test func docsThemesShowsTheContract() throws {
        let file = Self.repository.appendingPathComponent("docs/themes.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let open = "<!-- theme-contract -->\n", close = "<!-- /theme-contract -->"
        let start = try #require(text.range(of: open)), end = try #require(text.range(of: close))
        let expected = "\n" + ThemeContract.markdownTable() + "\n"
        if ProcessInfo.processInfo.environment["STATIK_RECORD"] == "1" {
            try (String(text[..<start.upperBound]) + expected + String(text[end.lowerBound...])).write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(String(text[start.upperBound..<end.lowerBound]) == expected, "docs/themes.md's table differs from ThemeContract (STATIK_RECORD=1 writes it anew)")
    }
}
