import CSodium

/// A sealed record: a padded payload encrypted with a fresh content key, that key sealed to each team recipient.
///
/// Layout (big-endian): `TMNR` ‖ version 1 ‖ record id (16) ‖ recipient count n (1) ‖
/// n × [key id (8) ‖ crypto_box_seal(content key) (80)] ‖ nonce (24) ‖ ciphertext length (u32) ‖
/// ciphertext = XChaCha20-Poly1305(padded payload), associated data = every byte before the ciphertext.
public struct RecordEnvelope: Sendable {
    static let magic: [UInt8] = Array("TMNR".utf8)
    /// Length of a record id.
    public static let recordIDLength = 16
    /// Length of one sealed content key (32-byte key + `crypto_box_SEALBYTES`).
    public static var sealedKeyLength: Int { 32 + temoin_box_sealbytes() }
    /// Largest ciphertext accepted (a testimony is far smaller; anything bigger is damage).
    public static let maximumCiphertextLength = 16 << 20
    /// Largest envelope: 255 recipients and the largest ciphertext.
    public static var maximumLength: Int { slotOffset(255) + AEAD.nonceLength + 4 + maximumCiphertextLength }

    /// One recipient slot.
    public struct Recipient: Sendable {
        /// The recipient's 8-byte key id.
        public let keyID: [UInt8]
        /// The content key sealed to that recipient.
        public let sealedKey: [UInt8]
    }

    /// The record id, unique per testimony, in clear.
    public let recordID: [UInt8]
    /// The whole serialised envelope.
    public let bytes: [UInt8]
    /// How many recipient slots follow the record id.
    private let recipientCount: Int
    /// The length of the header (every byte before the ciphertext, the AEAD's associated data).
    private let headerLength: Int

    /// Who can open it (copied out of `bytes`; opening reads the slots in place).
    public var recipients: [Recipient] {
        (0..<recipientCount).map { slot in
            let start = Self.slotOffset(slot)
            return Recipient(keyID: Array(bytes[start..<start + 8]), sealedKey: Array(bytes[start + 8..<start + 8 + Self.sealedKeyLength]))
        }
    }

    /// Where recipient slot `slot` starts: after magic, version, record id and count.
    private static func slotOffset(_ slot: Int) -> Int { 5 + recordIDLength + 1 + slot * (8 + sealedKeyLength) }

    /// Seals `payload` to every key in `recipients`.
    public static func seal(payload: SecretBytes, recordID: [UInt8], recipients: [TeamPublicKey],
                            random: RandomSource = SystemRandom()) throws -> RecordEnvelope {
        Sodium.ensure()
        precondition(recordID.count == recordIDLength)
        guard !recipients.isEmpty, recipients.count <= 255 else { throw CryptoError.malformed("a record needs between 1 and 255 recipients") }
        let contentKey = SecretBytes(randomCount: AEAD.keyLength, using: random)
        let nonce = random.bytes(AEAD.nonceLength)
        let padded = Padding.pad(payload)
        var w = ByteWriter()
        w.append(magic); w.u8(1); w.append(recordID); w.u8(UInt8(recipients.count))
        for recipient in recipients {
            var sealed = [UInt8](repeating: 0, count: sealedKeyLength)
            let status = contentKey.withUnsafeBytes { k in
                crypto_box_seal(&sealed, k.baseAddress!.assumingMemoryBound(to: UInt8.self), 32, recipient.bytes)
            }
            guard status == 0 else { throw CryptoError.invalidPublicKey }
            w.append(recipient.keyID); w.append(sealed)
        }
        w.append(nonce); w.u32(UInt32(padded.count + AEAD.tagLength))
        let header = w.bytes
        w.append(padded.withUnsafeBytes { AEAD.seal($0, key: contentKey, nonce: nonce, associatedData: header) })
        return try RecordEnvelope(bytes: w.bytes)
    }

