import Foundation
import TemoinForms
@testable import TemoinTeam
import TemoinTestSupport
import XCTest

/// `Corroboration`: testimonies that likely describe the same check, rule by rule (issue 13, point 10).
final class CorroborationTests: XCTestCase {
    private typealias F = ReportFixtures

    /// A testimony in `city` on `date`, with a time and a place when given.
    private func testimony(_ receipt: String, city: String = "Paris", date: String = "2026-01-12", time: String? = nil,
                           place: String? = nil, desk: String = "DESK-AAAA") -> DecryptedRecord {
        var extra: Answers = [:]
        if let time { extra["check_time"] = .text(time) }
        if let place { extra["place"] = .text(place) }
        return F.record(F.answers(city: city, date: date, extra), receipt: receipt, desk: desk)
    }

    /// The pair of `a` and `b` when they match.
    private func pair(_ a: DecryptedRecord, _ b: DecryptedRecord) -> Corroboration.Pair? {
        let groups = Corroboration(records: [a, b], form: F.form).groups
        XCTAssertLessThanOrEqual(groups.count, 1)
        return groups.first?.pairs.first
    }

    func testAllRulesTogether() throws {
        let found = try XCTUnwrap(pair(testimony("A", time: "18:30", place: "Métro Barbès"), testimony("B", time: "19:10", place: "sortie BARBES")))
        XCTAssertEqual(found.rules, [.city, .date, .time, .place])
        XCTAssertEqual(found.minutesApart, 40)
        XCTAssertEqual(found.daysApart, 0)
        XCTAssertEqual(found.sharedWords, ["barbes"])
        XCTAssertEqual(TestimonyLabels.reason(found).fr, "même ville · le même jour · 40 min d'écart · lieu : barbes · "
                       + "ATTENTION : même poste, scellés dans la même minute (le même témoin deux fois ?)")
    }

    func testCityIsGroupedWithoutCaseAccentsOrArrondissement() {
        XCTAssertNotNil(pair(testimony("A", city: "PARIS 20e", time: "18:30"), testimony("B", city: "paris", time: "18:45")))
        XCTAssertNotNil(pair(testimony("A", city: "Saint-Étienne", time: "18:30"), testimony("B", city: "saint etienne 42000", time: "18:45")))
        XCTAssertNil(pair(testimony("A", city: "Paris", time: "18:30", place: "Barbès"), testimony("B", city: "Lyon", time: "18:30", place: "Barbès")),
                     "another city: no match, whatever else agrees")
        XCTAssertNil(pair(testimony("A", city: "", time: "18:30", place: "Barbès"), testimony("B", city: "", time: "18:30", place: "Barbès")),
                     "no city: no match")
    }

    func testDatesAtMostOneDayApart() throws {
        let next = try XCTUnwrap(pair(testimony("A", date: "2026-01-12", place: "Barbès"), testimony("B", date: "2026-01-13", place: "Barbès")))
        XCTAssertEqual(next.daysApart, 1)
        XCTAssertEqual(next.rules, [.city, .date, .place])
        XCTAssertNil(pair(testimony("A", date: "2026-01-12", place: "Barbès"), testimony("B", date: "2026-01-14", place: "Barbès")), "two days apart")
        XCTAssertNotNil(pair(testimony("A", date: "2026-02-28", place: "Barbès"), testimony("B", date: "2026-03-01", place: "Barbès")), "across a month")
        XCTAssertNil(pair(testimony("A", date: "2026-01", place: "Barbès"), testimony("B", date: "2026-01", place: "Barbès")), "a month is not a day")
    }

    func testTimesWithinTwoHoursCountedAcrossMidnight() throws {
        XCTAssertEqual(pair(testimony("A", time: "18:30"), testimony("B", time: "20:30"))?.minutesApart, 120, "two hours exactly")
        XCTAssertNil(pair(testimony("A", time: "18:30"), testimony("B", time: "20:31")), "a minute more")
        XCTAssertNil(pair(testimony("A", time: "18:30", place: "Barbès"), testimony("B", time: "21:00", place: "Barbès")),
                     "known times further apart rule the pair out, even with the same place")
        let midnight = try XCTUnwrap(pair(testimony("A", date: "2026-01-12", time: "23:30"), testimony("B", date: "2026-01-13", time: "01:30")))
        XCTAssertEqual(midnight.minutesApart, 120)
        XCTAssertNil(pair(testimony("A", date: "2026-01-12", time: "18:30"), testimony("B", date: "2026-01-13", time: "18:30")),
                     "the same hour the next day is a day apart")
        XCTAssertEqual(pair(testimony("A", time: "~18:30"), testimony("B", time: "19:00"))?.minutesApart, 30, "an approximate time counts")
        XCTAssertNil(pair(testimony("A", time: "evening"), testimony("B", time: "19:00")), "a part of the day is no time: nothing else agrees")
        XCTAssertEqual(pair(testimony("A", time: "evening", place: "Barbès"), testimony("B", time: "19:00", place: "Barbès"))?.rules,
                       [.city, .date, .place])
    }

