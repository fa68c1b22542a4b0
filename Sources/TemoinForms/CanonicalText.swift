/// A value written as one canonical string, in answers and in JSON: `ApproximateDate` (`2026-03-14`),
/// `TimeOfDay` (`18:30`). Read back exactly; a string of the right shape may still name a value that does
/// not exist (`2026-02-30`, `25:00`), which `isValid` tells.
public protocol CanonicalText: Codable, CustomStringConvertible {
    /// The value of a string shaped as the canonical form, whether or not it exists; nil for any other string.
    static func isoShaped(_ text: String) -> Self?
    /// Whether the value exists.
    var isValid: Bool { get }
    /// The canonical form as a decoding error names it: "a time like 18:30".
    static var canonicalExample: String { get }
}

extension CanonicalText {
    /// Reads the canonical form exactly; nil if malformed or impossible.
    public init?(iso text: String) {
        guard let value = Self.isoShaped(text), value.isValid else { return nil }
        self = value
    }

    /// Reads the canonical string form, refusing anything else.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(iso: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "“\(text)” is not \(Self.canonicalExample)"))
        }
        self = value
    }

    /// Writes the canonical string form (`description`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
