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

    package init(partners: Set<BaseCell> = [], intranetPartners: Set<BaseCell> = [], outcomes: [String: PageQueries.Outcome] = [:]) {
        self.partners = partners
        self.intranetPartners = intranetPartners
        self.outcomes = outcomes
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
    package static func make(_ pages: [PageSource], countTables: Set<String>, edition: Edition = .public, renderer: @Sendable (PageSource) -> PageRenderer) -> DisclosurePlan {
        guard !countTables.isEmpty else { return DisclosurePlan() }
        func reads(_ page: PageSource) -> Bool {
            SourceRouting.queryBlocks(of: page).contains { $0.tableReferences.contains { countTables.contains($0.key) } }
        }
        guard edition == .intranet else { return rounds(pages.filter(reads), renderer: renderer) }
        let shared = pages.compactMap(\.publicView).filter(reads)
        let publicPlan = rounds(shared, renderer: { page in
            var renderer = renderer(page)
            renderer.edition = .public
            return renderer
        })
        let own = rounds(pages.filter { $0.frontMatter.edition == .intranet && reads($0) }, known: publicPlan.partners, renderer: renderer)
        return DisclosurePlan(partners: publicPlan.partners, intranetPartners: own.partners.subtracting(publicPlan.partners), outcomes: own.outcomes)
    }

    /// The pages run again while one of them withholds a partner no page withheld before,
    /// starting from the partners `known`.
    private static func rounds(_ planned: [PageSource], known start: Set<BaseCell> = [], renderer: @Sendable (PageSource) -> PageRenderer) -> DisclosurePlan {
        guard !planned.isEmpty else { return DisclosurePlan(partners: start) }
        var plan = DisclosurePlan(partners: start)
        var outcomes = [PageQueries.Outcome?](repeating: nil, count: planned.count)
        // The pages to run: all at first, then those with a figure made from a new partner.
        var pending = Array(planned.indices)
        for _ in 0..<maximumRounds {
            let known = plan.partners
            let made = concurrentMap(pending.map { planned[$0] }) { page -> PageQueries.Outcome? in
                var renderer = renderer(page)
                renderer.sitePartners = known
                return renderer.planDisclosure()
            }
            for (i, outcome) in zip(pending, made) { outcomes[i] = outcome }
            let found = made.reduce(into: Set<BaseCell>()) { $0.formUnion($1?.partners ?? []) }.subtracting(known)
            if found.isEmpty {
                for (page, outcome) in zip(planned, outcomes) where outcome != nil { plan.outcomes[page.path] = outcome }
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
    package func combine(into hasher: inout StableHasher) {
        for cell in partners.sorted() { hasher.combine(cell.description) }
        if !intranetPartners.isEmpty { hasher.combine("intranet") }
        for cell in intranetPartners.sorted() { hasher.combine(cell.description) }
    }
}
