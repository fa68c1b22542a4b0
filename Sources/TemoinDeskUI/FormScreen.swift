import Foundation
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The questionnaire: sections with progress on the left, the questions of the current section on the right.
struct FormScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable {
        case review
        case close
        case wipe
        case lock
        /// The change would hide answers already given: ask first.
        case confirmHiding(HidingChange)
    }

    /// The testimony being filled in.
    private(set) var testimony: Testimony
    /// The section shown.
    private(set) var sectionIndex: Int
    /// The field with focus (kept in the draft).
    private(set) var focusedID: String? {
        didSet { testimony.setFocus(focusedID) }
    }
    /// How to answer the focused question, after a key that does not answer it (a letter at a yes / no).
    private(set) var notice: Localized?

    /// Opens `testimony` at its saved section, or at `fieldID`.
    init(testimony: Testimony, fieldID: String? = nil) {
        self.testimony = testimony
        let form = testimony.form
        if let fieldID, let index = form.sections.firstIndex(where: { $0.fields.contains { $0.id == fieldID } }) {
            sectionIndex = index
            focusedID = fieldID
        } else {
            let section = min(max(0, testimony.draft.section), form.sections.count - 1)
            sectionIndex = section
            focusedID = testimony.draft.field.flatMap { id in form.sections[section].fields.contains { $0.id == id } ? id : nil }
        }
        settle()
    }

    /// Replaces the testimony (after a save, the dirty mark is cleared by the model).
    mutating func update(_ body: (inout Testimony) -> Void) {
        body(&testimony)
    }

    // MARK: - Layout

    /// The width of the section list.
    static func sidebarWidth(_ size: Size) -> Int {
        min(28, max(16, size.width / 4))
    }

    /// The width of the question column.
    static func contentWidth(_ size: Size) -> Int {
        size.width - sidebarWidth(size) - 3
    }

    // MARK: - Navigation

    /// The fields of section `index` that are asked.
    func visibleFields(of index: Int, visible: Set<String>? = nil) -> [Field] {
        let visible = visible ?? testimony.visibleFieldIDs
        return testimony.form.sections[index].fields.filter { visible.contains($0.id) }
    }

    private var focusedField: Field? {
        focusedID.flatMap { testimony.form.field($0) }
    }

    /// Keeps the section and focus on something asked after answers changed.
    private mutating func settle() {
        let visible = testimony.visibleFieldIDs
        let sections = testimony.form.sections.indices
        if visibleFields(of: sectionIndex, visible: visible).isEmpty {
            sectionIndex = sections.first { $0 > sectionIndex && !visibleFields(of: $0, visible: visible).isEmpty }
                ?? sections.last { !visibleFields(of: $0, visible: visible).isEmpty } ?? 0
            focusedID = nil
        }
        let fields = visibleFields(of: sectionIndex, visible: visible)
        if let focusedID, fields.contains(where: { $0.id == focusedID }) { return }
        if let focusedID, let all = testimony.form.sections[sectionIndex].fields.firstIndex(where: { $0.id == focusedID }) {
            // The focused question was hidden: go to the next one still asked.
            let after = testimony.form.sections[sectionIndex].fields[all...].first { visible.contains($0.id) }
            self.focusedID = (after ?? fields.last)?.id
            return
        }
        focusedID = fields.first?.id
        testimony.setSection(sectionIndex)
    }

    private mutating func goToSection(_ index: Int, focusLast: Bool = false) {
        sectionIndex = index
        let fields = visibleFields(of: index)
        focusedID = (focusLast ? fields.last : fields.first)?.id
        testimony.setSection(index)
    }

    /// Moves to the next (or previous) section that has questions asked; false at the end.
    @discardableResult
    private mutating func moveSection(by step: Int, focusLast: Bool = false) -> Bool {
        let visible = testimony.visibleFieldIDs
        var index = sectionIndex + step
        while testimony.form.sections.indices.contains(index) {
            if !visibleFields(of: index, visible: visible).isEmpty {
                goToSection(index, focusLast: focusLast)
                return true
            }
            index += step
        }
        return false
    }

    private mutating func moveFocus(by step: Int) {
        let fields = visibleFields(of: sectionIndex)
        guard let current = fields.firstIndex(where: { $0.id == focusedID }) else {
            focusedID = fields.first?.id
            return
        }
        let target = current + step
        if fields.indices.contains(target) {
            focusedID = fields[target].id
        } else {
            moveSection(by: step, focusLast: step < 0)
        }
    }

    /// Puts the focus on `fieldID` (from the review screen).
    mutating func focus(on fieldID: String) {
        guard let index = testimony.form.sections.firstIndex(where: { $0.fields.contains { $0.id == fieldID } }) else { return }
        sectionIndex = index
        focusedID = fieldID
        testimony.setSection(index)
        settle()
    }

    // MARK: - Update

    /// Reacts to a key; `size` is the screen size (for moving up and down in wrapped text).
    mutating func handle(_ input: Input, size: Size, now: Date) -> Action? {
        notice = nil
        switch input {
        case .back, .command(.quit): return .close
        case .command(.review): return .review
        case .command(.wipe): return .wipe
        case .command(.lock): return .lock
        case .command(.nextSection): moveSection(by: 1)
        case .command(.previousSection): moveSection(by: -1)
        case .command: break
        case .key(.tab): moveFocus(by: 1)
        case .key(.backTab): moveFocus(by: -1)
        case let .key(key): return edit(key, size: size, now: now)
        }
        return nil
    }

    /// Applies a change the volunteer confirmed although it hides answers.
    mutating func apply(_ change: HidingChange, now: Date) {
        guard let field = testimony.form.field(change.fieldID) else { return }
        testimony.select(change.value, for: field, now: now)
        if change.movesOn { moveFocus(by: 1) }
        settle()
    }

    private mutating func edit(_ key: Key, size: Size, now: Date) -> Action? {
        guard let field = focusedField, let editor = testimony.editors[field.id] else { return nil }
        switch editor {
        case var .line(line):
            switch key {
            case .enter, .down: moveFocus(by: 1)
            case .up: moveFocus(by: -1)
            default:
                let outcome = line.handle(key)
                testimony.setEditor(.line(line), for: field)
                if outcome == .changed { testimony.commitText(of: field, now: now) }
            }
        case var .area(area):
            let outcome = area.handle(key, width: Self.contentWidth(size) - 3)
            testimony.setEditor(.area(area), for: field)
            switch outcome {
            case .changed: testimony.commitText(of: field, now: now)
            case .leftTop: moveFocus(by: -1)
            case .leftBottom: moveFocus(by: 1)
            case .moved, .ignored: break
            }
        case var .options(picker):
            let options = FieldOptions(field: field)
            let outcome: OptionPicker.Outcome
            if field.kind == .yesno, case let .character(letter) = key, let index = Self.yesNoIndex(letter) {
                picker.highlight = index
                outcome = .pick(index)
            } else {
                outcome = picker.handle(key, count: options.values.count, horizontal: field.kind == .yesno)
            }
            testimony.setEditor(.options(picker), for: field)
            let value: AnswerValue?
            switch outcome {
            case let .pick(index): value = options.picking(index, from: testimony.selections[field.id])
            case .clear: value = nil
            case .leftTop: moveFocus(by: -1); settle(); return nil
            case .leftBottom: moveFocus(by: 1); settle(); return nil
            case .moved: return nil
            case .ignored:
                switch key {
                case .character, .paste: notice = UIText.strayKey(for: field.kind)
                default: break
                }
                return nil
            }
            let change = HidingChange(field: field, value: value, movesOn: !options.multiple && key == .enter, testimony: testimony, now: now)
            if !change.hiddenFieldIDs.isEmpty { return .confirmHiding(change) }
            apply(change, now: now)
            return nil
        }
        settle()
        return nil
    }

    /// o / y → yes, n → no, ? → don't know.
    private static func yesNoIndex(_ letter: Character) -> Int? {
        switch letter.lowercased() {
        case "o", "y": 0
        case "n": 1
        case "?": 2
        default: nil
        }
    }

    // MARK: - View

    /// How a section stands, for the list on the left.
    enum Progress {
        case current, done, problems, todo
    }

    /// The progress of section `index`, given the `issues` of the fields asked.
    func progress(of index: Int, visible: Set<String>, issues: [String: Localized]) -> Progress {
        let fields = visibleFields(of: index, visible: visible)
        if fields.contains(where: { issues[$0.id] != nil }) { return .problems }
        if index == sectionIndex { return .current }
        let complete = fields.allSatisfy { !$0.required || (testimony.draft.answers[$0.id]?.isAnswered ?? false) }
        let started = fields.contains { testimony.draft.answers[$0.id]?.isAnswered ?? false }
        // A section passed over without an answer is not done: no ✓ for what was skipped.
        return complete && started ? .done : .todo
    }

    /// Draws the screen.
    func view(size: Size, language: Language, now: Date) -> Frame {
        var frame = Frame(size: size)
        let form = testimony.form
        let visible = testimony.visibleFieldIDs
        let asked = form.sections.indices.filter { !visibleFields(of: $0, visible: visible).isEmpty }
        let position = (asked.firstIndex(of: sectionIndex) ?? 0) + 1
        frame.titleBar(form.title(language), detail: UIText.sectionOf(position, asked.count)(language))
        let issues = issues(visible: visible, now: now)
        drawSidebar(into: &frame, sections: asked, visible: visible, issues: issues, language: language)
        drawContent(into: &frame, visible: visible, issues: issues, language: language)
        frame.keyBar([
            (.help, UIText.keyHelp(language)), (.previousSection, UIText.keyPrevious(language)),
            (.nextSection, UIText.keyNext(language)), (.review, UIText.keyReview(language)),
            (.lock, UIText.keyLock(language)), (.wipe, UIText.keyWipe(language)), (.quit, UIText.keyClose(language)),
        ])
        return frame
    }

    /// What is wrong with each field asked, checked once per frame: the section list and the questions both
    /// show it, and checking an account may mean reading a megabyte.
    private func issues(visible: Set<String>, now: Date) -> [String: Localized] {
        var issues: [String: Localized] = [:]
        for field in testimony.form.fields where visible.contains(field.id) {
            issues[field.id] = testimony.issue(for: field, forSealing: false, now: now)
        }
        return issues
    }

    private func drawSidebar(
        into frame: inout Frame, sections: [Int], visible: Set<String>, issues: [String: Localized], language: Language
    ) {
        let width = Self.sidebarWidth(frame.size)
        let bottom = frame.size.height - 2
        for row in 1..<bottom {
            frame.put("│", at: Position(column: width, row: row), style: .dim)
        }
        var row = 2
        for index in sections where row < bottom - 2 {
            let (mark, style): (String, Style) = switch progress(of: index, visible: visible, issues: issues) {
            case .current: ("▶", [.reverse, .bold])
            case .done: ("✓", .ok)
            case .problems: ("!", [.error, .bold])
            case .todo: (" ", [])
            }
            let title = testimony.form.sections[index].title(language)
            let emphasis: Style = index == sectionIndex ? [.reverse, .bold] : style
            frame.label(" \(mark) " + title, at: Position(column: 0, row: row), style: emphasis, maxWidth: width - 1)
            row += 1
        }
        let legend = UIText.progressLegend(language)
        frame.paragraph(legend, at: Position(column: 1, row: bottom - 2), width: width - 2, style: .dim, maxRows: 2)
    }

    private func drawContent(into frame: inout Frame, visible: Set<String>, issues: [String: Localized], language: Language) {
        let left = Self.sidebarWidth(frame.size) + 2
        let width = Self.contentWidth(frame.size)
        let section = testimony.form.sections[sectionIndex]
        var top = 1
        frame.put(section.title(language), at: Position(column: left, row: top), style: [.bold, .accent], maxWidth: width)
        top += 1
        if let help = section.help {
            top += frame.paragraph(help(language), at: Position(column: left, row: top), width: width, style: .dim, maxRows: 2)
        }
        top += 1
        let bottom = frame.size.height - 2
        let room = bottom - top
        guard room > 0 else { return }
        let blocks = visibleFields(of: sectionIndex, visible: visible).map { field in
            (field, FieldBlock(field: field, testimony: testimony, issue: issues[field.id], focused: field.id == focusedID,
                               width: width, room: room, language: language))
        }
        // Scroll: start at the first block, or late enough that the focused block fits.
        let focusIndex = blocks.firstIndex { $0.0.id == focusedID } ?? 0
        var first = 0
        while first < focusIndex,
              blocks[first...focusIndex].reduce(0, { $0 + $1.1.frame.size.height }) > room {
            first += 1
        }
        var row = top
        if first > 0 {
            frame.put("▲ …", at: Position(column: left + width - 4, row: top - 1), style: .dim)
        }
        for (index, (_, block)) in blocks.enumerated() where index >= first {
            guard row < bottom else {
                frame.put("▼ …", at: Position(column: left + width - 4, row: bottom - 1), style: .dim)
                break
            }
            let rows = min(block.frame.size.height, bottom - row)
            frame.blit(block.frame, rows: 0..<rows, to: Position(column: left, row: row))
            if let cursor = block.cursor, cursor.row < rows {
                frame.cursor = Position(column: left + cursor.column, row: row + cursor.row)
            }
            row += block.frame.size.height
        }
        if row > bottom { frame.put("▼ …", at: Position(column: left + width - 4, row: bottom - 1), style: .dim) }
    }
}

