import Foundation
import TemoinDesk
import TemoinForms
import TemoinUIKit

/// A testimony being filled in: the draft, its questionnaire, and one editor per field.
///
/// `draft.answers` only ever holds answers that pass validation (the vault refuses to reopen a
/// draft holding anything else); whatever is typed or picked and does not pass yet is kept as
/// in `draft.pending` (text, or the ids ticked), so that nothing typed is lost.
struct Testimony: Sendable {
    /// The questionnaire being filled.
    let form: Questionnaire
    /// The draft as it is saved.
    private(set) var draft: Draft
    /// The editor of each field, by id.
    private(set) var editors: [String: FieldEditor] = [:]
    /// What is picked in each choice-like field, valid or not.
    private(set) var selections: [String: AnswerValue] = [:]
    /// When the first unsaved change was made; nil when everything is saved.
    private(set) var dirtySince: Date?
    /// Whether there are changes not saved yet.
    var isDirty: Bool { dirtySince != nil }
    /// When the last change was made.
    private(set) var lastChange: Date?

    /// A new testimony of `form`, with the answers the questionnaire prefills (the interview language:
    /// the desk's `language`).
    static func new(form: Questionnaire, now: Date, language: Language) -> Testimony {
        var draft = Draft(form: form, now: now)
        for field in form.fields where field.prefill == .deskLanguage {
            if let choice = field.choice(language.rawValue) { draft.answers[field.id] = .choice(choice.id) }
        }
        return Testimony(form: form, draft: draft)
    }

    /// Opens `draft` for editing with `form`.
    init(form: Questionnaire, draft: Draft) {
        self.form = form
        self.draft = draft
        for field in form.fields {
            let selection = draft.answers[field.id] ?? draft.pending[field.id].flatMap { Self.selection(fromPending: $0, field: field) }
            if field.kind.hasChoices || field.kind == .yesno { selections[field.id] = selection }
            let text = draft.pending[field.id]?.text ?? draft.typed?[field.id] ?? draft.answers[field.id].map(Self.editableText) ?? ""
            editors[field.id] = FieldEditor(field: field, text: text, selection: selection)
        }
    }

    /// The ids of the fields asked, given the answers so far.
    var visibleFieldIDs: Set<String> { form.visibleFieldIDs(in: draft.answers) }

    /// Replaces the editor of `field` (cursor moves); `commit` afterwards if its text changed.
    mutating func setEditor(_ editor: FieldEditor, for field: Field) {
        editors[field.id] = editor
    }

    /// Stores what the editor of text-like `field` holds: as an answer if it parses, else as pending text.
    mutating func commitText(of field: Field, now: Date) {
        guard let raw = editors[field.id]?.text else { return }
        switch field.kind.parse(raw, field: field, today: Self.today(now)) {
        case let .success(value):
            draft.answers[field.id] = value
            draft.pending[field.id] = nil
            keepTyped(field.kind == .date || field.kind == .time ? raw : nil, for: field)
        case let .failure(issue) where issue.reason == .missing:
            draft.answers[field.id] = nil
            draft.pending[field.id] = nil
            keepTyped(nil, for: field)
        case .failure:
            draft.answers[field.id] = nil
            draft.pending[field.id] = .text(raw)
            keepTyped(nil, for: field)
        }
        touch(now)
    }

    /// Keeps what was typed for a date or time ("mars 2026"), to show it again when the draft reopens.
    private mutating func keepTyped(_ text: String?, for field: Field) {
        guard text != nil || draft.typed?[field.id] != nil else { return }
        var typed = draft.typed ?? [:]
        typed[field.id] = text
        draft.typed = typed.isEmpty ? nil : typed
    }

    /// Stores a selection of choice-like `field`; nil clears it.
    mutating func select(_ value: AnswerValue?, for field: Field, now: Date) {
        selections[field.id] = value
        if let value, field.problems(with: value, today: Self.today(now)).isEmpty {
            draft.answers[field.id] = value
            draft.pending[field.id] = nil
        } else {
            draft.answers[field.id] = nil
            draft.pending[field.id] = value.map(Self.pending)
        }
        touch(now)
    }

