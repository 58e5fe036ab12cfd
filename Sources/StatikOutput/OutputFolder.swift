package import Foundation
package import StatikCore
package import StatikContent

/// Where a build may write, worked out and checked before anything is written.
///
/// The rules (docs/output-folder.md): the output folder is never empty, never
/// the site folder or a folder that contains it, never inside `content/`, `themes/` or `.git/`,
/// never a file; a link is followed only to a folder beside it (in the folder the link is in),
/// and the rules then apply to the folder it leads to. `output:` in `statik.yml` must stay
/// inside the site folder: a site someone else wrote cannot make a build write elsewhere.
package struct OutputFolder: Sendable, Equatable {
    /// The real path of the folder (links resolved), which may not exist yet.
    package var path: String
    /// The folder as the user wrote it, for messages: `public`, `../site`, `/srv/www`.
    package var display: String

    /// A reason not to write, with where it came from: a line of `statik.yml`, or the command
    /// line (`location` nil).
    package struct Refusal: Error, Sendable, Equatable {
        package var message: Message
        package var location: SourceLocation?
    }

    /// Where the site goes: `requested` (from `--output`, relative to the current folder),
    /// else `output:` of the settings (relative to the site folder), else the edition's default.
    package static func resolve(requested: String?, config: SiteConfig, siteDirectory: URL) -> Result<OutputFolder, Refusal> {
        let site = realPath(siteDirectory.standardizedFileURL.path)
        let written: String, base: String, location: SourceLocation?, option: Message
        if let requested {
            written = requested
            base = FileManager.default.currentDirectoryPath
            location = nil
            option = Message(.aName, "--output \(quoted(requested))")
        } else if let configured = config.output, let setAt = config.outputLocation {
            written = configured
            base = site
            location = setAt
            option = Message(.aName, "output: \(configured)")
        } else {
            written = config.output ?? (config.edition == .intranet ? "public-intranet" : "public")
            base = site
            location = nil
            option = Message(.theOutputFolder, written)
        }
        // A message that ends "for example {n}" gets the example in the form the user wrote
        // the folder in: `--output public` on the command line, `output: public` in statik.yml.
        func refuse(_ message: Message) -> Result<OutputFolder, Refusal> {
            let example = location == nil ? "--output public" : "output: public"
            let filled = Message(message.kind, message.arguments + [.verbatim(example)])
            return .failure(Refusal(message: Message(.optionColon, option, filled), location: location))
        }
        if written.trimmingCharacters(in: .whitespaces).isEmpty {
            return location == nil
                ? .failure(Refusal(message: Message(.outputEmptyGiveFolderBuild), location: nil))
                : .failure(Refusal(message: Message(.outputEmptyWriteFolderBuild), location: location))
        }
        if written.contains("\0") || written.contains("\n") {
            return refuse(Message(.folderNameCannotHoldLine))
        }
        let absolute = written.hasPrefix("/") ? written : base + "/" + written
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        var resolved: String
        switch resolveLinks(standardized) {
        case .success(let path): resolved = path
        case .failure(.notAFolder(let file)):
            return refuse(Message(.fileThereCanNoFolder, file))
        case .failure(.danglingLink(let link, let target)):
            return refuse(Message(.linkWhichDoesNotExist3, link, target))
        case .failure(.unreadable(let at)):
            return refuse(Message(.cannotReadNoPermissionGive, at))
        }
        // A link as the output folder: followed only to a folder beside it.
        var info = stat()
        if lstat(standardized, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            let parent = realPath((standardized as NSString).deletingLastPathComponent)
            if !isInside(resolved, parent) {
                return refuse(Message(.linkOutsideFolderStatikDoes, written, resolved, resolved))
            }
        }
        if stat(resolved, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            return refuse(Message(.fileNotFolderGiveFolder))
        }
        if location != nil, resolved != site, !isInside(resolved, site) {
            return refuse(Message(.folderOutsideSiteFolderOutput, SiteConfig.fileName, written))
        }
        if resolved == site {
            return refuse(Message(.siteFolderItselfStatikYml))
        }
        if isInside(site, resolved) {
            return refuse(Message(.folderContainsSiteFolderGive, site))
        }
        for protected in [ContentTree.folder, "themes", ".git"] where isInside(resolved, site + "/" + protected) || resolved == site + "/" + protected {
            let what = protected == ContentTree.folder ? Message(.sitePagesAndData) : protected == "themes" ? Message(.siteThemes) : Message(.gitOwnFiles)
            let place = resolved == site + "/" + protected ? Message(.thatIsFolder, protected) : Message(.thatFolderIsIn, protected)
            return refuse(Message(.whichHoldsGiveFolderOwn, place, what))
        }
        // Statik's own folders beside the output (staging, the replaced site, the lock) are
        // named after it; a name that is one of them would be taken for a leftover.
        if (resolved as NSString).lastPathComponent.hasPrefix(".") && (resolved as NSString).lastPathComponent.contains(".statik-") {
            return refuse(Message(.nameKeptStatikSOwn))
        }
        resolved = URL(fileURLWithPath: resolved).standardizedFileURL.path
        return .success(OutputFolder(path: resolved, display: written))
    }

    enum LinkProblem: Error {
        case notAFolder(String)
        case danglingLink(String, String)
        case unreadable(String)
    }

    /// `path` with every link in it resolved: the longest part that exists by `realpath`, the
    /// rest as written (it does not exist, so it holds no link).
    static func resolveLinks(_ path: String) -> Result<String, LinkProblem> {
        var existing = path
        var rest: [String] = []
        while true {
            if let real = resolvedRealPath(existing) {
                var info = stat()
                if !rest.isEmpty, stat(real, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                    return .failure(.notAFolder(existing))
                }
                return .success(([real == "/" ? "" : real] + rest).joined(separator: "/"))
            }
            let error = errno
            var info = stat()
            if lstat(existing, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFLNK, error == ENOENT {
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: existing)) ?? "?"
                    return .failure(.danglingLink(existing, target))
                }
                if error == ENOTDIR { return .failure(.notAFolder(existing)) }
                if error == EACCES { return .failure(.unreadable(existing)) }
            }
            if error == ENOTDIR {
                // A file somewhere above: find it.
                var probe = existing
                while probe != "/" {
                    probe = (probe as NSString).deletingLastPathComponent
                    if stat(probe, &info) == 0 {
                        return info.st_mode & S_IFMT == S_IFDIR ? .failure(.unreadable(existing)) : .failure(.notAFolder(probe))
                    }
                }
            }
            if error == EACCES { return .failure(.unreadable(existing)) }
            let name = (existing as NSString).lastPathComponent
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing { return .success(path) }
            rest.insert(name, at: 0)
            existing = parent
        }
    }

    /// Whether `path` is strictly inside `folder` (both real, absolute paths).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    private static func quoted(_ text: String) -> String {
        text.isEmpty || text.contains(" ") ? "\"\(text)\"" : text
    }
}
