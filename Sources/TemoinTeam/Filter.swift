import Foundation
import TemoinForms

/// Which testimonies to show and count: a free-text search and conditions on answers, all of
/// which must hold. The empty filter keeps everything.
///
/// Text is compared ignoring case and accents ("securite" finds "Sécurité"). The search looks in
/// the receipt code and every answer, including the French and English labels of the choices
/// picked and the spelled-out date, so "anti-criminalité" finds testimonies that ticked `bac`.
public struct Filter: Sendable, Hashable {
    /// A test on the answer to one field.
    public enum Test: Sendable, Hashable {
        /// The answer is this value: a choice id (for a multichoice, one of the ids ticked),
        /// `yes` / `no` / `unknown`, a number, a date — `2026-03` also matches every day of that
        /// month and `2026` every day of that year — or a text equal to it once trimmed.
        case equals(String)
        /// A text answer contains this value; for choices, the same as `equals` (a choice is ticked).
        case includes(String)
        /// The question has an answer (`true`) or has none (`false`).
        case answered(Bool)
        /// The testimony falls in this bucket of a count series grouped this way (a bar of a chart).
        case bucket(Breakdown.Grouping, BucketKey)
        /// The answer lies between these bounds, both included: months (`2026-01`…`2026-03`) for a date,
        /// numbers for a number; nil leaves a side open.
        case between(String?, String?)
        /// At least one of these tests holds (`--where forces=bac,crs`).
        case anyOf([Test])
    }

    /// A test on one field's answer.
    public struct Condition: Sendable, Hashable {
        /// The field id, e.g. `forces`.
        public var fieldID: String
        /// The test.
        public var test: Test
        /// How the value reads on the chart it was picked from (e.g. the usual spelling of a city).
        public var label: Localized?

        /// Creates a condition.
        public init(fieldID: String, test: Test, label: Localized? = nil) {
            self.fieldID = fieldID
            self.test = test
            self.label = label
        }

        /// The testimonies counted in one bucket of a series: what selecting a bar of its chart shows.
        public init(_ series: CountSeries, bucket: BucketKey) {
            self.init(fieldID: series.breakdown.fieldID, test: .bucket(series.breakdown.grouping, bucket),
                      label: series.buckets.first { $0.key == bucket }?.label)
        }

        /// Whether the condition holds for this testimony; `asked` says whether the question applied, `caseFile`
        /// gives its case (status, tags) for a condition on them.
        func holds(in record: DecryptedRecord, form: Questionnaire, asked: () -> Bool, caseFile: () -> CaseFile) -> Bool {
            if fieldID == Filter.statusID || fieldID == Filter.tagID { return holds(test, on: caseFile()) }
            return holds(test, in: record, form: form, asked: asked)
        }

        /// A test on the case's status (`equals` its id) or tags (`equals` one, ignoring case and accents;
        /// `answered`: has a tag or none); `bucket` for a value picked from `CaseBook.series` (F3).
        private func holds(_ test: Test, on caseFile: CaseFile) -> Bool {
            switch test {
            case let .anyOf(tests): return tests.contains { holds($0, on: caseFile) }
            case let .equals(value) where fieldID == Filter.statusID: return caseFile.status.rawValue == value
            case let .equals(value): return caseFile.tags.contains { $0.searchKey == value.searchKey }
            case let .answered(expected) where fieldID == Filter.tagID: return caseFile.tags.isEmpty != expected
            case let .bucket(_, .value(value)) where fieldID == Filter.statusID: return caseFile.status.rawValue == value
            case let .bucket(_, .value(value)): return caseFile.tags.contains { $0.searchKey == value }
            case .bucket(_, .notAnswered) where fieldID == Filter.tagID: return caseFile.tags.isEmpty
            default: return false
            }
        }

