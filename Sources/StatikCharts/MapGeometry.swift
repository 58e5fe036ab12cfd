import StatikCore
import Foundation
import Synchronization

/// Regions' outlines from a GeoJSON FeatureCollection in longitude/latitude (EPSG:4326), as GISCO
/// publishes the NUTS regions. Each feature is a region with an `id` (`SE21`) and a `name`.
public struct MapGeometry: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var lon: Double
        public var lat: Double
    }

    public struct Region: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Polygons; each is its outline ring followed by any holes.
        public var polygons: [[[Point]]]
    }

    public let regions: [Region]
    /// The collection's `source` member, where GISCO's attribution is kept.
    public let source: String?
    /// Its projections into boxes made so far (`projected`): shared by its copies, not part of
    /// its value.
    let projections = Projections()

    public init(regions: [Region], source: String? = nil) {
        self.regions = regions
        self.source = source
    }

    public static func == (a: MapGeometry, b: MapGeometry) -> Bool { a.regions == b.regions && a.source == b.source }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(regions)
        hasher.combine(source)
    }

    /// The geometry projected into a box, with each region's label placed: made once per box
    /// and kept (every region page of a build draws the same map twice, wide and narrow; placing
    /// the labels was 9 % of the example site's build, perf). The same as a new
    /// `ProjectedMap`: a drawing depends on nothing else.
    func projected(maxWidth: Double, maxHeight: Double) -> ProjectedMap {
        let box = Projections.Box(maxWidth: maxWidth, maxHeight: maxHeight)
        if let known = projections.made.withLock({ $0[box] }) { return known }
        let map = ProjectedMap(self, maxWidth: maxWidth, maxHeight: maxHeight)
        projections.made.withLock { $0[box] = map }
        return map
    }

    final class Projections: Sendable {
        struct Box: Hashable { var maxWidth: Double, maxHeight: Double }
        let made = Mutex<[Box: ProjectedMap]>([:])
    }

    /// Reads GeoJSON text. Features without an id, or with a geometry other than Polygon and
    /// MultiPolygon, are an error: a map with a hole in it would mislead.
    public init(geoJSON: [UInt8]) throws(ChartError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(geoJSON))
        } catch {
            throw ChartError(Message(.geometryFileNotValidGeojson), option: "geometry")
        }
        guard let collection = object as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [[String: Any]] else {
            throw ChartError(Message(.geometryMustGeojsonFeaturecollection), option: "geometry")
        }
        var regions: [Region] = []
        for (i, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let id = (properties["id"] ?? properties["NUTS_ID"] ?? feature["id"]) as? String else {
                throw ChartError(Message(.featureGeometryHasNoId, i + 1), option: "geometry")
            }
            let name = (properties["name"] ?? properties["NUTS_NAME"]) as? String ?? id
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
                  let coordinates = geometry["coordinates"] as? [Any] else {
                throw ChartError(Message(.regionGeometryHasNoCoordinates, id), option: "geometry")
            }
            func ring(_ value: Any) throws(ChartError) -> [Point] {
                guard let pairs = value as? [[Any]] else { throw ChartError(Message(.regionHasRingNotList, id), option: "geometry") }
                var points: [Point] = []
                for pair in pairs {
                    guard pair.count >= 2, let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue else {
                        throw ChartError(Message(.regionHasPointNotLon, id), option: "geometry")
                    }
                    points.append(Point(lon: lon, lat: lat))
                }
                return points
            }
            func polygon(_ value: Any) throws(ChartError) -> [[Point]] {
                guard let rings = value as? [Any] else { throw ChartError(Message(.regionHasPolygonNotList, id), option: "geometry") }
                var result: [[Point]] = []
                for r in rings { result.append(try ring(r)) }
                return result
            }
            var polygons: [[[Point]]] = []
            switch type {
            case "Polygon":
                polygons = [try polygon(coordinates)]
            case "MultiPolygon":
                for p in coordinates { polygons.append(try polygon(p)) }
            default:
                throw ChartError(Message(.regionMapRegionPolygonMultipolygon, id, type), option: "geometry")
            }
            regions.append(Region(id: id, name: name, polygons: polygons))
        }
        guard !regions.isEmpty else { throw ChartError(Message(.geometryHasNoRegions), option: "geometry") }
        self.regions = regions
        source = collection["source"] as? String
    }
}

