import TemoinCrypto
import TemoinLanguage

/// An evidence file encrypted as a stream (Docs/FORMAT.md, "File stream"): `TMNF` ‖ version 1 ‖ file id (16)
/// ‖ secretstream header (24), then the padded file in chunks of `chunkLength` bytes, each encrypted with
/// `crypto_secretstream_xchacha20poly1305`, the last one tagged final.
///
/// The same bytes lie in the desk vault and travel in bundles; the key is only inside the sealed record.
/// Sealing and opening read and write through functions, so that memory stays constant whatever the
/// file size and the caller owns the files.
public enum EvidenceStream {
    public static let magic: [UInt8] = Array("TMNF".utf8)
    public static let version: UInt8 = 1
    /// File id length: 16 random bytes.
    public static let idLength = 16
    /// Plaintext bytes per chunk (the last one may be shorter).
    public static let chunkLength = 1 << 16
    /// Bytes before the first chunk: magic, version, file id, secretstream header.
    public static let headerLength = 5 + idLength + SecretStream.headerLength
    /// Plaintext bytes read, hashed and encrypted at a time (16 chunks): a thread hashes one slab and its
    /// stream while the next is encrypted, and a slab is large enough that handing it over costs nothing next
    /// to hashing it.
    static let slabLength = 16 * chunkLength
    /// The largest file accepted (1 TiB): a larger size is a damaged record, not a file.
    public static let maximumSize = 1 << 40

    /// The padded length of a file of `size` bytes: the record's padding rule (Padmé, at least 4096).
    public static func paddedLength(size: Int) -> Int { Padding.paddedLength(size + 1) }

    /// The stream length of a file of `size` bytes.
    public static func streamLength(size: Int) -> Int {
        let padded = paddedLength(size: size)
        return headerLength + padded + SecretStream.overhead * ((padded + chunkLength - 1) / chunkLength)
    }

    /// The padded plaintext length of a stream of `streamLength` bytes, or nil when no stream has that length.
    public static func paddedLength(streamLength: Int) -> Int? {
        // Bounded first: a length from a damaged record (up to `Int.max`, or negative) must not overflow below.
        guard streamLength > headerLength + SecretStream.overhead, streamLength <= Self.streamLength(size: maximumSize) else { return nil }
        let body = streamLength - headerLength, full = chunkLength + SecretStream.overhead
        let chunks = (body + full - 1) / full
        let last = body - (chunks - 1) * full
        guard last > SecretStream.overhead else { return nil }
        return body - chunks * SecretStream.overhead
    }

    /// Encrypts `size` bytes read with `read` (which fills the buffer it is given as far as it can and returns
    /// the count, 0 at the end) into a stream handed to `write` piece by piece.
    ///
    /// Computes the SHA-256 of the original and the SHA-256 of the stream on the way; throws
    /// `EvidenceStreamError.changedWhileRead` when the source gives more or fewer bytes than `size`.
    public static func seal(size: Int, random: RandomSource = SystemRandom(),
                            read: (UnsafeMutableRawBufferPointer) throws -> Int,
                            write: ([UInt8]) throws -> Void) throws -> SealedEvidence {
        precondition(size >= 0 && size <= maximumSize)
        let id = random.bytes(idLength)
        let key = SecretBytes(randomCount: SecretStream.keyLength, using: random)
        let stream = SecretStream(pushingWith: key)
        let hashes = BackgroundHashes()
        // Plaintext of the witness's file: guarded memory only. Two slabs of chunks, so that the original's
        // SHA-256 and the stream's of one run on another core while the other is read and encrypted.
        let slabs = [SecretBytes(count: slabLength), SecretBytes(count: slabLength)]
        let hashed = [BackgroundHashes.Group(), BackgroundHashes.Group()]
        defer { hashes.drain(); withExtendedLifetime(slabs) {} }
        func emit(_ bytes: [UInt8], group: BackgroundHashes.Group) throws { hashes.stream(bytes, group: group); try write(bytes) }
        try emit(magic + [version] + id + stream.header, group: hashed[0])
        let padded = paddedLength(size: size)
        var produced = 0   // padded plaintext bytes encrypted so far
        var original = 0   // bytes of the original read so far
        var turn = 0
        while produced < padded {
            let length = min(slabLength, padded - produced)
            hashes.wait(for: hashed[turn])
            try slabs[turn].withUnsafeMutableBytes { buffer in
                let slot = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
                // Fill from the source up to the file's end, then the padding: 0x80 then zeros.
                var filled = 0
                while filled < length && original < size {
                    let want = min(length - filled, size - original, chunkLength)   // a chunk at a time: progress as before
                    let n = try read(UnsafeMutableRawBufferPointer(rebasing: slot[filled..<filled + want]))
                    guard n > 0 else { throw EvidenceStreamError.changedWhileRead }
                    filled += n; original += n
                }
                hashes.original(UnsafeRawBufferPointer(rebasing: slot[0..<filled]), group: hashed[turn])
                for i in filled..<length { slot[i] = produced + i == size ? 0x80 : 0 }
                for start in stride(from: 0, to: length, by: chunkLength) {
                    let end = min(length, start + chunkLength)
                    let last = produced + end == padded
                    try emit(stream.push(UnsafeRawBufferPointer(rebasing: slot[start..<end]), tag: last ? .final : .message), group: hashed[turn])
                }
            }
            produced += length
            turn ^= 1
        }
        // The source must end exactly where its size said: one more byte means the file changed.
        let probe = SecretBytes(count: 1)
        guard try probe.withUnsafeMutableBytes({ try read($0) }) == 0 else { throw EvidenceStreamError.changedWhileRead }
        let (sha256, streamHash) = hashes.finish()
        return SealedEvidence(id: id, key: key, size: size, sha256: sha256, streamLength: streamLength(size: size), streamHash: streamHash)
    }

