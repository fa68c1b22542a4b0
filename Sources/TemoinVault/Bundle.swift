import Foundation
import TemoinCrypto

/// The cleartext header of a bundle.
public struct BundleHeader: Sendable, Equatable {
    /// The Ed25519 public key of the desk that signed the bundle.
    public var deskPublicKey: [UInt8]
    /// The desk's name, as its volunteers typed it.
    public var deskName: String
    /// A random id, unique per export.
    public var bundleID: [UInt8]
    /// Export time, in seconds since 1970 (UTC).
    public var createdAt: UInt64
    /// How many records follow.
    public var recordCount: Int

    /// The desk fingerprint to compare by phone.
    public var deskFingerprint: String { KeyIdentity.fingerprint(of: deskPublicKey) }
}

/// Byte-level constants of the bundle format (Docs/FORMAT.md).
enum BundleFormat {
    static let magic: [UInt8] = Array("TMNB".utf8)
    static let manifestMagic: [UInt8] = Array("TMNM".utf8)
    static let version: UInt8 = 1
    static let signatureContext: [UInt8] = Array("temoin-bundle-v1".utf8)
    static let maximumRecords = 10_000_000

    /// The message the desk signs: the context string followed by BLAKE2b-512 of every byte before the signature.
    static func signedMessage(digest: [UInt8]) -> [UInt8] { signatureContext + digest }
}

/// Writes a bundle as a stream: header, records, manifest, signature.
final class BundleWriter {
    private let sink: FileSink
    private let desk: DeskSecrets
    private let hash = Blake2b(outputLength: 64)
    private var manifest: [UInt8] = []
    private let expected: Int
    private var count = 0

    /// Starts a bundle of `recordCount` records in `sink`.
    init(sink: FileSink, desk: DeskSecrets, deskName: String, bundleID: [UInt8], createdAt: UInt64, recordCount: Int) throws {
        self.sink = sink
        self.desk = desk
        expected = recordCount
        var w = ByteWriter()
        w.append(BundleFormat.magic); w.u8(BundleFormat.version)
        w.append(desk.publicKey); w.append(bundleID); w.u64(createdAt); w.string16(deskName); w.u32(UInt32(recordCount))
        try emit(w.bytes)
    }

    private func emit(_ bytes: [UInt8]) throws {
        hash.update(bytes)
        try sink.write(bytes)
    }

    /// Appends one sealed record.
    func append(_ envelope: RecordEnvelope) throws {
        precondition(count < expected, "more records than announced")
        var w = ByteWriter()
        w.u32(UInt32(envelope.bytes.count))
        try emit(w.bytes)
        try emit(envelope.bytes)
        manifest += envelope.recordID + Blake2b.hash(envelope.bytes, outputLength: 32)
        count += 1
    }

    /// Writes the manifest and the signature, then flushes and fsyncs (the sink stays open).
    func finish() throws {
        precondition(count == expected, "fewer records than announced")
        var w = ByteWriter()
        w.append(BundleFormat.manifestMagic); w.u32(UInt32(count)); w.append(manifest)
        try emit(w.bytes)
        let digest = hash.finish()
        try sink.write(desk.sign(BundleFormat.signedMessage(digest: digest)))
        try sink.sync()
    }
}

/// What a verified bundle holds.
public struct BundleSummary: Sendable {
    /// The bundle header.
    public var header: BundleHeader
    /// The record ids, in bundle order.
    public var recordIDs: [[UInt8]] {
        stride(from: 0, to: packedRecordIDs.count, by: RecordEnvelope.recordIDLength).map {
            Array(packedRecordIDs[$0..<$0 + RecordEnvelope.recordIDLength])
        }
    }
    /// The record ids end to end, 16 bytes each: a bundle may hold millions of records.
    let packedRecordIDs: [UInt8]
    /// The file size in bytes.
    public var byteCount: Int
    /// The BLAKE2b-512 of every byte before the signature (what the signature covers).
    let digest: [UInt8]
}

/// A set of record ids kept as two machine words each, without an allocation per id: the sets that
/// grow with the number of records read stay small.
public struct RecordIDSet: Sendable {
    private struct Key: Hashable {
        let high: UInt64
        let low: UInt64

        init(_ id: [UInt8]) {
            precondition(id.count == RecordEnvelope.recordIDLength)
            (high, low) = id.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        }
    }

    private var keys = Set<Key>()

    /// An empty set.
    public init() {}

    /// Adds the 16-byte `id`; returns false when it was already there.
    public mutating func insert(_ id: [UInt8]) -> Bool {
        keys.insert(Key(id)).inserted
    }

