import CSodium

/// A team public key (X25519), the recipient of sealed records.
public struct TeamPublicKey: Hashable, Sendable {
    /// The 32 raw bytes.
    public let bytes: [UInt8]
    /// The name the team gave this key (a person or a role).
    public let name: String
    /// The 8-byte key id carried in envelopes (kept: opening a record compares it with each slot's).
    public let keyID: [UInt8]

    /// Wraps 32 raw bytes, rejecting the wrong length.
    public init(bytes: [UInt8], name: String) throws {
        guard bytes.count == 32 else { throw CryptoError.malformed("a team public key must be 32 bytes") }
        self.init(checked: bytes, name: name)
    }

    /// Wraps 32 raw bytes known to be a key (checked, or just made by libsodium).
    private init(checked bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
        keyID = KeyIdentity.keyID(of: bytes)
    }

    /// The public key libsodium derives from `secretKey` (32 bytes), named `name`.
    fileprivate init(of secretKey: SecretBytes, name: String) {
        var derived = [UInt8](repeating: 0, count: 32)
        _ = secretKey.withUnsafeBytes { crypto_scalarmult_base(&derived, $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        self.init(checked: derived, name: name)
    }

    /// False for an X25519 point of small order (all-zero, 1, …): nothing sealed to it would be secret,
    /// and libsodium refuses to seal to it.
    public var isUsable: Bool {
        Sodium.ensure()
        let scalar = [UInt8](repeating: 0x55, count: 32)
        var shared = [UInt8](repeating: 0, count: 32)
        return crypto_scalarmult(&shared, scalar, bytes) == 0
    }

    /// The fingerprint to compare by phone.
    public var fingerprint: String { KeyIdentity.fingerprint(of: bytes) }
}

/// A team key pair: the secret half opens records sealed to the public half.
public final class TeamKeyPair: Sendable {
    /// The public half.
    public let publicKey: TeamPublicKey
    /// The 32-byte X25519 secret key, in guarded memory.
    public let secretKey: SecretBytes

    /// Generates a fresh key pair.
    public convenience init(name: String, random: RandomSource = SystemRandom()) {
        Sodium.ensure()
        let seed = SecretBytes(randomCount: 32, using: random)
        var pk = [UInt8](repeating: 0, count: 32)
        let sk = SecretBytes(count: 32)
        seed.withUnsafeBytes { s in
            sk.withUnsafeMutableBytes { k in
                _ = crypto_box_seed_keypair(&pk, k.baseAddress!.assumingMemoryBound(to: UInt8.self), s.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        self.init(matching: TeamPublicKey(of: sk, name: name), secretKey: sk)
    }

    /// Rebuilds a key pair from its secret key alone (a restored recovery sheet).
    public convenience init(secretKey: SecretBytes, name: String) throws {
        Sodium.ensure()
        guard secretKey.count == 32 else { throw CryptoError.malformed("a team secret key must be 32 bytes") }
        self.init(matching: TeamPublicKey(of: secretKey, name: name), secretKey: secretKey)
    }

    /// Pairs a secret key with its public key, checking that they belong together.
    public convenience init(publicKey: TeamPublicKey, secretKey: SecretBytes) throws {
        Sodium.ensure()
        guard secretKey.count == 32 else { throw CryptoError.malformed("a team secret key must be 32 bytes") }
        guard TeamPublicKey(of: secretKey, name: publicKey.name) == publicKey else {
            throw CryptoError.malformed("the secret key does not match its public key")
        }
        self.init(matching: publicKey, secretKey: secretKey)
    }

    /// Pairs a secret key with the public key derived from it.
    private init(matching publicKey: TeamPublicKey, secretKey: SecretBytes) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

/// The desk's secrets: its Ed25519 signing identity and the symmetric key of its drafts.
public final class DeskSecrets: Sendable {
    /// The Ed25519 public key that signs bundles.
    public let publicKey: [UInt8]
    /// The 32-byte Ed25519 seed, in guarded memory.
    let seed: SecretBytes
    /// The 64-byte libsodium signing key derived from the seed.
    let signingKey: SecretBytes
    /// The 32-byte key that encrypts drafts.
    public let draftKey: SecretBytes

    /// Generates a new desk identity.
    public convenience init(random: RandomSource = SystemRandom()) {
        self.init(checked: SecretBytes(randomCount: 64, using: random))
    }

    /// Rebuilds the desk secrets from their 64-byte serialised form (seed ‖ draft key).
    public convenience init(material: SecretBytes) throws {
        guard material.count == 64 else { throw CryptoError.malformed("desk secrets must be 64 bytes") }
        self.init(checked: material)
    }

    /// The desk secrets of 64 bytes of `material` (seed ‖ draft key).
    private init(checked material: SecretBytes) {
        Sodium.ensure()
        let seed = material.slice(0, 32)
        let signingKey = SecretBytes(count: 64)
        var pk = [UInt8](repeating: 0, count: 32)
        seed.withUnsafeBytes { s in
            signingKey.withUnsafeMutableBytes { k in
                _ = crypto_sign_seed_keypair(&pk, k.baseAddress!.assumingMemoryBound(to: UInt8.self), s.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        self.seed = seed
        self.signingKey = signingKey
        self.draftKey = material.slice(32, 32)
        self.publicKey = pk
    }

    /// The 64-byte serialised form (seed ‖ draft key), in guarded memory.
    public var material: SecretBytes {
        let out = SecretBytes(count: 64)
        out.withUnsafeMutableBytes { dst in
            seed.withUnsafeBytes { dst.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 32) }
            draftKey.withUnsafeBytes { (dst.baseAddress! + 32).copyMemory(from: $0.baseAddress!, byteCount: 32) }
        }
        return out
    }

    /// The fingerprint of the desk's public key.
    public var fingerprint: String { KeyIdentity.fingerprint(of: publicKey) }

    /// A 32-byte key for one purpose: BLAKE2b-32(purpose label, key = the 64-byte desk secret).
    ///
    /// The vault needs keys that only the passphrase opens (to bind the team keys, to store records)
    /// and that are not the signing or draft keys themselves: a key per purpose, never reused.
    public func derivedKey(_ purpose: DeskKeyPurpose) -> SecretBytes {
        KeyedHash.hash(Array(purpose.rawValue.utf8), key: material)
    }

    /// Ed25519 detached signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        signingKey.withUnsafeBytes { k in
            _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return signature
    }
}

/// What a key derived from the desk secret is for; the raw value is the label hashed (Docs/FORMAT.md).
public enum DeskKeyPurpose: String, Sendable {
    /// The MAC key of the list of team keys records are sealed to.
    case teamKeyList = "temoin-desk-team-keys-v1"
    /// The key that encrypts sealed records at rest in the vault.
    case storage = "temoin-desk-storage-v1"
    /// The MAC key of the questionnaire imported into the vault.
    case questionnaire = "temoin-desk-questionnaire-v1"
}

/// Ed25519 signature verification.
public enum Signature {
    /// True when `signature` is a valid Ed25519 signature of `message` by `publicKey`.
    public static func verify(_ signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        Sodium.ensure()
        guard signature.count == 64, publicKey.count == 32 else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
