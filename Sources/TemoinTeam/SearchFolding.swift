import Foundation

/// Foundation's case, accent and width folding (`searchKey`), without its cost where it is not needed.
///
/// `String.folding` goes through `NSString` for every call: folding each testimony's answers for the first
/// search took seconds at 100,000 testimonies. Here ASCII is lowercased in place and every scalar of
/// U+0080…U+024F (Latin-1 and Latin Extended, French's accents among them) is replaced by what Foundation folds
/// it to alone, from a table filled once; a word that holds anything else (a combining accent, another script,
/// a ligature, full-width forms) is folded by Foundation whole, so that a scalar whose folding depends on its
/// neighbours is folded with them. `SearchFoldingTests` compares the two on every scalar of the table and on
/// mixed text.
enum SearchFolding {
    static let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]

    /// The first scalar value past the table.
    private static let tableEnd: UInt32 = 0x250

    /// `table[v - 0x80]`: the UTF-8 of scalar `v` folded alone.
    private static let table: [[UInt8]] = (0x80..<tableEnd).map { value in
        Array(String(Character(Unicode.Scalar(value)!)).folding(options: options, locale: nil).utf8)
    }

    /// The UTF-8 `bytes` folded scalar by scalar, when every scalar is ASCII or in the table (nil otherwise):
    /// then no word needs Foundation, and reading the bytes straight costs a fraction of walking the scalars
    /// word by word (most French answers, a witness's account among them).
    private static func foldedFromTable(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                index += 1
                continue
            }
            // Below U+0250, a scalar takes two bytes, the first from 0xC2 to 0xC9 (a String's UTF-8 is valid).
            guard byte <= 0xC9, index + 1 < bytes.count else { return nil }
            let value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            guard value >= 0x80, value < tableEnd else { return nil }
            output += table[Int(value - 0x80)]
            index += 2
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `text`, after a line break, would be folded together with it (its first scalar is past the
    /// table): then folding `text` alone does not give what folding it after the line break gives.
    static func joinsLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.first.map { $0.value >= tableEnd } ?? false
    }

    /// `text` folded as `text.folding(options: options, locale: nil)` folds it.
    static func fold(_ text: String) -> String {
        var text = text
        if let folded = text.withUTF8(foldedFromTable) { return folded }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var word = text.unicodeScalars.startIndex
        var foreign = false
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        /// Appends the word from `word` to `end`, folded.
        func flush(_ end: String.UnicodeScalarView.Index) {
            guard word < end else { return }
            if foreign {
                output += String(scalars[word..<end]).folding(options: options, locale: nil).utf8
            } else {
                for scalar in scalars[word..<end] {
                    if scalar.isASCII {
                        let byte = UInt8(scalar.value)
                        output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    } else {
                        output += table[Int(scalar.value - 0x80)]
                    }
                }
            }
            foreign = false
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            // A space before a scalar outside the table stays in its word: a combining accent after a space
            // belongs to the space (Foundation drops it with the space's other marks).
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r", next == scalars.endIndex || scalars[next].value < tableEnd {
                flush(index)
                output.append(UInt8(scalar.value))
                word = next
            } else if scalar.value >= tableEnd {
                foreign = true
            }
            index = next
        }
        flush(scalars.endIndex)
        return String(decoding: output, as: UTF8.self)
    }
}
