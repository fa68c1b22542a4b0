// libFuzzer target: the evidence file stream reader (`EvidenceStream.open`) on arbitrary bytes. `make fuzz`;
// Docs/RELIABILITY.md.
//
// The seeds (Fuzz/corpus/filestream, written by Scripts/fuzz-filestream-seeds.py) are two streams under a fixed
// test key. Every input is opened as the record of the seed whose file id its header names would open it; the
// only inputs that may open are the seeds themselves, byte for byte, and they give their content: any other
// input (a flip, a cut, chunks moved, repeated or dropped, bytes added) must be refused with an
// `EvidenceStreamError`, whatever the fuzzer makes of it.
import Foundation
import TemoinCrypto
import TemoinFormat

/// A seed stream and what its record says.
struct Seed {
    let stream: [UInt8]
    let id: [UInt8]
    let content: [UInt8]
    let sha256: [UInt8]
}

let key = SecretBytes(copying: (0..<32).map { UInt8($0) })

let seeds: [Seed] = [("one-chunk.tmnf", UInt8(0xA0), 3000), ("two-chunks.tmnf", UInt8(0xB0), 70000)].map { name, idByte, size in
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/filestream")
    guard let stream = try? Data(contentsOf: folder.appendingPathComponent(name)) else { fatalError("missing seed \(name): run Scripts/fuzz-filestream-seeds.py") }
    let content = (0..<size).map { UInt8((7 * $0) % 251) }
    let sha = SHA256()
    content.withUnsafeBytes { sha.update($0) }
    return Seed(stream: [UInt8](stream), id: [UInt8](repeating: idByte, count: 16), content: content, sha256: sha.finish())
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let seed = size > 5 && input[5] == 0xB0 ? seeds[1] : seeds[0]
    var position = 0, written: [UInt8] = []
    do {
        try EvidenceStream.open(id: seed.id, key: key, size: seed.content.count, sha256: seed.sha256, streamLength: size, read: { buffer in
            guard position + buffer.count <= size else { throw EvidenceStreamError.malformed("cut") }
            input.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + buffer.count])) }
            position += buffer.count
        }, write: { written += $0 })
        precondition(input == seed.stream, "a stream that is not the seed was accepted")
        precondition(position == size && written == seed.content, "the seed opened to other bytes")
    } catch is EvidenceStreamError {
        precondition(input != seed.stream, "the seed stream was refused")
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
