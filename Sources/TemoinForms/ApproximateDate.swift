import Foundation

/// A calendar date that may lack its day: `2026-03-14`, or `2026-03` when only the month is known.
///
/// Encoded in JSON as that string. `isValid` tells whether the date exists in the Gregorian calendar.
public struct ApproximateDate: CanonicalText, Sendable, Hashable, Comparable {
    /// The year, four digits.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, or nil when only the month is known.
    public var day: Int?

    /// Creates a date; check `isValid` before trusting it.
    public init(year: Int, month: Int, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The numbers of a string shaped `YYYY-MM-DD` or `YYYY-MM`, whether or not the date exists.
    public static func isoShaped(_ text: String) -> ApproximateDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        return ApproximateDate(year: year, month: month, day: parts.count == 3 ? Int(parts[2]) : nil)
    }

    /// Whether the date exists: year 1000–9999, month 1–12, and a day that the month has.
    public var isValid: Bool {
        guard (1000...9999).contains(year), (1...12).contains(month) else { return false }
        guard let day else { return true }
        return (1...Self.daysIn(month: month, year: year)).contains(day)
    }

    /// Whether the date lies after `today`; a month alone is in the future only once the month is.
    public func isAfter(_ today: ApproximateDate) -> Bool {
        if (year, month) != (today.year, today.month) {
            return (year, month) > (today.year, today.month)
        }
        guard let day, let todayDay = today.day else { return false }
        return day > todayDay
    }

    /// Today's date in `timeZone` (the desk's own clock by default).
    public static func today(in timeZone: TimeZone = .current, now: Date = Date()) -> ApproximateDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return ApproximateDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day)
    }

    /// Orders by year, then month; a month alone sorts before the days of that month.
    public static func < (lhs: ApproximateDate, rhs: ApproximateDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 0) < (rhs.year, rhs.month, rhs.day ?? 0)
    }

    /// The canonical form: `2026-03-14` or `2026-03`.
    public var description: String {
        let yearMonth = "\(Self.pad(year, 4))-\(Self.pad(month, 2))"
        guard let day else { return yearMonth }
        return "\(yearMonth)-\(Self.pad(day, 2))"
    }

    /// How a decoding error names the form.
    public static let canonicalExample = "a date like 2026-03-14 or 2026-03"

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9 (not Arabic-Indic or other digits).
    var isASCIIDigit: Bool {
        isASCII && isNumber
    }
}
