import Dispatch

/// `transform` applied to every element, on all cores, the results in the elements' order.
///
/// For synchronous work over many independent items (reading page files, writing output
/// files): the items are split into a few chunks per core, so a slow item does not hold the
/// others up, and each result goes straight into its own slot, so the order of the result never
/// depends on which thread finished first.
public func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], width: Int? = nil, _ transform: @Sendable (T) -> R) -> [R] {
    let count = items.count
    let cores = max(1, width ?? ProcessInfo.activeCores)
    guard count > 1, cores > 1 else { return items.map(transform) }
    let chunks = min(count, cores * 4)
    let results = Slots<R>(count: count)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        for i in stride(from: chunk, to: count, by: chunks) {
            results.set(i, transform(items[i]))
        }
    }
    return results.values()
}

/// One slot per result, each written once by one thread before `values()` reads them all
/// (`concurrentPerform` returns only when every iteration has ended, which orders the writes
/// before the read): no slot is ever written by two threads, so no lock is needed.
private final class Slots<R>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ i: Int, _ value: R) { buffer[i] = value }
    func values() -> [R] { buffer.map { $0! } }
}

private enum ProcessInfo {
    static var activeCores: Int {
        #if canImport(Glibc) || canImport(Musl)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
