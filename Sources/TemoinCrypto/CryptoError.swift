/// What can go wrong in the crypto layer, phrased for the person who has to act on it.
public enum CryptoError: Error, Equatable, CustomStringConvertible {
    /// The passphrase does not open this key.
    case wrongPassphrase
    /// The bytes are not the kind of file or object expected.
    case wrongKind(expected: String)
    /// The data ends too early or has an impossible length.
    case malformed(String)
    /// The format version is newer than this program understands.
    case unsupportedVersion(Int)
    /// Authenticated decryption failed: the data was altered or belongs to another key.
    case authenticationFailed
    /// The record was not sealed to any key we hold.
    case notForThisKey
    /// A public key is unusable (for example a low-order X25519 point).
    case invalidPublicKey
    /// The operating system refused memory or randomness.
    case system(String)

    public var description: String {
        switch self {
        case .wrongPassphrase: return "Wrong passphrase: the key could not be opened. Check the keyboard layout and Caps Lock, then try again."
        case .wrongKind(let expected): return "This is not \(expected)."
        case .malformed(let what): return "Damaged data: \(what)."
        case .unsupportedVersion(let v): return "Format version \(v) is newer than this Témoin understands: update Témoin."
        case .authenticationFailed: return "The data was altered or damaged: its authentication tag does not match."
        case .notForThisKey: return "This record was sealed to another team key."
        case .invalidPublicKey: return "The public key is invalid (not a usable X25519/Ed25519 key)."
        case .system(let what): return "System error: \(what)."
        }
    }
}
