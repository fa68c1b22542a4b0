import Foundation
import TemoinForms

/// Testimonies that likely describe the same check, found by documented rules (Docs/GUIDE-EQUIPE.md,
/// « Témoignages qui se recoupent »): two independent witnesses of one event are a lawyer's strongest argument.
///
/// Two testimonies match when all of these hold:
/// 1. **city**: both name a city, grouped by the rules of `CityName` ("PARIS 20e" = "Paris");
/// 2. **date**: both give a full date (day known), at most one day apart;
/// 3. **time**: when both give a time (exact or "around", not a part of the day), at most two hours apart,
///    counted across midnight; a time further apart rules the pair out;
/// 4. and at least one detail corroborates: the times within two hours (rule 3), or a **place** word
///    in common — the words of the free-text fields of the city's section (other than the city), without
///    case or accents, leaving out stop words, street-type words, numbers and the city's own words.
/// A testimony is never its own match. Two from the same desk sealed within the same minute still match, flagged:
/// perhaps one witness counted twice. Matches chain into groups (A~B and B~C make one group).
public struct Corroboration: Sendable {
    /// A rule that a pair met.
    public enum Rule: String, Sendable, CaseIterable {
        case city, date, time, place
    }

    /// Two testimonies of a group that match, and why.
    public struct Pair: Sendable, Equatable {
        /// Positions in the group's `members`, `first < second`.
        public var first, second: Int
        /// The rules met, in the order of `Rule`.
        public var rules: [Rule]
        /// 0 (same day) or 1.
        public var daysApart: Int
        /// When both times are known.
        public var minutesApart: Int?
        /// The place words both give, folded, sorted.
        public var sharedWords: [String]
        /// Same desk, sealed within the same minute: perhaps one witness counted twice.
        public var sameDeskMinute: Bool
    }

    /// Testimonies linked by matches.
    public struct Group: Sendable {
        /// By date and time of the events, then receipt.
        public var members: [DecryptedRecord]
        /// The matching pairs, by first then second member: all of them, or the first `pairLimit` found.
        public var pairs: [Pair]
        /// Whether some pairs of the group are not listed (`pairLimit`).
        public var morePairs: Bool
        /// The city as the figures spell it.
        public var city: String
    }

    /// At most this many pairs are listed per group: a mass check (hundreds of testimonies of one place and
    /// hour) would otherwise list tens of thousands of pairs, and take as long to compare.
    public static let pairLimit = 100

    /// The groups, by date of their first testimony, then its receipt.
    public let groups: [Group]

    /// The pairs of testimonies looked at (`CorroborationIndex.walk`, then `hasCandidate`): what finding the groups cost.
    let comparisons: Int

    /// Finds the groups among `records` (those to count: the caller's selection).
    public init(records: [DecryptedRecord], form: Questionnaire) {
        let index = CorroborationIndex(records: records, form: form)
        var links = CorroborationLinks(count: records.count)
        index.walk(&links)
        self.init(records: records, index: index, links: links)
    }

    /// The groups that `links` found among `records`.
    init(records: [DecryptedRecord], index: CorroborationIndex, links: CorroborationLinks) {
        var links = links, comparisons = links.comparisons
        let found = links.found, truncated = links.truncated, linked = links.linked
        func root(_ i: Int) -> Int { links.root(i) }
        var members: [Int: [Int]] = [:], pairsByRoot: [Int: [(a: Int, b: Int, pair: Pair)]] = [:]
        for i in records.indices where linked[i] { members[root(i), default: []].append(i) }
        for entry in found { pairsByRoot[root(entry.a), default: []].append(entry) }
        var groups: [(first: Int, group: Group)] = []
        for (groupRoot, list) in members {
            let sorted = list.sorted { index.precedes($0, $1) }
            let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            let pairs: [Pair] = (pairsByRoot[groupRoot] ?? []).compactMap { a, b, pair in
                guard let pa = position[a], let pb = position[b] else { return nil }
                var pair = pair
                (pair.first, pair.second) = (min(pa, pb), max(pa, pb))
                return pair
            }.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
            guard let first = sorted.first else { continue }
            // Exactly `pairLimit` pairs, all listed (so at most 101 members), and two members that do not match after the last
            // pair in the walk's order: "more", as when every two testimonies at most a day apart were compared (kept so that
            // the output does not change).
            let more = pairs.count > Self.pairLimit || truncated[groupRoot]
                || (pairs.count == Self.pairLimit && pairsByRoot[groupRoot]?.last.map { index.hasCandidate(after: ($0.a, $0.b), among: sorted, comparisons: &comparisons) } == true)
            let group = Group(members: sorted.map { records[$0] }, pairs: Array(pairs.prefix(Self.pairLimit)),
                              morePairs: more, city: index.cityLabel(of: sorted))
            groups.append((first, group))
        }
        self.groups = groups.sorted { index.precedes($0.first, $1.first) }.map(\.group)
        self.comparisons = comparisons
    }
}

