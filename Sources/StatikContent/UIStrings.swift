import StatikCore
package import StatikFormat

/// The words a theme gets from Statik for dates, corrections and lists, in the page's language.
package struct UIStrings: Sendable {
    package var published, updated, nextUpdate, correction, draft, scheduled, calendarTitle, calendarPath: String
    package var noPlannedUpdates, subscribe, feed, newer, older, pageOf, latest: String
    package var notFoundTitle, notFoundText, toStart: String
    /// In the feed: the pages a data file's correction concerns, and the fragment of a
    /// correction's own entry (`rattelse-1`).
    package var correctionConcerns, correctionFragment: String

    package init(_ language: PublishDate.Language) {
        switch language {
        case .swedish:
            (published, updated, nextUpdate, correction) = ("Publicerad", "Uppdaterad", "Nästa uppdatering", "Rättelse")
            (draft, scheduled) = ("Utkast – sidan publiceras inte", "Schemalagd – sidan publiceras")
            (calendarTitle, calendarPath) = ("Publiceringskalender", "publiceringskalender/")
            (noPlannedUpdates, subscribe, feed) = ("Inga uppdateringar är planerade just nu.", "Prenumerera på kalendern (iCalendar)", "Nyhetsflöde (Atom)")
            (newer, older, pageOf, latest) = ("Nyare", "Äldre", "Sida", "Senaste nytt")
            (correctionConcerns, correctionFragment) = ("Rättelsen gäller", "rattelse")
            (notFoundTitle, notFoundText, toStart) = ("Sidan finns inte", "Sidan du söker finns inte här. Den kan ha flyttats eller tagits bort, eller så är adressen felskriven.", "Till startsidan")
        case .english:
            (published, updated, nextUpdate, correction) = ("Published", "Updated", "Next update", "Correction")
            (draft, scheduled) = ("Draft – this page is not published", "Scheduled – this page is published")
            (calendarTitle, calendarPath) = ("Release calendar", "release-calendar/")
            (noPlannedUpdates, subscribe, feed) = ("No updates are planned at the moment.", "Subscribe to the calendar (iCalendar)", "News feed (Atom)")
            (newer, older, pageOf, latest) = ("Newer", "Older", "Page", "Latest news")
            (correctionConcerns, correctionFragment) = ("The correction concerns", "correction")
            (notFoundTitle, notFoundText, toStart) = ("Page not found", "The page you are looking for is not here. It may have been moved or removed, or the address may be mistyped.", "To the start page")
        }
    }
}