/// SWEREF 99 TM (EPSG:3006), Sweden's national grid: a transverse Mercator projection of the
/// GRS 80 ellipsoid on 15° E, by Lantmäteriet's Gauss–Krüger formulas. Answers (east, north) in metres.
enum SWEREF99TM {
    private static let a = 6_378_137.0
    private static let f = 1 / 298.257222101
    private static let centralMeridian = 15.0 * Double.pi / 180
    private static let scale = 0.9996
    private static let falseEasting = 500_000.0

    private static let e2 = f * (2 - f)
    private static let n = f / (2 - f)
    private static let aRoof = a / (1 + n) * (1 + n * n / 4 + n * n * n * n / 64)
    private static let A = e2
    private static let B = (5 * e2 * e2 - e2 * e2 * e2) / 6
    private static let C = (104 * e2 * e2 * e2 - 45 * e2 * e2 * e2 * e2) / 120
    private static let D = (1237 * e2 * e2 * e2 * e2) / 1260
    private static let beta1 = n / 2 - 2 * n * n / 3 + 5 * n * n * n / 16 + 41 * n * n * n * n / 180
    private static let beta2 = 13 * n * n / 48 - 3 * n * n * n / 5 + 557 * n * n * n * n / 1440
    private static let beta3 = 61 * n * n * n / 240 - 103 * n * n * n * n / 140
    private static let beta4 = 49561 * n * n * n * n / 161_280

    static func project(_ point: MapGeometry.Point) -> (east: Double, north: Double) {
        let phi = point.lat * Double.pi / 180
        let lambda = point.lon * Double.pi / 180
        let s2 = sin(phi) * sin(phi)
        let conformal = phi - sin(phi) * cos(phi) * (A + B * s2 + C * s2 * s2 + D * s2 * s2 * s2)
        let dl = lambda - centralMeridian
        let xi = atan(tan(conformal) / cos(dl))
        let eta = atanh(cos(conformal) * sin(dl))
        let north = scale * aRoof * (xi
            + beta1 * sin(2 * xi) * cosh(2 * eta) + beta2 * sin(4 * xi) * cosh(4 * eta)
            + beta3 * sin(6 * xi) * cosh(6 * eta) + beta4 * sin(8 * xi) * cosh(8 * eta))
        let east = scale * aRoof * (eta
            + beta1 * cos(2 * xi) * sinh(2 * eta) + beta2 * cos(4 * xi) * sinh(4 * eta)
            + beta3 * cos(6 * xi) * sinh(6 * eta) + beta4 * cos(8 * xi) * sinh(8 * eta)) + falseEasting
        return (east, north)
    }
}

/// The regions drawn into a box: projected, fitted, simplified and rounded to a tenth of a unit.
struct ProjectedMap: Sendable {
    struct XY: Hashable, Sendable {
        var x: Double
        var y: Double
    }

    struct Region: Sendable {
        var id: String
        var name: String
        /// Simplified rings in SVG units (outlines and holes together: drawn with evenodd).
        var rings: [[XY]]
        /// The rings of the largest polygon's outline, for the label.
        var largest: [XY]
        /// Where its label goes (`labelPoint` of `largest`), and the room there.
        var label: (point: XY, room: Double)
    }

    var regions: [Region]
    var width: Double
    var height: Double

    /// Projects `geometry` into a box of at most `maxWidth` × `maxHeight`, keeping its shape;
    /// borders shared by two regions are simplified once, the same way for both, so no gaps
    /// or slivers open between neighbours. `tolerance` is in SVG units.
    init(_ geometry: MapGeometry, maxWidth: Double, maxHeight: Double, tolerance: Double = 0.5) {
        let rings = Self.rings(of: geometry)
        let projection = Projection(rings, maxWidth: maxWidth, maxHeight: maxHeight)
        width = projection.width
        height = projection.height
        let simplified = rings.map { Self.simplify($0.points, projection, tolerance: tolerance) }
        regions = geometry.regions.enumerated().map { r, region in
            Self.region(region, rings: rings.indices.filter { rings[$0].region == r }.map { simplified[$0] })
        }
    }

    /// A ring of one of a region's polygons, outline or hole.
    struct Ring {
        var region: Int
        var points: [MapGeometry.Point]
    }

