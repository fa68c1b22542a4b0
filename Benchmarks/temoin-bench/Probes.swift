import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms

/// Measures run in a child process of their own, so that their memory is theirs alone.
/// Each prints `name=value` lines for `BenchRun` to read.
enum Probes {
    /// `seal-latency VAULT COUNT`: seals and durably stores COUNT testimonies one by one with
    /// `DeskVault.seal` (WAL, synchronous FULL); prints the median seconds per record.
    static func sealLatency(vault path: String, count: Int) throws {
        let vault = try DeskVault.open(at: path)
        _ = try vault.unlock(passphrase: SecretBytes(utf8: DataSet.deskPassphrase))
        let form = try vault.questionnaire()
        var seconds: [Double] = []
        for index in 0..<count {
            let answers = try SampleTestimonies.answers(index, form: form)
            let start = ContinuousClock.now
            _ = try vault.seal(answers, form: form)
            seconds.append((ContinuousClock.now - start).seconds)
        }
        print("seal_median=\(Stats.median(seconds))")
    }

    /// `export-probe VAULT PASSPHRASE_FILE OUT`: what `temoin export --all` does, with the peak
    /// resident size counted from after the unlock (Argon2id's 64 MiB are the unlock's, not the export's).
    static func export(vault path: String, passphraseFile: String, out: String) throws {
        let vault = try DeskVault.open(at: path)
        let secrets = try vault.unlock(passphrase: SecretBytes(utf8: try passphrase(inFile: passphraseFile)))
        try ProcessMemory.resetPeak()
        let start = ContinuousClock.now
        let summary = try vault.export(to: out, all: true, secrets: secrets)
        print("export_seconds=\((ContinuousClock.now - start).seconds)")
        print("export_bytes=\(summary.byteCount)")
        print("export_peak=\(ProcessMemory.peak)")
    }

    /// `desk VAULT HOME`: one desk session on the in-memory terminal (see `DeskProbe`).
    static func desk(vault: String, home: String) throws {
        let result = try DeskProbe(vault: vault, home: home).run()
        print("desk_start=\(result.startSeconds)")
        print("desk_argon2=\(result.argon2Seconds)")
        print("desk_keystroke=\(result.keystrokeSeconds)")
        print("desk_paste=\(result.pasteSeconds)")
        print("desk_resident=\(result.residentBytes)")
    }

    /// `desk-pty VAULT HOME`: keys typed into the desk UI drawn by ncursesw on a pty (see `PtyKeystrokeProbe`).
    static func deskPty(vault: String, home: String) throws {
        let result = try PtyKeystrokeProbe(vault: vault, home: home).run()
        print("pty_keys=\(result.latencies.count)")
        print("pty_autosaves=\(result.autosaves)")
        print("pty_median=\(Stats.median(result.latencies))")
        print("pty_p99=\(Stats.percentile(99, of: result.latencies))")
        print("pty_max=\(result.latencies.max() ?? 0)")
    }

    /// `team-ui INBOX KEY PASSPHRASE_FILE`: one session of the team browser (see `TeamProbe`); prints the
    /// opening time, the 99th percentile and the slowest of its keys, and each key as `key NAME=SECONDS`.
    static func teamUI(inbox: String, key: String, passphraseFile: String) throws {
        let result = try TeamProbe(inbox: inbox, key: key, passphraseFile: passphraseFile).run()
        let seconds = result.keys.map(\.seconds)
        print("team_open=\(result.openSeconds)")
        print("team_keys=\(seconds.count)")
        print("team_key_p99=\(Stats.percentile(99, of: seconds))")
        print("team_key_median=\(Stats.median(seconds))")
        print("team_first_search=\(result.keys.first { $0.name == "first search key" }?.seconds ?? .nan)")
        print("team_resident=\(result.residentBytes)")
        print("team_open_cpu=\(result.openCPU)")
        print("team_key_p99_cpu=\(Stats.percentile(99, of: result.keys.map(\.cpu)))")
        if let slowest = result.keys.max(by: { $0.seconds < $1.seconds }) { print("slowest key: \(slowest.name) \(String(format: "%.1f", slowest.seconds * 1000)) ms") }
        for key in result.keys { print("key \(key.name)=\(key.seconds)") }
        for key in result.keys { print("cpu \(key.name)=\(key.cpu)") }
    }

    /// Reads the `name=value` lines a probe printed.
    static func values(in file: String) throws -> ProbeValues {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return ProbeValues(file: file, values: Dictionary(text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            return (String(parts[0]), value)
        }, uniquingKeysWith: { _, last in last }))
    }
}

/// The values a probe process printed: one it did not print (it crashed, or printed something else) is an
/// error that names it and the file, not a crash of the benchmark.
struct ProbeValues {
    let file: String
    let values: [String: Double]

    /// The value printed as `name=…`.
    func callAsFunction(_ name: String) throws -> Double {
        guard let value = values[name] else { throw BenchError.failed("the probe's output \(file) has no \(name)=") }
        return value
    }
}
