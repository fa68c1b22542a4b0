import Foundation
@testable import TemoinFormat
import TemoinForms
@testable import TemoinTeam
import XCTest

final class StatisticsTests: XCTestCase {
    private let form = ReportFixtures.form
    private typealias F = ReportFixtures

    private func labels(_ series: CountSeries?, _ language: Language = .fr) -> [String] {
        series?.buckets.map { $0.label.text(language) } ?? []
    }

    private func counts(_ series: CountSeries?) -> [Int] {
        series?.buckets.map(\.count) ?? []
    }

    func testCitiesCountGroupedUnderTheirUsualSpelling() {
        let cities = [" Paris", "paris", "PARIS\u{00A0}\n", "Paris", "Paris", "Saint-Étienne", "Saint-Etienne", "Saint \t\u{2003}Étienne"]
        let records = cities.map { F.record(F.answers(city: $0, date: "2026-03")) }
        let city = Statistics(records: records, form: form).series("city")
        XCTAssertEqual(labels(city), ["Paris", "Saint Étienne", "non renseigné"])
        XCTAssertEqual(counts(city), [5, 3, 0])
        XCTAssertEqual(city?.buckets.first?.key, .value("paris"))
        XCTAssertEqual(city?.testimonies, 8)
        let picked = Filter(conditions: [Filter.Condition(city!, bucket: .value("paris"))])
        XCTAssertEqual(picked.summary(form: form).fr, "Dans quelle ville ? = Paris", "the bar's spelling, not the counting key")
    }

    func testMonthsAreChronologicalWithTheEmptyMonthsBetween() {
        let dates = ["2026-03-14", "2025-12", "2026-01-02", "2026-03", "2026-03-31"]
        var records = dates.map { F.record(F.answers(city: "Lyon", date: $0)) }
        records.append(F.record(["consent": .yesno(.yes), "city": .text("Lyon"), "check_date": .text("l'hiver dernier")]))
        records.append(F.record(["consent": .yesno(.yes), "city": .text("Lyon")]))
        let month = Statistics(records: records, form: form).series("check_date")
        XCTAssertEqual(month?.buckets.map(\.key), [.value("2025-12"), .value("2026-01"), .value("2026-02"), .value("2026-03"),
                                                   .notAnswered, .unreadable])
        XCTAssertEqual(counts(month), [1, 1, 0, 3, 1, 1])
        XCTAssertEqual(labels(month).prefix(2), ["décembre 2025", "janvier 2026"])
        XCTAssertEqual(labels(month, .en).prefix(4), ["December 2025", "January 2026", "February 2026", "March 2026"])
    }

    func testMonthsFarApartAreNotPaddedWithYearsOfEmptyMonths() {
        let records = ["2019-05", "2026-03"].map { F.record(F.answers(city: "Lyon", date: $0)) }
        let month = Statistics(records: records, form: form).series("check_date")
        XCTAssertEqual(month?.buckets.map(\.key), [.value("2019-05"), .value("2026-03"), .notAnswered])
    }

    func testATestimonyCountsOncePerForceItNames() {
        let records = [
            F.record(F.answers(city: "Paris", date: "2026-03", forces: ["bac", "police_nationale"])),
            F.record(F.answers(city: "Paris", date: "2026-03", forces: ["bac", "bac"])),
            F.record(F.answers(city: "Paris", date: "2026-03", forces: [])),
        ]
        let forces = Statistics(records: records, form: form).series("forces")
        XCTAssertEqual(forces?.testimonies, 3)
        XCTAssertEqual(forces?.count(.value("bac")), 2)
        XCTAssertEqual(forces?.count(.value("police_nationale")), 1)
        XCTAssertEqual(forces?.count(.notAnswered), 1)
        // Largest first, then the unticked forces in questionnaire order, then "not answered".
        XCTAssertEqual(forces?.buckets.map(\.key), [
            .value("bac"), .value("police_nationale"), .value("police_municipale"), .value("gendarmerie"), .value("crs"),
            .value("transport_security"), .value("customs"), .value("other"), .value("unknown"), .notAnswered,
        ])
        XCTAssertEqual(labels(forces).first, "BAC (brigade anti-criminalité)")
        XCTAssertEqual(labels(forces, .en).first, "BAC (anti-crime squad)")
    }

