import StatikCore
import StatikContent

/// The open-data page (`oppna-data/`, in English `open-data/`): the catalogue for readers, in
/// the site's language, as the page's content in the theme's layout. Statik writes its HTML
/// itself, every text from the descriptions and captions escaped: it is shown as written, never
/// read as Markdown or as a `{{ value }}`.
extension OpenDataCatalogue {
    package var html: String {
        let words = language
        var out = "<p>" + escapeHTML(words.pick(
            "Varje tabell på webbplatsen är en datamängd som får användas igen: siffrorna som tabellen visar, med samma tecken (x, .., –), i en CSV-fil. Katalogen över datamängderna, för Sveriges dataportal (DCAT-AP-SE): ",
            "Every table of the site is a dataset that may be reused: the figures the table shows, with the same symbols (x, .., –), in a CSV file. The catalogue of the datasets, for the Swedish data portal (DCAT-AP-SE): "))
        out += link(config.root + Self.fileName, Self.fileName) + "</p>\n"
        if datasets.isEmpty { return out + "<p>" + escapeHTML(words.pick("Webbplatsen publicerar inga tabeller ännu.", "The site publishes no tables yet.")) + "</p>\n" }
        var page: String?
        for dataset in datasets {
            if dataset.page.path != page {
                page = dataset.page.path
                out += "<h2\(langAttribute(dataset))>" + escapeHTML(dataset.page.frontMatter.title) + "</h2>\n"
            }
            out += "<h3\(langAttribute(dataset))>" + escapeHTML(dataset.table.caption) + "</h3>\n"
            let description = description(of: dataset, in: language)
            out += "<p>" + escapeHTML(description.text) + "</p>\n<ul>\n"
            out += facts(dataset).map { "<li><strong>\(escapeHTML($0.label))</strong>: \($0.html)</li>\n" }.joined() + "</ul>\n"
        }
        return out
    }

    /// ` lang="en"` on a heading of a page in another language than the site's.
    private func langAttribute(_ dataset: Dataset) -> String {
        dataset.page.language == language ? "" : " lang=\"\(dataset.page.language.rawValue)\""
    }

