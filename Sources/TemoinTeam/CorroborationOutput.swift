import Foundation
import TemoinFormat
import TemoinForms

/// `temoin team corroborate` as text: a table a person reads, or JSON a tool reads.
public struct CorroborationOutput: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, json
    }

    /// The groups found.
    public var corroboration: Corroboration
    /// The questionnaire: which fields give the date, the time, the city and the place.
    public var form: Questionnaire
    /// The language of the table.
    public var language: Language

    public init(corroboration: Corroboration, form: Questionnaire, language: Language) {
        (self.corroboration, self.form, self.language) = (corroboration, form, language)
    }

    /// The whole output, ending with a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .table: table().replacingControlCharacters(keeping: ["\n"])
        case .json: json()
        }
    }

    /// The date, time, city and place fields, in that order, those the questionnaire has.
    private var shownFields: [Field] {
        let city = form.field(withRole: .city)
        let section = form.sections.first { $0.fields.contains { $0.id == city?.id } }
        let places = section?.fields.filter { $0.id != city?.id && $0.kind == .text && !$0.has(.private) } ?? []
        return [form.field(withRole: .date), form.fields.first { $0.kind == .time }, city].compactMap { $0 } + places
    }

    private func table() -> String {
        let groups = corroboration.groups
        guard !groups.isEmpty else { return TestimonyLabels.noCorroboration.text(language) + "\n" }
        var out = ""
        for (number, group) in groups.enumerated() {
            out += TestimonyLabels.group(number + 1, city: group.city, count: group.members.count).text(language) + "\n"
            for record in group.members {
                let cells = shownFields.compactMap { field -> String? in
                    guard let value = record.payload.answers[field.id], value.isAnswered else { return nil }
                    return StatisticsLabels.answer(value, field: field).text(language).tidied
                }
                out += "  " + record.payload.receipt + "  " + cells.joined(separator: " · ") + "  [" + record.deskName + "]\n"
            }
            for pair in group.pairs {
                out += "    " + group.members[pair.first].payload.receipt + " ~ " + group.members[pair.second].payload.receipt
                    + " : " + TestimonyLabels.reason(pair).text(language) + "\n"
            }
            if group.morePairs { out += "    " + TestimonyLabels.morePairs.text(language) + "\n" }
            out += "\n"
        }
        return out + TestimonyLabels.corroborationRules.text(language) + "\n"
    }

    private func json() -> String {
        let groups: [[String: Any]] = corroboration.groups.map { group in
            [
                "city": group.city, "more_pairs": group.morePairs,
                "testimonies": group.members.map { record -> [String: Any] in
                    var answers: [String: String] = [:]
                    for field in shownFields {
                        if let value = record.payload.answers[field.id], value.isAnswered { answers[field.id] = value.description }
                    }
                    return ["receipt": record.payload.receipt, "record": record.payload.record, "desk": record.deskFingerprint,
                            "desk_name": record.deskName, "sealed_at": record.payload.sealedAt, "answers": answers]
                },
                "pairs": group.pairs.map { pair -> [String: Any] in
                    var object: [String: Any] = [
                        "receipts": [group.members[pair.first].payload.receipt, group.members[pair.second].payload.receipt],
                        "rules": pair.rules.map(\.rawValue), "days_apart": pair.daysApart, "place_words": pair.sharedWords,
                        "same_desk_minute": pair.sameDeskMinute,
                    ]
                    if let minutes = pair.minutesApart { object["minutes_apart"] = minutes }
                    return object
                },
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["groups": groups], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
