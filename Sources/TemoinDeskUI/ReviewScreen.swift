import Foundation
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// Review before sealing: every answer by section, missing and wrong answers highlighted.
struct ReviewScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable {
        case edit(fieldID: String)
        case back
        case seal
        case wipe
        case lock
    }

    /// The questionnaire screen to go back to (it holds the testimony).
    private(set) var form: FormScreen
    /// The highlighted question, an index into `fields`.
    private(set) var selection = 0
    /// Shown when sealing was asked while something is missing.
    private(set) var notReady = false

    /// Opens the review of `form`'s testimony, on the first problem if any.
    init(form: FormScreen, now: Date) {
        self.form = form
        selection = firstProblem(now: now) ?? 0
    }

    private var testimony: Testimony { form.testimony }

    /// Changes the questionnaire screen underneath (to update the testimony after a save).
    mutating func updateForm(_ body: (inout FormScreen) -> Void) {
        body(&form)
    }

    /// Every question asked, in order.
    var fields: [Field] {
        let visible = testimony.visibleFieldIDs
        return testimony.form.fields.filter { visible.contains($0.id) }
    }

    /// The ids of the questions that stop sealing.
    func problemIDs(now: Date) -> [String] {
        fields.filter { testimony.issue(for: $0, forSealing: true, now: now) != nil }.map(\.id)
    }

    private func firstProblem(now: Date, after start: Int = -1) -> Int? {
        let list = fields
        let problems = Set(problemIDs(now: now))
        return list.indices.first { $0 > start && problems.contains(list[$0].id) }
            ?? list.indices.first { problems.contains(list[$0].id) }
    }

    /// Reacts to a key.
    mutating func handle(_ input: Input, now: Date) -> Action? {
        let count = fields.count
        switch input {
        case .back, .command(.quit): return .back
        case .command(.wipe): return .wipe
        case .command(.lock): return .lock
        case .command(.review):
            guard problemIDs(now: now).isEmpty else {
                notReady = true
                selection = firstProblem(now: now) ?? selection
                return nil
            }
            return .seal
        case .key(.up): selection = max(0, selection - 1)
        case .key(.down): selection = min(count - 1, selection + 1)
        case .key(.pageUp), .command(.previousSection): selection = max(0, selection - 8)
        case .key(.pageDown), .command(.nextSection): selection = min(count - 1, selection + 8)
        case .key(.home): selection = 0
        case .key(.end): selection = max(0, count - 1)
        case .key(.tab): selection = firstProblem(now: now, after: selection) ?? selection
        case .key(.enter):
            guard fields.indices.contains(selection) else { return nil }
            return .edit(fieldID: fields[selection].id)
        default: break
        }
        return nil
    }

    /// Draws the screen.
    func view(size: Size, language: Language, now: Date) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.reviewTitle(language), detail: testimony.form.title(language))
        let width = size.width - 4
        let problems = problemIDs(now: now)
        var row = 2
        if problems.isEmpty {
            row += frame.paragraph(UIText.reviewReady(language), at: Position(column: 2, row: row), width: width, style: [.ok, .bold])
        } else {
            let text = UIText.reviewProblems(problems.count)(language)
            row += frame.paragraph(text, at: Position(column: 2, row: row), width: width, style: [.error, .bold])
        }
        row += 1
        let lines = reviewLines(width: width, language: language, now: now)
        let bottom = size.height - 2
        let room = max(1, bottom - row)
        let selectedLine = lines.firstIndex { $0.field == selection && $0.isLabel } ?? 0
        let start = max(0, min(selectedLine - room / 3, lines.count - room))
        for (offset, line) in lines[start..<min(lines.count, start + room)].enumerated() {
            let style: Style = line.field == selection && line.style == .bold ? [.reverse, .bold] : line.style
            frame.put(line.text, at: Position(column: 2 + line.indent, row: row + offset), style: style, maxWidth: width - line.indent)
        }
        if notReady { frame.statusLine(UIText.reviewNotReady(language), isError: true) }
        frame.keyBar([
            (.help, UIText.keyHelp(language)), (.review, UIText.keySeal(language)), (.lock, UIText.keyLock(language)),
            (.wipe, UIText.keyWipe(language)), (.quit, UIText.keyBack(language)),
        ])
        return frame
    }

    /// A line of the review.
    private struct Line {
        var text: String
        var indent: Int
        var style: Style
        /// The index of the question it belongs to, if any.
        var field: Int?
        var isLabel = false
    }

    private func reviewLines(width: Int, language: Language, now: Date) -> [Line] {
        var lines: [Line] = []
        let list = fields
        var section: String?
        for (index, field) in list.enumerated() {
            let owner = testimony.form.section(containing: field.id)
            if owner?.id != section {
                section = owner?.id
                if !lines.isEmpty { lines.append(Line(text: "", indent: 0, style: [])) }
                lines.append(Line(text: owner?.title(language) ?? "", indent: 0, style: [.bold, .accent]))
            }
            let label = field.label(language) + (field.required ? " *" : "")
            for (offset, text) in TextWrap.wrap(label, width: width - 2).enumerated() {
                lines.append(Line(text: text, indent: 2, style: .bold, field: index, isLabel: offset == 0))
            }
            let answer = testimony.display(field, in: language)
            if let issue = testimony.issue(for: field, forSealing: true, now: now) {
                if !answer.isEmpty {
                    for text in TextWrap.wrap(answer, width: width - 6) { lines.append(Line(text: text, indent: 6, style: [], field: index)) }
                }
                for text in TextWrap.wrap("✗ " + issue(language), width: width - 6) {
                    lines.append(Line(text: text, indent: 4, style: [.error, .bold], field: index))
                }
            } else if answer.isEmpty {
                lines.append(Line(text: "—", indent: 6, style: .dim, field: index))
            } else {
                for text in TextWrap.wrap(answer, width: width - 6) { lines.append(Line(text: text, indent: 6, style: [], field: index)) }
            }
        }
        return lines
    }
}