    /// Decrypts the stream of file `id` of `streamLength` bytes, read with `read` (which fills the buffer it is
    /// given exactly, or throws), handing the `size` bytes of the original to `write` in order, and checks that
    /// the result has SHA-256 `sha256`.
    ///
    /// The stream is read a slab's chunks at a time, one slab ahead, into two reused buffers: `read` is called
    /// in order on a thread of its own (`SlabReader`), never after this returns. `write` is called on another,
    /// one slab at a time, while the SHA-256 of the next is taken on a third and later ones are read and
    /// decrypted (`OpenedSlabs`); it is never called once it or the opening has thrown, and never after this
    /// returns.
    ///
    /// Every alteration throws before the end: a flipped, moved, dropped or added chunk, a cut stream, a
    /// missing final tag, bad padding, a different size or hash. The bytes handed to `write` before a throw
    /// are not proven: the caller discards them.
    public static func open(id: [UInt8], key: SecretBytes, size: Int, sha256: [UInt8], streamLength: Int,
                            read: (UnsafeMutableRawBufferPointer) throws -> Void, write: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let padded = paddedLength(streamLength: streamLength) else { throw EvidenceStreamError.malformed("no stream has \(streamLength) bytes") }
        guard size >= 0, size < padded else { throw EvidenceStreamError.malformed("the record's size \(size) does not fit a stream of \(streamLength) bytes") }
        var head = [UInt8](repeating: 0, count: headerLength)
        try head.withUnsafeMutableBytes { try read($0) }
        guard Array(head[0..<4]) == magic else { throw EvidenceStreamError.malformed("not a file stream (no TMNF magic)") }
        guard head[4] == version else { throw EvidenceStreamError.unsupportedVersion(Int(head[4])) }
        guard Array(head[5..<5 + idLength]) == id else { throw EvidenceStreamError.wrongFile }
        let stream: SecretStream
        do { stream = try SecretStream(pullingWith: key, header: Array(head[(5 + idLength)...])) } catch { throw EvidenceStreamError.altered(chunk: 0) }
        // No more slabs, nor larger ones, than the file needs: a small file costs no mebibytes of guarded memory.
        // Whole pages, so that a slab stays aligned for direct writes.
        let slabBytes = min(slabLength, (padded + 4095) / 4096 * 4096), depth = min(openingDepth, (padded + slabLength - 1) / slabLength)
        // The ciphertext of each slab's chunks (not secret): read with one call, one slab ahead, then opened
        // chunk by chunk.
        let sealedChunk = chunkLength + SecretStream.overhead
        func sealedLength(ofSlab index: Int) -> Int {
            let length = min(slabLength, padded - index * slabLength)   // plaintext bytes of the slab's chunks
            return length + (length + chunkLength - 1) / chunkLength * SecretStream.overhead
        }
        try withoutActuallyEscaping(read) { read in try withoutActuallyEscaping(write) { write in
            let ciphertext = SlabReader(count: (padded + slabLength - 1) / slabLength, capacity: sealedLength(ofSlab: 0), length: sealedLength, read: read)
            defer { ciphertext.drain() }
            let slabs = OpenedSlabs(depth: depth, length: slabBytes, write: write)
            var finished = false
            defer { if !finished { slabs.stop() } }
            var done = 0, index = 0
            while done < padded {
                let length = min(slabLength, padded - done)   // plaintext bytes of this slab's chunks
                let sealed = try ciphertext.take()
                try slabs.fill { slab in
                    var used = 0, content = 0   // the original's bytes in this slab, from its start
                    while used < length {
                        let length = min(chunkLength, padded - done)
                        let at = used / chunkLength * sealedChunk
                        let chunk = UnsafeRawBufferPointer(rebasing: sealed[at..<at + length + SecretStream.overhead])
                        index += 1
                        let buffer = UnsafeMutableRawBufferPointer(rebasing: slab[used..<used + length])
                        let tag: SecretStream.Tag
                        do { tag = try stream.pull(chunk, into: buffer) } catch { throw EvidenceStreamError.altered(chunk: index) }
                        let last = done + length == padded
                        guard tag == (last ? .final : .message) else { throw last ? EvidenceStreamError.missingFinal : EvidenceStreamError.endsEarly(chunk: index) }
                        let inChunk = max(0, min(length, size - done))
                        if inChunk < length {   // the padding: 0x80 where the file ends, then zeros
                            let marked = done + inChunk == size, zeros = inChunk + (marked ? 1 : 0)
                            guard !marked || buffer[inChunk] == 0x80, isZero(UnsafeRawBufferPointer(rebasing: buffer[zeros..<length])) else {
                                throw EvidenceStreamError.badPadding
                            }
                        }
                        content += inChunk
                        done += length
                        used += length
                    }
                    return content
                }
            }
            finished = true
            guard try slabs.finish() == sha256 else { throw EvidenceStreamError.hashMismatch }
        } }
    }

