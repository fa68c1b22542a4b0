import Foundation

extension Questionnaire {
    /// Whether the field is asked: its section's condition and its own hold, evaluated on the
    /// answers to questions that are themselves asked.
    public func isVisible(_ field: Field, in answers: Answers) -> Bool {
        guard let section = section(containing: field.id) else { return false }
        return Self.conditionsHold(section, field, in: pruned(answers).kept)
    }

    /// Whether the section is asked: its condition holds on the answers to questions that are asked.
    /// Its fields may still all be hidden by their own conditions.
    public func isVisible(_ section: Section, in answers: Answers) -> Bool {
        section.when?.holds(in: pruned(answers).kept) ?? true
    }

    /// The ids of every field asked given these answers; cheaper than `isVisible` field by field.
    public func visibleFieldIDs(in answers: Answers) -> Set<String> {
        let kept = pruned(answers).kept
        var visible: Set<String> = []
        for section in sections {
            for field in section.fields where Self.conditionsHold(section, field, in: kept) {
                visible.insert(field.id)
            }
        }
        return visible
    }

    /// Removes the answers to questions that are not asked (and to unknown field ids).
    ///
    /// Repeats until nothing changes, since hiding one question may hide another that depends on
    /// it. `dropped` lists the removed ids in questionnaire order, then unknown ids sorted.
    public func pruned(_ answers: Answers) -> (kept: Answers, dropped: [String]) {
        var kept = answers
        var dropped: [String] = []
        var changed = true
        while changed {
            changed = false
            for section in sections {
                for field in section.fields where kept[field.id] != nil && !Self.conditionsHold(section, field, in: kept) {
                    kept[field.id] = nil
                    dropped.append(field.id)
                    changed = true
                }
            }
        }
        let known = Set(fields.map(\.id))
        for id in answers.values.keys.sorted() where !known.contains(id) {
            kept[id] = nil
            dropped.append(id)
        }
        return (kept, dropped)
    }

    /// The problems of these answers, in questionnaire order, then unknown field ids.
    ///
    /// With `forSealing` false, only the answers given are checked (type, format, range, choices,
    /// `mustBe`), so required questions may stay empty while typing. With `forSealing` true, every
    /// required question that is asked must also have an answer. `today` refuses future dates
    /// (nil skips that check).
    public func validate(
        _ answers: Answers, forSealing: Bool, today: ApproximateDate? = .today()
    ) -> [ValidationIssue] {
        let visible = forSealing ? visibleFieldIDs(in: answers) : []
        var issues: [ValidationIssue] = []
        for field in fields {
            if let value = answers[field.id] {
                issues += field.problems(with: value, today: today)
            }
            if forSealing, field.required, visible.contains(field.id), !(answers[field.id]?.isAnswered ?? false) {
                issues.append(ValidationIssue(fieldID: field.id, message: Messages.missing, reason: .missing))
            }
        }
        return issues + unknownFieldIssues(answers.values.keys)
    }

