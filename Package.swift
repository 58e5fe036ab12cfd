// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Statik",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "statik", targets: ["statik"]),
        .library(name: "StatikSite", targets: ["StatikSite"]),
    ],
    // `statik serve` (Hummingbird and SwiftNIO) and PostgreSQL sources (the system's libpq) are
    // default traits. bench/run builds statik without them (--disable-default-traits; with
    // PostgreSQL for its PostgreSQL row): the build code is the same (bench/README.md).
    traits: [
        .trait(name: "PreviewServer", description: "The preview server, `statik serve`."),
        .trait(name: "PostgreSQL", description: "PostgreSQL data sources (`sources:` in statik.yml)."),
        .default(enabledTraits: ["PreviewServer", "PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib, which compresses the parts of the Excel files of the tables (docs/downloads.md).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libxlsxwriter, for the tests only: Statik writes each workbook as it writes one
        // (SameAsLibxlsxwriterTests). With it the process's gmtime(3), a buffer per thread: it
        // dates workbooks with it while the tests run in parallel (Sources/CThreadTime/gmtime.c).
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "CThreadTime"),
        // libpq, the PostgreSQL project's client library, for PostgreSQL sources
        // (docs/data-sources.md): TLS through the system's OpenSSL, GSSAPI, PG* variables,
        // pg_service.conf.
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // The allocator of the statik executable on Linux (bench/README.md).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .target(name: "StatikCore", swiftSettings: strict),
        // HTML's character references as a browser reads them, with the named table of the
        // HTML standard: the one decoder of `statik check`, `statik diff` and the search page.
        .target(name: "StatikHTMLText", swiftSettings: strict),
        .target(name: "StatikMarkdown", dependencies: ["CCmarkGFM", "StatikCore"], swiftSettings: strict),
        .target(name: "StatikFormat", dependencies: ["StatikCore"], swiftSettings: strict),
        // YAML read with positions: every problem in settings, front matter or block options at
        // its line and column.
        .target(name: "StatikYAML", dependencies: ["StatikCore", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .target(
            name: "StatikData",
            dependencies: [
                "StatikCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(name: "StatikCharts", dependencies: ["StatikCore", "StatikFormat", "StatikData"], swiftSettings: strict),
        .target(name: "StatikDownloads", dependencies: ["StatikCore", "CZlib"], swiftSettings: strict),
        // Mustache, read and rendered by Statik itself (TemplateSyntax.swift says why).
        .target(name: "StatikMustache", dependencies: ["StatikCore"], swiftSettings: strict),
        // The build's layers, each importing only those above it here (README, "How the code is
        // laid out"): content → output, sources, inspect → blocks → render → site.
        .target(
            name: "StatikContent",
            dependencies: [
                "StatikCore", "StatikMarkdown", "StatikFormat", "StatikData", "StatikYAML",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(name: "StatikOutput", dependencies: ["StatikCore", "StatikData", "StatikMarkdown", "StatikDownloads", "StatikContent"], swiftSettings: strict),
        .target(name: "StatikSources", dependencies: ["StatikCore", "StatikData", "StatikMarkdown", "StatikContent"], swiftSettings: strict),
        .target(name: "StatikInspect", dependencies: ["StatikCore", "StatikHTMLText", "StatikContent", "StatikSources"], swiftSettings: strict),
        .target(
            name: "StatikBlocks",
            dependencies: [
                "StatikCore", "StatikMarkdown", "StatikFormat", "StatikData", "StatikCharts", "StatikDownloads",
                "StatikContent", "StatikOutput", "StatikSources", "StatikYAML",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StatikRender",
            dependencies: [
                "StatikCore", "StatikHTMLText", "StatikMarkdown", "StatikFormat", "StatikData",
                "StatikContent", "StatikOutput", "StatikSources", "StatikInspect", "StatikBlocks", "StatikDownloads", "StatikMustache",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StatikSite",
            dependencies: [
                "StatikCore", "StatikMarkdown", "StatikFormat", "StatikData",
                "StatikContent", "StatikOutput", "StatikSources", "StatikInspect", "StatikBlocks", "StatikRender",
            ],
            swiftSettings: strict
        ),
        // PostgreSQL sources (docs/data-sources.md): its own target, so that StatikSite and the
        // core need no libpq; the executable registers it.
        .target(name: "StatikPostgres", dependencies: ["StatikCore", "StatikData", "CLibpq"], swiftSettings: strict),
        .target(
            name: "StatikServer",
            dependencies: [
                "StatikSite", "StatikOutput", "StatikCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // libFuzzer target (docs/fuzzing-and-sanitizers.md); a corpus replayer when built without -DFUZZING.
        .executableTarget(name: "StatikFuzz", dependencies: ["StatikSite"], swiftSettings: strict),
        .executableTarget(
            name: "statik",
            dependencies: [
                "StatikSite", "StatikContent", "StatikOutput", "StatikSources", "StatikInspect", "StatikBlocks",
                .target(name: "StatikPostgres", condition: .when(traits: ["PostgreSQL"])),
                .target(name: "StatikServer", condition: .when(traits: ["PreviewServer"])),
                .target(name: "CMimalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "StatikCoreTests", dependencies: ["StatikCore", "StatikHTMLText", "StatikTestSupport"], swiftSettings: strict),
        .testTarget(name: "StatikFormatTests", dependencies: ["StatikFormat"], swiftSettings: strict),
        .testTarget(name: "StatikMarkdownTests", dependencies: ["StatikMarkdown"], swiftSettings: strict),
        .testTarget(name: "StatikDataTests", dependencies: ["StatikData"], swiftSettings: strict),
        .testTarget(name: "StatikChartsTests", dependencies: ["StatikCharts"], exclude: ["Golden"], swiftSettings: strict),
        // What the tests that compare Statik with a reference on generated input share.
        .target(name: "StatikTestSupport", path: "Tests/StatikTestSupport", swiftSettings: strict),
        .testTarget(name: "StatikDownloadsTests", dependencies: ["StatikDownloads", "StatikTestSupport", "CXlsxWriter", "CThreadTime"], swiftSettings: strict),
        // swift-mustache only here: Statik's templates must render as it renders them.
        .testTarget(
            name: "StatikMustacheTests",
            dependencies: ["StatikMustache", "StatikTestSupport", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatikPostgresTests",
            dependencies: ["StatikPostgres", "StatikSite", "StatikData", "StatikCore", "CLibpq"],
            swiftSettings: strict
        ),
        .testTarget(name: "StatikServerTests", dependencies: ["StatikServer", "StatikSite"], swiftSettings: strict),
        .testTarget(
            name: "StatikSiteTests",
            dependencies: ["StatikSite", "StatikContent", "StatikOutput", "StatikSources", "StatikInspect", "StatikBlocks", "StatikRender", "StatikFormat", "StatikYAML", "StatikTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
