import Foundation

/// Medians of repeated measures, and the result lines `make bench` ends with.
enum Stats {
    /// The median of `values` (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of nothing")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The `p`-th percentile of `values` (nearest rank: the smallest value with at least p % of them at or below it).
    static func percentile(_ p: Double, of values: [Double]) -> Double {
        precondition(!values.isEmpty, "percentile of nothing")
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}

/// One target of issue 6: a measured value against a bound.
struct Target {
    /// Which way the bound goes.
    enum Bound {
        case atLeast(Double)
        case atMost(Double)
    }

    /// The measure's name, e.g. `decrypt vs limit`.
    var name: String
    /// The measured value.
    var value: Double
    /// Its unit, e.g. `ms`.
    var unit: String
    /// The bound it must meet.
    var bound: Bound
    /// Decimals to print.
    var decimals = 2

    /// Whether the value meets the bound.
    var passes: Bool {
        switch bound {
        case let .atLeast(limit): value >= limit
        case let .atMost(limit): value <= limit
        }
    }

    /// `NAME: VALUE UNIT (target T) PASS|FAIL`.
    var line: String {
        let target = switch bound {
        case let .atLeast(limit): "≥ \(format(limit))"
        case let .atMost(limit): "≤ \(format(limit))"
        }
        return "\(name): \(format(value)) \(unit) (target \(target)) \(passes ? "PASS" : "FAIL")"
    }

    /// `x` with at most `decimals` decimals, trailing zeros dropped.
    private func format(_ x: Double) -> String {
        var text = String(format: "%.\(decimals)f", x)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
