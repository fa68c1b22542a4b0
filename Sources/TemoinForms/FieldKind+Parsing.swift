import Foundation

extension FieldKind {
    /// Reads what a volunteer typed on one line into an answer for `field`, then checks it like
    /// `Field.problems(with:today:)` does.
    ///
    /// Leading and trailing whitespace is ignored (a `longtext` keeps its text, with `\r\n` made `\n`).
    /// Accepted forms: a number as `3`; a date as `2026-03-14`, `2026-03`, `14/03/2026`, `03/2026`,
    /// `14 mars 2026` or `mars 2026`; a time as `18:30`, `18h30` or `18h`; yes / no / don't know as
    /// `yes`, `no`, `unknown`, `oui`, `non`, `je ne sais pas`, `o`, `n`, `?`; a choice by its id, its
    /// label or its number in the list (`1` is the first), several separated by commas.
    /// Empty input fails with reason `.missing`, which the caller may treat as "no answer".
    public func parse(
        _ input: String, field: Field, today: ApproximateDate? = .today()
    ) -> Result<AnswerValue, ValidationIssue> {
        // A long text keeps its spaces, so it is not trimmed (it may hold a megabyte, parsed on every key).
        let trimmed = self == .longtext ? input : input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.contains(where: { !CharacterSet.whitespacesAndNewlines.contains($0) }) else {
            return .failure(ValidationIssue(fieldID: field.id, message: Messages.missing, reason: .missing))
        }
        let value: AnswerValue
        switch self {
        case .text:
            value = .text(trimmed)
        case .longtext:
            // Looking for a CR costs much less than replacing in a megabyte that has none.
            let hasCR = input.containsControlCharacter { $0 == "\r" }
            value = .text(hasCR ? input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : input)
        case .choice:
            guard let choice = field.matchingChoice(trimmed) else {
                return .failure(ValidationIssue(fieldID: field.id, message: Messages.unknownChoice(trimmed, field: field)))
            }
            value = .choice(choice.id)
        case .multichoice:
            switch field.matchingChoices(trimmed) {
            case let .success(ids): value = .choices(ids)
            case let .failure(issue): return .failure(issue)
            }
        case .yesno:
            guard let answer = YesNo(spoken: trimmed) else { return .failure(expected(field)) }
            value = .yesno(answer)
        case .number:
            guard let number = Int(trimmed) else { return .failure(expected(field)) }
            value = .number(number)
        case .date:
            guard let date = ApproximateDate(spoken: trimmed) else { return .failure(expected(field)) }
            value = .date(date)
        case .time:
            guard let time = AnswerValue(spokenTime: trimmed) else { return .failure(expected(field)) }
            value = time
        case .files:
            return .failure(expected(field))   // files are picked, never typed
        }
        if let problem = field.problems(with: value, today: today).first {
            return .failure(problem)
        }
        return .success(value)
    }

    private func expected(_ field: Field) -> ValidationIssue {
        ValidationIssue(fieldID: field.id, message: Messages.expected(field))
    }
}

extension Field {
    /// The choice named by its id, its position (from 1) or its label in either language.
    fileprivate func matchingChoice(_ input: String) -> Choice? {
        if let choice = choice(input) { return choice }
        if input.allSatisfy(\.isASCIIDigit), let index = Int(input), choices.indices.contains(index - 1) {
            return choices[index - 1]
        }
        let folded = input.folded
        return choices.first { choice in
            choice.id.folded == folded || Language.allCases.contains { choice.label.text($0).folded == folded }
        }
    }

    /// The choices named in a comma- or semicolon-separated list (or by one label holding a comma).
    fileprivate func matchingChoices(_ input: String) -> Result<[String], ValidationIssue> {
        if let choice = matchingChoice(input) { return .success([choice.id]) }
        var ids: [String] = []
        for part in input.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let choice = matchingChoice(name) else {
                return .failure(ValidationIssue(fieldID: id, message: Messages.unknownChoice(name, field: self)))
            }
            ids.append(choice.id)
        }
        return .success(ids)
    }
}

extension YesNo {
    /// Reads yes / no / don't know as typed in French or English: `oui`, `o`, `non`, `n`, `?`,
    /// `je ne sais pas`, `nsp`, `don't know`…
    public init?(spoken input: String) {
        switch input.folded {
        case "yes", "y", "oui", "o", "ouais": self = .yes
        case "no", "n", "non": self = .no
        case "unknown", "?", "je ne sais pas", "je sais pas", "ne sait pas", "ne sais pas", "sais pas", "nsp",
             "inconnu", "don't know", "dont know", "do not know", "not sure", "idk":
            self = .unknown
        default: return nil
        }
    }
}

