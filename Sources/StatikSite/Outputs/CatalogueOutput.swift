import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// The open-data catalogue (`catalog.rdf`, DCAT-AP-SE as RDF/XML) and its page for readers
/// (`oppna-data/`), when `catalogue: true` for the edition built (OpenDataCatalogue). Made
/// once every page is rendered or kept, from the tables each published; in the public
/// edition the leak check reads both, as every file Statik assembles.
struct CatalogueOutput: SiteOutput {
    static func pagePath(_ language: Language) -> String { language == .english ? "open-data/" : "oppna-data/" }

    func paths(_ claim: SiteOutputClaim) -> [String] {
        claim.config.catalogue ? [OpenDataCatalogue.fileName] : []
    }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        guard site.config.catalogue else { return }
        let catalogue = OpenDataCatalogue(pages: site.plan.sitePages, published: site.datasets, data: site.inputs.data.catalogue, config: site.config)
        assembly.files.write(OpenDataCatalogue.fileName, catalogue.rdf)
        guard let path = site.plan.cataloguePath, let page = site.plan.pages.first(where: { $0.path == path && $0.isGenerated }) else { return }
        let inputs = site.inputs
        let rendered = Site.generatedPage(page, content: catalogue.html, store: inputs.store, theme: inputs.theme, map: site.plan.map, config: site.config, dated: site.plan.dated)
        assembly.diagnostics += rendered.diagnostics
        if let html = rendered.html { assembly.files.write(path + "index.html", html) }
    }
}