        private func holds(_ test: Test, in record: DecryptedRecord, form: Questionnaire, asked: () -> Bool) -> Bool {
            if fieldID == Breakdown.deskID {
                switch test {
                case let .bucket(_, key): return key == .value(record.deskFingerprint)
                case let .equals(name): return [record.deskName.searchKey, record.deskFingerprint.searchKey].contains(name.searchKey)
                case let .anyOf(tests): return tests.contains { holds($0, in: record, form: form, asked: asked) }
                case .includes, .answered, .between: return false
                }
            }
            if fieldID == Breakdown.trustID {
                switch test {
                case let .bucket(_, key): return key == .value(record.deskTrust.rawValue)
                case let .anyOf(tests): return tests.contains { holds($0, in: record, form: form, asked: asked) }
                case .equals, .includes, .answered, .between: return false
                }
            }
            let value = record.payload.answers[fieldID].flatMap { $0.isAnswered ? $0 : nil }
            switch test {
            case let .anyOf(tests):
                return tests.contains { holds($0, in: record, form: form, asked: asked) }
            case let .between(lower, upper):
                guard let value else { return false }
                if let date = value.approximateDate {
                    let month = ApproximateDate(year: date.year, month: date.month).description
                    return (lower.map { month >= $0 } ?? true) && (upper.map { month <= $0 } ?? true)
                }
                guard let number = value.wholeNumber else { return false }
                return (lower.flatMap { Int($0) }.map { number >= $0 } ?? true) && (upper.flatMap { Int($0) }.map { number <= $0 } ?? true)
            case let .answered(expected):
                return (value != nil) == expected
            case let .bucket(grouping, key):
                return grouping.keys(of: value, asked: value != nil || asked()).contains(key)
            case let .equals(wanted):
                guard let value else { return false }
                return Self.candidates(value).contains(wanted.searchKey)
            case let .includes(wanted):
                guard let value else { return false }
                if let kind = form.field(fieldID)?.kind, kind == .text || kind == .longtext {
                    return value.description.searchKey.contains(wanted.searchKey)
                }
                return Self.candidates(value).contains(wanted.searchKey)
            }
        }

        /// The folded forms an answer equals: each id of a multichoice; a date, its month and its year.
        private static func candidates(_ value: AnswerValue) -> Set<String> {
            if case let .choices(ids) = value { return Set(ids.map(\.searchKey)) }
            var forms: Set<String> = [value.description.searchKey]
            if let date = value.approximateDate {
                forms.insert(ApproximateDate(year: date.year, month: date.month).description)
                forms.insert(String(date.year))
            }
            return forms
        }
    }

    /// The id under which a testimony's case status is filtered (`--where status=to-call`, F3); no questionnaire
    /// field can have it (ids start with a letter).
    public static let statusID = "_status"
    /// The id under which a testimony's case tags are filtered.
    public static let tagID = "_tag"

    /// Words to find, in any order, anywhere in the testimony; empty finds everything.
    public var text: String { didSet { words = Self.words(of: text) } }
    /// Conditions that must all hold.
    public var conditions: [Condition]
    /// The words of `text`, folded, as UTF-8: folded once, not for each testimony.
    private var words: [[UInt8]]

    /// Creates a filter; the default keeps every testimony.
    public init(text: String = "", conditions: [Condition] = []) {
        self.text = text
        self.conditions = conditions
        words = Self.words(of: text)
    }

    /// Split at the spaces `searchKey` leaves, byte by byte (a space followed by a joiner is one
    /// `Character`, which a split by characters would not cut).
    private static func words(of text: String) -> [[UInt8]] {
        Array(text.searchKey.utf8).split(separator: UInt8(ascii: " ")).map(Array.init)
    }

    /// Whether the filter has words to find.
    public var searchesText: Bool { !words.isEmpty }

    /// Whether the filter keeps everything.
    public var isEmpty: Bool {
        conditions.isEmpty && !searchesText
    }

    /// Whether a condition is on the team's case work (status, tags), which `cases` must then give.
    public var usesCases: Bool {
        conditions.contains { $0.fieldID == Self.statusID || $0.fieldID == Self.tagID }
    }

