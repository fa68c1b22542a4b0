import Foundation
import TemoinCrypto
import TemoinStorage

/// The cleartext header of a bundle.
public struct BundleHeader: Sendable, Equatable {
    /// The Ed25519 public key of the desk that signed the bundle.
    public var deskPublicKey: [UInt8]
    /// The desk's name, as its volunteers typed it; read from a bundle, with `replacingControlCharacters()`.
    public var deskName: String
    /// A random id, unique per export.
    public var bundleID: [UInt8]
    /// Export time, in seconds since 1970 (UTC).
    public var createdAt: UInt64
    /// How many records follow.
    public var recordCount: Int
    /// How many evidence file streams follow the records (always 0 in a version 2 bundle).
    public var fileCount: Int = 0
    /// The format version: 2 (records only, still read) or 3 (records and files, written).
    public var version: UInt8 = BundleFormat.version

    /// The desk fingerprint to compare by phone.
    public var deskFingerprint: String { KeyIdentity.fingerprint(of: deskPublicKey) }
}

/// Byte-level constants of the bundle format (Docs/FORMAT.md).
public enum BundleFormat {
    public static let magic: [UInt8] = Array("TMNB".utf8)
    public static let manifestMagic: [UInt8] = Array("TMNM".utf8)
    /// The version written: 3, which carries evidence files. Version 2 (records only) is still read.
    public static let version = BundleProblem.currentVersion
    /// The versions read: 2, written before evidence files, and 3.
    public static let readableVersions: ClosedRange<UInt8> = 2...3
    public static let maximumRecords = 10_000_000
    /// The most evidence files a bundle carries.
    public static let maximumFiles = 10_000_000
    /// One manifest entry: record id (16) ‖ BLAKE2b-32 of the envelope.
    public static let entryLength = RecordEnvelope.recordIDLength + 32
    /// One file entry of a version 3 manifest: file id (16) ‖ stream length (`u64`) ‖ SHA-256 of the stream.
    public static let fileEntryLength = EvidenceStream.idLength + 8 + 32
    public static let signatureLength = 64

    /// The signature context of a version: `temoin-bundle-v2` or `temoin-bundle-v3`.
    public static func signatureContext(version: UInt8) -> [UInt8] { Array("temoin-bundle-v\(version)".utf8) }

    /// The manifest's length for `count` records and `files` files: magic, count, entries, and in version 3
    /// the file count and file entries.
    public static func manifestLength(records count: Int, files: Int = 0, version: UInt8 = version) -> Int {
        8 + count * entryLength + (version >= 3 ? 4 + files * fileEntryLength : 0)
    }

    /// The message the desk signs: the context string, then BLAKE2b-512 of the header and the manifest.
    ///
    /// `manifest` is given a function to pass it to, whole or in pieces, in order.
    public static func signedMessage(version: UInt8 = version, header: [UInt8], manifest: ((UnsafeRawBufferPointer) -> Void) throws -> Void) rethrows -> [UInt8] {
        let hash = Blake2b(outputLength: 64)
        hash.update(header)
        try manifest { hash.update($0) }
        return signatureContext(version: version) + hash.finish()
    }

    /// The manifest's hash of an envelope.
    public static func hash(of envelope: RecordEnvelope) -> [UInt8] { Blake2b.hash(envelope.bytes, outputLength: 32) }
}

/// Writes a bundle (version 3) as a stream: header, records, file streams, manifest, signature.
public final class BundleWriter {
    private let sink: FileSink
    private let desk: DeskSecrets
    private let header: [UInt8]
    private var entries: [UInt8] = []
    private var fileEntries: [UInt8] = []
    private let expected: Int, expectedFiles: Int
    private var count = 0, files = 0

