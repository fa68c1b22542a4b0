/// The groups as they form while `CorroborationIndex.walk` goes through the matching pairs: a union-find of the
/// testimonies, with the pairs kept for each group (at most `Corroboration.pairLimit` counted per group).
struct CorroborationLinks {
    private var parent: [Int]
    private(set) var kept: [Int], linked: [Bool]
    var truncated: [Bool]
    private(set) var found: [(a: Int, b: Int, pair: Corroboration.Pair)] = []
    /// The candidate pairs looked at: what the walk cost.
    var comparisons = 0

    init(count: Int) {
        parent = Array(0..<count)
        kept = [Int](repeating: 0, count: count)
        (linked, truncated) = ([Bool](repeating: false, count: count), [Bool](repeating: false, count: count))
    }

    mutating func root(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    /// Whether the group of `i` has all the pairs it lists.
    mutating func isFull(_ i: Int) -> Bool { kept[root(i)] >= Corroboration.pairLimit }

    /// `a` and `b` match with `pair`: their groups join, and the pair is kept while the group has room.
    mutating func add(_ a: Int, _ b: Int, _ pair: Corroboration.Pair?) {
        guard let pair else { return }
        join(a, b)
        let r = root(a)
        guard kept[r] < Corroboration.pairLimit else { truncated[r] = true; return }
        kept[r] += 1
        found.append((a, b, pair))
    }

    /// `a` and `b` match: their groups join (no pair kept).
    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        guard ra != rb else { return }
        (linked[a], linked[b]) = (true, true)
        let (low, high) = (min(ra, rb), max(ra, rb))
        parent[high] = low
        kept[low] += kept[high]
        if truncated[high] { (truncated[high], truncated[low]) = (false, true) }
    }
}

/// The testimonies of a city that one rule may pair, as positions in the city's list, ascending: those with a time, or
/// those (with or without a time) giving a place word. Runs of consecutive entries known to be in one group are jumped
/// over as a whole: once a group is full, a mass check costs one step per run, not one per pair.
struct CorroborationLane {
    let entries: [Int]
    /// The last index of the run an index is in, found as a union-find finds its root.
    private var runEnd: [Int]

    init(_ entries: [Int]) {
        self.entries = entries
        runEnd = Array(entries.indices)
    }

    /// The first index in `entries` whose entry is not `before` (true then false along the entries).
    func firstIndex(notBefore before: (Int) -> Bool) -> Int {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if before(entries[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func end(ofRunAt k: Int) -> Int {
        var last = k
        while runEnd[last] != last { last = runEnd[last] }
        var k = k
        while runEnd[k] != last { (runEnd[k], k) = (last, runEnd[k]) }
        return last
    }

    /// The run ending at `k` and the next one are in one group.
    mutating func joinRun(endingAt k: Int) { runEnd[k] = k + 1 }
}

extension CorroborationIndex {
    /// Goes through the pairs that match, city by city, each testimony `a` in the order of the city's list, then
    /// those after it that it matches in the same order: for each, `links.add` while `a`'s group has room, as comparing every two
    /// testimonies of a city at most a day apart did. Only the pairs that can match are looked at: with a time, those at
    /// most two hours later (a time further apart rules the pair out); those without a time, or with one when `a` has none,
    /// through a place word in common. Once `a`'s group is full, the testimonies left join it without a pair, a run at a time.
    func walk(_ links: inout CorroborationLinks) {
        for city in byCity.keys.sorted() {
            guard let list = byCity[city] else { continue }
            let day = list.map { facts[$0].day ?? 0 }, moment = list.enumerated().map { k, p in facts[p].minute.map { day[k] * 1440 + $0 } }
            var lanes = [CorroborationLane(list.indices.filter { moment[$0] != nil })]
            var timedIndex = [Int](repeating: 0, count: list.count)
            for (n, k) in lanes[0].entries.enumerated() { timedIndex[k] = n }
            var byWord: [String: (untimed: [Int], timed: [Int])] = [:]
            for (k, p) in list.enumerated() {
                for word in facts[p].words {
                    if moment[k] == nil { byWord[word, default: ([], [])].untimed.append(k) } else { byWord[word, default: ([], [])].timed.append(k) }
                }
            }
            var untimedLane: [String: Int] = [:], timedLane: [String: Int] = [:]
            for (word, entries) in byWord {
                if !entries.untimed.isEmpty { untimedLane[word] = lanes.count; lanes.append(CorroborationLane(entries.untimed)) }
                if !entries.timed.isEmpty { timedLane[word] = lanes.count; lanes.append(CorroborationLane(entries.timed)) }
            }
            for (i, a) in list.enumerated() {
                var ranges: [(lane: Int, low: Int, high: Int)] = []
                // The entries of a lane after `a` and at most a day later.
                func window(_ lane: Int?) {
                    guard let lane else { return }
                    let low = lanes[lane].firstIndex { $0 <= i }, high = lanes[lane].firstIndex { day[$0] <= day[i] + 1 } - 1
                    if low <= high { ranges.append((lane, low, high)) }
                }
                if let m = moment[i] {
                    let high = lanes[0].firstIndex { (moment[$0] ?? 0) <= m + 120 } - 1
                    if timedIndex[i] < high { ranges.append((0, timedIndex[i] + 1, high)) }
                    for word in facts[a].words { window(untimedLane[word]) }
                } else {
                    for word in facts[a].words { window(untimedLane[word]); window(timedLane[word]) }
                }
                link(a, list: list, ranges: ranges, lanes: &lanes, links: &links)
            }
        }
    }

    /// Links `a` to the entries of `ranges` (all of them match it), in the order of the list while its group has room.
    private func link(_ a: Int, list: [Int], ranges: [(lane: Int, low: Int, high: Int)], lanes: inout [CorroborationLane],
                      links: inout CorroborationLinks) {
        var heads = ranges.map(\.low)
        while !links.isFull(a) {
            var next = Int.max
            for (r, range) in ranges.enumerated() where heads[r] <= range.high { next = min(next, lanes[range.lane].entries[heads[r]]) }
            guard next < Int.max else { break }
            for (r, range) in ranges.enumerated() where heads[r] <= range.high && lanes[range.lane].entries[heads[r]] == next { heads[r] += 1 }
            links.comparisons += 1
            links.add(a, list[next], match(a, list[next]))
        }
        if ranges.indices.contains(where: { heads[$0] <= ranges[$0].high }) { links.truncated[links.root(a)] = true }
        // Every entry of the ranges is in `a`'s group now, or joins it here: their runs become one.
        for range in ranges {
            var k = range.low
            while true {
                links.comparisons += 1
                links.join(a, list[lanes[range.lane].entries[k]])
                let end = lanes[range.lane].end(ofRunAt: k)
                guard end < range.high else { break }
                lanes[range.lane].joinRun(endingAt: end)
                k = end + 1
            }
        }
    }

    /// Whether two of `members` (one group, one city) are at most a day apart and come after `pair` in the order of the
    /// walk: the first in the city's list, then the second.
    func hasCandidate(after pair: (a: Int, b: Int), among members: [Int], comparisons: inout Int) -> Bool {
        let last = (rank[pair.a], rank[pair.b])
        for x in members {
            for y in members where (rank[x], rank[y]) > last && rank[x] < rank[y] {
                comparisons += 1
                if let dx = facts[x].day, let dy = facts[y].day, dy - dx <= 1 { return true }
            }
        }
        return false
    }
}
