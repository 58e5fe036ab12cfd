package import StatikCore
package import StatikFormat

/// Which pages a build publishes, given its "now": drafts (`draft: true`) and pages whose
/// `publish_at` (or `date`) is still to come are left out of everything — pages, menus, lists, feeds, the
/// sitemap — unless the build is asked for drafts (`statik build --drafts`,
/// `statik serve`), which shows them with a banner. A planned update whose date has passed is
/// a warning, so that nobody forgets a release.
package struct Publication: Sendable {
    /// A page this build leaves out, for the message on a link to it.
    package struct HeldBack: Sendable, Hashable {
        package var file: String
        /// nil: a draft; else the instant it is published.
        package var until: PublishDate?
        /// Which key holds it back: `publish_at`, or `date` (a date still to come).
        package var key = "publish_at"
    }

    package var published: [PageSource] = []
    /// Page path → why it is left out.
    package var heldBack: [String: HeldBack] = [:]
    /// Pages left out until their release (`publish_at`, or a `date` still to come), not
    /// drafts: the release calendar announces them, without a link.
    package var announced: [PageSource] = []
    /// Pages waiting for their `publish_at` (or `date`), soonest first (drafts builds included).
    package var scheduled: [(file: String, at: PublishDate)] = []

    /// `now`: seconds since 1970 (SOURCE_DATE_EPOCH, `--now` or the clock).
    package init(_ pages: [PageSource], now: Int64, drafts: Bool, diagnostics: inout [Diagnostic]) {
        var scheduled: Set<String> = []
        for page in pages {
            let publishing = page.frontMatter.publishing
            let release = publishing.releaseAt
            if let at = release, at.epochSeconds > now, !publishing.draft, scheduled.insert(page.file).inserted {
                self.scheduled.append((page.file, at))
            }
            if publishing.isHeldBack(now: now) && !drafts {
                let key = release != nil && release == publishing.publishAt ? "publish_at" : "date"
                heldBack[page.path] = HeldBack(file: page.file, until: publishing.draft ? nil : release, key: key)
                if !publishing.draft { announced.append(page) }
                continue
            }
            if let next = publishing.nextUpdate, next.endEpochSeconds <= now, let location = publishing.nextUpdateLocation {
                diagnostics.append(Diagnostic(.warning, at: location, Message(.plannedUpdatePageNextUpdate, next.iso), sourceLine: publishing.nextUpdateLine))
            }
            published.append(page)
        }
        self.scheduled.sort { ($0.at, $0.file) < ($1.at, $1.file) }
    }
}
