import CXlsxWriter
import Foundation
import TemoinForms
import TemoinStorage

/// Writes testimonies as an Excel workbook through libxlsxwriter: a sheet of testimonies (one row each,
/// columns of `RecordTable`) and a sheet of figures (the charted series with their denominators).
///
/// Constant-memory mode: rows go to a temporary file in the output's folder as they are written, so a
/// hundred thousand testimonies do not sit in memory; the figures are counted as rows pass. The header
/// row is frozen and carries an autofilter; dates are Excel dates (`dd/mm/yyyy`, `yyyy-mm-dd` in English).
/// The workbook is written under a temporary name and given `path` only when complete; an existing file is
/// never replaced.
public final class XLSXWriter {
    /// A failure of libxlsxwriter or of the file system, naming the file.
    public enum Failure: TemoinError, Equatable {
        /// libxlsxwriter could not start the workbook in the folder (not writable, most likely).
        case notStarted(path: String)
        /// Memory ran out while the workbook was started.
        case outOfMemory(path: String)
        /// Closing the workbook failed (libxlsxwriter's reason, in English).
        case notWritten(path: String, reason: String)
        /// The finished workbook could not be given its name.
        case notNamed(path: String, errno: Int32)
        /// A cell could not be written (libxlsxwriter's reason, in English).
        case cellNotWritten(path: String, reason: String)

        public func message(in language: Language) -> String {
            let l = language
            switch self {
            case .notStarted(let p):
                return l.pick(fr: "\(p) : le classeur ne peut pas être commencé (le dossier est-il accessible en écriture ?).",
                              en: "\(p): the spreadsheet cannot be started (is the folder writable?).")
            case .outOfMemory(let p):
                return l.pick(fr: "\(p) : le classeur ne peut pas être commencé (mémoire épuisée).", en: "\(p): the spreadsheet cannot be started (out of memory).")
            case .notWritten(let p, let reason):
                return l.pick(fr: "\(p) : le classeur n'a pas pu être écrit (\(reason)) ; le disque est-il plein ?",
                              en: "\(p): the spreadsheet could not be written (\(reason)); is the disk full?")
            case .notNamed(let p, let code):
                return l.pick(fr: "\(p) : le classeur n'a pas pu recevoir son nom (\(VaultError.reason(code, in: l))).",
                              en: "\(p): the spreadsheet could not be given its name (\(VaultError.reason(code, in: l))).")
            case .cellNotWritten(let p, let reason):
                return l.pick(fr: "\(p) : une case n'a pas pu être écrite (\(reason)).", en: "\(p): a cell could not be written (\(reason)).")
            }
        }
    }

    /// Excel refuses longer text in a cell; a longer answer is cut and marked.
    static let cellLimit = 32_767

    private let path: String
    private let partial: String
    private let table: RecordTable
    private let form: Questionnaire
    private let language: Language
    private var counter: StatisticsCounter
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let testimonies: UnsafeMutablePointer<lxw_worksheet>
    private let figures: UnsafeMutablePointer<lxw_worksheet>
    private let bold: UnsafeMutablePointer<lxw_format>
    private let dateFormat: UnsafeMutablePointer<lxw_format>
    private let percentFormat: UnsafeMutablePointer<lxw_format>
    private var row: UInt32 = 1