    /// The questions answered so far (or typed in) that selecting `value` at `field` would hide.
    func answersHidden(bySelecting value: AnswerValue?, for field: Field, now: Date) -> [String] {
        var answers = draft.answers
        answers[field.id] = value.flatMap { field.problems(with: $0, today: Self.today(now)).isEmpty ? $0 : nil }
        let before = visibleFieldIDs
        let after = form.visibleFieldIDs(in: answers)
        return form.fields.filter { field in
            guard before.contains(field.id), !after.contains(field.id) else { return false }
            if draft.pending[field.id] != nil { return true }
            guard let answer = draft.answers[field.id], answer.isAnswered else { return false }
            // What the desk filled in by itself (the interview language) is not an answer the volunteer gave.
            return !(field.prefill == .deskLanguage && Language.allCases.contains { answer == .choice($0.rawValue) })
        }.map(\.id)
    }

    /// Records the section the volunteer is on (saved with the draft).
    mutating func setSection(_ index: Int) {
        guard draft.section != index else { return }
        draft.section = index
    }

    /// Records the question the volunteer is on (saved with the draft, so a resumed draft opens there).
    mutating func setFocus(_ fieldID: String?) {
        draft.field = fieldID
    }

    /// The draft to save now: label and time updated; clears the dirty mark.
    mutating func draftForSaving(now: Date) -> Draft {
        draft.updatedAt = now
        draft.label = DraftLabel.make(form: form, answers: draft.answers)
        dirtySince = nil
        return draft
    }

    /// Marks the testimony dirty again after a failed save.
    mutating func markUnsaved(now: Date) {
        dirtySince = dirtySince ?? now
    }

    /// What is wrong with `field` as it stands, if anything; `forSealing` adds missing required answers.
    func issue(for field: Field, forSealing: Bool, now: Date) -> Localized? {
        let today = Self.today(now)
        if let pending = draft.pending[field.id] {
            if let selection = selections[field.id] {
                return field.problems(with: selection, today: today).first?.message
            }
            if let raw = pending.text, case let .failure(issue) = field.kind.parse(raw, field: field, today: today) { return issue.message }
        }
        if let value = draft.answers[field.id], let problem = field.problems(with: value, today: today).first {
            return problem.message
        }
        if forSealing, field.required, !(draft.answers[field.id]?.isAnswered ?? false) {
            return UIText.requiredMissing
        }
        return nil
    }

    /// How an answer reads to the volunteer: a choice's label, yes / no, the text itself.
    func display(_ field: Field, in language: Language) -> String {
        if case let .approximateTime(time)? = draft.answers[field.id], draft.typed?[field.id] == nil { return time.spoken(language) }
        if field.kind.hasChoices || field.kind == .yesno {
            return FieldOptions(field: field).describe(selections[field.id], in: language)
        }
        return editors[field.id]?.text ?? ""
    }

    private mutating func touch(_ now: Date) {
        dirtySince = dirtySince ?? now
        lastChange = now
    }

    /// The calendar day of `now` on the desk's clock, to refuse dates in the future.
    static func today(_ now: Date) -> ApproximateDate {
        ApproximateDate.today(now: now)
    }

    /// The text an editor shows for a stored answer.
    private static func editableText(_ value: AnswerValue) -> String {
        switch value {
        case .choice, .choices, .yesno: ""
        default: value.description
        }
    }

    /// What `draft.pending` keeps of a selection that does not pass: the ids ticked, or the one id picked.
    private static func pending(_ value: AnswerValue) -> PendingAnswer {
        if case let .choices(ids) = value { .choices(ids) } else { .text(value.description) }
    }

    /// A selection read back from what `select(_:for:now:)` kept pending.
    private static func selection(fromPending pending: PendingAnswer, field: Field) -> AnswerValue? {
        switch (field.kind, pending) {
        case let (.choice, .text(raw)): field.choice(raw).map { .choice($0.id) }
        case let (.multichoice, .choices(ids)): .choices(ids.filter { field.choice($0) != nil })
        // Drafts saved before the ids were kept as a list joined them with ", ".
        case let (.multichoice, .text(raw)): .choices(raw.components(separatedBy: ", ").filter { field.choice($0) != nil })
        case let (.yesno, .text(raw)): YesNo(rawValue: raw).map { .yesno($0) }
        default: nil
        }
    }
}