/// What the rules compare, worked out once per testimony: the city key, the day, the minute, the place words.
public struct CorroborationIndex: Sendable {
    struct Facts: Sendable {
        var city: String?
        var cityText: String
        /// Days since 1970 of a full date.
        var day: Int?
        /// Minutes since midnight of an exact or approximate time.
        var minute: Int?
        var words: Set<String>
        /// The desk and the sealing minute (`YYYY-MM-DDTHH:MM`).
        var deskMinute: String
    }

    private let records: [DecryptedRecord]
    let facts: [Facts]
    /// Positions of the testimonies with a city and a day, by city, sorted by day.
    let byCity: [String: [Int]]
    /// The place of each testimony in its city's list (`byCity`); -1 without a city or a day.
    let rank: [Int]

    /// Works out the facts of each of `records`.
    public init(records: [DecryptedRecord], form: Questionnaire) {
        self.records = records
        let city = form.field(withRole: .city), date = form.field(withRole: .date)
        let time = form.fields.first { $0.kind == .time }
        let section = form.sections.first { $0.fields.contains { $0.id == city?.id } }
        let places = section?.fields.filter { $0.id != city?.id && $0.kind == .text && !$0.has(.private) } ?? []
        // Folding the place words is most of the work: done on every core.
        let facts = records.concurrentMap { record -> Facts in
            let answers = record.payload.answers
            let cityText = city.flatMap { answers[$0.id] }.flatMap { $0.isAnswered ? $0.description : nil }
            let cityKey = cityText.map(CityName.key(of:)).flatMap { $0.isEmpty ? nil : $0 }
            let day = date.flatMap { answers[$0.id]?.approximateDate }.flatMap { d in
                d.isValid ? d.day.map { civilDays(year: d.year, month: d.month, day: $0) } : nil
            }
            let minute = time.flatMap { answers[$0.id] }.flatMap(Self.minute)
            let cityWords = Set((cityKey ?? "").split(separator: " ").map(String.init))
            let words = Set(places.compactMap { answers[$0.id] }.flatMap { Self.placeWords($0.description) }).subtracting(cityWords)
            return Facts(city: cityKey, cityText: cityText ?? "", day: day, minute: minute, words: words,
                         deskMinute: record.deskFingerprint + " " + String(record.payload.sealedAt.prefix(16)))
        }
        var byCity: [String: [Int]] = [:]
        for (i, f) in facts.enumerated() where f.city != nil && f.day != nil { byCity[f.city ?? "", default: []].append(i) }
        // By day first (the scan stops a day later), then as `precedes` orders: not by the records' order.
        self.byCity = byCity.mapValues { list in list.sorted { Self.precedes(facts[$0], records[$0], facts[$1], records[$1]) } }
        var rank = [Int](repeating: -1, count: records.count)
        for list in self.byCity.values { for (k, p) in list.enumerated() { rank[p] = k } }
        self.rank = rank
        self.facts = facts
    }

    /// The testimonies that match `records[position]`, with why, in the order of `precedes`.
    public func matches(of position: Int) -> [(record: DecryptedRecord, pair: Corroboration.Pair)] {
        guard facts.indices.contains(position), let city = facts[position].city, let list = byCity[city] else { return [] }
        let found: [(Int, Corroboration.Pair)] = list.compactMap { other in
            guard other != position, let pair = match(position, other) else { return nil }
            return (other, pair)
        }
        return found.sorted { precedes($0.0, $1.0) }.map { (records[$0.0], $0.1) }
    }

