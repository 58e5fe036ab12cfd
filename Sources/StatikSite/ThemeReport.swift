public import Foundation
public import StatikCore
import StatikContent
import StatikRender

/// `statik theme`: the layers of the theme a site renders with, the first before the others,
/// and which files of the layers below the site's own theme folders replace (or add).
public struct ThemeReport: Sendable {
    /// The layers as `statik theme` names them: `themes/NAME`, …, `statik`.
    public var layers: [String] = []
    /// (the file used, the file it replaces, or nil for a file no layer below has).
    public var files: [(file: String, replaces: String?)] = []
    /// The cached partials (`cache:` of a layer's theme.yml, docs/themes.md): the partial, its
    /// keys, and the theme.yml that says so (the nearest layer's), by partial.
    public var cached: [(partial: String, keys: [String], file: String)] = []
    /// Problems of statik.yml or of the theme, as a build reports them.
    public var diagnostics: [Diagnostic] = []
    /// The site's language, for messages.
    public var language: Language?

    /// The theme of the site in `directory`, read as a build reads it.
    public static func read(site directory: URL) -> ThemeReport {
        var report = ThemeReport()
        guard let config = SiteConfig.load(from: directory, edition: .public, diagnostics: &report.diagnostics) else { return report }
        report.language = Language(code: config.language)
        let name = ThemeLayers.siteTheme(config, siteDirectory: directory)
        guard let theme = Theme.load(name: name, siteDirectory: directory, setAt: config.themeLocation, diagnostics: &report.diagnostics) else { return report }
        report.layers = theme.layers.map(\.label)
        report.cached = Theme.cacheDeclarations(theme.layers).map { ($0.declaration.partial, $0.declaration.keys, theme.layers[$0.layer].display("theme.yml")) }
        for (index, layer) in theme.layers.enumerated() where layer.folder != nil {
            for path in layer.files.keys.sorted() where path.hasPrefix("templates/") || path.hasPrefix("static/") {
                // Replaced by a layer above: not used, so not listed.
                guard !theme.layers[..<index].contains(where: { $0.files[path] != nil }) else { continue }
                let below = theme.layers[(index + 1)...].first { $0.files[path] != nil }
                report.files.append((layer.display(path), below?.display(path)))
            }
        }
        return report
    }

    /// The lines `statik theme` prints, in `language`.
    public func lines(in language: Language) -> [String] {
        guard !layers.isEmpty else { return [] }
        var lines = [Message(.themeLayersLine, layers.joined(separator: " → ")).text(language)]
        let replaced = files.filter { $0.replaces != nil }
        if replaced.isEmpty { lines.append(Message(.themeReplacesNothing).text(language)) }
        for file in files where layers.count > 1 {
            if let replaces = file.replaces {
                lines.append("  " + Message(.themeFileReplaces, file.file, replaces).text(language))
            } else {
                lines.append("  " + Message(.themeFileAdds, file.file).text(language))
            }
        }
        if !cached.isEmpty { lines.append(Message(.themeCachedPartialsLine).text(language)) }
        for partial in cached {
            lines.append("  " + Message(.themeCachedPartial, partial.partial, partial.keys, partial.file).text(language))
        }
        return lines
    }
}
