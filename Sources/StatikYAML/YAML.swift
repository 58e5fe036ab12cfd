import Foundation
package import StatikCore
package import Yams

/// YAML read with positions, so that every problem in front matter or block options can be
/// reported at its line and column in the Markdown file.
package struct YAMLSource {
    /// The file the YAML is in, and where its first line is in that file.
    package var file: String
    package var firstLine: Int
    package var column: Int = 1
    package var text: String

    package init(file: String, firstLine: Int, column: Int = 1, text: String) {
        self.file = file
        self.firstLine = firstLine
        self.column = column
        self.text = text
    }

    /// Yams's default encoding, read once: `Parser.Encoding.default` reads the whole process
    /// environment each time it is asked, for every front matter and block.
    private static let encodingName = Parser.Encoding.default.rawValue
    private static var encoding: Parser.Encoding { Parser.Encoding(rawValue: encodingName) ?? .default }

    /// Tags resolved by the one rule Statik's readers look at: a plain `true`/`false`/`yes`/`no`
    /// is a boolean (Yams's `bool` needs it; numbers and nulls are read from the text itself).
    /// Yams's default resolver tries seven regular expressions on every key and value, which
    /// was a large share of reading a page, and NSRegularExpression does not run in parallel.
    package static let resolver = Resolver.basic.appending(.bool)

    /// Statik reads YAML as nodes and never has Yams construct values, yet `compose` wants a
    /// constructor: an empty one, made once (`Constructor.default` builds three dictionaries of
    /// closures each time it is asked, about a tenth of reading a front matter). A Constructor
    /// is immutable (its maps are `let`), so sharing it between threads is safe.
    nonisolated(unsafe) private static let constructor = Constructor([:], [:], [:])

    /// Parses the text. Problems are added to `diagnostics`; the answer is nil when the YAML
    /// could not be read.
    package func parse(into diagnostics: inout [Diagnostic]) -> Node? {
        do {
            return try Yams.compose(yaml: text, Self.resolver, Self.constructor, Self.encoding)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error))
            return nil
        } catch {
            diagnostics.append(.error(Message(.yamlSettingsHereCannotRead), at: SourceLocation(file: file, line: firstLine)))
            return nil
        }
    }

    package func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: firstLine, column: column) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: column + mark.column - 1)
    }

    package func sourceLine(_ mark: Mark?) -> String? {
        guard let mark else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return mark.line - 1 < lines.count ? String(lines[mark.line - 1]) : nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = Message(.yaml, problem)
            if let context { message = Message(.concat, message, Message(.yamlContextAtLine, context.text, firstLine + context.mark.line - 1)) }
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
                message = Message(.yamlTabNotAllowedHere)
            } else if problem.contains("Maximum nesting level") {
                message = Message(.yamlSettingsNestedTooDeeply)
            } else if let above, problem.contains("mapping values are not allowed"), indent(here) > indent(above), aboveHasValue {
                // `title: Start` then `  description: …`: indented under a line that has a value.
                let key = above.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                message = Message(.yamlLineIndentedFurtherThan, key, key)
            } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
                let what = problem.contains("'-'") ? Message(.yamlListItemsSameColumn) : Message(.yamlSettingsSameColumn)
                message = Message(.yamlLineIndentedDifferentlyFrom, what)
            } else if problem.contains("could not find expected ':'") {
                message = Message(.yamlLineHereHasNo)
            } else if problem.contains("found character that cannot start any token") {
                message = Message(.yamlValueCannotStartCharacter)
            } else if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape character") {
                message = Message(.yamlQuotedValueNotClosed)
                // Where the quoted value starts, which is what to mend, not where libyaml gave up.
                if problem.contains("end of stream"), let start = context?.mark {
                    return Diagnostic(.error, at: location(start), message, sourceLine: sourceLine(start))
                }
            } else if problem.contains("mapping values are not allowed") {
                message = Message(.yamlValueContainsMustQuotes)
                if let line = sourceLine(mark), let colon = line.range(of: ": ") {
                    let key = line[..<colon.lowerBound], value = line[colon.upperBound...]
                    message = Message(.concat, message, Message(.yamlAsIn, key.trimmingCharacters(in: .whitespaces), value.replacingOccurrences(of: "\"", with: "\\\"")))
                }
            }
            return Diagnostic(.error, at: location(mark), message, sourceLine: sourceLine(mark))
        case .reader(let problem, _, _, _):
            return .error(Message(.yaml, problem), at: location(nil))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, at: location(context.mark), Message(.yamlKeyGivenTwice, duplicates.joined(separator: "', '")), sourceLine: sourceLine(context.mark))
        default:
            return .error(Message(.yamlSettingsHereCannotRead), at: location(nil))
        }
    }
}

/// A YAML mapping read key by key, that reports unknown keys and wrong types at their lines.
package struct YAMLMapping {
    package let source: YAMLSource
    package let pairs: [(key: String, keyMark: Mark?, value: Node)]

    package init?(_ node: Node?, source: YAMLSource, what: Message, diagnostics: inout [Diagnostic]) {
        self.source = source
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            diagnostics.append(Diagnostic(.error, at: source.location(node.mark), Message(.mustKeyValueLines, what), sourceLine: source.sourceLine(node.mark)))
            return nil
        }
        pairs = mapping.map { ($0.key.string ?? "\($0.key)", $0.key.mark, $0.value) }
    }

    package subscript(key: String) -> Node? { pairs.first { $0.key == key }?.value }

    package func location(of key: String) -> SourceLocation {
        source.location(pairs.first { $0.key == key }?.keyMark)
    }

    package func valueLocation(_ node: Node) -> SourceLocation { source.location(node.mark) }

    package func warnUnknownKeys(allowed: [String], what: Message, into diagnostics: inout [Diagnostic]) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = closest(to: pair.key, in: allowed).map { Message(.didYouMean, $0) } ?? Message(.knownList, allowed)
            diagnostics.append(Diagnostic(.warning, at: source.location(pair.keyMark), Message(.unknownIgnored, what, pair.key, suggestion), sourceLine: source.sourceLine(pair.keyMark)))
        }
    }

    package func string(_ key: String, into diagnostics: inout [Diagnostic]) -> String? {
        guard let node = self[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.append(Diagnostic(.error, at: location(of: key), Message(.mustTextNotListMapping, key), sourceLine: source.sourceLine(node.mark)))
            return nil
        }
        return scalar.string
    }
}

extension Node {
    /// A scalar as a data value: integers, reals and text as YAML reads them.
    package var dataValue: StatikCore.Value? {
        guard case .scalar(let scalar) = self else { return nil }
        if scalar.style == .plain {
            if scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty { return .null }
            if let i = Int64(scalar.string) { return .integer(i) }
            if let d = Double(scalar.string), scalar.string.contains(".") { return .real(d) }
        }
        return .text(scalar.string)
    }
}