    /// The pair `a`, `b` when they match (positions in the pair are left 0: the caller places them).
    func match(_ a: Int, _ b: Int) -> Corroboration.Pair? {
        let (x, y) = (facts[a], facts[b])
        guard a != b, let city = x.city, city == y.city, let dx = x.day, let dy = y.day, abs(dx - dy) <= 1 else { return nil }
        var rules: [Corroboration.Rule] = [.city, .date]
        var minutes: Int?
        if let mx = x.minute, let my = y.minute {
            let apart = abs((dx * 1440 + mx) - (dy * 1440 + my))
            guard apart <= 120 else { return nil }
            minutes = apart
            rules.append(.time)
        }
        let shared = x.words.intersection(y.words).sorted()
        if !shared.isEmpty { rules.append(.place) }
        guard minutes != nil || !shared.isEmpty else { return nil }
        return Corroboration.Pair(first: 0, second: 0, rules: rules, daysApart: abs(dx - dy), minutesApart: minutes, sharedWords: shared,
                                  sameDeskMinute: x.deskMinute == y.deskMinute)
    }

    /// Orders testimonies by the day and minute of the events, then receipt, then record id.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        Self.precedes(facts[a], records[a], facts[b], records[b])
    }

    private static func precedes(_ x: Facts, _ a: DecryptedRecord, _ y: Facts, _ b: DecryptedRecord) -> Bool {
        let kx = (x.day ?? Int.max, x.minute ?? Int.max), ky = (y.day ?? Int.max, y.minute ?? Int.max)
        if kx != ky { return kx < ky }
        return (a.payload.receipt, a.payload.record, a.bundle) < (b.payload.receipt, b.payload.record, b.bundle)
    }

    /// The city of a group spelled as in the figures (`StatisticsTally.preferred`: mixed case first, then the most typed).
    func cityLabel(of positions: [Int]) -> String {
        var counts: [String: Int] = [:]
        for p in positions { counts[CityName.base(of: facts[p].cityText).tidied, default: 0] += 1 }
        return StatisticsTally.preferred(counts)
    }

    /// Minutes since midnight of an exact time or an "around" time; nil for a part of the day or no time.
    static func minute(_ value: AnswerValue) -> Int? {
        let time: TimeOfDay?
        switch value {
        case let .time(t): time = t
        case let .approximateTime(.around(t)): time = t
        case let .text(text): time = TimeOfDay(iso: text) ?? ApproximateTime(canonical: text).flatMap {
            if case let .around(t) = $0 { t } else { nil }
        }
        default: time = nil
        }
        guard let time, time.isValid else { return nil }
        return time.hour * 60 + time.minute
    }

    /// The words that count in a place: folded (case, accents), split on anything not a letter or digit,
    /// leaving out stop words, street-type words, numbers and one-letter words.
    static func placeWords(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
            .split { !$0.isLetter && !$0.isNumber }
            .map(String.init)
            .filter { $0.count > 1 && !$0.allSatisfy(\.isNumber) && !stopWords.contains($0) }
    }

    /// Words that say nothing about which place: articles, prepositions, street types (fr, en). Docs/GUIDE-EQUIPE.md lists them.
    static let stopWords: Set<String> = [
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "en", "sur", "sous", "dans", "devant",
        "derriere", "pres", "par", "pour", "avec", "sans", "chez", "entre", "vers", "cote", "face", "coin", "angle", "niveau",
        "rue", "avenue", "av", "boulevard", "bd", "place", "pl", "quai", "allee", "chemin", "route", "impasse", "cours",
        "square", "passage", "sortie", "entree", "station", "metro", "gare", "arret", "bus", "tram", "rer", "pont", "parc",
        "the", "of", "at", "on", "in", "near", "by", "to", "and", "an", "street", "st", "road", "rd",
        "exit", "entrance", "outside", "front", "corner",
    ]
}
