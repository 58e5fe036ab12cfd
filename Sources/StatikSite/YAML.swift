import Foundation
import StatikCore
import Yams

/// YAML read with positions, so that every problem in front matter or block options can be
/// reported at its line and column in the Markdown file.
struct YAMLSource {
    /// The file the YAML is in, and where its first line is in that file.
    var file: String
    var firstLine: Int
    var column: Int = 1
    var text: String

    /// Yams's default encoding, read once: `Parser.Encoding.default` reads the whole process
    /// environment each time it is asked, for every front matter and block.
    private static let encodingName = Parser.Encoding.default.rawValue
    private static var encoding: Parser.Encoding { Parser.Encoding(rawValue: encodingName) ?? .default }

    /// Tags resolved by the one rule Statik's readers look at: a plain `true`/`false`/`yes`/`no`
    /// is a boolean (Yams's `bool` needs it; numbers and nulls are read from the text itself).
    /// Yams's default resolver tries seven regular expressions on every key and value, which
    /// was a large share of reading a page, and NSRegularExpression does not run in parallel.
    static let resolver = Resolver.basic.appending(.bool)

    /// Statik reads YAML as nodes and never has Yams construct values, yet `compose` wants a
    /// constructor: an empty one, made once (`Constructor.default` builds three dictionaries of
    /// closures each time it is asked, about a tenth of reading a front matter). A Constructor
    /// is immutable (its maps are `let`), so sharing it between threads is safe.
    nonisolated(unsafe) private static let constructor = Constructor([:], [:], [:])

    /// Parses the text. Problems are added to `diagnostics`; the answer is nil when the YAML
    /// could not be read.
    func parse(into diagnostics: inout [Diagnostic]) -> Node? {
        do {
            return try Yams.compose(yaml: text, Self.resolver, Self.constructor, Self.encoding)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error))
            return nil
        } catch {
            diagnostics.append(.error("YAML: the settings here cannot be read; check the quotes, colons and indentation", at: SourceLocation(file: file, line: firstLine)))
            return nil
        }
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: firstLine, column: column) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: column + mark.column - 1)
    }

    func sourceLine(_ mark: Mark?) -> String? {
        guard let mark else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return mark.line - 1 < lines.count ? String(lines[mark.line - 1]) : nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(firstLine + context.mark.line - 1))" }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // The line above the problem that holds something, and how far each is indented.
            func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
            let here = mark.line - 1 < lines.count ? lines[mark.line - 1] : ""
            let above = lines.prefix(max(0, mark.line - 1)).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            let aboveHasValue = above.map { line -> Bool in
                guard let colon = line.range(of: ":") else { return false }
                return !line[colon.upperBound...].trimmingCharacters(in: .whitespaces).isEmpty
            } ?? false
            if let line = sourceLine(mark), line.contains("\t") {
                message = "YAML: a tab is not allowed here; indent with spaces"
            } else if problem.contains("Maximum nesting level") {
                message = "YAML: the settings are nested too deeply (lists or mappings inside each other hundreds of levels deep); a page's settings need only a few levels"
            } else if let above, problem.contains("mapping values are not allowed"), indent(here) > indent(above), aboveHasValue {
                // `title: Start` then `  description: …`: indented under a line that has a value.
                let key = above.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                message = "YAML: this line is indented further than '\(key):' above it, which already has a value; start it in the same column as '\(key):' (settings at the same level line up)"
            } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
                let what = problem.contains("'-'") ? "the items of a list start with '- ' in the same column" : "settings at the same level start in the same column"
                message = "YAML: this line is indented differently from the lines above it; \(what) (indent with spaces, two per level)"
            } else if problem.contains("could not find expected ':'") {
                message = "YAML: a line here has no ':'; write each setting as name: value (and put a value that runs over several lines in quotes)"
            } else if problem.contains("found character that cannot start any token") {
                message = "YAML: a value cannot start with this character (@, ` or %); put the value in quotes, as name: \"…\""
            } else if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape character") {
                message = "YAML: a quoted value is not closed, or has a \\ that starts no known escape; close the quotes, or write \\\\ for a backslash"
            } else if problem.contains("mapping values are not allowed") {
                message = "YAML: a value that contains ': ' must be in quotes"
                if let line = sourceLine(mark), let colon = line.range(of: ": ") {
                    let key = line[..<colon.lowerBound], value = line[colon.upperBound...]
                    message += ", as in \(key.trimmingCharacters(in: .whitespaces)): \"\(value.replacingOccurrences(of: "\"", with: "\\\""))\""
                }
            }
            return Diagnostic(.error, at: location(mark), message, sourceLine: sourceLine(mark))
        case .reader(let problem, _, _, _):
            return .error("YAML: \(problem)", at: location(nil))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, at: location(context.mark), "YAML: the key '\(duplicates.joined(separator: "', '"))' is given twice", sourceLine: sourceLine(context.mark))
        default:
            return .error("YAML: the settings here cannot be read; check the quotes, colons and indentation", at: location(nil))
        }
    }
}

/// A YAML mapping read key by key, that reports unknown keys and wrong types at their lines.
struct YAMLMapping {
    let source: YAMLSource
    let pairs: [(key: String, keyMark: Mark?, value: Node)]

    init?(_ node: Node?, source: YAMLSource, what: String, diagnostics: inout [Diagnostic]) {
        self.source = source
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            diagnostics.append(Diagnostic(.error, at: source.location(node.mark), "\(what) must be 'key: value' lines", sourceLine: source.sourceLine(node.mark)))
            return nil
        }
        pairs = mapping.map { ($0.key.string ?? "\($0.key)", $0.key.mark, $0.value) }
    }

    subscript(key: String) -> Node? { pairs.first { $0.key == key }?.value }

    func location(of key: String) -> SourceLocation {
        source.location(pairs.first { $0.key == key }?.keyMark)
    }

    func valueLocation(_ node: Node) -> SourceLocation { source.location(node.mark) }

    func warnUnknownKeys(allowed: [String], what: String, into diagnostics: inout [Diagnostic]) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = closest(to: pair.key, in: allowed).map { "; did you mean '\($0)'?" } ?? "; known: \(allowed.joined(separator: ", "))"
            diagnostics.append(Diagnostic(.warning, at: source.location(pair.keyMark), "unknown \(what) '\(pair.key)' is ignored\(suggestion)", sourceLine: source.sourceLine(pair.keyMark)))
        }
    }

    func string(_ key: String, into diagnostics: inout [Diagnostic]) -> String? {
        guard let node = self[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.append(Diagnostic(.error, at: location(of: key), "'\(key)' must be text, not a list or a mapping", sourceLine: source.sourceLine(node.mark)))
            return nil
        }
        return scalar.string
    }
}

/// The allowed word within two edits of a mistyped one.
func closest(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
    let w = Array(word.lowercased())
    return candidates.map { ($0, distance(w, Array($0.lowercased()))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
}

extension Node {
    /// A scalar as a data value: integers, reals and text as YAML reads them.
    var dataValue: StatikCore.Value? {
        guard case .scalar(let scalar) = self else { return nil }
        if scalar.style == .plain {
            if scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty { return .null }
            if let i = Int64(scalar.string) { return .integer(i) }
            if let d = Double(scalar.string), scalar.string.contains(".") { return .real(d) }
        }
        return .text(scalar.string)
    }
}
