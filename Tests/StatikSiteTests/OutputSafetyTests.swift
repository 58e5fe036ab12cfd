import Foundation
import StatikCore
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
import Testing

/// What a build may touch on disk (docs/output-folder.md): it refuses output
/// folders that would mix the site with the user's files, never changes a file it did not
/// write, and always leaves a site that is whole, or one the next build restores.
@Suite struct OutputSafetyTests {
    /// Every file and folder under `folder`, with each file's bytes: what must not change.
    static func snapshot(_ folder: URL) -> [String: Data?] {
        var entries: [String: Data?] = [:]
        walkFolder(folder.path) { relative, entry in
            switch entry {
            case .file: entries[relative] = FileManager.default.contents(atPath: folder.path + "/" + relative)
            case .folder: entries[relative + "/"] = .some(nil)
            case .link, .brokenLink: entries[relative + "@"] = Data(((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/" + relative)) ?? "").utf8)
            }
        }
        return entries
    }

    /// A site in a scratch folder of its own (`base/site`), with room beside it.
    static func scratch() throws -> (base: URL, site: URL) {
        let site = try FixtureSite(name: "pages").scratchCopy()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("statik-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: site, to: base.appendingPathComponent("site"))
        return (base, base.appendingPathComponent("site"))
    }

    enum Place: String, CaseIterable, Sendable {
        case empty, siteItself, parent, root, content, dataFolder, contentSub, themes, themeSub, gitFolder, aFile, inAFile, linkOut, danglingLink
    }

    /// Each class of output path that would mix the site with the user's files: refused with
    /// exit status 2 before anything is written, anywhere.
    @Test(arguments: Place.allCases)
    func refusedOutputFolders(place: Place) async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let fm = FileManager.default
        try fm.createDirectory(at: site.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/main\n".utf8).write(to: site.appendingPathComponent(".git/HEAD"))
        try Data("notes".utf8).write(to: site.appendingPathComponent("notes.txt"))
        try fm.createDirectory(at: base.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: base.appendingPathComponent("elsewhere/letter.txt"))
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("out-link").path, withDestinationPath: base.appendingPathComponent("elsewhere").path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("dangling").path, withDestinationPath: base.appendingPathComponent("nowhere").path)
        let path: String, message: String
        switch place {
        case .empty: (path, message) = ("", "--output is empty: give the folder to build the site into, for example --output public (an unset variable in a script gives an empty value)")
        case .siteItself: (path, message) = (site.path, "that is the site folder itself")
        case .parent: (path, message) = (base.path, "that folder contains the site folder")
        case .root: (path, message) = ("/", "that folder contains the site folder")
        case .content: (path, message) = (site.path + "/content", "that is content/, which holds the site's pages and data")
        case .dataFolder: (path, message) = (site.path + "/content/data", "that folder is in content/")
        case .contentSub: (path, message) = (site.path + "/content/../content/regioner/ut", "that folder is in content/")
        case .themes: (path, message) = (site.path + "/themes/", "that is themes/")
        case .themeSub: (path, message) = (site.path + "/themes/default/static", "that folder is in themes/")
        case .gitFolder: (path, message) = (site.path + "/.git/site", "that folder is in .git/")
        case .aFile: (path, message) = (site.path + "/notes.txt", "that is a file, not a folder")
        case .inAFile: (path, message) = (site.path + "/notes.txt/public", "notes.txt is a file, so there can be no folder in it")
        case .linkOut: (path, message) = (site.path + "/out-link", "is a link to \(base.path)/elsewhere, outside the folder it is in")
        case .danglingLink: (path, message) = (site.path + "/dangling", "which does not exist")
        }
        let before = Self.snapshot(base)
        let report = await Site.build(BuildOptions(source: site, output: path))
        #expect(report.exitStatus == 2)
        #expect(report.refused && !report.succeeded)
        #expect(report.commandLineErrors.map(\.description).count == 1)
        #expect(report.commandLineErrors.map(\.description).first?.contains(message) == true, "\(report.commandLineErrors.map(\.description))")
        #expect(Self.snapshot(base) == before, "nothing anywhere changed")
    }

    /// `output:` in statik.yml: never empty, never outside the site folder (a site someone else
    /// wrote cannot make a build write elsewhere), at its line and column.
    @Test(arguments: [
        ("output: \"\"", "statik.yml:1:9: error: output: is empty: write the folder to build the site into, for example output: public, or remove the line (the default is public)"),
        ("output: ~", "statik.yml:1:9: error: output: is empty: write the folder to build the site into, for example output: public, or remove the line (the default is public)"),
        ("output: ../x", "statik.yml:1:9: error: output: ../x: that folder is outside the site folder, and output: in statik.yml must be inside it; to build elsewhere, give the folder on the command line: statik build --output ../x"),
        ("output: /tmp", "statik.yml:1:9: error: output: /tmp: that folder is outside the site folder, and output: in statik.yml must be inside it; to build elsewhere, give the folder on the command line: statik build --output /tmp"),
        ("output: .", "statik.yml:1:9: error: output: .: that is the site folder itself (statik.yml, content/, themes/); the built site needs a folder of its own, for example output: public"),
        ("output: content/ut", "statik.yml:1:9: error: output: content/ut: that folder is in content/, which holds the site's pages and data; give a folder of its own for the built site, for example output: public"),
    ])
    func refusedOutputSettings(setting: String, expected: String) async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let config = site.appendingPathComponent("statik.yml")
        let old = try String(contentsOf: config, encoding: .utf8)
        try (setting + "\n" + old).write(to: config, atomically: true, encoding: .utf8)
        let before = Self.snapshot(base)
        let report = await Site.build(BuildOptions(source: site))
        #expect(report.exitStatus == 2)
        #expect(report.diagnostics.map(\.description) == [expected])
        #expect(Self.snapshot(base) == before)
    }

    /// A publishing checkout keeps what is not Statik's: `.git/`, `CNAME`, a README, through
    /// builds that add, change and remove pages.
    @Test func aPublishingCheckoutKeepsItsFiles() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let fm = FileManager.default
        let out = base.appendingPathComponent("checkout")
        try fm.createDirectory(at: out.appendingPathComponent(".git/objects"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/gh-pages\n".utf8).write(to: out.appendingPathComponent(".git/HEAD"))
        try Data("statistik.example.se\n".utf8).write(to: out.appendingPathComponent("CNAME"))
        try Data("# Published site\n".utf8).write(to: out.appendingPathComponent("README.md"))
        let theirs = Self.snapshot(out)

        let first = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(first.succeeded)
        #expect(first.notes.map(\.description).contains { $0.contains("already holds 3 files or folders that Statik did not write (.git, CNAME, README.md)") })
        #expect(fm.fileExists(atPath: out.appendingPathComponent("index.html").path))
        // The user adds a file inside a folder of Statik's.
        try Data("x".utf8).write(to: out.appendingPathComponent("regioner/notering.txt"))
        // A page goes away, another changes.
        try fm.removeItem(at: site.appendingPathComponent("content/regioner/[region]"))
        try fm.removeItem(at: site.appendingPathComponent("content/regioner/[region].md"))
        let second = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(second.succeeded, "\(second.diagnostics) \(second.commandLineErrors.map(\.description))")
        #expect(second.notes.map(\.description).isEmpty)
        let after = Self.snapshot(out)
        for (path, bytes) in theirs { #expect(after[path] == bytes, "\(path) kept") }
        #expect(after["regioner/notering.txt"] == Data("x".utf8))
        #expect(!after.keys.contains { $0.hasPrefix("regioner/") && $0.hasSuffix("index.html") && $0 != "regioner/index.html" }, "removed pages are gone")
        var onDisk = Set(after.keys.filter { !$0.hasSuffix("/") })
        onDisk.subtract(theirs.keys)
        onDisk.remove("regioner/notering.txt")
        onDisk.remove(OutputManifest.fileName)
        onDisk.remove(RenderCache.fileName)
        let inMemory = await Site.build(BuildOptions(source: site, write: false))
        #expect(onDisk == Set(inMemory.files.paths))
        #expect(try fm.contentsOfDirectory(atPath: base.path).sorted() == ["checkout", "site"])
    }

    /// A file Statik did not write where the build would put one of its own: refused (exit
    /// status 2), nothing changed, and the message names the file.
    @Test func aFileStatikDidNotWriteIsNeverReplaced() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("regioner"), withIntermediateDirectories: true)
        try Data("my own page".utf8).write(to: out.appendingPathComponent("regioner/index.html"))
        let before = Self.snapshot(base)
        let report = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(report.exitStatus == 2)
        #expect(report.commandLineErrors.map(\.description) == ["\(out.path)/regioner/index.html is a file that Statik did not write, and the build would have to replace it or write through it; nothing was changed. \(out.path)/ has no .statik-manifest, so nothing in it was written by this version of Statik. If \(out.path)/ holds only a site built earlier, remove the folder and build again; otherwise move regioner/index.html out of it, or build into another folder with --output"])
        #expect(Self.snapshot(base) == before)

        // After a build, a link put where a folder of pages goes is not written through.
        try FileManager.default.removeItem(at: out)
        #expect(await Site.build(BuildOptions(source: site, output: out.path)).succeeded)
        let elsewhere = base.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: out.appendingPathComponent("regioner"), to: base.appendingPathComponent("old-regioner"))
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("regioner"), withDestinationURL: elsewhere)
        let linked = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(linked.exitStatus == 2)
        #expect(linked.commandLineErrors.map(\.description).first?.hasPrefix("\(out.path)/regioner is a link that Statik did not write") == true, "\(linked.commandLineErrors.map(\.description))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    /// A rebuild with nothing changed writes no file; one page changed writes that page (and
    /// the manifest) only. Two builds of the same input leave the same manifest.
    @Test func aRebuildWritesOnlyWhatChanged() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("public")
        #expect(await Site.build(BuildOptions(source: site, output: out.path)).succeeded)
        let manifest = try Data(contentsOf: out.appendingPathComponent(OutputManifest.fileName))
        func identities() -> [String: [Int]] {
            var result: [String: [Int]] = [:]
            walkFolder(out.path) { relative, entry in
                var info = stat()
                if entry == .file, lstat(out.path + "/" + relative, &info) == 0 {
                    result[relative] = [Int(info.st_ino), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
                }
            }
            return result
        }
        let first = identities()
        try await Task.sleep(for: .milliseconds(20))
        #expect(await Site.build(BuildOptions(source: site, output: out.path)).succeeded)
        #expect(identities() == first, "nothing was written again")
        #expect(try Data(contentsOf: out.appendingPathComponent(OutputManifest.fileName)) == manifest)

        let page = site.appendingPathComponent("content/index.md")
        try (String(contentsOf: page, encoding: .utf8) + "\nEn ny mening.\n").write(to: page, atomically: true, encoding: .utf8)
        #expect(await Site.build(BuildOptions(source: site, output: out.path)).succeeded)
        let third = identities()
        let rewritten = Set(third.keys.filter { third[$0] != first[$0] })
        #expect(rewritten == ["index.html", OutputManifest.fileName, RenderCache.fileName], "\(rewritten.sorted())")

        // A file of Statik's that someone edited is Statik's still: written again.
        try Data("edited by hand".utf8).write(to: out.appendingPathComponent("regioner/index.html"))
        #expect(await Site.build(BuildOptions(source: site, output: out.path)).succeeded)
        #expect(try String(contentsOf: out.appendingPathComponent("regioner/index.html"), encoding: .utf8).contains("<html"))
    }

    /// A manifest that Statik did not write (or a damaged one) is never obeyed.
    @Test func aDamagedManifestIsRefused() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("statik-manifest 1\n0000000000000000 4 ../../etc/passwd\n".utf8).write(to: out.appendingPathComponent(OutputManifest.fileName))
        let report = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(report.exitStatus == 2)
        #expect(report.commandLineErrors.map(\.description).first?.contains(".statik-manifest is not a list Statik wrote") == true)
    }

