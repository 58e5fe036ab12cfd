import StatikCore
import Testing

@testable import StatikData

/// The one SQL lexer (SQLLexer) and the readers built on it. Each case is one where two of the
/// four lexers Statik had read the same SQL differently.
@Suite struct SQLLexerTests {
    private func kinds(_ sql: String, _ dialect: SQLDialect = .sqlite) -> [String] {
        SQLLexer.tokens(in: sql, dialect: dialect).map { "\($0.kind):\($0.text)" }
    }

    @Test func readsSQLitesTokens() {
        #expect(kinds("SELECT \"a \"\"b\"\"\", `c`, [d e], 'it''s', x'00ff', 1.5e3, .5, 0x1F FROM t -- to the end\n/* a\nblock */ WHERE n <> :n AND m != @m || $t::u(x) = ?2") == [
            "word:SELECT", "quotedName:a \"b\"", "punctuation:,", "quotedName:c", "punctuation:,", "quotedName:d e", "punctuation:,",
            "string:'it''s'", "punctuation:,", "string:x'00ff'", "punctuation:,", "number:1.5e3", "punctuation:,", "number:.5", "punctuation:,",
            "number:0x1F", "word:FROM", "word:t", "comment:-- to the end", "comment:/* a\nblock */", "word:WHERE", "word:n", "punctuation:<>",
            "parameter::n", "word:AND", "word:m", "punctuation:!=", "parameter:@m", "punctuation:||", "parameter:$t::u(x)", "punctuation:=", "parameter:?2",
        ])
    }

    @Test func rangesAreUTF8Bytes() {
        let tokens = SQLLexer.tokens(in: "SELECT län FROM \"två\"")
        #expect(tokens.map(\.range) == [0..<6, 7..<11, 12..<16, 17..<23])
        #expect(tokens[1].kind == .word)  // every non-ASCII byte is a name byte, as in SQLite
    }

    @Test func whatIsNotClosedRunsToTheEnd() {
        #expect(kinds("SELECT 'a -- b") == ["word:SELECT", "string:'a -- b"])
        #expect(kinds("SELECT /* a") == ["word:SELECT", "comment:/* a"])
        #expect(kinds("SELECT [a") == ["word:SELECT", "quotedName:a"])
    }

    @Test func postgresReadsItsOwnStringsCommentsAndCasts() {
        #expect(kinds("SELECT $$ :a $$, $q$ 'x $q$, E'\\' :b', x::text, $1 /* c /* d */ :e */ FROM \"t\"", .postgres) == [
            "word:SELECT", "string:$$ :a $$", "punctuation:,", "string:$q$ 'x $q$", "punctuation:,", "string:E'\\' :b'", "punctuation:,",
            "word:x", "punctuation:::", "word:text", "punctuation:,", "parameter:$1", "comment:/* c /* d */ :e */", "word:FROM", "quotedName:t",
        ])
        // Brackets and backticks quote nothing in PostgreSQL: a[1:n] is a slice with a parameter.
        #expect(kinds("a[1:n]", .postgres) == ["word:a", "punctuation:[", "number:1", "parameter::n", "punctuation:]"])
        #expect(kinds("a[1:n]") == ["word:a", "quotedName:1:n"])
    }

    // MARK: The readers

    /// `DataStore.words` read `/* */` as SQL: a column named in a comment was indexed, and a
    /// `/* union */` made a query compound.
    @Test func wordsLeaveBlockCommentsOut() {
        #expect(DataStore.words(in: "SELECT a /* FROM b */ FROM c") == ["select", "a", "from", "c"])
        #expect(DataStore.columnsComparedWithParameters(in: "SELECT * FROM t WHERE /* grupp = :id */ region = :r") == ["region"])
    }

    /// `DataStore.words` knew only `"…"` quotes: `[my col]` was two words.
    @Test func wordsKeepEveryQuotedNameWhole() {
        #expect(DataStore.words(in: "SELECT [my col], `Två` FROM \"a \"\"b\"\"\"") == ["select", "my col", "två", "from", "a \"b\""])
        #expect(DataStore.columnsComparedWithParameters(in: "SELECT * FROM t WHERE [my col] = :v") == ["my col"])
    }

    /// A missing parameter was placed at the first `:name` in the text, in a comment or a
    /// string or inside a longer name.
    @Test func aParameterIsFoundWhereItIsUsed() {
        #expect(DataStore.offset(of: "region", in: "-- :region\nSELECT :region") == 18)
        #expect(DataStore.offset(of: "id", in: "SELECT ':id', :idx, :id") == 20)
        #expect(DataStore.offset(of: "id", in: "SELECT 1") == nil)
    }

    /// A source's SQL is read as PostgreSQL reads it: a comment nests, an `E'…'` string has
    /// backslash escapes.
    @Test func sourceParametersFollowPostgresRules() {
        #expect(SourceSQL.parameters(in: "SELECT /* a /* b */ :hidden */ :shown").map(\.name) == ["shown"])
        #expect(SourceSQL.parameters(in: "SELECT E'it\\'s :x', :y").map(\.name) == ["y"])
        #expect(SourceSQL.parameters(in: "SELECT a[1:2], b::int, :c").map(\.name) == ["c"])
        let reference = SourceSQL.parameters(in: "SELECT 'å', :län")[0]
        #expect(reference.offset == 13 && reference.length == 5)
    }

    /// On a source, a comment that nests hid a write behind a SELECT inside it.
    @Test func isQueryReadsTheFirstWordAsTheEngineDoes() {
        #expect(QueryBounds.isQuery("(/* c */ -- d\n (SELECT 1))"))
        #expect(QueryBounds.isQuery("with q AS (SELECT 1) SELECT * FROM q"))
        #expect(!QueryBounds.isQuery("/* not closed SELECT"))
        #expect(!QueryBounds.isQuery("\"SELECT\""))
        #expect(!QueryBounds.isQuery("SELECT_x"))
        #expect(!QueryBounds.isQuery("/* /* */ SELECT */ DELETE FROM t", dialect: .postgres))
        #expect(QueryBounds.isQuery("/* /* */ DELETE */ SELECT 1", dialect: .postgres))
    }

    @Test func keywordsAreUnquotedWords() {
        let tokens = SQLLexer.tokens(in: "union \"UNION\" 'union'")
        #expect(tokens.map { $0.isKeyword("UNION") } == [true, false, false])
    }
}

@Suite struct SQLNameTests {
    @Test func namesCompareWithoutCase() {
        #expect(SQLName("Deltagare") == SQLName("deltagare"))
        #expect(Set<SQLName>(["Län", "LÄN"]).count == 1)
        #expect(SQLName("Län").written == "Län")
        #expect(SQLName("b") > SQLName("A"))
        #expect(SQLLexer.tokens(in: "\"PER_PO\"")[0].name == "per_po")
    }
}
