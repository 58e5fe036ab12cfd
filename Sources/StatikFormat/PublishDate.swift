import Foundation
package import StatikCore

/// A date as a page's front matter gives it (`date:`, `updated:`, `next_update:`,
/// `publish_at:`, a correction's `date:`): a year (`2019`, when the source gives only a year),
/// a month (`2021-05`), a day (`2020-12-31`), or an instant with its offset
/// (`2026-12-01T08:00:00+01:00`). It is shown as precisely as it was written, never more: a year
/// is never shown as a day.
package struct PublishDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package enum Precision: Int, Sendable, Hashable { case year, month, day, instant }

    package var year: Int
    package var month = 1
    package var day = 1
    /// For an instant: the time of day and the offset from UTC it was written with.
    var hour = 0, minute = 0, second = 0
    var offsetMinutes = 0
    package var precision: Precision

    /// What `parse` says about text that is not a date.
    package enum Problem: Error, Equatable {
        case notADate
        case noOffset
        case impossible(Message)
    }

    /// Reads `2019`, `2021-05`, `2020-12-31`, `2020-12-31T08:00:00+01:00` (also with `Z`, a
    /// space for `T`, without seconds).
    package static func parse(_ raw: String) -> Result<PublishDate, Problem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
        }
        guard let year = number(0..<4) else { return .failure(.notADate) }
        var date = PublishDate(year: year, precision: .year)
        if bytes.count == 4 { return date.checked() }
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-"), let month = number(5..<7) else { return .failure(.notADate) }
        date.month = month
        date.precision = .month
        if bytes.count == 7 { return date.checked() }
        guard bytes.count >= 10, bytes[7] == UInt8(ascii: "-"), let day = number(8..<10) else { return .failure(.notADate) }
        date.day = day
        date.precision = .day
        if bytes.count == 10 { return date.checked() }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let hour = number(11..<13), bytes.count >= 16, bytes[13] == UInt8(ascii: ":"), let minute = number(14..<16)
        else { return .failure(.notADate) }
        date.hour = hour
        date.minute = minute
        date.precision = .instant
        var i = 16
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard let second = number(17..<19) else { return .failure(.notADate) }
            date.second = second
            i = 19
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {  // fractions of a second: dropped
                i += 1
                while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            }
        }
        guard i < bytes.count else { return .failure(.noOffset) }
        if bytes[i] == UInt8(ascii: "Z"), i + 1 == bytes.count {
            date.offsetMinutes = 0
        } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"), bytes.count == i + 6,
                  let h = number((i + 1)..<(i + 3)), bytes[i + 3] == UInt8(ascii: ":"), let m = number((i + 4)..<(i + 6)), h <= 14, m < 60 {
            date.offsetMinutes = (bytes[i] == UInt8(ascii: "-") ? -1 : 1) * (h * 60 + m)
        } else {
            return .failure(.notADate)
        }
        return date.checked()
    }

    private func checked() -> Result<PublishDate, Problem> {
        guard (1...12).contains(month) else { return .failure(.impossible(Message(.dateNoSuchMonth, month))) }
        let days = [31, Self.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return .failure(.impossible(Message(.dateMonthHasDays, String(format: "%04d-%02d", year, month), days))) }
        guard hour < 24, minute < 60, second < 60 else { return .failure(.impossible(Message(.dateNoSuchTime))) }
        return .success(self)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Seconds since 1970-01-01T00:00:00Z of the start of the date (a date without a time is
    /// taken at midnight UTC: it orders pages and decides what is overdue, to the day).
    package var epochSeconds: Int64 {
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month), d = Int64(day)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
    }

    /// The end of the period the date names: a day ends at midnight, a year on 31 December.
    /// A `next_update` is overdue only once its whole period is over.
    package var endEpochSeconds: Int64 {
        switch precision {
        case .instant: return epochSeconds
        case .day: return epochSeconds + 86_400
        case .month:
            var next = self
            next.month += 1
            if next.month > 12 { next.month = 1; next.year += 1 }
            return next.epochSeconds
        case .year:
            var next = self
            next.year += 1
            return next.epochSeconds
        }
    }

    package static func < (a: Self, b: Self) -> Bool {
        (a.epochSeconds, a.precision.rawValue) < (b.epochSeconds, b.precision.rawValue)
    }

    package var description: String { iso }

    /// As written, normalised: `2019`, `2021-05`, `2020-12-31`, `2026-12-01T08:00:00+01:00` —
    /// what `<time datetime>` and a sitemap's `lastmod` take.
    package var iso: String {
        let date: String
        switch precision {
        case .year: return Self.pad(year, 4)
        case .month: return "\(Self.pad(year, 4))-\(Self.pad(month, 2))"
        default: date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        }
        if precision == .day { return date }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = offsetMinutes == 0 ? "Z" : "\(sign)\(Self.pad(abs(offsetMinutes) / 60, 2)):\(Self.pad(abs(offsetMinutes) % 60, 2))"
        return "\(date)T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))\(offset)"
    }

    /// The day, as `date:` takes it: `2026-12-04` (an instant's day in its own offset).
    package var dayISO: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// A full RFC 3339 instant, as Atom requires: a date without a time is its first instant
    /// in UTC (`2019` → `2019-01-01T00:00:00Z`); that is a feed reader's field, never shown.
    package var rfc3339: String {
        precision == .instant ? iso : "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T00:00:00Z"
    }

    /// iCalendar's forms: `20270315` (a day, `VALUE=DATE`) or `20261201T070000Z` (an instant,
    /// in UTC).
    package var icalendar: (value: String, isDate: Bool) {
        if precision != .instant { return ("\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))", true) }
        let utc = PublishDate(epochSeconds: epochSeconds)
        return ("\(Self.pad(utc.year, 4))\(Self.pad(utc.month, 2))\(Self.pad(utc.day, 2))T\(Self.pad(utc.hour, 2))\(Self.pad(utc.minute, 2))\(Self.pad(utc.second, 2))Z", false)
    }

    /// The instant `seconds` after 1970 in UTC.
    package init(epochSeconds seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d, hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60, offsetMinutes: 0, precision: .instant)
    }

    init(year: Int, month: Int = 1, day: Int = 1, hour: Int = 0, minute: Int = 0, second: Int = 0, offsetMinutes: Int = 0, precision: Precision) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetMinutes = offsetMinutes
        self.precision = precision
    }

    package typealias Language = StatikCore.Language

    static func monthNames(_ language: Language) -> [String] {
        switch language {
        case .swedish: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
        case .english: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        }
    }

    /// For readers: `31 december 2020`, `december 2020`, `2019`; an instant with its time as
    /// written (`1 december 2026 kl. 08.00`). English: `31 December 2020`, `1 December 2026, 08:00`.
    package func text(_ language: Language) -> String {
        let name = Self.monthNames(language)[month - 1]
        switch precision {
        case .year: return String(year)
        case .month: return "\(name) \(year)"
        case .day: return "\(day) \(name) \(year)"
        case .instant:
            return language == .swedish
                ? "\(day) \(name) \(year) kl. \(Self.pad(hour, 2)).\(Self.pad(minute, 2))"
                : "\(day) \(name) \(year), \(Self.pad(hour, 2)):\(Self.pad(minute, 2))"
        }
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}