    /// Folders beside the output folder that look like Statik's but are not (no owner file),
    /// or belong to a build still running, are never touched.
    @Test func foldersThatAreNotALeftoverAreLeftAlone() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let fm = FileManager.default
        let lookalike = base.appendingPathComponent(".public.statik-backup-2147483647")
        try fm.createDirectory(at: lookalike, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: lookalike.appendingPathComponent("keep.txt"))
        let running = base.appendingPathComponent(".public.statik-staging-1")
        try fm.createDirectory(at: running, withIntermediateDirectories: true)
        try Data("statik staging\n1\n".utf8).write(to: running.appendingPathComponent(OutputTransaction.ownerFile))
        let gone = base.appendingPathComponent(".public.statik-staging-2147483647")
        try fm.createDirectory(at: gone.appendingPathComponent("esf"), withIntermediateDirectories: true)
        try Data("statik staging\n2147483647\n".utf8).write(to: gone.appendingPathComponent(OutputTransaction.ownerFile))
        #expect(await Site.build(BuildOptions(source: site, output: base.appendingPathComponent("public").path)).succeeded)
        #expect(fm.contents(atPath: lookalike.appendingPathComponent("keep.txt").path) == Data("keep".utf8))
        #expect(fm.fileExists(atPath: running.path))
        #expect(!fm.fileExists(atPath: gone.path))
    }

    /// Statik before the manifest swapped folders with two renames; a build stopped between
    /// them left the only copy of the site in `.public.old-statik-PID`: it is put back.
    @Test func anEarlierVersionsStoppedSwapIsRestored() async throws {
        let (base, site) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let old = base.appendingPathComponent(".public.old-statik-2147483647")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try Data("<p>the old site".utf8).write(to: old.appendingPathComponent("index.html"))
        let out = base.appendingPathComponent("public")
        let report = await Site.build(BuildOptions(source: site, output: out.path))
        // Restored, then (having no manifest) refused rather than overwritten: nothing lost.
        #expect(report.notes.map(\.description).contains { $0.contains("it is back in place") })
        #expect(report.exitStatus == 2)
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("index.html").path) == Data("<p>the old site".utf8))
    }

    @Test func manifestRoundTrips() throws {
        var manifest = OutputManifest()
        manifest.entries["a/b c/index.html"] = .init(size: 12, hash: 0xABCDEF)
        manifest.entries["rad\nbryt\\x"] = .init(size: 0, hash: .max)
        #expect(OutputManifest(text: manifest.text) == manifest)
        #expect(OutputManifest(text: "statik-manifest 1\n0000000000000001 1 /etc/passwd\n") == nil)
        #expect(OutputManifest(text: "something else\n") == nil)
        #expect(contentHash(Data("abc".utf8)) != contentHash(Data("abd".utf8)))
        #expect(contentHash(Data(count: 8)) != contentHash(Data(count: 9)))
    }

    /// Which paths a manifest (or the render cache) may name: read on bytes, one part at a time.
    @Test func manifestPathsStayInsideTheFolder() {
        for path in ["index.html", "a/b c/index.html", "regioner/övre-norrland/bef.xlsx", "a/.../b", ".well-known/x", "a/..b/c", "x."] {
            #expect(OutputManifest.isSafe(path), "\(path)")
        }
        for path in ["", "/etc/passwd", "../x", "a/../b", "a/./b", ".", "..", "a//b", "a/", "a/b/..", "a\0b",
                     OutputManifest.fileName, RenderCache.fileName] {
            #expect(!OutputManifest.isSafe(path), "\(path)")
        }
        #expect(OutputManifest.fields("a b c d", 3) == ["a", "b", "c d"])
        #expect(OutputManifest.fields("a b", 3) == nil)
        #expect(OutputManifest.fields("a  b", 3) == ["a", "", "b"])
        #expect(OutputManifest(text: "statik-manifest 1\n0000000000000001 1 a/../../x\n") == nil)
        #expect(OutputManifest(text: "statik-manifest 1\n0000000000000001 1 å\\nä\n")?.entries["å\nä"]?.size == 1)
    }
}