    /// Starts a bundle of `recordCount` records and `fileCount` evidence files in `sink`.
    public init(sink: FileSink, desk: DeskSecrets, deskName: String, bundleID: [UInt8], createdAt: UInt64, recordCount: Int, fileCount: Int = 0) throws {
        self.sink = sink
        self.desk = desk
        expected = recordCount
        expectedFiles = fileCount
        var w = ByteWriter()
        w.append(BundleFormat.magic); w.u8(BundleFormat.version)
        w.append(desk.publicKey); w.append(bundleID); w.u64(createdAt); w.string16(deskName); w.u32(UInt32(recordCount))
        w.u32(UInt32(fileCount))
        header = w.bytes
        try sink.write(header)
    }

    /// Appends the stream of evidence file `id` (after every record), `length` bytes that `copy` writes into
    /// the sink it is given, listed with the hash `copy` returns, its SHA-256; returns where the stream starts
    /// in the file.
    ///
    /// The bytes are not hashed here: the bundle must be read back and verified before it is published
    /// (`BundleReader.read`), and that read-back proves each stream against its hash (Docs/PERFORMANCE.md,
    /// "Evidence files"), so a file damaged in the vault, or on its way into the bundle, never leaves in one.
    @discardableResult
    public func appendFile(id: [UInt8], length: Int, copy: (FileSink) throws -> [UInt8]) throws -> Int {
        precondition(count == expected, "files come after every record")
        precondition(files < expectedFiles, "more files than announced")
        var w = ByteWriter()
        w.u64(UInt64(length))
        try sink.write(w.bytes)
        let start = sink.position
        let hash = try copy(sink)
        precondition(sink.position - start == length, "the copy wrote another length than the stream's")
        var entry = ByteWriter()
        entry.append(id); entry.u64(UInt64(length)); entry.append(hash)
        fileEntries += entry.bytes
        files += 1
        return start
    }

    /// Appends one sealed record.
    public func append(_ envelope: RecordEnvelope) throws {
        precondition(count < expected, "more records than announced")
        var w = ByteWriter()
        w.u32(UInt32(envelope.bytes.count))
        try sink.write(w.bytes)
        try sink.write(envelope.bytes)
        entries += envelope.recordID + BundleFormat.hash(of: envelope)
        count += 1
    }

    /// Writes the manifest and the signature, and flushes them (the sink stays open; publishing syncs it).
    public func finish() throws {
        precondition(count == expected && files == expectedFiles, "fewer records or files than announced")
        var w = ByteWriter()
        w.append(BundleFormat.manifestMagic); w.u32(UInt32(count)); w.append(entries)
        w.u32(UInt32(files)); w.append(fileEntries)
        try sink.write(w.bytes)
        try sink.write(desk.sign(BundleFormat.signedMessage(header: header) { w.bytes.withUnsafeBytes($0) }))
        try sink.flush()
    }
}

/// A bundle's header and its record list, the desk's signature over both checked: what proves each
/// record of the bundle on its own.
public struct BundleManifest: Sendable {
    /// The bundle header.
    public let header: BundleHeader
    /// Per record, in bundle order, `entryLength` bytes each: record id (16) ‖ BLAKE2b-32 of the envelope
    /// (32), or the record id alone when the hashes were not kept (`BundleRecordReader(path:keepsHashes:)`).
    public let entries: [UInt8]
    /// 48 with the hashes, 16 without.
    public let entryLength: Int
    /// Where the records lie in the file: from the end of the header to the first file stream (version 3)
    /// or the manifest.
    public let records: Range<Int>
    /// The evidence files the desk listed, in bundle order, each with where its stream lies (none in version 2).
    public let files: [BundleFileEntry]
    /// BLAKE2b-64 of the header and the manifest, the digest the desk signed: it names this bundle's
    /// content, so that two bundles with the same id can be told apart (`TeamInbox`).
    public let signedDigest: [UInt8]

    /// The record ids, in bundle order.
    public var recordIDs: [[UInt8]] { (0..<header.recordCount).map { Array(recordID(at: $0)) } }

