import Foundation
import TemoinFormat
import TemoinForms

/// Output formats of decrypted testimonies.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line.
    case jsonl
    /// A spreadsheet: one row per testimony, one column per field id.
    case csv
}

/// Writes decrypted testimonies as JSON Lines or CSV to a byte sink.
public final class RecordOutput {
    /// Turns one testimony into its line; safe to use from any thread (see `TeamDecryptor.run(…prepare:emit:)`).
    public let encoder: RecordEncoder
    private let write: ([UInt8]) throws -> Void
    private var wroteHeader = false

    /// Creates an output in `format`. CSV columns follow `form`'s fields (a multiple-choice field gets one
    /// `field:choice` column per choice, holding 1 or 0), and other answers go to an `other_answers` JSON column.
    /// `labels` other than `ids` writes CSV headers and answers in that language (see `RecordTable`); `separator`
    /// is the CSV separator (`;` for French spreadsheets).
    public init(format: OutputFormat, form: Questionnaire, byteOrderMark: Bool = false, labels: ExportLabels = .ids,
                separator: Character = ",", write: @escaping ([UInt8]) throws -> Void) rethrows {
        encoder = RecordEncoder(format: format, form: form, labels: labels, separator: separator)
        self.write = write
        if byteOrderMark && format == .csv { try write([0xEF, 0xBB, 0xBF]) }
    }

    /// Writes one testimony.
    public func append(_ record: DecryptedRecord) throws {
        try append(encoded: encoder.encode(record))
    }

    /// Writes one testimony already encoded by `encoder` (after the CSV header, the first time).
    public func append(encoded line: [UInt8]) throws {
        try finish()
        try write(line)
    }

    /// Writes the CSV header even when no testimony was written.
    public func finish() throws {
        if encoder.format == .csv && !wroteHeader {
            try write(encoder.headerLine)
            wroteHeader = true
        }
    }
}

/// The line (JSON Lines) or row (CSV) of one testimony: a value, usable from any thread.
public struct RecordEncoder: Sendable {
    /// The output format.
    public let format: OutputFormat
    /// The questionnaire's fields, in order, and their ids (worked out once, not per record).
    private let fields: [Field]
    private let fieldIDs: Set<String>
    private let metaColumns = ["status", "receipt", "record", "desk", "desk_name", "desk_trust", "bundle", "form", "form_version", "sealed_at"]
    /// The labelled table, when headers and answers are written in a language.
    private let table: RecordTable?
    private let separator: Character

    init(format: OutputFormat, form: Questionnaire, labels: ExportLabels = .ids, separator: Character = ",") {
        self.format = format
        fields = form.fields
        fieldIDs = Set(fields.map(\.id))
        table = labels == .ids ? nil : RecordTable(form: form, labels: labels)
        self.separator = separator
    }

    /// The bytes for a testimony just opened, line end included; throws `DamagedPayload` when its payload is invalid.
    public func encode(_ opened: OpenedRecord) throws -> [UInt8] {
        if format == .jsonl, let line = JSONLineWriter.line(opened) { return line }
        return try encode(opened.decoded())
    }

    /// The bytes for `record`, line end included.
    public func encode(_ record: DecryptedRecord) throws -> [UInt8] {
        switch format {
        case .jsonl: JSONLineWriter.line(record)
        case .csv: csvLine(try table?.textRow(record) ?? csvRow(record))
        }
    }

    /// The CSV header row.
    var headerLine: [UInt8] { csvLine(header) }

    /// The CSV header: metadata, then field ids (`field:choice` for each choice of a multiple-choice field).
    private var header: [String] {
        if let table { return table.header }
        return metaColumns + fields.flatMap { field in
            field.kind == .multichoice ? field.choices.map { "\(field.id):\($0.id)" } : [field.id]
        } + ["other_answers"]
    }

    private func csvRow(_ record: DecryptedRecord) throws -> [String] {
        let p = record.payload
        var row = [record.status.rawValue, p.receipt, p.record, record.deskFingerprint, record.deskName, record.deskTrust.rawValue, record.bundle,
                   p.form.id, String(p.form.version), p.sealedAt]
        for field in fields {
            let answer = p.answers[field.id]
            if field.kind == .multichoice {
                let chosen: [String]? = if case .choices(let ids) = answer { ids } else { nil }
                row += field.choices.map { choice in chosen.map { $0.contains(choice.id) ? "1" : "0" } ?? "" }
            } else if field.kind == .files {
                row.append(Self.filesCell(p, field: field))
            } else {
                row.append(answer.map(Self.cell) ?? "")
            }
        }
        let other = p.answers.values.filter { !fieldIDs.contains($0.key) }
        if other.isEmpty {
            row.append("")
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            row.append(String(decoding: try encoder.encode(Answers(values: other)), as: UTF8.self))
        }
        return row
    }

    /// The evidence files answering `field`, each as its name and SHA-256 (`photo.jpg (SHA-256 9f86…)`), joined
    /// with "; ": what a reader of the spreadsheet compares with the witness's copy. Empty when none.
    static func filesCell(_ payload: RecordPayload, field: Field) -> String {
        let files: [EvidenceFile] = (payload.files ?? []).filter { $0.field == field.id }
        return files.map { file in file.name + " (SHA-256 " + file.sha256 + ")" }.joined(separator: "; ")
    }

    /// The text of one answer in a spreadsheet cell; multiple choices joined with "; ".
    static func cell(_ value: AnswerValue) -> String {
        switch value {
        case .text(let s), .choice(let s): return s
        case .choices(let c): return c.joined(separator: "; ")
        case .yesno(let y): return y.rawValue
        case .number(let n): return String(n)
        case .date(let d): return d.description
        case .time(let t): return t.description
        case .approximateTime(let t): return t.description
        }
    }

    /// RFC 4180 (`CSVCell`); rows end with CRLF.
    private func csvLine(_ fields: [String]) -> [UInt8] {
        Array((fields.map { CSVCell.escaped($0, separator: separator) }.joined(separator: String(separator)) + "\r\n").utf8)
    }
}

/// One CSV cell, as every CSV Témoin writes it (`team decrypt`, `stats`, `followup`): RFC 4180 — a field with
/// the separator, a quote or a line break is quoted, quotes doubled. A cell starting with `= + - @`, a tab or a
/// carriage return is prefixed with `'`, so that a spreadsheet does not run it as a formula: answers are chosen
/// by whoever sealed the record (`=HYPERLINK("https://…?"&A2)` would send the sheet's cells away).
enum CSVCell {
    static func escaped(_ field: String, separator: Character) -> String {
        var f = field
        if let first = f.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { f = "'" + f }
        if f.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return f
    }
}
