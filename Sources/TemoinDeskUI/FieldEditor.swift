import TemoinForms
import TemoinUIKit

/// The editor of one field, by the kind of the field.
enum FieldEditor: Hashable, Sendable {
    /// text, number, date, time.
    case line(LineEditor)
    /// longtext.
    case area(TextArea)
    /// choice, multichoice, yesno; files (nothing to pick in this screen yet: its hint says how to attach).
    case options(OptionPicker)

    /// A fresh editor for `field` showing `text` (text-like kinds) and highlighting `selection`.
    init(field: Field, text: String, selection: AnswerValue?) {
        switch field.kind {
        case .text, .number, .date, .time:
            self = .line(LineEditor(text))
        case .longtext:
            self = .area(TextArea(text))
        case .files:
            self = .options(OptionPicker(highlight: 0))
        case .choice, .multichoice, .yesno:
            let first = FieldOptions(field: field).indices(of: selection).first ?? 0
            self = .options(OptionPicker(highlight: first))
        }
    }

    /// The text of a text-like editor; nil for option lists.
    var text: String? {
        switch self {
        case let .line(editor): editor.text
        case let .area(editor): editor.text
        case .options: nil
        }
    }
}

/// The options a choice-like field offers, as answer values with labels.
struct FieldOptions {
    /// The answer value of each option, in order.
    let values: [AnswerValue]
    /// The label of each option.
    let labels: [Localized]
    /// Whether several options may be ticked.
    let multiple: Bool

    /// The options of `field` (empty for text-like kinds).
    init(field: Field) {
        switch field.kind {
        case .choice:
            values = field.choices.map { .choice($0.id) }
            labels = field.choices.map(\.label)
            multiple = false
        case .multichoice:
            values = field.choices.map { .choice($0.id) }
            labels = field.choices.map(\.label)
            multiple = true
        case .yesno:
            values = YesNo.allCases.map { .yesno($0) }
            labels = YesNo.allCases.map(\.label)
            multiple = false
        default:
            values = []
            labels = []
            multiple = false
        }
    }

    /// The option indices a selection covers (one for choice and yes/no, several for multichoice).
    func indices(of selection: AnswerValue?) -> [Int] {
        switch selection {
        case let .choices(ids)?: ids.compactMap { id in values.firstIndex(of: .choice(id)) }
        case let value?: values.firstIndex(of: value).map { [$0] } ?? []
        case nil: []
        }
    }

    /// The selection after picking option `index` from `current`: toggles in a multichoice.
    func picking(_ index: Int, from current: AnswerValue?) -> AnswerValue? {
        guard values.indices.contains(index) else { return current }
        guard multiple else { return values[index] }
        guard case let .choice(id) = values[index] else { return current }
        var ids: [String] = if case let .choices(existing)? = current { existing } else { [] }
        if let position = ids.firstIndex(of: id) { ids.remove(at: position) } else { ids.append(id) }
        return ids.isEmpty ? nil : .choices(ids)
    }

    /// The labels of a selection, joined with commas, in `language`.
    func describe(_ selection: AnswerValue?, in language: Language) -> String {
        indices(of: selection).map { labels[$0](language) }.joined(separator: ", ")
    }
}
