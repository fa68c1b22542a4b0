import Foundation
import TemoinCrypto
@testable import TemoinFormat
import TemoinTestSupport
import XCTest

/// Seeded mutation fuzzing of the file stream reader (issue 14, Docs/RELIABILITY.md "Fuzzing"): valid streams
/// changed by one to three mutations drawn at random — bit flips, cuts, bytes added or removed, chunks
/// swapped, repeated, dropped or taken from another stream, header fields, the record's size and the stream
/// length it is opened with — each of which must be refused with an `EvidenceStreamError`, never accepted,
/// never a crash. 20,000 executions in `make test`; 1,000,000 in `make campaign` (`TEMOIN_CAMPAIGN=full`).
final class EvidenceStreamMutationTests: XCTestCase {
    /// A valid stream and what its record says.
    private struct Base {
        let stream: [UInt8]
        let sealed: SealedEvidence
        var chunkStarts: [Int] {
            Array(stride(from: EvidenceStream.headerLength, to: stream.count, by: EvidenceStream.chunkLength + SecretStream.overhead))
        }
    }


    private enum Mutation: CaseIterable {
        case flip, cut, append, insert, delete, swapChunks, repeatChunk, dropChunk, foreignChunk, header, size, streamLength
    }

    private func seal(_ size: Int, random: RandomSource) throws -> Base {
        let content = random.bytes(size)
        var position = 0, stream: [UInt8] = []
        let sealed = try EvidenceStream.seal(size: size, random: random, read: { buffer in
            let n = min(buffer.count, size - position)
            content.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
            position += n
            return n
        }, write: { stream += $0 })
        return Base(stream: stream, sealed: sealed)
    }

