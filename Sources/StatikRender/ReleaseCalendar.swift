import StatikCore
package import StatikFormat
package import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// The release calendar (`Publiceringskalender`): every planned release still to come, soonest
/// first — as a list on the calendar page and as an iCalendar file (RFC 5545) readers can
/// subscribe to. A published page's `next_update` is linked to the page. A page still waiting
/// for its release (`publish_at`, or a `date` to come) is announced before it is out, as every
/// statistics office's calendar does: its title and the time of its release (and its
/// `next_update`), without a link or anything of its content until the release.
package struct ReleaseCalendar: Sendable {
    package struct Entry: Sendable, Hashable {
        var path: String
        var title: String
        var date: PublishDate
        /// When the page last changed: the entry's DTSTAMP, so that the file is the same in
        /// every build of the same input.
        var lastModified: PublishDate?
        /// Whether the page is out: only then is the entry linked to it.
        var linked = true
    }

    var entries: [Entry]
    /// Whether the site has the calendar: `release_calendar: true`, or a page with `next_update`
    /// or one still to be released.
    package var isPublished = false
    /// `publiceringskalender/` (Swedish), `release-calendar/` (English).
    package var path: String
    package var title: String
    var icsPath: String { path + "kalender.ics" }

    /// `pages`: the pages this build publishes; `announced`: those it leaves out until their
    /// release (not drafts).
    package init(pages: [PageSource], announced: [PageSource] = [], now: Int64, language: PublishDate.Language) {
        var seen: Set<String> = []
        entries = (pages + announced).filter { $0.listingPage == 1 && seen.insert($0.path).inserted }.flatMap { page -> [Entry] in
            let publishing = page.frontMatter.publishing
            let waiting = publishing.isScheduled(now: now) && !publishing.draft
            var found: [Entry] = []
            if waiting, let release = publishing.releaseAt {
                found.append(Entry(path: page.path, title: page.frontMatter.title, date: release, lastModified: publishing.lastModified, linked: false))
            }
            if let next = publishing.nextUpdate, next.endEpochSeconds > now {
                found.append(Entry(path: page.path, title: page.frontMatter.title, date: next, lastModified: publishing.lastModified, linked: !waiting))
            }
            return found
        }.sorted { ($0.date, $0.title, $0.path) < ($1.date, $1.title, $1.path) }
        let strings = UIStrings(language)
        path = strings.calendarPath
        title = strings.calendarTitle
    }

    /// Whether any page is announced before its release.
    package var announces: Bool { entries.contains { !$0.linked } }

    /// The calendar as iCalendar text: one all-day event per planned update (an event at its
    /// instant, in UTC, when `next_update` gives a time), lines folded at 75 octets, CRLF.
    func ics(config: SiteConfig) -> String {
        let host = Self.host(of: config.baseURL)
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Statik//\(Self.text(title))//\(config.language.uppercased())",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(Self.text(title + " – " + config.title))",
        ]
        if entries.isEmpty {
            // RFC 5545 wants at least one component: the time zone the site's dates are in.
            lines += Self.stockholm
        }
        for entry in entries {
            let (value, isDate) = entry.date.icalendar
            let stamp = (entry.lastModified ?? entry.date).icalendar
            let dtstamp = stamp.isDate ? stamp.value + "T000000Z" : stamp.value
            let uid = "\(entry.path.isEmpty ? "start" : entry.path.replacingOccurrences(of: "/", with: "-"))\(value)@\(host)"
            lines += [
                "BEGIN:VEVENT",
                "UID:\(Self.text(uid))",
                "DTSTAMP:\(dtstamp)",
                isDate ? "DTSTART;VALUE=DATE:\(value)" : "DTSTART:\(value)",
                "SUMMARY:\(Self.text(entry.title))",
            ] + (entry.linked ? ["URL:\(Self.text(config.absoluteURL(entry.path)))"] : []) + [
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
            if isDate, entry.date.precision != .day {
                // A month or a year: the event spans it.
                lines.insert("DTEND;VALUE=DATE:\(Self.end(of: entry.date))", at: lines.count - (entry.linked ? 4 : 3))
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private static let stockholm = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Stockholm",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    private static func end(of date: PublishDate) -> String {
        var next = date
        if date.precision == .month {
            next.month += 1
            if next.month > 12 { next.month = 1; next.year += 1 }
        } else {
            next.year += 1
        }
        next.day = 1
        next.precision = .day
        return next.icalendar.value
    }

    static func host(of baseURL: String) -> String {
        let address = WebAddress(baseURL)
        guard address.scheme != nil, !address.host.isEmpty else { return "statik.invalid" }
        return String(address.host)
    }

    /// A TEXT value: backslash, semicolon, comma and line breaks escaped.
    static func text(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(c)
            }
        }
        return out
    }

    /// A content line folded into lines of at most 75 octets, never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.unicodeScalars.append(scalar)
            count += size
        }
        return result
    }
}