    /// Whether the 16-byte `id` is in the set.
    public func contains(_ id: [UInt8]) -> Bool {
        keys.contains(Key(id))
    }
}

/// Reads a bundle as a stream, checking its structure, manifest and signature.
public enum BundleReader {
    /// Reads `path` once, calling `visit` for each record in order, and throws `VaultError.bundle` if
    /// anything fails. Records handed to `visit` are only trustworthy once this returns without throwing.
    @discardableResult
    public static func read(_ path: String, visit: (RecordEnvelope) throws -> Void = { _ in }) throws -> BundleSummary {
        let reader = try BundleStream(path: path)
        let count = reader.header.recordCount
        var ids: [UInt8] = []
        ids.reserveCapacity(min(count, 1 << 20) * RecordEnvelope.recordIDLength)
        let listing = Blake2b(outputLength: 32)
        // Envelopes wait in a window until their BLAKE2b-32 are computed on every core, then are listed and visited in order.
        var window: [RecordEnvelope] = []
        func drain() throws {
            for (envelope, digest) in zip(window, EnvelopeDigests(window).values) {
                listing.update(envelope.recordID)
                listing.update(digest)
                try visit(envelope)
            }
            window.removeAll(keepingCapacity: true)
        }
        for index in 0..<count {
            let envelope = try reader.record(index)
            ids += envelope.recordID
            window.append(envelope)
            if window.count == EnvelopeDigests.window { try drain() }
        }
        try drain()
        if let repeated = firstRepeat(in: ids) { throw VaultError.bundle(.manifestMismatch("record \(Hex.encode(repeated)) appears twice")) }
        guard try reader.take(4, "record list") == BundleFormat.manifestMagic else { throw VaultError.bundle(.manifestMismatch("the record list is missing where it should start")) }
        var r = ByteReader(try reader.take(4, "record list"))
        guard Int(try r.u32("count")) == count else { throw VaultError.bundle(.manifestMismatch("it names a different number of records")) }
        let listed = Blake2b(outputLength: 32)
        for _ in 0..<count { listed.update(try reader.take(48, "record list")) }
        guard listed.finish() == listing.finish() else { throw VaultError.bundle(.manifestMismatch("a record's id or hash differs from the list")) }
        let digest = reader.hash.finish()
        let signature = try reader.source.read(64, "signature")
        guard try reader.source.atEnd() else { throw VaultError.bundle(.malformed("unexpected bytes after the signature")) }
        guard Signature.verify(signature, message: BundleFormat.signedMessage(digest: digest), publicKey: reader.header.deskPublicKey) else {
            throw VaultError.bundle(.badSignature)
        }
        return BundleSummary(header: reader.header, packedRecordIDs: ids, byteCount: reader.total + 64, digest: digest)
    }

    /// Reads again a bundle that `read(_:visit:)` verified, calling `visit` for each record in order, and throws
    /// `VaultError.bundle` if its bytes are no longer those verified.
    ///
    /// The bytes are compared through the BLAKE2b-512 of everything before the signature, the digest the
    /// signature covers: the manifest is not checked again and no record id is kept. As with `read`,
    /// records handed to `visit` are only trustworthy once this returns without throwing.
    public static func reread(_ path: String, verified: BundleSummary, visit: (RecordEnvelope) throws -> Void) throws {
        let changed = VaultError.bundle(.manifestMismatch("the bundle changed since it was verified"))
        let reader = try BundleStream(path: path)
        guard reader.header == verified.header else { throw changed }
        for index in 0..<reader.header.recordCount { try visit(try reader.record(index)) }
        while reader.total < verified.byteCount - 64 {
            _ = try reader.take(min(1 << 16, verified.byteCount - 64 - reader.total), "record list")
        }
        guard reader.hash.finish() == verified.digest, try reader.source.read(64, "signature").count == 64, try reader.source.atEnd() else {
            throw changed
        }
    }

    /// The first record id found twice in `ids` (16 bytes each, end to end), if any.
    ///
    /// Sorted once at the end rather than kept in a set while reading: 16 bytes per record at most.
    private static func firstRepeat(in ids: [UInt8]) -> [UInt8]? {
        let length = RecordEnvelope.recordIDLength
        var order = Array(stride(from: 0, to: ids.count, by: length))
        order.sort { ids[$0..<$0 + length].lexicographicallyPrecedes(ids[$1..<$1 + length]) }
        for (a, b) in zip(order, order.dropFirst()) where ids[a..<a + length].elementsEqual(ids[b..<b + length]) {
            return Array(ids[a..<a + length])
        }
        return nil
    }

