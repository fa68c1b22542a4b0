/// Which questions of a questionnaire each testimony was asked, for counting many testimonies at once.
///
/// `Questionnaire.visibleFieldIDs(in:)` walks the sections, copies every field and builds a set of ids for one
/// set of answers: counting 100,000 testimonies took seconds that way (Docs/PERFORMANCE.md, team). This lays
/// the questionnaire's conditions out once, in questionnaire order, and answers by field position, with the
/// same result.
public struct FieldVisibility: Sendable {
    /// The fields' ids in questionnaire order: the positions of `asked(in:)`.
    public let ids: [String]
    private let conditions: [(section: Condition?, field: Condition?)]
    private let positions: [String: Int]
    /// The positions of the fields that have a condition (of their own or of their section): the others
    /// are always asked, and looking each of them up in every testimony's answers was most of the cost.
    private let conditional: [Int]
    /// Whether a condition reads a field the questionnaire does not have (then answers to unknown fields
    /// are removed before the conditions are checked).
    private let readsUnknownFields: Bool
    /// The ids of the fields the conditions read, each once: `asked(in:)` depends only on the answers to them.
    public let conditionFields: [String]

    /// The conditions of `form`'s fields.
    public init(_ form: Questionnaire) {
        var ids: [String] = [], conditions: [(section: Condition?, field: Condition?)] = []
        for section in form.sections {
            for field in section.fields {
                ids.append(field.id)
                conditions.append((section.when, field.when))
            }
        }
        self.ids = ids
        self.conditions = conditions
        let positions = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.positions = positions
        conditional = conditions.indices.filter { conditions[$0].section != nil || conditions[$0].field != nil }
        conditionFields = conditions.flatMap { [$0.section, $0.field].compactMap { $0 } }.flatMap(\.referencedFields)
            .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        readsUnknownFields = conditions.contains { condition in
            [condition.section, condition.field].contains { $0?.referencedFields.contains { positions[$0] == nil } ?? false }
        }
    }

    /// The position of the field `id` in `ids`, nil for an id the questionnaire does not have.
    public func position(of id: String) -> Int? {
        positions[id]
    }

    /// For each field, in the order of `ids`, whether `answers` was asked it: the answers to questions not
    /// asked removed first, as `Questionnaire.pruned` does, then every field's conditions checked on what is
    /// left (the fields whose id `Questionnaire.visibleFieldIDs(in:)` returns).
    public func asked(in answers: Answers) -> [Bool] {
        var kept = answers
        var changed = true
        while changed {
            changed = false
            for index in conditional where kept[ids[index]] != nil && !holds(index, in: kept) {
                kept[ids[index]] = nil
                changed = true
            }
        }
        if readsUnknownFields, kept.values.keys.contains(where: { positions[$0] == nil }) {
            kept.values = kept.values.filter { positions[$0.key] != nil }
        }
        var asked = [Bool](repeating: true, count: ids.count)
        for index in conditional { asked[index] = holds(index, in: kept) }
        return asked
    }

    private func holds(_ index: Int, in answers: Answers) -> Bool {
        let (section, field) = conditions[index]
        return (section?.holds(in: answers) ?? true) && (field?.holds(in: answers) ?? true)
    }
}
