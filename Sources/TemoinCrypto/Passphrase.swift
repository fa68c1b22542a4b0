import CSodium

/// Argon2id passphrase stretching (`crypto_pwhash`, algorithm ARGON2ID13).
public struct PassphraseCost: Equatable, Sendable {
    /// Argon2id passes.
    public var opsLimit: UInt64
    /// Argon2id memory in bytes.
    public var memLimit: UInt64

    /// Creates a cost.
    public init(opsLimit: UInt64, memLimit: UInt64) { self.opsLimit = opsLimit; self.memLimit = memLimit }

    /// libsodium's MODERATE cost (3 passes, 256 MiB): for the team's secret key.
    public static var moderate: PassphraseCost {
        Sodium.ensure()
        return .init(opsLimit: UInt64(crypto_pwhash_opslimit_moderate()), memLimit: UInt64(crypto_pwhash_memlimit_moderate()))
    }

    /// libsodium's INTERACTIVE cost (2 passes, 64 MiB): for the desk key, opened at each unlock.
    public static var interactive: PassphraseCost {
        Sodium.ensure()
        return .init(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()), memLimit: UInt64(crypto_pwhash_memlimit_interactive()))
    }

    /// Rejects costs outside what libsodium accepts or absurdly high ones from a damaged file.
    func validate() throws {
        guard opsLimit >= UInt64(crypto_pwhash_opslimit_min()), opsLimit <= 64,
              memLimit >= UInt64(crypto_pwhash_memlimit_min()), memLimit <= 4 << 30 else {
            throw CryptoError.malformed("unreasonable passphrase cost parameters")
        }
    }
}

/// Derives 32-byte keys from passphrases.
public enum PassphraseKDF {
    /// Salt length: 16 bytes.
    public static let saltLength = 16

    /// Argon2id13(passphrase, salt, cost) → 32-byte key in guarded memory.
    public static func deriveKey(passphrase: SecretBytes, salt: [UInt8], cost: PassphraseCost) throws -> SecretBytes {
        Sodium.ensure()
        try cost.validate()
        precondition(salt.count == saltLength)
        let key = SecretBytes(count: 32)
        let status = key.withUnsafeMutableBytes { k in
            passphrase.withUnsafeBytes { p in
                crypto_pwhash(k.baseAddress!.assumingMemoryBound(to: UInt8.self), 32,
                              p.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(p.count),
                              salt, cost.opsLimit, Int(cost.memLimit), crypto_pwhash_alg_argon2id13())
            }
        }
        guard status == 0 else { throw CryptoError.outOfMemory(mebibytes: Int(cost.memLimit >> 20)) }
        return key
    }
}
