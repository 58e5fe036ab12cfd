package import Foundation
import StatikMustache
package import StatikCore
import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// A theme: Mustache templates (with partials and layout inheritance) and static files, merged
/// from its layers (ThemeLayers: the site's theme, the themes it extends, the built-in theme).
package struct Theme: Sendable {
    package let name: String
    let library: TemplateLibrary
    package let templates: Set<String>
    /// The static files to publish (path below the site root → the file, from the first layer
    /// that has it), links into the site followed; a link out of the site is an error, not a file.
    package let staticFiles: [(path: String, source: ThemeFile, display: String)]
    /// Where a template missing from the theme is to be written: the site's theme's folder.
    package let folder: String
    /// Each template's text: what a page rendered with it depends on.
    package let sources: [String: String]
    /// The layers, the site's first.
    package let layers: [ThemeLayer]
    /// Where its cached partials are included (`cache:` of theme.yml): PartialCache.
    let partialCache: PartialCachePlan

    /// The templates a template uses (partials and parents), itself included.
    package func closure(of name: String) -> [String] {
        var seen = Set<String>()
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let text = sources[next] else { continue }
            for marker in ["{{>", "{{<"] {
                var rest = text[...]
                while let range = rest.range(of: marker) {
                    let after = rest[range.upperBound...].drop(while: { $0 == " " })
                    let name = after.prefix { $0 != "}" && $0 != " " }
                    pending.append(String(name))
                    rest = after
                }
            }
        }
        return seen.sorted()
    }

    package static func load(name: String, siteDirectory: URL, setAt location: SourceLocation, diagnostics: inout [Diagnostic]) -> Theme? {
        var linksOK = true
        guard let layers = ThemeLayers.resolve(name: name, siteDirectory: siteDirectory, setAt: location, linksOK: &linksOK, diagnostics: &diagnostics) else { return nil }
        let merged = ThemeLayers.merge(layers)
        let templates = compileTemplates(merged, layers: layers, diagnostics: &diagnostics)
        let folder = layers[0].folder ?? "themes/\(name)"
        let referencesExist = checkReferences(templates, folder: folder, diagnostics: &diagnostics)
        let noLoops = checkLoops(templates, diagnostics: &diagnostics)
        // A name a page is not given would render as nothing: an error at its line.
        diagnostics += ThemeCheck(sources: templates.sources, files: templates.files).diagnostics()
        guard linksOK && templates.ok && referencesExist && noLoops else { return nil }
        var library = templates.library
        let partialCache = cachePlan(templates, merged: merged, layers: layers, library: &library, diagnostics: &diagnostics)
        var staticFiles: [(path: String, source: ThemeFile, display: String)] = []
        for path in merged.keys.sorted() where path.hasPrefix("static/") {
            let (file, layer) = merged[path]!
            staticFiles.append((String(path.dropFirst("static/".count)), file, layers[layer].display(path)))
        }
        return Theme(
            name: name, library: library, templates: templates.names,
            staticFiles: staticFiles, folder: folder, sources: templates.sources, layers: layers, partialCache: partialCache
        )
    }

    /// The cached partials in effect (`cache:` of the layers' theme.yml), by partial: each one's
    /// declaration from the nearest layer that declares it, and that layer's index.
    package static func cacheDeclarations(_ layers: [ThemeLayer]) -> [(declaration: PartialCacheDeclaration, layer: Int)] {
        var found: [String: (declaration: PartialCacheDeclaration, layer: Int)] = [:]
        for (index, layer) in layers.enumerated() {
            for declaration in layer.cache where found[declaration.partial] == nil { found[declaration.partial] = (declaration, index) }
        }
        return found.keys.sorted().map { found[$0]! }
    }

    /// The plan of the theme's cached partials, its including templates and stubs put in the
    /// library. A partial's declaration is the nearest layer's; it is its own when that layer
    /// holds the partial too.
    private static func cachePlan(_ templates: Templates, merged: [String: (file: ThemeFile, layer: Int)], layers: [ThemeLayer], library: inout TemplateLibrary, diagnostics: inout [Diagnostic]) -> PartialCachePlan {
        var declarations: [String: (declaration: PartialCacheDeclaration, own: Bool)] = [:]
        for (declaration, index) in cacheDeclarations(layers) {
            let holder = merged["templates/\(declaration.partial).mustache"]?.layer
            declarations[declaration.partial] = (declaration, holder == nil || holder == index)
        }
        guard !declarations.isEmpty else { return PartialCachePlan() }
        let check = PartialCacheCheck(sources: templates.sources, tags: templates.sources.mapValues(MustacheTag.scan), files: templates.files, declarations: declarations)
        let plan = check.plan(diagnostics: &diagnostics)
        for (name, text) in plan.rewritten {
            if let template = try? Template(string: text) { library.register(template, named: name) }
        }
        for include in plan.includes {
            if let stub = try? Template(string: "{{{\(include.name)}}}") { library.register(stub, named: include.name) }
        }
        return plan
    }

    /// A theme's files (paths below its folder), those that are links out of the site's
    /// folder (not used), and whether every link in it leads somewhere inside the site.
    struct Files {
        var files: [String]
        var outside: Set<String>
        var linksOK: Bool
    }

    /// The files of the theme folder `directory` (`folder` below the site). The theme follows
    /// the rules of content/: a link may lead anywhere inside the site's folder, never out of
    /// it, and a link that leads nowhere is an error. Nil when the theme's folder itself is a
    /// link out of the site.
    static func listFiles(_ directory: URL, folder: String, siteDirectory: URL, name: String, setAt location: SourceLocation, diagnostics: inout [Diagnostic]) -> Files? {
        let realSite = realPath(siteDirectory.standardizedFileURL.path)
        var linkOK = true
        var themeLink = stat()
        if lstat(directory.path, &themeLink) == 0, themeLink.st_mode & S_IFMT == S_IFLNK {
            let real = realPath(directory.path)
            if !(real.hasPrefix(realSite + "/")) {
                diagnostics.append(.error(Message(.themesLinkOutsideSiteS, name, real), at: location))
                return nil
            }
        }
        let (themeFiles, linked, linkedFolders, broken) = ContentTree.listFiles(directory)
        for link in broken {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/" + link)) ?? "?"
            diagnostics.append(.error(Message(.linkWhichDoesNotExist2, target), at: SourceLocation(file: "\(folder)/\(link)")))
            linkOK = false
        }
        for link in linkedFolders {
            diagnostics.append(.warning(Message(.linkFolderWhichBuildDoes2), at: SourceLocation(file: "\(folder)/\(link)")))
        }
        var outside = Set<String>()
        for relative in themeFiles where linked.contains(relative) {
            let real = realPath(directory.path + "/" + relative)
            if !real.hasPrefix(realSite + "/") {
                diagnostics.append(.error(Message(.linkFileOutsideSiteS, real), at: SourceLocation(file: "\(folder)/\(relative)")))
                outside.insert(relative)
                linkOK = false
            }
        }
        return Files(files: themeFiles, outside: outside, linksOK: linkOK)
    }

    /// A theme's templates, compiled: the library, their names, their texts by name, and
    /// whether every one could be read and compiled.
    struct Templates {
        var library = TemplateLibrary()
        var names = Set<String>()
        var sources: [String: String] = [:]
        /// Each template's file as messages name it (`themes/NAME/templates/page.mustache`,
        /// `statik:templates/page.mustache`): the layer that holds it.
        var files: [String: String] = [:]
        /// Templates that exist but could not be read or compiled (their problem is reported).
        var failed = Set<String>()
        var ok = true
    }

    /// Reads and compiles the `.mustache` files of `templates/`, each from the first layer that
    /// has it; a file that cannot be read, or a template with a syntax error, is an error at its
    /// line in the layer that holds it.
    static func compileTemplates(_ merged: [String: (file: ThemeFile, layer: Int)], layers: [ThemeLayer], diagnostics: inout [Diagnostic]) -> Templates {
        var templates = Templates()
        let relatives = merged.keys.filter { $0.hasPrefix("templates/") && $0.hasSuffix(".mustache") }.sorted()
        for path in relatives {
            let relative = String(path.dropFirst("templates/".count))
            let file = layers[merged[path]!.layer].display(path)
            templates.files[String(relative.dropLast(".mustache".count))] = file
            guard let data = merged[path]!.file.bytes, let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(Message(.couldNotReadTemplateUtf), at: SourceLocation(file: file)))
                templates.failed.insert(String(relative.dropLast(".mustache".count)))
                templates.ok = false
                continue
            }
            do {
                let template = try Template(string: text)
                let name = String(relative.dropLast(".mustache".count))
                templates.library.register(template, named: name)
                templates.names.insert(name)
                templates.sources[name] = text
            } catch {
                let line = text.split(separator: "\n", omittingEmptySubsequences: false)
                // Not closed: the tag that opens it is what to mend, not the end of the file.
                if error.kind == .expectedSectionEnd, let open = unclosedSection(in: text) {
                    diagnostics.append(Diagnostic(
                        .error, at: SourceLocation(file: file, line: open.line, column: open.column),
                        Message(.mustacheSectionOpenedNeverClosed, open.name, open.name),
                        sourceLine: open.line - 1 < line.count ? String(line[open.line - 1]) : nil
                    ))
                    templates.failed.insert(String(relative.dropLast(".mustache".count)))
                    templates.ok = false
                    continue
                }
                let index = error.line - 1
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: file, line: error.line, column: error.column + 1),
                    Message(.template, describe(error.kind)),
                    sourceLine: index >= 0 && index < line.count ? String(line[index]) : nil
                ))
                templates.failed.insert(String(relative.dropLast(".mustache".count)))
                templates.ok = false
            }
        }
        return templates
    }

    /// Mustache renders a missing partial as nothing and a missing parent as an empty page: a
    /// template that names one is an error here, with the line that names it. True when
    /// every template named exists. One that exists but could not be compiled is not missing:
    /// its own error stands for the templates that use it.
    static func checkReferences(_ templates: Templates, folder: String, diagnostics: inout [Diagnostic]) -> Bool {
        var ok = true
        for name in templates.names.sorted() {
            for reference in references(in: templates.sources[name] ?? "") where !templates.names.contains(reference.name) && !templates.failed.contains(reference.name) {
                let line = (templates.sources[name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)[reference.line - 1]
                let kind = reference.isParent ? Message(.wordParentTemplate) : Message(.wordPartial)
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: templates.files[name] ?? name, line: reference.line, column: reference.column),
                    Message(.templateDoesNotExistTemplates, kind, reference.name, folder, reference.name),
                    sourceLine: String(line)
                ))
                ok = false
            }
        }
        return ok
    }

    /// A partial or parent that includes itself, directly or through others, would render
    /// forever (swift-mustache recurses until the stack runs out): an error at the tag that
    /// closes the loop. True when there is no such loop.
    static func checkLoops(_ templates: Templates, diagnostics: inout [Diagnostic]) -> Bool {
        let names = templates.names, sources = templates.sources
        var ok = true
        var state: [String: Int] = [:]  // 1: on the path, 2: done
        var path: [String] = []
        func visit(_ name: String) {
            state[name] = 1
            path.append(name)
            for reference in references(in: sources[name] ?? "") where names.contains(reference.name) && !reference.inSection {
                if state[reference.name] == 1 {
                    let loop = (path.drop { $0 != reference.name } + [reference.name]).joined(separator: " → ")
                    let line = (sources[name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)[reference.line - 1]
                    diagnostics.append(Diagnostic(
                        .error, at: SourceLocation(file: templates.files[name] ?? name, line: reference.line, column: reference.column),
                        Message(.templateIncludesItselfPageWould, reference.name, loop),
                        sourceLine: String(line)
                    ))
                    ok = false
                } else if state[reference.name] == nil {
                    visit(reference.name)
                }
            }
            path.removeLast()
            state[name] = 2
        }
        for name in names.sorted() where state[name] == nil { visit(name) }
        return ok
    }

    /// The partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with positions.
    /// `inSection`: inside a `{{#…}}` or `{{^…}}` section, where a partial that includes itself
    /// ends with the data (a menu of a tree of pages); outside one it never ends.
    private static func references(in text: String) -> [(name: String, isParent: Bool, line: Int, column: Int, inSection: Bool)] {
        var found: [(String, Bool, Int, Int, Bool)] = []
        var depth = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                rest = after
                guard let sign = after.first else { continue }
                if sign == "#" || sign == "^" { depth += 1; continue }
                if sign == "/" { depth = max(0, depth - 1); continue }
                guard sign == ">" || sign == "<" else { continue }
                let name = after.dropFirst().drop(while: { $0 == " " }).prefix { $0 != "}" && $0 != " " }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { found.append((String(name), sign == "<", i + 1, column, depth > 0)) }
            }
        }
        return found
    }

    /// The innermost section, block or parent of `text` that no `{{/…}}` closes.
    static func unclosedSection(in text: String) -> MustacheTag? {
        var open: [MustacheTag] = []
        for tag in MustacheTag.scan(text) {
            switch tag.kind {
            case .section, .block, .parent: open.append(tag)
            case .close: if !open.isEmpty { open.removeLast() }
            default: continue
            }
        }
        return open.last
    }

    private static func describe(_ error: TemplateSyntaxError.Kind) -> Message {
        switch error {
        case .sectionCloseNameIncorrect: Message(.mustacheSectionCloseName)
        case .unfinishedName, .unexpectedEnd: Message(.mustacheUnfinishedTag)
        case .expectedSectionEnd: Message(.mustacheSectionNotClosed)
        case .invalidSetDelimiter: Message(.mustacheBadDelimiter)
        case .transformAppliedToInheritanceSection: Message(.mustacheTransformOnInheritance)
        case .illegalTokenInsideInheritSection: Message(.mustacheInheritContent)
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: Message(.mustacheContentType)
        }
    }

    /// A page's HTML from `template`; cached partials are answered from `cache` (one per build).
    package func render(_ context: TemplateObject, template: String, cache: PartialCacheStore? = nil) -> String? {
        renderBytes(context, template: template, cache: cache).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same as `render`, as the UTF-8 bytes of the file to write.
    package func renderBytes(_ context: TemplateObject, template: String, cache: PartialCacheStore? = nil) -> [UInt8]? {
        guard !partialCache.isEmpty else { return library.renderBytes(context, withTemplate: template) }
        // The including templates name stubs, which only this context answers.
        return library.renderBytes(CachingContext(base: context, plan: partialCache, library: library, store: cache ?? PartialCacheStore()), withTemplate: template)
    }
}
