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
        case let .approximateTime(time): messages = time.isValid ? [] : [Messages.impossibleTime]
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
        let isAllowed: (Unicode.Scalar) -> Bool = kind == .longtext ? { $0 == "\n" || $0 == "\t" } : { _ in false }
        if kind == .text, text.containsControlCharacter(where: { $0 == "\n" || $0 == "\r" }) {
            messages.append(Messages.lineBreak)
        } else if text.containsControlCharacter(where: { !isAllowed($0) }) {
            messages.append(Messages.controlCharacter)
        }
        let count = text.count
        if count > effectiveMaxLength {
            messages.append(Messages.tooLong(max: effectiveMaxLength, count: count))
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

extension String {
    /// Whether the text holds a control character (Unicode category Cc) that `predicate` accepts.
    ///
    /// Cc is U+0000–U+001F and U+007F–U+009F for good (Unicode's stability policy), so the UTF-8 bytes are
    /// read rather than each scalar's category: the text of an account is checked on every key and may
    /// hold a megabyte.
    func containsControlCharacter(where predicate: (Unicode.Scalar) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F, predicate(Unicode.Scalar(byte)) { return true }
                // U+0080–U+009F is C2 80–C2 9F.
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] <= 0x9F, predicate(Unicode.Scalar(bytes[index + 1])) {
                    return true
                }
                index += 1
            }
            return false
        }
    }
}
