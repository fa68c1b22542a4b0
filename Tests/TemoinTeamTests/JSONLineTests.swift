import Foundation
import TemoinCrypto
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
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
            var status: String, receipt: String, record: String, desk: String, desk_name: String, desk_trust: String, bundle: String
            var form: RecordPayload.FormReference, sealed_at: String, answers: Answers
        }
        let p = record.payload
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Line(status: record.status.rawValue, receipt: p.receipt, record: p.record, desk: record.deskFingerprint,
                                       desk_name: record.deskName, desk_trust: record.deskTrust.rawValue, bundle: record.bundle, form: p.form, sealed_at: p.sealedAt, answers: p.answers))
    }

    func testPlainTextIsByteForByteWhatJSONEncoderWrites() throws {
        let line = JSONLineWriter.line(record("Récit ordinaire, avec des accents : à Paris, 18 h 30."))
        XCTAssertEqual(line, Array(try reference(record("Récit ordinaire, avec des accents : à Paris, 18 h 30."))) + Array("\n".utf8))
    }

    func testAwkwardTextParsesToWhatJSONEncoderWrites() throws {
        let line = JSONLineWriter.line(record(awkward))
        XCTAssertEqual(line.last, UInt8(ascii: "\n"))
        XCTAssertFalse(line.dropLast().contains(UInt8(ascii: "\n")), "one line per testimony")
        let parsed = try JSONSerialization.jsonObject(with: Data(line)) as! NSDictionary
        let expected = try JSONSerialization.jsonObject(with: reference(record(awkward))) as! NSDictionary
        XCTAssertEqual(parsed, expected)
        XCTAssertEqual((parsed["answers"] as? [String: Any])?["account"] as? String, awkward)
    }

    // MARK: Lines copied from canonical payloads

    /// Calls `body` with `json` as an opened record of `record` (the envelope's id).
    private func opened<R>(_ json: Data, record: String = "8005c22b677c1a1b371ca74d623bedfb", headerDesk: String? = "GOLD-DESK",
                           _ body: (OpenedRecord) throws -> R) rethrows -> R {
        try json.withUnsafeBytes { bytes in
            try body(OpenedRecord(status: .ok, bundle: "b \"1\".tmn", deskName: "Desk\n1", headerDeskFingerprint: headerDesk,
                                  recordID: Hex.decode(record)!, payload: bytes))
        }
    }

    func testLinesCopiedFromTheDesksPayloadsAreThoseOfTheDecodedPayloads() throws {
        for text in [awkward, "", "Récit ordinaire.", String(repeating: "é👍🏽\u{1}", count: 300)] {
            var payload = record(text).payload
            payload.answers.values.removeValue(forKey: text)   // field ids are [a-z0-9_]
            payload.answers["z_empty"] = .choices([])
            for (answers, headerDesk) in [(payload.answers, "GOLD-DESK"), (Answers(), nil)] {
                payload.answers = answers
                let json = try payload.encoded()
                try opened(json, headerDesk: headerDesk) { opened in
                    let copied = try XCTUnwrap(JSONLineWriter.line(opened), "the desk's own payload is canonical: \(String(decoding: json, as: UTF8.self))")
                    XCTAssertEqual(copied, JSONLineWriter.line(try opened.decoded()))
                }
            }
        }
    }

    /// Plain ASCII is skipped 8 bytes at a time: a quote, a backslash, a control character or a byte over
    /// 0x7F at any place in such a word is still seen (the line is copied right, or the payload refused).
    func testASpecialByteAnywhereInAWordIsSeen() throws {
        var base = record("Récit").payload
        base.answers.values.removeValue(forKey: "Récit")   // field ids are [a-z0-9_]
        let canonical = try base.encoded()
        let field = Array("\"account\":".utf8), account = Array(canonical).firstRange(of: field + Array("\"Récit\"".utf8))!
        for position in 0..<17 {
            let plain = String(repeating: "a", count: position)
            for special in ["\"", "\\", "\u{1}", "\u{7f}", "é", "👍🏽", "~"] {
                var payload = base
                payload.answers["account"] = .text(plain + special + String(repeating: "b", count: 20))
                try opened(try payload.encoded()) { opened in
                    XCTAssertEqual(JSONLineWriter.line(opened), JSONLineWriter.line(try opened.decoded()), "\(special) after \(position) bytes")
                }
            }
            for raw: UInt8 in [0x0A, 0x1F, 0xC3, 0xFF] {
                var json = Array(canonical)
                json.replaceSubrange(account, with: field + Array("\"\(plain)".utf8) + [raw] + Array("bbbbbbbbbbbbbbbbbbbb\"".utf8))
                try opened(Data(json)) { opened in
                    XCTAssertNil(JSONLineWriter.line(opened), "raw byte \(raw) after \(position) bytes")
                    XCTAssertThrowsError(try opened.decoded(), "raw byte \(raw) after \(position) bytes")
                }
            }
        }
    }

    /// Field ids are checked 8 bytes at a time too: a byte just outside `[a-z0-9_]` at any place of an id
    /// is seen (the payload is not taken for canonical), and the bytes at the edges of the set are taken.
    func testAFieldIDByteOutsideItsSetIsSeenAnywhereInAWord() throws {
        let id = String(repeating: "m", count: 17)
        var base = record("Récit").payload
        base.answers = [id: .text("x")]
        let canonical = Array(try base.encoded()), at = try XCTUnwrap(canonical.firstRange(of: Array("\"\(id)\"".utf8))).lowerBound + 1
        for position in 0..<id.count {
            for byte: UInt8 in [0x30, 0x39, 0x5F, 0x61, 0x7A] {
                var json = canonical
                json[at + position] = byte
                try opened(Data(json)) { opened in
                    let line = try XCTUnwrap(JSONLineWriter.line(opened), "byte \(byte) at \(position)")
                    XCTAssertEqual(line, JSONLineWriter.line(try opened.decoded()), "byte \(byte) at \(position)")
                }
            }
            for byte: UInt8 in [0x00, 0x1F, 0x20, 0x22, 0x2F, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x5E, 0x60, 0x7B, 0x7F, 0x80, 0xB0, 0xDF, 0xE1, 0xFF] {
                var json = canonical
                json[at + position] = byte
                opened(Data(json)) { opened in XCTAssertNil(JSONLineWriter.line(opened), "byte \(byte) at \(position)") }
            }
        }
    }

    func testOtherPayloadsAreDecodedTheSlowWayToTheSameLineOrRefused() throws {
        let canonical = String(decoding: try record("Récit").payload.encoded(), as: UTF8.self)
        let variants = [
            canonical.replacingOccurrences(of: "\"city\":", with: "\"city\" : "),                       // spacing
            canonical.replacingOccurrences(of: "Saint-Denis", with: "Saint-\\u00c9tienne"),              // an escape the writer does not write
            canonical.replacingOccurrences(of: "R\u{e9}cit", with: "R\\/cit"),                            // an escaped slash
            canonical.replacingOccurrences(of: "{\"answers\":{\"account\"", with: "{\"answers\":{\"zz\":1,\"account\""),  // unsorted ids
            canonical.replacingOccurrences(of: "\"city\"", with: "\"City\""),                            // an id not of [a-z0-9_]
            canonical.replacingOccurrences(of: "\"officer_count\":-3", with: "\"officer_count\":-0"),     // not a plain integer
            canonical + " ",
        ]
        for variant in variants {
            try opened(Data(variant.utf8)) { opened in
                XCTAssertNil(JSONLineWriter.line(opened), variant)
                let line = JSONLineWriter.line(try opened.decoded())
                XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(line)), variant)
            }
        }
        let refused = [
            canonical.replacingOccurrences(of: "temoin-record", with: "other-record"),
            canonical.replacingOccurrences(of: "\"version\":1}", with: "\"version\":2}"),
            canonical.replacingOccurrences(of: "\"officer_count\":-3", with: "\"officer_count\":3.5"),
        ]
        for variant in refused {
            try opened(Data(variant.utf8)) { opened in
                XCTAssertNil(JSONLineWriter.line(opened), variant)
                XCTAssertThrowsError(try opened.decoded(), variant) { XCTAssertTrue($0 is DamagedPayload) }
            }
        }
        var invalidUTF8 = Data(canonical.utf8)
        invalidUTF8[invalidUTF8.firstIndex(of: UInt8(ascii: "S"))!] = 0xC3   // "Saint-Denis" → a lone lead byte
        try opened(invalidUTF8) { opened in
            XCTAssertNil(JSONLineWriter.line(opened))
            XCTAssertThrowsError(try opened.decoded())
        }
        try opened(Data(canonical.utf8), record: "00000000000000000000000000000000") { opened in
            XCTAssertNil(JSONLineWriter.line(opened), "a payload sealed under another record id")
            XCTAssertThrowsError(try opened.decoded()) { XCTAssertEqual(($0 as? DamagedPayload)?.detail, "the sealed record id differs from the envelope's") }
        }
    }
}
