import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat

/// The whole of `make bench`: generates the data, runs every measure, prints one line per target.
struct BenchRun {
    /// The `temoin` executable (release build).
    var temoin: String
    /// `Scripts/temoin_reader.py`, the PyNaCl peer.
    var reader: String
    /// Where the data and outputs go (recreated).
    var folder: String
    /// Records of the large bundle.
    var records: Int
    /// Records of the small bundle (decrypt memory is compared between the two).
    var small: Int
    /// Repetitions of each timed measure (medians are reported).
    var repetitions: Int
    /// Only the decryption lines (`--only decrypt`): the data, one export, the imports and the decryption
    /// rounds, none of the desk, team, report or file measures — for working on decryption in minutes.
    var decryptOnly = false

    private var python: String { "/usr/bin/python3" }
    private var me: String { URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path }

    /// Runs everything; returns whether every target passed.
    func run() throws -> Bool {
        let began = ContinuousClock.now
        let cores = ProcessInfo.processInfo.activeProcessorCount
        say("machine: \(Machine.description); load average \(Machine.loadAverage)")

        let data = try timed("generating \(small) sealed records") {
            let data = try DataSet.create(in: folder)
            try data.addRecords(small, first: 0)
            return data
        }
        let smallBundle = folder + "/small.tmn"
        try timed("exporting them") { try ChildProcess.run(exportCommand(data, to: smallBundle, all: false), stderr: log("export-small")) }
        try timed("generating \(records - small) more") { try data.addRecords(records - small, first: small) }

        // Export: the real command, repeated (once for the decryption lines alone).
        let bigBundle = folder + "/big.tmn"
        var exportSeconds: [Double] = []
        var exportPeak = 0
        for round in 0..<(decryptOnly ? 1 : repetitions) {
            let out = round == 0 ? bigBundle : folder + "/export-\(round).tmn"
            let usage = try ChildProcess.run(exportCommand(data, to: out, all: true), stderr: log("export"))
            exportSeconds.append(usage.seconds)
            exportPeak = max(exportPeak, usage.peakBytes)
            if round > 0 { try FileManager.default.removeItem(atPath: out) }
            say("export of \(records): \(format(usage.seconds)) s, peak RSS \(mib(usage.peakBytes)) MiB (Argon2id included)")
        }
        let deskArgon2 = Int(try DeskVault.open(at: data.vault).deskKey().cost.memLimit)
        let bundleBytes = try FileManager.default.attributesOfItem(atPath: bigBundle)[.size] as! Int

        // The team's inbox: the bundles imported (verified whole) once, then decrypted from there.
        let (bigInbox, smallInbox) = (folder + "/inbox-big", folder + "/inbox-small")
        try timed("importing both bundles") {
            try ChildProcess.run([temoin, "team", "import", "--inbox", bigInbox, bigBundle], stderr: log("import"), environment: isolated)
            try ChildProcess.run([temoin, "team", "import", "--inbox", smallInbox, smallBundle], stderr: log("import"), environment: isolated)
        }

        // Interoperability: both readers give the same testimonies for the small bundle.
        let (temoinSmall, pythonSmall) = (folder + "/small-temoin.jsonl", folder + "/small-python.jsonl")
        try ChildProcess.run(decryptCommand(data, smallBundle, out: temoinSmall), stderr: log("decrypt-small"), environment: isolated)
        try ChildProcess.run(readerCommand(data, smallBundle, out: pythonSmall), stderr: log("reader-small"))
        try compareOutputs(temoinSmall, pythonSmall, expected: small)

        // Decryption: raw limit, Témoin and PyNaCl interleaved, ratios per round.
        let (key, envelope) = try rawInputs(data, smallBundle)
        let hash = hashSeconds(envelope)
        var raw: [Double] = [], temoinRates: [Double] = [], limitRatios: [Double] = [], bundleRatios: [Double] = [], peerRatios: [Double] = []
        var bundleHashedRatios: [Double] = [], peerCPURatios: [Double] = []
        var cpuPerRecord: [Double] = []
        var decryptPeaks: [Double] = [], smallPeaks: [Double] = []
        for round in 0..<repetitions {
            let rate = try rawRate(envelope, key: key)
            let out = folder + "/big-temoin.jsonl"
            let temoinRun = try ChildProcess.run(decryptCommand(data, inbox: bigInbox, out: out), stderr: log("decrypt"), environment: isolated)
            try FileManager.default.removeItem(atPath: out)
            // The bundle path's limit, measured just before and just after its run (a busy machine changes from minute to minute).
            let before = try hashedLimit(envelope, key: key, cores: cores, perRecord: 1 / rate + hash)
            let bundleRun = try ChildProcess.run(decryptCommand(data, bigBundle, out: out), stderr: log("decrypt-bundle"), environment: isolated)
            let after = try hashedLimit(envelope, key: key, cores: cores, perRecord: 1 / rate + hash)
            let bundleLimit = max(before.limit, after.limit)
            try FileManager.default.removeItem(atPath: out)
            let peerRun = try ChildProcess.run(readerCommand(data, bigBundle, out: out), stderr: log("reader"))
            try FileManager.default.removeItem(atPath: out)
            let smallRun = try ChildProcess.run(decryptCommand(data, inbox: smallInbox, out: out), stderr: log("decrypt-small"), environment: isolated)
            try FileManager.default.removeItem(atPath: out)
            let temoinRate = Double(records) / temoinRun.seconds
            raw.append(rate)
            temoinRates.append(temoinRate)
            limitRatios.append(temoinRate / (Double(cores) * rate))
            bundleRatios.append(Double(records) / bundleRun.seconds / (Double(cores) * rate))
            peerRatios.append(peerRun.seconds / bundleRun.seconds)
            // The bundle path's own limit: each record opened and hashed (BLAKE2b-32 of the whole envelope).
            bundleHashedRatios.append(Double(records) / bundleRun.seconds / bundleLimit)
            peerCPURatios.append(peerRun.cpuSeconds / bundleRun.cpuSeconds)
            cpuPerRecord.append(temoinRun.cpuSeconds / Double(records))
            decryptPeaks.append(Double(temoinRun.peakBytes))
            smallPeaks.append(Double(smallRun.peakBytes))
            say("round \(round + 1): raw \(Int(rate)) records/s/core; temoin inbox \(Int(temoinRate)) records/s (\(format(temoinRun.seconds)) s, "
                + "CPU \(format(temoinRun.cpuSeconds)) s, peak \(mib(temoinRun.peakBytes)) MiB); temoin bundle \(format(bundleRun.seconds)) s "
                + "(CPU \(format(bundleRun.cpuSeconds)) s; limit \(Int(bundleLimit)) records/s; \(cores) cores at once \(format(min(before.together, after.together) / bundleLimit)) to \(format(max(before.together, after.together) / bundleLimit)) of it); PyNaCl \(format(peerRun.seconds)) s (CPU \(format(peerRun.cpuSeconds)) s); \(small) records peak \(mib(smallRun.peakBytes)) MiB; load average \(Machine.loadAverage)")
        }
        let decryptVsLimit = Target(name: "decrypt vs limit", value: Stats.median(limitRatios), unit: "× (cores × raw limit)", bound: .atLeast(0.85))
        let decryptVsPeer = Target(name: "decrypt vs PyNaCl", value: Stats.median(peerRatios), unit: "× faster", bound: .atLeast(1.7))
        let memoryGrowth = Target(name: "decrypt memory growth \(small / 1000)k→\(records / 1000)k", value: (Stats.median(decryptPeaks) - Stats.median(smallPeaks)) / Double(records - small),
                                  unit: "B of peak RSS per record", bound: .atMost(64), decimals: 0)
        let bundleVsLimit = Target(name: "decrypt bundle vs limit", value: Stats.median(bundleHashedRatios), unit: "× (cores × (raw open + BLAKE2b-32))", bound: .atLeast(0.90))
        let bundlePerCPU = Target(name: "decrypt vs PyNaCl per CPU", value: Stats.median(peerCPURatios), unit: "× less processor time", bound: .atLeast(1.6))
        let summary = {
            let rawMicroseconds = 1e6 / Stats.median(raw), cpuMicroseconds = Stats.median(cpuPerRecord) * 1e6
            emit("raw limit: \(Int(Stats.median(raw))) records/s per core (crypto_box_seal_open + XChaCha20-Poly1305, \(envelope.bytes.count)-byte envelopes)")
            emit("cores: \(cores)")
            emit("decrypt: \(Int(Stats.median(temoinRates))) records/s (\(records) records from the inbox, JSON Lines); "
                 + "CPU \(format(cpuMicroseconds, 1)) µs per record, of which libsodium's opening \(format(rawMicroseconds, 1)) µs (\(format(rawMicroseconds / cpuMicroseconds)))")
            emit("decrypt of the bundle file (each record hashed, BLAKE2b \(format(hash * 1e6, 1)) µs): \(format(Stats.median(bundleRatios))) × (cores × raw limit); "
                 + "ceiling with the hash: \(format(rawMicroseconds / (rawMicroseconds + hash * 1e6)))")
        }
        if decryptOnly {
            say("total time \(format((ContinuousClock.now - began).seconds, 0)) s; load average \(Machine.loadAverage)")
            emit("")
            summary()
            let lines = [decryptVsLimit, decryptVsPeer, memoryGrowth, bundleVsLimit, bundlePerCPU]
            for target in lines { emit(target.line) }
            return lines.allSatisfy(\.passes)
        }

        let probeOut = folder + "/probe.out"
        try ChildProcess.run([me, "export-probe", data.vault, data.deskPassphraseFile, folder + "/probe.tmn"], stdout: probeOut, stderr: log("export-probe"))
        try FileManager.default.removeItem(atPath: folder + "/probe.tmn")
        let probe = try Probes.values(in: probeOut)
        try say("export probe: \(format(probe("export_seconds"))) s, peak RSS \(mib(Int(probe("export_peak")))) MiB after unlock")

        let sealOut = folder + "/seal.out"
        try ChildProcess.run([me, "seal-latency", data.vault, "30"], stdout: sealOut, stderr: log("seal"))
        let seal = try Probes.values(in: sealOut)("seal_median")

        var deskStart: [Double] = [], keystroke: [Double] = [], paste: [Double] = [], deskResident = 0
        for round in 0..<repetitions {
            let out = folder + "/desk.out"
            try ChildProcess.run([me, "desk", data.vault, folder + "/desk-home"], stdout: out, stderr: log("desk"))
            let desk = try Probes.values(in: out)
            try deskStart.append(desk("desk_start"))
            try keystroke.append(desk("desk_keystroke"))
            try paste.append(desk("desk_paste"))
            deskResident = try max(deskResident, Int(desk("desk_resident")))
            try say("desk \(round + 1): start \(format(desk("desk_start") * 1000)) ms (+ Argon2id \(format(desk("desk_argon2") * 1000)) ms), "
                + "keystroke \(format(desk("desk_keystroke") * 1000, 3)) ms, paste 10 KB \(format(desk("desk_paste") * 1000, 1)) ms, RSS \(mib(Int(desk("desk_resident")))) MiB")
        }

        var ptyP99: [Double] = []
        for round in 0..<repetitions {
            let out = folder + "/desk-pty.out"
            try ChildProcess.run([me, "desk-pty", data.vault, folder + "/desk-home"], stdout: out, stderr: log("desk-pty"))
            let pty = try Probes.values(in: out)
            try ptyP99.append(pty("pty_p99"))
            try say("desk on a pty \(round + 1): \(Int(pty("pty_keys"))) keys, \(Int(pty("pty_autosaves"))) with an autosave; median \(format(pty("pty_median") * 1000, 3)) ms, "
                + "p99 \(format(pty("pty_p99") * 1000, 3)) ms, max \(format(pty("pty_max") * 1000, 3)) ms")
        }

        // The team at 100,000 testimonies: the browser in a process of its own, the CLI as the user runs it.
        var teamOpen: [Double] = [], teamP99: [Double] = [], teamResident = 0
        for round in 0..<repetitions {
            let out = folder + "/team-ui.out"
            try ChildProcess.run([me, "team-ui", bigInbox, data.teamKey, data.teamPassphraseFile], stdout: out, stderr: log("team-ui"))
            let team = try Probes.values(in: out)
            try teamOpen.append(team("team_open"))
            try teamP99.append(team("team_key_p99"))
            teamResident = try max(teamResident, Int(team("team_resident")))
            let slowest = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("slowest key: ") }.map { $0.dropFirst("slowest key: ".count) } ?? "?"
            try say("team browser \(round + 1): open \(format(team("team_open"))) s; \(Int(team("team_keys"))) keys, median \(format(team("team_key_median") * 1000, 1)) ms, "
                + "p99 \(format(team("team_key_p99") * 1000, 1)) ms, first search key \(format(team("team_first_search") * 1000, 1)) ms, "
                + "slowest \(slowest); RSS \(mib(Int(team("team_resident")))) MiB")
        }
        var statsSeconds: [Double] = []
        for round in 0..<repetitions {
            let table = folder + "/stats.txt"
            let stats = try ChildProcess.run(teamCommand(data, "stats", inbox: bigInbox, ["--by", "face_photo", "--by", "city"]),
                                             stdout: table, stderr: log("stats"), environment: isolated)
            try expectCounted(records, in: table)
            statsSeconds.append(stats.seconds)
            say("team stats \(round + 1): --by face_photo --by city \(format(stats.seconds)) s (CPU \(format(stats.cpuSeconds)) s, peak \(mib(stats.peakBytes)) MiB)")
        }
        // Once: a run is long enough (tens of seconds) that one measure varies little, and three made `make bench` minutes longer.
        let html = folder + "/report.html"
        let report = try ChildProcess.run(teamCommand(data, "report", inbox: bigInbox, ["--html", html]), stderr: log("report"), environment: isolated)
        let htmlBytes = try FileManager.default.attributesOfItem(atPath: html)[.size] as? Int ?? 0
        try FileManager.default.removeItem(atPath: html)
        say("team report --html: \(format(report.seconds)) s (CPU \(format(report.cpuSeconds)) s, peak \(mib(report.peakBytes)) MiB, \(htmlBytes / 1_000_000) MB)")
        let team = [
            Target(name: "team open", value: Stats.median(teamOpen), unit: "s (passphrase to the list of \(records))", bound: .atMost(3)),
            Target(name: "team key p99", value: Stats.median(teamP99) * 1000, unit: "ms (list, first search, filter, crosstab)", bound: .atMost(100), decimals: 1),
            Target(name: "team stats", value: Stats.median(statsSeconds), unit: "s (two-way crosstab, whole process)", bound: .atMost(2)),
            Target(name: "team report", value: report.seconds, unit: "s (HTML of \(records), whole process)", bound: .atMost(60), decimals: 1),
            Target(name: "team report peak RSS", value: Double(report.peakBytes) / 1_048_576, unit: "MiB", bound: .atMost(512), decimals: 1),
        ]

