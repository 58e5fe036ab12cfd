package import Foundation
package import StatikCore
package import StatikContent

/// The search for intranet-only phrases in what the public edition publishes: each phrase as
/// the files may hold it, found in their bytes.
///
/// A phrase is looked for as written and as each writer of the site escapes it: Statik's
/// `escapeHTML` (text in templates, tables, attributes), cmark-gfm's (prose: `&`, `<`, `>`,
/// `"`, not `'`) and a CSV field's (`"` doubled); each in the form it was written in, composed
/// (NFC) and decomposed (NFD). Every file is searched, text or not.
///
/// Foundation's `String.contains` took 2.2 of the 2.5 seconds of a rebuild of the example site
/// with nothing changed (about 450 files, each searched for every phrase through `NSString`);
/// `bytesOccur` takes milliseconds, and needs no file to be valid UTF-8.
package struct LeakCheck: Sendable {
    private let needles: [(print: Fingerprint, forms: [[UInt8]])]

    package init(_ fingerprints: [Fingerprint]) {
        needles = fingerprints.map { print in
            var forms: [[UInt8]] = []
            for written in [print.phrase, print.phrase.precomposedStringWithCanonicalMapping, print.phrase.decomposedStringWithCanonicalMapping] {
                for escaped in [written, escapeHTML(written), Self.cmarkEscaped(written), written.replacingOccurrences(of: "\"", with: "\"\"")] {
                    let bytes = Array(escaped.utf8)
                    if !bytes.isEmpty, !forms.contains(bytes) { forms.append(bytes) }
                }
            }
            return (print, forms)
        }
    }

    var isEmpty: Bool { needles.isEmpty }

    /// Every file of the site (pages in memory and copied files, read from their source).
    package func leaks(in files: SiteFiles) -> [Diagnostic] {
        guard !isEmpty else { return [] }
        return files.paths.flatMap { path in files.contents(of: path).map { leaks(inFile: path, data: $0) } ?? [] }
    }

    package func leaks(inFile path: String, data: Data) -> [Diagnostic] {
        guard !isEmpty else { return [] }
        return data.withUnsafeBytes { file -> [Diagnostic] in
            needles.filter { $0.forms.contains { form in form.withUnsafeBytes { bytesOccur($0, in: file) } } }.map { needle in
                .error(Message(.intranetOnlyTextPublicEdition, path, needle.print.phrase), at: SourceLocation(file: needle.print.file, line: needle.print.line))
            }
        }
    }

    /// Text as cmark-gfm writes it in HTML: `&`, `<`, `>` and `"` escaped, `'` as it is.
    static func cmarkEscaped(_ text: String) -> String {
        escapeHTML(text).replacingOccurrences(of: "&#39;", with: "'")
    }
}
