import Foundation

/// Notices edits to the files a site is built from (`statik.yml`, `content/`, `themes/`) by
/// looking at their sizes and modification times, and reports them in bursts: an editor that
/// writes a file several times in a row gives one change, not a queue of them.
struct Watcher: Sendable {
    let site: URL
    /// How often the files are looked at.
    var interval: Duration = .milliseconds(40)
    /// How long a burst of writes must be quiet before it is rebuilt.
    var settle: Duration = .milliseconds(15)

    typealias Snapshot = [String: Stamp]

    struct Stamp: Equatable, Sendable {
        var size: Int
        var modified: Double
    }

    func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        let fm = FileManager.default
        let configPath = site.appendingPathComponent("statik.yml").path
        if let stamp = Self.stamp(configPath) { result["statik.yml"] = stamp }
        for folder in ["content", "themes"] {
            let root = site.appendingPathComponent(folder)
            guard let walk = fm.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walk {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                if let stamp = Self.stamp(root.appendingPathComponent(relative).path) {
                    result["\(folder)/\(relative)"] = stamp
                }
            }
        }
        return result
    }

    private static func stamp(_ path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return Stamp(size: size, modified: modified)
    }

    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    /// Calls `onChange` with the files changed since the last call, once they have been quiet
    /// for one interval, until the task is cancelled.
    func run(from start: Snapshot, onChange: @Sendable ([String]) async -> Void) async {
        var last = start
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var now = snapshot()
            var pending = Set(Self.changes(from: last, to: now))
            guard !pending.isEmpty else { continue }
            // Still being written? Look again until a look finds nothing new.
            while !Task.isCancelled {
                last = now
                try? await Task.sleep(for: settle)
                now = snapshot()
                let more = Self.changes(from: last, to: now)
                if more.isEmpty { break }
                pending.formUnion(more)
            }
            last = now
            await onChange(pending.sorted())
        }
    }
}
