import StatikCore

/// The files a reader subscribes to, read for `statik diff`: an Atom feed's entries (read with
/// the one HTMLTokenizer: Atom is markup it reads as it reads HTML) and an iCalendar file's
/// events. Each entry is known by its date and title as a page's list or calendar shows it,
/// so that a news item in its list and in the feeds is one change.
extension SiteDiff {
    /// An Atom feed (`<feed>`), or nil for any other XML (a sitemap).
    static func readFeed(_ xml: String) -> Document? {
        var document = Document(isPage: false)
        var isFeed = false
        var entry: [String: String]?
        var element: String?
        for token in HTMLTokenizer.tokens(xml) {
            switch token {
            case .start(let tag):
                if tag.name == "feed" { isFeed = true }
                if tag.name == "entry" { entry = [:] }
                if tag.name == "link", entry != nil, entry?["link"] == nil || tag["rel"] == "alternate" { entry?["link"] = tag["href"] }
                element = ["title", "published", "updated", "summary"].contains(tag.name) ? tag.name : nil
            case .end(let name):
                if name == "entry", let e = entry {
                    document.entries.append(feedEntry(e))
                    entry = nil
                }
                element = nil
            case .text(let value):
                if let element, entry != nil { entry?[element, default: ""] += value }
            case .rawText:
                continue
            }
        }
        return isFeed ? document : nil
    }

    /// `Titel · 2026-12-04 · summary`: the date as the feed gives it, without a time when it
    /// has none (midnight UTC).
    private static func feedEntry(_ e: [String: String]) -> Entry {
        let title = spaced(e["title"] ?? ""), summary = spaced(e["summary"] ?? "")
        let date = spaced(e["published"] ?? e["updated"] ?? "")
        let shownDate = date.hasSuffix("T00:00:00Z") ? String(date.prefix(10)) : date
        let text = [title, shownDate, summary].filter { !$0.isEmpty }.joined(separator: " · ")
        return Entry(kind: .list, link: e["link"], title: title, date: date.isEmpty ? nil : date, rest: summary, text: text)
    }

    /// An iCalendar file's events (RFC 5545: lines unfolded, text values unescaped).
    static func readCalendar(_ ics: String) -> Document? {
        guard ics.hasPrefix("BEGIN:VCALENDAR") else { return nil }
        var document = Document(isPage: false)
        let unfolded = ics.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n ", with: "").replacingOccurrences(of: "\n\t", with: "")
        var event: [String: String]?
        for line in unfolded.split(separator: "\n") {
            if line == "BEGIN:VEVENT" { event = [:] }
            if line == "END:VEVENT", let e = event {
                document.entries.append(calendarEntry(e))
                event = nil
            }
            guard event != nil, let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].split(separator: ";").first.map(String.init) ?? ""
            event?[name] = unescaped(line[line.index(after: colon)...])
        }
        return document
    }

    /// `2027-01-15 – Title`; an instant (always UTC in an iCalendar file) as
    /// `2027-01-15T07:00:00Z`.
    private static func calendarEntry(_ e: [String: String]) -> Entry {
        let title = spaced(e["SUMMARY"] ?? "")
        let start = e["DTSTART"] ?? ""
        let digits = Array(start)
        var date = start
        if digits.count >= 8 {
            date = "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
            if digits.count >= 15, digits[8] == "T" {
                date += "T\(String(digits[9..<11])):\(String(digits[11..<13])):\(String(digits[13..<15]))Z"
            }
        }
        let rest = spaced(e["DESCRIPTION"] ?? "")
        let text = ["\(date) – \(title)", rest].filter { !$0.isEmpty }.joined(separator: " · ")
        return Entry(kind: .calendar, link: e["URL"], title: title, date: date, rest: rest, text: text)
    }

    /// A TEXT value: `\\`, `\;`, `\,`, `\n` as what they stand for.
    private static func unescaped(_ value: Substring) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
