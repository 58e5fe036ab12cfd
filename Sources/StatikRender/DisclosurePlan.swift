package import StatikCore
package import StatikData
package import StatikContent
import StatikOutput
import StatikSources
package import StatikBlocks

/// The site's disclosure plan, made before any page is rendered: the cells of data tables that
/// some page withholds as partners (secondary suppression), so that no other page built from
/// the same data publishes them and gives the small count they protect away; and each planned
/// page's queries as decided with them, which its rendering then uses.
///
/// A page is planned when its queries read a table with count columns. The pages are run
/// again while one of them withholds a partner no page withheld before (each run on all
/// cores); a cell withheld as a partner anywhere is sensitive everywhere.
package struct DisclosurePlan: Sendable {
    /// The cells the public edition's pages withhold as partners: withheld (public) or marked
    /// (intranet) on every page both editions have.
    package var partners = Set<BaseCell>()
    /// In the intranet edition, the cells its own pages (`edition: intranet`) withhold as
    /// partners besides: withheld there too, never marked on a page the public edition has
    /// (the public edition publishes them). Empty in the public edition.
    package var intranetPartners = Set<BaseCell>()
    /// Step 3 of each planned page, by page path, as decided with its partners.
    package var outcomes: [String: PageQueries.Outcome] = [:]
    /// Every run of a page this plan made or took from the last one (`PlanRuns`), and how
    /// many of each (`statik serve --timings`).
    package var runs = PlanRuns()
    package var ran = 0
    package var kept = 0

    package init(partners: Set<BaseCell> = [], intranetPartners: Set<BaseCell> = [], outcomes: [String: PageQueries.Outcome] = [:], runs: PlanRuns = PlanRuns()) {
        self.partners = partners
        self.intranetPartners = intranetPartners
        self.outcomes = outcomes
        self.runs = runs
    }

    /// The partners withheld on `page`.
    package func partners(for page: PageSource) -> Set<BaseCell> {
        page.frontMatter.edition == .intranet ? partners.union(intranetPartners) : partners
    }

    /// The most runs over the site's pages.
    static let maximumRounds = 4

    /// The plan of `edition`. In the intranet edition, a mark says what the public edition
    /// withholds: the pages both editions have are planned as the public edition has them
    /// (`PageSource.publicView`, run as in the public edition), so that a partner only an
    /// intranet-only page or block withholds is not marked on a figure the public edition
    /// publishes. Their outcomes are not kept (the intranet runs them again, unwithheld); the
    /// intranet's own pages are planned after, with the public partners known.
    ///
    /// `runs`: the last plan's runs of pages (a preview's rebuild), each kept by `digest`, the
    /// digest of a page and of what the plan reads for it (the tables its queries name); nil:
    /// none kept.
    package static func make(_ pages: [PageSource], countTables: Set<String>, edition: Edition = .public, runs kept: PlanRuns = PlanRuns(),
                             digest: (@Sendable (PageSource, _ tables: Set<String>) -> StableDigest)? = nil,
                             renderer: @Sendable (PageSource) -> PageRenderer) -> DisclosurePlan {
        guard !countTables.isEmpty else { return DisclosurePlan() }
        /// A planned page with the tables its queries name; nil when it reads no count.
        func planned(_ page: PageSource) -> Planned? {
            let tables = PageRenderer.tablesRead(SourceRouting.queryBlocks(of: page), store: renderer(page).store)
            guard !tables.isDisjoint(with: countTables) else { return nil }
            return Planned(page: page, tables: tables, digest: digest?(page, tables))
        }
        guard edition == .intranet else { return rounds(pages.compactMap(planned), kept: kept, renderer: renderer) }
        let shared = pages.compactMap(\.publicView).compactMap(planned)
        var publicPlan = rounds(shared, kept: kept, public: true, renderer: { page in
            var renderer = renderer(page)
            renderer.edition = .public
            return renderer
        })
        var own = rounds(pages.filter { $0.frontMatter.edition == .intranet }.compactMap(planned), known: publicPlan.partners, kept: kept, renderer: renderer)
        own.runs.runs.merge(publicPlan.runs.runs) { a, _ in a }
        publicPlan.runs = PlanRuns()
        var plan = DisclosurePlan(partners: publicPlan.partners, intranetPartners: own.partners.subtracting(publicPlan.partners), outcomes: own.outcomes, runs: own.runs)
        plan.ran = publicPlan.ran + own.ran
        plan.kept = publicPlan.kept + own.kept
        return plan
    }

    /// A page the plan runs: the tables its queries name, and its digest for `PlanRuns`.
    struct Planned: Sendable {
        var page: PageSource
        var tables: Set<String>
        var digest: StableDigest?

        /// What a run of it is kept by, given the partners known: only those of its tables.
        func key(known: Set<BaseCell>, public: Bool) -> PlanRuns.Key? {
            digest.map { PlanRuns.Key(page: $0, known: known.filter { tables.contains($0.table.lowercased()) }, asPublic: `public`) }
        }
    }

    /// The pages run again while one of them withholds a partner no page withheld before,
    /// starting from the partners `known`.
    /// A run kept in `kept` (same page, same tables, same partners of them known) is taken as
    /// it is: the same inputs give the same outcome.
    private static func rounds(_ planned: [Planned], known start: Set<BaseCell> = [], kept: PlanRuns, public: Bool = false,
                               renderer: @Sendable (PageSource) -> PageRenderer) -> DisclosurePlan {
        guard !planned.isEmpty else { return DisclosurePlan(partners: start) }
        var plan = DisclosurePlan(partners: start)
        var outcomes = [PageQueries.Outcome?](repeating: nil, count: planned.count)
        // The pages to run: all at first, then those with a figure made from a new partner.
        var pending = Array(planned.indices)
        for _ in 0..<maximumRounds {
            let known = plan.partners
            let keys = pending.map { planned[$0].key(known: known, public: `public`) }
            let made = concurrentMap(Array(zip(pending, keys))) { i, key -> PageQueries.Outcome? in
                if let key, let run = kept.runs[key] { return run }
                var renderer = renderer(planned[i].page)
                renderer.sitePartners = known
                return renderer.planDisclosure()
            }
            for (key, outcome) in zip(keys, made) {
                if let key, kept.runs[key] != nil { plan.kept += 1 } else { plan.ran += 1 }
                if let key, let outcome { plan.runs.runs[key] = outcome }
            }
            for (i, outcome) in zip(pending, made) { outcomes[i] = outcome }
            let found = made.reduce(into: Set<BaseCell>()) { $0.formUnion($1?.partners ?? []) }.subtracting(known)
            if found.isEmpty {
                for (page, outcome) in zip(planned, outcomes) where outcome != nil { plan.outcomes[page.page.path] = outcome }
                return plan
            }
            plan.partners.formUnion(found)
            pending = planned.indices.filter { outcomes[$0].map { !$0.madeFrom.isDisjoint(with: found) } ?? false }
        }
        // Still growing: every page decides again when it is rendered, with all the partners.
        plan.outcomes = [:]
        return plan
    }

    /// What the plan adds to every page's digest (the render cache): its partners.
    /// (Its `runs` are how it was made, not what it decided.)
    package func combine(into hasher: inout StableHasher) {
        for cell in partners.sorted() { hasher.combine(cell.description) }
        if !intranetPartners.isEmpty { hasher.combine("intranet") }
        for cell in intranetPartners.sorted() { hasher.combine(cell.description) }
    }
}

/// The runs of pages a disclosure plan made, kept between rebuilds of a preview (SiteSession):
/// a page whose run would have the same inputs (`Key`) is not run again. After one CSV value
/// changed, only the pages whose queries name its table are run (the example site: 9 of 39).
package struct PlanRuns: Sendable {
    package struct Key: Hashable, Sendable {
        /// The page, and everything the plan reads for it (DisclosureStage.runDigest).
        var page: StableDigest
        /// The partners known, of the tables its queries name.
        var known: Set<BaseCell>
        /// Run as the public edition (a page's public view, in the intranet edition).
        var asPublic: Bool
    }
    var runs: [Key: PageQueries.Outcome] = [:]

    package init() {}
}
