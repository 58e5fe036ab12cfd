/// How long each stage of a build took, in the order they ran (`statik build --timings`).
public struct StageTimings: Sendable, Equatable {
    public struct Stage: Sendable, Equatable {
        public var name: String
        public var duration: Duration
    }

    public private(set) var stages: [Stage] = []
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant

    public init() { last = clock.now }

    /// Ends the stage that has been running since the last call (or since `init`).
    public mutating func end(_ name: String) {
        let now = clock.now
        if let i = stages.firstIndex(where: { $0.name == name }) {
            stages[i].duration += now - last
        } else {
            stages.append(Stage(name: name, duration: now - last))
        }
        last = now
    }

    public static func == (a: StageTimings, b: StageTimings) -> Bool { a.stages == b.stages }

    /// One line per stage: name, milliseconds, share of the total.
    public var table: String {
        let total = stages.reduce(Duration.zero) { $0 + $1.duration }
        let width = stages.map(\.name.count).max() ?? 0
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        var lines = stages.map { stage in
            let share = total == .zero ? 0 : ms(stage.duration) / ms(total) * 100
            return stage.name.padding(width) + "  " + fixed(ms(stage.duration)).leftPadding(9) + " ms  " + fixed(share).leftPadding(5) + " %"
        }
        lines.append("total".padding(width) + "  " + fixed(ms(total)).leftPadding(9) + " ms")
        return lines.joined(separator: "\n")
    }

    private func fixed(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    fileprivate func leftPadding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
