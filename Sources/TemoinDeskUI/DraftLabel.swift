import TemoinForms

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
}
