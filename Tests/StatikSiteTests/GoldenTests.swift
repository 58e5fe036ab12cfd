import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// Fixture sites built and compared with their expected output, file by file.
@Suite struct GoldenSiteTests {
    @Test(arguments: ["queries", "csv-dialects", "escaping", "menu", "pages", "charts", "numbers", "disclosure", "disclosure-lineage", "open-data", "aliases", "theme-override", "numbering", "releases"])
    func buildsAsExpected(fixture name: String) async throws {
        let fixture = FixtureSite(name: name)
        let report = try await fixture.build()
        #expect(report.diagnostics.errors.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.succeeded)
        try fixture.expectOutput(report)
    }

    @Test(arguments: Edition.allCases)
    func editions(edition: Edition) async throws {
        let fixture = FixtureSite(name: "editions")
        let report = try await fixture.build(edition: edition)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        try fixture.expectOutput(report, folder: "expected-\(edition.rawValue)")
    }

    @Test func rebuildIsByteIdentical() async throws {
        let fixture = FixtureSite(name: "queries")
        let first = try await fixture.build()
        let second = try await fixture.build()
        #expect(first.files.paths == second.files.paths)
        for path in first.files.paths {
            #expect(first.files.contents(of: path) == second.files.contents(of: path), "\(path) differs between two builds")
        }
    }
}

/// Bad input: every fixture under `Fixtures/Invalid/` fails (or warns) with exactly the
/// diagnostics in its `expected.txt`, and never crashes.
@Suite struct InvalidSiteTests {
    static let fixtures: [String] = {
        let folder = FixtureSite.root.appendingPathComponent("Invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map { "Invalid/\($0)" }
    }()

    @Test(arguments: fixtures)
    func reportsExactDiagnostics(fixture name: String) async throws {
        let fixture = FixtureSite(name: name)
        let report = try await fixture.build(strict: true)
        #expect(!report.succeeded, "a bad input must fail a strict build")
        #expect(!report.diagnostics.isEmpty)
        try fixture.expectDiagnostics(report)
    }

    /// One fault, one problem (issue 29): the cases named `one-…` have one fault each, and the
    /// build reports it once — not the queries, checks and blocks that merely follow from it.
    @Test(arguments: fixtures.filter { $0.hasPrefix("Invalid/one-") })
    func oneFaultIsOneProblem(fixture name: String) async throws {
        let report = try await FixtureSite(name: name).build(strict: true)
        let problems = report.diagnostics.filter { $0.severity != .note }
        #expect(problems.count == 1, "\(name): \(problems.map(\.message))")
    }

    @Test func thereAreBadInputs() {
        #expect(Self.fixtures.count >= 13)
    }
}

/// The output does not depend on how many pages are rendered at a time.
@Suite struct ParallelBuildTests {
    @Test func sameOutputWithOneThreadAndMany() async throws {
        let site = try FixtureSite(name: "pages").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let one = await Site.build(BuildOptions(source: site, write: false, jobs: 1))
        let many = await Site.build(BuildOptions(source: site, write: false, jobs: 8))
        #expect(one.succeeded && many.succeeded)
        #expect(one.files.paths == many.files.paths)
        for path in one.files.paths {
            #expect(one.files.contents(of: path) == many.files.contents(of: path), "\(path) differs")
        }
        #expect(one.diagnostics == many.diagnostics)
    }
}
