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
/// with nothing changed (about 450 files, each searched for every phrase through `NSString`).
/// Then each phrase's forms were searched one after the other (`memchr` for the first byte,
/// `memcmp` at each): a pass over every file for each of some thousand forms, 200 of the 370 ms
/// of a preview's save. Now a file is read once: at each place its next four bytes are looked
/// up in a bit set of the forms' first four (hashed to 16 bits), and only where that says maybe
/// are the forms starting with those bytes compared.
package struct LeakCheck: Sendable {
    private let needles: [(print: Fingerprint, forms: [[UInt8]])]
    /// The forms of four bytes or more, by their first four bytes: (needle, form).
    private let starts: [UInt32: [(needle: Int, form: [UInt8])]]
    /// Bit `hash(first four bytes)` is set for each such form.
    private let maybe: [UInt64]
    /// Forms shorter than four bytes, searched as before.
    private let short: [(needle: Int, form: [UInt8])]

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
        var starts: [UInt32: [(needle: Int, form: [UInt8])]] = [:]
        var maybe = [UInt64](repeating: 0, count: 1 << 10)
        var short: [(needle: Int, form: [UInt8])] = []
        for (index, needle) in needles.enumerated() {
            for form in needle.forms {
                guard form.count >= 4 else {
                    short.append((index, form))
                    continue
                }
                let word = Self.word(form[0], form[1], form[2], form[3])
                starts[word, default: []].append((index, form))
                let bit = Self.hash(word)
                maybe[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.starts = starts
        self.maybe = maybe
        self.short = short
    }

    private static func word(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
        UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
    }

    private static func hash(_ word: UInt32) -> Int { Int((word &* 2_654_435_761) >> 16) }

    /// Which needles occur in `file`, by index.
    private func found(in file: UnsafeRawBufferPointer) -> [Bool] {
        var found = [Bool](repeating: false, count: needles.count)
        let bytes = file.bindMemory(to: UInt8.self)
        if bytes.count >= 4, let base = file.baseAddress {
            var word = Self.word(0, bytes[0], bytes[1], bytes[2])
            for i in 0...(bytes.count - 4) {
                word = word >> 8 | UInt32(bytes[i + 3]) << 24
                let bit = Self.hash(word)
                guard maybe[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = starts[word] else { continue }
                for candidate in candidates where !found[candidate.needle] && i + candidate.form.count <= bytes.count {
                    if candidate.form.withUnsafeBytes({ memcmp(base + i, $0.baseAddress!, $0.count) }) == 0 { found[candidate.needle] = true }
                }
            }
        }
        for candidate in short where !found[candidate.needle] {
            if candidate.form.withUnsafeBytes({ bytesOccur($0, in: file) }) { found[candidate.needle] = true }
        }
        return found
    }

    var isEmpty: Bool { needles.isEmpty }

    /// Every file of the site (pages in memory and copied files, read from their source).
    package func leaks(in files: SiteFiles) -> [Diagnostic] {
        guard !isEmpty else { return [] }
        return files.paths.flatMap { path in files.contents(of: path).map { leaks(inFile: path, data: $0) } ?? [] }
    }

    package func leaks(inFile path: String, data: Data) -> [Diagnostic] {
        guard !isEmpty else { return [] }
        let present: [Bool] = data.withUnsafeBytes { self.found(in: $0) }
        return needles.indices.filter { present[$0] }.map { index -> Diagnostic in
            let needle = needles[index]
            return Diagnostic.error(Message(.intranetOnlyTextPublicEdition, path, needle.print.phrase), at: SourceLocation(file: needle.print.file, line: needle.print.line))
        }
    }

    /// Text as cmark-gfm writes it in HTML: `&`, `<`, `>` and `"` escaped, `'` as it is.
    static func cmarkEscaped(_ text: String) -> String {
        escapeHTML(text).replacingOccurrences(of: "&#39;", with: "'")
    }
}
