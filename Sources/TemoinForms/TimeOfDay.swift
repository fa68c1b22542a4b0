/// A time of day to the minute, such as `18:30`; encoded in JSON as that string.
public struct TimeOfDay: CanonicalText, Sendable, Hashable, Comparable {
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute, 0 to 59.
    public var minute: Int

    /// Creates a time; check `isValid` before trusting it.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// The numbers of a string shaped `HH:MM`, whether or not the time exists.
    public static func isoShaped(_ text: String) -> TimeOfDay? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        return TimeOfDay(hour: hour, minute: minute)
    }

    /// Whether the time exists: hour 0–23, minute 0–59.
    public var isValid: Bool {
        (0...23).contains(hour) && (0...59).contains(minute)
    }

    /// Orders by hour, then minute.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }

    /// The canonical form: `18:30`, `08:05`.
    public var description: String {
        "\(ApproximateDate.pad(hour, 2)):\(ApproximateDate.pad(minute, 2))"
    }

    /// How a decoding error names the form.
    public static let canonicalExample = "a time like 18:30"
}
