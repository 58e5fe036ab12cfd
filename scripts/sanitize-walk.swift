// Driver for scripts/sanitize: StatikCore's folder walk under AddressSanitizer.
import StatikCore
#if canImport(Glibc)
import Glibc
#endif
// Usage: walk FOLDER EXPECTED-COUNT. ASan stops the process on a read outside readdir's
// buffer; the count checks that every entry was seen.
let arguments = CommandLine.arguments
var count = 0
walkFolder(arguments[1]) { _, _ in count += 1 }
guard count == Int(arguments[2]) else {
    print("walkFolder saw \(count) entries, expected \(arguments[2])")
    exit(1)
}
print("walkFolder: \(count) entries, no out-of-bounds read")
