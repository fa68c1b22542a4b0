import CSodium
import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat

/// Issue 14's lines: one large evidence file sealed, exported and decrypted by the real commands, each
/// against the limit measured in the same run just before and just after it (Docs/PERFORMANCE.md, "Evidence files").
///
/// The limit is the slower of two: libsodium's secretstream over the file's bytes in memory (what no
/// encryption of the file can beat on one core), and a sequential copy of the file on the same disk,
/// synced (what no program that reads it and writes as much can beat). Each command is timed as a child
/// process under GNU `time`, its peak resident memory with it.
struct FilesBench {
    /// The `temoin` executable (release build).
    var temoin: String
    /// Where the data goes (recreated, removed at the end).
    var folder: String
    /// The evidence file's size in MiB (`TEMOIN_BENCH_FILE_MB`, 1024 by default).
    var megabytes: Int

    /// The evidence file's size asked for: `TEMOIN_BENCH_FILE_MB`, else 1 GiB.
    static var megabytesFromEnvironment: Int {
        ProcessInfo.processInfo.environment["TEMOIN_BENCH_FILE_MB"].flatMap { Int($0) }.map { max(1, $0) } ?? 1024
    }

    /// Runs the measures; returns the four target lines.
    func run(say: (String) -> Void) throws -> [Target] {
        let size = megabytes << 20
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["TEMOIN_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
        // The original, its stream in the vault, the bundle, the decrypted copy; the limit's copy comes and goes.
        if let free = try? FileManager.default.attributesOfFileSystem(forPath: folder)[.systemFreeSize] as? Int, free < 4 * size + (1 << 30) {
            throw BenchError.failed("the evidence file bench needs \(4 * megabytes + 1024) MiB free in \(folder) (\(free >> 20) MiB): set TEMOIN_BENCH_FILE_MB lower")
        }
        let data = try DataSet.create(in: folder + "/data")
        let original = folder + "/video.mp4"
        try Self.writeVideo(original, size: size)
        let answers = folder + "/answers.json"
        let form = try DeskVault.open(at: data.vault).questionnaire()
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try SampleTestimonies.answers(7, form: form)))
        try JSONSerialization.data(withJSONObject: ["answers": object]).write(to: URL(fileURLWithPath: answers))
        let deskArgon2 = Int(try DeskVault.open(at: data.vault).deskKey().cost.memLimit)
        let desk = ["--vault", data.vault, "--passphrase-file", data.deskPassphraseFile]

        let seal = try measure("seal", file: original, size: size, say: say) {
            try ChildProcess.run([temoin, "record", "--answers", answers, "--attach", "evidence_files=" + original] + desk, stderr: log("files-seal"))
        }
        let floor = try SealFloor.measure(size: size, cost: try DeskVault.open(at: data.vault).deskKey().cost)
        say(floor.line(limit: seal.limitSeconds))
        let bundle = folder + "/files.tmn"
        // The export reads the stream in the vault: the copy starts from it.
        guard let stream = try FileManager.default.contentsOfDirectory(atPath: data.vault + "/files").first(where: { $0.hasSuffix(".tmnf") }) else {
            throw BenchError.failed("temoin record --attach left no stream in \(data.vault)/files")
        }
        let export = try measure("export", file: data.vault + "/files/" + stream, size: size, say: say) {
            try ChildProcess.run([temoin, "export", "--out", bundle] + desk, stderr: log("files-export"))
        }
        try FileManager.default.removeItem(atPath: original)   // the stream is in the vault and the bundle: room for the decrypted copy
        let out = folder + "/decrypted"
        let decrypt = try measure("decrypt", file: bundle, size: size, say: say) {
            try ChildProcess.run([temoin, "team", "decrypt", "--key", data.teamKey, "--passphrase-file", data.teamPassphraseFile,
                                  "--out", folder + "/testimony.jsonl", "--files", out, bundle],
                                 stderr: log("files-decrypt"), environment: ["XDG_DATA_HOME": folder + "/xdg", "HOME": folder])
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        guard written.count == 1, let decryptedSize = try FileManager.default.attributesOfItem(atPath: out + "/" + written[0])[.size] as? Int,
              decryptedSize == size else {
            throw BenchError.failed("team decrypt --files wrote \(written) in \(out), expected one file of \(size) bytes")
        }
        let peak = [seal, export, decrypt].map(\.usage.peakBytes).max() ?? 0
        return [
            Target(name: "files seal", value: seal.ratio, unit: "× limit (\(format(seal.rate)) MB/s, limit \(format(seal.limit)) MB/s)", bound: .atLeast(0.7)),
            Target(name: "files export", value: export.ratio, unit: "× limit (\(format(export.rate)) MB/s, limit \(format(export.limit)) MB/s)", bound: .atLeast(0.7)),
            Target(name: "files decrypt", value: decrypt.ratio, unit: "× limit (\(format(decrypt.rate)) MB/s, limit \(format(decrypt.limit)) MB/s)", bound: .atLeast(0.7)),
            Target(name: "files peak RSS", value: Double(peak) / 1_048_576, unit: "MiB (\(megabytes) MiB file, whole process)",
                   bound: .atMost(Double(deskArgon2) / 1_048_576 + 64), decimals: 1),
        ]
    }