        let headlines = [
            bundleVsLimit,
            bundlePerCPU,
            Target(name: "export peak RSS whole process", value: Double(exportPeak) / 1_048_576, unit: "MiB",
                   bound: .atMost(Double(deskArgon2) / 1_048_576 + 64), decimals: 1),
            Target(name: "keystroke p99", value: Stats.median(ptyP99) * 1000, unit: "ms (ncursesw on a pty, autosave on)", bound: .atMost(2), decimals: 3),
        ]
        let targets = try [
            decryptVsLimit,
            decryptVsPeer,
            Target(name: "seal latency", value: seal * 1000, unit: "ms", bound: .atMost(20)),
            Target(name: "export peak RSS", value: probe("export_peak") / 1_048_576, unit: "MiB", bound: .atMost(64), decimals: 1),
            memoryGrowth,
            Target(name: "desk start", value: Stats.median(deskStart) * 1000, unit: "ms", bound: .atMost(200), decimals: 1),
            Target(name: "keystroke", value: Stats.median(keystroke) * 1000, unit: "ms", bound: .atMost(1), decimals: 3),
            Target(name: "paste 10 KB", value: Stats.median(paste) * 1000, unit: "ms", bound: .atMost(100), decimals: 1),
            Target(name: "desk memory", value: Double(deskResident) / 1_048_576, unit: "MiB", bound: .atMost(40), decimals: 1),
        ]
        // Evidence files (issue 14): a bench of its own, on a fresh vault, its data removed at the end.
        let files = try FilesBench(temoin: temoin, folder: folder + "/files", megabytes: FilesBench.megabytesFromEnvironment).run(say: say)

