import StatikCore

/// Atom feeds (RFC 4287): one for the whole site (`feed.xml`, every dated list's items) and one
/// per dated list (`aktuellt/feed.xml`). An entry's `updated` is its last change — its date,
/// its update or its newest correction — and a correction is told in the entry's summary, so a
/// feed reader shows the corrected entry as updated. The feed's own `updated` is that of its
/// newest entry, not the build's time: two builds of the same input write the same feed.
enum Feeds {
    /// The feed's entries, newest first, at most this many.
    static let maximumEntries = 50

    static func atom(title: String, feedPath: String, alternatePath: String, items: [Listings.Item], config: SiteConfig) -> String {
        let language = (Language(code: config.language) ?? .swedish)
        let strings = UIStrings(language)
        let entries = Array(items.sorted { ($0.lastModified, $1.path) > ($1.lastModified, $0.path) }.prefix(maximumEntries))
        let updated = entries.map(\.lastModified).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escapeHTML(config.language))">
          <title>\(escapeHTML(title))</title>
          <id>\(escapeHTML(config.absoluteURL(feedPath)))</id>
          <link rel="self" type="application/atom+xml" href="\(escapeHTML(config.absoluteURL(feedPath)))"/>
          <link rel="alternate" type="text/html" href="\(escapeHTML(config.absoluteURL(alternatePath)))"/>
          <updated>\(updated)</updated>
          <author><name>\(escapeHTML(config.title))</name></author>
          <generator>Statik</generator>

        """
        for item in entries {
            var summary = item.description ?? ""
            if let correction = item.corrections.first {
                let note = "\(strings.correction) \(correction.date.text(language)): \(correction.text)"
                summary = summary.isEmpty ? note : "\(note) \(summary)"
            }
            xml += """
              <entry>
                <title>\(escapeHTML(item.title))</title>
                <id>\(escapeHTML(config.absoluteURL(item.path)))</id>
                <link rel="alternate" type="text/html" href="\(escapeHTML(config.absoluteURL(item.path)))"/>
                <published>\(item.date.rfc3339)</published>
                <updated>\(item.lastModified.rfc3339)</updated>

            """
            if !summary.isEmpty { xml += "    <summary>\(escapeHTML(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}

/// The release calendar (`Publiceringskalender`): every published page with a `next_update`
/// still to come, soonest first — as a list on the calendar page and as an iCalendar file
/// (RFC 5545) readers can subscribe to.
struct ReleaseCalendar: Sendable {
    struct Entry: Sendable, Hashable {
        var path: String
        var title: String
        var date: PublishDate
        /// When the page last changed: the entry's DTSTAMP, so that the file is the same in
        /// every build of the same input.
        var lastModified: PublishDate?
    }

    var entries: [Entry]
    /// Whether the site has the calendar: `release_calendar: true`, or a page with `next_update`.
    var isPublished = false
    /// `publiceringskalender/` (Swedish), `release-calendar/` (English).
    var path: String
    var title: String
    var icsPath: String { path + "kalender.ics" }

    init(pages: [PageSource], now: Int64, language: PublishDate.Language) {
        entries = pages.compactMap { page in
            let publishing = page.frontMatter.publishing
            guard page.listingPage == 1, let next = publishing.nextUpdate, next.endEpochSeconds > now else { return nil }
            return Entry(path: page.path, title: page.frontMatter.title, date: next, lastModified: publishing.lastModified)
        }.sorted { ($0.date, $0.title, $0.path) < ($1.date, $1.title, $1.path) }
        let strings = UIStrings(language)
        path = strings.calendarPath
        title = strings.calendarTitle
    }

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
                "URL:\(Self.text(config.absoluteURL(entry.path)))",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
            if isDate, entry.date.precision != .day {
                // A month or a year: the event spans it.
                lines.insert("DTEND;VALUE=DATE:\(Self.end(of: entry.date))", at: lines.count - 4)
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

    private static func host(of baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "statik.invalid" }
        let rest = baseURL[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        return host.isEmpty ? "statik.invalid" : String(host)
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

/// The words a theme gets from Statik for dates, corrections and lists, in the page's language.
struct UIStrings: Sendable {
    var published, updated, nextUpdate, correction, draft, scheduled, calendarTitle, calendarPath: String
    var noPlannedUpdates, subscribe, feed, newer, older, pageOf, latest: String
    var notFoundTitle, notFoundText, toStart: String

    init(_ language: PublishDate.Language) {
        switch language {
        case .swedish:
            (published, updated, nextUpdate, correction) = ("Publicerad", "Uppdaterad", "Nästa uppdatering", "Rättelse")
            (draft, scheduled) = ("Utkast – sidan publiceras inte", "Schemalagd – sidan publiceras")
            (calendarTitle, calendarPath) = ("Publiceringskalender", "publiceringskalender/")
            (noPlannedUpdates, subscribe, feed) = ("Inga uppdateringar är planerade just nu.", "Prenumerera på kalendern (iCalendar)", "Nyhetsflöde (Atom)")
            (newer, older, pageOf, latest) = ("Nyare", "Äldre", "Sida", "Senaste nytt")
            (notFoundTitle, notFoundText, toStart) = ("Sidan finns inte", "Sidan du söker finns inte här. Den kan ha flyttats eller tagits bort, eller så är adressen felskriven.", "Till startsidan")
        case .english:
            (published, updated, nextUpdate, correction) = ("Published", "Updated", "Next update", "Correction")
            (draft, scheduled) = ("Draft – this page is not published", "Scheduled – this page is published")
            (calendarTitle, calendarPath) = ("Release calendar", "release-calendar/")
            (noPlannedUpdates, subscribe, feed) = ("No updates are planned at the moment.", "Subscribe to the calendar (iCalendar)", "News feed (Atom)")
            (newer, older, pageOf, latest) = ("Newer", "Older", "Page", "Latest news")
            (notFoundTitle, notFoundText, toStart) = ("Page not found", "The page you are looking for is not here. It may have been moved or removed, or the address may be mistyped.", "To the start page")
        }
    }
}
