import TemoinCrypto

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
