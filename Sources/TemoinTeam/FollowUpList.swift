import Foundation
import TemoinFormat
import TemoinForms

/// The witnesses who agreed to be contacted again (`recontact` role), how to reach them (`contact` fields
/// asked after that yes) and where the team stands with each: `temoin team followup`.
public struct FollowUpList: Sendable {
    /// The output forms.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }

    /// One witness to follow up.
    public struct Row: Sendable, Equatable {
        /// The receipt code.
        public var receipt: String
        /// The record id, hexadecimal.
        public var record: String
        /// The date of the check as answered (`2026-03-14`, `2026-03`), or empty.
        public var date: String
        /// The city as answered, or empty.
        public var city: String
        /// How to reach the witness: the answers of the channels, joined by ` / `.
        public var contact: String
        /// The team's case.
        public var file: CaseFile
    }

    /// The witnesses, by status (in `CaseStatus` order), then by date of the check, then by receipt.
    public let rows: [Row]

    /// Lists the testimonies of `records` whose `recontact` answer is yes, with their case from `book`;
    /// only those with a status in `statuses` when it is not empty.
    public init(records: [DecryptedRecord], book: CaseBook, form: Questionnaire, statuses: Set<CaseStatus> = []) {
        guard let recontact = form.field(withRole: .recontact) else {
            rows = []
            return
        }
        let channels = form.followUpChannels, date = form.field(withRole: .date), city = form.field(withRole: .city)
        let order = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.enumerated().map { ($1, $0) })
        var seen: Set<String> = []
        rows = records.compactMap { record -> Row? in
            let answers = record.payload.answers
            // A decrypted answer is read without its field's kind: "yes" may come as text.
            guard answers[recontact.id]?.description == YesNo.yes.rawValue, seen.insert(record.payload.record).inserted else { return nil }
            let file = book[record]
            guard statuses.isEmpty || statuses.contains(file.status) else { return nil }
            func answer(_ field: Field?) -> String {
                field.flatMap { answers[$0.id] }.flatMap { $0.isAnswered ? $0.description : nil } ?? ""
            }
            let contact = channels.map(answer).filter { !$0.isEmpty }.joined(separator: " / ")
            return Row(receipt: record.payload.receipt, record: record.payload.record, date: answer(date), city: answer(city),
                       contact: contact, file: file)
        }.sorted { a, b in
            let (x, y) = (order[a.file.status] ?? 0, order[b.file.status] ?? 0)
            if x != y { return x < y }
            if a.date != b.date { return a.date < b.date }
            return a.receipt < b.receipt
        }
    }

    /// The whole text in `format`, labels in `language`.
    public func render(_ format: Format, language: Language, separator: Character = ",") -> String {
        switch format {
        case .table: table(language).replacingControlCharacters(keeping: ["\n"])
        case .csv: csv(language, separator: separator)
        case .json: json(language)
        }
    }

    private static let headers = [
        Localized(fr: "Reçu", en: "Receipt"), Localized(fr: "Date", en: "Date"), Localized(fr: "Ville", en: "City"),
        Localized(fr: "Contact", en: "Contact"), Localized(fr: "Statut", en: "Status"), Localized(fr: "Étiquettes", en: "Tags"),
        Localized(fr: "Dernière note", en: "Last note"),
    ]

    /// `2026-03-14 18:30 UTC, Alice : text` on one line.
    private static func lastNote(_ file: CaseFile, _ language: Language) -> String {
        guard let note = file.lastNote else { return "" }
        let text = note.value.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(CaseEvent.timestamp(note.at)), \(note.author)\(language == .fr ? " : " : ": ")\(text)"
    }

    private func cells(_ row: Row, _ language: Language) -> [String] {
        [row.receipt, row.date, row.city, row.contact, row.file.status.label.text(language), row.file.tags.joined(separator: ", "),
         Self.lastNote(row.file, language)]
    }

    private func table(_ language: Language) -> String {
        guard !rows.isEmpty else {
            return Localized(fr: "Aucun témoin à recontacter.\n", en: "No witness to contact again.\n").text(language)
        }
        let lines = [Self.headers.map { $0.text(language) }] + rows.map { cells($0, language) }
        // Every column but the last (the note) as wide as its widest cell, at most 40 characters.
        let widths = (0..<Self.headers.count - 1).map { column in min(40, lines.map { $0[column].count }.max() ?? 0) }
        return lines.map { line in
            let padded = line.enumerated().map { column, cell -> String in
                guard column < widths.count else { return cell }
                let cut = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                return cut + String(repeating: " ", count: widths[column] - cut.count)
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    private func csv(_ language: Language, separator: Character) -> String {
        let header = ["receipt", "date", "city", "contact", "status", "status_label", "tags", "last_note_at", "last_note_author", "last_note", "record"]
        let body = rows.map { row -> [String] in
            let note = row.file.lastNote
            return [row.receipt, row.date, row.city, row.contact, row.file.status.rawValue, row.file.status.label.text(language),
                    row.file.tags.joined(separator: ", "), note.map { CaseEvent.timestamp($0.at) } ?? "", note?.author ?? "",
                    note?.value ?? "", row.record]
        }
        return ([header] + body).map { $0.map { CSVCell.escaped($0, separator: separator) }.joined(separator: String(separator)) }
            .joined(separator: "\r\n") + "\r\n"
    }

    private struct JSONRow: Encodable {
        struct Note: Encodable {
            var at: String, author: String, authorKey: String, text: String
            enum CodingKeys: String, CodingKey { case at, author, authorKey = "author_key", text }
        }
        var receipt, record, date, city, contact, status, statusLabel: String
        var tags: [String]
        var notes: Int
        var lastNote: Note?
        enum CodingKeys: String, CodingKey {
            case receipt, record, date, city, contact, status, statusLabel = "status_label", tags, notes, lastNote = "last_note"
        }
    }

    private func json(_ language: Language) -> String {
        let objects = rows.map { row in
            JSONRow(receipt: row.receipt, record: row.record, date: row.date, city: row.city, contact: row.contact,
                    status: row.file.status.rawValue, statusLabel: row.file.status.label.text(language), tags: row.file.tags,
                    notes: row.file.notes.count,
                    lastNote: row.file.lastNote.map { .init(at: CaseEvent.timestamp($0.at), author: $0.author, authorKey: $0.authorKey, text: $0.value) })
        }
        guard !objects.isEmpty else { return "[]\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(objects)).map { String(decoding: $0, as: UTF8.self) } ?? "[]") + "\n"
    }
}
