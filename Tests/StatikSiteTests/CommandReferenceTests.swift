import Foundation
import Testing

/// The reference and the program agree (issue 27): every command and option the docs write as
/// code (`statik build --strict` in a code span, `statik pull [--source DIR]` in a code block;
/// in docs/commands.md also `--jobs N` under a command's heading or in its table row) is one
/// `statik … --help` lists, and every command and option `--help` lists is in
/// docs/commands.md. The docs read: README.md, docs/*.md, bench/README.md.
@Suite struct CommandReferenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What `statik PATH --help` lists: its subcommands and its long options.
    struct Help: Equatable {
        var subcommands: [String] = []
        var options: Set<String> = []
    }

    /// Every command's help, from `statik --help` down through its subcommands.
    static func programHelp() throws -> [[String]: Help] {
        var all: [[String]: Help] = [:]
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            let result = try CommandLineTests.run(path + ["--help"])
            #expect(result.status == 0, "statik \((path + ["--help"]).joined(separator: " ")): \(result.err)")
            let help = parseHelp(result.out)
            all[path] = help
            queue += help.subcommands.map { path + [$0] }
        }
        return all
    }

    /// swift-argument-parser's help: sections (`OPTIONS:`, `SUBCOMMANDS:`) whose entries start
    /// two spaces in, the name first, then two or more spaces and the description.
    static func parseHelp(_ text: String) -> Help {
        var help = Help()
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let first = line.first, first != " ", let colon = line.firstIndex(of: ":") {
                section = String(line[..<colon])
                continue
            }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let entry = line.dropFirst(2)
            let name = entry.range(of: "  ").map { String(entry[..<$0.lowerBound]) } ?? String(entry)
            switch section {
            case "OPTIONS", "FLAGS":
                help.options.formUnion(longOptions(in: name))
            case "SUBCOMMANDS":
                let word = name.split(separator: " ").first.map(String.init) ?? ""
                if word != "See", !word.isEmpty { help.subcommands.append(word) }
            default:
                break
            }
        }
        return help
    }

    /// The long options written in a piece of code: `--jobs`, `--drafts` and `--no-drafts` of
    /// `[--drafts|--no-drafts]`.
    static func longOptions(in text: String) -> [String] {
        var options: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "--") {
            if start.lowerBound > rest.startIndex, "-".contains(rest[rest.index(before: start.lowerBound)]) {
                rest = rest[start.upperBound...]
                continue
            }
            let name = rest[start.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if let first = name.first, first.isLetter { options.append("--" + name) }
            rest = rest[start.upperBound...]
        }
        return options
    }

    // MARK: The docs

    /// A piece of code in a Markdown file: a line of a code block, or an inline code span
    /// (which may run over a line break).
    struct Code {
        var line: Int
        var text: String
        var isHeading = false
    }

    /// The code of a Markdown file: fenced and indented code blocks line by line, and the code
    /// spans of the rest, a heading's marked as such.
    static func code(in markdown: String) -> [Code] {
        var code: [Code] = []
        var fence: (character: Character, count: Int)?
        var paragraph: [(line: Int, text: String)] = []
        var previousBlank = true, inIndented = false
        func flush() {
            guard let first = paragraph.first else { return }
            let text = paragraph.map(\.text).joined(separator: "\n")
            for span in spans(in: text) {
                let line = first.line + text[..<span.start].filter { $0 == "\n" }.count
                code.append(Code(line: line, text: span.text.replacingOccurrences(of: "\n", with: " "), isHeading: paragraph[line - first.line].text.hasPrefix("#")))
            }
            paragraph = []
        }
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            let number = index + 1
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                let run = trimmed.prefix { $0 == open.character }
                if run.count >= open.count, trimmed.dropFirst(run.count).allSatisfy({ $0 == " " }) {
                    fence = nil
                } else {
                    code.append(Code(line: number, text: line))
                }
                continue
            }
            if let character = trimmed.first, character == "`" || character == "~" {
                let run = trimmed.prefix { $0 == character }
                if run.count >= 3, !(character == "`" && trimmed.dropFirst(run.count).contains("`")) {
                    flush()
                    fence = (character, run.count)
                    previousBlank = false
                    continue
                }
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
                previousBlank = true
                continue
            }
            if line.hasPrefix("    "), previousBlank || inIndented {
                flush()
                inIndented = true
                previousBlank = false
                code.append(Code(line: number, text: line))
                continue
            }
            inIndented = false
            previousBlank = false
            if line.hasPrefix("#") {
                flush()
                paragraph = [(number, line)]
                flush()
            } else {
                paragraph.append((number, line))
            }
        }
        flush()
        return code
    }

    /// Inline code spans: a run of backticks, up to the next run of the same length.
    static func spans(in text: String) -> [(start: String.Index, text: String)] {
        var spans: [(start: String.Index, text: String)] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "`" else { index = text.index(after: index); continue }
            let runEnd = text[index...].firstIndex { $0 != "`" } ?? text.endIndex
            let length = text.distance(from: index, to: runEnd)
            var search = runEnd
            var closed = false
            while search < text.endIndex, let next = text[search...].firstIndex(of: "`") {
                let end = text[next...].firstIndex { $0 != "`" } ?? text.endIndex
                if text.distance(from: next, to: end) == length {
                    spans.append((index, String(text[runEnd..<next]).trimmingCharacters(in: .whitespaces)))
                    index = end
                    closed = true
                    break
                }
                search = end
            }
            if !closed { index = runEnd }
        }
        return spans
    }

    /// A command as a piece of code writes it: `statik new page esf/ny-sida --title "…"`.
    struct Invocation {
        var path: [String]
        var options: [String]
        /// A word where a command must be that is none (`statik buidl`).
        var unknown: String?
    }

    /// The commands a piece of code runs: from each word `statik` up to the end, a comment
    /// (`#`), a pipe or the next `statik`. Words after `statik` are subcommands while they name
    /// one; a lowercase word where only a subcommand can stand is an unknown command. After
    /// `statik help` the rest is skipped (`statik help COMMAND`).
    static func invocations(in code: String, help: [[String]: Help]) -> [Invocation] {
        var found: [Invocation] = []
        var words = code.split(whereSeparator: \.isWhitespace).map(String.init)[...]
        while let start = words.firstIndex(of: "statik") {
            words = words[words.index(after: start)...]
            var invocation = Invocation(path: [], options: [])
            var skip = false
            while let word = words.first, word != "statik", !["#", "|", "||", "&&", ";"].contains(word), !word.hasPrefix("#") {
                words = words.dropFirst()
                if skip { continue }
                let options = longOptions(in: word)
                if !options.isEmpty {
                    invocation.options += options
                    continue
                }
                guard invocation.options.isEmpty, let command = help[invocation.path], !command.subcommands.isEmpty else { continue }
                if command.subcommands.contains(word) {
                    invocation.path.append(word)
                } else if invocation.path.isEmpty, word == "help" {
                    skip = true
                } else if word.allSatisfy({ $0.isLowercase || $0 == "-" }) {
                    invocation.unknown = word
                    skip = true
                } else {
                    skip = word.first.map { !$0.isUppercase } ?? true
                }
            }
            if !skip || invocation.unknown != nil { found.append(invocation) }
        }
        return found
    }

    static func show(_ path: [String]) -> String { (["statik"] + path).joined(separator: " ") }

    /// Every disagreement between the docs (name and text) and the program's help.
    static func problems(documents: [(name: String, text: String)], commandsPage: String, help: [[String]: Help]) -> [String] {
        var problems: [String] = []
        let allOptions = help.values.reduce(into: Set<String>()) { $0.formUnion($1.options) }
        var documented: [[String]: Set<String>] = [:]
        var headed: Set<[String]> = []

        func check(_ invocation: Invocation, at place: String, code: String) {
            if let unknown = invocation.unknown {
                let known = help[invocation.path]?.subcommands.joined(separator: ", ") ?? ""
                problems.append("\(place): `\(code)`: \(show(invocation.path)) has no command '\(unknown)' (it has \(known))")
            }
            for option in invocation.options where !(help[invocation.path]?.options.contains(option) ?? false) {
                problems.append("\(place): `\(code)`: \(show(invocation.path) + " --help") lists no \(option)")
            }
        }

        for document in documents {
            let isCommandsPage = document.name == commandsPage
            var section: [[String]] = []
            var lines: [Int: [Invocation]] = [:]
            let pieces = code(in: document.text)
            for piece in pieces {
                let found = invocations(in: piece.text, help: help)
                lines[piece.line, default: []] += found
                for invocation in found {
                    check(invocation, at: "\(document.name):\(piece.line)", code: piece.text.trimmingCharacters(in: .whitespaces))
                }
            }
            guard isCommandsPage else { continue }
            // docs/commands.md: what each command is documented with, and bare options
            // (`--jobs N`) checked against the command of their row or heading.
            for piece in pieces {
                let found = (lines[piece.line] ?? []).filter { $0.unknown == nil }
                if piece.isHeading {
                    section = found.map(\.path)
                    headed.formUnion(section)
                }
                for invocation in invocations(in: piece.text, help: help) where invocation.unknown == nil {
                    documented[invocation.path, default: []].formUnion(invocation.options)
                }
                guard piece.text.hasPrefix("--") else { continue }
                let context = found.isEmpty ? section : [found[0].path]
                for option in longOptions(in: piece.text) {
                    let owners = context.filter { help[$0]?.options.contains(option) ?? false }
                    for owner in owners { documented[owner, default: []].insert(option) }
                    if context.isEmpty, !allOptions.contains(option) {
                        problems.append("\(document.name):\(piece.line): `\(piece.text)`: no command's --help lists \(option)")
                    } else if !context.isEmpty, owners.isEmpty {
                        let names = context.map { show($0) + " --help" }.joined(separator: " nor ")
                        problems.append("\(document.name):\(piece.line): `\(piece.text)`: \(names) lists no \(option)")
                    }
                }
            }
            // `--help` and `--version`, which every command takes, are documented once.
            let once = ["--help", "--version"].filter { document.text.contains("`\($0)`") }
            for (path, command) in help.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                if !path.isEmpty, command.subcommands.isEmpty, !headed.contains(path) {
                    problems.append("\(document.name): no heading names `\(show(path))`")
                }
                for option in command.options.sorted() where !(documented[path]?.contains(option) ?? false) {
                    if once.contains(option) { continue }
                    problems.append("\(document.name): `\(show(path))` is not documented with \(option), which its --help lists")
                }
            }
        }
        return problems
    }

    /// The docs this test reads, as (path from the repository, text).
    static func documents() throws -> [(name: String, text: String)] {
        let docs = repository.appendingPathComponent("docs")
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return try (["README.md", "bench/README.md"] + pages).map { name in
            (name, try String(contentsOf: repository.appendingPathComponent(name), encoding: .utf8))
        }
    }

    @Test func theReferenceAndHelpAgree() throws {
        let help = try Self.programHelp()
        #expect(help[[]]?.subcommands.contains("build") == true, "statik --help lists its commands")
        #expect(help[["build"]]?.options.contains("--strict") == true)
        let documents = try Self.documents()
        #expect(documents.contains { $0.name == "docs/commands.md" })
        let problems = Self.problems(documents: documents, commandsPage: "docs/commands.md", help: help)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The check finds what it is for: a misspelled option or command anywhere in the docs, an
    /// option the commands page gives a command that has none such, and a command or option
    /// `--help` lists that the commands page leaves out.
    @Test func misspellingsAndOmissionsAreFound() throws {
        let help = try Self.programHelp()
        let commandsPage = try String(contentsOf: Self.repository.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        let page = """
            # A page

            Build with `statik build --strcit`, or `statik
            buidl`; preview with

                statik serve --no-draft   # a comment: --not-an-option

            `statik new sit DIR`, `statik help build`, `statik-deploy --keep 3` and `statik COMMAND --help`.
            """
        let found = Self.problems(documents: [("page.md", page)], commandsPage: "docs/commands.md", help: help)
        #expect(found == [
            "page.md:3: `statik build --strcit`: statik build --help lists no --strcit",
            "page.md:3: `statik buidl`: statik has no command 'buidl' (it has \(help[[]]!.subcommands.joined(separator: ", ")))",
            "page.md:6: `statik serve --no-draft   # a comment: --not-an-option`: statik serve --help lists no --no-draft",
            "page.md:8: `statik new sit DIR`: statik new has no command 'sit' (it has site, page)",
        ])
        let misspelled = commandsPage.replacingOccurrences(of: "| `--jobs N` |", with: "| `--job N` |")
        #expect(misspelled != commandsPage)
        let omissions = Self.problems(documents: [("docs/commands.md", misspelled)], commandsPage: "docs/commands.md", help: help)
        #expect(omissions.contains { $0.hasSuffix("`--job N`: statik build --help lists no --job") }, "\(omissions)")
        #expect(!omissions.contains { $0.contains("not documented with --jobs") }, "the usage line still names --jobs")
        let withoutData = commandsPage.components(separatedBy: "## `statik data`")[0]
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("statik data") }.joined(separator: "\n")
        let missing = Self.problems(documents: [("docs/commands.md", withoutData)], commandsPage: "docs/commands.md", help: help)
        #expect(missing.contains("docs/commands.md: no heading names `statik data`"), "\(missing)")
        #expect(missing.contains("docs/commands.md: `statik data` is not documented with --postgres, which its --help lists"), "\(missing)")
    }
}