extension TimeOfDay {
    /// Reads a time as typed: `18:30`, `18h30`, `18 h 30`, `18h`, `18.30`, `8:05`, `18`.
    /// The result may not exist (`25:00`); check `isValid`.
    init?(spoken input: String) {
        let compact = input.lowercased().filter { !$0.isWhitespace }
        /// A number of one or two ASCII digits (two exactly for minutes).
        func number(_ digits: Substring, counts: ClosedRange<Int>) -> Int? {
            counts.contains(digits.count) && digits.allSatisfy(\.isASCIIDigit) ? Int(digits) : nil
        }
        guard let separator = compact.firstIndex(where: { $0 == ":" || $0 == "h" || $0 == "." }) else {
            guard let hour = number(compact[...], counts: 1...2) else { return nil }
            self.init(hour: hour, minute: 0)
            return
        }
        let minutes = compact[compact.index(after: separator)...]
        guard let hour = number(compact[..<separator], counts: 1...2) else { return nil }
        if minutes.isEmpty, compact[separator] == "h" {
            self.init(hour: hour, minute: 0)
            return
        }
        guard let minute = number(minutes, counts: 2...2) else { return nil }
        self.init(hour: hour, minute: minute)
    }
}

extension AnswerValue {
    /// Reads a time of day as said: exact (`18h30`, `6pm`, `midi`) as `.time`, approximate (`vers 18h30`,
    /// `around 6pm`, `18h30 environ`, `en fin d'après-midi`, `in the evening`) as `.approximateTime`.
    init?(spokenTime input: String) {
        var text = input.folded.replacingOccurrences(of: "-", with: " ")
        var around = false
        var stripped = true
        while stripped {
            stripped = false
            for prefix in Self.approximatePrefixes where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                (around, stripped) = (true, true)
            }
            for suffix in Self.approximateSuffixes where text.hasSuffix(suffix) {
                text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                (around, stripped) = (true, true)
            }
        }
        if let time = Self.clockTime(text) {
            self = around ? .approximateTime(.around(time)) : .time(time)
            return
        }
        let words = text.replacingOccurrences(of: "l'", with: "").replacingOccurrences(of: "d'", with: "")
            .split(separator: " ").filter { !Self.smallWords.contains(String($0)) }.joined(separator: " ")
        guard let period = DayPeriod.allCases.first(where: { $0.spokenForms.contains(words) }) else { return nil }
        self = .approximateTime(.period(period))
    }

    private static let approximatePrefixes = [
        "a peu pres ", "aux alentours de ", "aux alentours d'", "autour de ", "vers ", "environ ", "around ", "about ",
        "approximately ", "roughly ", "approx ", "circa ", "~",
    ]
    private static let approximateSuffixes = [" environ", " a peu pres", " or so", " ou so", "ish"]
    private static let smallWords: Set<String> = [
        "en", "dans", "pendant", "le", "la", "au", "a", "de", "du", "in", "the", "during", "at", "of", "on",
    ]

    /// `18h30`, `18 heures`, `6pm`, `6:30 p.m.`, `midi`, `midnight`: a time on the clock.
    private static func clockTime(_ text: String) -> TimeOfDay? {
        switch text {
        case "midi", "noon", "midday": return TimeOfDay(hour: 12, minute: 0)
        case "minuit", "midnight": return TimeOfDay(hour: 0, minute: 0)
        default: break
        }
        let compact = text.replacingOccurrences(of: "heures", with: "h").replacingOccurrences(of: "heure", with: "h")
            .replacingOccurrences(of: ".", with: ":").filter { !$0.isWhitespace }
        for (suffix, afternoon) in [("pm", true), ("p:m:", true), ("am", false), ("a:m:", false)] where compact.hasSuffix(suffix) {
            guard let time = TimeOfDay(spoken: String(compact.dropLast(suffix.count))), (1...12).contains(time.hour) else { return nil }
            return TimeOfDay(hour: time.hour % 12 + (afternoon ? 12 : 0), minute: time.minute)
        }
        return TimeOfDay(spoken: compact)
    }
}

extension String {
    /// Lowercased, without accents, with typographic apostrophes made straight and spaces collapsed,
    /// so that `Je ne sais pas`, `je ne  sais pas` and `JE NE SAIS PAS` compare equal.
    var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased()
            .replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }
}