    /// Every ring of every region, without its closing point; rings of fewer than three
    /// points are left out.
    static func rings(of geometry: MapGeometry) -> [Ring] {
        var rings: [Ring] = []
        for (r, region) in geometry.regions.enumerated() {
            for polygon in region.polygons {
                for ring in polygon {
                    var points = ring
                    if points.count > 1 && points.first == points.last { points.removeLast() }
                    if points.count >= 3 { rings.append(Ring(region: r, points: points)) }
                }
            }
        }
        return rings
    }

    /// A point of the geometry as a key: a point shared by two rings is the same key in both.
    struct Key: Hashable {
        var lon: UInt64
        var lat: UInt64
        init(_ p: MapGeometry.Point) { lon = p.lon.bitPattern; lat = p.lat.bitPattern }
    }

    /// Every point of the rings projected once, fitted into the box, and the rings each
    /// point is on.
    struct Projection {
        var projected: [Key: (Double, Double)] = [:]
        /// By point: the indices of the rings it is on.
        var owners: [Key: Set<Int>] = [:]
        var minE = Double.infinity, maxE = -Double.infinity, minN = Double.infinity, maxN = -Double.infinity
        /// SVG units per metre.
        var scale = 0.0
        var width = 0.0
        var height = 0.0

        init(_ rings: [Ring], maxWidth: Double, maxHeight: Double) {
            for (i, ring) in rings.enumerated() {
                for point in ring.points {
                    let k = Key(point)
                    owners[k, default: []].insert(i)
                    if projected[k] == nil {
                        let (e, n) = SWEREF99TM.project(point)
                        projected[k] = (e, n)
                        minE = min(minE, e); maxE = max(maxE, e); minN = min(minN, n); maxN = max(maxN, n)
                    }
                }
            }
            let spanE = max(maxE - minE, 1), spanN = max(maxN - minN, 1)
            scale = min(maxWidth / spanE, maxHeight / spanN)
            width = spanE * scale
            height = spanN * scale
        }

        /// Where a point lies in the box, in SVG units (y down).
        func xy(_ k: Key) -> XY {
            let (e, n) = projected[k]!
            return XY(x: (e - minE) * scale, y: (maxN - n) * scale)
        }
    }

    /// A ring in SVG units, simplified and rounded to tenths. A vertex where the set of rings
    /// that share it changes is a junction: it is kept, and the stretches between junctions
    /// are simplified on their own.
    static func simplify(_ ring: [MapGeometry.Point], _ projection: Projection, tolerance: Double) -> [XY] {
        let keys = ring.map(Key.init)
        let count = keys.count
        let points = keys.map(projection.xy)
        var fixed = junctions(keys, owners: projection.owners)
        if !fixed.contains(true) {
            fixed[0] = true
            let far = (0..<count).max { distance(points[$0], points[0]) < distance(points[$1], points[0]) } ?? 0
            fixed[far] = true
        }
        let anchors = (0..<count).filter { fixed[$0] }
        var kept = [Bool](repeating: false, count: count)
        for (a, start) in anchors.enumerated() {
            let end = anchors[(a + 1) % anchors.count]
            var chain: [Int] = [start]
            var j = (start + 1) % count
            while j != end { chain.append(j); j = (j + 1) % count }
            chain.append(end)
            for index in douglasPeucker(chain.map { points[$0] }, tolerance: tolerance) { kept[chain[index]] = true }
        }
        var result: [XY] = []
        for j in 0..<count where kept[j] {
            let p = XY(x: (points[j].x * 10).rounded() / 10, y: (points[j].y * 10).rounded() / 10)
            if result.last != p { result.append(p) }
        }
        if result.count > 1 && result.first == result.last { result.removeLast() }
        return result
    }

    /// Which vertices of a ring are junctions: where the rings on the vertex differ from those
    /// on the one before or after it.
    static func junctions(_ keys: [Key], owners: [Key: Set<Int>]) -> [Bool] {
        let count = keys.count
        var fixed = [Bool](repeating: false, count: count)
        for j in 0..<count {
            let here = owners[keys[j]]!
            if here != owners[keys[(j + count - 1) % count]]! || here != owners[keys[(j + 1) % count]]! { fixed[j] = true }
        }
        return fixed
    }