    /// Recovers every structurally intact record of a damaged bundle, in file order, without any guarantee
    /// of origin: the caller must mark them unverified. Loads the file in memory (a damaged bundle is rare).
    public static func salvage(_ path: String) throws -> [RecordEnvelope] {
        let bytes = try FileSystem.read(path)
        let magic = RecordEnvelope.magicBytes
        var found: [RecordEnvelope] = []
        var seen = Set<[UInt8]>()
        var i = 0
        while i + 5 <= bytes.count {
            guard bytes[i] == magic[0], bytes[i + 1] == magic[1], bytes[i + 2] == magic[2], bytes[i + 3] == magic[3],
                  let length = RecordEnvelope.expectedLength(bytes, at: i), i + length <= bytes.count,
                  let envelope = try? RecordEnvelope(bytes: Array(bytes[i..<i + length])) else { i += 1; continue }
            if seen.insert(envelope.recordID).inserted { found.append(envelope) }
            i += length
        }
        return found
    }
}

/// The BLAKE2b-32 of a window of envelopes (the manifest's hashes), computed on every core.
private struct EnvelopeDigests {
    /// Envelopes per window: enough to keep the cores busy, few enough to stay small in memory.
    static let window = 64

    /// The digests, in the order of the envelopes.
    let values: [[UInt8]]

    init(_ envelopes: [RecordEnvelope]) {
        let slots = Slots(count: envelopes.count)
        DispatchQueue.concurrentPerform(iterations: envelopes.count) { i in
            slots.values[i] = Blake2b.hash(envelopes[i].bytes, outputLength: 32)
        }
        values = Array(slots.values)
    }

    /// One slot per envelope, each written by exactly one worker (raw memory: no exclusive access to an array).
    private final class Slots: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<[UInt8]>
        init(count: Int) { values = .allocate(capacity: count); values.initialize(repeating: []) }
        deinit { values.deinitialize(); values.deallocate() }
    }
}

/// A bundle file read from the start: its header parsed, every byte taken hashed (BLAKE2b-512).
private final class BundleStream {
    let source: FileSource
    let hash = Blake2b(outputLength: 64)
    /// Bytes taken so far.
    private(set) var total = 0
    private(set) var header: BundleHeader!

    /// Opens `path` and reads the header.
    init(path: String) throws {
        source = try FileSource(path: path)
        let magic: [UInt8]
        do { magic = try take(5, "header") } catch { throw VaultError.bundle(.notABundle) }
        guard Array(magic[0..<4]) == BundleFormat.magic else { throw VaultError.bundle(.notABundle) }
        guard magic[4] == BundleFormat.version else { throw VaultError.bundle(.unsupportedVersion(Int(magic[4]))) }
        let deskKey = try take(32, "header")
        let bundleID = try take(16, "header")
        var r = ByteReader(try take(10, "header"))
        let createdAt = try r.u64("time")
        let nameLength = Int(try r.u16("name"))
        let nameBytes = try take(nameLength, "header")
        guard let deskName = String(validating: nameBytes, as: UTF8.self) else { throw VaultError.bundle(.malformed("desk name is not UTF-8")) }
        r = ByteReader(try take(4, "header"))
        let count = Int(try r.u32("count"))
        guard count <= BundleFormat.maximumRecords else { throw VaultError.bundle(.malformed("absurd record count \(count)")) }
        header = BundleHeader(deskPublicKey: deskKey, deskName: deskName, bundleID: bundleID, createdAt: createdAt, recordCount: count)
    }

    /// The next `n` bytes, hashed.
    func take(_ n: Int, _ what: @autoclosure () -> String) throws -> [UInt8] {
        let bytes = try source.read(n, what())
        hash.update(bytes)
        total += n
        return bytes
    }

    /// Record number `index` (from 0): its length, then a structurally valid envelope.
    func record(_ index: Int) throws -> RecordEnvelope {
        let count = header.recordCount
        var r = ByteReader(try take(4, "record \(index + 1) of \(count)"))
        let length = Int(try r.u32("length"))
        guard length <= RecordEnvelope.maximumCiphertextLength + 4096 else { throw VaultError.bundle(.malformed("record \(index + 1) has an absurd length")) }
        let bytes = try take(length, "record \(index + 1) of \(count)")
        do { return try RecordEnvelope(bytes: bytes) } catch { throw VaultError.bundle(.malformed("record \(index + 1): \(error)")) }
    }
}
