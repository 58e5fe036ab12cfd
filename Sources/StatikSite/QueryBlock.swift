import StatikCore
import StatikData

/// A ```` ```sql NAME ```` block of a page.
struct QueryBlock {
    var name: String
    /// The SQL as written, without a trailing semicolon.
    var sql: String
    /// The line of the file where the SQL starts, and its column.
    var line: Int
    var column: Int

    /// The identifiers the SQL uses, outside strings and comments, in lower case.
    var identifiers: Set<String> { Self.identifiers(in: sql) }

    static func identifiers(in sql: String) -> Set<String> {
        var result = Set<String>()
        let chars = Array(sql.unicodeScalars)
        var i = 0
        func isWord(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                i += 1
                while i < chars.count && chars[i] != "'" { i += 1 }
                i += 1
            } else if c == "-" && i + 1 < chars.count && chars[i + 1] == "-" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
            } else if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
            } else if c == "\"" || c == "`" || c == "[" {
                let close: Unicode.Scalar = c == "[" ? "]" : c
                var word = ""
                i += 1
                while i < chars.count && chars[i] != close { word.unicodeScalars.append(chars[i]); i += 1 }
                i += 1
                result.insert(word.lowercased())
            } else if isWord(c) && !("0"..."9").contains(c) {
                var word = ""
                while i < chars.count && isWord(chars[i]) { word.unicodeScalars.append(chars[i]); i += 1 }
                result.insert(word.lowercased())
            } else {
                i += 1
            }
        }
        return result
    }

    /// The SQL to run: the earlier queries this one uses (and those they use) as common table
    /// expressions in front of it, so `SELECT … FROM per_po` reads the result of `per_po`.
    /// `prefix` is how many UTF-8 bytes come before the author's own SQL.
    func composed(earlier: [QueryBlock]) -> (sql: String, prefix: Int, uses: [String]) {
        var needed = Set<String>()
        var pending = identifiers
        let byName = Dictionary(earlier.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        while let word = pending.popFirst() {
            guard let block = byName[word], !needed.contains(word) else { continue }
            needed.insert(word)
            pending.formUnion(block.identifiers)
        }
        let used = earlier.filter { needed.contains($0.name.lowercased()) }
        guard !used.isEmpty else { return (sql, 0, []) }
        let ctes = used.map { "\($0.name) AS (\n\($0.sql)\n)" }.joined(separator: ", ")
        var own = sql
        var head = "WITH \(ctes)\n"
        // An author's own WITH joins the list instead of starting a second one.
        let trimmed = sql.drop(while: \.isWhitespace)
        if trimmed.prefix(4).lowercased() == "with", trimmed.dropFirst(4).first?.isWhitespace == true {
            var rest = trimmed.dropFirst(4).drop(while: \.isWhitespace)
            if rest.prefix(9).lowercased() == "recursive", rest.dropFirst(9).first?.isWhitespace == true {
                rest = rest.dropFirst(9)
                head = "WITH RECURSIVE \(ctes),"
            } else {
                head = "WITH \(ctes),"
            }
            own = String(rest)
            let skipped = sql.utf8.count - own.utf8.count
            return (head + own, head.utf8.count - skipped, used.map(\.name))
        }
        return (head + own, head.utf8.count, used.map(\.name))
    }

    /// Where a UTF-8 byte offset into the author's SQL is in the file.
    func location(ofOffset offset: Int) -> (line: Int, column: Int) {
        let bytes = Array(sql.utf8.prefix(max(0, offset)))
        let lineIndex = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lastLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).last ?? []
        let columnInLine = String(decoding: lastLine, as: UTF8.self).count
        return (line + lineIndex, column + columnInLine)
    }
}
