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
    public var description: String {
        switch self {
        case let .typo(lines) where lines.count == 1:
            "line \(lines[0]) has a typo: check it again"
        case let .typo(lines):
            "lines \(Self.list(lines, and: "and")) have a typo: check them again"
        case let .disagree(lines):
            "lines \(Self.list(lines, and: "and")) do not agree: one of them has a typo, type them again"
        case let .notOnSheet(line, character):
            "line \(line): “\(character)” is not a character of the sheet (there is no 0, 1, I or O): check it again"
        case let .length(line, symbols):
            "line \(line) has \(symbols) characters instead of 11 (8, then the 3-character check code; 10 on sheets printed before December 2026): check it again"
        case let .noSuchLine(number):
            "there is no line \(number) on a sheet: lines go from 1 to \(RecoverySheet.lineCount)"
        case let .repeated(line):
            "line \(line) is there twice: keep the right one"
        case let .lineCount(found):
            "a recovery sheet has \(RecoverySheet.lineCount) lines; \(found) were found"
        case .together:
            "every line passes its check but not the sheet as a whole: several lines hold typos, check each one again"
        case let .several(problems):
            problems.map(\.description).joined(separator: "; ")
        }
    }

    /// The message in French.
    public var french: String {
        switch self {
        case let .typo(lines) where lines.count == 1:
            "la ligne \(lines[0]) contient une faute de frappe : vérifiez-la"
        case let .typo(lines):
            "les lignes \(Self.list(lines, and: "et")) contiennent une faute de frappe : vérifiez-les"
        case let .disagree(lines):
            "les lignes \(Self.list(lines, and: "et")) ne concordent pas : l'une d'elles contient une faute, retapez-les"
        case let .notOnSheet(line, character):
            "ligne \(line) : « \(character) » n'est pas un caractère de la feuille (il n'y a ni 0, ni 1, ni I, ni O) : vérifiez-la"
        case let .length(line, symbols):
            "la ligne \(line) a \(symbols) caractères au lieu de 11 (8, puis le code de contrôle de 3 ; 10 sur les feuilles imprimées avant décembre 2026) : vérifiez-la"
        case let .noSuchLine(number):
            "il n'y a pas de ligne \(number) sur une feuille : les lignes vont de 1 à \(RecoverySheet.lineCount)"
        case let .repeated(line):
            "la ligne \(line) figure deux fois : gardez la bonne"
        case let .lineCount(found):
            "une feuille de secours a \(RecoverySheet.lineCount) lignes ; \(found) ont été trouvées"
        case .together:
            "chaque ligne passe son contrôle mais pas la feuille entière : plusieurs lignes contiennent des fautes, vérifiez-les toutes"
        case let .several(problems):
            problems.map(\.french).joined(separator: " ; ")
        }
    }

    private static func list(_ lines: [Int], and: String) -> String {
        lines.count < 2 ? lines.map(String.init).joined()
            : lines.dropLast().map(String.init).joined(separator: ", ") + " \(and) \(lines[lines.count - 1])"
    }
}

extension RecoverySheetError: TemoinError {
    /// The message in `language`: `french` or `description`.
    public func message(in language: Language) -> String {
        language.pick(fr: french, en: description)
    }
}
