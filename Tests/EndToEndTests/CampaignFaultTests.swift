import Foundation
import TemoinTestSupport
import XCTest

/// Fault campaign (issue 17): the C library's I/O calls fail at random under libfiu (`fiu-run -x`) while
/// `temoin record`, `export`, `team import` and `team decrypt` run.
///
/// Each trial draws, from the campaign's seeded generator, a command, a fault (EIO, ENOSPC, EINTR, or short
/// reads and writes), a probability and a seed for libfiu's own generator (`FIU_PRNG_SEED`): with the same
/// `TEMOIN_CAMPAIGN_SEED`, every trial injects the same faults at the same calls, as far as the program
/// makes its calls in the same order (its threads and the clock can change that order a little).
///
/// Held after every trial: no crash (no exit ≥ 128), no hang (a time limit per trial), a message that names
/// the true cause (an EIO never reads "permission", "malformed", "missing" or "full"), the vault opens;
/// a bundle that was written verifies, and a failed export leaves nothing at its destination (or, when the
/// removal failed too, a bundle that verifies); a decryption
/// outputs only lines of the fault-free decryption. At the end: SQLite's `integrity_check` is ok, every
/// printed receipt decrypts, every bundle exported under faults decrypts to exactly what was sealed, and
/// every bundle imported under faults decrypts from the inbox.
final class CampaignFaultTests: XCTestCase {
    /// What a trial makes fail.
    enum Fault: CaseIterable {
        case eio, enospc, eintr, short

        /// The libfiu commands: which failure points, with which errno. `spareProc` leaves `open` and `read`
        /// alone: libdispatch's worker-pool monitor, which runs in long commands, opens and reads
        /// `/proc/self/task/N/stat` and stops the process when that fails, which no disk can make happen.
        func commands(probability: Double, spareProc: Bool) -> [String] {
            let p = String(format: "%.4f", probability)
            switch self {
            case .eio where spareProc:
                return ["oc/close", "rw/pread", "rw/write", "rw/pwrite", "rw/writev", "rw/ftruncate", "sync/fsync", "sync/fdatasync", "dir/unlink", "dir/rename"].map {
                    "enable_random name=posix/io/\($0),probability=\(p),failinfo=\(EIO)"
                }
            case .eio: return ["enable_random name=posix/io/*,probability=\(p),failinfo=\(EIO)"]
            case .enospc:
                return ["rw/write", "rw/pwrite", "rw/writev", "rw/ftruncate", "sync/fsync", "sync/fdatasync"].map {
                    "enable_random name=posix/io/\($0),probability=\(p),failinfo=\(ENOSPC)"
                }
            case .eintr:   // what a signal interrupts; fsync is left alone (SQLite does not retry it)
                return (spareProc ? ["rw/pread", "rw/write", "rw/pwrite"] : ["rw/read", "rw/pread", "rw/write", "rw/pwrite", "oc/open"]).map {
                    "enable_random name=posix/io/\($0),probability=\(p),failinfo=\(EINTR)"
                }
            case .short:
                return ["rw/read/reduce", "rw/pread/reduce", "rw/write/reduce", "rw/pwrite/reduce"].map {
                    "enable_random name=posix/io/\($0),probability=\(p)"
                }
            }
        }

        /// Words a message of this fault must never say: a wrong cause sends the volunteer the wrong way.
        var wrongCauses: [String] {
            let always = ["permission", "malformed", "missing", "Error Domain", "not a Témoin bundle", "Unexpected error"]
            switch self {
            case .eio: return always + ["is full"]
            case .enospc, .short: return always
            case .eintr: return always + ["is full", "read/write error"]
            }
        }
    }

    /// What a trial runs under faults.
    enum Operation: CaseIterable { case record, export, teamImport, teamDecrypt }

    /// The figures of the campaign.
    private struct Figures {
        var trials = 0, succeeded = 0, failedCleanly = 0
        var byOperation: [String: Int] = [:], byFault: [String: Int] = [:]
        var receipts = 0, bundles = 0, imports = 0, decryptLines = 0, leftVerified = 0
    }

