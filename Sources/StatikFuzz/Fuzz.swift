// libFuzzer target over the parsers authors feed: front matter, table options, {{ }} values,
// the CSV loader, and the link checks (see FuzzTarget in StatikSite).
//
//     bash scripts/fuzz 600    (builds with coverage and AddressSanitizer, links libFuzzer, runs)
//
// Built without -DFUZZING (as `swift build` does), it replays files instead:
//     swift run StatikFuzz Tests/StatikSiteTests/Fixtures/Fuzz/*
import Foundation
import StatikSite

#if FUZZING
// SwiftPM links an executable's entry point as its own `main`; this one hands over to
// libFuzzer's driver (LLVMFuzzerRunDriver), which then calls `fuzzOne` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { data, count in
            FuzzTarget.run(UnsafeBufferPointer(start: data, count: count))
            return 0
        })
    }
}
#else
@main
struct Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
                continue
            }
            FuzzTarget.run(data)
        }
        print("Replayed \(files.count) inputs through \(FuzzTarget.parsers.joined(separator: ", ")): no crash")
    }
}
#endif
