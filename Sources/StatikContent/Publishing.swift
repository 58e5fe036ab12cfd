import StatikCore
package import StatikFormat
import StatikYAML
import Yams

/// What a page says about its publication: when it was published and updated, when its next
/// update is planned, whether it is a draft or waits for an instant, its corrections, and (on
/// a section's `index.md`) whether the section is a dated list.
///
///     date: 2020-12-31
///     updated: 2021-03-15
///     next_update: 2027-03-15
///     draft: true
///     publish_at: 2026-12-01T08:00:00+01:00
///     corrections:
///       - date: 2021-04-02
///         text: Tabell 2 rättad.
///     listing: true            # or: listing: { per_page: 10 }
package struct Publishing: Sendable, Hashable {
    package var date: PublishDate?
    package var updated: PublishDate?
    package var nextUpdate: PublishDate?
    package var draft = false
    package var publishAt: PublishDate?
    /// Newest first.
    package var corrections: [Correction] = []
    var listing: Listing?
    /// Where `next_update:` was written, for the warning when it is overdue.
    var nextUpdateLocation: SourceLocation?
    var nextUpdateLine: String?

    package struct Correction: Sendable, Hashable {
        package var date: PublishDate
        package var text: String
    }

    /// A section's pages listed newest first, `perPage` to a page.
    struct Listing: Sendable, Hashable {
        var perPage = 10
    }

    /// Whether the page makes its section a dated list (`listing:`).
    package var isDatedList: Bool { listing != nil }

    static let keys = ["date", "updated", "next_update", "draft", "publish_at", "corrections", "listing"]

    /// The page's latest substantive change: its update, its newest correction, or its date.
    package var lastModified: PublishDate? {
        [date, updated, corrections.first?.date].compactMap { $0 }.max()
    }

    /// When the page is released: the later of `publish_at` and `date` (a page dated
    /// 24 December is not published before that day begins, in UTC, as if it said `publish_at`);
    /// nil when it says neither.
    package var releaseAt: PublishDate? {
        [publishAt, date].compactMap { $0 }.max { $0.epochSeconds < $1.epochSeconds }
    }

    /// Whether the page waits for its release in a build whose "now" is `now`.
    package func isScheduled(now: Int64) -> Bool {
        releaseAt.map { $0.epochSeconds > now } ?? false
    }

    /// Whether the page is left out of a build whose "now" is `now` (seconds since 1970).
    func isHeldBack(now: Int64) -> Bool {
        draft || isScheduled(now: now)
    }

    static func read(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> Publishing {
        var result = Publishing()
        let source = mapping.source
        func date(_ key: String, needsInstant: Bool = false) -> PublishDate? {
            guard let node = mapping[key] else { return nil }
            let at = mapping.valueLocation(node)
            let line = source.sourceLine(node.mark)
            guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
                diagnostics.append(Diagnostic(.error, at: at, Message(.mustDateWritten202012, key), sourceLine: line))
                return nil
            }
            switch PublishDate.parse(scalar.string) {
            case .success(let parsed):
                if needsInstant && parsed.precision != .instant {
                    diagnostics.append(Diagnostic(.error, at: at, Message(.needsTimeDayOffsetFrom, key, key, parsed.precision == .day ? parsed.iso : "2026-12-01"), sourceLine: line))
                    return nil
                }
                return parsed
            case .failure(.noOffset):
                diagnostics.append(Diagnostic(.error, at: at, Message(.hasNoOffsetFromUtc, key, scalar.string, scalar.string), sourceLine: line))
            case .failure(.impossible(let why)):
                diagnostics.append(Diagnostic(.error, at: at, Message(.notDateExists, key, scalar.string, why), sourceLine: line))
            case .failure(.notADate):
                let example = needsInstant ? Message(.exampleInstant) : Message(.exampleDate)
                diagnostics.append(Diagnostic(.error, at: at, Message(.notDateWrite, key, scalar.string, example), sourceLine: line))
            }
            return nil
        }
        result.date = date("date")
        result.updated = date("updated")
        result.nextUpdate = date("next_update")
        result.publishAt = date("publish_at", needsInstant: true)
        if let node = mapping["next_update"] {
            result.nextUpdateLocation = mapping.valueLocation(node)
            result.nextUpdateLine = source.sourceLine(node.mark)
        }
        if let node = mapping["draft"] {
            if case .scalar(let scalar) = node, scalar.style == .plain, let flag = node.bool {
                result.draft = flag
            } else {
                diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.draftMustTrueFalse), sourceLine: source.sourceLine(node.mark)))
            }
        }
        // The order of the dates.
        if let published = result.date {
            for (key, later) in [("updated", result.updated), ("next_update", result.nextUpdate)] {
                guard let later, later.endEpochSeconds <= published.epochSeconds, let node = mapping[key] else { continue }
                diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.notAfterDateWhenPage, key, later.iso, published.iso), sourceLine: source.sourceLine(node.mark)))
                if key == "updated" { result.updated = nil } else { result.nextUpdate = nil }
            }
        }
        if let node = mapping["corrections"] {
            result.corrections = corrections(node, in: mapping, diagnostics: &diagnostics)
        }
        if let node = mapping["listing"] {
            if case .scalar(let scalar) = node, scalar.style == .plain, let flag = node.bool {
                result.listing = flag ? Listing() : nil
            } else if case .mapping = node, let settings = YAMLMapping(node, source: source, what: Message(.mapListing), diagnostics: &diagnostics) {
                settings.warnUnknownKeys(allowed: ["per_page"], what: Message(.whatListingSetting), into: &diagnostics)
                var listing = Listing()
                if let value = settings["per_page"] {
                    if let n = value.int, n >= 1, n <= 1000 { listing.perPage = n } else {
                        diagnostics.append(Diagnostic(.error, at: settings.valueLocation(value), Message(.perPageMustWholeNumber), sourceLine: source.sourceLine(value.mark)))
                    }
                }
                result.listing = listing
            } else {
                diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.listingMustTrueSettingsSuch), sourceLine: source.sourceLine(node.mark)))
            }
        }
        return result
    }

    /// A `corrections:` list (a page's front matter, a data file's description).
    static func corrections(_ node: Node, in mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> [Correction] {
        let source = mapping.source
        let shape = Message(.correctionShape)
        guard case .sequence(let items) = node else {
            diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.correctionsMustList, shape), sourceLine: source.sourceLine(node.mark)))
            return []
        }
        var result: [Correction] = []
        for item in items {
            guard case .mapping = item else {
                diagnostics.append(Diagnostic(.error, at: source.location(item.mark), Message(.correctionNeedsDateText, shape), sourceLine: source.sourceLine(item.mark)))
                continue
            }
            guard let entry = YAMLMapping(item, source: source, what: Message(.mapACorrection), diagnostics: &diagnostics) else { continue }
            entry.warnUnknownKeys(allowed: ["date", "text"], what: Message(.whatCorrectionKey), into: &diagnostics)
            let text = entry.string("text", into: &diagnostics)?.trimmingCharacters(in: .whitespacesAndNewlines)
            var inner: [Diagnostic] = []
            let date = Publishing.read(entry, only: "date", diagnostics: &inner)
            diagnostics += inner
            if entry["date"] == nil {
                diagnostics.append(Diagnostic(.error, at: source.location(item.mark), Message(.correctionNeedsDateWhenWas), sourceLine: source.sourceLine(item.mark)))
            }
            if text?.isEmpty ?? true {
                diagnostics.append(Diagnostic(.error, at: source.location(item.mark), Message(.correctionNeedsTextWhatWas), sourceLine: source.sourceLine(item.mark)))
            }
            if let date, let text, !text.isEmpty { result.append(Correction(date: date, text: text)) }
        }
        // Newest first, whatever order they were written in.
        return result.enumerated().sorted { ($0.element.date, $1.offset) > ($1.element.date, $0.offset) }.map(\.element)
    }

    /// One date key of a mapping (a correction's `date:`).
    private static func read(_ mapping: YAMLMapping, only key: String, diagnostics: inout [Diagnostic]) -> PublishDate? {
        guard let node = mapping[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.mustDateWritten202012, key), sourceLine: mapping.source.sourceLine(node.mark)))
            return nil
        }
        switch PublishDate.parse(scalar.string) {
        case .success(let date): return date
        default:
            diagnostics.append(Diagnostic(.error, at: mapping.valueLocation(node), Message(.notDateWrite202104, key, scalar.string), sourceLine: mapping.source.sourceLine(node.mark)))
            return nil
        }
    }
}