    /// Opens `stream` as the record of `base` with `size` and `streamLength`; true when it was accepted.
    private func accepts(_ stream: [UInt8], _ base: Base, size: Int, streamLength: Int) throws -> Bool {
        var position = 0
        do {
            try EvidenceStream.open(id: base.sealed.id, key: base.sealed.key, size: size, sha256: base.sealed.sha256, streamLength: streamLength,
                                    read: { buffer in
                                        guard position + buffer.count <= stream.count else { throw EvidenceStreamError.malformed("cut") }
                                        stream.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + buffer.count])) }
                                        position += buffer.count
                                    }, write: { _ in })
            return true
        } catch is EvidenceStreamError {
            return false
        }
    }

    /// Applies `mutation` to `stream` (or the size and length the record gives); false when it had nothing to change.
    private func apply(_ mutation: Mutation, to stream: inout [UInt8], size: inout Int, streamLength: inout Int,
                       base: Base, other: Base, mixer: inout SeededRandom) -> Bool {
        let starts = Array(base.chunkStarts.filter { $0 < stream.count })
        let full = EvidenceStream.chunkLength + SecretStream.overhead
        func chunk(_ i: Int, of bytes: [UInt8]) -> Range<Int> { starts[i]..<min(starts[i] + full, bytes.count) }
        switch mutation {
        case .flip:
            guard !stream.isEmpty else { return false }
            stream[mixer.below(stream.count)] ^= UInt8(1 + mixer.below(255))
        case .cut:
            guard !stream.isEmpty else { return false }
            stream.removeLast(1 + mixer.below(stream.count))
            streamLength = mixer.below(2) == 0 ? stream.count : streamLength   // told the new length, or the old one
        case .append:
            stream += (0...mixer.below(64)).map { _ in UInt8(truncatingIfNeeded: mixer.next()) }
            streamLength = stream.count   // bytes past the length the record gives are not part of the stream
        case .insert:
            stream.insert(UInt8(truncatingIfNeeded: mixer.next()), at: mixer.below(stream.count + 1))
            streamLength = mixer.below(2) == 0 ? stream.count : streamLength
        case .delete:
            guard !stream.isEmpty else { return false }
            let at = mixer.below(stream.count)
            stream.removeSubrange(at..<min(stream.count, at + 1 + mixer.below(32)))
            streamLength = mixer.below(2) == 0 ? stream.count : streamLength
        case .swapChunks:
            guard starts.count >= 2 else { return false }
            let i = mixer.below(starts.count), j = (i + 1 + mixer.below(starts.count - 1)) % starts.count
            let (a, b) = (Array(stream[chunk(i, of: stream)]), Array(stream[chunk(j, of: stream)]))
            var rebuilt = Array(stream[..<starts[0]])
            for k in starts.indices { rebuilt += k == i ? b : k == j ? a : Array(stream[chunk(k, of: stream)]) }
            stream = rebuilt
            streamLength = stream.count
        case .repeatChunk:
            guard !starts.isEmpty else { return false }
            let copy = Array(stream[chunk(mixer.below(starts.count), of: stream)])
            if starts.count >= 2, mixer.below(2) == 0 {   // in place of another chunk
                let k = mixer.below(starts.count)
                stream.replaceSubrange(chunk(k, of: stream), with: copy)
            } else {   // inserted before a chunk, or at the end
                let at = mixer.below(starts.count + 1)
                stream.insert(contentsOf: copy, at: at == starts.count ? stream.count : starts[at])
            }
            streamLength = stream.count
        case .dropChunk:
            guard !starts.isEmpty else { return false }
            stream.removeSubrange(chunk(mixer.below(starts.count), of: stream))
            streamLength = stream.count
        case .foreignChunk:   // the same place in another stream under another key
            guard !starts.isEmpty else { return false }
            let k = mixer.below(starts.count)
            let range = chunk(k, of: stream)
            guard range.upperBound <= other.stream.count else { return false }
            stream.replaceSubrange(range, with: other.stream[range])
        case .header:
            switch mixer.below(4) {
            case 0: stream.replaceSubrange(0..<min(stream.count, EvidenceStream.headerLength), with: other.stream[0..<EvidenceStream.headerLength])
            case 1: guard stream.count > 4 else { return false }; stream[4] = UInt8(truncatingIfNeeded: 2 + mixer.below(254))
            case 2: guard stream.count > 20 else { return false }; stream[5 + mixer.below(16)] ^= UInt8(1 + mixer.below(255))
            default: guard stream.count >= EvidenceStream.headerLength else { return false }; stream[21 + mixer.below(24)] ^= UInt8(1 + mixer.below(255))
            }
        case .size:
            let delta = [1, 2, 17, 4096, 65536, 1 << 20][mixer.below(6)]
            size = mixer.below(2) == 0 ? size &+ delta : max(0, size &- delta)
            if mixer.below(8) == 0 { size = [0, -1, Int.max, EvidenceStream.maximumSize][mixer.below(4)] }
        case .streamLength:
            let delta = [1, 16, 17, 18, 4096, 65553][mixer.below(6)]
            streamLength = mixer.below(2) == 0 ? streamLength &+ delta : streamLength &- delta
            if mixer.below(8) == 0 { streamLength = [0, -1, Int.max, Int.min][mixer.below(4)] }
        }
        return true
    }

    func testEveryMutationOfAValidStreamIsRefused() throws {
        let random = TestSeed.random(for: self)
        var mixer = SeededRandom(seed: UInt64(random.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }))
        let executions = ProcessInfo.processInfo.environment["TEMOIN_CAMPAIGN"] == "full" ? 1_000_000 : 20_000
        // One chunk (most executions: cheap), two chunks and three chunks, each with a twin under another key.
        let bases = try [3000, 70_000, 140_000].map { (try seal($0, random: random), try seal($0, random: random)) }
        var counts: [String: Int] = [:]
        var identity = 0
        for execution in 0..<executions {
            let pick = mixer.below(16)
            let (base, other) = bases[pick < 13 ? 0 : pick < 15 ? 1 : 2]
            var stream = base.stream, size = base.sealed.size, streamLength = base.stream.count
            var applied: [Mutation] = []
            for _ in 0...mixer.below(3) {
                let mutation = Mutation.allCases[mixer.below(Mutation.allCases.count)]
                if apply(mutation, to: &stream, size: &size, streamLength: &streamLength, base: base, other: other, mixer: &mixer) {
                    applied.append(mutation)
                }
            }
            // The reader reads the stream length the record gives: bytes past it are not part of the stream.
            let read = streamLength >= 0 && streamLength <= stream.count ? Array(stream[..<streamLength]) : stream
            if read == base.stream && size == base.sealed.size && streamLength == base.stream.count {
                identity += 1   // mutations that cancel out (a byte flipped back, bytes appended then not given): it must still open
                XCTAssertTrue(try accepts(stream, base, size: size, streamLength: streamLength), "execution \(execution): the valid stream was refused")
                continue
            }
            for mutation in applied { counts["\(mutation)", default: 0] += 1 }
            if try accepts(stream, base, size: size, streamLength: streamLength) {
                XCTFail("execution \(execution): a stream changed by \(applied) was accepted")
                break
            }
        }
        let figures = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("CAMPAIGN stream-mutation: \(executions) executions, \(executions - identity) mutated streams all refused (\(identity) mutations cancelled out, opened); \(figures)")
    }
}
