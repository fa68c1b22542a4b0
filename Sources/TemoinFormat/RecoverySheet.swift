import TemoinCrypto

/// A paper backup of a 32-byte secret key: seven lines a person can type back, each with its own check code.
///
/// The 32 secret bytes and a 3-byte BLAKE2b checksum of them (35 bytes, 56 symbols of `ReadableCode.alphabet`)
/// are cut into seven lines of 8 symbols. Sheets printed today end each line with 3 Reed–Solomon check symbols
/// over GF(32) whose codeword includes the line number, so that every mistyped symbol, every swap of two symbols
/// and a line typed in the wrong place is caught on its own line, by construction. Sheets printed before end each
/// line with a 2-symbol hash check (10 bits of BLAKE2b); they stay readable, told apart by their length (10
/// symbols a line instead of 11). Docs/FORMAT.md ("Recovery sheet") describes every byte.
public enum RecoverySheet {
    /// Number of lines on a sheet.
    public static let lineCount = 7
    /// Symbols of the key on a line.
    static let dataSymbols = 8
    /// Bytes of a printed line: `    1:  K7QF-29XM  3BX` and a line feed.
    static let printedLineLength = 23

    /// The check a sheet's lines carry; the number of symbols on a typed line tells which.
    enum Check: Int, CaseIterable, Sendable {
        /// Sheets printed before December 2026: 2 symbols, the first 10 bits of BLAKE2b-128 of the line index
        /// and the line's 5 bytes (a typo passes it once in 1,024).
        case hash = 1
        /// Three Reed–Solomon check symbols over GF(32), the line number a known symbol of the codeword.
        case reedSolomon = 2

        /// Symbols of a line with this check: 8 of the key, then the check's.
        var symbolsPerLine: Int { self == .hash ? 10 : 11 }
    }

    /// The seven lines of the sheet for `secret`, exactly as printed (`    1:  K7QF-29XM  3BX` and a line feed
    /// each), in guarded memory so that the caller can write them out and let them be wiped.
    public static func printedLines(for secret: SecretBytes) -> SecretBytes {
        precondition(secret.count == 32)
        let symbols = SecretBytes(count: lineCount * dataSymbols)
        let checksum = sheetChecksum(of: secret)
        symbols.withUnsafeMutableBytes { out in
            secret.withUnsafeBytes { key in
                for index in 0..<out.count {
                    var value: UInt8 = 0
                    for bit in 0..<5 {
                        let position = index * 5 + bit, byte = position / 8
                        let source = byte < 32 ? key[byte] : checksum[byte - 32]
                        value = value << 1 | (source >> (7 - UInt8(position % 8)) & 1)
                    }
                    out[index] = value
                }
            }
        }
        let text = SecretBytes(count: lineCount * printedLineLength)
        text.withUnsafeMutableBytes { out in
            symbols.withUnsafeBytes { all in
                for line in 0..<lineCount {
                    let data = UnsafeRawBufferPointer(rebasing: all[line * dataSymbols..<(line + 1) * dataSymbols])
                    let check = ReedSolomon.check(line: line + 1, data: data)
                    var at = line * printedLineLength
                    func put(_ byte: UInt8) { out[at] = byte; at += 1 }
                    for byte in "    \(line + 1):  ".utf8 { put(byte) }
                    for (index, value) in data.enumerated() {
                        if index == 4 { put(UInt8(ascii: "-")) }
                        put(symbolByte(value))
                    }
                    put(UInt8(ascii: " ")); put(UInt8(ascii: " "))
                    for value in [check.0, check.1, check.2] { put(symbolByte(value)) }
                    put(UInt8(ascii: "\n"))
                }
            }
        }
        return text
    }

    /// Rebuilds the secret from the lines of a sheet, as in a text file: lines that start with their number
    /// (`3:` or `3.`) are taken with that number; lines made only of sheet symbols are taken in order.
    /// Every problem found is reported at once, each naming its line.
    public static func secret(from text: [String]) throws -> SecretBytes {
        var reader = RecoverySheetReader()
        var problems: [RecoverySheetError] = []
        let candidates = text.filter(TypedLine.isCandidate)
        guard candidates.count == lineCount else { throw RecoverySheetError.lineCount(found: candidates.count) }
        let numbers = candidates.enumerated().map { TypedLine.label(of: $0.element) ?? $0.offset + 1 }
        if let twice = numbers.first(where: { number in numbers.filter { $0 == number }.count > 1 }) {
            throw RecoverySheetError.repeated(line: twice)
        }
        for (line, number) in zip(candidates, numbers) {
            do { try reader.add(line, number: number) } catch let error as RecoverySheetError { problems.append(error) }
        }
        let typos = problems.compactMap { if case let .typo(lines) = $0 { lines } else { nil } }
        if typos.count == problems.count, !typos.isEmpty { throw RecoverySheetError.typo(lines: typos.flatMap { $0 }.sorted()) }
        if let only = problems.first, problems.count == 1 { throw only }
        if !problems.isEmpty { throw RecoverySheetError.several(problems) }
        return try reader.secret()
    }

