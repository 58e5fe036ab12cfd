package import Foundation
package import StatikCore
import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// Full-text search over the built pages with Pagefind, the field's static search: its index is
/// files beside the pages (`pagefind/`), searched in the reader's browser, offline, per edition
/// (the intranet's index is built from the intranet's pages only). Pagefind stems by the pages'
/// `lang` (`sv`: "deltagare" finds "deltagarna"). Statik runs the `pagefind` binary (PyPI
/// `pagefind-bin`, where scripts/install-deps puts it, else on the PATH) over a copy of the
/// pages and publishes the index with the site, so it is in the manifest and swapped in with
/// the pages it belongs to. Its output is the same for the same pages.
package enum SearchIndex {
    package struct Problem: Error { package var message: Message }

    /// Where scripts/install-deps puts Pagefind: `~/.cache/statik-tools/pagefind`
    /// (`$STATIK_TOOLS/pagefind` when that is set, as for the script).
    package static var installed: String {
        let environment = ProcessInfo.processInfo.environment
        // $HOME as scripts/install-deps has it (the shell's ~), else the user's home folder.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let tools = environment["STATIK_TOOLS"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache/statik-tools"
        return tools + "/pagefind"
    }

    /// Where `pagefind` was looked for, for the message when it was not found.
    package static var lookedFor: Message {
        if let given = ProcessInfo.processInfo.environment["STATIK_PAGEFIND"], !given.isEmpty {
            return Message(.pagefindVariableNotAProgram, given)
        }
        return Message(.pagefindLookedFor, installed)
    }

    /// The `pagefind` binary, or nil: `STATIK_PAGEFIND` when it names one, else the one
    /// scripts/install-deps installed (the version the committed example site was indexed
    /// with), else `pagefind` on the PATH. No variable needs to be set.
    package static func pagefind() -> String? {
        if let given = ProcessInfo.processInfo.environment["STATIK_PAGEFIND"], !given.isEmpty {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        if FileManager.default.isExecutableFile(atPath: installed) { return installed }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(folder) + "/pagefind"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The index files (paths below the site root) for `pages` (path of the HTML file → bytes).
    package static func build(pages: [(path: String, html: Data)], pagefind: String) throws(Problem) -> [(path: String, data: Data)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-search-\(UUID().uuidString)").path
        defer { SiteFiles.removeTree(folder) }
        for (path, html) in pages {
            let target = URL(fileURLWithPath: folder + "/" + path)
            try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try SystemFiles.write(html, to: target.path) } catch { throw Problem(message: Message(.searchCouldNotPrepare, error.message)) }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pagefind)
        process.arguments = ["--site", folder, "--output-subdir", "pagefind", "--quiet"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do { try process.run() } catch { throw Problem(message: Message(.searchCouldNotRunPagefind, pagefind, SystemReason.message(error))) }
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Problem(message: Message(.searchPagefindFailed, String(String(decoding: said, as: UTF8.self).split(separator: "\n").first ?? "")))
        }
        var files: [(path: String, data: Data)] = []
        walkFolder(folder + "/pagefind") { relative, entry in
            if entry == .file, var data = FileManager.default.contents(atPath: folder + "/pagefind/" + relative) {
                if relative == "pagefind-entry.json" { data = Self.sortedJSON(data) }
                files.append(("pagefind/" + relative, data))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Pagefind writes the languages of `pagefind-entry.json` in a different order each run (a
    /// hash map): with its keys sorted, the same site gives the same bytes (reproducible output).
    static func sortedJSON(_ data: Data) -> Data {
        guard let object = try? JSONSerialization.jsonObject(with: data),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return data }
        return sorted
    }
}
