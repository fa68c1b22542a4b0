import Foundation
import TemoinForms

/// A problem in a `--where` or `--by` written on the command line, which lists what exists so the user
/// can correct it (exit code 64): a filter that names nothing is refused rather than giving an empty result.
public struct WhereError: TemoinError, Sendable {
    /// The explanation, in both languages.
    public var message: Localized

    public func message(in language: Language) -> String { message.text(language) }
}

/// Reads `--where FIELD=VALUE[,VALUE…]` and `--by FIELD` against a questionnaire.
///
/// FIELD is a field id or the question in French or English, or `desk` (`poste`), `month` (`mois`, the
/// date field) or `city` (`ville`, the city field); case and accents do not matter. VALUE is a choice by
/// id or label, yes / no / unknown (oui / non / je ne sais pas), a date `2026-03-14`, a month `2026-03`,
/// a year `2026`, a range `2026-01..2026-03` or `3..10`, a text found in the answer, a desk name or
/// fingerprint, or `non renseigné` / `sans objet`. Values separated by commas are alternatives (OR);
/// several `--where` must all hold (AND).
public enum WhereClause {
    /// The names standing for the desk, the date field and the city field.
    private static let deskNames = ["desk", "poste", "poste d'accueil"]
    private static let monthNames = ["month", "mois", "date"]
    private static let cityNames = ["city", "ville"]
    private static let trustNames = ["trust", "desk trust", "desk_trust", "confiance", "confiance dans le poste"]
    /// The names standing for the team's case work: a testimony's status and its tags.
    private static let statusNames = ["status", "statut", "case status", "statut du dossier"]
    private static let tagNames = ["tag", "tags", "etiquette", "etiquettes"]
    /// A tag value meaning "no tag at all".
    private static let noTagNames = ["aucune", "aucune etiquette", "sans etiquette", "none", "no tag"]

    /// The breakdown a name on the command line designates; `filtering` adds the case status and tags to the
    /// names listed when there is none (they filter, they are not counted).
    public static func breakdown(named name: String, form: Questionnaire, filtering: Bool = false) throws(WhereError) -> Breakdown {
        let wanted = fold(name)
        if let field = form.fields.first(where: { fold($0.id) == wanted }) { return Breakdown(field: field) }
        if let field = form.fields.first(where: { field in Language.allCases.contains { fold(field.label.text($0)) == wanted } }) {
            return Breakdown(field: field)
        }
        if deskNames.contains(wanted) { return .desk }
        if trustNames.contains(wanted) { return .trust }
        if monthNames.contains(wanted), let field = form.field(withRole: .date) { return Breakdown(field: field) }
        if cityNames.contains(wanted), let field = form.field(withRole: .city) { return Breakdown(field: field) }
        let names = ["desk (poste)", "trust (confiance)"] + (filtering ? ["status (statut)", "tag (étiquette)"] : [])
            + (form.field(withRole: .date) == nil ? [] : ["month (mois)"])
            + (form.field(withRole: .city) == nil ? [] : ["city (ville)"])
        // A field whose id is one of those names (the built-in questionnaire's `city`) is listed once, under it.
        let known = names + form.fields.map(\.id).filter { id in !names.contains { $0.hasPrefix(id + " (") } }
        throw WhereError(message: Localized(
            fr: "aucune question « \(name) » dans le questionnaire « \(form.id) ». Questions possibles (identifiant ou libellé) : \(known.joined(separator: ", ")).",
            en: "no field “\(name)” in questionnaire “\(form.id)”. Known fields (id or question): \(known.joined(separator: ", "))."))
    }

