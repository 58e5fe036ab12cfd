import Foundation
import Testing
@testable import StatikCore

/// A refusal of the file system is a message in the writer's language, whether it came as
/// `errno` or inside an error Foundation threw.
@Suite struct SystemReasonTests {
    @Test func errnoIsAMessageOfItsKind() {
        #expect(SystemReason.message(errno: ENOENT).kind == .systemNoSuchFile)
        #expect(SystemReason.message(errno: ENOTDIR).text(.swedish) == "en del av sökvägen är en fil, inte en mapp")
        #expect(SystemReason.message(errno: ENOSPC).text(.english) == "the disk is full (make room and try again)")
        // Any other: the system's own words, quoted.
        #expect(SystemReason.message(errno: EPIPE).kind == .systemSays)
    }

    @Test func foundationErrorsAreTheirReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-reason-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try Data("x".utf8).write(to: folder.appendingPathComponent("saknas/fil.txt"))
            Issue.record("the write must fail")
        } catch {
            let reason = SystemReason.message(error)
            #expect(reason.kind == .systemNoSuchFile, "\(reason)")
            #expect(!reason.text(.swedish).contains("Domain"))
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("fil.txt"))
        // Foundation on Linux loses the reason of some refusals ("NSCocoaErrorDomain error
        // 512"); SystemFiles makes folders and files with the system's calls and keeps it.
        #expect(throws: SystemFiles.Failure.self) { try SystemFiles.makeFolders(folder.path + "/fil.txt/under") }
        do { try SystemFiles.makeFolders(folder.path + "/fil.txt/under") } catch {
            #expect(error.message == Message(.pathIsAFile, folder.path + "/fil.txt"))
        }
        do { try SystemFiles.write(Data(), to: folder.path + "/fil.txt/ny.txt") } catch {
            #expect(error.message.text(.english) == "could not write the file \(folder.path)/fil.txt/ny.txt: a part of the path is a file, not a folder")
        }
        do { try SystemFiles.write(Data("y".utf8), to: folder.path + "/fil.txt", new: true) } catch {
            #expect(error.message.text(.swedish) == "filen \(folder.path)/fil.txt gick inte att skriva: det finns redan en fil eller mapp med det namnet")
        }
        try SystemFiles.write(Data("z".utf8), to: folder.path + "/fil.txt")
        #expect(try String(contentsOf: folder.appendingPathComponent("fil.txt"), encoding: .utf8) == "z")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["fil.txt"], "no file left beside it")
    }
}