    /// Whether the testimony passes: every word of `text` is found and every condition holds; `cases` gives
    /// the status and tags (without it, every testimony is `new` and has no tag).
    public func matches(_ record: DecryptedRecord, in form: Questionnaire, cases: CaseBook? = nil) -> Bool {
        matches(record, in: form, searchText: Self.searchText(of: record, form: form), cases: cases)
    }

    /// The same, with the testimony's `searchText(of:form:)` worked out by a caller that filters the same
    /// testimonies again and again (it is only read when the filter `searchesText` and every condition holds).
    public func matches(_ record: DecryptedRecord, in form: Questionnaire, searchText: @autoclosure () -> [UInt8],
                        cases: CaseBook? = nil) -> Bool {
        var visible: Set<String>?
        func asked(_ fieldID: String) -> Bool {
            let fields = visible ?? form.visibleFieldIDs(in: record.payload.answers)
            visible = fields
            return fields.contains(fieldID)
        }
        let caseFile = { cases?[record] ?? CaseFile() }
        for condition in conditions where !condition.holds(in: record, form: form, asked: { asked(condition.fieldID) }, caseFile: caseFile) {
            return false
        }
        return keeps(searchText: searchText())
    }

    /// Whether every word of `text` occurs in a testimony's `searchText(of:form:)` (read only when the filter searches text).
    func keeps(searchText: @autoclosure () -> [UInt8]) -> Bool {
        guard !words.isEmpty else { return true }
        let haystack = searchText()
        return haystack.withUnsafeBytes { haystack in words.allSatisfy { word in word.withUnsafeBytes { Self.occurs($0, in: haystack) } } }
    }

    /// Whether every testimony this filter keeps is kept by `wider` too: it has `wider`'s conditions, and each
    /// of `wider`'s words lies within one of its words (typing on in a search), so only what `wider` kept
    /// need be looked at again.
    public func narrows(_ wider: Filter) -> Bool {
        wider.conditions.allSatisfy(conditions.contains)
            && wider.words.allSatisfy { word in words.contains { $0.count >= word.count && Self.contains($0, word) } }
    }

    private static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        text.withUnsafeBytes { text in part.withUnsafeBytes { occurs($0, in: text) } }
    }

    /// Whether `needle` (not empty) occurs in `haystack`: each place its first byte occurs, found with
    /// `memchr`, is compared whole.
    private static func occurs(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
        guard !needle.isEmpty, let base = haystack.baseAddress, needle.count <= haystack.count else { return false }
        let end = base + haystack.count, last = end - needle.count
        var start = base
        while start <= last, let found = memchr(start, Int32(needle[0]), last - start + 1) {
            if memcmp(found, needle.baseAddress!, needle.count) == 0 { return true }
            start = UnsafeRawPointer(found) + 1
        }
        return false
    }

    /// Everything the search looks in, folded, as UTF-8: receipt, answers, labels of the choices, dates
    /// spelled out (each form of an answer once: a text is its own label).
    public static func searchText(of record: DecryptedRecord, form: Questionnaire) -> [UInt8] {
        let parts = [record.payload.receipt] + record.payload.answers.values.map { searchText(of: $1, field: form.field($0)) }
        return Array(parts.joined(separator: "\n").searchKey.utf8)
    }

    /// What the search looks in for one answer, not folded: the answer, then its French and English labels
    /// when they differ from it, one per line.
    static func searchText(of value: AnswerValue, field: Field?) -> String {
        let shown = StatisticsLabels.answer(value, field: field)
        var forms: [String] = []
        for text in [value.description, shown.fr, shown.en] where !forms.contains(text) { forms.append(text) }
        return forms.joined(separator: "\n")
    }
}

extension Filter.Test {
    /// The tests an `anyOf` holds, or the test itself.
    var alternatives: [Filter.Test] {
        if case let .anyOf(tests) = self { tests } else { [self] }
    }
}