    /// The file size in bytes.
    public var byteCount: Int {
        (files.last.map { $0.offset + $0.length } ?? records.upperBound)
            + BundleFormat.manifestLength(records: header.recordCount, files: files.count, version: header.version) + BundleFormat.signatureLength
    }

    /// The file entry of file `id`, if the bundle carries it.
    public func file(id: [UInt8]) -> BundleFileEntry? { files.first { $0.id == id } }

    /// The id of record `index` (from 0).
    public func recordID(at index: Int) -> ArraySlice<UInt8> {
        entries[index * entryLength..<index * entryLength + RecordEnvelope.recordIDLength]
    }

    /// The signed BLAKE2b-32 of record `index` (from 0); nil when the hashes were not kept.
    public func envelopeHash(at index: Int) -> ArraySlice<UInt8>? {
        guard entryLength == BundleFormat.entryLength else { return nil }
        let entry = index * entryLength
        return entries[entry + RecordEnvelope.recordIDLength..<entry + BundleFormat.entryLength]
    }

    /// Whether `envelope` is record `index` (from 0) as the desk signed it: same id, same hash.
    ///
    /// Hashes the whole envelope: callers reading many records spread these calls across cores. Traps on a
    /// manifest read without its hashes (`BundleRecordReader(path:keepsHashes:)`).
    public func proves(_ envelope: RecordEnvelope, at index: Int) -> Bool {
        precondition(entryLength == BundleFormat.entryLength, "the record hashes were not kept")
        let hash = index * entryLength + RecordEnvelope.recordIDLength
        return lists(envelope, at: index)
            && entries.withUnsafeBytes { Blake2b.hash(envelope.bytes, is: UnsafeRawBufferPointer(rebasing: $0[hash..<hash + 32])) }
    }

    /// Whether `envelope` has the id of record `index` (from 0): the check left when its hash was checked before.
    ///
    /// Compared with `memcmp`, as `proves` compares the hash: done for every record decrypted.
    public func lists(_ envelope: RecordEnvelope, at index: Int) -> Bool {
        let length = RecordEnvelope.recordIDLength, id = envelope.recordID
        guard id.count == length, index >= 0, (index + 1) * entryLength <= entries.count else { return false }
        return entries.withUnsafeBytes { entries in
            id.withUnsafeBytes { id in
                guard let list = entries.baseAddress, let id = id.baseAddress else { return false }
                return memcmp(list + index * entryLength, id, length) == 0
            }
        }
    }

    fileprivate func proves(_ envelope: RecordEnvelope, at index: Int, hash: [UInt8]) -> Bool {
        precondition(entryLength == BundleFormat.entryLength, "the record hashes were not kept")
        let entry = index * entryLength
        return lists(envelope, at: index)
            && entries[entry + RecordEnvelope.recordIDLength..<entry + BundleFormat.entryLength].elementsEqual(hash)
    }
}

/// One evidence file of a version 3 bundle, as its signed manifest lists it.
public struct BundleFileEntry: Sendable, Equatable {
    /// The file id (16 bytes), also at the start of its stream.
    public let id: [UInt8]
    /// The stream's length in bytes.
    public let length: Int
    /// SHA-256 of the stream.
    public let hash: [UInt8]
    /// Where the stream starts in the bundle (after its `u64` length).
    public let offset: Int

    /// The entry of the stream of file `id`, `length` bytes of SHA-256 `hash`, starting at `offset`: what the
    /// desk's export says it proved (`BundleReader.read(_:proven:visit:)`); a reader takes entries from a manifest.
    @_spi(ExportReadBack) public init(id: [UInt8], length: Int, hash: [UInt8], offset: Int) {
        (self.id, self.length, self.hash, self.offset) = (id, length, hash, offset)
    }
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

/// Reads bundles: whole, for import and verification, or record by record, for decryption.
public enum BundleReader {
    /// Verifies the whole bundle at `path` — signature, structure, every record against the manifest, every
    /// file stream against its hash — calling `visit` for each record in order, and throws `VaultError.bundle`
    /// at the first failure. Each record handed to `visit` is proven; the bundle is whole only once this
    /// returns without throwing.
    @discardableResult
    public static func read(_ path: String, visit: (RecordEnvelope) throws -> Void = { _ in }) throws -> BundleManifest {
        try read(path, proven: [], visit: visit)
    }