        say("total time \(format((ContinuousClock.now - began).seconds, 0)) s; load average \(Machine.loadAverage)")
        emit("")
        summary()
        emit("export: \(format(Double(bundleBytes) / 1e6 / Stats.median(exportSeconds), 1)) MB/s (\(records) records, \(bundleBytes) bytes, peak RSS with Argon2id \(mib(exportPeak)) MiB)")
        for target in targets { emit(target.line) }
        emit("")
        emit("headline (issue 12; the desk key's Argon2id takes \(deskArgon2 >> 20) MiB):")
        for target in headlines { emit(target.line) }
        emit("")
        emit("team at \(records) testimonies (issue 13; browser RSS \(mib(teamResident)) MiB):")
        for target in team { emit(target.line) }
        emit("")
        emit("evidence files (issue 14; limit: the slower of secretstream in memory and a synced copy on the same disk):")
        for target in files { emit(target.line) }
        return (targets + headlines + team + files).allSatisfy(\.passes)
    }

    // MARK: Commands

    /// No user files: decryption reads only the bundle or the inbox it is given.
    private var isolated: [String: String] { ["XDG_DATA_HOME": folder + "/xdg", "HOME": folder] }

    private func exportCommand(_ data: DataSet, to out: String, all: Bool) -> [String] {
        [temoin, "export", "--out", out, "--vault", data.vault, "--passphrase-file", data.deskPassphraseFile] + (all ? ["--all"] : [])
    }

    private func decryptCommand(_ data: DataSet, _ bundle: String, out: String) -> [String] {
        [temoin, "team", "decrypt", "--key", data.teamKey, "--passphrase-file", data.teamPassphraseFile, "--out", out, bundle]
    }

    /// Decryption of the team inbox `inbox` (no bundle named): every record opened, the inbox's decryption
    /// cache neither read nor written (`--no-cache`), so that each round measures decryption itself.
    private func decryptCommand(_ data: DataSet, inbox: String, out: String) -> [String] {
        [temoin, "team", "decrypt", "--inbox", inbox, "--no-cache", "--key", data.teamKey, "--passphrase-file", data.teamPassphraseFile, "--out", out]
    }

    /// `temoin team SUBCOMMAND` on the inbox `inbox`, with `options`.
    private func teamCommand(_ data: DataSet, _ subcommand: String, inbox: String, _ options: [String]) -> [String] {
        [temoin, "team", subcommand, "--inbox", inbox, "--key", data.teamKey, "--passphrase-file", data.teamPassphraseFile] + options
    }

    private func readerCommand(_ data: DataSet, _ bundle: String, out: String) -> [String] {
        [python, reader, "decrypt", "--key", data.teamKey, "--passphrase-file", data.teamPassphraseFile, "--out", out, bundle]
    }

    private func log(_ name: String) -> String { folder + "/\(name).log" }

    // MARK: Raw limit

    /// The team key and the first envelope of `bundle`.
    private func rawInputs(_ data: DataSet, _ bundle: String) throws -> (TeamKeyPair, RecordEnvelope) {
        let key = try SecretKeyFile(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: data.teamKey))))
            .openTeamKey(passphrase: SecretBytes(utf8: try passphrase(inFile: data.teamPassphraseFile)))
        var first: RecordEnvelope?
        try BundleReader.read(bundle) { if first == nil { first = $0 } }
        guard let first else { throw BenchError.failed("\(bundle) holds no record") }
        return (key, first)
    }

    /// Records per second on one core: the median of five timed loops of about 0.3 s.
    private func rawRate(_ envelope: RecordEnvelope, key: TeamKeyPair) throws -> Double {
        let probe = 200
        let perRecord = try RawLimit.openSeconds(envelope, key: key, iterations: probe) / Double(probe)
        let iterations = max(100, Int(0.3 / perRecord))
        return Stats.median(try (0..<5).map { _ in Double(iterations) / (try RawLimit.openSeconds(envelope, key: key, iterations: iterations)) })
    }

    /// The bundle path's limit now: records per second of the raw open and BLAKE2b-32 of `envelope` (libsodium
    /// alone, in a tight loop of about 0.5 s; `perRecord` is one core's estimate), the higher of `cores` × one
    /// thread's rate and `cores` threads' rate at once (`together`), so that neither flatters the decryption.
    private func hashedLimit(_ envelope: RecordEnvelope, key: TeamKeyPair, cores: Int, perRecord: Double) throws -> (limit: Double, together: Double) {
        let iterations = max(100, Int(0.5 / perRecord))
        let one = Double(iterations) / (try RawLimit.openSeconds(envelope, key: key, iterations: iterations, hashing: true))
        let failures = FailureCount()
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: cores) { _ in
            if (try? RawLimit.openSeconds(envelope, key: key, iterations: iterations, hashing: true)) == nil { failures.add() }
        }
        let together = Double(cores * iterations) / (ContinuousClock.now - start).seconds
        guard failures.count == 0 else { throw BenchError.failed("the raw opening failed on \(failures.count) of \(cores) cores") }
        return (max(Double(cores) * one, together), together)
    }

    /// Seconds to BLAKE2b one envelope (what verifying a bundle does per record and pass), median of five loops.
    private func hashSeconds(_ envelope: RecordEnvelope) -> Double {
        Stats.median((0..<5).map { _ in
            let start = ContinuousClock.now
            for _ in 0..<2000 { _ = Blake2b.hash(envelope.bytes, outputLength: 32) }
            return (ContinuousClock.now - start).seconds / 2000
        })
    }

    // MARK: Checks and output

    /// Both outputs hold the same testimonies (compared as parsed JSON, line by line).
    private func compareOutputs(_ a: String, _ b: String, expected: Int) throws {
        let linesA = try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n")
        let linesB = try String(contentsOfFile: b, encoding: .utf8).split(separator: "\n")
        guard linesA.count == expected, linesB.count == expected else {
            throw BenchError.failed("decrypted \(linesA.count) and \(linesB.count) records, expected \(expected)")
        }
        // Compared by content, each line parsed and written again with its keys sorted: not through `NSDictionary`,
        // whose equality the statically linked Foundation does not bridge (identical files compared unequal).
        func canonical(_ line: Substring) throws -> Data {
            try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(line.utf8)), options: [.sortedKeys])
        }
        for (x, y) in zip(linesA, linesB) where try canonical(x) != canonical(y) {
            throw BenchError.failed("Témoin and the PyNaCl reader disagree:\n\(x)\n\(y)")
        }
        say("Témoin and the PyNaCl reader give the same \(expected) testimonies")
    }

    /// The stats table counted every testimony (a crosstab of nothing would be quick, and wrong).
    private func expectCounted(_ records: Int, in table: String) throws {
        let text = try String(contentsOfFile: table, encoding: .utf8)
        guard text.contains(String(records)) || text.contains(records.formatted(.number.locale(Locale(identifier: "fr_FR")))) else {
            throw BenchError.failed("team stats did not count \(records) testimonies:\n\(text.prefix(800))")
        }
    }

    @discardableResult
    private func timed<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let result = try body()
        say("\(what): \(format((ContinuousClock.now - start).seconds)) s")
        return result
    }

    private func say(_ text: String) { emit("· " + text) }
    private func mib(_ bytes: Int) -> String { format(Double(bytes) / 1_048_576, 1) }
    private func format(_ x: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", x) }
}

/// Failures counted from several threads.
private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var failures = 0
    var count: Int { lock.withLock { failures } }
    func add() { lock.withLock { failures += 1 } }
}

/// What the results depend on: cores, CPU, memory, load.
enum Machine {
    /// `2 cores, AMD EPYC, 23.5 GiB`.
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(String(format: "%.1f", memory)) GiB"
    }

    /// The 1, 5 and 15-minute load averages.
    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }
}