    /// Parses an envelope's structure (no secret needed).
    public init(bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        try r.expectMagic(Self.magic, version: 1, kind: .record)
        recordID = try r.take(Self.recordIDLength, "record id")
        recipientCount = Int(try r.u8("recipient count"))
        guard recipientCount > 0 else { throw CryptoError.malformed("a record without recipients") }
        try r.skip(recipientCount * (8 + Self.sealedKeyLength) + AEAD.nonceLength, "recipients and nonce")
        let length = Int(try r.u32("ciphertext length"))
        guard length >= AEAD.tagLength + Padding.minimum, length <= Self.maximumCiphertextLength else {
            throw CryptoError.malformed("impossible ciphertext length \(length)")
        }
        headerLength = r.offset
        guard r.remaining == length else { throw CryptoError.malformed("the record's length does not match its header") }
        self.bytes = bytes
    }

    /// Opens the payload with whichever of `keys` the record was sealed to.
    ///
    /// Throws `notForThisKey` when none matches, `authenticationFailed` when the record was altered.
    public func open(with keys: [TeamKeyPair]) throws -> SecretBytes {
        try open(with: OpeningKeys(keys), in: OpeningSpace()) { SecretBytes(copying: $0) }
    }

    /// Opens the payload into `space` and hands it, unpadded, to `body`; the space is wiped when `body` returns.
    ///
    /// For opening many records on one thread without allocating guarded memory for each (every
    /// `sodium_malloc` costs system calls that also stall the other threads). Throws like `open(with:)`.
    public func open<R>(with keys: OpeningKeys, in space: OpeningSpace, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        Sodium.ensure()
        let paddedLength = bytes.count - headerLength - AEAD.tagLength
        let memory = space.reserve(AEAD.keyLength + paddedLength)
        return try memory.withUnsafeMutableBytes { raw in
            let contentKey = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let padded = contentKey + AEAD.keyLength
            // Everything is wiped, unless the padding was found: past its 0x80 marker there are only zeros.
            var used = AEAD.keyLength + paddedLength
            defer { sodium_memzero(raw.baseAddress!, used) }
            return try bytes.withUnsafeBufferPointer { envelope in
                let base = envelope.baseAddress!
                try openContentKey(into: contentKey, envelope: base, keys: keys)
                let opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
                    padded, nil, nil, base + headerLength, UInt64(envelope.count - headerLength),
                    base, UInt64(headerLength), base + headerLength - 4 - AEAD.nonceLength, contentKey)
                guard opened == 0 else { throw CryptoError.authenticationFailed }
                let length = try Self.unpaddedLength(UnsafeRawBufferPointer(start: padded, count: paddedLength))
                used = AEAD.keyLength + length + 1
                return try body(UnsafeRawBufferPointer(start: padded, count: length))
            }
        }
    }

    /// Opens the content key into `contentKey` from the first slot of `keys`' ids that opens (two keys'
    /// ids may collide), reading the slots in place in `envelope`.
    private func openContentKey(into contentKey: UnsafeMutablePointer<UInt8>, envelope: UnsafePointer<UInt8>, keys: OpeningKeys) throws {
        guard keys.count > 0 else { throw CryptoError.notForThisKey }
        var matched = false
        let opened = keys.withUnsafeKeys { ids, publicKeys, secretKeys in
            for key in 0..<keys.count {
                let id = UnsafeRawPointer(ids + 8 * key).loadUnaligned(as: UInt64.self)
                for slot in 0..<recipientCount where UnsafeRawPointer(envelope + Self.slotOffset(slot)).loadUnaligned(as: UInt64.self) == id {
                    matched = true
                    if crypto_box_seal_open(contentKey, envelope + Self.slotOffset(slot) + 8, UInt64(Self.sealedKeyLength),
                                            publicKeys + 32 * key, secretKeys + 32 * key) == 0 { return true }
                }
            }
            return false
        }
        guard opened else { throw matched ? CryptoError.authenticationFailed : CryptoError.notForThisKey }
    }
}

