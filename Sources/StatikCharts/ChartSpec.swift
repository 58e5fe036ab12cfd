public import StatikCore
public import StatikFormat

/// What a ```` ```chart NAME ```` block asks for: the kind of chart, which columns of the query it
/// draws, and how. The values come from a `QueryResult`; the spec never holds data.
public struct ChartSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bar, line, donut, kpi, map
    }

    /// How the series of a bar chart share a category.
    public enum Stacking: Sendable, Hashable {
        /// Side by side.
        case grouped
        /// On top of each other: the bar is the total.
        case stacked
        /// On top of each other as shares of the category's total (100 % stacked).
        case percent
    }

    public enum Orientation: Sendable, Hashable {
        /// Vertical when the categories fit under their bars, horizontal otherwise.
        case auto
        case vertical
        case horizontal
    }

    /// How a map's values are put into colour classes.
    public enum Classes: Sendable, Hashable {
        /// This many classes of equal, round width over the values.
        case count(Int)
        /// Class limits: `[23, 25]` gives under 23, 23 to under 25, and 25 or more.
        case breaks([Double])
    }

    /// A column that the chart draws, and what the reader is told it is.
    public struct Series: Sendable, Hashable {
        public var column: String
        public var label: String

        public init(column: String, label: String? = nil) {
            self.column = column
            self.label = label ?? column
        }
    }

    public var kind: Kind
    /// The page's language: the chart's figures and words follow it.
    public var language = Language.swedish
    /// The query's name, for messages.
    public var query: String
    /// The base of the ids in the SVG (`diagram-per-po`): unique on the page.
    public var id: String
    /// The chart's title: the figure caption and the SVG `<title>`.
    public var title: String
    /// The column of categories (bar, donut), of the x axis (line), of the period (kpi).
    public var x: Series?
    /// The value columns: one series each (bar, line), one slice column (donut), one tile each (kpi),
    /// the one value column (map).
    public var series: [Series]
    /// How values are written; nil: from the columns' values, as a table does.
    public var format: Format?
    public var stacking = Stacking.grouped
    public var orientation = Orientation.auto
    /// A title for the value axis (`Antal deltagare`).
    public var valueAxisTitle: String?
    /// Line charts: start the value axis at zero (nil: when every value is zero or more).
    public var zero: Bool?
    /// Line charts: a marker on every value.
    public var markers = true

    /// Map: the column with the NUTS code of each row (`SE21`).
    public var region: String?
    /// Map: a column with the regions' names (default: the names in the geometry).
    public var regionName: String?
    public var classes = Classes.count(4)
    /// Map: the region drawn with a thick outline (a region page's own region).
    public var highlight: String?
    /// Map: a link per region, with `{column}` replaced by the row's value (`../{slug}/`).
    public var link: String?

    /// KPI tiles, one per row: the column that names the tile.
    public var label: String?
    /// KPI tiles, one per row: the column with the value to compare with.
    public var previous: String?
    /// KPI tiles: what the change is measured against (`jämfört med 2020`).
    public var compare: String?
    /// Values that may not be published (the intranet edition shows them): a bar's value label
    /// ends in `*`, as the cell does in a table. By the query's row and the series' index.
    public var marked: Set<Point> = []
    /// Values withheld (disclosure control, or at the source): where the bar would be, `x`, not
    /// the `..` of a value that is not available.
    public var withheld: Set<Point> = []

    public struct Point: Sendable, Hashable {
        public var row: Int
        public var series: Int
        public init(row: Int, series: Int) {
            self.row = row
            self.series = series
        }
    }

    public init(kind: Kind, query: String, id: String, title: String, x: Series? = nil, series: [Series] = []) {
        self.kind = kind
        self.query = query
        self.id = id
        self.title = title
        self.x = x
        self.series = series
    }
}

/// A chart that cannot be drawn, and which option of the block is to blame.
public struct ChartError: Error, Sendable, Hashable {
    public var message: Message
    /// The option the author should look at (`y`, `region`, `highlight` …); nil: the block.
    public var option: String?
    /// The item of that option (a column name in a list), when the option holds several.
    public var item: String?

    public init(_ message: Message, option: String? = nil, item: String? = nil) {
        self.message = message
        self.option = option
        self.item = item
    }
}

/// A chart, drawn: markup for wide and for narrow screens, and what it says in words.
public struct RenderedChart: Sendable, Hashable {
    /// SVG (or, for KPI tiles, HTML) for a screen of ordinary width and for print.
    public var wide: String
    /// SVG for a narrow screen (a phone), where the wide drawing's text would be too small;
    /// nil when the wide markup serves every width.
    public var narrow: String?
    /// The generated sentence of the SVG's `<desc>`: what the chart shows and its extremes.
    public var description: String
    /// The rows the chart drew, for the table under it: category (or region name) first.
    public var table: ChartTable
}

/// The data of a chart as a table: what is under "Visa tabell".
public struct ChartTable: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var label: String
        /// nil: text, written as it is.
        public var format: Format?
    }

    public var columns: [Column]
    public var rows: [[Value]]
}
