import Foundation
@testable import TemoinAnalysis
import TemoinForms
@testable import TemoinVault
import XCTest

/// The JSON Lines writer against `JSONEncoder`, the reference it replaces for speed.
final class JSONLineTests: XCTestCase {
    private let awkward = "« guillemets » \"quotes\" back\\slash / slash\nnew line\r\ttab \u{0}\u{1}\u{1f}\u{7f} 漢字 👍🏽 e\u{301} \u{2028}"

    private func record(_ text: String) -> DecryptedRecord {
        let answers: Answers = [
            "account": .text(text), "city": .text("Saint-Denis"), "forces": .choices(["bac", text]), "officer_count": .number(-3),
            "consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(year: 2026, month: 2, day: nil)),
            "check_time": .time(TimeOfDay(hour: 18, minute: 30)), text: .text("clé bizarre"),
        ]
        let payload = RecordPayload(record: "8005c22b677c1a1b371ca74d623bedfb", receipt: "3JC6-YDLW", desk: "RF8G-X5GJ-QW8N-DACD-XW9T",
                                    form: .init(id: "temoin-reconnaissance-faciale", version: 1), sealedAt: "2026-03-14T14:53:20Z", answers: answers)
        return DecryptedRecord(status: .ok, bundle: "bundle \(text).tmn", deskName: text, deskFingerprint: "RF8G-X5GJ-QW8N-DACD-XW9T", payload: payload)
    }

    /// What `JSONEncoder` wrote before: the same keys, sorted.
    private func reference(_ record: DecryptedRecord) throws -> Data {
        struct Line: Encodable {
            var status: String, receipt: String, record: String, desk: String, desk_name: String, bundle: String
            var form: RecordPayload.FormReference, sealed_at: String, answers: Answers
        }
        let p = record.payload
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Line(status: record.status.rawValue, receipt: p.receipt, record: p.record, desk: record.deskFingerprint,
                                       desk_name: record.deskName, bundle: record.bundle, form: p.form, sealed_at: p.sealedAt, answers: p.answers))
    }

    func testPlainTextIsByteForByteWhatJSONEncoderWrites() throws {
        let line = JSONLineWriter.line(record("Récit ordinaire, avec des accents : à Paris, 18 h 30."))
        XCTAssertEqual(line, try reference(record("Récit ordinaire, avec des accents : à Paris, 18 h 30.")) + Data("\n".utf8))
    }

    func testAwkwardTextParsesToWhatJSONEncoderWrites() throws {
        let line = JSONLineWriter.line(record(awkward))
        XCTAssertEqual(line.last, UInt8(ascii: "\n"))
        XCTAssertFalse(line.dropLast().contains(UInt8(ascii: "\n")), "one line per testimony")
        let parsed = try JSONSerialization.jsonObject(with: line) as! NSDictionary
        let expected = try JSONSerialization.jsonObject(with: reference(record(awkward))) as! NSDictionary
        XCTAssertEqual(parsed, expected)
        XCTAssertEqual((parsed["answers"] as? [String: Any])?["account"] as? String, awkward)
    }
}
