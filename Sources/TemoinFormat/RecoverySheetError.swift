import TemoinLanguage

/// Why typed lines do not give back the key; each case names the lines to check.
public enum RecoverySheetError: Error, Equatable, CustomStringConvertible, Sendable {
    /// These lines fail their check: a symbol is mistyped, two are swapped, or the line is not this line of the sheet.
    case typo(lines: [Int])
    /// Each of these lines passes a different kind of check: one of them is mistyped; they were dropped.
    case disagree(lines: [Int])
    /// A character that is not on a sheet (0, 1, I, O or another sign).
    case notOnSheet(line: Int, character: Character)
    /// A line with too few or too many symbols.
    case length(line: Int, symbols: Int)
    /// A line number outside 1–7.
    case noSuchLine(Int)
    /// The same line number twice in a file.
    case repeated(line: Int)
    /// A file that does not hold seven lines of a sheet.
    case lineCount(found: Int)
    /// Every line passes its check but the sheet's checksum does not: several lines hold several typos.
    case together
    /// Several of the above, in line order.
    case several([RecoverySheetError])

    /// The message in English (the command line gives it in the user's language).
    public var description: String { message(in: .en) }

    /// The message in French.
    public var french: String { message(in: .fr) }

    private static func list(_ lines: [Int], and: String) -> String {
        lines.count < 2 ? lines.map(String.init).joined()
            : lines.dropLast().map(String.init).joined(separator: ", ") + " \(and) \(lines[lines.count - 1])"
    }
}

extension RecoverySheetError: TemoinError {
    /// The message in `language`, naming the lines to check.
    public func message(in language: Language) -> String {
        let l = language
        switch self {
        case let .typo(lines) where lines.count == 1:
            return l.pick(fr: "la ligne \(lines[0]) contient une faute de frappe : vérifiez-la", en: "line \(lines[0]) has a typo: check it again")
        case let .typo(lines):
            return l.pick(fr: "les lignes \(Self.list(lines, and: "et")) contiennent une faute de frappe : vérifiez-les",
                          en: "lines \(Self.list(lines, and: "and")) have a typo: check them again")
        case let .disagree(lines):
            return l.pick(fr: "les lignes \(Self.list(lines, and: "et")) ne concordent pas : l'une d'elles contient une faute, retapez-les",
                          en: "lines \(Self.list(lines, and: "and")) do not agree: one of them has a typo, type them again")
        case let .notOnSheet(line, character):
            return l.pick(fr: "ligne \(line) : « \(character) » n'est pas un caractère de la feuille (il n'y a ni 0, ni 1, ni I, ni O) : vérifiez-la",
                          en: "line \(line): “\(character)” is not a character of the sheet (there is no 0, 1, I or O): check it again")
        case let .length(line, symbols):
            return l.pick(fr: "la ligne \(line) a \(symbols) caractères au lieu de 11 (8, puis le code de contrôle de 3 ; 10 sur les feuilles imprimées avant décembre 2026) : vérifiez-la",
                          en: "line \(line) has \(symbols) characters instead of 11 (8, then the 3-character check code; 10 on sheets printed before December 2026): check it again")
        case let .noSuchLine(number):
            return l.pick(fr: "il n'y a pas de ligne \(number) sur une feuille : les lignes vont de 1 à \(RecoverySheet.lineCount)",
                          en: "there is no line \(number) on a sheet: lines go from 1 to \(RecoverySheet.lineCount)")
        case let .repeated(line):
            return l.pick(fr: "la ligne \(line) figure deux fois : gardez la bonne", en: "line \(line) is there twice: keep the right one")
        case let .lineCount(found):
            return l.pick(fr: "une feuille de secours a \(RecoverySheet.lineCount) lignes ; \(found) ont été trouvées",
                          en: "a recovery sheet has \(RecoverySheet.lineCount) lines; \(found) were found")
        case .together:
            return l.pick(fr: "chaque ligne passe son contrôle mais pas la feuille entière : plusieurs lignes contiennent des fautes, vérifiez-les toutes",
                          en: "every line passes its check but not the sheet as a whole: several lines hold typos, check each one again")
        case let .several(problems):
            return problems.map { $0.message(in: l) }.joined(separator: l.pick(fr: " ; ", en: "; "))
        }
    }
}
