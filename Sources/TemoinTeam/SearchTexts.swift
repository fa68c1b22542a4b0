import TemoinForms

/// Every testimony's `Filter.searchText`, worked out on every core for the browser's list, each slice of
/// testimonies folding a choice's, a yes/no's, a date's or a number's forms once rather than once per
/// testimony: folding the same labels for each of 100,000 testimonies was most of the browser's opening
/// (Docs/PERFORMANCE.md, team). Receipts, free texts and answers to fields the questionnaire does not have
/// are folded for each testimony.
///
/// The same bytes as `Filter.searchText`: the text of each answer is folded alone, which folds as folding
/// the lines joined does (`SearchFolding` cuts words at line breaks) unless an answer begins with a scalar
/// that joins the line break before it; such a testimony is folded whole (`SearchTextsTests`).
public enum SearchTexts {
    /// The search texts of `records`, in their order.
    public static func of(_ records: [DecryptedRecord], form: Questionnaire) -> [[UInt8]] {
        // Looked up by id once (`Questionnaire.field` reads the sections in turn).
        let fields = Dictionary(form.fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return records.concurrentSliceMap { slice -> [[UInt8]] in
            var folded: [Answer: Folded] = [:]
            return slice.map { text(of: $0, form: form, fields: fields, folded: &folded) }
        }
    }

    /// An answer whose forms are folded once per slice.
    private struct Answer: Hashable {
        let fieldID: String
        let value: AnswerValue
    }

    /// A text folded and tidied, and whether it would join the line break before it.
    private struct Folded {
        let bytes: [UInt8]
        let joinsLineBreak: Bool

        init(_ text: String) {
            bytes = Array(text.searchKey.utf8)
            joinsLineBreak = SearchFolding.joinsLineBreak(text)
        }
    }

    private static func text(of record: DecryptedRecord, form: Questionnaire, fields: [String: Field], folded: inout [Answer: Folded]) -> [UInt8] {
        var bytes = Folded(record.payload.receipt).bytes
        for (fieldID, value) in record.payload.answers.values {
            let field = fields[fieldID], part: Folded
            if let kind = field?.kind, kind != .text, kind != .longtext {
                if let known = folded[Answer(fieldID: fieldID, value: value)] {
                    part = known
                } else {
                    part = Folded(Filter.searchText(of: value, field: field))
                    folded[Answer(fieldID: fieldID, value: value)] = part
                }
            } else {
                part = Folded(Filter.searchText(of: value, field: field))
            }
            guard !part.joinsLineBreak else { return Filter.searchText(of: record, form: form) }
            if !part.bytes.isEmpty {
                if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                bytes += part.bytes
            }
        }
        return bytes
    }
}
