import CSodium
import TemoinLanguage
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Secret bytes kept in libsodium guarded memory (locked, guard pages) and wiped on release.
///
/// Access goes through `withUnsafeBytes`; the bytes never become a Swift `Array` unless a caller
/// explicitly copies them out.
public final class SecretBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    /// Number of bytes held.
    public let count: Int

    /// Allocates `count` zeroed bytes of guarded memory.
    public init(count: Int) {
        Sodium.ensure()
        precondition(count >= 0)
        guard let p = sodium_malloc(max(count, 1)) else { fatalError("sodium_malloc failed: out of locked memory") }
        pointer = p
        self.count = count
        sodium_memzero(p, max(count, 1))
        // sodium_malloc ignores a failed mlock: lock again to learn whether these bytes may reach swap.
        if sodium_mlock(p, max(count, 1)) != 0 { SecretMemory.noteUnlocked(max(count, 1)) }
    }

    /// Allocates guarded memory and fills it with `count` random bytes from `random`.
    public convenience init(randomCount count: Int, using random: RandomSource = SystemRandom()) {
        self.init(count: count)
        withUnsafeMutableBytes { random.fill($0) }
    }

    /// Copies `bytes` into guarded memory (the caller should wipe its own copy).
    public convenience init<C: Collection>(copying bytes: C) where C.Element == UInt8 {
        self.init(count: bytes.count)
        withUnsafeMutableBytes { dst in _ = dst.initializeMemory(as: UInt8.self, from: bytes) }
    }

    /// Takes the UTF-8 bytes of a string (for passphrases), with no intermediate copy.
    public convenience init(utf8 string: String) {
        self.init(copying: string.utf8)
    }

    deinit { sodium_free(pointer) }

    /// Reads the secret bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Writes the secret bytes.
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    /// A new guarded buffer holding `count` bytes from `offset`.
    public func slice(_ offset: Int, _ length: Int) -> SecretBytes {
        precondition(offset >= 0 && length >= 0 && offset + length <= count)
        let out = SecretBytes(count: length)
        out.withUnsafeMutableBytes { dst in
            withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + length])) }
        }
        return out
    }

    /// Constant-time comparison.
    public func isEqual(to other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in sodium_memcmp(a.baseAddress!, b.baseAddress!, count) == 0 } }
    }
}

/// Copies a byte array into guarded memory and wipes the array.
extension SecretBytes {
    /// Moves `bytes` into guarded memory, zeroing the source array.
    public static func consuming(_ bytes: inout [UInt8]) -> SecretBytes {
        let s = SecretBytes(copying: bytes)
        bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) }
        bytes.removeAll()
        return s
    }
}

/// Whether every secret of this process stayed out of swap.
///
/// `sodium_malloc` locks its pages but carries on when the kernel refuses (RLIMIT_MEMLOCK, often
/// 8 MiB; a large record needs 16 MiB): such bytes are still wiped on release and kept out of core
/// dumps, but the kernel may write them to swap. Témoin keeps working (refusing would lose the
/// testimony in progress) and says so once, when the command ends (`temoin` prints `warning`).
public enum SecretMemory {
    private static let unlocked = Atomic<Int>(0)

    static func noteUnlocked(_ count: Int) { unlocked.add(count, ordering: .relaxed) }

    /// How many bytes of guarded memory could not be locked since the process started.
    public static var unlockedByteCount: Int { unlocked.load(ordering: .relaxed) }

    /// The warning to show in `language` when some secret memory could not be locked, else nil.
    public static func warning(in language: Language) -> String? {
        let count = unlockedByteCount
        guard count > 0 else { return nil }
        var limit = rlimit()
        getrlimit(Int32(__RLIMIT_MEMLOCK.rawValue), &limit)
        let l = language
        let shown = limit.rlim_cur == rlim_t.max ? l.pick(fr: "illimité", en: "unlimited") : l.pick(fr: "\(limit.rlim_cur >> 10) Kio", en: "\(limit.rlim_cur >> 10) KiB")
        let size = (count + 1023) >> 10
        return l.pick(
            fr: "attention : \(size) Kio de secrets n'ont pas pu être verrouillés en mémoire (RLIMIT_MEMLOCK vaut \(shown)), "
                + "ils ont donc pu être écrits dans l'espace d'échange (swap). Utilisez un swap chiffré (ou aucun), ou relevez la limite (`ulimit -l`).",
            en: "warning: \(size) KiB of secrets could not be locked in memory (RLIMIT_MEMLOCK is \(shown)), "
                + "so they may have been written to swap. Use an encrypted swap (or none), or raise the limit (`ulimit -l`).")
    }
}