/// A build killed at every step of publishing (SIGKILL, as a power cut or `kill -9`) leaves
/// the previous site or the new one; after the next build's recovery the folder holds exactly
/// one of them, and a build after that publishes the new one. Runs the real `statik` binary.
@Suite(.serialized) struct OutputCrashTests {
    static var statik: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("statik")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = statik
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// The files of a site folder with their bytes, Statik's working files left out.
    /// (The render cache is not part of the site: what it says is checked before it is used.)
    static func site(_ folder: URL) -> [String: Data?] {
        OutputSafetyTests.snapshot(folder).filter { !$0.key.hasSuffix("/") && $0.key != RenderCache.fileName }
    }

    @Test func killedAtEveryStepOfPublishing() async throws {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: Self.statik.path) else {
            Issue.record("no statik binary at \(Self.statik.path): build the package first (swift build)")
            return
        }
        let (base, site) = try OutputSafetyTests.scratch()
        defer { try? fm.removeItem(at: base) }
        let out = base.appendingPathComponent("public")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("example.se\n".utf8).write(to: out.appendingPathComponent("CNAME"))
        #expect(try Self.run(["build", "--source", site.path, "--output", out.path]) == 0)
        let old = Self.site(out)
        // The new site: a page changed, a section removed, a page added.
        let page = site.appendingPathComponent("content/index.md")
        try (String(contentsOf: page, encoding: .utf8) + "\nNy text.\n").write(to: page, atomically: true, encoding: .utf8)
        try fm.removeItem(at: site.appendingPathComponent("content/regioner/[region]"))
        try Data("---\ntitle: Ny sida\n---\n\nText.\n".utf8).write(to: site.appendingPathComponent("content/ny.md"))
        let scratchNew = base.appendingPathComponent("new-site")
        #expect(try Self.run(["build", "--source", site.path, "--output", scratchNew.path]) == 0)
        var new = Self.site(scratchNew)
        new["CNAME"] = .some(Data("example.se\n".utf8))
        #expect(old != new)

