import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinStorage

/// The team inbox's cache of a whole decryption (Docs/FORMAT.md, "Decryption cache"): what opening every
/// record gave, kept encrypted under `cache/` in the inbox so that the next `team browse`, `stats`,
/// `decrypt` or `report` reads it back instead of opening 100,000 envelopes again.
///
/// It is bound to the team keys that built it and to the inbox's state (the withdrawn records, its bundle
/// files: all of them, or the first ones when bundles were imported since, which are then opened alone).
/// Any other state, key, damage or truncation and it is not used (the records are opened again and the
/// cache written anew). The desks' standing is not kept: it is looked up at each run.
struct InboxCache {
    /// The cache file.
    let path: String
    /// The key of its stream, derived from the team secret keys (never stored).
    let key: SecretBytes
    /// What the run reads: the keys and withdrawn ids, and each bundle file (see `CacheBinding`).
    let binding: CacheBinding
    /// BLAKE2b-256 of the withdrawn ids, in clear after the version (`withdrawalStamp`): what tells a cache that no
    /// reader of this inbox can use any more, whatever its keys (`InboxCacheWriter.sweep`).
    let withdrawal: [UInt8]

    /// The version of the layout and of what a replay assumes of the decryptor; another version is not read.
    static let version: UInt8 = 2
    static let magic = Array("TMNCACHE".utf8)
    /// What the first frame holds before the binding.
    static let label = Array("temoin-inbox-cache".utf8)
    /// The bytes before the secretstream header: magic, version, withdrawal stamp.
    static let clearHeaderLength = magic.count + 1 + 32
    /// Plaintext gathered before a frame is encrypted and written; a frame is read whole.
    static let frameSize = 1 << 20
    /// The largest frame a reader accepts (a record is at most 16 MiB).
    static let maximumFrame = 32 << 20

    /// The cache of a run over `source` with `keys`, leaving out `withdrawn`; nil when there is none to
    /// use: bundles named on the command line, no key, a bundle file that cannot be examined.
    init?(_ source: TeamBundles, keys: [TeamKeyPair], withdrawn: Set<[UInt8]>) {
        guard case .inbox(let copies) = source, !keys.isEmpty else { return nil }
        let sorted = keys.sorted { $0.publicKey.bytes.lexicographicallyPrecedes($1.publicKey.bytes) }
        let scope = Blake2b(outputLength: 32)
        scope.update(Self.label + [Self.version])
        for pair in sorted { scope.update(pair.publicKey.bytes) }
        scope.update(Self.number(UInt64(withdrawn.count)))
        for id in withdrawn.sorted(by: { $0.lexicographicallyPrecedes($1) }) { scope.update(id) }
        var stamps: [[UInt8]] = []
        for bundle in copies.bundles {
            var info = stat()
            guard stat(bundle.path, &info) == 0 else { return nil }
            let stamp = Blake2b(outputLength: 32)
            stamp.update(Array(bundle.path.utf8) + [0])
            for value in [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(bitPattern: Int64(info.st_size)),
                          UInt64(bitPattern: Int64(info.st_mtim.tv_sec)), UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)),
                          UInt64(bitPattern: Int64(info.st_ctim.tv_sec)), UInt64(bitPattern: Int64(info.st_ctim.tv_nsec))] {
                stamp.update(Self.number(value))
            }
            stamps.append(stamp.finish())
        }
        binding = CacheBinding(scope: scope.finish(), stamps: stamps)
        withdrawal = Self.withdrawalStamp(withdrawn)
        let set = Blake2b.hash(sorted.flatMap(\.publicKey.bytes), outputLength: 16)
        path = copies.directory + "/cache/" + Hex.encode(set) + ".cache"
        key = KeyedHash.derive(purpose: "temoin inbox cache v1", from: sorted.map(\.secretKey))
    }

    private static func number(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

    /// `BLAKE2b-256`(`temoin-inbox-withdrawn` ‖ `u64` count ‖ the withdrawn record ids, sorted): the same for
    /// every key set reading one state of the inbox. It tells no more than `inbox.sqlite`, which lists the ids.
    static func withdrawalStamp(_ withdrawn: Set<[UInt8]>) -> [UInt8] {
        let stamp = Blake2b(outputLength: 32)
        stamp.update(Array("temoin-inbox-withdrawn".utf8))
        stamp.update(number(UInt64(withdrawn.count)))
        for id in withdrawn.sorted(by: { $0.lexicographicallyPrecedes($1) }) { stamp.update(id) }
        return stamp.finish()
    }

    /// The cache, checked whole (every frame authentic, in order, the last one marked, built from this
    /// run's keys and withdrawn ids and from all or the first of its bundle files); nil when absent or not
    /// valid for this run.
    func replay() -> InboxCacheReplay? {
        try? InboxCacheReplay(path: path, key: key, binding: binding, withdrawal: withdrawal)
    }

    /// A writer of a new cache for this run; nil when the file cannot be started (a read-only inbox).
    func writer() -> InboxCacheWriter? {
        try? InboxCacheWriter(path: path, key: key, binding: binding, withdrawal: withdrawal)
    }
}

