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

    /// The testimonies of `records`, in their order, made on every core; each slice shows an answer it met
    /// already (a date, a choice, a yes/no: not a free text) as it showed it then, instead of formatting the
    /// same labels again for each of 100,000 testimonies.
    static func all(_ records: [DecryptedRecord], columns: TeamColumn.Fields) -> [TeamTestimony] {
        records.concurrentSliceMap { slice -> [TeamTestimony] in
            var shown = Shown()
            return slice.map { TeamTestimony($0, columns: columns, shown: &shown) }
        }
    }

    /// What a slice has shown so far: the date and cell of each date answer, the cell of each other answer.
    private struct Shown {
        var dates: [String: (ApproximateDate?, Localized)] = [:]
        var cells: [Cell: Localized] = [:]

        struct Cell: Hashable {
            let column: TeamColumn
            let value: AnswerValue
        }
    }

    /// Reads the columns of `record`: the field with the `date` role, then the `listed` fields (see
    /// `TeamColumn.field(in:)`), looked up once for every testimony in `columns`.
    private init(_ record: DecryptedRecord, columns: TeamColumn.Fields, shown: inout Shown) {
        self.record = record
        let answers = record.payload.answers
        let raw = columns.date.flatMap { answers[$0.id] }.map(\.description) ?? ""
        let (date, dateCell): (ApproximateDate?, Localized)
        if let known = shown.dates[raw] { (date, dateCell) = known } else {
            date = ApproximateDate(iso: raw.trimmingCharacters(in: .whitespaces))
            dateCell = date.map(Self.shortDate) ?? Localized(fr: raw, en: raw)
            shown.dates[raw] = (date, dateCell)
        }
        self.date = date
        var cells = [TeamColumn.date: dateCell]
        for (column, field) in columns.listed {
            guard let value = answers[field.id], value.isAnswered else { continue }
            guard field.kind != .text, field.kind != .longtext else {
                cells[column] = StatisticsLabels.answer(value, field: field)
                continue
            }
            let key = Shown.Cell(column: column, value: value)
            if let known = shown.cells[key] { cells[column] = known } else {
                let cell = StatisticsLabels.answer(value, field: field)
                shown.cells[key] = cell
                cells[column] = cell
            }
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

    /// Each testimony's rank when sorted by date (the ISO form; no date first), then receipt: what breaks
    /// the ties of every sort of the list, worked out once.
    static func tieRanks(_ testimonies: [TeamTestimony]) -> [UInt32] {
        let dates = testimonies.map { $0.date?.description ?? "" }
        let order = testimonies.indices.sorted { a, b in
            if dates[a] != dates[b] { return dates[a] < dates[b] }
            let (x, y) = (testimonies[a].record.payload.receipt, testimonies[b].record.payload.receipt)
            return x != y ? x < y : a < b
        }
        var ranks = [UInt32](repeating: 0, count: testimonies.count)
        for (rank, index) in order.enumerated() { ranks[index] = UInt32(rank) }
        return ranks
    }

    /// Each testimony's rank by `column` in `language`: its key — the ISO date, else the shown text folded
    /// for comparison (each different text folded once) — among the keys, ascending; `UInt32.max` for an empty one.
    static func keyRanks(_ testimonies: [TeamTestimony], column: TeamColumn, language: Language) -> [UInt32] {
        // Each testimony's text numbered by its bytes (one lookup each: hashing a String with accents normalises
        // it first, which took most of a sort), then the few different texts folded and ranked.
        var numbers: [Bytes: Int] = [:], texts: [String] = []
        let numbered = testimonies.map { testimony -> Int in
            let text = Bytes(column == .date ? testimony.date?.description ?? "" : testimony.cell(column, language))
            if let known = numbers[text] { return known }
            numbers[text] = texts.count
            texts.append(text.text)
            return texts.count - 1
        }
        let keys = column == .date ? texts : texts.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let distinct = Set(keys).filter { !$0.isEmpty }.sorted()
        let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, UInt32($0)) })
        let ranks = keys.map { rank[$0] ?? .max }
        return numbered.map { ranks[$0] }
    }

    /// A text compared and hashed by its UTF-8 bytes.
    private struct Bytes: Hashable {
        var text: String
        init(_ text: String) { self.text = text }
        static func == (a: Bytes, b: Bytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
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

    /// The fields of every column of `form`, looked up once.
    struct Fields: Sendable {
        /// The date column's field.
        let date: Field?
        /// The other columns that have a field, with it.
        let listed: [(TeamColumn, Field)]

        init(_ form: Questionnaire) {
            date = TeamColumn.date.field(in: form)
            listed = TeamColumn.allCases.dropFirst().compactMap { column in column.field(in: form).map { (column, $0) } }
        }
    }

    /// The next column, for F7.
    var next: TeamColumn {
        TeamColumn(rawValue: (rawValue + 1) % Self.allCases.count) ?? .date
    }
}
