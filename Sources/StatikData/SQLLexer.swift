/// Which engine's lexical rules an SQL text follows.
public enum SQLDialect: Sendable {
    /// SQLite's (tokenize.c): `"…"`, `` `…` `` and `[…]` quoted names; `:name`, `@name`,
    /// `$name` and `?NNN` parameters.
    case sqlite
    /// PostgreSQL's, for queries that run on a PostgreSQL source: `"…"` quoted names only,
    /// `$tag$ … $tag$` strings, `E'…'` strings with backslash escapes, `/* */` comments that
    /// nest, `::` casts, `$1` placeholders; Statik's own `:name` parameters.
    case postgres
}

/// One token of an SQL text.
public struct SQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A keyword or an unquoted name: `SELECT`, `per_po`, `län`.
        case word
        /// A quoted name: `"a ""b"""`, `` `a` ``, `[a b]`. `text` is the name itself.
        case quotedName
        /// A string (`'it''s'`, PostgreSQL's `$$…$$` and `E'…'`) or a blob (`x'00ff'`).
        case string
        case number
        /// `:name`, `@name`, `$name`, `?1`, `?` (PostgreSQL: `:name` and `$1`), sign included.
        case parameter
        /// `-- …` to the end of the line, or `/* … */`.
        case comment
        /// An operator or a mark: `=`, `<>`, `||`, `(`, `,`, `.`, `;`, `::`…
        case punctuation
    }

    public var kind: Kind
    /// Where the token is, in UTF-8 bytes of the SQL.
    public var range: Range<Int>
    /// The token as written; for a quoted name, the name (quotes off, doubled quotes single).
    public var text: String

    /// A name (`word` or `quotedName`) as SQLite compares names: without regard to case.
    public var name: SQLName { SQLName(text) }

    /// Whether the token is the keyword `keyword` (given in upper case): an unquoted word only.
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.utf8.count == keyword.utf8.count && text.uppercased() == keyword
    }
}