    func testYesNoAnswersAndQuestionsThatDidNotApply() {
        let stats = Statistics(records: F.sample, form: form)
        let photo = stats.series("face_photo")
        XCTAssertEqual(photo?.buckets.map(\.key), [.value("yes"), .value("no"), .value("unknown"), .notAnswered])
        XCTAssertEqual(counts(photo), [3, 1, 1, 0])
        XCTAssertEqual(labels(photo), ["oui", "non", "je ne sais pas", "non renseigné"])
        // Consent for the photo is only asked when a photo was taken.
        let consent = stats.series("photo_consent")
        XCTAssertEqual(consent?.count(.value("not_asked")), 2)
        XCTAssertEqual(consent?.count(.value("asked_refused")), 1)
        XCTAssertEqual(consent?.count(.notAsked), 2)
        XCTAssertEqual(consent?.count(.notAnswered), 0)
        XCTAssertEqual(consent?.buckets.suffix(2).map(\.key), [.notAnswered, .notAsked], "did not apply comes last, apart")
        XCTAssertEqual(stats.series("outcome")?.buckets.first?.label.en, "Let go on the spot")
    }

    func testDelaysFallInMinuteRangesInAscendingOrder() {
        let delays: [AnswerValue] = [.number(0), .number(2), .number(4), .number(5), .number(15), .number(90), .text("vite")]
        let records = delays.map { F.record(F.answers(city: "Nice", date: "2026-03", ["face_photo": .yesno(.yes), "result_delay": $0])) }
        let delay = Statistics(records: records, form: form).series("result_delay")
        XCTAssertEqual(delay?.buckets.map(\.key), [.value("0"), .value("1-2"), .value("3-5"), .value("6-10"), .value("11-20"),
                                                   .value("21-60"), .value("61+"), .notAnswered, .unreadable])
        XCTAssertEqual(counts(delay), [1, 1, 2, 0, 1, 0, 1, 0, 1])
        XCTAssertEqual(labels(delay).first, "immédiat (0 min)")
        XCTAssertEqual(labels(delay, .en)[2], "3–5 min")
        XCTAssertEqual(labels(delay)[6], "plus de 60 min")
    }

    func testOnlyDecryptedRecordsCountAndDesksAndBundlesAreListed() {
        var records = F.sample
        records.append(F.record(F.answers(city: "Lille", date: "2026-03"), status: .corrupt))
        records.append(F.record(F.answers(city: "Lille", date: "2026-03"), status: .duplicate))
        records.append(F.record(F.answers(city: "Lille", date: "2026-03"), status: .otherKey))
        let stats = Statistics(records: records, form: form)
        XCTAssertEqual(stats.testimonies, 5)
        XCTAssertEqual(stats.unverified, 1)
        XCTAssertEqual(stats.bundles, ["desk-a.tmn", "desk-b.tmn"])
        XCTAssertEqual(stats.desks.map(\.fingerprint), ["DESK-AAAA", "DESK-BBBB"])
        XCTAssertEqual(stats.desks.map(\.testimonies), [3, 2])
        XCTAssertEqual(stats.series.map(\.breakdown.fieldID), ["check_date", "city", "forces", "device_kind", "face_photo",
                                                              "photo_consent", "result_shown", "result_delay", "outcome"],
                       "the charted fields of the questionnaire, in its order")
        XCTAssertFalse(labels(stats.series("city")).contains("Lille"))
    }

    func testTypedAnswersCountLikeDecryptedOnes() {
        let typed = F.sample.map { record -> DecryptedRecord in
            var record = record
            record.payload.answers = try! form.decodeAnswers(fromJSON: JSONEncoder().encode(record.payload.answers), today: nil).get()
            return record
        }
        XCTAssertEqual(typed[0].payload.answers["face_photo"], .yesno(.yes))
        XCTAssertEqual(Statistics(records: typed, form: form).series, Statistics(records: F.sample, form: form).series)
    }

