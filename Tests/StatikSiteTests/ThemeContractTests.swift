import Foundation
import StatikCore
@testable import StatikRender
import Testing

/// The theme contract: every template is checked against it, and docs/themes.md shows it.
struct ThemeContractTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func check(_ templates: [String: String]) -> [String] {
        ThemeCheck(sources: templates, folder: "themes/t").diagnostics().map { "\($0.location): \($0.message)" }
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
