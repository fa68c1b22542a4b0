import Foundation
import TemoinForms
import TemoinTeam
import TemoinTerminal
import TemoinUIKit

/// One testimony in full, section by section with the questionnaire's labels; long answers wrapped
/// and the whole scrollable. Left and right go to the previous and next testimony of the list.
struct TeamDetailScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Back to the list, on this row.
        case back(Int)
    }

    /// The row of the list shown.
    private(set) var index: Int
    /// The first line shown.
    private(set) var scroll = 0

    /// Opens the testimony at `index` of the list.
    init(index: Int) {
        self.index = index
    }

    /// The first and last screen rows of the text.
    static func textRows(_ size: Size) -> Range<Int> {
        1..<max(2, size.height - 2)
    }

    /// Reacts to a key; `count` is the number of rows of the list, `lineCount` the lines of this testimony.
    mutating func handle(_ input: TeamInput, count: Int, lineCount: Int, size: Size) -> Action? {
        let page = Self.textRows(size).count
        let last = max(0, lineCount - page)
        switch input {
        case .back, .action(.quit): return .back(index)
        case .key(.up): scroll = max(0, scroll - 1)
        case .key(.down): scroll = min(last, scroll + 1)
        case .key(.pageUp): scroll = max(0, scroll - page)
        case .key(.pageDown), .key(.character(" ")): scroll = min(last, scroll + page)
        case .key(.home): scroll = 0
        case .key(.end): scroll = last
        case .key(.left) where index > 0:
            index -= 1
            scroll = 0
        case .key(.right) where index + 1 < count:
            index += 1
            scroll = 0
        default: break
        }
        return nil
    }

    /// The lines of `testimony` at `width`: where it comes from, the team's case (`file`, when case work is
    /// kept: from the inbox), then each section's answered questions.
    static func lines(_ testimony: TeamTestimony, form: Questionnaire, language: Language, width: Int,
                      case file: CaseFile? = nil) -> [(String, Style)] {
        let record = testimony.record
        let answers = record.payload.answers
        var lines: [(String, Style)] = []
        func add(_ text: String, _ style: Style, indent: Int) {
            let pad = String(repeating: " ", count: indent)
            lines += TextWrap.wrap(text, width: max(1, width - indent)).map { (pad + $0, style) }
        }
        add(TestimonyLabels.origin(record.shortDeskName, record.deskFingerprint, record.bundle)(language), .dim, indent: 1)
        add(TestimonyLabels.sealedOn(record.payload.sealedAt)(language), .dim, indent: 1)
        if let trust = TestimonyLabels.trustWarning(record.deskTrust) { add(trust(language), [.error, .bold], indent: 1) }
        if let warning = TestimonyLabels.statusWarning(record.status) { add(warning(language), [.error, .bold], indent: 1) }
        if let file {
            lines.append(("", []))
            add("── " + TeamCaseText.caseTitle(language) + " ──", [.bold, .accent], indent: 1)
            if file.isEmpty { add(TeamCaseText.nothingYet(language), .dim, indent: 1) } else { add(TeamCaseText.status(file)(language), .bold, indent: 1) }
            if !file.tags.isEmpty { add(TeamCaseText.tags(file.tags)(language), [], indent: 1) }
            for note in file.notes {
                add(TeamCaseText.noteHeading(note)(language), .dim, indent: 1)
                add(note.value, [], indent: 4)
            }
        }
        var known: Set<String> = []
        for section in form.sections {
            let answered = section.fields.filter { answers[$0.id]?.isAnswered == true }
            known.formUnion(section.fields.map(\.id))
            guard !answered.isEmpty else { continue }
            lines.append(("", []))
            add("── " + section.title(language) + " ──", [.bold, .accent], indent: 1)
            for field in answered {
                guard let value = answers[field.id] else { continue }
                add(field.label(language), .bold, indent: 1)
                add(StatisticsLabels.answer(value, field: field)(language), [], indent: 4)
            }
        }
        if let files = record.payload.files, !files.isEmpty {
            lines.append(("", []))
            add("── " + TestimonyLabels.files(language) + " ──", [.bold, .accent], indent: 1)
            for (index, file) in files.enumerated() {
                add("\(index + 1). " + TestimonyLabels.file(file)(language), .bold, indent: 1)
                add(TestimonyLabels.fileHash(file.sha256)(language), [], indent: 4)
                if let capture = TestimonyLabels.capture(file.capture) { add(capture(language), [], indent: 4) }
            }
            add(TeamText.extractKey(language), .dim, indent: 1)
        }
        let others = answers.values.keys.filter { !known.contains($0) && answers[$0]?.isAnswered == true }.sorted()
        if !others.isEmpty {
            lines.append(("", []))
            add("── " + TeamText.otherAnswers(language) + " ──", [.bold, .accent], indent: 1)
            for id in others {
                add(id, .bold, indent: 1)
                add(answers[id]?.description ?? "", [], indent: 4)
            }
        }
        return lines
    }

    /// Draws the testimony, with its case from `cases` when case work is kept.
    func view(_ collection: TeamCollection, cases: CaseBook?, size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        let rows = collection.rows
        guard rows.indices.contains(index) else { return frame }
        let testimony = rows[index]
        frame.titleBar(TeamText.detailTitle(index + 1, rows.count)(language),
                       detail: TestimonyLabels.receipt(testimony.record.payload.receipt)(language))
        let lines = Self.lines(testimony, form: collection.form, language: language, width: size.width - 2,
                               case: cases?[testimony.record])
        let area = Self.textRows(size)
        let first = min(scroll, max(0, lines.count - area.count))
        for (offset, line) in lines.dropFirst(first).prefix(area.count).enumerated() {
            frame.put(line.0, at: Position(column: 0, row: area.lowerBound + offset), style: line.1, maxWidth: size.width - 1)
        }
        if lines.count > area.count {
            let position = first == 0 ? "▼" : first + area.count >= lines.count ? "▲" : "▲▼"
            frame.put(position, at: Position(column: size.width - 2, row: area.lowerBound), style: .bold)
        }
        let hint = cases == nil ? TeamText.detailHint : TeamCaseText.detailHint
        frame.put(" " + hint(language), at: Position(column: 0, row: size.height - 2), style: .dim, maxWidth: size.width)
        frame.keyBar(functionKeys: [(TeamAction.help.functionKey, UIText.keyHelp(language)),
                                    (TeamAction.language.functionKey, UIText.keyLanguage(language)),
                                    (TeamAction.quit.functionKey, UIText.keyBack(language))])
        return frame
    }
}
