import Foundation
import StatikCore
import StatikFormat
import StatikData

/// A linear scale from data values to user units.
struct LinearScale {
    var domain: (lo: Double, hi: Double)
    var range: (lo: Double, hi: Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.hi - domain.lo
        guard span != 0 else { return range.lo }
        return range.lo + (value - domain.lo) / span * (range.hi - range.lo)
    }
}

/// Round tick values over a domain: steps of 1, 2 or 5 times a power of ten.
struct Ticks {
    var lo: Double
    var hi: Double
    var step: Double
    var values: [Double]

    /// Ticks that cover `min...max` with about `count` steps. `integers`: no step under 1
    /// (counts of people have no fractions).
    init(min: Double, max: Double, count: Int, integers: Bool = false) {
        var lo = min, hi = max
        if lo == hi {
            // One value (or all zeros): a domain around it, from zero.
            if lo == 0 { hi = 1 } else if lo > 0 { lo = 0 } else { hi = 0 }
        }
        var step = Self.niceStep(span: hi - lo, count: count)
        if integers && step < 1 { step = 1 }
        let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
        self.step = step
        self.lo = first * step
        self.hi = last * step
        values = (Int(first)...Int(last)).map { Double($0) * step }
    }

    static func niceStep(span: Double, count: Int) -> Double {
        let raw = span / Double(Swift.max(count, 1))
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let ratio = raw / power
        let factor: Double = ratio >= 7.5 ? 10 : ratio >= 3.5 ? 5 : ratio >= 1.5 ? 2 : 1
        return factor * power
    }

    /// How many decimals a step needs: 0 for 5, 1 for 2.5 or 0.5, 2 for 0.25.
    static func decimals(of step: Double) -> Int {
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 * Swift.max(1, abs(s)) {
            s *= 10
            d += 1
        }
        return d
    }
}

extension Format {
    /// The format of the chart's tick labels: the values' format, with the decimals the step needs.
    func forTicks(step: Double) -> Format {
        let d = Ticks.decimals(of: step)
        switch self {
        case .percent: return .percent(d)
        case .permille: return .permille(d)
        case .year: return .year
        case .integer, .decimal, .text: return d == 0 ? .integer : .decimal(d)
        }
    }

    /// A tick label. An axis says `0` at zero, where a table cell says `–` (nothing to report).
    func tick(_ value: Double, _ language: Language = .swedish) -> String {
        if value == 0 {
            switch self {
            case .percent: return language.pick("0\u{00A0}%", "0%")
            case .permille: return language.pick("0\u{00A0}‰", "0‰")
            default: return "0"
            }
        }
        return string(.real(value), in: language)
    }

    /// The format of a share of 100, with the decimals of this format when it is one already.
    var shareFormat: Format {
        if case .percent(let d) = self { return .percent(d) }
        return .percent(0)
    }

    var isPercent: Bool {
        if case .percent = self { return true }
        return false
    }
}

/// The values of a query, checked: numbers (or NULL) in the value columns, or an error that
/// names the column.
struct ChartData {
    /// The category labels, written as the x column's format writes them.
    var categories: [String]
    /// The raw category values (for years on a line chart's axis and for map codes).
    var categoryValues: [Value]
    /// values[series][row]; nil for NULL.
    var values: [[Double?]]
    var format: Format
    var categoryFormat: Format
    /// The page's language: figures are written in its notation (`7 674` or `7,674`).
    var language = Language.swedish

    /// A value as the chart writes it, in the page's language.
    func text(_ value: Value) -> String { format.string(value, in: language) }
    func text(_ format: Format, _ value: Value) -> String { format.string(value, in: language) }

    init(result: QueryResult, spec: ChartSpec, categoryOption: String = "x", valueOption: String = "y") throws(ChartError) {
        language = spec.language
        var indices: [Int] = []
        for series in spec.series {
            guard let index = result.columnIndex(series.column) else {
                throw ChartError(Self.noColumn(series.column, in: result, spec: spec), option: valueOption, item: series.column)
            }
            indices.append(index)
        }
        var categoryIndex: Int?
        if let x = spec.x {
            guard let index = result.columnIndex(x.column) else {
                throw ChartError(Self.noColumn(x.column, in: result, spec: spec), option: categoryOption, item: x.column)
            }
            categoryIndex = index
        }
        var values: [[Double?]] = []
        for (series, index) in zip(spec.series, indices) {
            var column: [Double?] = []
            for (r, row) in result.rows.enumerated() {
                switch row[index] {
                case .null: column.append(nil)
                case .integer(let i): column.append(Double(i))
                case .real(let d): column.append(d.isFinite ? d : nil)
                case .text(let t):
                    throw ChartError(Message(.columnHoldsTextRowChart, series.column, t, r + 1), option: valueOption, item: series.column)
                }
            }
            values.append(column)
        }
        let allValues = indices.flatMap { result.values(ofColumn: $0) }
        var format = spec.format ?? Format.default(forColumn: spec.series.first?.column ?? "", values: allValues)
        // A value column of years or of nothing but NULLs is still drawn as numbers.
        if spec.format == nil && (format == .text || format == .year) { format = .integer }
        self.format = format
        self.values = values
        if let categoryIndex {
            let column = result.values(ofColumn: categoryIndex)
            let columnFormat = Format.default(forColumn: result.columns[categoryIndex], values: column)
            categoryFormat = columnFormat
            categoryValues = column
            categories = column.map { columnFormat.string($0) }
        } else {
            categoryFormat = .text
            categoryValues = result.rows.indices.map { .integer(Int64($0 + 1)) }
            categories = result.rows.indices.map { String($0 + 1) }
        }
    }

    static func noColumn(_ name: String, in result: QueryResult, spec: ChartSpec) -> Message {
        if let near = closest(to: name, in: result.columns) { return Message(.queryHasNoColumnDidYouMean, spec.query, name, near) }
        return Message(.queryHasNoColumnColumns, spec.query, name, result.columns)
    }

    var rowCount: Int { categories.count }
}
