extension Field {
    /// The problems of one answer to this field: wrong type, format, length, range, choice ids, `mustBe`.
    ///
    /// `today` is used to refuse dates in the future; pass nil to skip that check.
    public func problems(with value: AnswerValue, today: ApproximateDate? = .today()) -> [ValidationIssue] {
        guard value.fits(kind) else {
            return [ValidationIssue(fieldID: id, message: Messages.expected(self), reason: .wrongType)]
        }
        let messages: [Localized]
        switch value {
        case let .text(text): messages = textProblems(text)
        case let .choice(choiceID): messages = choice(choiceID) == nil ? [Messages.unknownChoice(choiceID, field: self)] : []
        case let .choices(ids): messages = multichoiceProblems(ids)
        case let .number(number): messages = rangeProblems(number)
        case let .date(date):
            if !date.isValid {
                messages = [Messages.impossibleDate]
            } else if let today, date.isAfter(today) {
                messages = [Messages.futureDate]
            } else {
                messages = []
            }
        case let .time(time): messages = time.isValid ? [] : [Messages.impossibleTime]
        case .yesno: messages = []
        }
        var issues = messages.map { ValidationIssue(fieldID: id, message: $0) }
        if issues.isEmpty, let mustBe, value.comparableText != mustBe {
            issues.append(ValidationIssue(fieldID: id, message: Messages.mustBe(self), reason: .mustBe))
        }
        return issues
    }

    private func textProblems(_ text: String) -> [Localized] {
        var messages: [Localized] = []
        let allowed: Set<Unicode.Scalar> = kind == .longtext ? ["\n", "\t"] : []
        let controls = text.unicodeScalars.filter { $0.properties.generalCategory == .control && !allowed.contains($0) }
        if kind == .text, controls.contains(where: { $0 == "\n" || $0 == "\r" }) {
            messages.append(Messages.lineBreak)
        } else if !controls.isEmpty {
            messages.append(Messages.controlCharacter)
        }
        if text.count > effectiveMaxLength {
            messages.append(Messages.tooLong(max: effectiveMaxLength, count: text.count))
        }
        return messages
    }

    private func multichoiceProblems(_ ids: [String]) -> [Localized] {
        var messages: [Localized] = []
        var seen: Set<String> = []
        for choiceID in ids {
            if choice(choiceID) == nil {
                messages.append(Messages.unknownChoice(choiceID, field: self))
            } else if !seen.insert(choiceID).inserted {
                messages.append(Messages.repeatedChoice(choiceID))
            }
        }
        if let min, !ids.isEmpty, ids.count < min {
            messages.append(Messages.tooFewChoices(min))
        }
        if let max, ids.count > max {
            messages.append(Messages.tooManyChoices(max))
        }
        return messages
    }

    private func rangeProblems(_ number: Int) -> [Localized] {
        if let min, number < min { return [Messages.tooSmall(min)] }
        if let max, number > max { return [Messages.tooLarge(max)] }
        return []
    }
}
