import StatikCore
import StatikContent

/// The open-data page (`oppna-data/`, in English `open-data/`): the catalogue for readers, in
/// the site's language, as Markdown rendered with the theme like any page. Every text from the
/// descriptions and captions is escaped (`markdownText`): it is shown, never read as Markdown
/// or as a `{{ value }}`.
extension OpenDataCatalogue {
    package var markdown: String {
        let words = language
        var out = words.pick(
            "Varje tabell på webbplatsen är en datamängd som får användas igen: siffrorna som tabellen visar, med samma tecken (x, .., –), i en CSV-fil. ",
            "Every table of the site is a dataset that may be reused: the figures the table shows, with the same symbols (x, .., –), in a CSV file. ")
        out += markdownText(words.pick("Katalogen över datamängderna, för Sveriges dataportal (DCAT-AP-SE): ", "The catalogue of the datasets, for the Swedish data portal (DCAT-AP-SE): "))
        out += "[\(Self.fileName.replacingOccurrences(of: ".", with: "\\."))](<\(config.root + Self.fileName)>)\n\n"
        if datasets.isEmpty { return out + markdownText(words.pick("Webbplatsen publicerar inga tabeller ännu.", "The site publishes no tables yet.")) + "\n" }
        var page: String?
        for dataset in datasets {
            if dataset.page.path != page {
                page = dataset.page.path
                out += "## " + markdownText(dataset.page.frontMatter.title) + "\n\n"
            }
            out += "### " + markdownText(dataset.table.caption) + "\n\n" + markdownText(description(of: dataset)) + "\n\n"
            out += facts(dataset).map { "- **\(markdownText($0.label))**: \($0.value)\n" }.joined() + "\n"
        }
        return out
    }

    /// What the page says of a dataset, each fact a label and its Markdown.
    private func facts(_ dataset: Dataset) -> [(label: String, value: String)] {
        let words = language, meta = dataset.metadata, dates = dataset.page.frontMatter.publishing
        var facts: [(label: String, value: String)] = []
        facts.append((words.pick("Ladda ner", "Download"), "[CSV](<\(config.root + dataset.page.path + dataset.table.file)>)"))
        facts.append((words.pick("Sida", "Page"), "[\(markdownText(dataset.page.frontMatter.title))](<\(config.root + dataset.page.path)>)"))
        let license = dataset.license == "CC-BY-4.0" ? "CC BY 4.0" : "CC0 1.0"
        facts.append((words.pick("Licens", "Licence"), "[\(license)](<\(DatasetMetadata.licenseURL(dataset.license) ?? "")>)"))
        facts.append((words.pick("Utgivare", "Publisher"), markdownText(dataset.publisher)))
        facts.append((words.pick("Kontakt", "Contact"), markdownText(dataset.contact)))
        if !meta.themes.isEmpty { facts.append((words.pick("Tema", "Theme"), markdownText(meta.themes.map { Self.themeName($0, words) }.joined(separator: ", ")))) }
        if !meta.spatial.isEmpty { facts.append((words.pick("Område", "Area"), markdownText(meta.spatial.map { code in Self.regionName(code).map { "\($0) (\(code))" } ?? code }.joined(separator: ", ")))) }
        if meta.temporalStart != nil || meta.temporalEnd != nil {
            let period = (meta.temporalStart?.text(words) ?? "") + "\u{2013}" + (meta.temporalEnd?.text(words) ?? "")
            facts.append((words.pick("Period", "Period"), markdownText(period)))
        }
        if let frequency = meta.frequency { facts.append((words.pick("Uppdateras", "Updated"), markdownText(Self.frequencyName(frequency, words)))) }
        if let date = dates.date { facts.append((words.pick("Publicerad", "Published"), markdownText(date.text(words)))) }
        if let updated = dates.updated { facts.append((words.pick("Senast uppdaterad", "Last updated"), markdownText(updated.text(words)))) }
        if let next = dates.nextUpdate { facts.append((words.pick("Nästa uppdatering", "Next update"), markdownText(next.text(words)))) }
        return facts
    }

    /// Text as Markdown that shows it as it is: every ASCII punctuation character escaped
    /// (CommonMark's backslash escapes), so that neither Markdown nor `{{` reads anything in it.
    func markdownText(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if c == "\n" || c == "\r" { out += " "; continue }
            if c.isASCII, (33...47).contains(c.value) || (58...64).contains(c.value) || (91...96).contains(c.value) || (123...126).contains(c.value) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
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
