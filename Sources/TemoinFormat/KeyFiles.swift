import TemoinCrypto

/// The kinds of key a key file can hold.
public enum KeyKind: UInt8, Sendable {
    /// A team X25519 key: 32-byte public key, 32-byte secret key.
    case team = 1
    /// A desk identity: 32-byte Ed25519 public key, 64-byte secret (Ed25519 seed ‖ draft key).
    case desk = 2

    public var secretLength: Int { self == .team ? 32 : 64 }
    public var label: String { self == .team ? "a team key" : "a desk key" }
}

/// The public key file (`team.pub`): magic `TMNP`, version 1, kind, 32-byte key, name.
public enum PublicKeyFile {
    public static let magic: [UInt8] = Array("TMNP".utf8)

    /// Serialises a team public key.
    public static func encode(_ key: TeamPublicKey) -> [UInt8] {
        var w = ByteWriter()
        w.append(magic); w.u8(1); w.u8(KeyKind.team.rawValue)
        w.append(key.bytes); w.string16(key.name)
        return w.bytes
    }

    /// Parses a team public key file, with errors that say what the file actually is.
    public static func decode(_ bytes: [UInt8]) throws -> TeamPublicKey {
        if bytes.starts(with: SecretKeyFile.magic) {
            throw CryptoError.wrongKind(expected: .publicKeyFile, found: .secretKeyFile)
        }
        var r = ByteReader(bytes)
        try r.expectMagic(magic, version: 1, kind: .publicKeyFile)
        guard try r.u8("key kind") == KeyKind.team.rawValue else { throw CryptoError.wrongKind(expected: .publicKeyFile, found: .deskKey) }
        let key = try r.take(32, "public key")
        // Shown beside the fingerprint the volunteer reads to the team: no terminal sequence may hide or move it.
        let name = try r.string16("key name").replacingControlCharacters()
        guard r.remaining == 0 else { throw CryptoError.malformed("unexpected bytes after the public key") }
        let publicKey = try TeamPublicKey(bytes: key, name: name)
        guard publicKey.isUsable else { throw CryptoError.invalidPublicKey }
        return publicKey
    }
}

/// A secret key file: the public key and name in clear, the secret sealed under a passphrase.
///
/// Layout: `TMNS` ‖ version 1 ‖ kind ‖ public key (32) ‖ name (u16 length ‖ UTF-8) ‖
/// opslimit (u64) ‖ memlimit (u64) ‖ salt (16) ‖ nonce (24) ‖ XChaCha20-Poly1305(secret)
/// with every preceding byte as associated data and the key Argon2id13(passphrase, salt, limits).
public struct SecretKeyFile: Sendable {
    public static let magic: [UInt8] = Array("TMNS".utf8)

    /// What kind of key the file holds.
    public let kind: KeyKind
    /// The public key, readable without the passphrase.
    public let publicKey: [UInt8]
    /// The key's name.
    public let name: String
    /// The Argon2id cost recorded in the file.
    public let cost: PassphraseCost
    /// The whole serialised file.
    public let bytes: [UInt8]
    private let headerLength: Int
    private let salt: [UInt8]
    private let nonce: [UInt8]

    /// Seals `secret` under `passphrase`.
    public static func seal(kind: KeyKind, publicKey: [UInt8], name: String, secret: SecretBytes,
                            passphrase: SecretBytes, cost: PassphraseCost, random: RandomSource = SystemRandom()) throws -> SecretKeyFile {
        precondition(secret.count == kind.secretLength && publicKey.count == 32)
        let salt = random.bytes(PassphraseKDF.saltLength)
        let nonce = random.bytes(AEAD.nonceLength)
        var w = ByteWriter()
        w.append(magic); w.u8(1); w.u8(kind.rawValue)
        w.append(publicKey); w.string16(name)
        w.u64(cost.opsLimit); w.u64(cost.memLimit); w.append(salt); w.append(nonce)
        let header = w.bytes
        let key = try PassphraseKDF.deriveKey(passphrase: passphrase, salt: salt, cost: cost)
        let ciphertext = secret.withUnsafeBytes { AEAD.seal($0, key: key, nonce: nonce, associatedData: header) }
        w.append(ciphertext)
        return try SecretKeyFile(bytes: w.bytes)
    }

    /// Parses a secret key file without opening it.
    public init(bytes: [UInt8]) throws {
        if bytes.starts(with: PublicKeyFile.magic) {
            throw CryptoError.wrongKind(expected: .secretKeyFile, found: .publicKeyFile)
        }
        var r = ByteReader(bytes)
        try r.expectMagic(Self.magic, version: 1, kind: .secretKeyFile)
        guard let kind = KeyKind(rawValue: try r.u8("key kind")) else { throw CryptoError.malformed("unknown key kind") }
        self.kind = kind
        publicKey = try r.take(32, "public key")
        name = try r.string16("key name")
        cost = PassphraseCost(opsLimit: try r.u64("opslimit"), memLimit: try r.u64("memlimit"))
        salt = try r.take(PassphraseKDF.saltLength, "salt")
        nonce = try r.take(AEAD.nonceLength, "nonce")
        headerLength = r.offset
        guard r.remaining == kind.secretLength + AEAD.tagLength else { throw CryptoError.malformed("the sealed secret has the wrong length (file truncated?)") }
        self.bytes = bytes
    }

    /// The public key's fingerprint.
    public var fingerprint: String { KeyIdentity.fingerprint(of: publicKey) }

    /// Opens the secret with `passphrase`; `CryptoError.wrongPassphrase` when it does not fit.
    public func open(passphrase: SecretBytes) throws -> SecretBytes {
        let key = try PassphraseKDF.deriveKey(passphrase: passphrase, salt: salt, cost: cost)
        do {
            return try AEAD.open(bytes[headerLength...], key: key, nonce: nonce, associatedData: Array(bytes[..<headerLength]))
        } catch CryptoError.authenticationFailed {
            throw CryptoError.wrongPassphrase
        }
    }

    /// Opens a team key file into a key pair.
    public func openTeamKey(passphrase: SecretBytes) throws -> TeamKeyPair {
        guard kind == .team else { throw CryptoError.wrongKind(expected: .teamKey, found: .deskKey) }
        return try TeamKeyPair(publicKey: TeamPublicKey(bytes: publicKey, name: name), secretKey: open(passphrase: passphrase))
    }

    /// Opens a desk key into the desk secrets.
    public func openDeskSecrets(passphrase: SecretBytes) throws -> DeskSecrets {
        guard kind == .desk else { throw CryptoError.wrongKind(expected: .deskKey, found: .teamKey) }
        let secrets = try DeskSecrets(material: open(passphrase: passphrase))
        guard secrets.publicKey == publicKey else { throw CryptoError.malformed("the desk secret does not match its public key") }
        return secrets
    }
}