    func testPlaceWordsWithoutCaseAccentsOrStopWords() throws {
        let place = try XCTUnwrap(pair(testimony("A", place: "Devant la GARE du Nord"), testimony("B", place: "gare du nord, côté taxis")))
        XCTAssertEqual(place.rules, [.city, .date, .place])
        XCTAssertEqual(place.sharedWords, ["nord"])
        XCTAssertEqual(pair(testimony("A", place: "Châtelet"), testimony("B", place: "chatelet les halles"))?.sharedWords, ["chatelet"])
        XCTAssertNil(pair(testimony("A", place: "rue de Rivoli"), testimony("B", place: "rue Oberkampf")), "only a street word in common")
        XCTAssertNil(pair(testimony("A", place: "12 rue X"), testimony("B", place: "12 avenue Y")), "only a number in common")
        XCTAssertNil(pair(testimony("A", place: "Paris centre"), testimony("B", place: "paris nord")), "the city's own word says nothing")
        XCTAssertNil(pair(testimony("A"), testimony("B")), "same city and day but nothing else: no match")
    }

    func testNeverItsOwnMatchAndSameDeskMinuteFlagged() throws {
        let a = testimony("A", time: "18:30"), b = testimony("B", time: "18:40", desk: "DESK-BBBB"), c = testimony("C", time: "18:50")
        let index = CorroborationIndex(records: [a, b, c], form: F.form)
        let matches = index.matches(of: 0)
        XCTAssertEqual(matches.map(\.record.payload.receipt), ["B", "C"], "itself left out")
        XCTAssertEqual(matches.map(\.pair.sameDeskMinute), [false, true], "same desk, same sealing minute: flagged, not left out")
        XCTAssertEqual(index.matches(of: 7).count, 0)
    }

    func testGroupsChainAndTheOrderIsDeterministic() throws {
        let records = [
            testimony("C1", city: "Lyon", date: "2026-02-01", time: "10:00"), testimony("C2", city: "LYON 3e", date: "2026-02-01", time: "11:00"),
            testimony("P3", date: "2026-01-13", time: "00:30"), testimony("P1", date: "2026-01-12", time: "22:00"),
            testimony("P2", date: "2026-01-12", time: "23:45"), testimony("X", city: "Lille", time: "10:00"),
        ]
        let reference = Corroboration(records: records, form: F.form)
        XCTAssertEqual(reference.groups.map { $0.members.map(\.payload.receipt) }, [["P1", "P2", "P3"], ["C1", "C2"]])
        XCTAssertEqual(reference.groups[0].pairs.map { [$0.first, $0.second] }, [[0, 1], [1, 2]], "P1~P2, P2~P3; P1 and P3 are 2 h 30 apart")
        XCTAssertEqual(reference.groups.map(\.city), ["Paris", "Lyon"])
        let expected = CorroborationOutput(corroboration: reference, form: F.form, language: .fr).render(.json)
        let seed = UInt64.random(in: 0...UInt64.max)
        print("CorroborationTests seed: \(seed)")
        var generator = SeededRandom(seed: seed)
        for _ in 0..<10 {
            let shuffled = Corroboration(records: records.shuffled(using: &generator), form: F.form)
            XCTAssertEqual(CorroborationOutput(corroboration: shuffled, form: F.form, language: .fr).render(.json), expected, "seed \(seed)")
        }
    }

