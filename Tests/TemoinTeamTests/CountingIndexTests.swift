import Foundation
@testable import TemoinTeam
import TemoinForms
import TemoinTestSupport
import XCTest

/// The counting index gives what counting the testimonies from their answers gives: for every question,
/// after any filter, and when a search only narrows the one before (seeded random sets and filters).
final class CountingIndexTests: XCTestCase {
    private typealias F = ReportFixtures
    private let form = ReportFixtures.form

    /// A varied set: spellings of cities, full and month-only dates, unreadable numbers, questions that did
    /// not apply (no consent), several desks and statuses.
    private func generated(_ count: Int, _ random: inout SeededRandom) -> [DecryptedRecord] {
        let cities = ["Paris", "PARIS", " paris ", "Paris 20e", "Lyon", "Marseille 13003", "Marseille", "Saint-Étienne", "saint etienne"]
        let forces = ["police_nationale", "police_municipale", "gendarmerie", "crs", "bac"]
        let statuses: [RecordStatus] = [.ok, .ok, .ok, .unverified, .conflict]
        let desks: [(String, String, SignerTrust)] = [("Bureau A", "DESK-AAAA", .approved), ("Bureau B", "DESK-BBBB", .new), ("Bureau C", "DESK-CCCC", .revoked)]
        return (0..<count).map { n in
            var answers: Answers = ["consent": .yesno(random.pick([.yes, .yes, .yes, .no]))]
            if random.chance(0.9) { answers["city"] = .text(random.pick(cities)) }
            if random.chance(0.9) {
                let month = Int(random.below(14)) + 1, day = Int(random.below(28)) + 1
                answers["check_date"] = .text(month > 12 ? "bientôt" : random.chance(0.2) ? String(format: "2026-%02d", month) : String(format: "2026-%02d-%02d", month, day))
            }
            answers["forces"] = .choices(forces.filter { _ in random.chance(0.3) })
            if random.chance(0.8) { answers["face_photo"] = .yesno(random.pick([.yes, .no, .unknown])) }
            if random.chance(0.7) { answers["photo_consent"] = .choice(random.pick(["asked_agreed", "asked_refused", "not_asked", "unknown"])) }
            if random.chance(0.7) { answers["device_kind"] = .choice(random.pick(["smartphone", "tablet", "police_terminal", "camera"])) }
            if random.chance(0.7) { answers["outcome"] = .choice(random.pick(["released", "fined", "custody"])) }
            if random.chance(0.6) { answers["result_delay"] = random.chance(0.1) ? .text("longtemps") : .number(Int(random.below(90))) }
            if random.chance(0.5) { answers["place"] = .text(random.pick(["Gare du Nord", "rue de la Paix", "place Bellecour"])) }
            if random.chance(0.3) { answers["officer_count"] = .number(Int(random.below(6))) }
            let desk = random.pick(desks)
            return F.record(answers, receipt: String(format: "R%03d-%04d", n % 997, n), status: random.pick(statuses),
                            bundle: "bundle-\(random.below(3)).tmn", deskName: desk.0, desk: desk.1, trust: desk.2)
        }
    }

    /// Every question F3 offers, the desk and its standing.
    private var breakdowns: [Breakdown] {
        form.fields.filter { $0.kind != .longtext }.map(Breakdown.init(field:)) + [.desk, .trust]
    }

    private func assertSame(_ indexed: Statistics, _ counted: Statistics, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(indexed.testimonies, counted.testimonies, context, file: file, line: line)
        XCTAssertEqual(indexed.unverified, counted.unverified, context, file: file, line: line)
        XCTAssertEqual(indexed.bundles, counted.bundles, context, file: file, line: line)
        XCTAssertEqual(indexed.desks, counted.desks, context, file: file, line: line)
        XCTAssertEqual(indexed.series, counted.series, context, file: file, line: line)
    }

    func testCountsAfterRandomFiltersAreThoseCountedFromTheAnswers() {
        var random = SeededRandom.printed(name)
        let records = generated(300, &random)
        var index = CountingIndex(records: records, form: form)
        let counted = records.filter { Statistics.counts($0.status) }
        assertSame(index.statistics(of: nil, breakdowns: breakdowns), Statistics(records: records, form: form, breakdowns: breakdowns),
                   "every testimony, seed \(random.seed)")
        let texts = counted.map { Filter.searchText(of: $0, form: form) }
        let whole = Statistics(records: counted, form: form, breakdowns: breakdowns)
        let words = ["paris", "gare", "bellecour", "r00", "2026", "photo", "smartphone", "mars", "xyz"]
        for round in 0..<25 {
            var conditions: [Filter.Condition] = []
            for _ in 0..<random.below(3) {
                let series = random.pick(whole.series)
                guard !series.buckets.isEmpty else { continue }
                let picked = (0..<(1 + random.below(2))).map { _ in random.pick(series.buckets).key }
                let tests = picked.map { Filter.Test.bucket(series.breakdown.grouping, $0) }
                conditions.append(Filter.Condition(fieldID: series.breakdown.fieldID, test: tests.count == 1 ? tests[0] : .anyOf(tests)))
            }
            if random.chance(0.3) { conditions.append(Filter.Condition(fieldID: "city", test: .includes(random.pick(["par", "mars", "lyon"])))) }
            if random.chance(0.2) { conditions.append(Filter.Condition(fieldID: "check_date", test: .between("2026-03", "2026-07"))) }
            let filter = Filter(text: random.chance(0.5) ? random.pick(words) : "", conditions: conditions)
            let context = "round \(round), seed \(random.seed), filter \(filter.summary(form: form).en)"
            let passing = index.passing(filter) { texts[$0] }
            XCTAssertEqual(passing, counted.indices.filter { filter.matches(counted[$0], in: form) }, context)
            let selected = passing.map { counted[$0] }
            assertSame(index.statistics(of: passing, breakdowns: breakdowns), Statistics(records: selected, form: form, breakdowns: breakdowns), context)
            let (rows, columns) = (random.pick(breakdowns), random.pick(breakdowns))
            let indexed = index.crosstab(of: passing, rows: rows, columns: columns)
            let table = Crosstab(records: selected, form: form, rows: rows, columns: columns)
            XCTAssertEqual(indexed.rows, table.rows, context)
            XCTAssertEqual(indexed.columns, table.columns, context)
            XCTAssertEqual(indexed.cells, table.cells, context)
            XCTAssertEqual([indexed.testimonies, indexed.leftOut], [table.testimonies, table.leftOut], context)
        }
    }