/// What a cache is bound to (its first frame): `scope`, BLAKE2b-256 of the keys' public halves and the
/// withdrawn ids, and a stamp per bundle file read, BLAKE2b-256 of its path and of what `stat` says of it
/// (device, inode, size, modification and change times). A cache whose stamps are the first of this run's
/// holds the bundles imported before the last imports: they are read back, the others opened.
struct CacheBinding: Equatable {
    let scope: [UInt8]
    let stamps: [[UInt8]]

    /// The first frame's plaintext.
    var encoded: [UInt8] {
        var bytes = InboxCache.label + [InboxCache.version] + scope
        bytes.u32(UInt32(stamps.count))
        for stamp in stamps { bytes += stamp }
        return bytes
    }

    /// Reads a first frame; nil when it is not one.
    init?(_ bytes: [UInt8]) {
        let head = InboxCache.label + [InboxCache.version]
        guard bytes.count >= head.count + 36, bytes.starts(with: head) else { return nil }
        var reader = ByteReader(bytes, offset: head.count)
        guard let scope = try? reader.take(32, "scope"), let count = try? reader.u32("bundles"), reader.remaining == Int(count) * 32 else { return nil }
        var stamps: [[UInt8]] = []
        for _ in 0..<Int(count) {
            guard let stamp = try? reader.take(32, "stamp") else { return nil }
            stamps.append(stamp)
        }
        self.init(scope: scope, stamps: stamps)
    }

    init(scope: [UInt8], stamps: [[UInt8]]) {
        (self.scope, self.stamps) = (scope, stamps)
    }
}

/// What opening a record gave, before `prepare`: what the cache keeps of it.
enum RawOutcome {
    /// Opened as `status` (`ok` or `conflict`, before the payload's desk is compared), to this payload
    /// (`CachedPayload`: its form, then its bytes).
    case opened(RecordStatus, [UInt8])
    /// Withdrawn by the witness: not opened.
    case withdrawn
    /// Not opened: not for our keys, damaged, or not the record the signed list has there.
    case failed(Failure)
}

/// A payload as the cache keeps it: a form byte, then the payload decoded (`CompactPayload`), or, when it
/// does not decode, exactly as it opened (read back, it fails the same way, with the same detail).
enum CachedPayload {
    static let json: UInt8 = 1, compact: UInt8 = 2

    /// What the cache keeps of `json`, which decodes to `decoded` (nil when it does not).
    static func bytes(json: UnsafeRawBufferPointer, decoded: RecordPayload?) -> [UInt8] {
        guard let decoded else { return [Self.json] + json }
        return CompactPayload.encode(decoded, after: Self.compact)
    }
}

/// A bundle as the cache keeps it: what its header said.
struct CachedBundle {
    let name, bundleID, deskName, deskFingerprint: String
    let deskPublicKey: [UInt8]
}

/// A record as the cache keeps it.
struct CachedRecord {
    let recordID: [UInt8]
    /// The envelope's BLAKE2b-256, kept for records whose id is in conflict.
    let conflictHash: [UInt8]?
    let outcome: Outcome
    /// The frame holding the payload (`CachedPayload`: its form byte, then its bytes), and where.
    let frame: PlainFrame?
    let payload: Range<Int>
    /// Where in the frame its recipients' key ids lie, 8 bytes each: read when asked, not made into an array
    /// for each of 100,000 records on the thread that reads the cache.
    var recipientWords: Range<Int> = 0..<0

