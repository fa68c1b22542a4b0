import Foundation
import TemoinForms
import TemoinTeam

/// One decrypted testimony as the list shows it: the columns, in both languages, and what they sort by.
struct TeamTestimony: Sendable {
    /// The decrypted record.
    let record: DecryptedRecord
    /// The date of the check, when it reads as one.
    let date: ApproximateDate?
    /// The cells of the list, column by column.
    let cells: [TeamColumn: Localized]

    /// Reads the columns of `record` with the labels of `form`: the field with the `date` role, then the
    /// `listed` fields (see `TeamColumn.field(in:)`).
    init(_ record: DecryptedRecord, form: Questionnaire) {
        self.record = record
        let answers = record.payload.answers
        let raw = form.field(withRole: .date).flatMap { answers[$0.id] }.map(\.description) ?? ""
        date = ApproximateDate(iso: raw.trimmingCharacters(in: .whitespaces))
        var cells = [TeamColumn.date: date.map(Self.shortDate) ?? Localized(fr: raw, en: raw)]
        for column in TeamColumn.allCases.dropFirst() {
            guard let field = column.field(in: form), let value = answers[field.id], value.isAnswered else { continue }
            cells[column] = StatisticsLabels.answer(value, field: field)
        }
        self.cells = cells
    }

    /// The cell of `column` in `language`.
    func cell(_ column: TeamColumn, _ language: Language) -> String {
        cells[column]?.text(language) ?? ""
    }

    /// `14/03/2026` in French, `2026-03-14` in English; the month alone when the day is not known.
    static func shortDate(_ date: ApproximateDate) -> Localized {
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        guard let day = date.day else { return Localized(fr: "\(month)/\(date.year)", en: "\(date.year)-\(month)") }
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return Localized(fr: "\(dd)/\(month)/\(date.year)", en: "\(date.year)-\(month)-\(dd)")
    }

    /// What this testimony sorts by in `column`, computed once per sort rather than per comparison.
    func sortKeys(_ column: TeamColumn, _ language: Language) -> SortKeys {
        let date = date?.description ?? ""
        let key = column == .date ? date : cell(column, language).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return SortKeys(key: key, date: date, receipt: record.payload.receipt)
    }

    /// A testimony's place in a sorted list: the column's key (the ISO date, else the shown text folded
    /// for comparison), then the date, then the receipt.
    struct SortKeys {
        let key, date, receipt: String

        /// Whether `self` comes first; empty cells go last in either order, ties fall back to the date
        /// (ascending), then the receipt.
        func precedes(_ other: SortKeys, ascending: Bool) -> Bool {
            if key.isEmpty != other.key.isEmpty { return other.key.isEmpty }
            if key != other.key { return ascending ? key < other.key : key > other.key }
            if date != other.date { return date < other.date }
            return receipt < other.receipt
        }
    }
}

/// A column of the list of testimonies: the date, then the questionnaire's first four `listed` fields
/// (the city, the forces, the photo and the outcome in the built-in one).
enum TeamColumn: Int, Sendable, Hashable, CaseIterable {
    case date, second, third, fourth, fifth

    /// The field shown: the one with the `date` role, or the listed field of this rank (none when fewer are listed).
    func field(in form: Questionnaire) -> Field? {
        let date = form.field(withRole: .date)
        if self == .date { return date }
        let listed = form.fields(withRole: .listed).filter { $0.id != date?.id && !$0.has(.private) }
        return listed.indices.contains(rawValue - 1) ? listed[rawValue - 1] : nil
    }

    /// The column heading: "Date", "Ville" for the city, else the question itself.
    func title(in form: Questionnaire) -> Localized {
        if self == .date { return TeamText.columnDate }
        guard let field = field(in: form) else { return Localized(fr: "", en: "") }
        return field.has(.city) ? TeamText.columnCity : field.label
    }

    /// The next column, for F7.
    var next: TeamColumn {
        TeamColumn(rawValue: (rawValue + 1) % Self.allCases.count) ?? .date
    }
}
