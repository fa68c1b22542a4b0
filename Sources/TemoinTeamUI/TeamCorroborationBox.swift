import TemoinForms
import TemoinTeam
import TemoinTerminal

/// The testimonies that likely describe the same check as the one read (key `c` on a testimony): each
/// with its date, time, city and place, and the rules it met (`Corroboration`), in a box over the detail.
struct TeamCorroborationBox: Sendable, Equatable {
    /// The receipt of the testimony read.
    let receipt: String
    /// One entry per candidate, then the rules.
    let lines: [Localized]
    /// The first line shown.
    private(set) var top = 0

    /// The candidates of `record` among every testimony loaded.
    init(_ record: DecryptedRecord, matches: [(record: DecryptedRecord, pair: Corroboration.Pair)], form: Questionnaire) {
        receipt = record.payload.receipt
        let city = form.field(withRole: .city)
        let section = form.sections.first { $0.fields.contains { $0.id == city?.id } }
        let places = section?.fields.filter { $0.id != city?.id && $0.kind == .text && !$0.has(.private) } ?? []
        let fields = [form.field(withRole: .date), form.fields.first { $0.kind == .time }, city].compactMap { $0 } + places
        var lines: [Localized] = matches.isEmpty ? [TestimonyLabels.noCorroboration] : []
        for (other, pair) in matches {
            let facts = fields.compactMap { field -> Localized? in
                guard let value = other.payload.answers[field.id], value.isAnswered else { return nil }
                return StatisticsLabels.answer(value, field: field)
            }
            let reason = TestimonyLabels.reason(pair)
            func line(_ language: Language) -> String {
                "▸ " + ([other.payload.receipt] + facts.map { $0.text(language) }).joined(separator: " · ")
                    + " [" + other.deskName + "] — " + reason.text(language)
            }
            lines.append(Localized(fr: line(.fr), en: line(.en)))
        }
        self.lines = lines + [Localized(fr: "", en: ""), TestimonyLabels.corroborationRules]
    }

    /// Scrolls with the arrows, pages, Home and End; any other key closes. Returns whether the box stays open.
    mutating func handle(_ input: TeamInput, size: Size, language: Language) -> Bool {
        let last = TeamBox.lastTop(lines: lines.map { $0.text(language) }, size: size)
        switch input {
        case .key(.up): top = max(0, min(top, last) - 1)
        case .key(.down): top = min(last, top + 1)
        case .key(.pageUp): top = max(0, min(top, last) - 10)
        case .key(.pageDown): top = min(last, top + 10)
        case .key(.home): top = 0
        case .key(.end): top = last
        default: return false
        }
        return true
    }

    /// Draws the box over `frame`.
    func draw(over frame: inout Frame, language: Language) {
        TeamBox.draw(over: &frame, title: TeamText.corroborationTitle(receipt)(language), lines: lines.map { $0.text(language) }, top: top,
                     footer: TeamText.scrollOrClose(language))
    }
}

extension TeamCollection {
    /// The testimonies loaded that corroborate `record` (the same record id from the same bundle is itself), worked out
    /// with an index of every testimony, built on the first call: the key stays quick afterwards.
    mutating func corroborations(of record: DecryptedRecord) -> [(record: DecryptedRecord, pair: Corroboration.Pair)] {
        let records = all.map(\.record)
        if corroborationIndex == nil { corroborationIndex = CorroborationIndex(records: records, form: form) }
        guard let index = corroborationIndex,
              let position = records.firstIndex(where: { $0.payload.record == record.payload.record && $0.bundle == record.bundle }) else { return [] }
        return index.matches(of: position)
    }
}