    /// Reads answers from a JSON object `{FIELD_ID: VALUE}`, typing each value by its field's kind.
    ///
    /// Every problem is collected: unreadable JSON, unknown field ids, wrong types, unknown choice
    /// ids, impossible dates and times, and whatever `validate(_:forSealing: false)` would report.
    /// A JSON `null` counts as no answer; a field id written twice is refused. Missing required
    /// answers are not checked here.
    public func decodeAnswers(
        fromJSON data: Data, today: ApproximateDate? = .today()
    ) -> Result<Answers, AnswersError> {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            let detail = (error as? DecodingError).flatMap(Self.underlyingDetail) ?? String(describing: error)
            return .failure(AnswersError(issues: [
                ValidationIssue(fieldID: "", message: Messages.notJSON(detail), reason: .malformed),
            ]))
        }
        let repeated = DuplicateKeys.find(in: data).map {
            ValidationIssue(fieldID: $0, message: Messages.repeatedAnswer, reason: .malformed)
        }
        guard repeated.isEmpty else { return .failure(AnswersError(issues: repeated)) }
        return typedAnswers(from: json, today: today)
    }

    /// Types a decoded JSON object by the questionnaire; shared by `decodeAnswers` and `Answers` decoding.
    func typedAnswers(from json: JSONValue, today: ApproximateDate? = .today()) -> Result<Answers, AnswersError> {
        guard case let .object(object) = json else {
            return .failure(AnswersError(issues: [
                ValidationIssue(fieldID: "", message: Messages.notObject, reason: .malformed),
            ]))
        }
        var answers = Answers()
        var issues: [ValidationIssue] = []
        for field in fields {
            guard let raw = object[field.id] else { continue }
            switch Self.value(of: raw, for: field) {
            case let .success(value?):
                answers[field.id] = value
                issues += field.problems(with: value, today: today)
            case .success(nil):
                continue
            case let .failure(issue):
                issues.append(issue)
            }
        }
        issues += unknownFieldIssues(object.keys)
        return issues.isEmpty ? .success(answers) : .failure(AnswersError(issues: issues))
    }

    private static func conditionsHold(_ section: Section, _ field: Field, in answers: Answers) -> Bool {
        (section.when?.holds(in: answers) ?? true) && (field.when?.holds(in: answers) ?? true)
    }

    /// The typed value of one JSON answer, nil for `null`, or why it does not fit the field.
    private static func value(of json: JSONValue, for field: Field) -> Result<AnswerValue?, ValidationIssue> {
        let wrongType = ValidationIssue(fieldID: field.id, message: Messages.expectedJSON(field), reason: .wrongType)
        let badValue = ValidationIssue(fieldID: field.id, message: Messages.expectedJSON(field), reason: .invalid)
        switch (field.kind, json) {
        case (_, .null):
            return .success(nil)
        case let (.text, .string(text)), let (.longtext, .string(text)):
            return .success(.text(text))
        case let (.choice, .string(id)):
            return .success(.choice(id))
        case let (.multichoice, .array(items)):
            var ids: [String] = []
            for item in items {
                guard case let .string(id) = item else { return .failure(wrongType) }
                ids.append(id)
            }
            return .success(.choices(ids))
        case let (.yesno, .string(text)):
            return YesNo(rawValue: text).map { .success(.yesno($0)) } ?? .failure(badValue)
        case let (.number, .integer(number)):
            return .success(.number(number))
        case (.number, .fraction):
            return .failure(badValue)
        case let (.date, .string(text)):
            return ApproximateDate.isoShaped(text).map { .success(.date($0)) } ?? .failure(badValue)
        case let (.time, .string(text)):
            if let time = TimeOfDay.isoShaped(text) { return .success(.time(time)) }
            return ApproximateTime(canonical: text).map { .success(.approximateTime($0)) } ?? .failure(badValue)
        default:
            return .failure(wrongType)
        }
    }

    private func unknownFieldIssues(_ ids: some Sequence<String>) -> [ValidationIssue] {
        let known = fields.map(\.id)
        return ids.filter { !known.contains($0) }.sorted().map { id in
            let suggestion = known.min { id.editDistance(to: $0) < id.editDistance(to: $1) }
                .flatMap { id.editDistance(to: $0) <= Swift.max(2, id.count / 3) ? $0 : nil }
            return ValidationIssue(
                fieldID: id,
                message: Messages.unknownField(id, in: self, suggestion: suggestion),
                reason: .unknownField)
        }
    }

    private static func underlyingDetail(_ error: DecodingError) -> String? {
        guard case let .dataCorrupted(context) = error else { return nil }
        return context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
    }
}

extension String {
    /// The Levenshtein distance in Characters, to suggest the field id someone probably meant.
    func editDistance(to other: String) -> Int {
        let source = Array(self)
        let target = Array(other)
        guard !source.isEmpty else { return target.count }
        var previous = Array(0...target.count)
        for (i, character) in source.enumerated() {
            var current = [i + 1]
            for (j, candidate) in target.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (character == candidate ? 0 : 1)))
            }
            previous = current
        }
        return previous[target.count]
    }
}