/// A change of answer that would hide questions already answered (consent turned to no hides them
/// all), held until the volunteer confirms it.
struct HidingChange: Sendable, Equatable {
    /// The question whose answer changes.
    let fieldID: String
    /// The new answer; nil clears it.
    let value: AnswerValue?
    /// Whether the focus moves on once it is applied (Enter on a single choice).
    let movesOn: Bool
    /// The questions answered so far that it would hide.
    let hiddenFieldIDs: [String]
    /// The new answer as the volunteer reads it.
    let answer: Localized
    /// The titles of the sections of the hidden answers, joined.
    let sections: Localized

    /// What picking `value` at `field` of `testimony` would hide.
    init(field: Field, value: AnswerValue?, movesOn: Bool, testimony: Testimony, now: Date) {
        fieldID = field.id
        self.value = value
        self.movesOn = movesOn
        let hidden = testimony.answersHidden(bySelecting: value, for: field, now: now)
        hiddenFieldIDs = hidden
        let options = FieldOptions(field: field)
        answer = Localized(fr: options.describe(value, in: .fr), en: options.describe(value, in: .en))
        let titles = testimony.form.sections.filter { section in section.fields.contains { hidden.contains($0.id) } }.map(\.title)
        sections = Localized(fr: titles.map { $0(.fr) }.joined(separator: ", "), en: titles.map { $0(.en) }.joined(separator: ", "))
    }
}
