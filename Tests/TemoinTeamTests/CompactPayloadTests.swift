import Foundation
@testable import TemoinTeam
import TemoinFormat
import TemoinForms
import TemoinTestSupport
import XCTest

/// The inbox cache's compact form of a payload (`CompactPayload`) gives back every part of it, and bytes
/// that are not a whole one are refused, never read in part.
final class CompactPayloadTests: XCTestCase {
    /// Texts that test lengths (one and several length bytes), escapes JSON would need, accents and
    /// scalars outside the Basic Multilingual Plane.
    private func text(_ random: inout SeededRandom) -> String {
        let pieces = ["", "a", "Récit", "\"guillemets\"", "ligne\nsuivante", "tab\there", "😀", "ﬁ", "e\u{301}", "\u{0}", "Œuvre 20e", "\\"]
        let repeats = [1, 2, 40, 300][random.below(4)]
        return (0..<random.below(4)).map { _ in String(repeating: pieces[random.below(pieces.count)], count: repeats) }.joined()
    }

    private func integer(_ random: inout SeededRandom) -> Int {
        [0, 1, -1, 127, 128, Int.max, Int.min, Int(truncatingIfNeeded: random.next())][random.below(8)]
    }

    /// An answer of kind `kind` (0…9 covers every case of `AnswerValue`, both kinds of approximate time).
    private func answer(_ kind: Int, _ random: inout SeededRandom) -> AnswerValue {
        switch kind {
        case 0: .text(text(&random))
        case 1: .choice(text(&random))
        case 2: .choices((0..<random.below(5)).map { _ in text(&random) })
        case 3: .yesno(YesNo.allCases[random.below(YesNo.allCases.count)])
        case 4: .number(integer(&random))
        case 5: .date(ApproximateDate(year: integer(&random), month: random.below(14), day: random.below(2) == 0 ? nil : integer(&random)))
        case 6: .time(TimeOfDay(hour: integer(&random), minute: random.below(70)))
        case 7: .approximateTime(.around(TimeOfDay(hour: random.below(30), minute: integer(&random))))
        default: .approximateTime(.period(DayPeriod.allCases[random.below(DayPeriod.allCases.count)]))
        }
    }

    private func file(_ random: inout SeededRandom) -> EvidenceFile {
        func part() -> String? { random.below(2) == 0 ? nil : text(&random) }
        let capture = random.below(2) == 0 ? nil : CaptureMetadata(time: part(), latitude: part(), longitude: part(), make: part(), model: part())
        return EvidenceFile(field: text(&random), id: text(&random), key: text(&random), name: text(&random), sha256: text(&random),
                            size: integer(&random), type: text(&random), capture: capture)
    }

    private func payload(_ random: inout SeededRandom) -> RecordPayload {
        var answers = Answers()
        for index in 0..<random.below(24) { answers["field_\(index)_" + text(&random)] = answer(random.below(9), &random) }
        let files: [EvidenceFile]? = [nil, [], [file(&random)], [file(&random), file(&random)]][random.below(4)]
        return RecordPayload(format: text(&random), version: integer(&random), record: text(&random), receipt: text(&random), desk: text(&random),
                             form: RecordPayload.FormReference(id: text(&random), version: integer(&random)), sealedAt: text(&random),
                             answers: answers, files: files)
    }

    private func assertSame(_ read: RecordPayload, _ written: RecordPayload, _ context: String) {
        XCTAssertEqual(read.format, written.format, context)
        XCTAssertEqual(read.version, written.version, context)
        XCTAssertEqual(read.record, written.record, context)
        XCTAssertEqual(read.receipt, written.receipt, context)
        XCTAssertEqual(read.desk, written.desk, context)
        XCTAssertEqual(read.form, written.form, context)
        XCTAssertEqual(read.sealedAt, written.sealedAt, context)
        XCTAssertEqual(read.answers, written.answers, context)
        XCTAssertEqual(read.files, written.files, context)
    }

