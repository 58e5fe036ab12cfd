import Mustache
import StatikMustache
import StatikTestSupport
import Testing

/// Statik's Mustache must render every template as swift-mustache (which Statik used before)
/// renders it, byte for byte, and refuse the same templates at the same place: the themes
/// people wrote for it keep their pages. Each case is rendered by both and compared.
@Suite struct SameAsSwiftMustacheTests {
    static var data: [String: Any] { [
        "title": "Deltagare & <resultat>", "empty": "", "zero": 0, "count": 7674, "yes": true, "no": false,
        "quote": "\"citat\" och 'apostrof'",
        "page": ["title": "Sida", "url": "/a/", "description": "Om sidan", "isHome": false] as [String: Any],
        "site": ["title": "Statik", "menu": [
            ["title": "Ett", "url": "/1/", "active": true, "children": [["title": "1a", "url": "/1/a/"], ["title": "1b", "url": "/1/b/"]]] as [String: Any],
            ["title": "Två", "url": "/2/", "active": false, "children": [] as [Any]] as [String: Any],
        ]] as [String: Any],
        "list": ["a", "b", "c"], "none": [] as [String], "numbers": [3, 1, 2],
        "nested": ["a": ["b": ["c": "djup"]]] as [String: Any],
        "names": ["sv": "svenska", "en": "engelska"], "partialName": "item",
    ] }

    static let partials: [String: String] = [
        "item": "<li>{{title}}</li>\n",
        "lines": "ett\n{{title}}\ntre\n",
        "menu": "{{#site.menu}}\n  {{> entry}}\n{{/site.menu}}\n",
        "entry": "<a href=\"{{url}}\">{{title}}</a>\n{{#children}}\n  - {{title}}\n{{/children}}\n",
        "base": "<html>\n  {{$head}}<title>Standard</title>{{/head}}\n<body>\n  {{$main}}\n  tom\n  {{/main}}\n</body>\n",
        "inner": "[{{$slot}}inre{{/slot}}]",
    ]

    static let templates: [String] = [
        "Hej {{title}}!", "{{{title}}} {{&title}} {{ title }} {{quote}}", "{{missing}}|{{empty}}|{{zero}}|{{count}}|{{yes}}|{{no}}",
        "{{page.title}} {{page.missing.x}} {{nested.a.b.c}} {{.}}", "{{#page}}{{title}} {{url}}{{/page}}",
        "{{#list}}{{.}},{{/list}}", "{{#list}}{{#first()}}[{{/first()}}{{.}}{{^last()}}, {{/last()}}{{#last()}}]{{/last()}}{{/list}}",
        "{{#list}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/list}}", "{{^none}}inga{{/none}}{{^list}}x{{/list}}",
        "{{#yes}}ja{{/yes}}{{#no}}nej{{/no}}{{^no}}inte{{/no}}{{#empty}}tom{{/empty}}{{#zero}}noll{{/zero}}",
        "{{count(list)}} {{empty(none)}} {{first(list)}} {{last(list)}} {{uppercased(title)}} {{lowercased(page.title)}} {{reversed(page.title)}}",
        "{{#sorted(numbers)}}{{.}}{{/sorted(numbers)}} {{#reversed(list)}}{{.}}{{/reversed(list)}} {{plusone(count)}} {{count(names)}}",
        "{{#sorted(names)}}{{key}}={{value}};{{/sorted(names)}}", "{{capitalized(quote)}}",
        "a\n  {{#list}}\n  - {{.}}\n  {{/list}}\nb\n", "  {{! kommentar }}\nx\n{{!\nflera\nrader\n}}\ny",
        "|\r\n{{#yes}}\r\n{{/yes}}\r\n|", "  {{^no}}\n  inverterad\n  {{/no}}  \nslut", "{{#list}}\n{{.}}\n{{/list}}",
        "x {{#yes}}\ny\n{{/yes}} z\n", "{{=<% %>=}}<% title %> {{title}} <%={{ }}=%>{{title}}", "  {{=| |=}}  \n|title|\n",
        "<ul>\n  {{> item}}\n</ul>", "  {{> lines}}\n", "\t{{> lines}}  \nslut\n", "{{#page}}\n    {{> lines}}\n{{/page}}", "{{> menu}}",
        "{{> missing}}|", "{{<base}}{{$main}}egen{{/main}}{{/base}}", "{{<base}}\n{{$head}}\n<title>Egen</title>\n{{/head}}\n{{/base}}\n",
        "{{<base}}{{/base}}", "A {{<inner}}{{$slot}}ny{{/slot}}{{/inner}} B", "{{$slot}}standard{{/slot}}",
        "{{% CONTENT_TYPE: TEXT }}\n{{title}}", "{{#site.menu}}{{title}}:{{#active}}{{#children}}{{title}} {{/children}}{{/active}};{{/site.menu}}",
        "{{#site}}{{#menu}}{{title}} {{site.title}} {{.title}}|{{/menu}}{{/site}}", "ingen tagg alls\n\n", "{ {title} }", "{{title}} }}",
        "   \n{{#yes}}   \n{{/yes}}   ", "{{#list}}{{#list}}{{.}}{{/list}}/{{/list}}", "{{#page}}{{#site}}{{title}}{{/site}}{{/page}}",
        "{{..}} {{.title}}", "{{#reversed(reversed(list))}}{{.}}{{/reversed(reversed(list))}} {{reversed(reversed(list))}} {{count(reversed(list))}} {{first(reversed(list))}} {{count(names)}} {{empty(names)}}",
        "{{>*partialName}}|{{<*partialName}}{{/*partialName}}|",  "{{#page}}{{.title}} {{..}}{{/page}}", "x{{>item}}y", "{{#nested.a}}{{b.c}}{{/nested.a}}",
    ]

