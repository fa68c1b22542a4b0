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

    /// Reads the columns of `record` with the labels of `form`.
    init(_ record: DecryptedRecord, form: Questionnaire) {
        self.record = record
        let answers = record.payload.answers
        func shown(_ fieldID: String) -> Localized {
            guard let value = answers[fieldID], value.isAnswered else { return Localized(fr: "", en: "") }
            return StatisticsLabels.answer(value, field: form.field(fieldID))
        }
        let raw = answers["check_date"].map(\.description) ?? ""
        date = ApproximateDate(iso: raw.trimmingCharacters(in: .whitespaces))
        cells = [
            .date: date.map(Self.shortDate) ?? Localized(fr: raw, en: raw),
            .city: shown("city"),
            .forces: shown("forces"),
            .photo: shown("face_photo"),
            .outcome: shown("outcome"),
        ]
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

/// A column of the list of testimonies.
enum TeamColumn: Int, Sendable, Hashable, CaseIterable {
    case date, city, forces, photo, outcome

    /// The column heading.
    var title: Localized {
        switch self {
        case .date: TeamText.columnDate
        case .city: TeamText.columnCity
        case .forces: TeamText.columnForces
        case .photo: TeamText.columnPhoto
        case .outcome: TeamText.columnOutcome
        }
    }

    /// The next column, for F7.
    var next: TeamColumn {
        TeamColumn(rawValue: (rawValue + 1) % Self.allCases.count) ?? .date
    }
}