    /// Starts a workbook to be written at `path` (which must not exist) with `form`'s columns in `labels`.
    public init(path: String, form: Questionnaire, labels: ExportLabels) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw VaultError.fileExists(path: path)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        self.path = path
        partial = folder + "/." + url.lastPathComponent + ".\(UInt32.random(in: 0...UInt32.max)).part"
        table = RecordTable(form: form, labels: labels)
        self.form = form
        language = labels == .en ? .en : .fr
        counter = StatisticsCounter(form: form, breakdowns: Breakdown.charted(in: form))
        guard let workbook = temoin_xlsx_new(partial, folder) else {
            throw Failure.notStarted(path: path)
        }
        self.workbook = workbook
        let names = language == .fr ? ("Témoignages", "Chiffres") : ("Testimonies", "Figures")
        guard let testimonies = workbook_add_worksheet(workbook, names.0), let figures = workbook_add_worksheet(workbook, names.1),
              let bold = workbook_add_format(workbook), let dateFormat = workbook_add_format(workbook),
              let percentFormat = workbook_add_format(workbook) else {
            workbook_close(workbook)
            throw Failure.outOfMemory(path: path)
        }
        (self.testimonies, self.figures, self.bold, self.dateFormat, self.percentFormat) = (testimonies, figures, bold, dateFormat, percentFormat)
        format_set_bold(bold)
        format_set_num_format(dateFormat, language == .fr ? "dd/mm/yyyy" : "yyyy-mm-dd")
        format_set_num_format(percentFormat, "0.0%")
        for column in table.dateColumns { worksheet_set_column(testimonies, UInt16(column), UInt16(column), 12, dateFormat) }
        for (column, title) in table.header.enumerated() { try write(testimonies, 0, column, .text(title), bold) }
        worksheet_freeze_panes(testimonies, 1, 0)
    }

    deinit {
        if let workbook {
            workbook_close(workbook)
            unlink(partial)
        }
    }

    /// Adds one testimony: a row of the first sheet, and its counts in the figures.
    public func append(_ record: DecryptedRecord) throws {
        for (column, cell) in table.row(record).enumerated() { try write(testimonies, row, column, cell, nil) }
        row += 1
        if Statistics.counts(record.status) { counter.add(record) }
    }

    /// Writes the figures, closes the workbook and gives it its name.
    public func finish() throws {
        guard let workbook else { return }
        worksheet_autofilter(testimonies, 0, 0, max(0, row - 1), UInt16(max(0, table.header.count - 1)))
        try writeFigures(counter.statistics())
        self.workbook = nil
        let closed = workbook_close(workbook)
        guard closed == LXW_NO_ERROR else {
            unlink(partial)
            throw Failure.notWritten(path: path, reason: String(cString: lxw_strerror(closed)))
        }
        guard link(partial, path) == 0 else {
            let code = errno
            unlink(partial)
            throw Failure.notNamed(path: path, errno: code)
        }
        unlink(partial)
    }

    private func writeFigures(_ statistics: Statistics) throws {
        let headers = language == .fr ? ["Question", "Réponse", "Nombre", "Part"] : ["Question", "Answer", "Count", "Share"]
        for (column, title) in headers.enumerated() { try write(figures, 0, column, .text(title), bold) }
        worksheet_set_column(figures, 0, 0, 50, nil)
        worksheet_set_column(figures, 1, 1, 36, nil)
        worksheet_freeze_panes(figures, 1, 0)
        var line: UInt32 = 1
        for series in statistics.series {
            try write(figures, line, 0, .text(series.breakdown.title.text(language)), bold)
            line += 1
            for bucket in series.buckets {
                try write(figures, line, 0, .text(series.breakdown.fieldID), nil)
                try write(figures, line, 1, .text(bucket.label.text(language)), nil)
                try write(figures, line, 2, .number(bucket.count), nil)
                if let percent = series.percent(bucket) {
                    try check(worksheet_write_number(figures, line, 3, percent / 100, percentFormat))
                }
                line += 1
            }
            for note in series.notes {
                try write(figures, line, 0, .text(note.text(language)), nil)
                line += 1
            }
            line += 1
        }
    }

    private func write(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ column: Int, _ cell: RecordTable.Cell,
                       _ format: UnsafeMutablePointer<lxw_format>?) throws {
        let column = UInt16(clamping: column)
        switch cell {
        case let .text(text):
            var text = text
            if text.utf8.count > Self.cellLimit { text = String(decoding: Array(text.utf8.prefix(Self.cellLimit - 40)), as: UTF8.self) + " […]" }
            try check(worksheet_write_string(sheet, row, column, text, format))
        case let .number(number):
            try check(worksheet_write_number(sheet, row, column, Double(number), format))
        case let .date(year, month, day):
            var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
            try check(worksheet_write_datetime(sheet, row, column, &date, dateFormat))
        case .empty:
            break
        }
    }

    private func check(_ error: lxw_error) throws {
        guard error == LXW_NO_ERROR else {
            throw Failure.cellNotWritten(path: path, reason: String(cString: lxw_strerror(error)))
        }
    }
}