        var stepsSeen = 0
        for step in 1...200 {
            // Start from the old site each time.
            try? fm.removeItem(at: out)
            for leftover in try fm.contentsOfDirectory(atPath: base.path) where leftover.hasPrefix(".public.statik-") {
                try fm.removeItem(at: base.appendingPathComponent(leftover))
            }
            for (path, bytes) in old {
                try fm.createDirectory(at: out.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes?.write(to: out.appendingPathComponent(path))
            }
            let status = try Self.run(["build", "--source", site.path, "--output", out.path], environment: ["STATIK_TEST_STOP_AT_STEP": String(step)])
            if status == 0 {
                #expect(Self.site(out) == new)
                break
            }
            #expect(status == -SIGKILL, "step \(step): killed")
            stepsSeen = step
            // What is at the output path now is the old site or the new one, or a mix that the
            // next build's recovery turns back into the old one.
            let notes = OutputTransaction.recover(parent: base.path, name: "public", output: out.path)
            let recovered = Self.site(out)
            #expect(recovered == old || recovered == new, "step \(step): after recovery the folder holds one whole site (notes: \(notes))")
            #expect(try fm.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix(".public.statik-") }.isEmpty, "step \(step): no leftovers")
            // And the next build publishes the new site.
            #expect(try Self.run(["build", "--source", site.path, "--output", out.path]) == 0)
            #expect(Self.site(out) == new, "step \(step): the next build publishes the new site")
        }
        #expect(stepsSeen >= 8, "the build was killed at \(stepsSeen) points")
    }
}
