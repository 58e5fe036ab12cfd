package import Foundation
package import StatikCore
import StatikYAML
import Yams

/// The site's settings, from `statik.yml`, for one edition.
public struct SiteConfig: Sendable {
    public var edition = Edition.public
    public var title = "Statik"
    /// Added to every page's `<title>`, e.g. " (intranät)".
    public var titleSuffix = ""
    public var baseURL = "/" {
        didSet { root = Self.root(of: baseURL) }
    }
    public var language = "sv"
    public var theme = "default"
    /// Whether statik.yml says `theme:` (without it: `themes/default/` if the site has one,
    /// else the built-in theme; ThemeLayers.siteTheme).
    package var themeIsSet = false
    public var output: String?
    /// Where `output:` was set, for a message about a folder Statik will not write to.
    package var outputLocation: SourceLocation?
    /// `<meta name="robots">`; the intranet edition is `noindex, nofollow` unless set.
    public var robots: String?
    /// A line shown above every page, e.g. the intranet's "Intern version".
    public var banner: String?
    /// Counts of persons above zero and under this are not published (disclosure control).
    public var suppressBelow = 5
    /// Where `theme:` was set, for a message about a theme that does not exist.
    package var themeLocation = SourceLocation(file: fileName)
    /// Let authors' raw HTML through (off by default: it is left out of the page).
    public var unsafeHTML = false
    /// Publish the release calendar (a page and an iCalendar file) even when no page plans an
    /// update; it is published anyway as soon as one page has `next_update:`.
    public var releaseCalendar = false
    /// The line at the foot of every page (default: the site's title).
    public var footer: String?
    /// Whom readers contact about the statistics (on the cover of every page's workbook).
    public var contact: String?
    /// Full-text search (Pagefind) and an A–Ö index of every page and table (`SearchIndex`).
    public var search = false
    /// Where `search:` was set, for a message about Pagefind.
    package var searchLocation = SourceLocation(file: fileName)
    /// The open-data catalogue (DCAT-AP-SE, `katalog.rdf`) and its page of datasets; per
    /// edition (`editions: intranet: catalogue: false`: the intranet has none).
    public var catalogue = false
    /// The licence of the datasets whose description names none (`license:`, an SPDX identifier).
    public var license = "CC0-1.0"
    /// Who publishes the datasets whose description names no `publisher:` (default: `contact:`'s
    /// first part, else the site's title).
    public var publisher: String?
    /// Data sources other than the CSV files (`sources:`; SourceSetting). Not per edition.
    public var sources: [SourceSetting] = []
    /// `aliases:`, old addresses and the pages they send readers to (AliasSetting); those
    /// under `editions: NAME:` are added in that edition.
    package var aliases: [AliasSetting] = []

    package static let fileName = "statik.yml"