    func testInjectedIOFaultsLoseNothingAndNameTheirCause() throws {
        let fiu = try FaultMessageTests.fiuRun()
        var random = SeededRandom.fromEnvironment("faults")
        let cli = try CommandRunner.withTeamAndDesk(self)
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: CommandRunner.testimonies("départ", count: 3)).status, 0)
        XCTAssertEqual(try cli.run(["export", "--all", "--out", "ref.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let reference = try cli.decrypt(["ref.tmn"])
        XCTAssertEqual(reference.result.status, 0, reference.result.stderr)
        let referenceLines = Set(reference.result.stdout.split(separator: "\n").map(String.init))
        try FileManager.default.createDirectory(atPath: cli.folder + "/exports", withIntermediateDirectories: true)

        let trials = CampaignScale.count(short: 16, full: 1_000)
        var figures = Figures()
        var acknowledged = Set(CommandRunner.receipts(in: try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: CommandRunner.testimonies("avant", count: 3)).stdout))
        var exported: [String] = [], imported: [String] = []
        for trial in 0..<trials {
            let operation = Operation.allCases[trial % Operation.allCases.count]
            let fault = Fault.allCases.randomElement(using: &random)!
            let probability = Double.random(in: 0.002...0.06, using: &random)
            let fiuSeed = UInt32.random(in: 1...UInt32(Int32.max), using: &random)
            var arguments: [String]
            let out = "exports/t\(trial).tmn"
            switch operation {
            case .record: arguments = ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"]
            case .export: arguments = ["export", "--out", out, "--vault", "vault", "--passphrase-file", "desk-pass"] + (trial % 8 == 1 ? ["--all"] : [])
            case .teamImport: arguments = ["team", "import", "--inbox", "inbox", (exported.randomElement(using: &random) ?? "ref.tmn")]
            case .teamDecrypt: arguments = ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "ref.tmn"]
            }
            let label = "trial \(trial) (\(operation), \(fault), p=\(String(format: "%.4f", probability)), FIU_PRNG_SEED=\(fiuSeed))"
            let input = operation == .record ? CommandRunner.testimonies("essai \(trial)", count: 3) : nil
            let run = try runUnderFaults(cli, fiu: fiu, commands: fault.commands(probability: probability, spareProc: operation == .export), seed: fiuSeed,
                                         arguments: arguments, input: input)
            figures.trials += 1
            figures.byOperation["\(operation)", default: 0] += 1
            figures.byFault["\(fault)", default: 0] += 1
            guard let status = run.status else {
                XCTFail("\(label): hung (killed after \(Self.trialLimit) s)")
                continue
            }
            XCTAssertLessThan(status, 128, "\(label): crashed (exit \(status)):\n\(run.stderr)")
            let said = run.stdout + run.stderr
            for wrong in fault.wrongCauses where said.contains(wrong) {
                XCTFail("\(label): the message names a wrong cause (\"\(wrong)\"):\n\(said)")
            }
            if status == 0 { figures.succeeded += 1 } else { figures.failedCleanly += 1 }
            let nothingNew = said.contains("Nothing new to export")   // earlier trials stored nothing new: not a fault
            if fault == .eintr && !nothingNew { XCTAssertEqual(status, 0, "\(label): an interrupted call is tried again:\n\(said)") }

            switch operation {
            case .record:
                let printed = CommandRunner.receipts(in: run.stdout)
                acknowledged.formUnion(printed)
                figures.receipts += printed.count
            case .export:
                let partial = FileManager.default.fileExists(atPath: cli.folder + "/" + out + ".partial")
                XCTAssertFalse(partial, "\(label): a half bundle was left")
                if status == 0 {
                    let verify = try cli.run(["verify", out])
                    XCTAssertEqual(verify.status, 0, "\(label): the exported bundle verifies: \(verify.stdout)")
                    exported.append(out)
                    figures.bundles += 1
                } else if FileManager.default.fileExists(atPath: cli.folder + "/" + out) {
                    // Only when removing it failed too (faults hit unlink): then it is a whole, verified bundle.
                    XCTAssertEqual(try cli.run(["verify", out]).status, 0, "\(label): a failed export left a bundle that does not verify")
                    figures.leftVerified += 1
                }
            case .teamImport:
                if status == 0 { imported.append(arguments.last!); figures.imports += 1 }
            case .teamDecrypt:
                for line in run.stdout.split(separator: "\n") where !referenceLines.contains(String(line)) {
                    XCTFail("\(label): a decrypted line differs from what was sealed: \(line)")
                }
                figures.decryptLines += run.stdout.split(separator: "\n").count
            }
            if operation == .record || operation == .export {
                let status = try cli.run(["status", "--vault", "vault"])
                XCTAssertEqual(status.status, 0, "\(label): the vault opens afterwards: \(status.stderr)")
            }
            if trial % 50 == 49 { XCTAssertEqual(try cli.integrityCheck(), "ok", "\(label): integrity_check") }
        }

        // Everything acknowledged is there, and every bundle made under faults holds exactly what was sealed.
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        let final = try cli.run(["export", "--all", "--out", "final.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(final.status, 0, final.stderr)
        let (records, result) = try cli.decrypt(["final.tmn"])
        XCTAssertEqual(result.status, 0, "every stored record decrypts: \(result.stderr)")
        let sealed = Dictionary(records.compactMap { record in (record["receipt"] as? String).map { ($0, record) } }) { first, _ in first }
        let lost = acknowledged.subtracting(sealed.keys)
        XCTAssertTrue(lost.isEmpty, "acknowledged records lost: \(lost.sorted())")
        for bundle in exported {
            let (made, decrypted) = try cli.decrypt([bundle])
            XCTAssertEqual(decrypted.status, 0, "\(bundle) decrypts: \(decrypted.stderr)")
            for record in made {
                let receipt = record["receipt"] as? String ?? "?"
                XCTAssertEqual(record["answers"] as? NSDictionary, sealed[receipt]?["answers"] as? NSDictionary,
                               "\(bundle): record \(receipt) differs from what was sealed")
            }
        }
        let inbox = try cli.run(["team", "decrypt", "--inbox", "inbox", "--key", "team/team.key", "--passphrase-file", "team-pass"])
        if !imported.isEmpty { XCTAssertEqual(inbox.status, 0, "every bundle imported under faults decrypts from the inbox: \(inbox.stderr)") }
        for line in inbox.stdout.split(separator: "\n") {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let receipt = record["receipt"] as? String ?? "?"
            XCTAssertEqual(record["answers"] as? NSDictionary, sealed[receipt]?["answers"] as? NSDictionary,
                           "inbox: record \(receipt) differs from what was sealed")
        }
        CampaignScale.report("faults", "\(figures.trials) trials (\(figures.byOperation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); "
            + "\(figures.byFault.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))): "
            + "\(figures.succeeded) succeeded, \(figures.failedCleanly) failed with a true message, 0 crashes, 0 hangs; "
            + "\(figures.receipts) receipts printed under faults, \(acknowledged.count) acknowledged in all, \(sealed.count) stored, 0 lost; "
            + "\(figures.bundles) bundles exported under faults, verified and decrypted to what was sealed; "
            + "\(figures.leftVerified) failed exports left a (verified) bundle; \(figures.imports) imports; "
            + "\(figures.decryptLines) lines decrypted under faults, all identical to the fault-free decryption")
    }

    /// The desk UI in tmux, in French, while the vault's disk fails: faults are switched on (`fiu-ctrl`) once a
    /// testimony is started, while its account is typed and it is sealed, then off. Held: the desk never dies,
    /// answers keys, and names the cause (an EIO never reads as permissions, damage or a full disk); the vault
    /// opens; every testimony is sealed (its receipt shown) or kept as a draft, none lost or doubled.
    func testTheDeskUIUnderDiskFaultsLosesNothingAndNamesTheCause() throws {
        let fiu = try FaultMessageTests.fiuRun()
        var random = SeededRandom.fromEnvironment("faults-desk")
        let cli = try CommandRunner.withTeamAndDesk(self)
        let control = cli.folder + "/fiu-ctrl"
        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let trials = CampaignScale.count(short: 2, full: 30)
        var receipts = 0, errorsShown = 0, resealed = 0
        let points = ["rw/pread", "rw/pwrite", "sync/fsync", "sync/fdatasync"]   // the vault's file, not the terminal
        for trial in 0..<trials {
            let fault = trial % 3 == 2 ? ENOSPC : EIO
            let probability = Double.random(in: 0.005...0.2, using: &random)
            let fiuSeed = UInt32.random(in: 1...UInt32(Int32.max), using: &random)
            let label = "desk trial \(trial) (errno \(fault), p=\(String(format: "%.3f", probability)), FIU_PRNG_SEED=\(fiuSeed))"
            environment["FIU_PRNG_SEED"] = "\(fiuSeed)"
            let session = try TmuxSession([fiu, "-x", "-f", control, CommandRunner.binary, "--vault", cli.folder + "/vault"], environment: environment)
            try session.waitFor("Phrase de passe du poste")
            try session.answer(CommandRunner.deskPassphrase, thenWaitFor: "Nouveau témoignage")
            try session.startTestimony(city: "Nantes \(trial)", date: "14/03/2026")
            try session.waitFor("Brouillon enregistré")
            let pid = try session.pid()
            for point in points {
                try fiuControl(pid, control, "enable_random name=posix/io/\(point),probability=\(String(format: "%.3f", probability)),failinfo=\(fault)")
            }
            for _ in 0..<6 { try session.press("F4") }
            for word in "Contrôle à la gare n°\(trial), photo prise".split(separator: " ") {
                try session.type(String(word) + " ")
                usleep(UInt32.random(in: 0..<40_000, using: &random))
            }
            // Review, confirm, seal: each step either shows its screen or the disk's error.
            var screen = ""
            for (key, next) in [("F5", "Tout est prêt"), ("F5", "Sceller ce témoignage ?"), ("Enter", "Code du reçu")] {
                try session.press(key)
                screen = try session.waitFor("\(next) or an error", timeout: 20) { $0.contains(next) || $0.contains("Le disque") }
                if screen.contains("Le disque") { break }
            }
            for point in points { try fiuControl(pid, control, "disable name=posix/io/\(point)") }
            XCTAssertTrue(session.isRunning, "\(label): the desk died:\n\(screen)")
            let sealedUnderFaults = screen.contains("Code du reçu")
            for wrong in ["droits", "abîmée", "introuvable", "Erreur inattendue"] + (fault == EIO ? ["plein"] : []) where screen.contains(wrong) {
                XCTFail("\(label): the desk names a wrong cause (\"\(wrong)\"):\n\(screen)")
            }
            if sealedUnderFaults { receipts += 1 }
            if screen.contains("Le disque") { errorsShown += 1 }
            // The disk works again: the volunteer seals the same testimony, kept through the failure.
            var attempts = 0
            while !screen.contains("Code du reçu") && attempts < 4 {
                attempts += 1
                try session.press(screen.contains("Sceller ce témoignage ?") ? "Enter" : "F5")
                usleep(500_000)
                screen = try session.waitFor("a step of sealing", timeout: 20) {
                    $0.contains("Code du reçu") || $0.contains("Sceller ce témoignage ?") || $0.contains("Tout est prêt")
                }
            }
            XCTAssertTrue(screen.contains("Code du reçu"), "\(label): once the disk works, the testimony seals:\n\(screen)")
            if !sealedUnderFaults && screen.contains("Code du reçu") { resealed += 1 }
            try session.closeWindow()   // SIGHUP: the desk saves and leaves
            let counts = try cli.deskStatus()
            let awaiting = counts["awaiting_export"] as? Int ?? -1, drafts = counts["drafts"] as? Int ?? -1
            XCTAssertEqual(awaiting, trial + 1, "\(label): every testimony is sealed once (\(counts))")
            XCTAssertEqual(drafts, 0, "\(label): no draft left behind, none doubled (\(counts))")
        }
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        let counts = try cli.deskStatus()
        CampaignScale.report("faults-desk", "\(trials) desk sessions with the vault's disk failing while typing and sealing: "
            + "\(receipts) sealed under faults, \(errorsShown) disk errors shown, \(resealed) sealed once the disk worked again "
            + "(the draft kept through the failure), \(counts["awaiting_export"] ?? "?") sealed in all, none lost or doubled; "
            + "the desk stayed up every time")
    }

    /// Sends a libfiu command to the running process `pid` (`fiu-ctrl`).
    private func fiuControl(_ pid: Int32, _ control: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fiu-ctrl")
        process.arguments = ["-f", control, "-c", command, "\(pid)"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "fiu-ctrl \(command)")
    }

    /// The time a trial may take before it counts as a hang.
    static let trialLimit: TimeInterval = 60

    /// Runs `temoin ARGS` under `fiu-run -x`, killing it after `trialLimit`; `status` is nil after such a kill.
    private func runUnderFaults(_ cli: CommandRunner, fiu: String, commands: [String], seed: UInt32, arguments: [String],
                                input: Data?) throws -> (status: Int32?, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: fiu)
        process.arguments = ["-x"] + commands.flatMap { ["-c", $0] } + ["-f", "", CommandRunner.binary] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment.merging(["FIU_PRNG_SEED": "\(seed)"]) { $1 }
        let output = OutputFiles(of: process)
        let stdin = Pipe()
        process.standardInput = stdin
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        signal(SIGPIPE, SIG_IGN)   // temoin may stop before reading its input: the write then fails, harmlessly
        if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
        try? stdin.fileHandleForWriting.close()
        var status: Int32? = nil
        if ended.wait(timeout: .now() + Self.trialLimit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }
        return (status, output.stdout, output.stderr)
    }
}
