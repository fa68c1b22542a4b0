import Foundation
import TemoinCrypto
import TemoinStorage

/// The class of error a damaged input must be refused with — the tamper corpus's expected outcome,
/// in the spirit of age's test vectors.
enum TamperClass: String, CaseIterable {
    /// Not the kind of file expected at all (`BundleProblem.notABundle`, `CryptoError.wrongKind`).
    case notThisKind
    /// A format version this program does not know.
    case unsupportedVersion
    /// The structure is cut short or impossible (`truncated`, `malformed`).
    case structure
    /// The record list does not match the records carried.
    case manifest
    /// The desk signature does not verify.
    case signature
    /// Authenticated decryption fails (`authenticationFailed`, or `wrongPassphrase` for a key file).
    case authentication
    /// Sealed to no key we hold.
    case otherKey
    /// An unusable public key (low-order X25519 point).
    case invalidKey

    /// The class of a bundle reader error.
    init?(_ error: Error) {
        switch error {
        case VaultError.bundle(.notABundle), CryptoError.wrongKind: self = .notThisKind
        case VaultError.bundle(.unsupportedVersion), CryptoError.unsupportedVersion: self = .unsupportedVersion
        case VaultError.bundle(.truncated), VaultError.bundle(.malformed), CryptoError.malformed: self = .structure
        case VaultError.bundle(.manifestMismatch): self = .manifest
        case VaultError.bundle(.badSignature): self = .signature
        case CryptoError.authenticationFailed, CryptoError.wrongPassphrase: self = .authentication
        case CryptoError.notForThisKey: self = .otherKey
        case CryptoError.invalidPublicKey: self = .invalidKey
        default: return nil
        }
    }
}

/// One damaged input and the class(es) of error it must be refused with.
struct TamperVector {
    /// What was done, e.g. "flip byte 80 (record 1 length)".
    var name: String
    /// The damaged bytes.
    var bytes: [UInt8]
    /// Acceptable classes: one, except where a damaged length field sends the reader to different places.
    var expected: Set<TamperClass>
}

/// Where each field of a bundle lies (Docs/FORMAT.md), and what damage to it must give.
struct BundleLayout {
    /// One region: a field's byte range and the class of error a change to it must give.
    struct Region {
        var field: String
        var range: Range<Int>
        var expected: Set<TamperClass>
    }

    /// The regions, in file order, covering every byte.
    let regions: [Region]
    /// The envelopes, in order.
    let records: [[UInt8]]
    /// Header bytes (through the record count), the manifest, and the signature.
    let header: [UInt8], manifest: [UInt8], signature: [UInt8]

    init(_ bytes: [UInt8]) {
        var regions: [Region] = [], records: [[UInt8]] = []
        var offset = 0
        func region(_ field: String, _ length: Int, _ expected: Set<TamperClass>) {
            regions.append(Region(field: field, range: offset..<offset + length, expected: expected))
            offset += length
        }
        func u32(at index: Int) -> Int { bytes[index..<index + 4].reduce(0) { $0 << 8 | Int($1) } }
        region("magic", 4, [.notThisKind])
        // A flip may turn version 2 into 3 or back, both read: the header or list then no longer fits.
        region("version", 1, [.unsupportedVersion, .structure])
        region("desk key", 32, [.signature])
        region("bundle id", 16, [.signature])
        region("export time", 8, [.signature])
        let nameLength = Int(bytes[61]) << 8 | Int(bytes[62])
        region("desk name length", 2, [.structure])
        region("desk name", nameLength, [.signature])
        let count = u32(at: offset)
        region("record count", 4, [.structure, .manifest])
        let version = bytes[4]
        if version >= 3 { region("file count", 4, [.structure, .manifest]) }
        header = Array(bytes[..<offset])
        for index in 1...count {
            let length = u32(at: offset)
            region("record \(index) length", 4, [.structure])
            let start = offset
            records.append(Array(bytes[start..<start + length]))
            region("record \(index) magic", 4, [.structure])
            region("record \(index) version", 1, [.structure])
            region("record \(index) id", 16, [.manifest])
            let recipients = Int(bytes[offset])
            region("record \(index) recipient count", 1, [.structure])
            region("record \(index) recipients", recipients * 88, [.manifest])
            region("record \(index) nonce", 24, [.manifest])
            region("record \(index) ciphertext length", 4, [.structure])
            region("record \(index) ciphertext", start + length - offset, [.manifest])
        }
        let manifestStart = offset
        region("record list magic", 4, [.structure])
        region("record list count", 4, [.manifest])
        region("record list", count * 48, [.signature])
        if version >= 3 { region("file list count", 4, [.structure, .manifest]) }
        manifest = Array(bytes[manifestStart..<offset])
        signature = Array(bytes[offset...])
        region("signature", 64, [.signature])
        precondition(offset == bytes.count, "the layout covers the whole bundle")
        self.regions = regions
        self.records = records
    }