/// The one SQL lexer: every reader of SQL in Statik (the tables a query reads, its parameters,
/// whether it is a query at all, the columns it filters on) reads the tokens it gives, so that
/// a name inside a string or a comment is never taken for one outside.
public enum SQLLexer {
    /// The tokens of `sql`, white space left out. An unterminated string, quoted name or
    /// comment runs to the end of the text, as the engine reads it before it says so.
    public static func tokens(in sql: String, dialect: SQLDialect = .sqlite) -> [SQLToken] {
        var sql = sql
        return sql.withUTF8 { Scanner(bytes: $0, dialect: dialect).tokens() }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let dialect: SQLDialect

        private func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        /// SQLite's IdChar: letters, digits, `_`, `$` and every byte of a non-ASCII character.
        static func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) || b == 0x24 }
        static func isNameStart(_ b: UInt8) -> Bool { (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b >= 0x80 }
        static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

        func tokens() -> [SQLToken] {
            var tokens: [SQLToken] = []
            var i = 0
            while i < bytes.count {
                if Self.isSpace(bytes[i]) { i += 1; continue }
                let (kind, end, name) = token(at: i)
                tokens.append(SQLToken(kind: kind, range: i..<end, text: name ?? text(i..<end)))
                i = end
            }
            return tokens
        }

        /// The token that starts at `i`: its kind, where it ends, and for a quoted name the name.
        private func token(at i: Int) -> (SQLToken.Kind, Int, String?) {
            let b = bytes[i], next = at(i + 1)
            switch b {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                return (.comment, lineEnd(from: i), nil)
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                return (.comment, commentEnd(from: i), nil)
            case UInt8(ascii: "'"):
                return (.string, quoteEnd(from: i, close: b, backslash: false).end, nil)
            case UInt8(ascii: "\""):
                let (end, name) = quoteEnd(from: i, close: b, backslash: false)
                return (.quotedName, end, name)
            case UInt8(ascii: "`") where dialect == .sqlite:
                let (end, name) = quoteEnd(from: i, close: b, backslash: false)
                return (.quotedName, end, name)
            case UInt8(ascii: "[") where dialect == .sqlite:
                var j = i + 1
                while j < bytes.count && bytes[j] != UInt8(ascii: "]") { j += 1 }
                return (.quotedName, min(j + 1, bytes.count), text((i + 1)..<j))
            case _ where next == UInt8(ascii: "'") && isStringPrefix(b):
                return (.string, quoteEnd(from: i + 1, close: next, backslash: b | 0x20 == UInt8(ascii: "e")).end, nil)
            case _ where Self.isNameStart(b):
                var j = i + 1
                while j < bytes.count && Self.isNameByte(bytes[j]) { j += 1 }
                return (.word, j, nil)
            case _ where Self.isDigit(b), UInt8(ascii: ".") where Self.isDigit(next):
                return (.number, numberEnd(from: i), nil)
            case UInt8(ascii: "$") where dialect == .postgres:
                return dollar(at: i)
            case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                return variable(at: i)
            case UInt8(ascii: "?") where dialect == .sqlite:
                var j = i + 1
                while j < bytes.count && Self.isDigit(bytes[j]) { j += 1 }
                return (.parameter, j, nil)
            default:
                return (.punctuation, operatorEnd(from: i), nil)
            }
        }

        /// `x'…'` (a blob); in PostgreSQL also `X'…'`, `B'…'` (bits) and `E'…'` (escapes).
        private func isStringPrefix(_ b: UInt8) -> Bool {
            let lower = b | 0x20
            return lower == UInt8(ascii: "x") || (dialect == .postgres && (lower == UInt8(ascii: "b") || lower == UInt8(ascii: "e")))
        }

        private func lineEnd(from i: Int) -> Int {
            var j = i
            while j < bytes.count && bytes[j] != 0x0A { j += 1 }
            return j
        }

        /// After `*/`, or the end; PostgreSQL's comments nest.
        private func commentEnd(from i: Int) -> Int {
            var depth = 0
            var j = i
            while j < bytes.count {
                if bytes[j] == UInt8(ascii: "/") && at(j + 1) == UInt8(ascii: "*") && (depth == 0 || dialect == .postgres) {
                    depth += 1
                    j += 2
                } else if bytes[j] == UInt8(ascii: "*") && at(j + 1) == UInt8(ascii: "/") {
                    depth -= 1
                    j += 2
                    if depth == 0 { return j }
                } else {
                    j += 1
                }
            }
            return bytes.count
        }

        /// After the closing quote (a doubled quote is one inside), with the text between, or
        /// the end when it is not closed. `backslash`: a backslash escapes the byte after it.
        private func quoteEnd(from i: Int, close: UInt8, backslash: Bool) -> (end: Int, inner: String) {
            var inner: [UInt8] = []
            var j = i + 1
            while j < bytes.count {
                let c = bytes[j]
                if backslash && c == UInt8(ascii: "\\") && j + 1 < bytes.count {
                    inner.append(bytes[j + 1])
                    j += 2
                } else if c == close {
                    guard at(j + 1) == close else { return (j + 1, String(decoding: inner, as: UTF8.self)) }
                    inner.append(c)
                    j += 2
                } else {
                    inner.append(c)
                    j += 1
                }
            }
            return (bytes.count, String(decoding: inner, as: UTF8.self))
        }

        /// `12`, `1.5e-3`, `.5`, `0x1F`, `1_000`; letters right after a number belong to it (an
        /// error to SQLite, and no name).
        private func numberEnd(from i: Int) -> Int {
            var j = i
            if bytes[j] == UInt8(ascii: "0") && at(j + 1) | 0x20 == UInt8(ascii: "x") {
                j += 2
            } else {
                while j < bytes.count && (Self.isDigit(bytes[j]) || bytes[j] == UInt8(ascii: "_")) { j += 1 }
                if at(j) == UInt8(ascii: ".") {
                    j += 1
                    while j < bytes.count && (Self.isDigit(bytes[j]) || bytes[j] == UInt8(ascii: "_")) { j += 1 }
                }
                if at(j) | 0x20 == UInt8(ascii: "e"), Self.isDigit(at(j + 1)) || ((at(j + 1) == UInt8(ascii: "+") || at(j + 1) == UInt8(ascii: "-")) && Self.isDigit(at(j + 2))) {
                    j += 2
                }
            }
            while j < bytes.count && Self.isNameByte(bytes[j]) { j += 1 }
            return j
        }

        /// SQLite's `:name`, `@name`, `$name`: name bytes, `::` inside (a Tcl name) and a `(…)`
        /// suffix; a sign alone is a mark. PostgreSQL: `:name` that does not start with a digit,
        /// and never `::`, a cast.
        private func variable(at i: Int) -> (SQLToken.Kind, Int, String?) {
            if dialect == .postgres {
                guard bytes[i] == UInt8(ascii: ":") else { return (.punctuation, i + 1, nil) }
                if at(i + 1) == UInt8(ascii: ":") { return (.punctuation, i + 2, nil) }
                guard Self.isNameStart(at(i + 1)) else { return (.punctuation, i + 1, nil) }
                var j = i + 1
                while j < bytes.count && Self.isNameByte(bytes[j]) { j += 1 }
                return (.parameter, j, nil)
            }
            var j = i + 1, n = 0
            while j < bytes.count {
                let c = bytes[j]
                if Self.isNameByte(c) {
                    n += 1
                    j += 1
                } else if c == UInt8(ascii: "(") && n > 0 {
                    while j < bytes.count && !Self.isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ")") { j += 1 }
                    return (.parameter, min(j + 1, bytes.count), nil)
                } else if c == UInt8(ascii: ":") && at(j + 1) == UInt8(ascii: ":") {
                    j += 2
                } else {
                    break
                }
            }
            return n == 0 ? (.punctuation, i + 1, nil) : (.parameter, j, nil)
        }

        /// PostgreSQL's `$1` (a placeholder) or `$tag$ … $tag$` (a string).
        private func dollar(at i: Int) -> (SQLToken.Kind, Int, String?) {
            var j = i + 1
            if Self.isDigit(at(j)) {
                while j < bytes.count && Self.isDigit(bytes[j]) { j += 1 }
                return (.parameter, j, nil)
            }
            while j < bytes.count && Self.isNameByte(bytes[j]) && bytes[j] != UInt8(ascii: "$") { j += 1 }
            guard at(j) == UInt8(ascii: "$") else { return (.punctuation, i + 1, nil) }
            let tag = bytes[i...j]
            var k = j + 1
            while k + tag.count <= bytes.count {
                if bytes[k] == UInt8(ascii: "$") && bytes[k..<(k + tag.count)].elementsEqual(tag) { return (.string, k + tag.count, nil) }
                k += 1
            }
            return (.string, bytes.count, nil)
        }

        /// SQLite's operators of two or three bytes (`==`, `<=`, `<>`, `!=`, `>=`, `<<`, `>>`,
        /// `||`, `->`, `->>`; PostgreSQL's `::`), else one byte.
        private func operatorEnd(from i: Int) -> Int {
            let pair = (bytes[i], at(i + 1))
            switch pair {
            case (UInt8(ascii: "-"), UInt8(ascii: ">")):
                return at(i + 2) == UInt8(ascii: ">") ? i + 3 : i + 2
            case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: ">")),
                 (UInt8(ascii: "<"), UInt8(ascii: "<")), (UInt8(ascii: ">"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: ">")),
                 (UInt8(ascii: "!"), UInt8(ascii: "=")), (UInt8(ascii: "|"), UInt8(ascii: "|")):
                return i + 2
            default:
                // One character, whole: a stray non-ASCII byte cannot start a token (it is a name
                // byte), so this is ASCII.
                return i + 1
            }
        }
    }
}
