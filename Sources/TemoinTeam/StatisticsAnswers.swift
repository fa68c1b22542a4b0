import Foundation
import TemoinForms

/// Reading answers whatever their shape: records decrypted without their questionnaire carry
/// choice ids, `yes`/`no` and dates as `.text`, and typed records carry `.choice`, `.yesno`, `.date`.
extension AnswerValue {
    /// The choice ids (or `yes` / `no` / `unknown`) this answer picks, without repeats, in the order given.
    var pickedIDs: [String] {
        var seen: Set<String> = []
        let ids: [String]
        switch self {
        case let .choices(list): ids = list
        case let .choice(id), let .text(id): ids = [id]
        case let .yesno(answer): ids = [answer.rawValue]
        default: ids = [description]
        }
        return ids.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The date this answer holds, if it is one (`2026-03-14` or `2026-03`).
    var approximateDate: ApproximateDate? {
        switch self {
        case let .date(date): date
        case let .text(text): ApproximateDate(iso: text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// The whole number this answer holds, if it is one.
    var wholeNumber: Int? {
        switch self {
        case let .number(number): number
        case let .text(text): Int(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}

extension String {
    /// The form under which free text is counted: trimmed, inner spaces collapsed, lower-cased;
    /// accents are kept, so "Paris " and "PARIS" count together but "Saint-Étienne" and
    /// "Saint-Etienne" do not.
    var countingKey: String {
        tidied.lowercased()
    }

    /// The form under which text is searched: lower-cased, accents and letter widths dropped,
    /// spaces collapsed.
    var searchKey: String {
        SearchFolding.fold(self).tidied
    }

    /// The text trimmed and with inner runs of spaces collapsed, as shown for a counted spelling.
    ///
    /// Scalar by scalar, ASCII tested directly, into UTF-8 bytes: splitting into `Character`s, each looked
    /// up in the Unicode tables, took longer than folding the text, and appending to a `UnicodeScalarView`
    /// took most of the time of a search text.
    var tidied: String {
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var space = false
        for scalar in unicodeScalars {
            if scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace {
                space = !result.isEmpty
            } else {
                if space { result.append(UInt8(ascii: " ")) }
                space = false
                if scalar.isASCII { result.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { result.append($0) } }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