    /// Line `number` of the site's statik.yml, for a message about a setting.
    package static func line(_ number: Int, in directory: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) : nil
    }
    static let keys = ["title", "title_suffix", "baseURL", "language", "theme", "output", "robots", "banner", "suppress_below", "unsafe_html", "release_calendar", "footer", "contact", "search", "catalogue", "license", "publisher", "aliases"]

    /// The path every link of the site starts with: `/` or, for `https://x.se/esf/`, `/esf/`.
    public private(set) var root = "/"

    private static func root(of baseURL: String) -> String {
        var path = String(WebAddress(baseURL).path)
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// The absolute URL of a page path (`esf/deltagare/`), for the sitemap and canonical links.
    public func absoluteURL(_ path: String) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        return base + path
    }

    /// The site folder for a command run in `folder`: `folder` when it has statik.yml, else the
    /// nearest folder above it that has one (a writer working in `content/esf/`), else `folder`
    /// itself (whose missing statik.yml is then the error).
    package static func siteFolder(from folder: URL) -> URL {
        let start = folder.standardizedFileURL
        var candidate = start
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(fileName).path) { return candidate }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return start }
            candidate = parent
        }
    }

    /// The settings for `edition`: the top-level ones, then those under `editions: NAME:`.
    package static func load(from directory: URL, edition: Edition, diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error(Message(.noHereStatikSiteStatik, fileName), at: SourceLocation(file: fileName)))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error(Message(.notUtf8Text, fileName), at: SourceLocation(file: fileName)))
            return nil
        }
        var config = SiteConfig()
        config.edition = edition
        if edition == .intranet {
            config.robots = "noindex, nofollow"
            config.banner = "Intern version – får inte publiceras externt"
            config.titleSuffix = " (intern)"
            config.output = "public-intranet"
        }
        let source = YAMLSource(file: fileName, firstLine: 1, text: text)
        let errorsBefore = diagnostics.errors.count
        let node = source.parse(into: &diagnostics)
        if node == nil { return diagnostics.errors.count > errorsBefore ? nil : config }  // empty: defaults
        guard let mapping = YAMLMapping(node, source: source, what: Message(.aName, fileName), diagnostics: &diagnostics) else { return nil }
        mapping.warnUnknownKeys(allowed: keys + ["editions", "sources"], what: Message(.whatSetting), into: &diagnostics)
        config.read(mapping, diagnostics: &diagnostics)
        if let sources = mapping["sources"] {
            config.sources = SourceSetting.read(sources, source: source, diagnostics: &diagnostics)
        }
        var ownBaseURL = false
        if let editions = mapping["editions"] {
            guard let sections = YAMLMapping(editions, source: source, what: Message(.mapEditions), diagnostics: &diagnostics) else { return nil }
            sections.warnUnknownKeys(allowed: Edition.allCases.map(\.rawValue), what: Message(.whatEdition), into: &diagnostics)
            if let section = sections[edition.rawValue] {
                guard let settings = YAMLMapping(section, source: source, what: Message(.mapEditionsOf, edition.rawValue), diagnostics: &diagnostics) else { return nil }
                settings.warnUnknownKeys(allowed: keys.filter { $0 != "unsafe_html" && $0 != "theme" }, what: Message(.whatEditionSetting), into: &diagnostics)
                config.read(settings, diagnostics: &diagnostics)
                ownBaseURL = settings["baseURL"] != nil
            }
        }
        // An edition other than the public one is published at an address of its own: its
        // sitemap, feeds, calendar and canonical links must not name the public site's pages.
        if edition != .public && !ownBaseURL {
            let at = mapping.location(of: "editions")
            diagnostics.append(.error(Message(.editionNeedsBaseurlOwnSitemap, edition.rawValue, edition.rawValue, fileName), at: mapping["editions"] == nil ? SourceLocation(file: fileName) : at))
        }
        return diagnostics.errors.count > errorsBefore ? nil : config
    }

    private mutating func read(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) {
        if let v = mapping.string("title", into: &diagnostics) { title = v }
        aliases += AliasSetting.table(mapping, diagnostics: &diagnostics)
        if let v = mapping.string("title_suffix", into: &diagnostics) { titleSuffix = v }
        if let v = mapping.string("baseURL", into: &diagnostics) {
            if let scheme = URLPolicy.refusedScheme(v) {
                diagnostics.append(.error(Message(.baseurlMustSiteSAddress, scheme), at: mapping["baseURL"].map { mapping.valueLocation($0) } ?? mapping.location(of: "baseURL")))
            } else if v.lowercased().hasPrefix("mailto:") || v.lowercased().hasPrefix("tel:") {
                diagnostics.append(.error(Message(.baseurlMustSiteSAddress2), at: mapping["baseURL"].map { mapping.valueLocation($0) } ?? mapping.location(of: "baseURL")))
            } else {
                baseURL = v
            }
        }
        if let v = mapping.string("language", into: &diagnostics) { language = v }
        if let v = mapping.string("output", into: &diagnostics) {
            // `output: ~` and `output: null` are YAML's "nothing": as empty as `output:`.
            let isNull = mapping["output"].map { node in
                if case .scalar(let scalar) = node, scalar.style == .plain, ["~", "null", "Null", "NULL"].contains(scalar.string) { return true }
                return false
            } ?? false
            output = isNull ? "" : v
            outputLocation = mapping["output"].map { mapping.valueLocation($0) } ?? mapping.location(of: "output")
        }
        if let v = mapping.string("robots", into: &diagnostics) { robots = v }
        if let v = mapping.string("footer", into: &diagnostics) { footer = v }
        if let v = mapping.string("contact", into: &diagnostics) { contact = v }
        if let v = mapping.string("publisher", into: &diagnostics) { publisher = v }
        if let v = mapping.string("license", into: &diagnostics) {
            if DatasetMetadata.licenses[v] != nil { license = v } else {
                diagnostics.append(.error(Message(.siteLicenseMustBe, DatasetMetadata.licenses.keys.sorted().joined(separator: ", "), v), at: mapping.location(of: "license")))
            }
        }
        if let node = mapping["catalogue"] {
            if let flag = node.bool { catalogue = flag } else {
                diagnostics.append(.error(Message(.catalogueMustTrueFalse), at: mapping.location(of: "catalogue")))
            }
        }
        if let v = mapping.string("banner", into: &diagnostics) { banner = v.isEmpty ? nil : v }
        if let v = mapping.string("theme", into: &diagnostics) {
            theme = v
            themeIsSet = true
            themeLocation = mapping.location(of: "theme")
        }
        if let node = mapping["suppress_below"] {
            if let n = node.int, n >= 0 { suppressBelow = n } else {
                diagnostics.append(.error(Message(.suppressBelowMustWholeNumber), at: mapping.location(of: "suppress_below")))
            }
        }
        if let node = mapping["search"] {
            searchLocation = mapping.location(of: "search")
            if let flag = node.bool { search = flag } else {
                diagnostics.append(.error(Message(.searchMustTrueFalse), at: mapping.location(of: "search")))
            }
        }
        if let node = mapping["release_calendar"] {
            if let flag = node.bool { releaseCalendar = flag } else {
                diagnostics.append(.error(Message(.releaseCalendarMustTrueFalse), at: mapping.location(of: "release_calendar")))
            }
        }
        if let node = mapping["unsafe_html"] {
            if let flag = node.bool { unsafeHTML = flag } else {
                diagnostics.append(.error(Message(.unsafeHtmlMustTrueFalse), at: mapping.location(of: "unsafe_html")))
            }
        }
    }
}