    func testEveryPartOfEveryKindOfAnswerComesBack() throws {
        var random = SeededRandom.printed("CompactPayloadTests")
        var kinds = Set<Int>()
        for round in 0..<300 {
            var written = payload(&random)
            if round == 0 { written.answers["long"] = .text(String(repeating: "é", count: 40_000)) }   // a length of three bytes
            for value in written.answers.values.values {
                switch value {
                case .text: kinds.insert(0)
                case .choice: kinds.insert(1)
                case .choices: kinds.insert(2)
                case .yesno: kinds.insert(3)
                case .number: kinds.insert(4)
                case .date: kinds.insert(5)
                case .time: kinds.insert(6)
                case .approximateTime(.around): kinds.insert(7)
                case .approximateTime(.period): kinds.insert(8)
                }
            }
            let bytes = CompactPayload.encode(written, after: 7)
            XCTAssertEqual(bytes.first, 7)
            let read = try bytes.dropFirst().withUnsafeBytes { try CompactPayload.decode($0) }
            assertSame(read, written, "round \(round), seed \(random.seed)")
        }
        XCTAssertEqual(kinds.count, 9, "every kind of answer was written, seed \(random.seed)")
    }

    /// What a desk seals, decoded from its JSON, comes back as decoding the JSON gives it.
    func testASealedPayloadComesBackAsItsJSONDecodes() throws {
        let json = Data(#"{"answers":{"account":"Récit \"cité\"\nfin","city":"Lyon","forces":["police_nationale","gendarmerie"],"officer_count":3},"desk":"abcd-efgh","files":[{"capture":{"make":"Apple","time":"2026-03-14T18:30:05"},"field":"photos","id":"00112233445566778899aabbccddeeff","key":"0011223344556677889900112233445566778899001122334455667788990011","name":"IMG_1.jpg","sha256":"0011223344556677889900112233445566778899001122334455667788990011","size":1234,"type":"image/jpeg"}],"form":{"id":"temoin-default","version":2},"format":"temoin-record","receipt":"ABCD-1234","record":"00112233445566778899aabbccddeeff","sealed_at":"2026-03-14T18:30:05Z","version":1}"#.utf8)
        let decoded = try json.withUnsafeBytes { try RecordPayload.decode(json: $0) }
        let read = try CompactPayload.encode(decoded).withUnsafeBytes { try CompactPayload.decode($0) }
        assertSame(read, decoded, "a sealed payload")
        XCTAssertEqual(read.files?.first?.capture?.make, "Apple")
    }

    /// Cut anywhere, or with a byte too many, the bytes are refused (no crash, nothing read in part).
    func testBytesCutShortOrTooLongAreRefused() throws {
        var random = SeededRandom.printed("CompactPayloadTests.cut")
        for round in 0..<20 {
            let bytes = CompactPayload.encode(payload(&random))
            for end in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
                XCTAssertThrowsError(try bytes.prefix(end).withUnsafeBytes { try CompactPayload.decode($0) }, "round \(round), cut at \(end), seed \(random.seed)")
            }
            XCTAssertThrowsError(try (bytes + [0]).withUnsafeBytes { try CompactPayload.decode($0) }, "round \(round), seed \(random.seed)")
        }
    }

    /// A count of answers, files or choices larger than the bytes left could hold is refused before any memory
    /// is reserved for it (a huge count once trapped there).
    func testACountLargerThanTheBytesLeftIsRefused() throws {
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F]   // 2⁶³ − 1 in LEB128
        let head = [UInt8](repeating: 0, count: 6) + [UInt8](repeating: 0, count: 16)   // six empty strings, two integers
        for bytes in [head + huge + [0],             // answers
                      head + [1, 0, 3] + huge + [0],  // one answer, of id "", whose choices
                      head + [0, 1] + huge] {         // files
            XCTAssertThrowsError(try bytes.withUnsafeBytes { try CompactPayload.decode($0) }, "\(bytes)")
        }
    }
}
