import Foundation
import TemoinCrypto
@testable import TemoinFormat
import XCTest

final class RecoverySheetTests: XCTestCase {
    /// The key 00 01 02 … 1f.
    private let countingKey = SecretBytes(copying: (0..<32).map { UInt8($0) })

    /// Docs/FORMAT.md's example, computed by an independent implementation (Python, polynomial long division).
    private let countingSheet = ["222J-62S6  NLC", "2N52-G42B  G6W", "3A7J-S5AG  PZ9", "3WA3-46JM  MJB",
                                 "4JCK-E7SS  N2P", "56F3-Q92X  4M9", "5SHZ-98KE  P6E"]

    /// The lines of the sheet for `key`, without their labels.
    private func lines(_ key: SecretBytes) -> [String] {
        RecoverySheet.printedLines(for: key).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            .split(separator: "\n").map { String($0.split(separator: ":", maxSplits: 1)[1].drop { $0 == " " }) }
    }

    /// A reader holding every line of `sheet` but `skipped` (1–7).
    private func reader(_ sheet: [String], without skipped: Int) throws -> RecoverySheetReader {
        var reader = RecoverySheetReader()
        for (index, line) in sheet.enumerated() where index + 1 != skipped { try reader.add(line, number: index + 1) }
        return reader
    }

    /// The counting key, then keys drawn from a seeded stream (seed printed; replay with TEMOIN_TEST_SEED=N).
    private func keys(_ count: Int) -> [SecretBytes] {
        let random = TestSeed.random(for: self)
        return [countingKey] + (1..<count).map { _ in SecretBytes(randomCount: 32, using: random) }
    }

    func testTheSheetIsPrintedAsDocumented() {
        let printed = RecoverySheet.printedLines(for: countingKey).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(printed, countingSheet.enumerated().map { "    \($0.offset + 1):  \($0.element)\n" }.joined())
    }

    func testSheetRoundTripsToTheSameKey() throws {
        for key in keys(8) {
            let typed = lines(key).enumerated().map { "  \($0.offset + 1):  \($0.element.lowercased())" }
            XCTAssertTrue(try RecoverySheet.secret(from: typed).isEqual(to: key))
            XCTAssertTrue(try RecoverySheet.secret(from: lines(key)).isEqual(to: key), "lines typed without their number")
        }
    }

    /// The code is linear, so a typed word passes exactly when its difference from the printed one is itself a
    /// codeword: checking that no pattern of one or two wrong symbols is a codeword proves, for every key at once,
    /// that every substitution, every swap of two symbols and every wrong line number is caught.
    func testNoErrorOfOneOrTwoSymbolsIsACodeword() {
        let positions = 12                   // the line number, 8 data symbols, 3 check symbols
        func isCodeword(_ word: [UInt8]) -> Bool {
            word.withUnsafeBytes { ReedSolomon.isCodeword(line: Int(word[0]), data: UnsafeRawBufferPointer(rebasing: $0[1...8]),
                                                          check: (word[9], word[10], word[11])) }
        }
        var patterns = 0
        for first in 0..<positions {
            for a in UInt8(1)...31 {
                var single = [UInt8](repeating: 0, count: positions)
                single[first] = a
                XCTAssertFalse(isCodeword(single))
                patterns += 1
                for second in first + 1..<positions {
                    for b in UInt8(1)...31 {
                        var double = single
                        double[second] = b
                        if isCodeword(double) { XCTFail("\(double) is a codeword") }
                        patterns += 1
                    }
                }
            }
        }
        XCTAssertEqual(patterns, 12 * 31 + 66 * 31 * 31)
    }

