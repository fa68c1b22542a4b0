import Foundation
import TemoinForms
import TemoinStorage

/// Writes a chosen set of testimonies to a new file in one go, in the format its name ends with: what the
/// browser's export key does with the list it shows (the CLI streams instead: `temoin team decrypt`).
public enum RecordExport {
    /// The formats, by file name extension.
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl, xlsx

        /// The format of a file named `path` (`.csv`, `.jsonl`, `.xlsx`, any case), nil for another name.
        public init?(path: String) {
            let name = path.lowercased()
            guard let format = Self.allCases.first(where: { name.hasSuffix("." + $0.rawValue) && name.count > $0.rawValue.count + 1 }) else {
                return nil
            }
            self = format
        }
    }

    /// Writes `records` to `path` (which must not exist; nothing appears unless the whole file was written)
    /// as `format`: CSV and XLSX with headers and answers in `labels`, CSV with `separator`; JSON Lines as
    /// `temoin team decrypt` writes them. Returns how many testimonies were written.
    @discardableResult
    public static func write(_ records: [DecryptedRecord], to path: String, format: Format, form: Questionnaire,
                             labels: ExportLabels, separator: Character) throws -> Int {
        switch format {
        case .xlsx:
            let workbook = try XLSXWriter(path: path, form: form, labels: labels)
            for record in records { try workbook.append(record) }
            try workbook.finish()
        case .csv, .jsonl:
            try FileSystem.ensureAbsent(path)
            let pending = try PendingFile(for: path)
            let output = try RecordOutput(format: format == .csv ? .csv : .jsonl, form: form, byteOrderMark: format == .csv,
                                          labels: format == .csv ? labels : .ids, separator: separator, write: pending.write)
            for record in records { try output.append(record) }
            try output.finish()
            try pending.publish(as: path)
        }
        return records.count
    }
}
