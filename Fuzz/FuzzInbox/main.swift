// libFuzzer target: the team inbox's import path, then decryption of what it kept. `make fuzz`; Docs/RELIABILITY.md.
//
// Each input is a short script of imports into a new inbox: bundles signed by one of two desks (the
// harness signs them: the fuzzer picks the bundle id among three, the export time, and the records among
// six envelopes that share three record ids), raw bytes, or the previous file again. Checked: no crash;
// only inbox or bundle errors; an identical re-import changes nothing; and, decrypting the inbox, no record
// id that came with two contents, or whose payload names another desk than the signer, is output `ok`.
import Foundation
import TemoinTeam
import TemoinCrypto
import TemoinFormat
import TemoinStorage

let scratch = (FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/temoin-fuzz-inbox-\(getpid())"
let team = TeamKeyPair(name: "fuzz team")
let desks = [UInt8(1), UInt8(2)].map { seed in
    // Fixed secrets: every run signs the same way.
    try! DeskSecrets(material: SecretBytes(copying: [UInt8](repeating: seed, count: 64)))
}
let bundleIDs: [[UInt8]] = (0..<3).map { [UInt8](repeating: UInt8(0xB0 + $0), count: 16) }
let recordIDs: [[UInt8]] = (0..<3).map { [UInt8](repeating: UInt8(0xA0 + $0), count: 16) }

/// Six envelopes: record `i / 2`, content `i % 2`; the payload names desk 0, except envelope 5 (desk 1).
let envelopes: [RecordEnvelope] = (0..<6).map { index in
    let id = recordIDs[index / 2]
    let json = #"{"answers":{"city":"C\#(index)"},"desk":"\#(desks[index == 5 ? 1 : 0].fingerprint)","form":{"id":"f","version":1},"format":"temoin-record","receipt":"AAAA-BBBB","record":"\#(Hex.encode(id))","sealed_at":"2026-03-14T14:53:20Z","version":1}"#
    return try! RecordEnvelope.seal(payload: SecretBytes(utf8: json), recordID: id, recipients: [team.publicKey])
}

/// A bundle signed by `desk` (Docs/FORMAT.md, "Bundle").
func bundle(desk: DeskSecrets, id: [UInt8], time: UInt64, records: [RecordEnvelope]) -> [UInt8] {
    func be(_ value: UInt64, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(size - 1 - $0))) } }
    let name = Array("Fuzz".utf8)
    let header = Array("TMNB".utf8) + [2] + desk.publicKey + id + be(time, 8) + be(UInt64(name.count), 2) + name + be(UInt64(records.count), 4)
    var body: [UInt8] = [], manifest = Array("TMNM".utf8) + be(UInt64(records.count), 4)
    for envelope in records {
        body += be(UInt64(envelope.bytes.count), 4) + envelope.bytes
        manifest += envelope.recordID + Blake2b.hash(envelope.bytes, outputLength: 32)
    }
    let digest = Blake2b.hash(header + manifest, outputLength: 64)
    return header + body + manifest + desk.sign(Array("temoin-bundle-v2".utf8) + digest)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInbox(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    try? FileManager.default.removeItem(atPath: scratch)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    guard let inbox = try? TeamInbox(directory: scratch) else { fatalError("cannot make an inbox in \(scratch)") }
    var at = 0
    func next() -> UInt8? {
        guard at < input.count else { return nil }
        defer { at += 1 }
        return input[at]
    }
    /// Per record id, the (desk, envelope) contents of the bundles imported.
    var contents: [[UInt8]: Set<[Int]>] = [:]
    var previous: [UInt8]?, previousRecords: [(Int, Int)] = []
    var operations = 0
    while operations < 8, let op = next() {
        operations += 1
        var file: [UInt8], records: [(desk: Int, envelope: Int)] = []
        switch op % 5 {
        case 3:
            let length = Int(next() ?? 0)
            file = Array(input[min(at, input.count)..<min(at + length, input.count)])
            at += length
        case 4:
            guard let previous else { continue }
            file = previous
            records = previousRecords.map { (desk: $0.0, envelope: $0.1) }
        default:
            guard let choice = next(), let time = next(), let count = next() else { continue }
            let desk = Int(choice & 1)
            var chosen: [RecordEnvelope] = []
            for _ in 0..<Int(count % 4) {
                let envelope = Int(next() ?? 0) % envelopes.count
                chosen.append(envelopes[envelope])
                records.append((desk, envelope))
            }
            file = bundle(desk: desks[desk], id: bundleIDs[Int(choice >> 1) % 3], time: UInt64(time), records: chosen)
        }
        let path = scratch + "/in-\(operations).tmn"
        guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { fatalError("cannot write \(path)") }
        let before = (try? inbox.bundles().count) ?? -1
        do {
            let result = try inbox.importBundle(path)
            let after = (try? inbox.bundles().count) ?? -1
            precondition(after == before + (result.outcome == .imported ? 1 : 0), "an import changed the inbox by \(after - before) bundles")
            if result.outcome == .imported {
                for record in records { contents[recordIDs[record.envelope / 2], default: []].insert([record.desk, record.envelope]) }
            }
            if op % 5 == 4 { precondition(result.outcome == .alreadyImported, "the same bundle again was imported anew") }
        } catch is VaultError {
        } catch is InboxError {
        } catch {
            fatalError("unexpected error type: \(error)")
        }
        (previous, previousRecords) = (file, records.map { ($0.desk, $0.envelope) })
    }
    guard let copies = try? inbox.bundlesToRead().accepted else { fatalError("the inbox cannot list its bundles") }
    do {
        _ = try TeamDecryptor(keys: [team]).run(.inbox(copies)) { record in
            guard record.status == .ok, let id = Hex.decode(record.payload.record) else { return }
            precondition((contents[id]?.count ?? 0) == 1, "record \(record.payload.record) output ok with \(contents[id]?.count ?? 0) contents")
            precondition(record.payload.desk == record.deskFingerprint, "a moved record output ok")
        }
    } catch {
        fatalError("decryption failed: \(error)")
    }
    return 0
}
