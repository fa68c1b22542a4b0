import Foundation

/// Checks a questionnaire's structure so that a broken file is refused with a precise message
/// instead of misbehaving in front of a witness.
struct QuestionnaireChecker {
    let questionnaire: Questionnaire

    func run() throws {
        let allFieldIDs = Set(questionnaire.fields.map(\.id))
        guard questionnaire.version >= 1 else { throw QuestionnaireError.invalidVersion(questionnaire.version) }
        guard Self.isFormID(questionnaire.id) else {
            throw QuestionnaireError.invalidID(location: .questionnaire, id: questionnaire.id)
        }
        try checkText(questionnaire.title, at: .questionnaire)
        guard !questionnaire.sections.isEmpty else { throw QuestionnaireError.empty(location: .questionnaire) }

        var sectionIDs: Set<String> = []
        var earlier: [String: Field] = [:]
        for section in questionnaire.sections {
            let location = QuestionnaireError.Location.section(section.id)
            guard Self.isID(section.id) else { throw QuestionnaireError.invalidID(location: location, id: section.id) }
            guard sectionIDs.insert(section.id).inserted else {
                throw QuestionnaireError.duplicateSectionID(section.id)
            }
            try checkText(section.title, at: location)
            try section.help.map { try checkText($0, at: location) }
            guard !section.fields.isEmpty else { throw QuestionnaireError.empty(location: location) }
            try section.when.map { try checkCondition($0, at: location, earlier: earlier, all: allFieldIDs) }
            for field in section.fields {
                try checkField(field, earlier: earlier, all: allFieldIDs)
                guard earlier.updateValue(field, forKey: field.id) == nil else {
                    throw QuestionnaireError.duplicateFieldID(field.id)
                }
            }
        }
        try checkRoles()
    }

    /// The date, city and recontact roles: on one field each, of a kind the analysis can read; minutes on numbers.
    private func checkRoles() throws {
        let kinds: [FieldRole: [FieldKind]] = [.date: [.date], .city: [.text], .minutes: [.number], .recontact: [.yesno]]
        var holder: [FieldRole: String] = [:]
        for field in questionnaire.fields {
            for role in field.roles {
                if let allowed = kinds[role], !allowed.contains(field.kind) {
                    throw QuestionnaireError.invalidRole(field: field.id, role: role, detail: Localized(
                        fr: "il ne s'applique qu'au type \(allowed[0].rawValue), pas à \(field.kind.rawValue)",
                        en: "it only applies to the kind \(allowed[0].rawValue), not \(field.kind.rawValue)"))
                }
                if role == .date || role == .city || role == .recontact, let other = holder.updateValue(field.id, forKey: role) {
                    throw QuestionnaireError.invalidRole(field: field.id, role: role, detail: Localized(
                        fr: "la question « \(other) » l'a déjà ; un seul champ peut l'avoir",
                        en: "field “\(other)” has it already; only one field may have it"))
                }
            }
        }
    }

    private func checkField(_ field: Field, earlier: [String: Field], all: Set<String>) throws {
        let location = QuestionnaireError.Location.field(field.id)
        guard Self.isID(field.id) else { throw QuestionnaireError.invalidID(location: location, id: field.id) }
        try checkText(field.label, at: location)
        try field.help.map { try checkText($0, at: location) }
        try checkChoices(of: field)
        try checkLimits(of: field)
        try checkMustBe(of: field)
        try field.when.map { try checkCondition($0, at: location, earlier: earlier, all: all) }
    }

    private func checkChoices(of field: Field) throws {
        guard field.kind.hasChoices else {
            guard field.choices.isEmpty else {
                throw QuestionnaireError.unexpectedChoices(field: field.id, kind: field.kind)
            }
            return
        }
        guard !field.choices.isEmpty else { throw QuestionnaireError.missingChoices(field: field.id) }
        var seen: Set<String> = []
        for choice in field.choices {
            let location = QuestionnaireError.Location.choice(choice.id, field: field.id)
            guard Self.isID(choice.id) else { throw QuestionnaireError.invalidID(location: location, id: choice.id) }
            guard seen.insert(choice.id).inserted else {
                throw QuestionnaireError.duplicateChoiceID(field: field.id, choice: choice.id)
            }
            try checkText(choice.label, at: location)
        }
    }