    /// The first 3 bytes of BLAKE2b-128 of the secret: the check of the sheet as a whole.
    static func sheetChecksum(of secret: SecretBytes) -> [UInt8] {
        let hash = Blake2b(outputLength: 16)
        secret.withUnsafeBytes { hash.update($0) }
        return Array(hash.finish().prefix(3))
    }

    static func symbolByte(_ value: UInt8) -> UInt8 {
        ReadableCode.alphabet[Int(value & 31)].asciiValue ?? 0
    }
}

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

/// Takes the lines of a sheet one at a time, in any order, and says at once which line to type again.
///
/// A line of 11 symbols must pass the Reed–Solomon check, a line of 10 the old hash check; a line that fails is
/// named at once. The sheet's check is the one most kept lines pass: a line of the other kind (a symbol dropped
/// from a new line that then passes the hash check by chance, once in 1,024) is dropped and named as soon as it is
/// outnumbered; when as many lines pass each check, the lines of both kinds are dropped and named together.
public struct RecoverySheetReader {
    private var lines: [Int: (symbols: SecretBytes, check: RecoverySheet.Check)] = [:]

    /// An empty reader.
    public init() {}

    /// The number (1–7) of the first line still missing; nil once every line is in.
    public var nextLine: Int? { (1...RecoverySheet.lineCount).first { lines[$0] == nil } }

    /// Adds a typed line as line `number` (1–7), unless it starts with its own number (`4:`), which wins.
    ///
    /// Throws the problem, naming the lines to type again (they are dropped); the other lines are kept.
    public mutating func add(_ typed: String, number: Int) throws {
        let line = try TypedLine(typed, number: number)
        guard line.passesItsCheck else { throw RecoverySheetError.typo(lines: [line.number]) }
        lines[line.number] = (line.symbols, line.check)
        let old = lines.values.filter { $0.check == .hash }.count, new = lines.count - old
        guard old > 0, new > 0 else { return }     // every kept line has the same kind of check
        let minority: RecoverySheet.Check = old > new ? .reedSolomon : .hash
        let dropped = lines.filter { old == new || $0.value.check == minority }.keys.sorted()
        for number in dropped { lines[number] = nil }
        throw old == new ? RecoverySheetError.disagree(lines: dropped) : RecoverySheetError.typo(lines: dropped)
    }

    /// The secret key, once the seven lines are in and the sheet's checksum matches.
    public func secret() throws -> SecretBytes {
        guard nextLine == nil else { throw RecoverySheetError.lineCount(found: lines.count) }
        let bytes = SecretBytes(count: 35)
        bytes.withUnsafeMutableBytes { out in
            for (line, entry) in lines {
                entry.symbols.withUnsafeBytes { symbols in
                    for index in 0..<RecoverySheet.dataSymbols {
                        for bit in 0..<5 {
                            let position = ((line - 1) * RecoverySheet.dataSymbols + index) * 5 + bit
                            out[position / 8] |= (symbols[index] >> (4 - UInt8(bit)) & 1) << (7 - UInt8(position % 8))
                        }
                    }
                }
            }
        }
        let secret = bytes.slice(0, 32)
        let expected = bytes.withUnsafeBytes { Array($0[32..<35]) }
        guard RecoverySheet.sheetChecksum(of: secret) == expected else { throw RecoverySheetError.together }
        return secret
    }
}

/// One typed line: its number, its symbol values (in guarded memory) and the check their count calls for.
struct TypedLine {
    let number: Int
    let symbols: SecretBytes
    let check: RecoverySheet.Check

    /// Whether a line of a file is a line of the sheet: it starts with its number, or holds only sheet symbols.
    static func isCandidate(_ text: String) -> Bool {
        let (label, rest) = split(text)
        if label != nil { return true }
        return rest.contains { !$0.isWhitespace && $0 != "-" }
            && rest.allSatisfy { $0.isWhitespace || $0 == "-" || value(of: $0) != nil }
    }

    /// Parses `text`: an optional number label (`3:` or `3.`), then symbols; spaces and hyphens are ignored.
    init(_ text: String, number fallback: Int) throws {
        let (label, rest) = Self.split(text)
        number = label ?? fallback
        guard (1...RecoverySheet.lineCount).contains(number) else { throw RecoverySheetError.noSuchLine(number) }
        let characters = rest.filter { !$0.isWhitespace && $0 != "-" }
        guard let check = RecoverySheet.Check.allCases.first(where: { $0.symbolsPerLine == characters.count }) else {
            throw RecoverySheetError.length(line: number, symbols: characters.count)
        }
        self.check = check
        symbols = SecretBytes(count: characters.count)
        for (index, character) in characters.enumerated() {
            guard let value = Self.value(of: character) else { throw RecoverySheetError.notOnSheet(line: number, character: character) }
            symbols.withUnsafeMutableBytes { $0[index] = value }
        }
    }