    /// One command against the limit measured around it.
    struct Measure {
        var usage: ChildUsage
        /// Megabytes (10⁶ bytes) of the original per second, the command's and the limit's.
        var rate: Double, limit: Double
        var ratio: Double { rate / limit }
        /// The limit in seconds for the file.
        var limitSeconds: Double { rate * usage.seconds / limit }
    }

    /// The processor time sealing cannot do without, whatever its code (Docs/PERFORMANCE.md, "What is left"):
    /// Argon2id at the desk key's cost, the original's SHA-256 (what a court expert recomputes), the
    /// secretstream over the padded file and the stream's SHA-256 (what the desk's signed list names), each
    /// timed here from memory. Spread perfectly over every core, it is the fastest sealing this machine allows,
    /// hence the highest ratio `files seal` can reach against a limit that one core's secretstream sets.
    struct SealFloor {
        var argon2id: Double, sha256: Double, secretstream: Double, cores: Int
        /// Stream bytes per original byte (padding and chunk overheads).
        var streamShare: Double

        static func measure(size: Int, cost: PassphraseCost) throws -> SealFloor {
            let start = ContinuousClock.now
            _ = try PassphraseKDF.deriveKey(passphrase: SecretBytes(utf8: "banc d'essai"), salt: [UInt8](repeating: 7, count: PassphraseKDF.saltLength), cost: cost)
            let argon2id = (ContinuousClock.now - start).seconds
            return SealFloor(argon2id: argon2id, sha256: sha256Seconds(size: size), secretstream: try secretstreamSeconds(size: size),
                             cores: ProcessInfo.processInfo.activeProcessorCount,
                             streamShare: Double(EvidenceStream.streamLength(size: size)) / Double(size))
        }

        /// Seconds of processor time: the four, the stream's two over the padded stream.
        var work: Double { argon2id + sha256 * (1 + streamShare) + secretstream * streamShare }

        /// The ceiling of `files seal` against a limit of `limit` seconds.
        func line(limit: Double) -> String {
            let floor = work / Double(cores)
            return "files seal ceiling on \(cores) cores: \(String(format: "%.2f", limit / floor)) × limit (processor time sealing needs: "
                + "Argon2id \(String(format: "%.2f", argon2id)) s + SHA-256 of the original \(String(format: "%.2f", sha256)) s and of the stream "
                + "\(String(format: "%.2f", sha256 * streamShare)) s + secretstream \(String(format: "%.2f", secretstream * streamShare)) s, "
                + "over \(cores) cores: \(String(format: "%.2f", floor)) s at best)"
        }
    }