    /// Calls `body` with each of the record's recipients' key ids, as words (for `unknownRecipients`).
    func forEachRecipient(_ body: (UInt64) -> Void) {
        guard let frame, recipientWords.upperBound <= frame.bytes.count else { return }
        frame.bytes.withUnsafeBufferPointer { bytes in
            for start in stride(from: recipientWords.lowerBound, to: recipientWords.upperBound - 7, by: 8) {
                body(bytes[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) })
            }
        }
    }

    /// The same, as an array (to write into the next cache).
    var recipients: [UInt64] {
        var words: [UInt64] = []
        forEachRecipient { words.append($0) }
        return words
    }

    enum Outcome {
        case opened(RecordStatus)
        case withdrawn
        case failed(Failure)
    }

    /// What opening it gave, to write into the next cache.
    var raw: RawOutcome? {
        switch outcome {
        case .opened(let status):
            guard let frame, payload.upperBound <= frame.bytes.count else { return nil }
            return .opened(status, Array(frame.bytes[payload]))
        case .withdrawn: return .withdrawn
        case .failed(let failure): return .failed(failure)
        }
    }
}

/// One decrypted frame of the cache, wiped when the last record in it is let go of.
final class PlainFrame: @unchecked Sendable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    deinit { bytes.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
}

/// An entry of the cache, in the order of the run.
enum CacheItem {
    case bundle(CachedBundle)
    case record(CachedRecord)
}

/// Why a cache is not used (never shown: the records are opened again).
struct CacheUnusable: Error {
    let reason: String
}

/// Writes the cache while a run opens the records: each frame encrypted (secretstream) as soon as it is
/// full, into a file invisible until published; a failure only stops the writing, never the run.
final class InboxCacheWriter {
    private let path: String
    private let withdrawal: [UInt8]
    private var pending: PendingFile?
    private let stream: SecretStream
    private var frame: [UInt8] = []

    init(path: String, key: SecretBytes, binding: CacheBinding, withdrawal: [UInt8]) throws {
        (self.path, self.withdrawal) = (path, withdrawal)
        try FileSystem.createFolder(FileSystem.folder(of: path))
        let pending = try PendingFile(for: path)
        stream = SecretStream(pushingWith: key)
        try pending.write(InboxCache.magic + [InboxCache.version] + withdrawal + stream.header)
        self.pending = pending
        frame = binding.encoded
        push(final: false)
    }

    /// Whether the cache is still being written (no failure, not abandoned).
    var isWriting: Bool { pending != nil }

    /// Stops: the file vanishes (a run that cannot be replayed, or a failure).
    func abandon() {
        pending = nil
        wipe()
    }

    func add(bundle: CachedBundle) {
        guard [bundle.name, bundle.bundleID, bundle.deskName, bundle.deskFingerprint].allSatisfy(Self.fits),
              bundle.deskPublicKey.count <= Int(UInt16.max) else { return abandon() }
        frame.append(0x42)
        for text in [bundle.name, bundle.bundleID, bundle.deskName, bundle.deskFingerprint] { frame.string16(text) }
        frame.u16(UInt16(bundle.deskPublicKey.count))
        frame.append(contentsOf: bundle.deskPublicKey)
        pushIfFull()
    }

