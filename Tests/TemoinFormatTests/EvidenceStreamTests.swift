import Synchronization
import TemoinCrypto
@testable import TemoinFormat
import XCTest

/// The evidence file stream (Docs/FORMAT.md, "File stream"): round trips of every awkward size, and every
/// way to damage a stream detected before the file would be given its name.
final class EvidenceStreamTests: XCTestCase {
    /// A sealed stream of `content`, and what the record keeps.
    private func seal(_ content: [UInt8], random: RandomSource = SystemRandom()) throws -> (stream: [UInt8], sealed: SealedEvidence) {
        var position = 0, stream: [UInt8] = []
        let sealed = try EvidenceStream.seal(size: content.count, random: random, read: { buffer in
            let n = min(buffer.count, content.count - position, 5000)   // a source that gives short reads
            content.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
            position += n
            return n
        }, write: { stream += $0 })
        return (stream, sealed)
    }

    /// Opens `stream` as the record describes `sealed`; returns the bytes written.
    private func open(_ stream: [UInt8], _ sealed: SealedEvidence, size: Int? = nil) throws -> [UInt8] {
        var out: [UInt8] = []
        try open(stream, sealed, size: size) { out += $0 }
        return out
    }

    /// Opens `stream` as the record describes `sealed`, handing the file to `write`.
    private func open(_ stream: [UInt8], _ sealed: SealedEvidence, size: Int? = nil, write: (UnsafeRawBufferPointer) throws -> Void) throws {
        var position = 0
        try EvidenceStream.open(id: sealed.id, key: sealed.key, size: size ?? sealed.size, sha256: sealed.sha256, streamLength: stream.count,
                                read: { buffer in
                                    guard position + buffer.count <= stream.count else { throw EvidenceStreamError.malformed("cut") }
                                    stream.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + buffer.count])) }
                                    position += buffer.count
                                }, write: write)
    }

    private func content(_ count: Int, _ random: RandomSource) -> [UInt8] { random.bytes(count) }

    func testEveryAwkwardSizeComesBackWholeWithItsHashes() throws {
        let random = TestSeed.random(for: self)
        // Around a slab (16 chunks, hashed on another thread while the next is encrypted) and past two of them.
        let slab = EvidenceStream.slabLength
        for size in [0, 1, 4094, 4095, 4096, 65535, 65536, 65537, 131_071, 131_072, 200_001, slab - 1, slab, slab + 1, 2 * slab + 65_540] {
            let original = content(size, random)
            let (stream, sealed) = try seal(original, random: random)
            XCTAssertEqual(stream.count, EvidenceStream.streamLength(size: size), "size \(size)")
            XCTAssertEqual(sealed.streamLength, stream.count)
            XCTAssertEqual(Array(stream[0..<5]), Array("TMNF".utf8) + [1])
            XCTAssertEqual(Array(stream[5..<21]), sealed.id)
            XCTAssertEqual(sealed.streamHash, SHA256.hash(stream))
            let sha = SHA256()
            original.withUnsafeBytes { sha.update($0) }
            XCTAssertEqual(sealed.sha256, sha.finish())
            XCTAssertEqual(EvidenceStream.paddedLength(streamLength: stream.count), EvidenceStream.paddedLength(size: size))
            XCTAssertEqual(try open(stream, sealed), original, "size \(size)")
        }
    }

    func testSlabsReachWriteWholeAndInOrderPastThePipelinesDepth() throws {
        // More slabs than the opening keeps in flight (each hashed and written on threads of their own), with a
        // write slower than decrypting, so that decrypting waits for slabs to come free again.
        let random = TestSeed.random(for: self)
        let slab = EvidenceStream.slabLength, depth = EvidenceStream.openingDepth
        for size in [depth * slab - 1, depth * slab, depth * slab + 1, (depth + 2) * slab + 12_345] {
            let original = content(size, random)
            let (stream, sealed) = try seal(original, random: random)
            var out: [UInt8] = [], pieces: [Int] = []
            try open(stream, sealed) { piece in
                usleep(2_000)
                out += piece
                pieces.append(piece.count)
            }
            XCTAssertEqual(out, original, "size \(size)")
            XCTAssertEqual(pieces.dropLast(), Array(repeating: slab, count: pieces.count - 1), "whole slabs, then the rest: size \(size)")
        }
    }

    func testAWriteThatFailsIsNeverCalledAgainAndItsErrorIsThrown() throws {
        struct DiskFull: Error {}
        let random = TestSeed.random(for: self)
        let slab = EvidenceStream.slabLength, depth = EvidenceStream.openingDepth
        let (stream, sealed) = try seal(content((depth + 3) * slab, random), random: random)
        for failing in [1, 2, depth + 1] {
            var calls = 0
            XCTAssertThrowsError(try open(stream, sealed) { _ in
                calls += 1
                if calls == failing { throw DiskFull() }
            }, "write \(failing) fails") { XCTAssertTrue($0 is DiskFull, "\($0)") }
            XCTAssertEqual(calls, failing, "never called once it has thrown")
        }
    }

    func testAReadThatFailsIsNeverCalledAgainAndItsErrorIsThrown() throws {
        // Slabs are read one ahead on a thread of their own: a failing read, whichever it is, still ends the
        // opening with its own error, and nothing is read after it, nor after the opening returns.
        struct DiskGone: Error {}
        let random = TestSeed.random(for: self)
        let (stream, sealed) = try seal(content(5 * EvidenceStream.slabLength, random), random: random)
        let reads = 1 + (EvidenceStream.paddedLength(size: sealed.size) + EvidenceStream.slabLength - 1) / EvidenceStream.slabLength
        for failing in [1, 2, 3, reads] {   // the header, the first slab, the first read ahead, the last
            let calls = Mutex(0)
            var position = 0
            XCTAssertThrowsError(try EvidenceStream.open(id: sealed.id, key: sealed.key, size: sealed.size, sha256: sealed.sha256,
                                                         streamLength: stream.count, read: { buffer in
                let call = calls.withLock { $0 += 1; return $0 }
                if call == failing { throw DiskGone() }
                stream.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + buffer.count])) }
                position += buffer.count
            }, write: { _ in }), "read \(failing) fails") { XCTAssertTrue($0 is DiskGone, "\($0)") }
            usleep(20_000)
            XCTAssertEqual(calls.withLock { $0 }, failing, "never called once it has thrown, nor after the opening returned")
        }
    }

    func testAChunkAlteredLateStopsTheWritesAndNoneComesAfterTheThrow() throws {
        let random = TestSeed.random(for: self)
        let slab = EvidenceStream.slabLength, depth = EvidenceStream.openingDepth
        let (stream, sealed) = try seal(content((depth + 3) * slab, random), random: random)
        let chunksPerSlab = slab / EvidenceStream.chunkLength, damaged = (depth + 1) * chunksPerSlab + 3   // in slab depth + 2
        var flipped = stream
        flipped[EvidenceStream.headerLength + (damaged - 1) * (EvidenceStream.chunkLength + SecretStream.overhead) + 100] ^= 0x20
        let returned = Mutex(false), late = Mutex(0)
        var written = 0
        XCTAssertThrowsError(try open(flipped, sealed) { piece in
            usleep(5_000)   // slower than decrypting: slabs wait in the queue when the damaged chunk is found
            if returned.withLock({ $0 }) { late.withLock { $0 += 1 } }
            written += piece.count
        }) { XCTAssertEqual($0 as? EvidenceStreamError, .altered(chunk: damaged)) }
        returned.withLock { $0 = true }
        usleep(50_000)
        XCTAssertEqual(late.withLock { $0 }, 0, "write is never called after open returns")
        XCTAssertLessThanOrEqual(written, (depth + 1) * slab, "the slab holding the damaged chunk is never written")
    }

    func testPaddingHidesTheSizeWithinAPadmeStep() throws {
        XCTAssertEqual(EvidenceStream.streamLength(size: 0), EvidenceStream.streamLength(size: 4095), "every file under 4 KiB looks the same")
        XCTAssertEqual(EvidenceStream.paddedLength(size: 1_000_000), EvidenceStream.paddedLength(size: 1_000_001))
        for size in [5000, 1_000_000, 123_456_789] {
            let padded = EvidenceStream.paddedLength(size: size)
            XCTAssertGreaterThan(padded, size)
            XCTAssertLessThanOrEqual(Double(padded), Double(size + 1) * 1.12, "Padmé adds at most about 12 %")
        }
        XCTAssertNil(EvidenceStream.paddedLength(streamLength: EvidenceStream.headerLength + 17))
        XCTAssertNil(EvidenceStream.paddedLength(streamLength: EvidenceStream.headerLength + 65553 + 10))
        // Lengths a damaged record can give (found by EvidenceStreamMutationTests: these overflowed and trapped).
        for absurd in [Int.max, Int.min, -1, 0, EvidenceStream.streamLength(size: EvidenceStream.maximumSize) + 1] {
            XCTAssertNil(EvidenceStream.paddedLength(streamLength: absurd), "\(absurd)")
        }
        XCTAssertEqual(EvidenceStream.paddedLength(streamLength: EvidenceStream.streamLength(size: EvidenceStream.maximumSize)),
                       EvidenceStream.paddedLength(size: EvidenceStream.maximumSize))
    }

    func testEveryFlippedByteIsDetected() throws {
        let random = TestSeed.random(for: self)
        let (stream, sealed) = try seal(content(3000, random), random: random)
        for index in stream.indices {
            var flipped = stream
            flipped[index] ^= 0x01
            XCTAssertThrowsError(try open(flipped, sealed), "byte \(index)")
        }
    }

    func testEveryTruncationAndAnyByteAddedAreDetected() throws {
        let random = TestSeed.random(for: self)
        let (stream, sealed) = try seal(content(140_000, random), random: random)   // three chunks
        let full = 65536 + 17, start = EvidenceStream.headerLength
        // Every cut at a chunk boundary (the last chunks dropped whole), and cuts inside each part.
        var cuts = [0, 4, 5, 20, start - 1, start, start + 1, start + full - 1, start + full, start + full + 1, start + 2 * full, stream.count - 1]
        cuts += (0..<50).map { _ in Int(random.bytes(4).withUnsafeBytes { $0.load(as: UInt32.self) }) % stream.count }
        for cut in cuts {
            let short = Array(stream.prefix(cut))
            XCTAssertThrowsError(try open(short, sealed), "cut at \(cut)")
        }
        XCTAssertThrowsError(try open(stream + [0], sealed), "a byte appended")
        XCTAssertThrowsError(try open(stream + stream.suffix(full), sealed), "the last chunk repeated")
    }

    func testReorderedDroppedOrForeignChunksAreDetected() throws {
        let random = TestSeed.random(for: self)
        let (stream, sealed) = try seal(content(200_000, random), random: random)   // four chunks
        let full = 65536 + 17, start = EvidenceStream.headerLength
        let head = Array(stream[..<start])
        let chunks = [Array(stream[start..<start + full]), Array(stream[start + full..<start + 2 * full]),
                      Array(stream[start + 2 * full..<start + 3 * full]), Array(stream[(start + 3 * full)...])]
        XCTAssertThrowsError(try open(head + chunks[1] + chunks[0] + chunks[2] + chunks[3], sealed), "first two swapped") {
            XCTAssertEqual($0 as? EvidenceStreamError, .altered(chunk: 1))
        }
        XCTAssertThrowsError(try open(head + chunks[0] + chunks[2] + chunks[1] + chunks[3], sealed), "middle swapped")
        XCTAssertThrowsError(try open(head + chunks[0] + chunks[1] + chunks[1] + chunks[3], sealed), "a chunk repeated in place of another")
        // Another file's stream under this file's header and key: every chunk fails.
        let (other, _) = try seal(content(200_000, random), random: random)
        XCTAssertThrowsError(try open(head + Array(other[start...]), sealed)) { XCTAssertEqual($0 as? EvidenceStreamError, .altered(chunk: 1)) }
        XCTAssertThrowsError(try open(other, sealed)) { XCTAssertEqual($0 as? EvidenceStreamError, .wrongFile) }
    }

    func testAStreamWithoutItsFinalTagIsRefused() throws {
        // Written by hand as a cut-short writer would: every chunk tagged as a message, none final.
        let key = SecretBytes(randomCount: SecretStream.keyLength)
        let id = [UInt8](repeating: 9, count: 16)
        let push = SecretStream(pushingWith: key)
        var plain = [UInt8](repeating: 0x41, count: 10) + [0x80]
        plain += [UInt8](repeating: 0, count: 4096 - plain.count)
        let stream = Array("TMNF".utf8) + [1] + id + push.header + plain.withUnsafeBytes { push.push($0, tag: .message) }
        let sha = SHA256()
        plain.prefix(10).withUnsafeBytes { sha.update($0) }
        let sealed = SealedEvidence(id: id, key: key, size: 10, sha256: sha.finish(), streamLength: stream.count, streamHash: [])
        XCTAssertThrowsError(try open(stream, sealed)) { XCTAssertEqual($0 as? EvidenceStreamError, .missingFinal) }
    }

    /// A stream written by hand from `plain` (the file's `size` bytes, then its padding as given), chunked and
    /// tagged as the desk does, and what the record would say of it.
    private func handMade(_ plain: [UInt8], size: Int, random: RandomSource) -> (stream: [UInt8], sealed: SealedEvidence) {
        let key = SecretBytes(randomCount: SecretStream.keyLength, using: random), id = random.bytes(EvidenceStream.idLength)
        let push = SecretStream(pushingWith: key)
        var stream = Array("TMNF".utf8) + [1] + id + push.header
        for start in stride(from: 0, to: plain.count, by: EvidenceStream.chunkLength) {
            let end = min(plain.count, start + EvidenceStream.chunkLength)
            stream += plain[start..<end].withUnsafeBytes { push.push($0, tag: end == plain.count ? .final : .message) }
        }
        return (stream, SealedEvidence(id: id, key: key, size: size, sha256: SHA256.hash(Array(plain.prefix(size))), streamLength: stream.count, streamHash: []))
    }

    func testAByteOtherThanZeroAnywhereInThePaddingIsRefused() throws {
        // The padding is checked a word at a time: a wrong byte next to the marker, inside a word, at a chunk's
        // end, and in a chunk of padding alone (two chunks and a bit of padding after a 10-byte file).
        let random = TestSeed.random(for: self)
        let size = 10, chunk = EvidenceStream.chunkLength
        var plain = random.bytes(size) + [0x80]
        plain += [UInt8](repeating: 0, count: 2 * chunk + 4096 - plain.count)
        let (intact, sealedIntact) = handMade(plain, size: size, random: random)
        XCTAssertEqual(try open(intact, sealedIntact), Array(plain.prefix(size)))
        for position in [size + 1, size + 2, size + 7, size + 8, size + 13, chunk - 1, chunk, chunk + 5, 2 * chunk - 1, 2 * chunk, plain.count - 1] {
            var damaged = plain
            damaged[position] = 0x01 << (position % 8)
            let (stream, sealed) = handMade(damaged, size: size, random: random)
            XCTAssertThrowsError(try open(stream, sealed), "a byte at \(position)") { XCTAssertEqual($0 as? EvidenceStreamError, .badPadding) }
        }
        var unmarked = plain
        unmarked[size] = 0
        let (stream, sealed) = handMade(unmarked, size: size, random: random)
        XCTAssertThrowsError(try open(stream, sealed), "no 0x80 after the file") { XCTAssertEqual($0 as? EvidenceStreamError, .badPadding) }
    }

    func testTheRecordsSizeAndHashAreChecked() throws {
        let random = TestSeed.random(for: self)
        let (stream, sealed) = try seal(content(5000, random), random: random)
        XCTAssertThrowsError(try open(stream, sealed, size: 4999)) { XCTAssertEqual($0 as? EvidenceStreamError, .badPadding) }
        XCTAssertThrowsError(try open(stream, sealed, size: 5001)) { XCTAssertEqual($0 as? EvidenceStreamError, .badPadding) }
        XCTAssertThrowsError(try open(stream, sealed, size: 1 << 20))
        let other = SealedEvidence(id: sealed.id, key: sealed.key, size: sealed.size, sha256: [UInt8](repeating: 0, count: 32),
                                   streamLength: sealed.streamLength, streamHash: sealed.streamHash)
        XCTAssertThrowsError(try open(stream, other)) { XCTAssertEqual($0 as? EvidenceStreamError, .hashMismatch) }
    }

    func testAFileThatChangesWhileItIsReadIsRefused() throws {
        let grown = [UInt8](repeating: 1, count: 100)
        var position = 0
        XCTAssertThrowsError(try EvidenceStream.seal(size: 50, read: { buffer in
            let n = min(buffer.count, grown.count - position)
            for i in 0..<n { buffer[i] = grown[position + i] }
            position += n
            return n
        }, write: { _ in })) { XCTAssertEqual($0 as? EvidenceStreamError, .changedWhileRead) }
        XCTAssertThrowsError(try EvidenceStream.seal(size: 50, read: { _ in 0 }, write: { _ in })) {
            XCTAssertEqual($0 as? EvidenceStreamError, .changedWhileRead)
        }
    }
}