    func testEveryMistypedSymbolIsCaughtOnItsLine() throws {
        for key in keys(3) {
            let sheet = lines(key)
            for (index, line) in sheet.enumerated() {
                let number = index + 1
                let symbols = Array(line.filter { $0 != "-" && $0 != " " })
                let others = try reader(sheet, without: number)
                for position in symbols.indices {
                    for wrong in ReadableCode.alphabet where wrong != symbols[position] {
                        var typo = symbols
                        typo[position] = wrong
                        var reader = others
                        XCTAssertThrowsError(try reader.add(String(typo), number: number)) {
                            XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [number]))
                        }
                        var alone = RecoverySheetReader()
                        XCTAssertThrowsError(try alone.add(String(typo), number: number), "\(String(typo)) passed as line \(number)")
                    }
                }
            }
        }
    }

    func testEverySwapOfTwoNeighbouringSymbolsIsCaughtOnItsLine() throws {
        for key in keys(3) {
            for (index, line) in lines(key).enumerated() {
                let symbols = Array(line.filter { $0 != "-" && $0 != " " })
                for position in 0..<symbols.count - 1 where symbols[position] != symbols[position + 1] {
                    var swapped = symbols
                    swapped.swapAt(position, position + 1)
                    var reader = RecoverySheetReader()
                    XCTAssertThrowsError(try reader.add(String(swapped), number: index + 1)) {
                        XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [index + 1]))
                    }
                }
            }
        }
    }

    func testALineTypedAsAnotherLineIsCaught() throws {
        for key in keys(3) {
            let sheet = lines(key)
            for (index, line) in sheet.enumerated() {
                for number in 1...RecoverySheet.lineCount where number != index + 1 {
                    var reader = RecoverySheetReader()
                    XCTAssertThrowsError(try reader.add(line, number: number)) {
                        XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [number]))
                    }
                    XCTAssertThrowsError(try reader.add("\(number): \(line)", number: index + 1), "the typed label wins") {
                        XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [number]))
                    }
                }
            }
        }
    }

    func testTheReaderNamesTheLineToTypeAgainAndKeepsTheOthers() throws {
        let sheet = lines(countingKey)
        var reader = RecoverySheetReader()
        try reader.add(sheet[0], number: 1)
        XCTAssertEqual(reader.nextLine, 2)
        XCTAssertThrowsError(try reader.add("222J-62S6  NLC", number: 2)) { XCTAssertEqual("\($0)", "line 2 has a typo: check it again") }
        XCTAssertThrowsError(try reader.add("2N52-G42B  G", number: 2)) { XCTAssertTrue("\($0)".hasPrefix("line 2 has 9 characters instead of 11"), "\($0)") }
        XCTAssertThrowsError(try reader.add("2N52-G4OB  G6W", number: 2)) {
            XCTAssertEqual(($0 as? RecoverySheetError)?.french,
                           "ligne 2 : « O » n'est pas un caractère de la feuille (il n'y a ni 0, ni 1, ni I, ni O) : vérifiez-la")
        }
        XCTAssertThrowsError(try reader.add("9: 2N52-G42B  G6W", number: 2)) { XCTAssertEqual($0 as? RecoverySheetError, .noSuchLine(9)) }
        try reader.add("4: " + sheet[3], number: 2)
        XCTAssertEqual(reader.nextLine, 2, "line 4 typed early is kept; line 2 is still missing")
        for number in [2, 3, 5, 6, 7] { try reader.add(sheet[number - 1], number: number) }
        XCTAssertNil(reader.nextLine)
        XCTAssertTrue(try reader.secret().isEqual(to: countingKey))
    }

    func testFileProblemsAreReportedTogetherByLine() throws {
        var sheet = lines(countingKey)
        sheet[1] = "2N52-G42B  G6X"
        sheet[4] = "4JCK-E7SS  NP2"
        XCTAssertThrowsError(try RecoverySheet.secret(from: sheet)) {
            XCTAssertEqual("\($0)", "lines 2 and 5 have a typo: check them again")
        }
        var swapped = lines(countingKey)
        swapped.swapAt(0, 1)
        XCTAssertThrowsError(try RecoverySheet.secret(from: swapped)) { XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [1, 2])) }
        XCTAssertThrowsError(try RecoverySheet.secret(from: Array(lines(countingKey).prefix(6)))) {
            XCTAssertEqual("\($0)", "a recovery sheet has 7 lines; 6 were found")
        }
        let twice = lines(countingKey).enumerated().map { "\($0.offset == 6 ? 6 : $0.offset + 1): \($0.element)" }
        XCTAssertThrowsError(try RecoverySheet.secret(from: twice)) { XCTAssertEqual($0 as? RecoverySheetError, .repeated(line: 6)) }
    }

    /// A whole printed sheet (headers, fingerprint, instructions) is read as a file.
    func testAPrintedSheetIsReadWithItsHeaders() throws {
        let printed = RecoverySheet.printedLines(for: countingKey).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let text = "TÉMOIN — FEUILLE DE SECOURS / RECOVERY SHEET\n\nEmpreinte / Fingerprint : K7QF-29XM-H4TB-CW8N-RD3E\n"
            + "Pour restaurer / To restore:  temoin team restore --out DOSSIER\n" + printed + "\nAprès restauration…\n"
        XCTAssertTrue(try RecoverySheet.secret(from: text.components(separatedBy: "\n")).isEqual(to: countingKey))
    }

    /// Sheets printed before the Reed–Solomon check (10 symbols a line) stay restorable. The first vector was
    /// printed by the previous release (`temoin team recovery-sheet`, commit 4bcd15a); the second is the
    /// counting key's old sheet, computed by the Python implementation of Docs/FORMAT.md.
    func testOldSheetsAreStillRestored() throws {
        let printedByTheOldRelease = ["1:  HLE3-HQVE  VF", "2:  3GWV-78TT  LQ", "3:  WAHA-8243  6D", "4:  ES3P-4VZA  83",
                                      "5:  LAP2-QVXE  U3", "6:  6DH7-74SD  TL", "7:  9WC4-88HM  MV"]
        let restored = try TeamKeyPair(secretKey: RecoverySheet.secret(from: printedByTheOldRelease), name: "t")
        XCTAssertEqual(restored.publicKey.fingerprint, "APL2-RW5W-EWAT-L7C2-84NW")
        let countingOldSheet = ["222J-62S6  AR", "2N52-G42B  TA", "3A7J-S5AG  K2", "3WA3-46JM  SB",
                                "4JCK-E7SS  X4", "56F3-Q92X  BM", "5SHZ-98KE  LR"]
        var reader = RecoverySheetReader()
        for (index, line) in countingOldSheet.enumerated() { try reader.add(line, number: index + 1) }
        XCTAssertTrue(try reader.secret().isEqual(to: countingKey))
        XCTAssertThrowsError(try reader.add("3A7J-S5AG  K3", number: 3)) { XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [3])) }
    }

    /// A line of the other kind among a sheet's lines is named as soon as it is outnumbered; one against one,
    /// both are named.
    func testLinesOfBothKindsAreNamed() throws {
        var reader = RecoverySheetReader()
        try reader.add("222J-62S6  AR", number: 1)                     // an old sheet's line 1
        XCTAssertThrowsError(try reader.add(countingSheet[1], number: 2)) { XCTAssertEqual($0 as? RecoverySheetError, .disagree(lines: [1, 2])) }
        XCTAssertEqual(reader.nextLine, 1)
        for (index, line) in countingSheet.enumerated().prefix(3) { try reader.add(line, number: index + 1) }
        XCTAssertThrowsError(try reader.add("3WA3-46JM  SB", number: 4)) { XCTAssertEqual($0 as? RecoverySheetError, .typo(lines: [4])) }
        XCTAssertEqual(reader.nextLine, 4)
    }
}
