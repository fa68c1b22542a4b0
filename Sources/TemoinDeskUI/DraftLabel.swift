import TemoinForms
import TemoinDesk
import TemoinUIKit

/// The short label of a draft in the resume list: where and when, never who.
enum DraftLabel {
    /// The first date answered and the city (a field whose id is or ends with `city`), joined by ` · `.
    ///
    /// Contact details and names are never used: the label is shown on the home screen.
    static func make(form: Questionnaire, answers: Answers) -> String {
        var parts: [String] = []
        if let city = form.fields.first(where: { $0.kind == .text && ($0.id == "city" || $0.id.hasSuffix("_city")) }),
           let value = answers[city.id] {
            parts.append(String(value.description.prefix(30)))
        }
        if let date = form.fields.first(where: { $0.kind == .date }), let value = answers[date.id] {
            parts.append(value.description)
        }
        return parts.joined(separator: " · ")
    }

    /// Where `draft` stands, for the resume list: the section reached, then the city and the date of the
    /// check when known (the date as it was typed).
    static func describe(_ draft: Draft, form: Questionnaire, language: Language) -> String {
        let index = min(max(0, draft.section), form.sections.count - 1)
        var parts = [UIText.draftWhere(index + 1, form.sections.count, form.sections[index].title(language))(language)]
        if let city = form.fields.first(where: { $0.kind == .text && ($0.id == "city" || $0.id.hasSuffix("_city")) }),
           let value = draft.answers[city.id] {
            parts.append(String(value.description.prefix(30)))
        }
        if let date = form.fields.first(where: { $0.kind == .date }), let value = draft.answers[date.id] {
            parts.append(draft.typed?[date.id] ?? value.description)
        }
        return parts.joined(separator: " · ")
    }
}