    func testASearchTypedOnIsLookedForOnlyAmongWhatTheSearchBeforeKept() {
        var random = SeededRandom.printed(name)
        let records = generated(300, &random)
        let index = CountingIndex(records: records, form: form)
        let texts = index.records.map { Filter.searchText(of: $0, form: form) }
        let city = Filter.Condition(fieldID: "city", test: .includes("par"))
        for (before, after) in [(Filter(text: "ga"), Filter(text: "gare")), (Filter(text: "gare"), Filter(text: "gare du")),
                                (Filter(text: "r0"), Filter(text: "r00 paris", conditions: [city])), (Filter(), Filter(text: "lyon"))] {
            XCTAssertTrue(after.narrows(before), "“\(after.text)” narrows “\(before.text)”")
            let kept = index.passing(before) { texts[$0] }
            XCTAssertEqual(index.passing(after, among: kept) { texts[$0] }, index.passing(after) { texts[$0] }, "seed \(random.seed)")
        }
        XCTAssertFalse(Filter(text: "gare").narrows(Filter(text: "gares")), "a shorter word keeps more")
        XCTAssertFalse(Filter(text: "gare").narrows(Filter(conditions: [city])), "a condition removed keeps more")
        XCTAssertFalse(Filter(text: "nord").narrows(Filter(text: "gare")))
    }

    func testStatusAndTagConditionsReadTheCaseBook() throws {
        let records = F.sample
        let event = { (kind: CaseEvent.Kind, receipt: String, value: String) in
            try CaseEvent(kind: kind, receipt: receipt, record: records.first { $0.payload.receipt == receipt }?.payload.record ?? "",
                          value: value, author: "A", authorKey: "K", at: Date(timeIntervalSince1970: 0))
        }
        let book = CaseBook(events: [try event(.status, "K7QF-29XM", "to-call"), try event(.status, "H4TB-CW8N", "legal"),
                                     try event(.tag, "K7QF-29XM", "Plainte"), try event(.tag, "RD3E-5PQA", "plainte"),
                                     try event(.tag, "RD3E-5PQA", "presse")])
        func receipts(_ where: String...) throws -> [String] {
            let filter = Filter(conditions: try `where`.map { try WhereClause.condition($0, form: form) })
            XCTAssertTrue(filter.usesCases)
            return Statistics.selection(of: records, form: form, filter: filter, cases: book).map(\.payload.receipt)
        }
        XCTAssertEqual(try receipts("status=à rappeler"), ["K7QF-29XM"])
        XCTAssertEqual(try receipts("statut=to-call,suivi juridique"), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(try receipts("status=new"), ["RD3E-5PQA", "M2ZK-7WQR", "P9XC-3LMN"], "no status set: new")
        XCTAssertEqual(try receipts("tag=PLAINTE"), ["K7QF-29XM", "RD3E-5PQA"], "tags ignore case")
        XCTAssertEqual(try receipts("étiquette=aucune"), ["H4TB-CW8N", "M2ZK-7WQR", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("tag=plainte", "status=new"), ["RD3E-5PQA"])
        XCTAssertThrowsError(try WhereClause.condition("status=urgent", form: form)) { error in
            XCTAssertTrue((error as? WhereError)?.message.fr.contains("à rappeler") == true, "the statuses are listed")
        }
        let tagged = Filter(conditions: [try WhereClause.condition("tag=plaine", form: form)])
        let unknown = try XCTUnwrap(WhereClause.unmatchedTags(tagged.conditions, records: records, cases: book))
        XCTAssertTrue(unknown.message.fr.contains("Étiquettes présentes : Plainte (2), presse (1)."), unknown.message.fr)
        XCTAssertEqual(tagged.summary(form: form).fr, "Étiquette = plaine")

        // F3's counts of the status and the tags, and the bars picked from them, select the same testimonies.
        for breakdown in [CaseBook.statusBreakdown, CaseBook.tagBreakdown] {
            let series = book.series(breakdown, of: records)
            for bucket in series.buckets {
                let filter = Filter(conditions: [Filter.Condition(series, bucket: bucket.key)])
                XCTAssertEqual(Statistics.selection(of: records, form: form, filter: filter, cases: book).count, bucket.count, "\(breakdown.fieldID) \(bucket.key)")
            }
        }
        XCTAssertEqual(book.series(CaseBook.tagBreakdown, of: records).buckets.map(\.count), [2, 1, 3], "plainte, presse, none")
    }
}

/// What the generated testimonies draw.
extension SeededRandom {
    mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) < probability * 1_000_000 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