    /// A mass check (hundreds of testimonies of one place and hour) makes one group with every member, but lists
    /// only `pairLimit` pairs and says so: listing all of them would take tens of thousands of lines.
    func testAMassCheckListsEveryMemberAndAtMostTheLimitOfPairs() throws {
        let records = (0..<300).map { testimony(String(format: "R%03d", $0), time: "18:30", place: "Barbès") }
        let groups = Corroboration(records: records, form: F.form).groups
        XCTAssertEqual(groups.count, 1)
        XCTAssertEqual(groups[0].members.count, 300)
        XCTAssertEqual(groups[0].pairs.count, Corroboration.pairLimit)
        XCTAssertTrue(groups[0].morePairs)
        XCTAssertFalse(try XCTUnwrap(Corroboration(records: Array(records.prefix(3)), form: F.form).groups.first).morePairs)
        let table = CorroborationOutput(corroboration: Corroboration(records: records, form: F.form), form: F.form, language: .fr).render(.table)
        XCTAssertTrue(table.contains("Seules les 100 premières paires sont listées"), table)
    }

    func testOutputs() throws {
        let records = [testimony("A", time: "18:30", place: "<b>Barbès</b>"), testimony("B", time: "19:00", place: "barbes", desk: "DESK-BBBB")]
        let corroboration = Corroboration(records: records, form: F.form)
        let json = CorroborationOutput(corroboration: corroboration, form: F.form, language: .fr).render(.json)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let group = try XCTUnwrap((object["groups"] as? [[String: Any]])?.first)
        XCTAssertEqual(group["city"] as? String, "Paris")
        XCTAssertEqual((group["testimonies"] as? [[String: Any]])?.map { $0["receipt"] as? String }, ["A", "B"])
        let pair = try XCTUnwrap((group["pairs"] as? [[String: Any]])?.first)
        XCTAssertEqual(pair["receipts"] as? [String], ["A", "B"])
        XCTAssertEqual(pair["rules"] as? [String], ["city", "date", "time", "place"])
        XCTAssertEqual(pair["minutes_apart"] as? Int, 30)
        XCTAssertEqual(pair["place_words"] as? [String], ["barbes"])
        XCTAssertEqual(pair["same_desk_minute"] as? Bool, false)
        XCTAssertEqual(group["more_pairs"] as? Bool, false)
        let table = CorroborationOutput(corroboration: corroboration, form: F.form, language: .en).render(.table)
        XCTAssertTrue(table.hasPrefix("Group 1: Paris, 2 testimonies\n  A  12 January 2026 · 18:30 · Paris · <b>Barbès</b>  [Bureau A]\n"), table)
        XCTAssertTrue(table.contains("    A ~ B : same city · the same day · 30 min apart · place: barbes\n"), table)
        XCTAssertEqual(CorroborationOutput(corroboration: Corroboration(records: [], form: F.form), form: F.form, language: .fr).render(.table),
                       "Aucun témoignage n'en recoupe un autre.\n")
    }

    func testTheReportShowsGroupsSideBySideEscaped() {
        let records = [testimony("A", time: "18:30", place: "<script>x</script> Barbès"), testimony("B", time: "19:00", place: "barbes")]
        let html = HTMLReport(records: records, form: F.form).render()
        let section = html.components(separatedBy: "<section id=\"corroboration\">")[1].components(separatedBy: "</section>")[0]
        XCTAssertTrue(section.contains("<h3>Groupe 1 : Paris, 2 témoignages</h3>"))
        XCTAssertTrue(section.contains("<li><code>A</code> ~ <code>B</code> : même ville · le même jour · 30 min d&#39;écart · lieu : barbes"))
        XCTAssertTrue(section.contains("Deux témoignages se recoupent quand"), "the rules are in the report")
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(HTMLReport(records: [records[0]], form: F.form).render().contains("Aucun témoignage n&#39;en recoupe un autre selon ces règles."))
    }

    /// The walk looks only at pairs that can match, and jumps over a full group's members: its comparisons grow with the
    /// testimonies, not with their pairs, whatever a forger makes them say (Docs/THREAT-MODEL.md). Comparing every two
    /// testimonies of a city at most a day apart, as before, made n(n-1)/2 = 4,498,500 comparisons for each of these.
    func testComparisonsGrowWithTheTestimoniesNotWithTheirPairs() {
        let n = 3000
        var generator = SeededRandom.printed("testComparisonsGrowWithTheTestimoniesNotWithTheirPairs")
        let shapes: [(String, [DecryptedRecord])] = [
            ("one city, one day, nothing in common", (0..<n).map { testimony(String(format: "R%05d", $0), place: "lieu\($0)") }),
            ("a mass check: one place, one minute", (0..<n).map { testimony(String(format: "R%05d", $0), time: "18:30", place: "Barbès") }),
            ("times over two days, ten places", (0..<n).map { k in
                let hour = Int.random(in: 0..<24, using: &generator), minute = Int.random(in: 0..<60, using: &generator)
                return testimony(String(format: "R%05d", k), date: Bool.random(using: &generator) ? "2026-01-12" : "2026-01-13",
                                 time: Int.random(in: 0..<10, using: &generator) < 3 ? nil : String(format: "%02d:%02d", hour, minute),
                                 place: "lieu\(Int.random(in: 0..<10, using: &generator))")
            }),
        ]
        for (shape, records) in shapes {
            let comparisons = Corroboration(records: records, form: F.form).comparisons
            print("\(shape): \(comparisons) comparisons")
            XCTAssertLessThanOrEqual(comparisons, 20 * n, shape)
        }
    }

