// libFuzzer target: record envelopes, their padding and their payload, on arbitrary bytes. `make fuzz`; Docs/RELIABILITY.md.
//
// Anyone holding the team's public key can seal any plaintext to it, so what follows a successful
// decryption (unpadding, the payload JSON and its strict reader) is fuzzed directly as well as the envelope itself.
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeam

/// The golden team key (Tests/Golden, a public test key), so that seed envelopes reach decryption.
let teamKey: TeamKeyPair = {
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Golden")
    let file = try! SecretKeyFile(bytes: [UInt8](Data(contentsOf: golden.appendingPathComponent("team.key"))))
    return try! file.openTeamKey(passphrase: SecretBytes(utf8: "correct horse battery staple"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let envelope = try? RecordEnvelope(bytes: bytes) {
        // What salvage computes from the header alone agrees with the full parse.
        precondition(RecordEnvelope.expectedLength(bytes, at: 0) == size, "expectedLength disagrees with the parser")
        do { _ = try envelope.open(with: [teamKey]) } catch is CryptoError {} catch { fatalError("unexpected error type: \(error)") }
    }
    let plaintext = SecretBytes(copying: bytes)
    if let unpadded = try? Padding.unpad(plaintext) {
        precondition(unpadded.count < size)
        let repadded = Padding.pad(unpadded)
        precondition((try? Padding.unpad(repadded))?.isEqual(to: unpadded) == true, "padding does not round-trip")
    }
    // The strict payload reader of team decrypt agrees with JSONDecoder on whatever it accepts.
    let strict = bytes.withUnsafeBytes { try? RecordPayload.decode(json: $0) }
    let reference = try? JSONDecoder().decode(RecordPayload.self, from: Data(bytes))
    if let strict {
        guard let reference else { fatalError("the strict payload reader accepts what JSONDecoder refuses") }
        precondition(canonical(strict) == canonical(reference), "the strict payload reader and JSONDecoder disagree")
    }
    // A JSON Lines line copied from a canonical payload is the line of the decoded payload; both refuse the same payloads.
    bytes.withUnsafeBytes { json in
        let opened = OpenedRecord(status: .ok, bundle: "b.tmn", deskName: "Desk", headerDeskFingerprint: nil, recordID: Hex.decode(goldenRecordID)!, payload: json)
        let copied = try? lines.encode(opened), decoded = try? lines.encode(opened.decoded())
        precondition(copied == decoded, "a line copied from the payload differs from the decoded payload's")
    }
    return 0
}

/// The golden record's id (the seed payloads carry it).
let goldenRecordID = "8005c22b677c1a1b371ca74d623bedfb"

/// The JSON Lines encoder of `temoin team decrypt`.
let lines = RecordOutput(format: .jsonl, form: try! Questionnaire.builtIn()) { _ in }.encoder

/// A payload as sorted-key JSON, to compare two decodings.
func canonical(_ payload: RecordPayload) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try! encoder.encode(payload)
}
