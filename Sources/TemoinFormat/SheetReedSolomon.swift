/// The line check of sheets printed today: a Reed–Solomon code over GF(32) with three check symbols.
///
/// The codeword is (line number, 8 data symbols, 3 check symbols), the coefficients of C(x) from x¹¹ down to x⁰;
/// it is valid when C(α) = C(α²) = C(α³) = 0, α a root of x⁵ + x² + 1. Its minimum distance is 4, so any one,
/// two or three wrong symbols are detected: a substitution, a swap of two symbols, a wrong line number (the known
/// first symbol), or any two of these on one line.
enum ReedSolomon {
    /// α^i for i in 0..<62 (α³¹ = 1), so that a sum of two logarithms needs no reduction.
    static let powers: [UInt8] = {
        var out: [UInt8] = [], value: UInt8 = 1
        for _ in 0..<62 {
            out.append(value)
            value <<= 1
            if value & 32 != 0 { value ^= 0b100101 }
        }
        return out
    }()

    /// log_α of 1...31 (index 0 unused).
    static let logarithms: [UInt8] = {
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<31 { out[Int(powers[i])] = UInt8(i) }
        return out
    }()

    /// The generator (x − α)(x − α²)(x − α³) = x³ + g₂x² + g₁x + g₀, as (g₂, g₁, g₀).
    static let generator: (UInt8, UInt8, UInt8) = {
        var coefficients: [UInt8] = [1]             // highest degree first
        for root in powers[1...3] {                 // multiply by (x + root): in GF(2⁵), minus is plus
            var next = coefficients + [0]
            for (i, c) in coefficients.enumerated() { next[i + 1] ^= multiply(c, root) }
            coefficients = next
        }
        return (coefficients[1], coefficients[2], coefficients[3])
    }()

    /// The product of two elements of GF(32).
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return powers[Int(logarithms[Int(a & 31)]) + Int(logarithms[Int(b & 31)])]
    }

    /// The check symbols of line `line` (1–7): the remainder of (line, data)·x³ divided by the generator.
    static func check(line: Int, data: UnsafeRawBufferPointer) -> (UInt8, UInt8, UInt8) {
        var r2: UInt8 = 0, r1: UInt8 = 0, r0: UInt8 = 0
        func divide(_ symbol: UInt8) {
            let feedback = symbol ^ r2
            r2 = r1 ^ multiply(feedback, generator.0)
            r1 = r0 ^ multiply(feedback, generator.1)
            r0 = multiply(feedback, generator.2)
        }
        divide(UInt8(line))
        for symbol in data { divide(symbol) }
        return (r2, r1, r0)
    }

    /// Whether (line, data, check) is a codeword: the syndromes C(α), C(α²), C(α³) are all zero.
    static func isCodeword(line: Int, data: UnsafeRawBufferPointer, check: (UInt8, UInt8, UInt8)) -> Bool {
        powers[1...3].allSatisfy { root in
            var value = UInt8(line & 31)
            for symbol in data { value = multiply(value, root) ^ symbol }
            for symbol in [check.0, check.1, check.2] { value = multiply(value, root) ^ symbol }
            return value == 0
        }
    }
}