    private func checkLimits(of field: Field) throws {
        func fail(_ fr: String, _ en: String) -> QuestionnaireError {
            .invalidLimit(field: field.id, detail: Localized(fr: fr, en: en))
        }
        if field.min != nil || field.max != nil {
            guard field.kind == .number || field.kind == .multichoice else {
                throw fail(
                    "min et max ne s'appliquent qu'aux types number et multichoice",
                    "min and max only apply to number and multichoice fields")
            }
        }
        if let min = field.min, let max = field.max, min > max {
            throw fail("min (\(min)) est plus grand que max (\(max))", "min (\(min)) is larger than max (\(max))")
        }
        if field.kind == .multichoice {
            if let min = field.min, min < 0 || min > field.choices.count {
                throw fail(
                    "min doit être entre 0 et le nombre de choix (\(field.choices.count))",
                    "min must be between 0 and the number of choices (\(field.choices.count))")
            }
            if let max = field.max, max < 1 {
                throw fail("max doit être au moins 1", "max must be at least 1")
            }
        }
        if let maxLength = field.maxLength {
            guard field.kind == .text || field.kind == .longtext else {
                throw fail(
                    "maxLength ne s'applique qu'aux types text et longtext",
                    "maxLength only applies to text and longtext fields")
            }
            guard maxLength >= 1 else { throw fail("maxLength doit être au moins 1", "maxLength must be at least 1") }
        }
        if field.prefill != nil, field.kind != .choice {
            throw fail("prefill ne s'applique qu'au type choice", "prefill only applies to choice fields")
        }
    }

    private func checkMustBe(of field: Field) throws {
        if let message = field.mustBeMessage {
            guard field.mustBe != nil else {
                throw QuestionnaireError.invalidMustBe(field: field.id, detail: Localized(
                    fr: "mustBeMessage sans mustBe ne sert à rien", en: "mustBeMessage needs a mustBe"))
            }
            try checkText(message, at: .field(field.id))
        }
        guard let mustBe = field.mustBe else { return }
        guard let allowed = Self.comparableValues(of: field) else {
            throw QuestionnaireError.invalidMustBe(field: field.id, detail: Localized(
                fr: "mustBe ne s'applique qu'aux types yesno et choice",
                en: "mustBe only applies to yesno and choice fields"))
        }
        guard allowed.contains(mustBe) else {
            let list = allowed.joined(separator: ", ")
            throw QuestionnaireError.invalidMustBe(field: field.id, detail: Localized(
                fr: "mustBe vaut « \(mustBe) », valeurs possibles : \(list)",
                en: "mustBe is “\(mustBe)”; possible values: \(list)"))
        }
    }

    private func checkCondition(
        _ condition: Condition, at location: QuestionnaireError.Location, earlier: [String: Field], all: Set<String>
    ) throws {
        func target(_ id: String) throws -> Field {
            if let field = earlier[id] { return field }
            if all.contains(id) { throw QuestionnaireError.conditionForwardReference(location: location, field: id) }
            throw QuestionnaireError.conditionUnknownField(location: location, field: id)
        }
        func compare(_ id: String, _ values: [String], operator name: String) throws {
            let field = try target(id)
            guard let allowed = Self.comparableValues(of: field) else {
                throw QuestionnaireError.conditionOperatorMismatch(
                    location: location, field: id, kind: field.kind, operator: name)
            }
            for value in values where !allowed.contains(value) {
                throw QuestionnaireError.conditionUnknownValue(
                    location: location, field: id, value: value, allowed: allowed)
            }
        }
        switch condition {
        case let .equals(id, value):
            try compare(id, [value], operator: "equals")
        case let .oneOf(id, values):
            try compare(id, values, operator: "in")
        case let .includes(id, choice):
            let field = try target(id)
            guard field.kind == .multichoice else {
                throw QuestionnaireError.conditionOperatorMismatch(
                    location: location, field: id, kind: field.kind, operator: "includes")
            }
            guard field.choice(choice) != nil else {
                throw QuestionnaireError.conditionUnknownValue(
                    location: location, field: id, value: choice, allowed: field.choices.map(\.id))
            }
        case let .answered(id, _):
            _ = try target(id)
        case let .all(conditions), let .any(conditions):
            for inner in conditions {
                try checkCondition(inner, at: location, earlier: earlier, all: all)
            }
        case let .not(inner):
            try checkCondition(inner, at: location, earlier: earlier, all: all)
        }
    }

    private func checkText(_ text: Localized, at location: QuestionnaireError.Location) throws {
        for language in Language.allCases where text.text(language).allSatisfy(\.isWhitespace) {
            throw QuestionnaireError.emptyText(location: location, language: language)
        }
    }

    /// The values `equals`, `in` and `mustBe` may name for this field; nil when they do not apply.
    private static func comparableValues(of field: Field) -> [String]? {
        switch field.kind {
        case .choice: field.choices.map(\.id)
        case .yesno: YesNo.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// snake_case: a lowercase ASCII letter, then lowercase letters, digits or `_`.
    static func isID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A questionnaire id: like a field id, but `-` and `.` are allowed too.
    private static func isFormID(_ id: String) -> Bool {
        isID(id.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_"))
    }
}
