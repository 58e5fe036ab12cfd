package import Foundation
import StatikCore
import StatikYAML
package import StatikContent

/// Where a theme file's bytes are: a file in the site's `themes/`, or the built-in theme's,
/// carried in the binary.
package enum ThemeFile: Sendable {
    case disk(URL)
    case builtIn(Data)

    package var bytes: Data? {
        switch self {
        case .disk(let url): FileManager.default.contents(atPath: url.path)
        case .builtIn(let data): data
        }
    }
}

/// One theme of the chain a site renders with: the site's theme first, then the theme it
/// extends (`extends:` in its `theme.yml`), …, the built-in theme `statik` last when the chain
/// reaches it. A file is looked up in each layer in turn; the first that has it is the one used.
package struct ThemeLayer: Sendable {
    package let name: String
    /// `themes/NAME`, or nil for the built-in theme.
    package let folder: String?
    /// Path below the theme's folder (`templates/page.mustache`, `static/css/statik.css`) → file.
    package let files: [String: ThemeFile]
    /// The partials its `theme.yml` says to render once per value of their keys (`cache:`).
    package var cache: [PartialCacheDeclaration] = []

    /// How a file of the layer is named in messages: `themes/NAME/templates/page.mustache`, or
    /// `statik:templates/page.mustache` for the built-in theme's.
    package func display(_ relative: String) -> String {
        folder.map { "\($0)/\(relative)" } ?? "\(ThemeLayers.builtInName):\(relative)"
    }

    /// The layer's name in a list of layers: its folder, or `statik`.
    package var label: String { folder ?? ThemeLayers.builtInName }
}

