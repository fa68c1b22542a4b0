import COpenSSL
import CSodium
import Dispatch

/// libsodium's `crypto_secretstream_xchacha20poly1305`, one chunk at a time: what encrypts an evidence
/// file of any size in constant memory, each chunk authenticated and in order, the end marked.
///
/// The stream layout (chunk size, padding, header) is a format matter and lives in TemoinFormat
/// (`EvidenceStream`); this type only pushes and pulls chunks. The state, which holds the key, is in
/// guarded memory.
public final class SecretStream {
    /// Key length: 32 bytes.
    public static let keyLength = 32
    /// Stream header length (the random nonce written before the first chunk): 24 bytes.
    public static let headerLength = 24
    /// Bytes a chunk grows by when encrypted (tag byte and MAC): 17.
    public static let overhead = 17

    /// The tag a chunk carries: an ordinary chunk, or the last one.
    public enum Tag: Sendable, Equatable {
        /// More chunks follow (`TAG_MESSAGE`).
        case message
        /// The last chunk (`TAG_FINAL`): a stream without it was cut short.
        case final
    }

    private let state: SecretBytes
    /// The header to write before the first chunk (empty when pulling).
    public let header: [UInt8]

    /// Runs `body` with libsodium's view of `state` (guarded bytes, never empty) and of `bytes`, whose callers
    /// check beforehand that it is not empty (a key, a sealed chunk): no pointer is unwrapped blindly.
    private static func with<R>(_ state: SecretBytes, _ bytes: UnsafeRawBufferPointer,
                                _ body: (UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>, UnsafePointer<UInt8>) -> R) -> R {
        state.withUnsafeMutableBytes { s in
            guard let s = s.baseAddress, let b = bytes.baseAddress else { preconditionFailure("an empty secretstream state or buffer") }
            return body(s.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self), b.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Starts encrypting with `key` (32 guarded bytes); write `header` first.
    public init(pushingWith key: SecretBytes) {
        Sodium.ensure()
        precondition(key.count == Self.keyLength)
        let state = SecretBytes(count: crypto_secretstream_xchacha20poly1305_statebytes())
        self.state = state
        var header = [UInt8](repeating: 0, count: Self.headerLength)
        key.withUnsafeBytes { k in
            _ = Self.with(state, k) { s, k in crypto_secretstream_xchacha20poly1305_init_push(s, &header, k) }
        }
        self.header = header
    }

    /// Starts decrypting with `key` a stream that begins with `header`.
    public init(pullingWith key: SecretBytes, header: [UInt8]) throws {
        Sodium.ensure()
        precondition(key.count == Self.keyLength)
        guard header.count == Self.headerLength else { throw CryptoError.malformed("file stream header of \(header.count) bytes") }
        let state = SecretBytes(count: crypto_secretstream_xchacha20poly1305_statebytes())
        self.state = state
        let status = key.withUnsafeBytes { k in
            Self.with(state, k) { s, k in crypto_secretstream_xchacha20poly1305_init_pull(s, header, k) }
        }
        guard status == 0 else { throw CryptoError.malformed("invalid file stream header") }
        self.header = []
    }

    /// Encrypts one chunk (`overhead` bytes longer than `plaintext`).
    public func push(_ plaintext: UnsafeRawBufferPointer, tag: Tag) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: plaintext.count + Self.overhead) { out, count in
            push(plaintext, tag: tag, into: UnsafeMutableRawBufferPointer(out))
            count = out.count
        }
    }

