import Foundation
@testable import TemoinTeam
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
}

