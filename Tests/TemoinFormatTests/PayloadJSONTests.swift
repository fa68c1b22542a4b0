import Foundation
@testable import TemoinFormat
import TemoinForms
import XCTest

/// `RecordPayload.decode(json:)` against `JSONDecoder`, which it replaces on the decryption path.
final class PayloadJSONTests: XCTestCase {
    private let valid = #"""
        {"answers":{"account":"Récit « entre guillemets », \"échappé\" \\ / \n\t\u00e9\ud83d\udc4d","city":"Saint-Denis",
        "forces":["bac","police_nationale"],"officer_count":3,"people_checked":-2,"empty":[]},
        "desk":"RF8G-X5GJ-QW8N-DACD-XW9T","form":{"id":"temoin-reconnaissance-faciale","version":1,"later":[1.5e3,true,null]},
        "format":"temoin-record","receipt":"3JC6-YDLW","record":"8005c22b677c1a1b371ca74d623bedfb",
        "sealed_at":"2026-03-14T14:53:20Z","version":1, "unknown": {"nested": [{"a": false}, 0.25, -0, "x"]} }
        """#

    private func decode(_ text: String) throws -> RecordPayload {
        try Array(text.utf8).withUnsafeBytes { try RecordPayload.decode(json: $0) }
    }

    private func assertSame(_ a: RecordPayload, _ b: RecordPayload, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.format, b.format, file: file, line: line)
        XCTAssertEqual(a.version, b.version, file: file, line: line)
        XCTAssertEqual(a.record, b.record, file: file, line: line)
        XCTAssertEqual(a.receipt, b.receipt, file: file, line: line)
        XCTAssertEqual(a.desk, b.desk, file: file, line: line)
        XCTAssertEqual(a.form, b.form, file: file, line: line)
        XCTAssertEqual(a.sealedAt, b.sealedAt, file: file, line: line)
        XCTAssertEqual(a.answers, b.answers, file: file, line: line)
    }

    func testDecodesWhatJSONDecoderDecodes() throws {
        let reference = try JSONDecoder().decode(RecordPayload.self, from: Data(valid.utf8))
        assertSame(try decode(valid), reference)
        XCTAssertEqual(try decode(valid).answers["account"], .text("Récit « entre guillemets », \"échappé\" \\ / \n\té👍"))
        // What a desk writes: the payload of a sealed record, through JSONEncoder.
        let written = try reference.encoded()
        assertSame(try written.withUnsafeBytes { try RecordPayload.decode(json: $0) }, reference)
    }

    func testRefusesWhatIsNotAValidPayload() {
        let complete = #"{"answers":{},"desk":"D","form":{"id":"f","version":1},"format":"temoin-record","receipt":"R","record":"r","sealed_at":"s","version":1}"#
        XCTAssertNoThrow(try decode(complete))
        func replacing(_ part: String, with other: String) -> String { complete.replacingOccurrences(of: part, with: other) }
        func answers(_ text: String) -> String { replacing(#""answers":{}"#, with: #""answers":"# + text) }
        var broken: [String] = ["", " ", "[]", "null", "\"text\"", complete + "x", complete + "{}", "{", #"{"answers":{}"#]
        broken.append(replacing(#""receipt":"R","#, with: ""))                                  // a key missing
        broken += [#""1""#, "1.5", "01", "99999999999999999999"].map { replacing(#""version":1}"#, with: #""version":"# + $0 + "}") }
        broken += [#"{"a":true}"#, #"{"a":[1]}"#, #"{"a":"x","a":"y"}"#, #"{"a":"x",}"#, #"{'a':"x"}"#, #"{"a":"\x"}"#,
                   #"{"a":"\u12"}"#, #"{"a":"\u+123"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\udc4d"}"#, "{\"a\":\"tab\there\"}",
                   #"{"a":tru}"#, #"{"a":-}"#, #"{"a":1.}"#].map(answers)
        broken.append(answers("{\"x\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"))
        for text in broken {
            XCTAssertThrowsError(try decode(text), text)
        }
        // Invalid UTF-8 in a string without escapes: a bad continuation, a sequence cut short, an overlong form,
        // a surrogate, a byte never used; and valid sequences of two, three and four bytes read back exactly.
        for bytes: [UInt8] in [[0xC3, 0x28], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x41, 0xF0, 0x9F, 0x98]] {
            XCTAssertThrowsError(try [UInt8](complete.utf8).replacing(Array("\"R\"".utf8), with: [0x22] + bytes + [0x22]).withUnsafeBytes {
                try RecordPayload.decode(json: $0)
            }, "invalid UTF-8 \(bytes)")
        }
        for receipt in ["é", "€ 5", "👩🏽‍⚖️", "Saint-Étienne"] {
            XCTAssertEqual(try decode(replacing(#""receipt":"R""#, with: #""receipt":""# + receipt + "\"")).receipt, receipt)
        }
    }
}
