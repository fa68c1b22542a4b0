import CSodium

/// One-time libsodium initialisation, shared by every entry point of this target.
public enum Sodium {
    /// Initialises libsodium once; safe to call from any thread, any number of times.
    static let ready: Void = {
        guard sodium_init() >= 0 else { fatalError("libsodium could not be initialised") }
    }()

    /// Makes sure libsodium is initialised before use.
    @inline(__always) public static func ensure() { _ = ready }
}