    /// Whether the line passes the check its length calls for.
    var passesItsCheck: Bool {
        symbols.withUnsafeBytes { all in
            let data = UnsafeRawBufferPointer(rebasing: all[0..<RecoverySheet.dataSymbols])
            switch check {
            case .reedSolomon: return ReedSolomon.isCodeword(line: number, data: data, check: (all[8], all[9], all[10]))
            case .hash: return HashCheck.check(line: number, data: data) == (all[8], all[9])
            }
        }
    }

    private static func value(of character: Character) -> UInt8? {
        let upper = Character(character.uppercased())
        return ReadableCode.alphabet.firstIndex(of: upper).map(UInt8.init)
    }

    /// The number a line starts with (`3:` or `3.`), if any.
    static func label(of text: String) -> Int? { split(text).label }

    /// Splits a leading `3:` or `3.` label (with spaces around it) from the rest.
    private static func split(_ text: String) -> (label: Int?, rest: Substring) {
        let trimmed = Substring(text).drop { $0.isWhitespace }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let after = trimmed.dropFirst(digits.count).drop { $0.isWhitespace }
        guard !digits.isEmpty, digits.count <= 2, let mark = after.first, mark == ":" || mark == "." else { return (nil, trimmed) }
        return (Int(digits), after.dropFirst())
    }
}

/// The old check (sheet check 1): the first 10 bits of BLAKE2b-128 of the line index (0–6) and the line's 5 bytes.
enum HashCheck {
    static func check(line: Int, data: UnsafeRawBufferPointer) -> (UInt8, UInt8) {
        var bytes = [UInt8](repeating: 0, count: 6)
        defer { for i in bytes.indices { bytes[i] = 0 } }
        bytes[0] = UInt8(line - 1)
        for position in 0..<40 {
            let bit = data[position / 5] >> (4 - UInt8(position % 5)) & 1
            bytes[1 + position / 8] |= bit << (7 - UInt8(position % 8))
        }
        let hash = Blake2b(outputLength: 16)
        hash.update(bytes)
        let digest = hash.finish()
        return (digest[0] >> 3, (digest[0] & 7) << 2 | digest[1] >> 6)
    }
}

/// The line check of sheets printed today: a Reed–Solomon code over GF(32) with three check symbols.
///
/// The codeword is (line number, 8 data symbols, 3 check symbols), the coefficients of C(x) from x¹¹ down to x⁰;
/// it is valid when C(α) = C(α²) = C(α³) = 0, α a root of x⁵ + x² + 1. Its minimum distance is 4, so any one,
/// two or three wrong symbols are detected: a substitution, a swap of two symbols, a wrong line number (the known
/// first symbol), or any two of these on one line.
enum ReedSolomon {
    /// α^i for i in 0..<62 (α³¹ = 1), so that a sum of two logarithms needs no reduction.
    static let powers: [UInt8] = {
        var out: [UInt8] = [], value: UInt8 = 1
        for _ in 0..<62 {
            out.append(value)
            value <<= 1
            if value & 32 != 0 { value ^= 0b100101 }
        }
        return out
    }()

    /// log_α of 1...31 (index 0 unused).
    static let logarithms: [UInt8] = {
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<31 { out[Int(powers[i])] = UInt8(i) }
        return out
    }()

    /// The generator (x − α)(x − α²)(x − α³) = x³ + g₂x² + g₁x + g₀, as (g₂, g₁, g₀).
    static let generator: (UInt8, UInt8, UInt8) = {
        var coefficients: [UInt8] = [1]             // highest degree first
        for root in powers[1...3] {                 // multiply by (x + root): in GF(2⁵), minus is plus
            var next = coefficients + [0]
            for (i, c) in coefficients.enumerated() { next[i + 1] ^= multiply(c, root) }
            coefficients = next
        }
        return (coefficients[1], coefficients[2], coefficients[3])
    }()

    /// The product of two elements of GF(32).
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return powers[Int(logarithms[Int(a & 31)]) + Int(logarithms[Int(b & 31)])]
    }

    /// The check symbols of line `line` (1–7): the remainder of (line, data)·x³ divided by the generator.
    static func check(line: Int, data: UnsafeRawBufferPointer) -> (UInt8, UInt8, UInt8) {
        var r2: UInt8 = 0, r1: UInt8 = 0, r0: UInt8 = 0
        func divide(_ symbol: UInt8) {
            let feedback = symbol ^ r2
            r2 = r1 ^ multiply(feedback, generator.0)
            r1 = r0 ^ multiply(feedback, generator.1)
            r0 = multiply(feedback, generator.2)
        }
        divide(UInt8(line))
        for symbol in data { divide(symbol) }
        return (r2, r1, r0)
    }

    /// Whether (line, data, check) is a codeword: the syndromes C(α), C(α²), C(α³) are all zero.
    static func isCodeword(line: Int, data: UnsafeRawBufferPointer, check: (UInt8, UInt8, UInt8)) -> Bool {
        powers[1...3].allSatisfy { root in
            var value = UInt8(line & 31)
            for symbol in data { value = multiply(value, root) ^ symbol }
            for symbol in [check.0, check.1, check.2] { value = multiply(value, root) ^ symbol }
            return value == 0
        }
    }
}
