import Foundation

/// How the figures group the cities volunteers type, so that "PARIS 20e", "Paris 20ème" and "paris" count
/// as Paris and "Marseille 13003" as Marseille. The raw text stays in every testimony and export.
///
/// The rules (Docs/GUIDE-EQUIPE.md, "Les villes"), in order:
/// 1. parentheses and commas count as spaces; spaces are collapsed;
/// 2. a postcode of five digits (`13003`, `75020`), or `cedex` with its number, is dropped wherever it stands;
/// 3. at the end, an arrondissement is dropped: `20e`, `20ème`, `20eme`, `1er`, `1ère`, `20`, optionally
///    followed by `arrondissement` or `arr`;
/// 4. what remains is compared without case or accents, hyphens, apostrophes and dots read as spaces
///    ("Saint-Étienne" = "saint etienne"); the bucket shows the spelling typed most often (mixed case first).
/// When the rules would leave nothing (the text is only a number), the text is kept whole.
public enum CityName {
    /// The text with postcode and arrondissement dropped, in its own spelling: what a bucket is labelled with.
    public static func base(of text: String) -> String {
        let spaced = String(text.map { "(),".contains($0) ? " " : $0 })
        var words = spaced.split(whereSeparator: \.isWhitespace).map(String.init)
        let all = words
        words.removeAll { isPostcode($0) }
        if let cedex = words.lastIndex(where: { $0.lowercased() == "cedex" }) { words.removeSubrange(cedex...) }
        if let last = words.last, ["arrondissement", "arr", "arr.", "arrdt", "ardt"].contains(fold(last)) { words.removeLast() }
        if words.count > 1, let last = words.last, isArrondissement(last) { words.removeLast() }
        return (words.isEmpty ? all : words).joined(separator: " ")
    }

    /// The counting key: `base(of:)` without case or accents, hyphens, apostrophes and dots read as spaces.
    public static func key(of text: String) -> String {
        let separators: Set<Character> = ["-", "'", "’", ".", "_", "/"]
        return fold(String(base(of: text).map { separators.contains($0) ? " " : $0 }))
            .split(separator: " ").joined(separator: " ")
    }

    /// Lower-case, without accents.
    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    private static func isPostcode(_ word: String) -> Bool {
        word.count == 5 && word.allSatisfy(\.isASCIIDigit)
    }

    /// `20`, `20e`, `20ème`, `20eme`, `20em`, `1er`, `1ère`, `1re`: one or two digits and an ordinal ending.
    private static func isArrondissement(_ word: String) -> Bool {
        let folded = fold(word)
        let digits = folded.prefix { $0.isASCIIDigit }
        guard (1...2).contains(digits.count) else { return false }
        return ["", "e", "eme", "em", "er", "ere", "re", "°"].contains(String(folded.dropFirst(digits.count)))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
