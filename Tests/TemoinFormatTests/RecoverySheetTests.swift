import TemoinCrypto
import TemoinFormat
import XCTest

final class RecoverySheetTests: XCTestCase {
    func testSheetRoundTripsToTheSameKey() throws {
        let pair = TeamKeyPair(name: "t")
        let lines = RecoverySheet.lines(for: pair.secretKey)
        XCTAssertEqual(lines.count, 7)
        XCTAssertTrue(lines.allSatisfy { $0.range(of: #"^[2-9A-Z]{4}-[2-9A-Z]{4}  [2-9A-Z]{2}$"#, options: .regularExpression) != nil }, "\(lines)")
        let typed = lines.enumerated().map { "  \($0.offset + 1):  \($0.element.lowercased())" }
        let restored = try TeamKeyPair(secretKey: RecoverySheet.secret(from: typed), name: "t")
        XCTAssertEqual(restored.publicKey.fingerprint, pair.publicKey.fingerprint)
    }

    func testEveryMistypedSymbolIsCaughtOnItsLine() throws {
        let lines = RecoverySheet.lines(for: TeamKeyPair(name: "t").secretKey)
        for (number, line) in lines.enumerated() {
            for position in line.indices where line[position] != "-" && line[position] != " " {
                let original = line[position]
                let replacement = ReadableCode.alphabet.first { $0 != original }!
                var typo = line
                typo.replaceSubrange(position...position, with: String(replacement))
                XCTAssertThrowsError(try RecoverySheet.checkLine(typo, number: number), "\(typo) passed")
            }
        }
    }

    func testSwappedLinesAndMissingLinesAreRefused() throws {
        let lines = RecoverySheet.lines(for: TeamKeyPair(name: "t").secretKey)
        var swapped = lines
        swapped.swapAt(0, 1)
        XCTAssertThrowsError(try RecoverySheet.secret(from: swapped))
        XCTAssertThrowsError(try RecoverySheet.secret(from: Array(lines.prefix(6)))) { XCTAssertTrue("\($0)".contains("7 lines")) }
    }
}