    func testChoiceIDsUnknownToTheQuestionnaireAreCountedUnderTheirID() {
        let records = [F.record(F.answers(city: "Paris", date: "2026-03", ["outcome": .choice("expelled")]))]
        let outcome = Statistics(records: records, form: form).series("outcome")
        XCTAssertEqual(outcome?.buckets.first?.label, Localized(fr: "expelled", en: "expelled"))
        XCTAssertEqual(outcome?.buckets.first?.count, 1)
    }

    func testPercentagesAreOfTheTestimoniesToWhichTheQuestionApplied() throws {
        let stats = Statistics(records: F.sample, form: form)
        let forces = try XCTUnwrap(stats.series("forces"))
        XCTAssertEqual(forces.asked, 5)
        XCTAssertEqual(forces.percent(CountBucket(key: .value("police_nationale"), label: Localized(fr: "", en: ""), count: 2)), 40)
        // Consent for the photo is asked only of the 3 people photographed: 2 of them were not asked, 67 %, not 40 %.
        let consent = try XCTUnwrap(stats.series("photo_consent"))
        XCTAssertEqual(consent.testimonies, 5)
        XCTAssertEqual(consent.asked, 3)
        let notAsked = try XCTUnwrap(consent.buckets.first { $0.key == .value("not_asked") })
        XCTAssertEqual(try XCTUnwrap(consent.percent(notAsked)), 200.0 / 3, accuracy: 0.001)
        XCTAssertNil(consent.percent(try XCTUnwrap(consent.buckets.first { $0.key == .notAsked })), "did not apply has no share")
        XCTAssertEqual(consent.notes.first?.fr, "Pourcentages parmi les 3 témoignages où la question était posée (sur 5) ; " +
                       "elle ne l'est que si « Les agents ont-ils pris votre visage en photo ? » = oui.")
        XCTAssertEqual(consent.notes.last?.en, "Caution: fewer than 30 answers (3); a percentage may change a lot with one more testimony.")
        XCTAssertTrue(forces.notes.contains(StatisticsLabels.multipleNote), "a multichoice says its percentages do not add up")
        XCTAssertFalse(try XCTUnwrap(stats.series("face_photo")).notes.contains(StatisticsLabels.multipleNote))
        XCTAssertEqual(try XCTUnwrap(stats.series("face_photo")).notes.first?.fr, "Pourcentages sur 5 témoignages.",
                       "a question asked of everyone (after consent) has a plain denominator")
        let empty = CountSeries(breakdown: Breakdown.of("forces", in: form)!, buckets: [], testimonies: 0)
        XCTAssertNil(empty.percent(CountBucket(key: .value("bac"), label: Localized(fr: "", en: ""), count: 0)))
    }

    func testNoSmallCountCautionFromThirtyAnswers() {
        let records = (0..<30).map { F.record(F.answers(city: "Lyon", date: "2026-03"), receipt: "R\($0)") }
        let city = Statistics(records: records, form: form).series("city")!
        XCTAssertFalse(city.isSmall)
        XCTAssertEqual(city.notes, [StatisticsLabels.denominator(asked: 30, of: 30, when: nil)])
        XCTAssertTrue(Statistics(records: Array(records.prefix(29)), form: form).series("city")!.isSmall)
    }

    // MARK: Filter

    private func receipts(_ filter: Filter) -> [String] {
        Statistics.selection(of: F.sample, form: form, filter: filter).map(\.payload.receipt)
    }

    func testFreeTextSearchIgnoresCaseAndAccentsAndNeedsEveryWord() {
        XCTAssertEqual(receipts(Filter(text: "saint-etienne")), ["RD3E-5PQA"])
        XCTAssertEqual(receipts(Filter(text: "GARE maubeuge")), ["P9XC-3LMN"])
        XCTAssertEqual(receipts(Filter(text: "gare lyon")), [])
        XCTAssertEqual(receipts(Filter(text: "reconnaissance FACIALE")), ["K7QF-29XM"])
        XCTAssertEqual(receipts(Filter(text: "  ")).count, 5)
    }

