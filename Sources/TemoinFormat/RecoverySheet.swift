import TemoinCrypto

/// A paper backup of a 32-byte secret key: seven lines a person can type back, each with its own check code.
///
/// The 32 secret bytes and a 3-byte BLAKE2b checksum of them are cut into seven 5-byte lines; each line is
/// written as 8 symbols of `ReadableCode.alphabet` followed by a 2-symbol check code (the first 10 bits of
/// BLAKE2b-16 of the line number byte and the line's 5 bytes), so a mistyped symbol is caught on its own line.
public enum RecoverySheet {
    /// Number of lines on a sheet.
    public static let lineCount = 7

    /// The seven lines for `secret`, e.g. `K7QF-29XM  3B`.
    public static func lines(for secret: SecretBytes) -> [String] {
        precondition(secret.count == 32)
        var payload = secret.withUnsafeBytes { Array($0) }
        defer { for i in payload.indices { payload[i] = 0 } }
        payload += Blake2b.hash(payload, outputLength: 16).prefix(3)
        return (0..<lineCount).map { line in
            let chunk = Array(payload[line * 5..<line * 5 + 5])
            return ReadableCode.encode(chunk, symbols: 8) + "  " + checkCode(line: line, chunk)
        }
    }

    /// Rebuilds the secret from typed lines (labels like `3:` and separators are ignored).
    public static func secret(from typed: [String]) throws -> SecretBytes {
        let lines = typed.filter { !$0.trimmingCharactersOutsideCode().isEmpty }
        guard lines.count == lineCount else {
            throw CryptoError.malformed("a recovery sheet has \(lineCount) lines; \(lines.count) were typed")
        }
        var payload: [UInt8] = []
        defer { for i in payload.indices { payload[i] = 0 } }
        for (index, line) in lines.enumerated() { payload += try checkLine(line, number: index) }
        let secret = Array(payload[0..<32])
        guard Array(Blake2b.hash(secret, outputLength: 16).prefix(3)) == Array(payload[32..<35]) else {
            throw CryptoError.malformed("the lines are valid one by one but not together: check that they are typed in order")
        }
        return SecretBytes(copying: secret)
    }

    /// Checks one typed line (the `number`-th, from 0) on its own, to catch a typo as soon as it is typed.
    public static func checkLine(_ typed: String, number: Int) throws -> [UInt8] {
        let symbols = ReadableCode.normalise(typed.trimmingCharactersOutsideCode()).filter { $0 != "-" }
        guard symbols.count == 10, let chunk = ReadableCode.decode(String(symbols.prefix(8)), byteCount: 5) else {
            throw CryptoError.malformed("line \(number + 1) should hold 10 characters of the sheet (8, then the 2-character check code)")
        }
        guard checkCode(line: number, chunk) == String(symbols.suffix(2)) else {
            throw CryptoError.malformed("line \(number + 1) does not match its check code: a character is mistyped on that line")
        }
        return chunk
    }

    private static func checkCode(line: Int, _ chunk: [UInt8]) -> String {
        ReadableCode.encode(Blake2b.hash([UInt8(line)] + chunk, outputLength: 16), symbols: 2)
    }
}

private extension String {
    /// Drops a leading line label such as `3:` or `3.` and surrounding spaces.
    func trimmingCharactersOutsideCode() -> String {
        var text = Substring(self).drop { $0.isWhitespace }
        if let colon = text.firstIndex(where: { $0 == ":" || $0 == "." }), text[..<colon].allSatisfy(\.isNumber) {
            text = text[text.index(after: colon)...]
        }
        return String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
