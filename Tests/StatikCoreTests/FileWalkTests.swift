import Foundation
import Testing
@testable import StatikCore

@Suite("Walking a folder")
struct FileWalkTests {
    /// A folder made for one test, removed after it.
    private static func scratchFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("statik-walk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Regression: the name of an entry was read by copying `dirent.d_name` whole (256 bytes),
    /// while readdir's records are only as long as their names. The last record of readdir's
    /// buffer then read past its end: a crash on a 10 000-page site in a release build, a
    /// heap-buffer-overflow under `swift test --sanitize=address` with this test. Thousands of
    /// entries of every name length fill readdir's buffer many times over.
    @Test func everyEntryOfALargeFolderWithNamesOfEveryLength() throws {
        let root = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var expected: Set<String> = []
        for i in 0..<4_000 {
            let name = "f\(i)" + String(repeating: "x", count: i % 200) + (i % 3 == 0 ? "-å.md" : ".md")
            #expect(FileManager.default.createFile(atPath: root + "/" + name, contents: Data()))
            expected.insert(name)
        }
        var seen: [String: FolderEntry] = [:]
        walkFolder(root) { relative, entry in seen[relative] = entry }
        #expect(Set(seen.keys) == expected)
        #expect(seen.values.allSatisfy { $0 == .file })
    }

    @Test func foldersLinksAndSkippedNames() throws {
        let root = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: root + "/a/b/c.md", contents: Data()))
        #expect(fm.createFile(atPath: root + "/.hidden", contents: Data()))
        try fm.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: root + "/.git/x", contents: Data()))
        try fm.createSymbolicLink(atPath: root + "/to-folder", withDestinationPath: root + "/a")
        try fm.createSymbolicLink(atPath: root + "/to-file", withDestinationPath: root + "/a/b/c.md")
        try fm.createSymbolicLink(atPath: root + "/nowhere", withDestinationPath: root + "/missing")

        var order: [String] = []
        var seen: [String: FolderEntry] = [:]
        walkFolder(root, skip: { $0.hasPrefix(".") }) { relative, entry in
            order.append(relative)
            seen[relative] = entry
        }
        #expect(seen == [
            "a": .folder, "a/b": .folder, "a/b/c.md": .file,
            "to-folder": .link(toFolder: true), "to-file": .link(toFolder: false), "nowhere": .brokenLink,
        ])
        // A folder's entries come before the folder (so a remover can delete bottom-up).
        #expect(order.firstIndex(of: "a/b/c.md")! < order.firstIndex(of: "a/b")!)
        #expect(order.firstIndex(of: "a/b")! < order.firstIndex(of: "a")!)
    }

    @Test func aMissingFolderIsEmpty() {
        var count = 0
        walkFolder("/nonexistent-\(UUID().uuidString)") { _, _ in count += 1 }
        #expect(count == 0)
    }
}

/// A message's source excerpt stays short and one line, whatever the line it comes from.
@Suite struct DiagnosticExcerptTests {
    @Test func aLongLineIsClippedAroundTheColumn() {
        let line = String(repeating: "a", count: 4_999) + "X" + String(repeating: "b", count: 5_000)
        let d = Diagnostic(.warning, at: SourceLocation(file: "content/lang.md", line: 3, column: 5_000), Message(.wordOptions), sourceLine: line)
        let lines = d.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[1].count < Diagnostic.excerptWidth + 12)
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let x = lines[1].firstIndex(of: "X").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caret == x, "the caret stands under the column")
        #expect(lines[1].hasPrefix(" 3 | …") && lines[1].hasSuffix("…"))
    }

    @Test func aFileNameWithALineBreakStaysOnOneLine() {
        let d = Diagnostic(.error, at: SourceLocation(file: "content/a\nb.md", line: 1, column: 1), Message(.wordSQL))
        #expect(d.description == "content/a\\nb.md:1:1: error: SQL")
    }
}

/// `folderNames`: one level of a folder, the listing `walkFolder` is made of.
@Suite struct FolderNamesTests {
    @Test func namesOneLevelHiddenOnesKept() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("statik-names-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(FileManager.default.createFile(atPath: root + "/.dold", contents: Data()))
        #expect(FileManager.default.createFile(atPath: root + "/fil.md", contents: Data()))
        #expect(folderNames(root)?.sorted() == [".dold", "a", "fil.md"])
        #expect(folderNames(root + "/a/b") == [])
        #expect(folderNames(root + "/saknas") == nil)
    }
}