    func testSearchFindsChoiceLabelsDatesAndReceipts() {
        XCTAssertEqual(receipts(Filter(text: "anti-criminalite")), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(receipts(Filter(text: "garde à vue")), ["M2ZK-7WQR"])
        XCTAssertEqual(receipts(Filter(text: "tablet")), ["H4TB-CW8N"])
        XCTAssertEqual(receipts(Filter(text: "janvier 2026")), ["K7QF-29XM", "P9XC-3LMN"])
        XCTAssertEqual(receipts(Filter(text: "rd3e-5pqa")), ["RD3E-5PQA"])
        var changed = Filter(text: "gare lyon")
        changed.text = "tablet"
        XCTAssertEqual(receipts(changed), ["H4TB-CW8N"], "the words searched follow the text")
    }

    func testFieldConditions() {
        func only(_ conditions: Filter.Condition...) -> [String] { receipts(Filter(conditions: conditions)) }
        XCTAssertEqual(only(.init(fieldID: "forces", test: .includes("bac"))), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(only(.init(fieldID: "forces", test: .equals("BAC"))), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(only(.init(fieldID: "city", test: .equals("paris"))), ["K7QF-29XM", "H4TB-CW8N", "P9XC-3LMN"])
        XCTAssertEqual(only(.init(fieldID: "city", test: .equals("Saint-Etienne"))), ["RD3E-5PQA"])
        XCTAssertEqual(only(.init(fieldID: "place", test: .includes("nord"))), ["P9XC-3LMN"])
        XCTAssertEqual(only(.init(fieldID: "check_date", test: .equals("2026-03"))), ["H4TB-CW8N", "RD3E-5PQA", "M2ZK-7WQR"])
        XCTAssertEqual(only(.init(fieldID: "check_date", test: .equals("2026-01-12"))), ["K7QF-29XM"])
        XCTAssertEqual(only(.init(fieldID: "result_delay", test: .equals("90"))), ["M2ZK-7WQR"])
        XCTAssertEqual(only(.init(fieldID: "forces", test: .answered(false))), ["P9XC-3LMN"])
        XCTAssertEqual(only(.init(fieldID: "face_photo", test: .equals("yes")), .init(fieldID: "city", test: .equals("Paris"))),
                       ["K7QF-29XM", "H4TB-CW8N"])
    }

    func testSelectingABarKeepsExactlyTheTestimoniesItCounts() {
        let stats = Statistics(records: F.sample, form: form)
        for series in stats.series {
            for bucket in series.buckets {
                let filter = Filter(conditions: [Filter.Condition(series, bucket: bucket.key)])
                XCTAssertEqual(Statistics(records: F.sample, form: form, filter: filter).testimonies, bucket.count,
                               "\(series.breakdown.fieldID) \(bucket.key)")
            }
        }
    }

    func testStatisticsFollowTheFilter() {
        let filter = Filter(text: "paris", conditions: [Filter.Condition(fieldID: "forces", test: .includes("bac"))])
        let stats = Statistics(records: F.sample, form: form, filter: filter)
        XCTAssertEqual(stats.testimonies, 2)
        XCTAssertEqual(stats.series("device_kind")?.count(.value("tablet")), 1)
        XCTAssertEqual(stats.series("device_kind")?.count(.value("police_terminal")), 0)
    }

    func testFilterSummaryReadsInBothLanguages() {
        let filter = Filter(text: " gare  nord ", conditions: [Filter.Condition(fieldID: "forces", test: .equals("bac"))])
        XCTAssertEqual(filter.summary(form: form).fr, "recherche « gare nord » · Quelles forces de l'ordre étaient là ? = BAC (brigade anti-criminalité)")
        XCTAssertEqual(filter.summary(form: form).en, "search “gare nord” · Which police forces were there? = BAC (anti-crime squad)")
        XCTAssertTrue(Filter().isEmpty)
        XCTAssertFalse(filter.isEmpty)
    }
}