extension RecordEnvelope {
    /// The length of the payload in ISO/IEC 7816-4 `padded` bytes: trailing zeros, then one `0x80`.
    ///
    /// Eight bytes at a time rather than with `sodium_unpad`, which reads every byte of the block in
    /// constant time: there is no secret to hide from whoever opens the record, and most of a
    /// short testimony's block is padding.
    static func unpaddedLength(_ padded: UnsafeRawBufferPointer) throws -> Int {
        var end = padded.count
        func zero(_ words: Int) -> Bool {   // the `words` words before `end`
            var any: UInt64 = 0
            for word in 1...words { any |= padded.loadUnaligned(fromByteOffset: end - 8 * word, as: UInt64.self) }
            return any == 0
        }
        while end >= 32, zero(4) { end -= 32 }
        while end >= 8, zero(1) { end -= 8 }
        while end > 0, padded[end - 1] == 0 { end -= 1 }
        guard end > 0, padded[end - 1] == 0x80 else { throw CryptoError.malformed("invalid payload padding") }
        return end - 1
    }
}

/// Team key pairs laid out for opening record after record: key ids, public and secret keys end to end.
///
/// Trying them touches no reference count: with `[TeamKeyPair]`, every core changed the same shared
/// counts for every record, which cost more than comparing the ids.
public final class OpeningKeys: Sendable {
    /// How many key pairs.
    let count: Int
    /// 8-byte key ids, end to end.
    private let ids: [UInt8]
    /// 32-byte public keys, end to end.
    private let publicKeys: [UInt8]
    /// 32-byte secret keys, end to end, in guarded memory.
    private let secretKeys: SecretBytes

    /// Lays out `pairs`, tried in this order.
    public init(_ pairs: [TeamKeyPair]) {
        count = pairs.count
        ids = pairs.flatMap(\.publicKey.keyID)
        publicKeys = pairs.flatMap(\.publicKey.bytes)
        secretKeys = SecretBytes(count: 32 * pairs.count)
        secretKeys.withUnsafeMutableBytes { all in
            for (index, pair) in pairs.enumerated() {
                pair.secretKey.withUnsafeBytes { all.baseAddress!.advanced(by: 32 * index).copyMemory(from: $0.baseAddress!, byteCount: 32) }
            }
        }
    }

    /// Calls `body` with the ids, public keys and secret keys (valid only during the call). Only when there
    /// is at least one key: an empty array may have no address.
    fileprivate func withUnsafeKeys<R>(_ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> R) -> R {
        ids.withUnsafeBufferPointer { ids in
            publicKeys.withUnsafeBufferPointer { publicKeys in
                secretKeys.withUnsafeBytes { body(ids.baseAddress!, publicKeys.baseAddress!, $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
            }
        }
    }
}

/// Guarded memory reused to open record after record on one thread (see `RecordEnvelope.open(with:in:_:)`).
///
/// Not for sharing between threads: give each thread its own.
public final class OpeningSpace {
    private var memory: SecretBytes?

    /// Creates an empty space; it grows to the largest record opened in it.
    public init() {}

    /// Guarded memory of at least `count` bytes.
    fileprivate func reserve(_ count: Int) -> SecretBytes {
        if let memory, memory.count >= count { return memory }
        let grown = SecretBytes(count: count)
        memory = grown
        return grown
    }
}

extension RecordEnvelope {
    /// The 4-byte magic that starts every envelope (for scanning damaged files).
    public static var magicBytes: [UInt8] { magic }

    /// The total length an envelope starting at `offset` announces in its header, or nil if the header is cut or impossible.
    public static func expectedLength(_ bytes: [UInt8], at offset: Int) -> Int? {
        let countOffset = offset + 5 + recordIDLength
        guard countOffset < bytes.count else { return nil }
        let recipients = Int(bytes[countOffset])
        let lengthOffset = countOffset + 1 + recipients * (8 + sealedKeyLength) + AEAD.nonceLength
        guard recipients > 0, lengthOffset + 4 <= bytes.count else { return nil }
        let length = bytes[lengthOffset..<lengthOffset + 4].reduce(0) { $0 << 8 | Int($1) }
        guard length <= maximumCiphertextLength else { return nil }
        return lengthOffset + 4 + length - offset
    }
}
