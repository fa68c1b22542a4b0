import Foundation
import TemoinForms

/// How exports name columns and write answers: field ids and choice ids (for programs), or the
/// questions and the labels in French or English (for people, in a spreadsheet).
public enum ExportLabels: String, Sendable, CaseIterable {
    case ids, fr, en
}

/// The rows of a spreadsheet of testimonies, cell by cell with their types, in the language of
/// `ExportLabels`: shared by the CSV with labels and the XLSX.
///
/// Each date field takes two columns: the date (the first of the month when only the month is known)
/// and its precision (`day` / `month`, "jour" / "mois"), so that a column of dates sorts and filters as
/// dates and month-only dates stay recognisable.
public struct RecordTable: Sendable {
    /// A cell: text, a whole number, a date, or nothing.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        case date(year: Int, month: Int, day: Int)
        case empty
    }

    /// A column: a field (or one choice of a multichoice, or a date's precision), or metadata.
    private enum Column: Sendable {
        case meta(Int)
        case field(Field)
        case choice(Field, Choice)
        case precision(Field)
        /// Answers to fields the questionnaire does not have, as JSON, so that nothing is lost.
        case other
    }

    private static let metaIDs = ["status", "receipt", "record", "desk", "desk_name", "desk_trust", "bundle", "form", "form_version", "sealed_at"]
    private static let metaLabels = [
        Localized(fr: "statut", en: "status"), Localized(fr: "reçu", en: "receipt"), Localized(fr: "enregistrement", en: "record"),
        Localized(fr: "empreinte du poste", en: "desk fingerprint"), Localized(fr: "poste", en: "desk"),
        Localized(fr: "confiance dans le poste", en: "desk trust"), Localized(fr: "lot", en: "bundle"),
        Localized(fr: "questionnaire", en: "questionnaire"), Localized(fr: "version", en: "version"), Localized(fr: "scellé le", en: "sealed at"),
    ]

    /// The language of headers and values.
    public let labels: ExportLabels
    private let columns: [Column]
    private let fieldIDs: Set<String>

    /// The table of `form`'s fields in `labels`.
    public init(form: Questionnaire, labels: ExportLabels) {
        self.labels = labels
        fieldIDs = Set(form.fields.map(\.id))
        columns = Self.metaIDs.indices.map(Column.meta) + form.fields.flatMap { field -> [Column] in
            switch field.kind {
            case .multichoice: field.choices.map { .choice(field, $0) }
            case .date: [.field(field), .precision(field)]
            default: [.field(field)]
            }
        } + [.other]
    }

    /// The header row.
    public var header: [String] {
        columns.map { column in
            switch column {
            case let .meta(index): text(Localized(fr: Self.metaIDs[index], en: Self.metaIDs[index]), or: Self.metaLabels[index])
            case let .field(field): text(Localized(fr: field.id, en: field.id), or: field.label)
            case let .choice(field, choice):
                text(Localized(fr: "\(field.id):\(choice.id)", en: "\(field.id):\(choice.id)"),
                     or: Localized(fr: "\(field.label.fr) : \(choice.label.fr)", en: "\(field.label.en): \(choice.label.en)"))
            case let .precision(field):
                text(Localized(fr: "\(field.id)_precision", en: "\(field.id)_precision"),
                     or: Localized(fr: "\(field.label.fr) (précision)", en: "\(field.label.en) (precision)"))
            case .other:
                text(Localized(fr: "other_answers", en: "other_answers"),
                     or: Localized(fr: "autres réponses (hors du questionnaire)", en: "other answers (not in the questionnaire)"))
            }
        }
    }

    /// Which columns hold dates (for a spreadsheet's date format and width).
    public var dateColumns: [Int] {
        columns.indices.filter { if case let .field(field) = columns[$0], field.kind == .date { true } else { false } }
    }

    /// The cells of one testimony.
    public func row(_ record: DecryptedRecord) -> [Cell] {
        let p = record.payload
        let trust = labels == .ids ? record.deskTrust.rawValue : StatisticsLabels.trust(record.deskTrust).text(language)
        let meta = [record.status.rawValue, p.receipt, p.record, record.deskFingerprint, record.deskName, trust, record.bundle,
                    p.form.id, String(p.form.version), p.sealedAt]
        return columns.map { column in
            switch column {
            case let .meta(index):
                return Self.metaIDs[index] == "form_version" ? .number(p.form.version) : .text(meta[index])
            case let .field(field):
                guard let value = p.answers[field.id], value.isAnswered else { return .empty }
                return cell(value, field: field)
            case let .choice(field, choice):
                guard let value = p.answers[field.id], value.isAnswered else { return .empty }
                let ticked = value.pickedIDs.contains(choice.id)
                return labels == .ids ? .number(ticked ? 1 : 0) : .text(text(Localized(fr: "", en: ""), or: ticked ? YesNo.yes.label : YesNo.no.label))
            case let .precision(field):
                guard let date = p.answers[field.id]?.approximateDate else { return .empty }
                let precision = date.day == nil ? Localized(fr: "mois", en: "month") : Localized(fr: "jour", en: "day")
                return .text(text(Localized(fr: date.day == nil ? "month" : "day", en: date.day == nil ? "month" : "day"), or: precision))
            case .other:
                let other = p.answers.values.filter { !fieldIDs.contains($0.key) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                guard !other.isEmpty, let json = try? encoder.encode(Answers(values: other)) else { return .empty }
                return .text(String(decoding: json, as: UTF8.self))
            }
        }
    }

    /// The cells of one testimony as CSV text: dates as `2026-03-01`.
    public func textRow(_ record: DecryptedRecord) -> [String] {
        row(record).map { cell in
            switch cell {
            case let .text(text): text
            case let .number(number): String(number)
            case let .date(year, month, day): ApproximateDate(year: year, month: month, day: day).description
            case .empty: ""
            }
        }
    }

    private func cell(_ value: AnswerValue, field: Field) -> Cell {
        switch field.kind {
        case .date:
            guard let date = value.approximateDate, date.isValid else { return .text(value.description) }
            return .date(year: date.year, month: date.month, day: date.day ?? 1)
        case .number:
            return value.wholeNumber.map(Cell.number) ?? .text(value.description)
        case .choice, .multichoice, .yesno:
            return .text(labels == .ids ? RecordEncoder.cell(value) : StatisticsLabels.answer(value, field: field).text(language))
        case .text, .longtext, .time:
            return .text(value.description)
        }
    }

    private var language: Language { labels == .en ? .en : .fr }

    /// `ids` when writing ids, else `label` in the language.
    private func text(_ ids: Localized, or label: Localized) -> String {
        labels == .ids ? ids.fr : label.text(language)
    }
}