    /// The field holding byte `index`.
    func region(at index: Int) -> Region { regions.first { $0.range.contains(index) }! }

    /// Reassembles a bundle from (possibly changed) parts, with `count` in the header.
    func assembled(records: [[UInt8]], count: Int? = nil, manifest: [UInt8]? = nil, signature: [UInt8]? = nil) -> [UInt8] {
        let fileCount = header[4] >= 3 ? 4 : 0   // version 3: the file count follows the record count
        var out = Array(header.dropLast(4 + fileCount)) + Self.u32(count ?? records.count) + Array(header.suffix(fileCount))
        for record in records { out += Self.u32(record.count) + record }
        return out + (manifest ?? self.manifest) + (signature ?? self.signature)
    }

    /// A big-endian u32.
    static func u32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
}

/// The generated corpus (Docs/RELIABILITY.md, "Tamper corpus").
enum TamperCorpus {
    /// Tests/Golden, the committed worked example of Docs/FORMAT.md.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// A golden file's bytes.
    static func golden(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: golden.appendingPathComponent(name))) }

    /// Every single-byte flip (`mask`) of `bundle`, expected by the field it hits.
    static func flips(of bundle: [UInt8], mask: UInt8) -> [TamperVector] {
        let layout = BundleLayout(bundle)
        return bundle.indices.map { index in
            var bytes = bundle
            bytes[index] ^= mask
            let region = layout.region(at: index)
            // A desk name that is no longer UTF-8 is refused as damage before the signature is checked.
            let isText = region.field != "desk name" || String(validating: bytes[region.range], as: UTF8.self) != nil
            return TamperVector(name: "flip byte \(index) by \(mask) (\(region.field))", bytes: bytes, expected: isText ? region.expected : [.structure])
        }
    }

    /// Every truncation of `bundle`, and one byte appended.
    static func truncations(of bundle: [UInt8]) -> [TamperVector] {
        (0..<bundle.count).map { length in
            TamperVector(name: "cut to \(length) bytes", bytes: Array(bundle.prefix(length)), expected: length < 5 ? [.notThisKind] : [.structure])
        } + [TamperVector(name: "one byte appended", bytes: bundle + [0], expected: [.structure])]
    }

    /// Records dropped, duplicated, reordered, taken from another bundle; headers, record lists and
    /// signatures swapped between bundles; wrong versions; absurd lengths. `bundle` has three records.
    static func structural(_ bundle: [UInt8], other: [UInt8]) -> [TamperVector] {
        let a = BundleLayout(bundle), b = BundleLayout(other)
        precondition(a.records.count == 3 && b.records.count >= 1)
        let r = a.records
        func v(_ name: String, _ bytes: [UInt8], _ expected: TamperClass) -> TamperVector { TamperVector(name: name, bytes: bytes, expected: [expected]) }
        func set(_ bytes: [UInt8], _ offset: Int, _ value: [UInt8]) -> [UInt8] {
            var out = bytes; out.replaceSubrange(offset..<offset + value.count, with: value); return out
        }
        let fileCount = bundle[4] >= 3 ? 4 : 0   // version 3: the file count follows the record count
        let countOffset = a.header.count - 4 - fileCount, firstLength = a.header.count
        let envelopeLengthOffset = firstLength + 4 + 22 + 88 + 24
        var vectors = [
            v("record 2 dropped, count adjusted", a.assembled(records: [r[0], r[2]]), .structure),
            v("record 2 dropped, count kept", a.assembled(records: [r[0], r[2]], count: 3), .structure),
            v("last record dropped, count and list kept", a.assembled(records: [r[0], r[1]], count: 3), .structure),
            v("record 1 duplicated", a.assembled(records: [r[0], r[1], r[2], r[0]]), .structure),
            v("record 1 duplicated in place of record 2", a.assembled(records: [r[0], r[0], r[2]]), .manifest),
            v("records 1 and 3 swapped", a.assembled(records: [r[2], r[1], r[0]]), .manifest),
            v("records rotated", a.assembled(records: [r[1], r[2], r[0]]), .manifest),
            v("record 2 replaced by one from another bundle", a.assembled(records: [r[0], b.records[0], r[2]]), .manifest),
            v("a record from another bundle added", a.assembled(records: r + [b.records[0]]), .structure),
            v("record list of another bundle (one record)", a.assembled(records: r, manifest: b.manifest), .structure),
            v("signature of another bundle", a.assembled(records: r, signature: b.signature), .signature),
            v("header of another desk", b.header.dropLast(4 + fileCount) + Array(a.assembled(records: r).dropFirst(a.header.count - 4 - fileCount)), .signature),
            v("no records, empty list, signature kept", a.assembled(records: [], manifest: Array("TMNM".utf8) + BundleLayout.u32(0) + (fileCount > 0 ? BundleLayout.u32(0) : [])), .signature),
            v("record count 0xFFFFFFFF", set(bundle, countOffset, [0xFF, 0xFF, 0xFF, 0xFF]), .structure),
            v("record count 10,000,001", set(bundle, countOffset, BundleLayout.u32(10_000_001)), .structure),
            v("record count 10,000,000", set(bundle, countOffset, BundleLayout.u32(10_000_000)), .structure),
            v("record length 0xFFFFFFFF", set(bundle, firstLength, [0xFF, 0xFF, 0xFF, 0xFF]), .structure),
            v("record length 0", set(bundle, firstLength, BundleLayout.u32(0)), .structure),
            v("record length one short", set(bundle, firstLength, BundleLayout.u32(r[0].count - 1)), .structure),
            v("envelope ciphertext length 0xFFFFFFFF", set(bundle, envelopeLengthOffset, [0xFF, 0xFF, 0xFF, 0xFF]), .structure),
            v("envelope ciphertext length 16 (no room for padding)", set(bundle, envelopeLengthOffset, BundleLayout.u32(16)), .structure),
            v("envelope recipient count 255", set(bundle, firstLength + 4 + 21, [255]), .structure),
            v("envelope recipient count 0", set(bundle, firstLength + 4 + 21, [0]), .structure),
            v("desk name length 0xFFFF", set(bundle, 61, [0xFF, 0xFF]), .structure),
            v("desk name not UTF-8", set(bundle, 63, [0xC3, 0x28]), .structure),
            v("empty file", [], .notThisKind),
            v("a key file instead", Array("TMNP".utf8) + [1, 1] + [UInt8](repeating: 9, count: 34), .notThisKind),
            v("a lone record instead", r[0], .notThisKind),
        ]
        for version: UInt8 in [0, 1, bundle[4] + 1, 0xFF] {  // version 1: the pre-release format; the next version
            vectors.append(v("bundle version \(version)", set(bundle, 4, [version]), .unsupportedVersion))
        }
        for version: UInt8 in [0, 2, 0xFF] {
            vectors.append(v("envelope version \(version)", set(bundle, firstLength + 4 + 4, [version]), .structure))
            vectors.append(v("record list magic ending in byte \(version)", set(bundle, bundle.count - a.manifest.count - 64 + 3, [version]), .structure))
        }
        return vectors
    }

    /// X25519 points of small order (all-zero, 1, and the order-8 points listed by libsodium), as `team.pub` files.
    static func lowOrderPublicKeyFiles() -> [TamperVector] {
        let points: [[UInt8]] = [
            [UInt8](repeating: 0, count: 32),
            [1] + [UInt8](repeating: 0, count: 31),
            Hex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")!,
            Hex.decode("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")!,
            Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")!,
            Hex.decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")!,
            Hex.decode("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")!,
        ]
        return points.map { point in
            TamperVector(name: "team.pub with low-order point \(Hex.encode(point.prefix(4)))…",
                         bytes: Array("TMNP".utf8) + [1, 1] + point + [0, 3] + Array("bad".utf8), expected: [.invalidKey])
        }
    }

    /// Key files of the wrong kind, wrong versions, truncated, with trailing bytes or absurd Argon2id costs.
    static func keyFiles(publicFile: [UInt8], secretFile: [UInt8], deskFile: [UInt8], bundle: [UInt8]) -> (public: [TamperVector], secret: [TamperVector]) {
        func v(_ name: String, _ bytes: [UInt8], _ expected: TamperClass) -> TamperVector { TamperVector(name: name, bytes: bytes, expected: [expected]) }
        func set(_ bytes: [UInt8], _ offset: Int, _ value: [UInt8]) -> [UInt8] {
            var out = bytes; out.replaceSubrange(offset..<offset + value.count, with: value); return out
        }
        var publicVectors = [
            v("team.key given as team.pub", secretFile, .notThisKind),
            v("a bundle given as team.pub", bundle, .notThisKind),
            v("public key of kind desk (2)", set(publicFile, 5, [2]), .notThisKind),
            v("public key of kind 0", set(publicFile, 5, [0]), .notThisKind),
            v("team.pub with a byte appended", publicFile + [0], .structure),
            v("team.pub name not UTF-8", set(publicFile, publicFile.count - 2, [0xC3, 0x28]), .structure),
        ] + lowOrderPublicKeyFiles()
        for version: UInt8 in [0, 2, 0xFF] { publicVectors.append(v("team.pub version \(version)", set(publicFile, 4, [version]), .unsupportedVersion)) }
        publicVectors += (0..<publicFile.count).map { v("team.pub cut to \($0) bytes", Array(publicFile.prefix($0)), $0 < 4 ? .notThisKind : .structure) }

        let nameEnd = 38 + 2 + (Int(secretFile[38]) << 8 | Int(secretFile[39]))
        var secretVectors = [
            v("team.pub given as team.key", publicFile, .notThisKind),
            v("a bundle given as team.key", bundle, .notThisKind),
            v("desk key given as team key", deskFile, .notThisKind),
            v("secret key of unknown kind 7", set(secretFile, 5, [7]), .structure),
            v("team.key with a byte appended", secretFile + [0], .structure),
            v("Argon2id opslimit 2^64-1", set(secretFile, nameEnd, [UInt8](repeating: 0xFF, count: 8)), .structure),
            v("Argon2id opslimit 0", set(secretFile, nameEnd, [UInt8](repeating: 0, count: 8)), .structure),
            v("Argon2id memlimit 2^64-1", set(secretFile, nameEnd + 8, [UInt8](repeating: 0xFF, count: 8)), .structure),
            v("Argon2id memlimit 8 GiB", set(secretFile, nameEnd + 8, [0, 0, 0, 2, 0, 0, 0, 0]), .structure),
        ]
        for version: UInt8 in [0, 2, 0xFF] { secretVectors.append(v("team.key version \(version)", set(secretFile, 4, [version]), .unsupportedVersion)) }
        secretVectors += (0..<secretFile.count).map { v("team.key cut to \($0) bytes", Array(secretFile.prefix($0)), $0 < 4 ? .notThisKind : .structure) }
        return (publicVectors, secretVectors)
    }

    /// Every single-byte flip of a lone envelope, expected by the field it hits when opened with its key.
    static func envelopeFlips(_ envelope: [UInt8]) -> [TamperVector] {
        let recipients = Int(envelope[21])
        let fields: [(String, Int, TamperClass)] = [
            ("magic", 4, .notThisKind), ("version", 1, .unsupportedVersion), ("record id", 16, .authentication),
            ("recipient count", 1, .structure),
        ] + (0..<recipients).flatMap { i in [("recipient \(i + 1) key id", 8, TamperClass.otherKey), ("recipient \(i + 1) sealed key", 80, .authentication)] }
          + [("nonce", 24, .authentication), ("ciphertext length", 4, .structure), ("ciphertext", envelope.count - 22 - 88 * recipients - 28, .authentication)]
        var vectors: [TamperVector] = []
        var offset = 0
        for (field, length, expected) in fields {
            for index in offset..<offset + length {
                var bytes = envelope
                bytes[index] ^= 0x01
                vectors.append(TamperVector(name: "envelope flip byte \(index) (\(field))", bytes: bytes, expected: [expected]))
            }
            offset += length
        }
        precondition(offset == envelope.count)
        return vectors
    }
}