    /// Seconds of SHA-256 (TemoinCrypto's, OpenSSL) over `size` bytes from memory (one 16 MiB block over and over).
    private static func sha256Seconds(size: Int) -> Double {
        let block = [UInt8](repeating: 0x5A, count: 16 << 20)
        let hash = SHA256()
        let start = ContinuousClock.now
        block.withUnsafeBytes { bytes in
            var done = 0
            while done < size {
                let length = min(bytes.count, size - done)
                hash.update(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
                done += length
            }
        }
        _ = hash.finish()
        return (ContinuousClock.now - start).seconds
    }

    /// Runs `command` between two measures of the limit on `file` (its input, `size` bytes of original), and
    /// keeps the higher limit: a busy disk or processor changes from minute to minute, and the better moment
    /// never flatters the command.
    private func measure(_ name: String, file: String, size: Int, say: (String) -> Void, _ command: () throws -> ChildUsage) throws -> Measure {
        let before = (crypto: try Self.secretstreamSeconds(size: size), copy: try Self.copySeconds(file, to: folder + "/copy", bytes: size))
        let usage = try command()
        let after = (crypto: try Self.secretstreamSeconds(size: size), copy: try Self.copySeconds(file, to: folder + "/copy", bytes: size))
        let megabytes = Double(size) / 1e6
        let limit = megabytes / min(max(before.crypto, before.copy), max(after.crypto, after.copy))
        say("files \(name): \(format(usage.seconds)) s (CPU \(format(usage.cpuSeconds)) s, peak \(format(Double(usage.peakBytes) / 1_048_576, 1)) MiB); "
            + "limit before and after: secretstream \(format(before.crypto)) and \(format(after.crypto)) s, copy \(format(before.copy)) and \(format(after.copy)) s; "
            + "load average \(Machine.loadAverage)")
        return Measure(usage: usage, rate: megabytes / usage.seconds, limit: limit)
    }

    /// Seconds to encrypt `size` bytes with libsodium's secretstream in chunks of the file stream's length,
    /// from memory to memory (one 16 MiB block encrypted over and over, so that the bytes come from memory).
    private static func secretstreamSeconds(size: Int) throws -> Double {
        Sodium.ensure()
        let chunk = EvidenceStream.chunkLength
        let block = [UInt8](repeating: 0x5A, count: 16 << 20)
        var key = [UInt8](repeating: 0, count: SecretStream.keyLength), header = [UInt8](repeating: 0, count: SecretStream.headerLength)
        randombytes_buf(&key, key.count)
        var state = crypto_secretstream_xchacha20poly1305_state()
        crypto_secretstream_xchacha20poly1305_init_push(&state, &header, key)
        var out = [UInt8](repeating: 0, count: chunk + SecretStream.overhead)
        var failures: Int32 = 0
        let start = ContinuousClock.now
        block.withUnsafeBufferPointer { bytes in
            var done = 0
            while done < size {
                let offset = done % bytes.count, length = min(chunk, size - done, bytes.count - offset)
                let tag = done + length == size ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message()
                failures |= crypto_secretstream_xchacha20poly1305_push(&state, &out, nil, bytes.baseAddress! + offset, UInt64(length), nil, 0, tag)
                done += length
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard failures == 0 else { throw BenchError.failed("secretstream push failed") }
        return seconds
    }

    /// Seconds to copy `bytes` of `source` into a new file `destination` on the same disk, synced, in 1 MiB
    /// reads and writes; the copy is removed.
    private static func copySeconds(_ source: String, to destination: String, bytes: Int) throws -> Double {
        let input = open(source, O_RDONLY | O_CLOEXEC), output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        defer { close(input); close(output); unlink(destination) }
        guard input >= 0, output >= 0 else { throw BenchError.failed("cannot copy \(source) to \(destination): \(String(cString: strerror(errno)))") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        let start = ContinuousClock.now
        var copied = 0
        while copied < bytes {
            let n = read(input, buffer.baseAddress, min(buffer.count, bytes - copied))
            guard n > 0, write(output, buffer.baseAddress, n) == n else { throw BenchError.failed("copy of \(source) failed at \(copied) bytes") }
            copied += n
        }
        guard fsync(output) == 0 else { throw BenchError.failed("fsync of \(destination): \(String(cString: strerror(errno)))") }
        return (ContinuousClock.now - start).seconds
    }

    /// A file of `size` bytes that libmagic reads as `video/mp4` (an `ftyp` box), then random bytes (as a
    /// compressed video is), written and synced.
    private static func writeVideo(_ path: String, size: Int) throws {
        let ftyp: [UInt8] = [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2avc1mp41".utf8)
        var block = SystemRandom().bytes(4 << 20)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BenchError.failed("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < size {
            if written == 0 { block.replaceSubrange(0..<ftyp.count, with: ftyp) } else { block[0..<8] = ArraySlice(withUnsafeBytes(of: written) { Array($0) }) }
            let length = min(block.count, size - written)
            guard block.withUnsafeBytes({ write(fd, $0.baseAddress, length) }) == length else { throw BenchError.failed("cannot write \(path)") }
            written += length
        }
        guard fsync(fd) == 0 else { throw BenchError.failed("fsync of \(path) failed") }
    }

    /// Logs go beside the folder, which is removed at the end.
    private func log(_ name: String) -> String { (folder as NSString).deletingLastPathComponent + "/\(name).log" }
    private func format(_ x: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", x) }
}
