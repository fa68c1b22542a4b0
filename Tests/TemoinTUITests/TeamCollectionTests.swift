@testable import TemoinDesk
@testable import TemoinDeskUI
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
@testable import TemoinTeamUI
@testable import TemoinUIKit
import XCTest

/// The list's testimonies and counts as the filter changes: search texts are prepared once, and the
/// counts of every testimony are kept for when the filter is removed.
final class TeamCollectionTests: XCTestCase {
    private let form = try! Questionnaire.builtIn()

    private func collection(_ cities: [String]) -> TeamCollection {
        let records = cities.enumerated().map { index, city in
            let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "city": .text(city),
                                    "check_date": .date(ApproximateDate(year: 2026, month: 3, day: 1 + index)),
                                    "account": .text("Récit \(index) : une tablette à \(city).")]
            let payload = RecordPayload(record: String(format: "%032x", index), receipt: "RCPT-\(index)", desk: "DESK", form: .init(id: form.id, version: form.version),
                                        sealedAt: "2026-03-14T14:53:20Z", answers: answers)
            return DecryptedRecord(status: .ok, bundle: "b.tmn", deskName: "Desk", deskFingerprint: "DESK", payload: payload)
        }
        return TeamCollection(records: records, form: form, language: .fr)
    }

    private func cityCounts(_ statistics: Statistics) -> [Int] {
        statistics.series("city")?.buckets.map(\.count) ?? []
    }

    func testSearchingNarrowsTheCountsAndClearingGivesThoseOfEveryTestimonyAgain() {
        var list = collection(["Paris", "Lyon", "Paris", "Marseille"])
        let every = cityCounts(list.statistics)
        list.setFilter(Filter(text: "tablette"))
        XCTAssertEqual(list.rows.count, 4)
        XCTAssertEqual(cityCounts(list.statistics), every, "the same testimonies: the same counts")
        list.setFilter(Filter(text: "tablette paris"))
        XCTAssertEqual(list.rows.map(\.record.payload.receipt).sorted(), ["RCPT-0", "RCPT-2"])
        XCTAssertEqual(list.statistics.testimonies, 2)
        XCTAssertEqual(cityCounts(list.statistics), cityCounts(Statistics(records: list.rows.map(\.record), form: form)))
        list.setFilter(Filter())
        XCTAssertEqual(list.rows.count, 4)
        XCTAssertEqual(cityCounts(list.statistics), every)

        // A filter keeps the list's order: sorted once by city, the rows that pass stay in that order.
        list.sort(by: .second)
        XCTAssertEqual(list.rows.map { $0.cell(.second, .fr) }, ["Lyon", "Marseille", "Paris", "Paris"])
        list.setFilter(Filter(conditions: [Filter.Condition(fieldID: "city", test: .includes("a"))]))
        XCTAssertEqual(list.rows.map { $0.cell(.second, .fr) }, ["Marseille", "Paris", "Paris"])
        list.sort(by: .second)
        XCTAssertEqual(list.rows.map { $0.cell(.second, .fr) }, ["Paris", "Paris", "Marseille"])
    }

    func testTextWhoseCharactersAllLookLikeSpacesIsSearchedWithoutCrashing() {
        var list = collection(["Paris", "Lyon"])
        let paris = Filter.Condition(list.statistics.series("city")!, bucket: .value("paris"))
        // A space then a zero-width joiner: one Character that reads as white space, but a word to find.
        list.setFilter(Filter(text: " \u{200D}", conditions: [paris]))
        XCTAssertEqual(list.rows.count, 0)
        list.setFilter(Filter(text: "   ", conditions: [paris]))
        XCTAssertEqual(list.rows.count, 1)
    }

    /// Sorting by ranks worked out once gives the order of comparing the folded cells themselves: the key
    /// (empty cells last either way), then the date ascending, then the receipt.
    func testEveryColumnSortsAsComparingTheFoldedCells() {
        let cities = ["Paris", "paris", "Évry", "evry", "", "Lyon", "Zurich", "Ängelholm", "Marseille 13003"]
        let days = [3, 3, 1, 7, 2, 9, 3, 5, 1, 2, 8]
        let list = (0..<33).map { n in cities[n % cities.count] }
        var collection = collection(list)
        // The dates repeat and the cities too: ties fall back to the date, then the receipt.
        collection = TeamCollection(records: collection.all.enumerated().map { n, testimony in
            var record = testimony.record
            record.payload.answers["check_date"] = n % 5 == 0 ? nil : .date(ApproximateDate(year: 2026, month: 3, day: days[n % days.count]))
            return record
        }, form: form, language: .fr)
        func reference(_ column: TeamColumn, ascending: Bool, _ language: Language) -> [String] {
            func key(_ t: TeamTestimony) -> String {
                column == .date ? t.date?.description ?? "" : t.cell(column, language).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            }
            return collection.all.sorted { a, b in
                let (ka, kb) = (key(a), key(b)), (da, db) = (a.date?.description ?? "", b.date?.description ?? "")
                if ka.isEmpty != kb.isEmpty { return kb.isEmpty }
                if ka != kb { return ascending ? ka < kb : ka > kb }
                if da != db { return da < db }
                return a.record.payload.receipt < b.record.payload.receipt
            }.map(\.record.payload.receipt)
        }
        XCTAssertEqual(collection.rows.map(\.record.payload.receipt), reference(.date, ascending: false, .fr), "by date, newest first")
        for column in TeamColumn.allCases.dropFirst() + [.date] {
            collection.sort(by: column)
            XCTAssertEqual(collection.rows.map(\.record.payload.receipt), reference(column, ascending: collection.ascending, .fr), "\(column)")
            collection.sort(by: column)
            XCTAssertEqual(collection.rows.map(\.record.payload.receipt), reference(column, ascending: collection.ascending, .fr), "\(column) reversed")
        }
        collection.setLanguage(.en)
        XCTAssertEqual(collection.rows.map(\.record.payload.receipt), reference(.date, ascending: collection.ascending, .en))
    }
}