    /// Verifies the bundle as `read(_:visit:)` does, except the hash of the file streams `proven`: those whose
    /// bytes the caller has already compared with bytes of their listed hash (the desk's export, which compares
    /// what it wrote with the vault's stream it hashed). Each is still placed, and its length prefix and id
    /// checked. Only an entry identical to the list's (id, length, hash and place) counts.
    ///
    /// Skipping a hash is a trust decision that only the desk's read-back of its own export may make: behind
    /// `@_spi(ExportReadBack)`, so that a reader of bundles from elsewhere (import, verify, decrypt) cannot
    /// reach it without naming it in its imports.
    @_spi(ExportReadBack) @discardableResult
    public static func read(_ path: String, proven: [BundleFileEntry], visit: (RecordEnvelope) throws -> Void = { _ in }) throws -> BundleManifest {
        let bundle = try BundleRecordReader(path: path)
        let manifest = bundle.manifest
        var index = 0
        // Records wait in a window until their hashes are computed on every core, then are proven and visited in order.
        var window: [RecordEnvelope] = []
        func drain() throws {
            for (envelope, hash) in zip(window, EnvelopeHashes(window).values) {
                guard manifest.proves(envelope, at: index, hash: hash) else {
                    throw VaultError.bundle(.manifestMismatch("record \(index + 1) is not the one the desk listed"))
                }
                try visit(envelope)
                index += 1
            }
            window.removeAll(keepingCapacity: true)
        }
        while let envelope = try bundle.next() {
            window.append(envelope)
            if window.count == EnvelopeHashes.window { try drain() }
        }
        try drain()
        try bundle.verifyFiles(proven: proven)
        return manifest
    }

    /// A record id found twice in `entries` (`entryLength` bytes each, starting with the id), if any.
    fileprivate static func repeatedID(in entries: [UInt8], entryLength: Int) -> [UInt8]? {
        let length = RecordEnvelope.recordIDLength
        return entries.withUnsafeBytes { raw in
            let starts = stride(from: 0, to: raw.count, by: entryLength)
            func id(at start: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[start..<start + length]) }
            // Ids are random: the first 8 bytes of two of them almost never match, and a set of those words
            // (hashed with the process's random seed, so a bundle cannot be made to fill one bucket) is quick.
            // Whole ids are sorted only when two words match: a repeat, or a bundle made to look like one.
            var prefixes = Set<UInt64>(minimumCapacity: raw.count / entryLength), prefixRepeats = false
            for start in starts where !prefixes.insert(raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)).inserted {
                prefixRepeats = true
                break
            }
            guard prefixRepeats else { return nil }
            let order = starts.sorted { id(at: $0).lexicographicallyPrecedes(id(at: $1)) }
            return zip(order, order.dropFirst()).first { id(at: $0).elementsEqual(id(at: $1)) }.map { Array(id(at: $0.0)) }
        }
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

/// The manifest hashes of a window of envelopes, computed on every core.
private struct EnvelopeHashes {
    /// Envelopes per window: enough to keep the cores busy, few enough to stay small in memory.
    static let window = 64

    /// The hashes, in the order of the envelopes.
    let values: [[UInt8]]

