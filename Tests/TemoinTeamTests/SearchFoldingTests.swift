import Foundation
@testable import TemoinTeam
import TemoinForms
import TemoinTestSupport
import XCTest

/// The fast folding of `searchKey` gives exactly what Foundation's folding gives.
final class SearchFoldingTests: XCTestCase {
    private func assertFoldsLikeFoundation(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(SearchFolding.fold(text), text.folding(options: SearchFolding.options, locale: nil),
                       "\(text.unicodeScalars.map { String($0.value, radix: 16) })", file: file, line: line)
    }

    func testEveryScalarOfTheTableAloneAndBetweenLetters() {
        for value in 0..<0x250 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            assertFoldsLikeFoundation(character)
            assertFoldsLikeFoundation("Ab" + character + "Cd " + character + "\u{301} e" + character)
        }
    }

    func testTextAcrossScripts() {
        for text in [
            "Je sortais de la GARE vers 18 h 30 ; « c'est bon », m'a-t-il dit — Jaurès, Œuvre, ÆON, Straße",
            "Saint-E\u{301}tienne et Saint-Étienne", "ΣΊΣΥΦΟΣ σοφός", "ＰＡＲＩＳ　２０ｅ", "ﬁnal ﬂic", "İstanbul ıi",
            "Ĳssel ǅemal ǈ", "café\u{0327}\u{0301} \u{301}x", "漢字 カタカナ ｶﾀｶﾅ", "emoji 👩🏽‍⚖️ ok", "\r\n\ttab\u{00A0}nbsp", "",
        ] {
            assertFoldsLikeFoundation(text)
        }
    }

    /// Seeded random strings of the table's scalars, ASCII and a few others, with spaces between words.
    func testRandomMixedText() {
        var generator = SeededRandom(seed: 20261206)
        print("SearchFoldingTests seed 20261206")
        let pool: [UInt32] = Array(0x20..<0x7F) + Array(0xA0..<0x250) + [0x301, 0x327, 0x3A3, 0x3C2, 0xFB01, 0xFF21, 0x3000, 0x1F600]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<24, using: &generator)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in Unicode.Scalar(pool.randomElement(using: &generator)!)! }))
            assertFoldsLikeFoundation(text)
        }
    }

    /// The search texts made for the browser, each answer folded alone and the labels of repeated answers
    /// folded once, are the bytes of `Filter.searchText`: seeded random testimonies whose answers begin
    /// with combining accents, other scripts, spaces of every kind, or are empty.
    func testSearchTextsOfManyTestimoniesAreEachTestimonysSearchText() {
        var random = SeededRandom.printed(name)
        let form = ReportFixtures.form
        let texts = ["Gare du Nord", "\u{301}accent d'abord", "ΣΊΣΥΦΟΣ", " espace\u{00A0}insécable ", "", "\n\t", "ＰＡＲＩＳ", "Œuvre", "\u{327}"]
        let records = (0..<400).map { n -> DecryptedRecord in
            var answers: Answers = ["consent": .text(random.pick(["yes", "no", "unknown"]))]
            if random.chance(0.8) { answers["city"] = .text(random.pick(texts)) }
            if random.chance(0.8) { answers["forces"] = .choices([random.pick(["bac", "crs", "police_nationale"]), random.pick(["gendarmerie", "bac"])]) }
            if random.chance(0.7) { answers["check_date"] = .text(random.pick(["2026-03-14", "2026-03", "bientôt", "\u{301}2026"])) }
            if random.chance(0.5) { answers["device_kind"] = .text(random.pick(["smartphone", "\u{301}", "tablet"])) }
            if random.chance(0.5) { answers["unknown_field"] = .text(random.pick(texts)) }
            if random.chance(0.5) { answers["result_delay"] = .number(random.below(90)) }
            return ReportFixtures.record(answers, receipt: random.chance(0.1) ? "\u{301}R\(n)" : "R\(n)")
        }
        let each = records.map { Filter.searchText(of: $0, form: form) }
        XCTAssertEqual(SearchTexts.of(records, form: form), each, "seed \(random.seed)")
    }
}
