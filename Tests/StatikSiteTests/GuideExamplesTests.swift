import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// The writers' guide (`content/skriva/`) shows each example twice: as source in a ````markdown
/// fence (four or more backticks, info string `markdown`), then the same text live, so that the
/// example site's build runs it. These tests hold the guide to that convention, so an example
/// cannot show one thing while the page builds another, and a `markdown` fence cannot be left
/// without its live copy. That the live copies build is checked by building the site here (and
/// by every strict build of the intranet edition).
@Suite struct GuideExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let guideFolder = "content/skriva"

    /// The guide's pages: every `.md` file in `content/skriva/`, as (path from the repository, text).
    static func guidePages() throws -> [(path: String, text: String)] {
        let folder = repository.appendingPathComponent(guideFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        return try names.map { name in
            ("\(guideFolder)/\(name)", try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    struct Example {
        var line: Int          // 1-based line of the opening fence
        var body: [String]     // the lines between the fences
        var after: Int         // index of the first line after the closing fence
    }

    /// Every fenced block whose info string is `markdown` and whose fence is four or more
    /// backticks, found at the top level of the page (a fence inside another fence is text).
    static func examples(in lines: [String]) -> [Example] {
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            guard let fence = opening(lines[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.count, !closes(lines[end], fence: fence) { end += 1 }
            if fence.character == "`", fence.count >= 4, fence.info == "markdown" {
                examples.append(Example(line: index + 1, body: Array(lines[(index + 1)..<min(end, lines.count)]), after: end + 1))
            }
            index = end + 1
        }
        return examples
    }

    struct Fence {
        var character: Character
        var count: Int
        var info: String
    }

    static func opening(_ line: String) -> Fence? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let count = rest.prefix { $0 == first }.count
        guard count >= 3 else { return nil }
        let info = rest.dropFirst(count).trimmingCharacters(in: .whitespaces)
        if first == "`", info.contains("`") { return nil }  // an inline code span, not a fence
        return Fence(character: first, count: count, info: info)
    }

    static func closes(_ line: String, fence: Fence) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= fence.count && trimmed.allSatisfy { $0 == fence.character } && line.prefix { $0 == " " }.count <= 3
    }

    /// The front matter's lines (between the first two `---` lines).
    static func frontMatter(of text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return [] }
        return Array(lines[1..<end])
    }

    @Test func theGuideHasPagesAndExamples() throws {
        let pages = try Self.guidePages()
        #expect(pages.contains { $0.path == "\(Self.guideFolder)/index.md" })
        #expect(pages.count >= 5)
        let all = pages.flatMap { Self.examples(in: $0.text.components(separatedBy: "\n")) }
        #expect(all.count >= 15, "the guide shows its examples in ````markdown fences")
    }

    /// Each ````markdown example is followed, after blank lines only, by exactly its own text.
    @Test func everyExampleIsFollowedByItsLiveCopy() throws {
        for page in try Self.guidePages() {
            let lines = page.text.components(separatedBy: "\n")
            for example in Self.examples(in: lines) {
                #expect(!example.body.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(page.path):\(example.line): an empty example")
                var start = example.after
                while start < lines.count, lines[start].trimmingCharacters(in: .whitespaces).isEmpty { start += 1 }
                let live = Array(lines[min(start, lines.count)..<min(start + example.body.count, lines.count)])
                #expect(live == example.body, "\(page.path):\(example.line): the ````markdown example is not followed by the same text, live; write it again right below the fence")
            }
        }
    }

    /// The guide is staff documentation: every page of it is intranet-only.
    @Test func theGuideIsIntranetOnly() throws {
        for page in try Self.guidePages() {
            let matter = Self.frontMatter(of: page.text)
            #expect(!matter.isEmpty, "\(page.path) has no front matter")
            #expect(matter.contains { $0.trimmingCharacters(in: .whitespaces) == "edition: intranet" }, "\(page.path) must say edition: intranet")
        }
    }

    /// The examples build: the intranet edition builds strictly with the guide in it, every value
    /// in a live copy was replaced (no `{{` outside code), and the public edition has no guide page.
    @Test func theExamplesBuildAndStayOnTheIntranet() async throws {
        let intranet = await Site.build(BuildOptions(source: Self.repository, edition: .intranet, strict: true, write: false))
        #expect(intranet.diagnostics.isEmpty, "\(FixtureSite.lines(intranet.diagnostics))")
        for page in try Self.guidePages() {
            let name = URL(fileURLWithPath: page.path).lastPathComponent
            let output = name == "index.md" ? "skriva/index.html" : "skriva/\(name.dropLast(3))/index.html"
            let html = String(decoding: try #require(intranet.files.contents(of: output), "\(output) was not built"), as: UTF8.self)
            let prose = html.replacingOccurrences(of: "(?s)<pre[^>]*>.*?</pre>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "(?s)<code[^>]*>.*?</code>", with: "", options: .regularExpression)
            #expect(!prose.contains("{{"), "\(output): a value of a live example was not replaced")
        }
        let open = await Site.build(BuildOptions(source: Self.repository, edition: .public, strict: true, write: false))
        #expect(open.diagnostics.isEmpty, "\(FixtureSite.lines(open.diagnostics))")
        #expect(!open.files.paths.contains { $0.hasPrefix("skriva/") }, "the writers' guide is intranet-only")
    }
}

/// The writers' guide quotes the tool's messages, and only as the tool writes them (issue 29:
/// the guide still said the messages were in English, and keyed its table of common errors on
/// English openings the tool no longer printed). Every message line in a `text` block of the
/// guide (`path:line:column: error: …`) is one the bad-input corpus records, word for word; every
/// opening in a table of common errors ("Meddelandet börjar med") begins a message of the
/// Swedish catalogue (`…` stands for a name, as `{1}` does in the catalogue).
@Suite struct GuideMessagesTests {
    static func recordedLines() throws -> Set<String> {
        let root = FixtureSite.root
        let files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix("expected.txt") }
        var lines = Set<String>()
        for file in files {
            for line in try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") { lines.insert(String(line)) }
        }
        return lines
    }

    /// The message lines of the guide's `text` blocks, with where they are.
    static func quotedMessages() throws -> [(page: String, line: Int, text: String)] {
        var found: [(String, Int, String)] = []
        for (path, text) in try GuideExamplesTests.guidePages() {
            var inText = false
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("```") { inText = !inText && line == "```text"; continue }
                if inText, line.range(of: #"^[^ ]+:\d+:\d+: (error|warning|note): "#, options: .regularExpression) != nil {
                    found.append((path, index + 1, String(line)))
                }
            }
        }
        return found
    }

    /// The first cells of the guide's tables of common errors, without their backticks.
    static func tableOpenings() throws -> [(page: String, line: Int, text: String)] {
        var found: [(String, Int, String)] = []
        for (path, text) in try GuideExamplesTests.guidePages() {
            var inTable = false
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("| Meddelandet börjar med") { inTable = true; continue }
                guard inTable else { continue }
                guard line.hasPrefix("|") else { inTable = false; continue }
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                guard cells.count > 2, let cell = Optional(cells[1].trimmingCharacters(in: .whitespaces)), cell.hasPrefix("`"), cell.hasSuffix("`") else { continue }
                found.append((path, index + 1, String(cell.dropFirst().dropLast())))
            }
        }
        return found
    }

    /// Whether `opening` (with `…` for any text) begins `template` (with `{n}` for any text).
    static func begins(_ opening: String, _ template: String) -> Bool {
        func pattern(_ s: String, placeholder: String) -> String {
            s.components(separatedBy: placeholder).map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: ".*")
        }
        let literal = template.replacingOccurrences(of: #"\{\d+\}"#, with: "\u{1}", options: .regularExpression)
        // Either side's wildcard may stand for the other's text: compare with both as patterns.
        let openingPattern = "^" + pattern(opening, placeholder: "…")
        let filled = literal.replacingOccurrences(of: "\u{1}", with: "…")
        return filled.range(of: openingPattern, options: .regularExpression) != nil
    }

    @Test func theGuideQuotesMessagesAsTheToolWritesThem() throws {
        let recorded = try Self.recordedLines()
        let quoted = try Self.quotedMessages()
        #expect(quoted.count >= 3)
        for (page, line, text) in quoted {
            #expect(recorded.contains(text), "\(page):\(line): the guide quotes a message no corpus case records: \(text)")
        }
    }

    @Test func theTableOfCommonErrorsOpensWithTheToolsWords() throws {
        let openings = try Self.tableOpenings()
        #expect(openings.count >= 8)
        let templates = MessageKind.allCases.map { Catalogue.template($0, .swedish) }
        for (page, line, text) in openings {
            #expect(templates.contains { Self.begins(text, $0) }, "\(page):\(line): no Swedish message begins '\(text)'")
        }
    }

    /// The rule is strict enough: an English opening, or a Swedish one the tool does not write,
    /// is found out.
    @Test func theRuleFindsAnOpeningTheToolDoesNotWrite() {
        let templates = MessageKind.allCases.map { Catalogue.template($0, .swedish) }
        #expect(!templates.contains { Self.begins("there is no column", $0) })
        #expect(!templates.contains { Self.begins("det finns ingen kollumn", $0) })
        #expect(templates.contains { Self.begins("frågan '…' har ingen kolumn", $0) })
    }
}
