import Foundation
import StatikCore
import Testing

/// A Swedish message has no English words of Statik's own in it (issue 26: "the link leder
/// till …", "that folder is in content/, som innehåller the site's pages and data",
/// "(February 2027 has 28 days)": English passed into a message as a value). Checked on every
/// Swedish template of the catalogue and on every message the bad-input corpus records in
/// Swedish. Allowed in English: what a library or server says, quoted (`SQLite: …`, `YAML:
/// …`, `Mustache: …`), names in quotes, settings' keys (`of:`) and SQL.
@Suite struct SwedishWordsTests {
    /// Words that are English and never Swedish, with the spaces around them.
    static let englishWords = ["the", "is", "has", "have", "which", "folder", "days", "does", "not", "with", "and", "of", "to", "it",
                               "its", "that", "this", "could", "would", "are", "was", "there", "cannot", "must", "should", "write", "in the"]

    /// The words of `text` that are English, after what may be English is taken out.
    static func englishWords(in text: String) -> [String] {
        var t = " " + text + " "
        // What a library says, to the end of the message.
        for prefix in ["SQLite: ", "Mustache: "] {
            if let range = t.range(of: prefix) { t = String(t[..<range.lowerBound]) }
        }
        // libyaml's own sentences after "YAML: " (Statik's own words there are Swedish).
        t = t.replacingOccurrences(of: #"YAML: (did|found|mapping|could|while|control|block|unexpected|expected|invalid)\b[^(;]*"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"\(while parsing [a-z ]+"#, with: " ", options: .regularExpression)
        // Names in quotes, keys of settings, and placeholders.
        t = t.replacingOccurrences(of: #"'[^']*'|"[^"]*"|‘[^’]*’|\{\d+\}"#, with: " ‹› ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"\b[a-z_]+:"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"[(),;.!?]"#, with: " ", options: .regularExpression)
        return englishWords.filter { t.contains(" \($0) ") }
    }

    @Test func theSwedishCatalogueHasNoEnglishWords() {
        for kind in MessageKind.allCases {
            let template = Catalogue.template(kind, .swedish)
            #expect(Self.englishWords(in: template).isEmpty, "\(kind): \(template)")
        }
    }

    @Test func theRecordedSwedishMessagesHaveNoEnglishWords() throws {
        let root = FixtureSite.root
        let files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix("/expected.txt") && !$0.contains("english-site") }.sorted()
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                // `path:line:column: severity: message`
                guard let range = line.range(of: #": (error|warning|note): "#, options: .regularExpression) else { continue }
                let message = String(line[range.upperBound...])
                #expect(Self.englishWords(in: message).isEmpty, "\(file): \(message)")
            }
        }
    }

    /// The rule finds what the issue found.
    @Test func theRuleFindsTheCasesOfTheIssue() {
        #expect(!Self.englishWords(in: "the link leder till /statistik/saknas/, men webbplatsen har ingen sådan sida").isEmpty)
        #expect(!Self.englishWords(in: "output: content/ut: that folder is in content/, som innehåller the site's pages and data").isEmpty)
        #expect(!Self.englishWords(in: "updated: '2027-02-30' är inte ett datum som finns (February 2027 has 28 days)").isEmpty)
        #expect(Self.englishWords(in: "i frågan 'c': SQLite: not authorized").isEmpty)
        #expect(Self.englishWords(in: "YAML: did not find expected ',' or ']' (while parsing a flow sequence på rad 9)").isEmpty)
    }
}