    func add(recordID: [UInt8], outcome: RawOutcome, recipients: [UInt64], conflictHash: [UInt8]?) {
        guard recordID.count == 16, payloadFits(outcome), textsFit(outcome) else { return abandon() }
        frame.append(0x52)
        frame.append(contentsOf: recordID)
        switch outcome {
        case let .opened(status, payload):
            frame.append(1)
            frame.string16(status.rawValue)
            frame.append(UInt8(min(recipients.count, 255)))
            for word in recipients.prefix(255) { frame.u64(word) }
            if let conflictHash, conflictHash.count == 32 {
                frame.append(1)
                frame.append(contentsOf: conflictHash)
            } else {
                frame.append(0)
            }
            frame.u32(UInt32(payload.count))
            frame.append(contentsOf: payload)
        case .withdrawn:
            frame.append(2)
        case .failed(let failure):
            frame.append(3)
            if let id = failure.recordID { frame.append(1); frame.string16(id) } else { frame.append(0) }
            switch failure.cause {
            case .otherKey: frame.append(1)
            case .damaged(let detail): frame.append(2); frame.string16(detail)
            case let .notAsSigned(position, found):
                frame.append(3)
                frame.u32(UInt32(clamping: position))
                if let found { frame.append(1); frame.string16(found) } else { frame.append(0) }
            default: return abandon()
            }
        }
        pushIfFull()
    }

    /// Whether `text` is written whole as a 16-bit length and its bytes (names, ids and details are short).
    private static func fits(_ text: String) -> Bool { text.utf8.count <= Int(UInt16.max) }

    private func payloadFits(_ outcome: RawOutcome) -> Bool {
        if case let .opened(_, payload) = outcome { return payload.count <= InboxCache.maximumFrame / 2 }
        return true
    }

    private func textsFit(_ outcome: RawOutcome) -> Bool {
        guard case .failed(let failure) = outcome else { return true }
        var texts = [failure.recordID ?? ""]
        if case .damaged(let detail) = failure.cause { texts.append(detail) }
        if case .notAsSigned(_, let found?) = failure.cause { texts.append(found) }
        return texts.allSatisfy(Self.fits)
    }

    /// Ends the stream and puts the file in place of any older cache: written beside it under a name of
    /// this process, synced, then renamed over it. Any failure leaves the older file (which no longer
    /// binds) or none.
    func publish() {
        guard let pending else { return }
        push(final: true)
        guard self.pending != nil else { return }
        let fresh = path + ".\(getpid()).new"
        unlink(fresh)
        do {
            try pending.publish(as: fresh)
            if rename(fresh, path) == 0 {
                Self.sweep(FileSystem.folder(of: path), keeping: (path as NSString).lastPathComponent, withdrawal: withdrawal)
            } else {
                unlink(fresh)
            }
        } catch {
            unlink(fresh)
        }
        self.pending = nil
    }

    /// How long a file being written stays untouched at most: a `.new` file is renamed the moment it is
    /// linked, and a `.partial` one grows by a frame at least every few seconds while its run lasts.
    static let abandonedAfter: time_t = 600

    /// Once a cache is in place, removes from its folder what no reader of this inbox can use (Docs/FORMAT.md,
    /// "Decryption cache"): files being written that were left by a run that stopped (`*.new`, `*.partial`,
    /// untouched for `abandonedAfter`), and the caches of other key sets of another version, or built before
    /// a withdrawal (another withdrawal stamp) — every reader would open the records again and rebuild
    /// them, and they may hold withdrawn testimonies. A cache of another key set on this inbox's state stays.
    static func sweep(_ folder: String, keeping kept: String, withdrawal: [UInt8], now: time_t = time(nil)) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name != kept {
            let file = folder + "/" + name
            if name.hasSuffix(".new") || name.hasSuffix(".partial") {
                var info = stat()
                if lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, now - info.st_mtim.tv_sec > abandonedAfter { unlink(file) }
            } else if name.hasSuffix(".cache"), isUseless(file, withdrawal: withdrawal) {
                unlink(file)
            }
        }
    }

    /// Whether `file` is a cache (its magic) of another version, or of this one with another withdrawal stamp.
    private static func isUseless(_ file: String, withdrawal: [UInt8]) -> Bool {
        guard let source = try? FileSource(path: file), let size = try? source.size(), size >= InboxCache.magic.count + 1,
              let start = try? source.read(at: 0, min(size, InboxCache.clearHeaderLength), "cache header"),
              start.starts(with: InboxCache.magic) else { return false }
        guard start[InboxCache.magic.count] == InboxCache.version else { return true }
        return start.count == InboxCache.clearHeaderLength && !start.suffix(32).elementsEqual(withdrawal)
    }

    private func pushIfFull() {
        if frame.count >= InboxCache.frameSize { push(final: false) }
    }

    private func push(final: Bool) {
        guard let pending else { return wipe() }
        let sealed = frame.withUnsafeBytes { stream.push($0, tag: final ? .final : .message) }
        wipe()
        do {
            var length: [UInt8] = []
            length.u32(UInt32(sealed.count))
            try pending.write(length + sealed)
        } catch {
            abandon()
        }
    }

    private func wipe() {
        frame.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
        frame.removeAll(keepingCapacity: true)
    }
}

