import StatikCore

/// What one build carries from stage to stage besides the stages' own values: the report it
/// fills in, the problems found so far, and which files changed since the last build.
struct BuildRun {
    var report = BuildReport()
    var diagnostics: [Diagnostic] = []
    /// Paths below the site folder that changed since the last build; nil: anything may have.
    let changed: [String]?
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    init(changed: [String]?) {
        self.changed = changed
        start = clock.now
    }

    /// Ends a stage, as `statik build --timings` shows it.
    mutating func end(_ stage: String) { report.timings.end(stage) }

    /// Whether a file at or below `prefix` changed.
    func touches(_ prefix: String) -> Bool {
        guard let changed else { return true }
        return changed.contains { $0 == prefix || $0.hasPrefix(prefix) }
    }
}

/// A stage stopped the build; what it found is in the run's diagnostics or report.
struct BuildStopped: Error {}