    init(_ envelopes: [RecordEnvelope]) {
        let slots = Slots(count: envelopes.count)
        DispatchQueue.concurrentPerform(iterations: envelopes.count) { i in
            slots.values[i] = BundleFormat.hash(of: envelopes[i])
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

/// A bundle opened to be read record by record: its header read and its signed manifest checked
/// first (the manifest lies at a known distance from the end of the file), so that each record can
/// be proven on its own as soon as it is read (`BundleManifest.proves(_:at:)`).
public final class BundleRecordReader {
    /// The checked header and record list.
    public let manifest: BundleManifest
    private let source: FileSource
    /// The offset of the next byte of `source`.
    private var offset: Int
    private var index = 0

    /// Opens `path`: reads the header, the record list and the signature, and checks them.
    ///
    /// Throws `VaultError.bundle` when they do not hold: the bundle as a whole proves nothing. Without
    /// `keepsHashes`, only the record ids are kept (16 bytes per record instead of 48): enough to check
    /// each record by id (`BundleManifest.lists`), not to prove it by its hash.
    public convenience init(path: String, keepsHashes: Bool = true) throws {
        try self.init(path: path, keepsHashes: keepsHashes, entriesPerRead: (1 << 20) / BundleFormat.entryLength)
    }

    /// The same, reading the record list `entriesPerRead` entries at a time.
    public init(path: String, keepsHashes: Bool, entriesPerRead: Int) throws {
        let source = try FileSource(path: path)
        self.source = source
        let (header, headerBytes) = try Self.readHeader(source)
        offset = headerBytes.count
        let count = header.recordCount, version = header.version
        let manifestLength = BundleFormat.manifestLength(records: count, files: header.fileCount, version: version)
        let manifestStart = try source.size() - BundleFormat.signatureLength - manifestLength
        let cutOrExtended = VaultError.bundle(.truncated("its length does not fit its \(count) records and their list: it was cut or extended"))
        guard manifestStart >= offset else { throw cutOrExtended }
        let head = try source.read(at: manifestStart, 8, "record list")
        guard head.starts(with: BundleFormat.manifestMagic) else { throw cutOrExtended }
        var listHead = ByteReader(head, offset: 4)
        guard Int(try listHead.u32("record list")) == count else {
            throw VaultError.bundle(.manifestMismatch("it names a different number of records"))
        }
        // The entries are read in slices, each hashed for the signature and only what is kept copied out:
        // opening a bundle never holds its list twice.
        let entryLength = keepsHashes ? BundleFormat.entryLength : RecordEnvelope.recordIDLength
        var entries: [UInt8] = []
        entries.reserveCapacity(count * entryLength)
        var fileList: [UInt8] = []
        let message = try BundleFormat.signedMessage(version: version, header: headerBytes) { hash in
            head.withUnsafeBytes(hash)
            for first in stride(from: 0, to: count, by: entriesPerRead) {
                let slice = try source.read(at: manifestStart + 8 + first * BundleFormat.entryLength,
                                            min(entriesPerRead, count - first) * BundleFormat.entryLength, "record list")
                slice.withUnsafeBytes(hash)
                entries += keepsHashes ? slice : Self.recordIDs(of: slice)
            }
            if version >= 3 {
                fileList = try source.read(at: manifestStart + 8 + count * BundleFormat.entryLength,
                                           4 + header.fileCount * BundleFormat.fileEntryLength, "file list")
                fileList.withUnsafeBytes(hash)
            }
        }
        let signature = try source.read(at: manifestStart + manifestLength, BundleFormat.signatureLength, "signature")
        guard Signature.verify(signature, message: message, publicKey: header.deskPublicKey) else { throw VaultError.bundle(.badSignature) }
        if let repeated = BundleReader.repeatedID(in: entries, entryLength: entryLength) {
            throw VaultError.bundle(.manifestMismatch("record \(Hex.encode(repeated)) appears twice"))
        }
        let (files, recordsEnd) = try Self.fileEntries(fileList, count: header.fileCount, end: manifestStart, after: offset)
        manifest = BundleManifest(header: header, entries: entries, entryLength: entryLength, records: offset..<recordsEnd, files: files,
                                  signedDigest: Array(message.dropFirst(BundleFormat.signatureContext(version: version).count)))
    }

    /// The signed file list (`u32` count, then the entries) as entries placed in the file: the streams lie
    /// end to end, each after its `u64` length, and end where the manifest starts at `end`. Returns them and
    /// where the records end; throws when the list names a file twice or its lengths cannot fit.
    private static func fileEntries(_ list: [UInt8], count: Int, end: Int, after start: Int) throws -> ([BundleFileEntry], Int) {
        guard !list.isEmpty else { return ([], end) }
        var r = ByteReader(list)
        guard Int(try r.u32("file list")) == count else { throw VaultError.bundle(.manifestMismatch("it names a different number of files")) }
        var raw: [(id: [UInt8], length: Int, hash: [UInt8])] = []
        var total = 0, seen = Set<[UInt8]>()
        for _ in 0..<count {
            let id = try r.take(EvidenceStream.idLength, "file list")
            let length = try r.u64("file list")
            guard length <= UInt64(EvidenceStream.streamLength(size: EvidenceStream.maximumSize)), EvidenceStream.paddedLength(streamLength: Int(length)) != nil else {
                throw VaultError.bundle(.malformed("file \(Hex.encode(id)) has an impossible length"))
            }
            guard seen.insert(id).inserted else { throw VaultError.bundle(.manifestMismatch("file \(Hex.encode(id)) appears twice")) }
            raw.append((id, Int(length), try r.take(32, "file list")))
            total += 8 + Int(length)
            guard total <= end - start else {
                throw VaultError.bundle(.truncated("its length does not fit the files it lists: it was cut or extended"))
            }
        }
        var offset = end - total
        let entries = raw.map { file in
            defer { offset += 8 + file.length }
            return BundleFileEntry(id: file.id, length: file.length, hash: file.hash, offset: offset + 8)
        }
        return (entries, end - total)
    }

    /// Checks every file stream after the records, in order: its length prefix, the file id at its start and
    /// its SHA-256 against the signed list, except the hash of the streams `proven` (see
    /// `BundleReader.read`). Call it after `next()` returned nil; memory stays constant whatever the file sizes.
    func verifyFiles(proven: [BundleFileEntry]) throws {
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { piece.deallocate() }
        for (index, file) in manifest.files.enumerated() {
            let what = "file \(index + 1) of \(manifest.files.count)"
            var prefix = ByteReader(try source.read(at: file.offset - 8, 8, what))
            guard Int(exactly: try prefix.u64(what)) == file.length else { throw VaultError.bundle(.malformed("\(what) has a length its list does not give")) }
            let head = try source.read(at: file.offset, min(file.length, 5 + EvidenceStream.idLength), what)
            guard head.count == 5 + EvidenceStream.idLength, head[5...].elementsEqual(file.id) else {
                throw VaultError.bundle(.manifestMismatch("\(what) is not file \(Hex.encode(file.id)) the desk listed"))
            }
            guard !proven.contains(file) else { continue }
            let sha = SHA256()
            var done = 0
            while done < file.length {
                let slice = UnsafeMutableRawBufferPointer(rebasing: piece[0..<min(piece.count, file.length - done)])
                try source.read(at: file.offset + done, into: slice, what)
                sha.update(UnsafeRawBufferPointer(slice))
                done += slice.count
            }
            guard sha.finish() == file.hash else {
                throw VaultError.bundle(.manifestMismatch("\(what) (\(Hex.encode(file.id))) is not the one the desk listed: altered or damaged"))
            }
        }
    }

    /// Fills `buffer` with the stream of `file` from `offset` bytes into it (random access: the reading
    /// position of `next()` stays where it is), without an array per piece: a large file is read in slabs
    /// into one reused buffer.
    public func readFile(_ file: BundleFileEntry, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        precondition(offset >= 0 && offset + buffer.count <= file.length)
        try source.read(at: file.offset + offset, into: buffer, "file \(Hex.encode(file.id))")
    }

    /// The record ids of manifest `entries` (`BundleFormat.entryLength` bytes each), end to end.
    private static func recordIDs(of entries: [UInt8]) -> [UInt8] {
        let length = RecordEnvelope.recordIDLength, count = entries.count / BundleFormat.entryLength
        return entries.withUnsafeBytes { raw in
            [UInt8](unsafeUninitializedCapacity: count * length) { ids, initialized in
                for index in 0..<count {
                    UnsafeMutableRawPointer(ids.baseAddress! + index * length).copyMemory(from: raw.baseAddress! + index * BundleFormat.entryLength, byteCount: length)
                }
                initialized = count * length
            }
        }
    }

    /// The next record, structurally valid but not yet proven; nil after the last one.
    ///
    /// Throws `VaultError.bundle` when a record's structure is broken or the records do not end where the
    /// manifest starts: the records before stay proven, the ones after cannot be found.
    public func next() throws -> RecordEnvelope? {
        let count = manifest.header.recordCount, end = manifest.records.upperBound
        guard index < count else {
            guard offset == end else { throw VaultError.bundle(.malformed("unexpected bytes after the last record")) }
            return nil
        }
        let position = index + 1
        func what() -> String { "record \(position) of \(count)" }
        guard offset + 4 <= end else { throw VaultError.bundle(.truncated("it ends inside the \(what())")) }
        let length = Int(try source.readU32(what()))
        guard length <= RecordEnvelope.maximumLength else { throw VaultError.bundle(.malformed("\(what()) has an absurd length")) }
        guard offset + 4 + length <= end else { throw VaultError.bundle(.truncated("it ends inside the \(what())")) }
        let bytes = try source.read(length, what())
        offset += 4 + length
        index += 1
        do { return try RecordEnvelope(bytes: bytes) } catch { throw VaultError.bundle(.malformed("\(what()): \(error)")) }
    }

    /// Reads the header; returns it and its bytes (which the signature covers).
    private static func readHeader(_ source: FileSource) throws -> (BundleHeader, [UInt8]) {
        var bytes: [UInt8] = []
        func take(_ n: Int) throws -> [UInt8] {
            let taken = try source.read(n, "header")
            bytes += taken
            return taken
        }
        let magic: [UInt8]
        do { magic = try take(5) } catch VaultError.bundle(.truncated) { throw VaultError.bundle(.notABundle) }
        guard Array(magic[0..<4]) == BundleFormat.magic else { throw VaultError.bundle(.notABundle) }
        let version = magic[4]
        guard BundleFormat.readableVersions.contains(version) else { throw VaultError.bundle(.unsupportedVersion(Int(version))) }
        let deskKey = try take(32)
        let bundleID = try take(16)
        var r = ByteReader(try take(10))
        let createdAt = try r.u64("time")
        let nameLength = Int(try r.u16("name"))
        guard let name = String(validating: try take(nameLength), as: UTF8.self) else { throw VaultError.bundle(.malformed("desk name is not UTF-8")) }
        let deskName = name.replacingControlCharacters()
        r = ByteReader(try take(4))
        let count = Int(try r.u32("count"))
        guard count <= BundleFormat.maximumRecords else { throw VaultError.bundle(.malformed("absurd record count \(count)")) }
        var files = 0
        if version >= 3 {
            r = ByteReader(try take(4))
            files = Int(try r.u32("file count"))
            guard files <= BundleFormat.maximumFiles else { throw VaultError.bundle(.malformed("absurd file count \(files)")) }
        }
        let header = BundleHeader(deskPublicKey: deskKey, deskName: deskName, bundleID: bundleID, createdAt: createdAt, recordCount: count,
                                  fileCount: files, version: version)
        return (header, bytes)
    }
}
