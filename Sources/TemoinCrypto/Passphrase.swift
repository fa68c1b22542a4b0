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

    /// libsodium's INTERACTIVE cost (2 passes, 64 MiB): what desk keys were wrapped with before 2026-12;
    /// they keep opening (the cost is read from the key), but nothing new is written with it.
    public static var interactive: PassphraseCost {
        Sodium.ensure()
        return .init(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()), memLimit: UInt64(crypto_pwhash_memlimit_interactive()))
    }

    /// The cost of a new desk key: MODERATE too, because the desk key guards the drafts (answers in
    /// progress) on a laptop that can be stolen; unlocking once per session can afford a second.
    public static var desk: PassphraseCost { moderate }

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

/// What a new passphrase must be, in one place (Docs/FORMAT.md, "Passphrases").
///
/// A passphrase is used as the bytes typed, UTF-8, never normalised or trimmed: the same keys typed
/// on another keyboard layout may give other bytes, so the rule is stated on what was typed.
public enum PassphraseRules {
    /// Minimum length of a new desk passphrase, in Unicode code points: Argon2id only slows guessing
    /// down, a stolen laptop gives the attacker time, so the passphrase itself must be long.
    public static let deskMinimum = 12
    /// Minimum length of a new team key passphrase, in Unicode code points.
    public static let teamMinimum = 12

    /// The length minimums apply to: Unicode code points of the UTF-8 bytes (continuation bytes not
    /// counted), read in guarded memory without making a `String` of the secret.
    public static func length(of passphrase: SecretBytes) -> Int {
        passphrase.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }
}