    private func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escapeHTML(href))\">\(escapeHTML(text))</a>"
    }

    /// What the page says of a dataset, each fact a label and its HTML.
    private func facts(_ dataset: Dataset) -> [(label: String, html: String)] {
        let words = language, meta = dataset.metadata, dates = dataset.page.frontMatter.publishing
        var facts: [(label: String, html: String)] = []
        func text(_ label: String, _ value: String) { facts.append((label, escapeHTML(value))) }
        facts.append((words.pick("Ladda ner", "Download"), link(config.root + dataset.page.path + dataset.table.file, "CSV")))
        facts.append((words.pick("Sida", "Page"), link(config.root + dataset.page.path, dataset.page.frontMatter.title)))
        let license = dataset.license == "CC-BY-4.0" ? "CC BY 4.0" : "CC0 1.0"
        facts.append((words.pick("Licens", "Licence"), link(DatasetMetadata.licenseURL(dataset.license) ?? "", license)))
        text(words.pick("Utgivare", "Publisher"), dataset.publisher)
        text(words.pick("Kontakt", "Contact"), dataset.contact)
        if !meta.themes.isEmpty { text(words.pick("Tema", "Theme"), meta.themes.map { Self.themeName($0, words) }.joined(separator: ", ")) }
        if !meta.spatial.isEmpty { text(words.pick("Område", "Area"), meta.spatial.map { code in Self.regionName(code).map { "\($0) (\(code))" } ?? code }.joined(separator: ", ")) }
        if meta.temporalStart != nil || meta.temporalEnd != nil {
            text(words.pick("Period", "Period"), Self.period(meta.temporalStart?.text(words) ?? "", meta.temporalEnd?.text(words) ?? ""))
        }
        if let frequency = meta.frequency { text(words.pick("Uppdateras", "Updated"), Self.frequencyName(frequency, words)) }
        if let date = dates.date { text(words.pick("Publicerad", "Published"), date.text(words)) }
        if let updated = dates.updated { text(words.pick("Senast uppdaterad", "Last updated"), updated.text(words)) }
        if let next = dates.nextUpdate { text(words.pick("Nästa uppdatering", "Next update"), next.text(words)) }
        return facts
    }

    /// A period as the page shows it: `2014–2020`, but `2014 – 31 december 2020` (a spaced dash
    /// between parts with spaces); one year or day given as both ends is that one (`2012`).
    static func period(_ start: String, _ end: String) -> String {
        if start == end { return start }
        return start + (start.contains(" ") || end.contains(" ") ? " \u{2013} " : "\u{2013}") + end
    }

    /// The EU's data themes by name.
    static func themeName(_ code: String, _ language: Language) -> String {
        let names: [String: (String, String)] = [
            "AGRI": ("Jordbruk, fiske, skogsbruk och livsmedel", "Agriculture, fisheries, forestry and food"),
            "ECON": ("Ekonomi och finans", "Economy and finance"), "EDUC": ("Utbildning, kultur och sport", "Education, culture and sport"),
            "ENER": ("Energi", "Energy"), "ENVI": ("Miljö", "Environment"), "GOVE": ("Regeringen och den offentliga sektorn", "Government and public sector"),
            "HEAL": ("Hälsa", "Health"), "INTR": ("Internationella frågor", "International issues"),
            "JUST": ("Rättvisa, rättsliga system och allmän säkerhet", "Justice, legal system and public safety"), "OP_DATPRO": ("Preliminära uppgifter", "Provisional data"),
            "REGI": ("Regioner och städer", "Regions and cities"), "SOCI": ("Befolkning och samhälle", "Population and society"),
            "TECH": ("Vetenskap och teknik", "Science and technology"), "TRAN": ("Transport", "Transport"),
        ]
        return names[code].map { language.pick($0.0, $0.1) } ?? code
    }

    /// Sweden's NUTS 2 regions by name.
    static func regionName(_ code: String) -> String? {
        ["SE11": "Stockholm", "SE12": "Östra Mellansverige", "SE21": "Småland med öarna", "SE22": "Sydsverige", "SE23": "Västsverige",
         "SE31": "Norra Mellansverige", "SE32": "Mellersta Norrland", "SE33": "Övre Norrland"][code]
    }

    /// The EU's update frequencies in words.
    static func frequencyName(_ code: String, _ language: Language) -> String {
        let names: [String: (String, String)] = [
            "ANNUAL": ("varje år", "annual"), "ANNUAL_2": ("två gånger om året", "semiannual"), "ANNUAL_3": ("tre gånger om året", "three times a year"),
            "BIENNIAL": ("vartannat år", "biennial"), "BIMONTHLY": ("varannan månad", "bimonthly"), "BIWEEKLY": ("varannan vecka", "biweekly"),
            "CONT": ("kontinuerligt", "continuous"), "DAILY": ("varje dag", "daily"), "DAILY_2": ("två gånger om dagen", "twice a day"),
            "DECENNIAL": ("vart tionde år", "decennial"), "HOURLY": ("varje timme", "hourly"), "IRREG": ("oregelbundet", "irregular"),
            "MONTHLY": ("varje månad", "monthly"), "MONTHLY_2": ("två gånger i månaden", "twice a month"), "MONTHLY_3": ("tre gånger i månaden", "three times a month"),
            "NEVER": ("aldrig", "never"), "OTHER": ("annat", "other"), "QUADRENNIAL": ("vart fjärde år", "quadrennial"), "QUARTERLY": ("varje kvartal", "quarterly"),
            "QUINQUENNIAL": ("vart femte år", "quinquennial"), "TRIENNIAL": ("vart tredje år", "triennial"), "UNKNOWN": ("okänt", "unknown"),
            "UPDATE_CONT": ("löpande", "continuously"), "WEEKLY": ("varje vecka", "weekly"), "WEEKLY_2": ("två gånger i veckan", "twice a week"),
            "WEEKLY_3": ("tre gånger i veckan", "three times a week"),
        ]
        return names[code].map { language.pick($0.0, $0.1) } ?? code
    }
}
