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
    enum Check: CaseIterable, Sendable {
        /// Sheets printed before December 2026: 2 symbols, the first 10 bits of BLAKE2b-128 of the line index
        /// and the line's 5 bytes (a typo passes it once in 1,024).
        case hash
        /// Three Reed–Solomon check symbols over GF(32), the line number a known symbol of the codeword.
        case reedSolomon

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

    /// The ASCII byte of the symbol worth `value` (0–31).
    static func symbolByte(_ value: UInt8) -> UInt8 {
        ReadableCode.alphabet[Int(value & 31)].asciiValue ?? 0
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