package enum ThemeLayers {
    /// The built-in theme's name: `theme: statik`, `extends: statik`.
    package static let builtInName = "statik"

    /// The built-in theme (themes/default/ of Statik's repository, embedded by
    /// scripts/embed-theme into DefaultTheme.swift).
    package static let builtIn: ThemeLayer = {
        let files = DefaultTheme.files.mapValues { ThemeFile.builtIn(Data(base64Encoded: $0) ?? Data()) }
        var ignored: [Diagnostic] = []  // the built-in theme.yml is read without a problem (ThemeLayersTests)
        let settings = files["theme.yml"]?.bytes.map { readSettings(file: "\(builtInName):theme.yml", data: $0, diagnostics: &ignored) }
        return ThemeLayer(name: builtInName, folder: nil, files: files.filter { $0.key != "theme.yml" }, cache: settings?.cache ?? [])
    }()

    /// The theme a site renders with: `theme:` of statik.yml when it is set; without one the
    /// site's `themes/default/` when it has that folder (sites made before the built-in theme
    /// could be named), else the built-in theme.
    package static func siteTheme(_ config: SiteConfig, siteDirectory: URL) -> String {
        if config.themeIsSet { return config.theme }
        var isDirectory: ObjCBool = false
        let legacy = siteDirectory.appendingPathComponent("themes/\(config.theme)").path
        return FileManager.default.fileExists(atPath: legacy, isDirectory: &isDirectory) && isDirectory.boolValue ? config.theme : builtInName
    }

    /// The chain of layers of the theme `name`, the site's first. Each folder theme's
    /// `theme.yml` may name the theme it extends; a chain that comes back to a theme is an error
    /// naming the chain, and a theme that does not exist is an error at the `extends:` that
    /// names it, with the nearest name. `linksOK` is false when a theme's folder holds a link
    /// out of the site (reported; its files are left out). Nil when there is no chain to use.
    static func resolve(name: String, siteDirectory: URL, setAt location: SourceLocation, linksOK: inout Bool, diagnostics: inout [Diagnostic]) -> [ThemeLayer]? {
        var layers: [ThemeLayer] = []
        var chain: [String] = []
        var current = name, at = location
        while true {
            if current == builtInName {
                warnAboutStatikFolder(siteDirectory: siteDirectory, at: at, diagnostics: &diagnostics)
                return layers + [builtIn]
            }
            if chain.contains(current) {
                let loop = (chain.drop { $0 != current } + [current]).joined(separator: " → ")
                diagnostics.append(.error(Message(.themeExtendsLoop, current, loop), at: at))
                return nil
            }
            // A folder under themes/, by its name: never a path that leads elsewhere.
            guard !current.isEmpty, !current.hasPrefix("."), !current.contains("/"), !current.contains("\\"), !current.contains("\0") else {
                diagnostics.append(.error(Message(.themeMustNameFolderThemes, current), at: at))
                return nil
            }
            let folder = "themes/\(current)"
            let directory = siteDirectory.appendingPathComponent(folder)
            if !chain.isEmpty && !isFolder(directory) {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: siteDirectory.appendingPathComponent("themes").path)) ?? [])
                    .filter { !$0.hasPrefix(".") && !chain.contains($0) } + [builtInName]
                diagnostics.append(.error(Message(.themeParentMissing, current, closest(to: current, in: names.sorted()) ?? builtInName), at: at))
                return nil
            }
            chain.append(current)
            guard let listed = Theme.listFiles(directory, folder: folder, siteDirectory: siteDirectory, name: current, setAt: at, diagnostics: &diagnostics) else { return nil }
            linksOK = linksOK && listed.linksOK
            var files: [String: ThemeFile] = [:]
            for relative in listed.files where !listed.outside.contains(relative) && relative != "theme.yml" {
                files[relative] = .disk(directory.appendingPathComponent(relative))
            }
            let settings = FileManager.default.contents(atPath: directory.appendingPathComponent("theme.yml").path)
                .map { readSettings(file: "\(folder)/theme.yml", data: $0, diagnostics: &diagnostics) } ?? ThemeSettings()
            layers.append(ThemeLayer(name: current, folder: folder, files: files, cache: settings.cache))
            guard let parent = settings.parent else {
                // Extending nothing, the theme stands alone: it must have every template itself.
                guard isFolder(directory.appendingPathComponent("templates")) else {
                    diagnostics.append(.error(Message(.themeHasNoTemplatesFolder, current, folder), at: at))
                    return nil
                }
                return layers
            }
            (current, at) = parent
        }
    }

    /// What a theme's `theme.yml` says: the theme it extends (`extends:`) and where that is
    /// written, and the partials it caches (`cache:`). Other keys are warned about.
    static func readSettings(file: String, data: Data, diagnostics: inout [Diagnostic]) -> ThemeSettings {
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error(Message(.notUtf8Text, file), at: SourceLocation(file: file)))
            return ThemeSettings()
        }
        let source = YAMLSource(file: file, firstLine: 1, text: text)
        guard let node = source.parse(into: &diagnostics),
              let mapping = YAMLMapping(node, source: source, what: Message(.aName, file), diagnostics: &diagnostics)
        else { return ThemeSettings() }
        mapping.warnUnknownKeys(allowed: ["extends", "cache"], what: Message(.whatSetting), into: &diagnostics)
        var settings = ThemeSettings(cache: PartialCacheDeclaration.list(mapping, diagnostics: &diagnostics))
        if let parent = mapping.string("extends", into: &diagnostics) { settings.parent = (parent, mapping.location(of: "extends")) }
        return settings
    }

    /// `themes/statik/` is never read (the name is the built-in theme's): a warning, so that
    /// an override put there is not lost unseen.
    private static func warnAboutStatikFolder(siteDirectory: URL, at location: SourceLocation, diagnostics: inout [Diagnostic]) {
        guard isFolder(siteDirectory.appendingPathComponent("themes/\(builtInName)")) else { return }
        diagnostics.append(.warning(Message(.themeFolderNamedStatik), at: SourceLocation(file: "themes/\(builtInName)")))
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Each file of the merged theme with the layer it comes from: the first layer that has a
    /// path wins.
    static func merge(_ layers: [ThemeLayer]) -> [String: (file: ThemeFile, layer: Int)] {
        var merged: [String: (file: ThemeFile, layer: Int)] = [:]
        for (index, layer) in layers.enumerated().reversed() {
            for (path, file) in layer.files { merged[path] = (file, index) }
        }
        return merged
    }
}