    /// The walk finds the same groups, pairs and "more pairs" as comparing every two testimonies of a city at most a day
    /// apart (`reference`), on random testimonies dense enough to fill groups, and on a group of exactly `pairLimit` pairs.
    func testTheWalkFindsWhatComparingEveryPairFound() throws {
        var generator = SeededRandom.printed("testTheWalkFindsWhatComparingEveryPairFound")
        for trial in 0..<12 {
            let count = [40, 150, 400][trial % 3], times = [3, 12, 40, 200][trial % 4]
            let records = (0..<count).map { k in
                testimony(String(format: "R%04d", Int.random(in: 0..<9999, using: &generator)) + "-\(k)",
                          city: ["Paris", "PARIS 20e", "Lyon", ""][Int.random(in: 0..<4, using: &generator)],
                          date: "2026-01-1\(Int.random(in: 0..<4, using: &generator))",
                          time: Int.random(in: 0..<4, using: &generator) == 0 ? nil
                              : String(format: "%02d:%02d", 18 + Int.random(in: 0..<times, using: &generator) / 60 % 6, Int.random(in: 0..<times, using: &generator) % 60),
                          place: (0..<Int.random(in: 0..<3, using: &generator)).map { _ in "lieu\(Int.random(in: 0..<6, using: &generator))" }.joined(separator: " "),
                          desk: Bool.random(using: &generator) ? "DESK-AAAA" : "DESK-BBBB")
            }
            XCTAssertEqual(summary(Corroboration(records: records, form: F.form).groups), reference(records), "trial \(trial), seed \(generator.seed)")
        }
        // 13 at 18:00 (78 pairs), 11 of them with "alpha" and 11 with "beta"; X (alpha) and Y (beta) without a time: 100 pairs.
        // X ~ Y do not match and come last: the walk that compared every pair said "more".
        let timed = (0..<13).map { k in testimony(String(format: "R%02d", k), time: "18:00", place: k < 2 ? "alpha" : k > 10 ? "beta" : "alpha beta") }
        let records = timed + [testimony("X", place: "alpha"), testimony("Y", place: "beta")]
        let group = try XCTUnwrap(Corroboration(records: records, form: F.form).groups.first)
        XCTAssertEqual(group.pairs.count, Corroboration.pairLimit)
        XCTAssertTrue(group.morePairs)
        XCTAssertEqual(summary(Corroboration(records: records, form: F.form).groups), reference(records))
        let matching = Array(records.dropLast()) + [testimony("Y", place: "alpha beta")]
        XCTAssertEqual(summary(Corroboration(records: matching, form: F.form).groups), reference(matching), "X ~ Y match: 101 pairs")
    }

    private func summary(_ groups: [Corroboration.Group]) -> [String] {
        groups.map { "\($0.city) \($0.members.map(\.payload.receipt)) \($0.pairs) more: \($0.morePairs)" }
    }

    /// The groups as found before the walk: every two testimonies of a city at most a day apart, compared in the order of
    /// the city's list, pairs kept while a group has room.
    private func reference(_ records: [DecryptedRecord]) -> [String] {
        let index = CorroborationIndex(records: records, form: F.form)
        var links = CorroborationLinks(count: records.count)
        for city in index.byCity.keys.sorted() {
            let list = index.byCity[city] ?? []
            for (n, a) in list.enumerated() {
                for b in list[(n + 1)...] {
                    guard let da = index.facts[a].day, let db = index.facts[b].day, db - da <= 1 else { break }
                    if links.root(a) == links.root(b), links.isFull(a) { links.truncated[links.root(a)] = true; continue }
                    links.add(a, b, index.match(a, b))
                }
            }
        }
        return summary(Corroboration(records: records, index: index, links: links).groups)
    }
}