    /// Encrypts one chunk into the start of `ciphertext` (at least `overhead` bytes longer than `plaintext`):
    /// a large file's chunks go straight into the buffer that is written out, without an array each.
    public func push(_ plaintext: UnsafeRawBufferPointer, tag: Tag, into ciphertext: UnsafeMutableRawBufferPointer) {
        precondition(ciphertext.count >= plaintext.count + Self.overhead)
        let tagValue = tag == .final ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message()
        _ = Self.with(state, UnsafeRawBufferPointer(ciphertext)) { s, out in
            crypto_secretstream_xchacha20poly1305_push(s, UnsafeMutablePointer(mutating: out), nil,
                                                       plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plaintext.count), nil, 0, tagValue)
        }
    }

    /// Decrypts one chunk into `plaintext` (at least `ciphertext.count - overhead` bytes); returns its tag.
    ///
    /// Throws `authenticationFailed` when the chunk was altered, moved, or belongs to another stream.
    public func pull(_ ciphertext: UnsafeRawBufferPointer, into plaintext: UnsafeMutableRawBufferPointer) throws -> Tag {
        guard ciphertext.count >= Self.overhead, plaintext.count >= ciphertext.count - Self.overhead else {
            throw CryptoError.malformed("file stream chunk shorter than its tag")
        }
        var tag: UInt8 = 0
        let status = Self.with(state, ciphertext) { s, sealed in
            crypto_secretstream_xchacha20poly1305_pull(s, plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self), nil, &tag,
                                                       sealed, UInt64(ciphertext.count), nil, 0)
        }
        guard status == 0 else { throw CryptoError.authenticationFailed }
        if tag == crypto_secretstream_xchacha20poly1305_tag_final() { return .final }
        guard tag == crypto_secretstream_xchacha20poly1305_tag_message() else { throw CryptoError.malformed("unexpected file stream tag \(tag)") }
        return .message
    }
}

/// SHA-256, one-shot and streaming: the digest printed on an exhibit and the hash of an evidence file,
/// because an expert recomputes it with any common tool (`sha256sum`, Python's `hashlib`) on the witness's
/// own copy, which BLAKE2b is not. Streaming hashes a file while it is encrypted.
///
/// Computed by OpenSSL's libcrypto (its EVP digest), the one use of OpenSSL: it runs on the processor's SHA
/// instructions where there are some, several times faster than libsodium 1.0.18's portable C, which set the
/// pace of sealing and opening a large file (Docs/PERFORMANCE.md, "Evidence files").
public final class SHA256 {
    /// Digest length: 32 bytes.
    public static let length = 32
    private let context: OpaquePointer

    /// Starts a hash.
    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a SHA-256 context (out of memory)") }
        self.context = context
        let started = EVP_DigestInit_ex(context, EVP_sha256(), nil)
        precondition(started == 1, "OpenSSL has no SHA-256")
    }

    deinit { EVP_MD_CTX_free(context) }

    /// The 32-byte SHA-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let sha = SHA256()
        bytes.withUnsafeBytes { sha.update($0) }
        return sha.finish()
    }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let fed = EVP_DigestUpdate(context, base, bytes.count)
        precondition(fed == 1, "OpenSSL's SHA-256 refused bytes")
    }

    /// Ends the hash and returns the 32-byte digest; call it once.
    public func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.length)
        var written: UInt32 = 0
        let ended = EVP_DigestFinal_ex(context, &out, &written)
        precondition(ended == 1 && written == Self.length, "OpenSSL's SHA-256 did not end")
        return out
    }
}

/// The SHA-256 of an evidence file's original, taken on a thread of its own in the order the pieces are
/// given: hashing a large file then overlaps encrypting it and its reads and writes, and on two cores sealing
/// takes the time of the slower thread instead of their sum.
///
/// A piece handed to `original` is read later, on the hashing thread: its memory must stay unchanged and
/// alive until `wait(for:)` on the same `Group` returns, or `finish` returns.
public final class BackgroundHashes: @unchecked Sendable {
    /// The pieces of one buffer: wait for them before writing into that buffer again.
    public typealias Group = DispatchGroup

    private let sha = SHA256()
    private let queue = DispatchQueue(label: "temoin.file-hashes")

    /// Starts the hash.
    public init() {}

    /// Adds `bytes` of the original to its SHA-256 after every piece given before; `group` is left when it is done.
    public func original(_ bytes: UnsafeRawBufferPointer, group: Group) {
        nonisolated(unsafe) let piece = bytes, sha = sha   // the caller keeps the piece; only the queue touches `sha`
        queue.async(group: group) { sha.update(piece) }
    }

    /// Returns when every piece given with `group` has been hashed.
    public func wait(for group: Group) { group.wait() }

    /// Waits for every piece, ends the hash and returns the 32-byte digest; call it once.
    public func finish() -> [UInt8] { queue.sync { sha.finish() } }

    /// Waits for every piece without ending the hash (before freeing their memory after a failure).
    public func drain() { queue.sync {} }
}