    /// Whether `bytes` are all zeros: word by word, since a large file's padding is megabytes (32 MiB for 1 GiB).
    private static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var any: UInt64 = 0, at = 0
        while at + 8 <= bytes.count {
            any |= bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            at += 8
        }
        while at < bytes.count {
            any |= UInt64(bytes[at])
            at += 1
        }
        return any == 0
    }

    /// Slabs of guarded memory in flight while a file is opened: decrypted, hashed, written (`OpenedSlabs`).
    static let openingDepth = 4
}

/// A file just encrypted: what the sealed record and the bundle manifest say about it.
public struct SealedEvidence: @unchecked Sendable {
    /// The random file id.
    public let id: [UInt8]
    /// The stream key (guarded): only the sealed record carries it.
    public let key: SecretBytes
    /// The original's size in bytes.
    public let size: Int
    /// The original's SHA-256.
    public let sha256: [UInt8]
    /// The stream's length in bytes.
    public let streamLength: Int
    /// SHA-256 of the stream, which a bundle manifest lists.
    public let streamHash: [UInt8]
}

/// Why a file stream was refused, for the person who reads the report.
public enum EvidenceStreamError: TemoinError, Equatable {
    /// The structure is impossible.
    case malformed(String)
    /// A newer stream format.
    case unsupportedVersion(Int)
    /// The stream carries another file's id.
    case wrongFile
    /// A chunk fails authentication: altered, moved, or from another stream.
    case altered(chunk: Int)
    /// A chunk before the last one carries the final tag.
    case endsEarly(chunk: Int)
    /// The last chunk is not tagged final: the stream was cut.
    case missingFinal
    /// The padding after the file is not `0x80` then zeros.
    case badPadding
    /// The decrypted file does not have the SHA-256 taken at intake.
    case hashMismatch
    /// The original gave more or fewer bytes than its size while it was read.
    case changedWhileRead
    /// The bundle does not carry the file (exported with `--without-files`, or never).
    case notCarried

    /// What went wrong and what to do, in `language` (the details in parentheses stay in English: they name bytes).
    public func message(in language: Language) -> String {
        let l = language
        switch self {
        case .malformed(let what): return l.pick(fr: "Le flux du fichier est abîmé (\(what)).", en: "The file stream is damaged (\(what)).")
        case .unsupportedVersion(let v):
            return l.pick(fr: "La version \(v) du flux de fichier est plus récente que ce Témoin : mettez Témoin à jour.",
                          en: "File stream version \(v) is newer than this Témoin understands: update Témoin.")
        case .wrongFile:
            return l.pick(fr: "Le flux appartient à un autre fichier : il a été échangé.", en: "The file stream belongs to another file: it was swapped.")
        case .altered(let chunk):
            return l.pick(fr: "Le flux du fichier a été modifié ou abîmé (le morceau \(chunk) ne s'authentifie pas).",
                          en: "The file stream was altered or damaged (chunk \(chunk) does not authenticate).")
        case .endsEarly(let chunk):
            return l.pick(fr: "Le flux du fichier s'arrête au morceau \(chunk), avant sa longueur : des morceaux ont été déplacés ou retirés.",
                          en: "The file stream ends at chunk \(chunk), before its length: chunks were moved or removed.")
        case .missingFinal:
            return l.pick(fr: "Le flux du fichier n'a pas de dernier morceau : il a été coupé.", en: "The file stream has no final chunk: it was cut short.")
        case .badPadding: return l.pick(fr: "Le remplissage du flux du fichier est abîmé.", en: "The file stream's padding is damaged.")
        case .hashMismatch:
            return l.pick(fr: "Le fichier déchiffré n'a pas le SHA-256 pris au poste : ce n'est pas le fichier que la personne a remis.",
                          en: "The decrypted file does not have the SHA-256 taken at the desk: it is not the file the witness gave.")
        case .notCarried:
            return l.pick(fr: "Le lot ne contient pas ce fichier (exporté avec --without-files ?) : demandez au poste un export avec ses fichiers.",
                          en: "The bundle does not carry this file (exported with --without-files?): ask the desk for an export with its files.")
        case .changedWhileRead:
            return l.pick(fr: "Le fichier a changé pendant sa lecture (sa taille n'est plus la même) : fermez le programme qui l'écrit, puis joignez-le de nouveau.",
                          en: "The file changed while it was read (its size is not the one it had): close the program writing it, then attach it again.")
        }
    }
}
