import TemoinDesk
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// One question drawn on the questionnaire screen: label, help, the answer editor and any problem.
struct FieldBlock {
    /// The block, drawn in its own frame as wide as the content column.
    let frame: Frame
    /// Where the cursor goes inside `frame` when the field has focus.
    let cursor: Position?

    /// Rows of a focused long text editor, at most.
    static let areaRows = 10
    /// Rows of an unfocused long text, at most.
    static let areaPreviewRows = 3

    /// Draws `field` of `testimony` in `width` columns; `room` is the height available on screen, `issue`
    /// what is wrong with the field (`Testimony.issue(for:forSealing:now:)`).
    init(field: Field, testimony: Testimony, issue: Localized?, focused: Bool, width: Int, room: Int, language: Language) {
        let width = max(10, width)
        let label = field.label(language) + (field.required ? " *" : "")
        let labelLines = TextWrap.wrap(label, width: width - 2).enumerated().map { index, line in
            (index > 0 ? "  " : focused ? "▶ " : "  ") + line
        }
        let helpLines = focused ? field.help.map { TextWrap.wrap($0(language), width: width - 2) } ?? [] : []
        // A problem in text still being typed shows once the volunteer leaves the field.
        let showIssue = issue != nil && (!focused || testimony.draft.pending[field.id] == nil || FieldBlock.isChoiceLike(field))
        let issueLines = showIssue ? TextWrap.wrap("⚠ " + (issue?(language) ?? ""), width: width - 2) : []
        let options = FieldOptions(field: field)
        let editor = testimony.editors[field.id]
        let inputRows: Int
        switch editor {
        case .area?:
            let fixed = labelLines.count + helpLines.count + issueLines.count + 2
            inputRows = focused ? max(3, min(Self.areaRows, room - fixed)) : Self.areaPreviewRows
        case .options? where focused && field.kind == .files: inputRows = testimony.files(of: field).count + 1
        case .options? where focused && field.kind != .yesno: inputRows = options.values.count
        default: inputRows = 1
        }
        var frame = Frame(size: Size(width: width, height: labelLines.count + helpLines.count + inputRows + issueLines.count + 1))
        var row = 0
        for line in labelLines {
            frame.put(line, at: Position(column: 0, row: row), style: focused ? [.bold, .accent] : .bold)
            row += 1
        }
        for line in helpLines {
            frame.put(line, at: Position(column: 2, row: row), style: .dim)
            row += 1
        }
        let origin = Position(column: 2, row: row)
        let inputWidth = width - 2
        var cursor: Position?
        switch editor {
        case let .line(line)?:
            let fieldWidth = field.kind == .text ? inputWidth : min(inputWidth, field.kind == .time ? 36 : 24)  // "vers la fin de l'après-midi"
            cursor = line.draw(into: &frame, at: origin, width: fieldWidth, style: focused ? [.underline, .accent] : .underline)
        case let .area(area)?:
            let drawn = area.draw(into: &frame, at: origin, width: inputWidth - 1, height: inputRows, style: focused ? .accent : [])
            for offset in 0..<inputRows {
                frame.put("│", at: Position(column: origin.column + inputWidth - 1, row: origin.row + offset), style: .dim)
            }
            if drawn.above { frame.put("▲", at: Position(column: origin.column + inputWidth - 1, row: origin.row), style: .bold) }
            if drawn.below { frame.put("▼", at: Position(column: origin.column + inputWidth - 1, row: origin.row + inputRows - 1), style: .bold) }
            cursor = drawn.cursor
        case let .options(picker)? where field.kind == .files:
            cursor = Self.drawFiles(testimony.files(of: field), picker: picker, focused: focused, into: &frame, at: origin, width: inputWidth,
                                    language: language)
        case let .options(picker)?:
            cursor = Self.drawOptions(options, picker: picker, selection: testimony.selections[field.id], field: field,
                                      focused: focused, into: &frame, at: origin, width: inputWidth, language: language)
        case nil:
            break
        }
        row += inputRows
        for line in issueLines {
            frame.put(line, at: Position(column: 2, row: row), style: [.error, .bold])
            row += 1
        }
        self.frame = frame
        self.cursor = focused ? cursor : nil
    }

    /// Whether the field is answered by picking rather than typing.
    static func isChoiceLike(_ field: Field) -> Bool {
        field.kind.hasChoices || field.kind == .yesno
    }

    /// The files of a `files` question, each with its size and type, then "add a file"; unfocused, how many and their names.
    private static func drawFiles(_ files: [DraftFile], picker: OptionPicker, focused: Bool, into frame: inout Frame, at origin: Position,
                                  width: Int, language: Language) -> Position? {
        guard focused else {
            let text = files.isEmpty ? "—" : "→ " + UIText.filesCount(files.count)(language) + (language == .fr ? " : " : ": ")
                + files.map(\.name).joined(separator: ", ")
            frame.label(text, at: origin, style: files.isEmpty ? .dim : [], maxWidth: width)
            return nil
        }
        for (index, file) in files.enumerated() {
            let captured = file.capture?.time.flatMap(FilePicker.captureTime).map { " · " + UIText.filesCaptured($0)(language) } ?? ""
            let details = "  " + language.bytes(file.size) + " · " + file.type + captured
            let name = FilePicker.middle("\(index + 1) " + file.name, width: max(8, width - DisplayWidth.of(details)))
            frame.put(name + details, at: Position(column: origin.column, row: origin.row + index),
                      style: index == picker.highlight ? [.reverse] : [], maxWidth: width)
        }
        frame.put(UIText.filesAdd(language), at: Position(column: origin.column, row: origin.row + files.count),
                  style: picker.highlight >= files.count ? [.reverse, .bold] : .bold, maxWidth: width)
        return Position(column: origin.column, row: origin.row + min(picker.highlight, files.count))
    }

    private static func drawOptions(
        _ options: FieldOptions, picker: OptionPicker, selection: AnswerValue?, field: Field, focused: Bool,
        into frame: inout Frame, at origin: Position, width: Int, language: Language
    ) -> Position? {
        let chosen = Set(options.indices(of: selection))
        func mark(_ index: Int) -> String {
            options.multiple ? (chosen.contains(index) ? "[x]" : "[ ]") : (chosen.contains(index) ? "(•)" : "( )")
        }
        if field.kind == .yesno {
            var column = origin.column
            var cursor: Position?
            for index in options.values.indices {
                let text = "\(mark(index)) \(options.labels[index](language))"
                let highlighted = focused && index == picker.highlight
                if highlighted { cursor = Position(column: column + 1, row: origin.row) }
                frame.put(text, at: Position(column: column, row: origin.row), style: highlighted ? [.reverse] : [])
                column += DisplayWidth.of(text) + 3
            }
            return cursor
        }
        guard focused else {
            let text = chosen.isEmpty ? "—" : "→ " + options.describe(selection, in: language)
            frame.label(text, at: origin, style: chosen.isEmpty ? .dim : [], maxWidth: width)
            return nil
        }
        for index in options.values.indices {
            let number = index < 9 ? "\(index + 1)" : " "
            let text = "\(number) \(mark(index)) \(options.labels[index](language))"
            let highlighted = index == picker.highlight
            frame.label(text, at: Position(column: origin.column, row: origin.row + index), style: highlighted ? [.reverse] : [], maxWidth: width)
        }
        return Position(column: origin.column + 3, row: origin.row + picker.highlight)
    }
}
