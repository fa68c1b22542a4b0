import Foundation
import TemoinCrypto
import XCTest

/// Seeds for randomized tests: `TEMOIN_TEST_SEED` when set, else the clock; printed, so a failure can be replayed.
enum TestSeed {
    /// A reproducible stream for `test`, its seed printed with the test's name.
    static func random(for test: XCTestCase) -> DeterministicRandom {
        let seed = ProcessInfo.processInfo.environment["TEMOIN_TEST_SEED"].flatMap(UInt64.init)
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("\(test.name): seed \(seed) (replay with TEMOIN_TEST_SEED=\(seed))")
        var bytes = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: seed.bigEndian) { for i in 0..<8 { bytes[i] = $0[i] } }
        return DeterministicRandom(seed: bytes)
    }
}