    /// A region of its simplified `rings`, without islands too small to see, and with its
    /// largest polygon's outline for the label.
    static func region(_ region: MapGeometry.Region, rings: [[XY]]) -> Region {
        var own: [[XY]] = []
        var largest: [XY] = []
        var largestArea = 0.0
        for points in rings {
            let area = abs(signedArea(points))
            // Islands smaller than a few pixels cannot be seen; they only cost bytes.
            guard points.count >= 3, area >= 1.5 else { continue }
            own.append(points)
            if area > largestArea { largestArea = area; largest = points }
        }
        return Region(id: region.id, name: region.name, rings: own, largest: largest, label: largest.isEmpty ? (XY(x: 0, y: 0), 0) : labelPoint(largest))
    }

    /// The SVG path of a region: one subpath per ring, relative steps in tenths.
    static func path(_ rings: [[XY]], dx: Double, dy: Double) -> String {
        var d = ""
        for ring in rings {
            guard let first = ring.first else { continue }
            var px = Int(((first.x + dx) * 10).rounded()), py = Int(((first.y + dy) * 10).rounded())
            d += "M" + tenths(px) + " " + tenths(py) + "l"
            var steps: [String] = []
            for p in ring.dropFirst() {
                let x = Int(((p.x + dx) * 10).rounded()), y = Int(((p.y + dy) * 10).rounded())
                steps.append(tenths(x - px) + " " + tenths(y - py))
                px = x; py = y
            }
            d += steps.joined(separator: " ") + "z"
        }
        return d
    }

    private static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let m = abs(value)
        return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
    }

    /// A point well inside a ring, for its label: of a grid over the ring, the inside point
    /// farthest from the edge (an approximate pole of inaccessibility). Answers the point and
    /// that distance.
    static func labelPoint(_ ring: [XY]) -> (XY, Double) {
        guard let minX = ring.map(\.x).min(), let maxX = ring.map(\.x).max(),
              let minY = ring.map(\.y).min(), let maxY = ring.map(\.y).max() else { return (XY(x: 0, y: 0), 0) }
        var best = XY(x: (minX + maxX) / 2, y: (minY + maxY) / 2), bestDistance = -1.0
        let steps = 40
        for i in 0...steps {
            for j in 0...steps {
                let p = XY(x: minX + (maxX - minX) * Double(i) / Double(steps), y: minY + (maxY - minY) * Double(j) / Double(steps))
                guard contains(ring, p) else { continue }
                let d = edgeDistance(ring, p)
                if d > bestDistance { bestDistance = d; best = p }
            }
        }
        return (best, max(bestDistance, 0))
    }

    static func contains(_ ring: [XY], _ p: XY) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    static func edgeDistance(_ ring: [XY], _ p: XY) -> Double {
        var best = Double.infinity
        var j = ring.count - 1
        for i in 0..<ring.count {
            best = min(best, segmentDistance(p, ring[j], ring[i]))
            j = i
        }
        return best
    }
}

func distance(_ a: ProjectedMap.XY, _ b: ProjectedMap.XY) -> Double {
    ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
}

func segmentDistance(_ p: ProjectedMap.XY, _ a: ProjectedMap.XY, _ b: ProjectedMap.XY) -> Double {
    let dx = b.x - a.x, dy = b.y - a.y
    let length2 = dx * dx + dy * dy
    guard length2 > 0 else { return distance(p, a) }
    let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
    return distance(p, ProjectedMap.XY(x: a.x + t * dx, y: a.y + t * dy))
}

func signedArea(_ ring: [ProjectedMap.XY]) -> Double {
    var area = 0.0
    var j = ring.count - 1
    for i in 0..<ring.count {
        area += (ring[j].x * ring[i].y - ring[i].x * ring[j].y)
        j = i
    }
    return area / 2
}

/// Douglas–Peucker: the indices of the points to keep so that the line strays no more than
/// `tolerance` from the original. The ends are always kept.
func douglasPeucker(_ points: [ProjectedMap.XY], tolerance: Double) -> [Int] {
    guard points.count > 2 else { return Array(points.indices) }
    var keep = [Bool](repeating: false, count: points.count)
    keep[0] = true
    keep[points.count - 1] = true
    var stack = [(0, points.count - 1)]
    while let (first, last) = stack.popLast() {
        guard last > first + 1 else { continue }
        var farthest = first, farthestDistance = 0.0
        for i in (first + 1)..<last {
            let d = segmentDistance(points[i], points[first], points[last])
            if d > farthestDistance { farthestDistance = d; farthest = i }
        }
        if farthestDistance > tolerance {
            keep[farthest] = true
            stack.append((first, farthest))
            stack.append((farthest, last))
        }
    }
    return keep.indices.filter { keep[$0] }
}