/// A cache checked whole, then read again entry by entry: nothing of it is used unless every frame is
/// authentic, in order, the last one marked final and nothing after it, and it was built from this run's
/// keys and withdrawn ids and from all of its bundle files or the first of them (`bundles`).
final class InboxCacheReplay {
    private let file: FileSource
    private let key: SecretBytes
    private let header: [UInt8]
    private let binding: CacheBinding
    /// How many of the run's bundles, the first ones, the cache holds.
    private(set) var bundles = 0

    init(path: String, key: SecretBytes, binding: CacheBinding, withdrawal: [UInt8]) throws {
        file = try FileSource(path: path)
        (self.key, self.binding) = (key, binding)
        let start = try file.read(at: 0, InboxCache.clearHeaderLength + SecretStream.headerLength, "cache header")
        guard start.starts(with: InboxCache.magic), start[InboxCache.magic.count] == InboxCache.version else {
            throw CacheUnusable(reason: "not a cache of this version")
        }
        // The stamp in clear only serves `InboxCacheWriter.sweep`; the binding, authenticated, holds the same ids.
        guard start[InboxCache.magic.count + 1..<InboxCache.clearHeaderLength].elementsEqual(withdrawal) else {
            throw CacheUnusable(reason: "another withdrawal stamp")
        }
        header = Array(start.suffix(SecretStream.headerLength))
        var entries = 0
        try forEach(checking: true) { if case .bundle = $0 { entries += 1 } }   // the first pass: everything checked, nothing used
        guard entries == bundles else { throw CacheUnusable(reason: "not one entry per bundle") }
    }

    /// Calls `body` with each entry, in order; throws `CacheUnusable` at the first fault. `checking`, the
    /// entries of opened records are checked but not given (`body` sees the bundles and the other records).
    func forEach(checking: Bool = false, _ body: (CacheItem) throws -> Void) throws {
        let size = try file.size()
        var offset = InboxCache.clearHeaderLength + SecretStream.headerLength
        let stream = try SecretStream(pullingWith: key, header: header)
        var first = true, ended = false
        while !ended {
            guard size - offset >= 4 else { throw CacheUnusable(reason: "cut short") }
            let length = try file.read(at: offset, 4, "cache frame").reduce(0) { $0 << 8 | Int($1) }
            guard length >= SecretStream.overhead, length <= InboxCache.maximumFrame, size - offset - 4 >= length else {
                throw CacheUnusable(reason: "a frame of a wrong length")
            }
            let sealed = try file.read(at: offset + 4, length, "cache frame")
            offset += 4 + length
            var plain = [UInt8](repeating: 0, count: length - SecretStream.overhead)
            let tag: SecretStream.Tag
            do {
                tag = try sealed.withUnsafeBytes { s in try plain.withUnsafeMutableBytes { try stream.pull(s, into: $0) } }
            } catch {
                throw CacheUnusable(reason: "a frame does not open")
            }
            ended = tag == .final
            let frame = PlainFrame(plain)
            if first {
                guard let built = CacheBinding(frame.bytes), built.scope == binding.scope, built.stamps.count <= binding.stamps.count,
                      built.stamps == Array(binding.stamps.prefix(built.stamps.count)), !ended else {
                    throw CacheUnusable(reason: "built from another state of the inbox")
                }
                bundles = built.stamps.count
                first = false
                continue
            }
            try Self.entries(of: frame, checking: checking, body)
        }
        guard offset == size else { throw CacheUnusable(reason: "bytes after its end") }
    }