    static let broken: [String] = [
        "{{#a}}", "{{#a}}{{/b}}", "{{/a}}", "{{title", "{{{title}}", "{{=<% =}}", "{{=<%%>=}}", "{{! aldrig slut", "a {",
        "{{% CONTENT_TYPE: XML }}", "{{%fel}}", "{{<base}}{{title}}{{/base}}", "{{$a(b)}}{{/a(b)}}", "{{a(b}}", "{{a)b}}",
        "rad\n  {{#x}}\n{{/y}}", "{{<base}}\n{{title}}\n{{/base}}", "{{#a}}\n{{#b}}\n{{/a}}", "{{ a b }}", "x\r\n{{/q}}",
    ]

    static func theirs(_ text: String, partials: [String: String], data: [String: Any]) throws -> String? {
        var library = MustacheLibrary()
        for (name, partial) in partials { try library.register(MustacheTemplate(string: partial), named: name) }
        try library.register(MustacheTemplate(string: text), named: "t")
        return library.render(data, withTemplate: "t")
    }

    static func ours(_ text: String, partials: [String: String], data: [String: Any]) throws -> String? {
        var library = TemplateLibrary()
        for (name, partial) in partials { try library.register(Template(string: partial), named: name) }
        try library.register(Template(string: text), named: "t")
        return library.render(data, withTemplate: "t")
    }

    @Test(arguments: templates)
    func rendersAsSwiftMustache(_ text: String) throws {
        let data = Self.data  // one dictionary for both: `{{.}}` shows its keys in its order
        let expected = try Self.theirs(text, partials: Self.partials, data: data)
        #expect(try Self.ours(text, partials: Self.partials, data: data) == expected, "\(text.debugDescription)")
    }

    @Test(arguments: broken)
    func refusesWhereSwiftMustacheRefuses(_ text: String) {
        var theirs: (line: Int, column: Int)?
        do { _ = try MustacheTemplate(string: text) } catch let error as MustacheTemplate.ParserError {
            theirs = (error.context.lineNumber, error.context.columnNumber)
        } catch {}
        var ours: (line: Int, column: Int)?
        do { _ = try Template(string: text) } catch { ours = (error.line, error.column) }
        #expect(theirs != nil)
        #expect(ours?.line == theirs?.line && ours?.column == theirs?.column, "\(text.debugDescription): \(String(describing: ours)) \(String(describing: theirs))")
    }

    /// Templates made of random pieces (tags of every kind, spaces, line breaks, text):
    /// the same bytes, or a refusal by both.
    @Test func generatedTemplatesRenderTheSame() throws {
        let atoms = [
            "{{title}}", "{{{quote}}}", "{{& page.title}}", "{{.}}", "{{url}}", "{{> item}}", "{{> lines}}", "{{! c }}",
            "{{count(list)}}", "{{index()}}", " ", "  ", "\t", "\n", "\n", "\r\n", "x", "ö", "{", "}", "<b>",
            "{{=<% %>=}}", "<% title %>", "<%={{ }}=%>", "{{/yes}}",
        ]
        let pairs = [
            ("{{#list}}", "{{/list}}"), ("{{#yes}}", "{{/yes}}"), ("{{^no}}", "{{/no}}"), ("{{#page}}", "{{/page}}"),
            ("{{#site.menu}}", "{{/site.menu}}"), ("{{#first()}}", "{{/first()}}"), ("{{^last()}}", "{{/last()}}"),
            ("{{$slot}}", "{{/slot}}"), ("{{<inner}}", "{{/inner}}"), ("{{<base}}{{$main}}", "{{/main}}{{/base}}"),
            ("  {{#list}}\n", "  {{/list}}\n"), ("{{#children}}\n", "{{/children}}\n"),
        ]
        var generator = SeededGenerator(seed: 20261204)
        func template(depth: Int) -> String {
            (0..<Int(generator.next() % 6 + 1)).map { _ in
                if depth < 3, generator.next() % 3 == 0 {
                    let (open, close) = pairs[Int(generator.next() % UInt64(pairs.count))]
                    // A parent in a block of itself renders forever in both (the block is the outer one).
                    guard depth == 0 || !open.contains("{{<") else { return " " }
                    return open + template(depth: depth + 1) + close
                }
                return atoms[Int(generator.next() % UInt64(atoms.count))]
            }.joined()
        }
        var compared = 0, refused = 0
        let data = Self.data
        for _ in 0..<4000 {
            let text = template(depth: 0)
            let theirs = try? Self.theirs(text, partials: Self.partials, data: data)
            let ours = try? Self.ours(text, partials: Self.partials, data: data)
            #expect(ours == theirs, "\(text.debugDescription)")
            if theirs == nil { refused += 1 } else { compared += 1 }
        }
        #expect(compared > 1500 && refused > 100, "\(compared) rendered, \(refused) refused")
    }
}

