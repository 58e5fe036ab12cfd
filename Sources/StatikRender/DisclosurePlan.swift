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
    package var partners = Set<BaseCell>()
    /// Step 3 of each planned page, by page path, as decided with `partners`.
    package var outcomes: [String: PageQueries.Outcome] = [:]

    package init(partners: Set<BaseCell> = [], outcomes: [String: PageQueries.Outcome] = [:]) {
        self.partners = partners
        self.outcomes = outcomes
    }

    /// The most runs over the site's pages.
    static let maximumRounds = 4

    package static func make(_ pages: [PageSource], countTables: Set<String>, renderer: @Sendable (PageSource) -> PageRenderer) -> DisclosurePlan {
        guard !countTables.isEmpty else { return DisclosurePlan() }
        let planned = pages.filter { page in
            SourceRouting.queryBlocks(of: page).contains { $0.tableReferences.contains { countTables.contains($0.key) } }
        }
        guard !planned.isEmpty else { return DisclosurePlan() }
        var plan = DisclosurePlan()
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
        return plan
    }

    /// What the plan adds to every page's digest (the render cache): its partners.
    package func combine(into hasher: inout StableHasher) {
        for cell in partners.sorted() { hasher.combine(cell.description) }
    }
}