    /// The condition `FIELD=VALUE[,VALUE…]` stands for.
    public static func condition(_ text: String, form: Questionnaire) throws(WhereError) -> Filter.Condition {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw WhereError(message: Localized(
                fr: "--where s'écrit QUESTION=VALEUR, par exemple forces=bac ou ville=Paris ; reçu « \(text) ».",
                en: "--where takes FIELD=VALUE, such as forces=bac or city=Paris; got “\(text)”."))
        }
        let name = fold(parts[0])
        if statusNames.contains(name) || tagNames.contains(name) {
            return try caseCondition(status: statusNames.contains(name), parts[1])
        }
        let breakdown = try breakdown(named: parts[0], form: form, filtering: true)
        let field = form.field(breakdown.fieldID)
        let whole = try? test(parts[1], breakdown: breakdown, field: field)
        var tests: [Filter.Test]
        if let whole {
            tests = [whole]
        } else {
            tests = []
            for value in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !value.isEmpty {
                tests.append(try test(value, breakdown: breakdown, field: field))
            }
        }
        guard !tests.isEmpty else { throw unknownValue(parts[1], breakdown: breakdown, field: field) }
        let label = breakdown.grouping == .desk || breakdown.grouping == .city
            ? Localized(fr: parts[1], en: parts[1]) : nil
        return Filter.Condition(fieldID: breakdown.fieldID, test: tests.count == 1 ? tests[0] : .anyOf(tests), label: label)
    }

    /// `status=à rappeler,rappelé` or `tag=plainte` (`tag=aucune`: no tag): a condition on the team's case work.
    private static func caseCondition(status: Bool, _ text: String) throws(WhereError) -> Filter.Condition {
        var tests: [Filter.Test] = [], labels: [Localized] = []
        for value in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !value.isEmpty {
            if status {
                guard let found = CaseStatus(typed: value) else {
                    let list = CaseStatus.allCases.map { "\($0.rawValue) (\($0.label.fr))" }.joined(separator: ", ")
                    throw WhereError(message: Localized(
                        fr: "« \(value) » n'est pas un statut de dossier. Statuts possibles : \(list).",
                        en: "“\(value)” is not a case status. Possible statuses: \(list)."))
                }
                tests.append(.equals(found.rawValue))
                labels.append(found.label)
            } else if noTagNames.contains(fold(value)) {
                tests.append(.answered(false))
                labels.append(Localized(fr: "aucune", en: "none"))
            } else {
                tests.append(.equals(value))
                labels.append(Localized(fr: value, en: value))
            }
        }
        guard !tests.isEmpty else {
            throw WhereError(message: Localized(fr: "--where \(status ? "status" : "tag")= attend une valeur.",
                                                en: "--where \(status ? "status" : "tag")= needs a value."))
        }
        let label = Localized(fr: labels.map(\.fr).joined(separator: " ou "), en: labels.map(\.en).joined(separator: " or "))
        return Filter.Condition(fieldID: status ? Filter.statusID : Filter.tagID, test: tests.count == 1 ? tests[0] : .anyOf(tests), label: label)
    }

    /// A tag no testimony has: an error listing the tags in use (most likely a typo), nil when each tag named is used.
    public static func unmatchedTags(_ conditions: [Filter.Condition], records: [DecryptedRecord], cases: CaseBook) -> WhereError? {
        var used: [String: (spelling: String, count: Int)] = [:]
        for record in records {
            for tag in cases[record].tags { used[tag.searchKey, default: (tag, 0)].count += 1 }
        }
        for condition in conditions where condition.fieldID == Filter.tagID {
            for case let .equals(tag) in condition.test.alternatives where used[tag.searchKey] == nil {
                let seen = used.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.spelling < $1.spelling }
                    .prefix(20).map { "\($0.spelling) (\($0.count))" }
                return WhereError(message: Localized(
                    fr: "aucun témoignage n'a l'étiquette « \(tag) ». Étiquettes présentes : \(seen.isEmpty ? "aucune" : seen.joined(separator: ", ")).",
                    en: "no testimony has the tag “\(tag)”. Tags in use: \(seen.isEmpty ? "none" : seen.joined(separator: ", "))."))
            }
        }
        return nil
    }

    /// The test one value stands for.
    private static func test(_ value: String, breakdown: Breakdown, field: Field?) throws(WhereError) -> Filter.Test {
        let wanted = fold(value)
        if ["non renseigne", "not answered", "sans reponse", "vide", "empty"].contains(wanted) {
            return .bucket(breakdown.grouping, .notAnswered)
        }
        if ["sans objet", "question sans objet", "not asked", "did not apply", "question did not apply"].contains(wanted) {
            return .bucket(breakdown.grouping, .notAsked)
        }
        switch breakdown.grouping {
        case .desk, .text:
            return breakdown.grouping == .desk ? .equals(value) : .includes(value)
        case .trust:
            guard let trust = SignerTrust.allCases.first(where: { trust in
                fold(trust.rawValue) == wanted || Language.allCases.contains { fold(StatisticsLabels.trust(trust).text($0)) == wanted }
            }) else { throw unknownValue(value, breakdown: breakdown, field: field) }
            return .bucket(.trust, .value(trust.rawValue))
        case .city:
            return .bucket(.city, .value(CityName.key(of: value)))
        case .choices:
            let choices = StatisticsLabels.choices(of: field)
            if field?.kind == .yesno, let answer = YesNo(spoken: value) { return .bucket(.choices, .value(answer.rawValue)) }
            guard let choice = choices.first(where: { choice in
                fold(choice.id) == wanted || Language.allCases.contains { fold(choice.label.text($0)) == wanted }
            }) else { throw unknownValue(value, breakdown: breakdown, field: field) }
            return .bucket(.choices, .value(choice.id))
        case .month:
            if let range = range(value, bound: month) { return .between(range.0, range.1) }
            if value.count == 4, let year = Int(value) { return .between("\(year)-01", "\(year)-12") }
            guard let date = ApproximateDate(spoken: value), date.isValid else { throw unknownValue(value, breakdown: breakdown, field: field) }
            return date.day == nil ? .bucket(.month, .value(date.description)) : .equals(date.description)
        case .minutes, .value:
            if field?.kind == .time { return .equals(value) }
            if let range = range(value, bound: { Int($0).map(String.init) }) { return .between(range.0, range.1) }
            guard let number = Int(value) else { throw unknownValue(value, breakdown: breakdown, field: field) }
            return .equals(String(number))
        }
    }

    /// `A..B`, `A..` or `..B`, each side read by `bound`; nil when the text is no range or a side unreadable.
    private static func range(_ text: String, bound: (String) -> String?) -> (String?, String?)? {
        let sides = text.components(separatedBy: "..")
        guard sides.count == 2 else { return nil }
        let lower = sides[0].trimmingCharacters(in: .whitespaces), upper = sides[1].trimmingCharacters(in: .whitespaces)
        guard !(lower.isEmpty && upper.isEmpty) else { return nil }
        let low = lower.isEmpty ? nil : bound(lower), high = upper.isEmpty ? nil : bound(upper)
        guard lower.isEmpty || low != nil, upper.isEmpty || high != nil else { return nil }
        return (low, high)
    }

    /// A month bound `2026-03` (or `2026`, as its first month) as `YYYY-MM`.
    private static func month(_ text: String) -> String? {
        if text.count == 4, let year = Int(text) { return "\(year)-01" }
        guard let date = ApproximateDate(spoken: text), date.isValid else { return nil }
        return ApproximateDate(year: date.year, month: date.month).description
    }

    private static func unknownValue(_ value: String, breakdown: Breakdown, field: Field?) -> WhereError {
        let name = field?.id ?? "desk"
        switch breakdown.grouping {
        case .trust:
            let list = SignerTrust.allCases.map { "\($0.rawValue) (\(StatisticsLabels.trust($0).fr))" }
            return WhereError(message: Localized(
                fr: "« \(value) » n'est pas un état de confiance d'un poste. États possibles : \(list.joined(separator: ", ")).",
                en: "“\(value)” is not a desk's standing. Possible values: \(list.joined(separator: ", "))."))
        case .choices:
            let list = StatisticsLabels.choices(of: field).map { "\($0.id) (\($0.label.fr))" } + ["non renseigné", "sans objet"]
            return WhereError(message: Localized(
                fr: "« \(value) » n'est pas une réponse possible à « \(name) ». Réponses possibles (identifiant ou libellé) : \(list.joined(separator: ", ")).",
                en: "“\(value)” is not a possible answer to “\(name)”. Possible answers (id or label): \(list.joined(separator: ", "))."))
        case .month:
            return WhereError(message: Localized(
                fr: "« \(value) » n'est pas une date pour « \(name) » : écrivez 2026-03-14, un mois 2026-03, une année 2026 ou une période 2026-01..2026-03.",
                en: "“\(value)” is not a date for “\(name)”: write 2026-03-14, a month 2026-03, a year 2026 or a range 2026-01..2026-03."))
        default:
            return WhereError(message: Localized(
                fr: "« \(value) » n'est pas un nombre pour « \(name) » : écrivez 5, ou une plage 3..10.",
                en: "“\(value)” is not a number for “\(name)”: write 5, or a range 3..10."))
        }
    }

    /// Conditions on free text, cities and desks that no testimony meets: the first one, as an error that
    /// lists the values met (most frequent first), since such a filter is more likely a typo than a finding.
    public static func unmatched(_ conditions: [Filter.Condition], records: [DecryptedRecord], form: Questionnaire) -> WhereError? {
        let counted = records.filter { Statistics.counts($0.status) }
        for condition in conditions where takesFreeValues(condition, form: form) {
            guard let breakdown = Breakdown.of(condition.fieldID, in: form) else { continue }
            for test in condition.test.alternatives {
                if case .bucket(_, let key) = test, key == .notAnswered || key == .notAsked { continue }
                let single = Filter(conditions: [Filter.Condition(fieldID: condition.fieldID, test: test)])
                guard !counted.contains(where: { single.matches($0, in: form) }) else { continue }
                let series = Statistics(records: counted, form: form, breakdowns: [breakdown]).series.first
                let seen = (series?.buckets ?? []).filter { $0.isValue }.prefix(20).map { "\($0.label.fr) (\($0.count))" }
                let label = condition.test.alternatives.count == 1 ? condition.label : nil
                let value = label.map { Localized(fr: "= \($0.fr)", en: "= \($0.en)") } ?? test.summary(field: form.field(condition.fieldID))
                let name = breakdown.grouping == .desk ? "desk" : condition.fieldID
                return WhereError(message: Localized(
                    fr: "aucun témoignage ne répond à « \(name) \(value.fr) ». Valeurs présentes : \(seen.isEmpty ? "aucune" : seen.joined(separator: ", ")).",
                    en: "no testimony matches “\(name) \(value.en)”. Values present: \(seen.isEmpty ? "none" : seen.joined(separator: ", "))."))
            }
        }
        return nil
    }

    /// Whether the condition is on a free text, a city or a desk, whose values cannot be checked before reading.
    public static func takesFreeValues(_ condition: Filter.Condition, form: Questionnaire) -> Bool {
        guard let grouping = Breakdown.of(condition.fieldID, in: form)?.grouping else { return false }
        return grouping == .text || grouping == .city || grouping == .desk
    }

    /// Lower case, no accents, straight apostrophes, spaces collapsed, no trailing question mark.
    private static func fold(_ text: String) -> String {
        var folded = text.replacingOccurrences(of: "’", with: "'").searchKey
        while folded.last == "?" || folded.last == " " || folded.last == "\u{00A0}" { folded.removeLast() }
        return folded
    }
}