    /// Reads the entries of one frame.
    private static func entries(of frame: PlainFrame, checking: Bool, _ body: (CacheItem) throws -> Void) throws {
        var reader = ByteReader(frame.bytes)
        do {
            while reader.remaining > 0 {
                switch try reader.u8("entry") {
                case 0x42:
                    let name = try reader.string16("name"), id = try reader.string16("bundle id")
                    let desk = try reader.string16("desk"), fingerprint = try reader.string16("fingerprint")
                    let key = try reader.take(Int(try reader.u16("key")), "key")
                    try body(.bundle(CachedBundle(name: name, bundleID: id, deskName: desk, deskFingerprint: fingerprint, deskPublicKey: key)))
                case 0x52:
                    if checking, try skipOpened(&reader, frame) { continue }
                    try body(.record(try record(&reader, frame)))
                default:
                    throw CacheUnusable(reason: "an unknown entry")
                }
            }
        } catch let error as CacheUnusable {
            throw error
        } catch {
            throw CacheUnusable(reason: "\(error)")
        }
    }

    /// Checks the entry of an opened record as `record` reads it, making nothing of it: the first pass goes
    /// over 100,000 of them. False, and the reader where it was, for a record of another outcome.
    private static func skipOpened(_ reader: inout ByteReader, _ frame: PlainFrame) throws -> Bool {
        var probe = reader
        try probe.skip(16, "record id")
        guard try probe.u8("kind") == 1 else { return false }
        guard RecordStatus(rawValue: try probe.string16("status")) != nil else { throw CacheUnusable(reason: "an unknown status") }
        try probe.skip(8 * Int(try probe.u8("recipients")), "recipients")
        if try probe.u8("hash") == 1 { try probe.skip(32, "hash") }
        _ = try payload(&probe, frame)
        reader = probe
        return true
    }

    /// Moves past an opened record's payload (`CachedPayload`), checking its form byte; where it lies in the frame.
    private static func payload(_ reader: inout ByteReader, _ frame: PlainFrame) throws -> Range<Int> {
        let count = Int(try reader.u32("payload")), start = reader.offset
        try reader.skip(count, "payload")
        guard count > 0, frame.bytes[start] == CachedPayload.json || frame.bytes[start] == CachedPayload.compact else {
            throw CacheUnusable(reason: "a payload of an unknown form")
        }
        return start..<start + count
    }

    private static func record(_ reader: inout ByteReader, _ frame: PlainFrame) throws -> CachedRecord {
        let id = try reader.take(16, "record id")
        switch try reader.u8("kind") {
        case 1:
            guard let status = RecordStatus(rawValue: try reader.string16("status")) else { throw CacheUnusable(reason: "an unknown status") }
            let recipients = 8 * Int(try reader.u8("recipients")), words = reader.offset..<reader.offset + recipients
            try reader.skip(recipients, "recipients")
            let hash = try reader.u8("hash") == 1 ? try reader.take(32, "hash") : nil
            return CachedRecord(recordID: id, conflictHash: hash, outcome: .opened(status), frame: frame, payload: try payload(&reader, frame),
                                recipientWords: words)
        case 2:
            return CachedRecord(recordID: id, conflictHash: nil, outcome: .withdrawn, frame: nil, payload: 0..<0)
        case 3:
            let listed = try reader.u8("id") == 1 ? try reader.string16("id") : nil
            let cause: RecordProblem.Cause
            switch try reader.u8("cause") {
            case 1: cause = .otherKey
            case 2: cause = .damaged(try reader.string16("detail"))
            case 3:
                let position = Int(try reader.u32("position"))
                cause = .notAsSigned(position: position, found: try reader.u8("found") == 1 ? try reader.string16("found") : nil)
            default: throw CacheUnusable(reason: "an unknown cause")
            }
            return CachedRecord(recordID: id, conflictHash: nil, outcome: .failed(Failure(cause: cause, recordID: listed)),
                                frame: nil, payload: 0..<0)
        default:
            throw CacheUnusable(reason: "an unknown outcome")
        }
    }
}

private extension [UInt8] {
    mutating func u16(_ value: UInt16) { Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) } }
    mutating func u32(_ value: UInt32) { Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) } }
    mutating func string16(_ text: String) {
        u16(UInt16(clamping: text.utf8.count))
        append(contentsOf: text.utf8)
    }
}
