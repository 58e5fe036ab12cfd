import StatikCore
import StatikFormat
package import StatikContent
package import StatikOutput

/// The site's tables as open data: every table a page publishes (after disclosure control, in
/// the edition built) is a dataset, described for Sveriges dataportal in the DCAT-AP-SE profile
/// (`catalog.rdf`, RDF/XML) and listed for readers on the open-data page (`oppna-data/`).
///
/// A dataset is one published table, known by its page and its query: its distribution is the
/// table's CSV file beside the page (`esf/deltagare/per-po.csv`, PageDownloads), the very
/// figures the page shows with their symbols (`x`, `..`, `–`), so the catalogue adds no second
/// copy and no second writer. Its address depends on the page's path and the query's name,
/// never on where the table stands on the page. What the catalogue says of it beyond its
/// caption comes from the descriptions of the data files its query read (DatasetMetadata).
package struct OpenDataCatalogue {
    package static let fileName = "catalog.rdf"

    package struct Dataset {
        var page: PageSource
        var table: PublishedTable
        var metadata: DatasetMetadata
        var sources: [String]
        var license: String
        var publisher: String
        var contact: String
    }

    package private(set) var datasets: [Dataset] = []
    let config: SiteConfig
    let language: Language

    /// `published`: the tables of each page, by page path; `data`: what the data files'
    /// descriptions say, by lower-case table name.
    package init(pages: [PageSource], published: [String: [PublishedTable]], data: [String: (metadata: DatasetMetadata, source: String?)], config: SiteConfig) {
        self.config = config
        language = Language(code: config.language) ?? .swedish
        let publisher = Self.sitePublisher(config)
        for page in pages.sorted(by: { $0.path < $1.path }) where page.listingPage == 1 {
            for table in published[page.path] ?? [] {
                let described = table.tables.compactMap { data[$0] }
                var meta = DatasetMetadata()
                for (m, _) in described { meta.merge(m) }
                // A file whose description names no licence is under the site's.
                let license = described.map { $0.metadata.license ?? config.license }.max { Self.strictness($0) < Self.strictness($1) } ?? config.license
                let sources = described.compactMap(\.source).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                datasets.append(Dataset(page: page, table: table, metadata: meta, sources: sources, license: license,
                                        publisher: meta.publisher ?? publisher, contact: meta.contact ?? config.contact ?? publisher))
            }
        }
    }

    /// Who publishes when no description says: `publisher:`, else the first part of
    /// `contact:` (`Försäkringskassan, www.…`), else the site's title.
    static func sitePublisher(_ config: SiteConfig) -> String {
        if let publisher = config.publisher, !publisher.isEmpty { return publisher }
        if let contact = config.contact, let first = contact.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty { return first }
        return config.title
    }

    /// CC BY asks more of a reuser than CC0: a table made from files under both is under CC BY.
    static func strictness(_ license: String) -> Int { license == "CC-BY-4.0" ? 1 : 0 }

    // MARK: - Addresses

    func pageURL(_ dataset: Dataset) -> String { config.absoluteURL(dataset.page.path) }
    func fileURL(_ dataset: Dataset) -> String { config.absoluteURL(dataset.page.path + dataset.table.file) }
    func datasetURI(_ dataset: Dataset) -> String { pageURL(dataset) + "#dataset-" + String(dataset.table.file.dropLast(4)) }
    var catalogueURI: String { config.absoluteURL(Self.fileName) }

    // MARK: - RDF/XML

    /// The catalogue as RDF/XML, the form DIGG's harvester reads: a dcat:Catalog, its
    /// publisher (foaf:Agent), and each dataset with its contact point and its distribution.
    package var rdf: String {
        let lang = " xml:lang=\"\(language.rawValue)\""
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">

        """
        var agents: [String] = []
        func agent(_ name: String) -> String {
            if !agents.contains(name) { agents.append(name) }
            return catalogueURI + "#publisher-" + String(agents.firstIndex(of: name)! + 1)
        }
        let sitePublisher = agent(Self.sitePublisher(config))
        out += "  <dcat:Catalog rdf:about=\"\(Self.xml(catalogueURI))\">\n"
        out += "    <dcterms:title\(lang)>\(Self.xml(config.title + config.titleSuffix))</dcterms:title>\n"
        out += "    <dcterms:description\(lang)>\(Self.xml(language.pick("Tabellerna som webbplatsen \(config.title) publicerar, som öppna data.", "The tables published by the site \(config.title), as open data.")))</dcterms:description>\n"
        out += "    <dcterms:publisher rdf:resource=\"\(Self.xml(sitePublisher))\"/>\n"
        out += "    <foaf:homepage rdf:resource=\"\(Self.xml(config.absoluteURL("")))\"/>\n"
        out += "    <dcterms:language rdf:resource=\"http://publications.europa.eu/resource/authority/language/\(language == .english ? "ENG" : "SWE")\"/>\n"
        out += "    <dcterms:license rdf:resource=\"\(Self.xml(DatasetMetadata.licenseURL(config.license) ?? ""))\"/>\n"
        for dataset in datasets { out += "    <dcat:dataset rdf:resource=\"\(Self.xml(datasetURI(dataset)))\"/>\n" }
        out += "  </dcat:Catalog>\n"
        var body = ""
        for dataset in datasets { body += datasetRDF(dataset, publisher: agent(dataset.publisher), lang: " xml:lang=\"\(dataset.page.language.rawValue)\"") }
        for (n, name) in agents.enumerated() {
            out += "  <foaf:Agent rdf:about=\"\(Self.xml(catalogueURI + "#publisher-" + String(n + 1)))\">\n"
            out += "    <foaf:name>\(Self.xml(name))</foaf:name>\n"
            out += "    <dcterms:type rdf:resource=\"http://purl.org/adms/publishertype/NationalAuthority\"/>\n"
            out += "  </foaf:Agent>\n"
        }
        return out + body + "</rdf:RDF>\n"
    }

    private func datasetRDF(_ dataset: Dataset, publisher: String, lang: String) -> String {
        let meta = dataset.metadata, dates = dataset.page.frontMatter.publishing
        var out = "  <dcat:Dataset rdf:about=\"\(Self.xml(datasetURI(dataset)))\">\n"
        out += "    <dcterms:title\(lang)>\(Self.xml(dataset.table.caption))</dcterms:title>\n"
        let description = description(of: dataset, in: dataset.page.language)
        out += "    <dcterms:description xml:lang=\"\(description.language.rawValue)\">\(Self.xml(description.text))</dcterms:description>\n"
        out += "    <dcterms:publisher rdf:resource=\"\(Self.xml(publisher))\"/>\n"
        out += "    <dcat:contactPoint>\n      <vcard:Organization>\n        <vcard:fn>\(Self.xml(dataset.contact))</vcard:fn>\n"
        if let email = Self.email(in: dataset.contact) { out += "        <vcard:hasEmail rdf:resource=\"\(Self.xml("mailto:" + email))\"/>\n" }
        out += "      </vcard:Organization>\n    </dcat:contactPoint>\n"
        out += "    <dcat:landingPage rdf:resource=\"\(Self.xml(pageURL(dataset)))\"/>\n"
        for theme in meta.themes { out += "    <dcat:theme rdf:resource=\"http://publications.europa.eu/resource/authority/data-theme/\(Self.xml(theme))\"/>\n" }
        for code in meta.spatial { out += "    <dcterms:spatial rdf:resource=\"http://data.europa.eu/nuts/code/\(Self.xml(code))\"/>\n" }
        if meta.temporalStart != nil || meta.temporalEnd != nil {
            out += "    <dcterms:temporal>\n      <dcterms:PeriodOfTime>\n"
            if let start = meta.temporalStart { out += "        <dcat:startDate\(Self.dateType(start))>\(start.iso)</dcat:startDate>\n" }
            if let end = meta.temporalEnd { out += "        <dcat:endDate\(Self.dateType(end))>\(end.iso)</dcat:endDate>\n" }
            out += "      </dcterms:PeriodOfTime>\n    </dcterms:temporal>\n"
        }
        if let frequency = meta.frequency { out += "    <dcterms:accrualPeriodicity rdf:resource=\"http://publications.europa.eu/resource/authority/frequency/\(Self.xml(frequency))\"/>\n" }
        if let date = dates.date { out += "    <dcterms:issued\(Self.dateType(date))>\(date.iso)</dcterms:issued>\n" }
        if let modified = dates.lastModified { out += "    <dcterms:modified\(Self.dateType(modified))>\(modified.iso)</dcterms:modified>\n" }
        out += "    <dcat:distribution>\n      <dcat:Distribution rdf:about=\"\(Self.xml(fileURL(dataset)))\">\n"
        out += "        <dcterms:title\(lang)>\(Self.xml(dataset.table.file))</dcterms:title>\n"
        out += "        <dcat:accessURL rdf:resource=\"\(Self.xml(pageURL(dataset)))\"/>\n"
        out += "        <dcat:downloadURL rdf:resource=\"\(Self.xml(fileURL(dataset)))\"/>\n"
        out += "        <dcterms:license rdf:resource=\"\(Self.xml(DatasetMetadata.licenseURL(dataset.license) ?? ""))\"/>\n"
        out += "        <dcterms:format rdf:resource=\"http://publications.europa.eu/resource/authority/file-type/CSV\"/>\n"
        out += "        <dcat:mediaType rdf:resource=\"http://www.iana.org/assignments/media-types/text/csv\"/>\n"
        out += "      </dcat:Distribution>\n    </dcat:distribution>\n  </dcat:Dataset>\n"
        return out
    }

    /// The dataset's description and its language: the data file's `description:` (in the
    /// site's language), else what the table is and where it is published (in `words`); with
    /// its source.
    func description(of dataset: Dataset, in words: Language) -> (text: String, language: Language) {
        if let own = dataset.metadata.description { return (own + source(of: dataset, in: language), language) }
        let text = words.pick("Tabellen \u{201D}\(dataset.table.caption)\u{201D} på sidan \u{201D}\(dataset.page.frontMatter.title)\u{201D}.",
                              "The table \u{201C}\(dataset.table.caption)\u{201D} on the page \u{201C}\(dataset.page.frontMatter.title)\u{201D}.")
        return (text + source(of: dataset, in: words), words)
    }

    private func source(of dataset: Dataset, in words: Language) -> String {
        guard let last = dataset.sources.last else { return "" }
        return words.pick(" Källa: ", " Source: ") + dataset.sources.joined(separator: "; ") + (last.hasSuffix(".") ? "" : ".")
    }

    /// `xsd:date` for a day, `xsd:gYearMonth`, `xsd:gYear`, `xsd:dateTime` for an instant.
    static func dateType(_ date: PublishDate) -> String {
        let type: String
        switch date.precision {
        case .year: type = "gYear"
        case .month: type = "gYearMonth"
        case .day: type = "date"
        default: type = "dateTime"
        }
        return " rdf:datatype=\"http://www.w3.org/2001/XMLSchema#\(type)\""
    }

    /// The e-mail address a contact is (`statistik@example.se`), or names (`Statistik,
    /// statistik@example.se`), if any.
    static func email(in contact: String) -> String? {
        let words = contact.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" })
        return words.first { word in
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
        }.map { String($0.hasPrefix("mailto:") ? $0.dropFirst(7) : $0) }
    }

    /// Text in XML: escaped as in HTML, and without the characters XML 1.0 cannot hold.
    static func xml(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\n" || $0 == "\r" || ($0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF) }
        guard allowed else {
            var kept = String.UnicodeScalarView()
            for c in text.unicodeScalars where c == "\t" || c == "\n" || c == "\r" || (c.value >= 0x20 && c.value != 0xFFFE && c.value != 0xFFFF) { kept.append(c) }
            return escapeHTML(String(kept))
        }
        return escapeHTML(text)
    }
}

extension DatasetMetadata {
    /// What another data file read by the same table adds: the first file's words, every
    /// file's themes and regions, the widest period.
    mutating func merge(_ other: DatasetMetadata) {
        title = title ?? other.title
        description = description ?? other.description
        publisher = publisher ?? other.publisher
        contact = contact ?? other.contact
        frequency = frequency ?? other.frequency
        for theme in other.themes where !themes.contains(theme) { themes.append(theme) }
        for code in other.spatial where !spatial.contains(code) { spatial.append(code) }
        if let start = other.temporalStart, temporalStart.map({ start < $0 }) ?? true { temporalStart = start }
        if let end = other.temporalEnd, temporalEnd.map({ $0 < end }) ?? true { temporalEnd = end }
    }
}
