import Foundation

extension ApproximateDate {
    /// Reads a date as typed: `2026-03-14`, `2026-03`, `14/03/2026`, `03/2026`, `14.3.2026`,
    /// `14 mars 2026`, `1er mars 2026`, `mars 2026`, `March 2026`. The result may not exist
    /// (`30/02/2026`); check `isValid`.
    public init?(spoken input: String) {
        let tokens = input.folded
            .split(whereSeparator: { "/-., ".contains($0) })
            .map { $0.hasSuffix("er") && $0.dropLast(2).allSatisfy(\.isASCIIDigit) ? String($0.dropLast(2)) : String($0) }
        func year(_ token: String) -> Int? { token.count == 4 && token.allSatisfy(\.isASCIIDigit) ? Int(token) : nil }
        func small(_ token: String) -> Int? {
            token.count <= 2 && token.allSatisfy(\.isASCIIDigit) ? Int(token) : nil
        }
        func month(_ token: String) -> Int? { small(token) ?? Self.month(named: token) }
        // The year comes first or last.
        switch (tokens.count, tokens.first.flatMap(year), tokens.last.flatMap(year)) {
        case let (3, year?, _):
            guard let month = month(tokens[1]), let day = small(tokens[2]) else { return nil }
            self.init(year: year, month: month, day: day)
        case let (3, nil, year?):
            if let day = small(tokens[0]), let month = month(tokens[1]) {
                self.init(year: year, month: month, day: day)
            } else if let month = Self.month(named: tokens[0]), let day = small(tokens[1]) {
                self.init(year: year, month: month, day: day)
            } else {
                return nil
            }
        case let (2, year?, _):
            guard let month = month(tokens[1]) else { return nil }
            self.init(year: year, month: month)
        case let (2, nil, year?):
            guard let month = month(tokens[0]) else { return nil }
            self.init(year: year, month: month)
        default:
            return nil
        }
    }

    private static let monthNames = [
        ["janvier", "january"], ["fevrier", "february"], ["mars", "march"], ["avril", "april"],
        ["mai", "may"], ["juin", "june"], ["juillet", "july"], ["aout", "august"],
        ["septembre", "september"], ["octobre", "october"], ["novembre", "november"], ["decembre", "december"],
    ]

    /// The month whose French or English name is, or starts with, `token` (at least 3 letters, unambiguous).
    private static func month(named token: String) -> Int? {
        guard token.count >= 3 else { return nil }
        let matches = monthNames.indices.filter { index in monthNames[index].contains { $0.hasPrefix(token) } }
        return matches.count == 1 ? matches[0] + 1 : nil
    }
}
