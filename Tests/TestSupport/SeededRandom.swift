import Foundation

/// SplitMix64: the one seeded generator of the tests, so that a failing randomized test replays from the
/// seed it printed (`TEMOIN_TEST_SEED`).
public struct SeededRandom: RandomNumberGenerator {
    /// The seed it started from.
    public let seed: UInt64
    private var state: UInt64

    /// A generator from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator from `TEMOIN_TEST_SEED` when it is set, else from a fresh seed; prints `name` and the
    /// seed, with how to replay it.
    public static func printed(_ name: String) -> SeededRandom {
        let seed = ProcessInfo.processInfo.environment["TEMOIN_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        print("\(name): seed \(seed) (replay with TEMOIN_TEST_SEED=\(seed))")
        return SeededRandom(seed: seed)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number below `bound` (0 when `bound` is not positive).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
