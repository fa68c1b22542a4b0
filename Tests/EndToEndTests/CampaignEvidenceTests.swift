import Foundation
import TemoinTestSupport
import XCTest

/// Crash and full-disk campaigns with large evidence files (issue 14): `kill -9` of `temoin record --attach`
/// and of `temoin export` carrying files at random instants, and each on a full disk.
///
/// Invariants: the vault opens after every kill; no partial stream is ever accepted (every bundle that
/// exists verifies, and `team decrypt --files` gives only whole files whose SHA-256 is the original's);
/// no stream is left that no record lists once the vault is opened again (at most the one a kill just
/// left, swept at the next unlock); no leftover at an export's destination; and a canary written all
/// through the witness's file is never found in any file the desk wrote (vault, bundles, TMPDIR).
final class CampaignEvidenceTests: XCTestCase {
    private let canary = "CANARY-evidence-9b3e-plaque-du-fourgon"
    private let desk = ["--vault", "vault", "--passphrase-file", "desk-pass"]
    private let key = ["--key", "team/team.key", "--passphrase-file", "team-pass"]

    /// TMPDIR inside the test folder, so that it is scanned too.
    private func environment(_ cli: CommandRunner) -> [String: String] { ["TMPDIR": cli.folder + "/tmp"] }

    /// A PNG of `size` bytes (libmagic reads `image/png`) at `name`: bytes from `random`, the canary every 64 KiB.
    private func witnessFile(_ cli: CommandRunner, _ name: String, size: Int, random: inout SeededRandom) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: size)
        for i in stride(from: 0, to: size, by: 8) {
            withUnsafeBytes(of: random.next()) { for j in 0..<min(8, size - i) { bytes[i + j] = $0[j] } }
        }
        bytes.replaceSubrange(0..<CommandRunner.pngHead.count, with: CommandRunner.pngHead)
        for at in stride(from: 4096, to: size - canary.utf8.count, by: 1 << 16) { bytes.replaceSubrange(at..<at + canary.utf8.count, with: canary.utf8) }
        let data = Data(bytes)
        try cli.write(name, data)
        return data
    }

    /// The streams in the vault's `files/` folder.
    private func streams(_ cli: CommandRunner) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.folder + "/vault/files")) ?? []).sorted()
    }

    /// Files under the test folder holding the canary, leaving out the witness's originals and the team's output.
    private func canaryHits(_ cli: CommandRunner, originals: Set<String>) -> [String] {
        let needle = Array(canary.utf8)
        guard let walker = FileManager.default.enumerator(atPath: cli.folder) else { return ["cannot list \(cli.folder)"] }
        return walker.compactMap { $0 as? String }.filter { name in
            guard !originals.contains(name), !name.hasPrefix("team-out") else { return false }
            var info = stat()
            guard lstat(cli.folder + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  let data = FileManager.default.contents(atPath: cli.folder + "/" + name) else { return false }
            return data.withUnsafeBytes { Self.find(needle, in: $0) }
        }
    }

    /// Whether `needle` occurs in `haystack` (memchr to each candidate first byte, then a comparison).
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        var offset = 0
        while offset <= haystack.count - needle.count {
            guard let hit = memchr(base + offset, Int32(needle[0]), haystack.count - needle.count - offset + 1) else { return false }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needle, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }

    /// `team decrypt --files` of `bundles` into a new folder: every file written must be `original`, whole.
    /// Returns how many files came out.
    private func decryptFiles(_ cli: CommandRunner, _ bundles: [String], original: Data, into folder: String,
                              file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let result = try cli.run(["team", "decrypt", "--files", folder] + key + bundles)
        XCTAssertEqual(result.status, 0, "every file comes out whole: \(result.stderr)", file: file, line: line)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: cli.folder + "/" + folder)) ?? []
        for name in written {
            XCTAssertEqual(try cli.read(folder + "/" + name), original, "\(folder)/\(name) is the witness's file", file: file, line: line)
        }
        return written.count
    }

    /// The answers of one testimony (its account mentions the file).
    private func writeAnswers(_ cli: CommandRunner) throws {
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Bobigny", "account": "Mon voisin a filmé."}}"#)
    }

    func testKilledSealingOfALargeFileLeavesNoPartialOrOrphanedStream() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try writeAnswers(cli)
        try FileManager.default.createDirectory(atPath: cli.folder + "/tmp", withIntermediateDirectories: true)
        var random = SeededRandom.fromEnvironment("crash-seal-file")
        let trials = CampaignScale.count(short: 2, full: 50)
        let size = CampaignScale.count(short: 2 << 20, full: 32 << 20)
        let original = try witnessFile(cli, "big.png", size: size, random: &random)
        let record = ["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + desk
        var calibration = TimeInterval.infinity
        for _ in 0..<CampaignScale.count(short: 1, full: 2) {
            let start = Date()
            let result = try cli.run(record, environment: environment(cli))
            XCTAssertEqual(result.status, 0, result.stderr)
            calibration = min(calibration, Date().timeIntervalSince(start))
        }
        var window = KillWindow(calibration: calibration)
        let slices = (0..<trials).shuffled(using: &random)
        var acknowledged = CampaignScale.count(short: 1, full: 2), landed = 0, orphansSeen = 0
        for trial in 0..<trials {
            let run = try BackgroundRun(cli, record, environment: environment(cli))
            let instant = random.instant(slice: slices[trial], of: trials, over: window.seconds)
            let killed = run.kill(after: instant)
            window.observe(finishedAfter: killed ? nil : run.elapsed, killedAt: instant)
            if killed { landed += 1 } else { XCTAssertEqual(run.wait(), 0, "trial \(trial): \(run.stderr)") }
            acknowledged += CommandRunner.receipts(in: run.stdout).count
            let counts = try cli.vaultCounts()
            let stored = counts.awaiting + counts.exported
            XCTAssertGreaterThanOrEqual(stored, acknowledged, "trial \(trial): a printed receipt is missing from the vault")
            let names = streams(cli)
            XCTAssertTrue(names.allSatisfy { $0.range(of: #"^[0-9a-f]{32}\.tmnf$"#, options: .regularExpression) != nil },
                          "trial \(trial): only whole, named streams in files/: \(names)")
            // One stream per record; at most one more, the one a kill just left before its record was stored.
            XCTAssertTrue(names.count == stored || names.count == stored + 1, "trial \(trial): \(names.count) streams for \(stored) records")
            if names.count == stored + 1 { orphansSeen += 1 }
        }
        // An export opens the vault (the sweep of orphans) and carries every file, each of which comes out whole.
        let final = try cli.run(["export", "--all", "--out", "final.tmn"] + desk, environment: environment(cli))
        XCTAssertEqual(final.status, 0, final.stderr)
        let counts = try cli.vaultCounts()
        let stored = counts.awaiting + counts.exported
        XCTAssertEqual(streams(cli).count, stored, "no orphaned stream once the vault was opened again")
        XCTAssertEqual(try decryptFiles(cli, ["final.tmn"], original: original, into: "team-out"), stored, "one whole file per record")
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        XCTAssertEqual(canaryHits(cli, originals: ["big.png"]), [], "the witness's bytes in clear on the desk's disk")
        CampaignScale.report("crash-seal-file", "\(trials) trials with a \(size >> 20) MiB file, \(landed) kills landed while running, "
            + "\(acknowledged) receipts printed, \(stored) records stored, \(orphansSeen) times a stream left by a kill (swept at the next unlock), "
            + "\(stored) files decrypted whole, 0 canary hits")
    }

    func testKilledExportWithLargeFilesLeavesNoHalfBundle() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try writeAnswers(cli)
        try FileManager.default.createDirectory(atPath: cli.folder + "/tmp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: cli.folder + "/usb", withIntermediateDirectories: true)
        var random = SeededRandom.fromEnvironment("crash-export-files")
        let trials = CampaignScale.count(short: 2, full: 50)
        let size = CampaignScale.count(short: 1 << 20, full: 24 << 20)
        let original = try witnessFile(cli, "big.png", size: size, random: &random)
        for _ in 0..<3 {
            let result = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + desk, environment: environment(cli))
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let before = streams(cli)
        var calibration = TimeInterval.infinity
        for attempt in 0..<CampaignScale.count(short: 1, full: 2) {
            let start = Date()
            let result = try cli.run(["export", "--all", "--out", "usb/calibration-\(attempt).tmn"] + desk, environment: environment(cli))
            XCTAssertEqual(result.status, 0, result.stderr)
            calibration = min(calibration, Date().timeIntervalSince(start))
        }
        var window = KillWindow(calibration: calibration)
        let slices = (0..<trials).shuffled(using: &random)
        var landed = 0, completed: [String] = []
        for trial in 0..<trials {
            let destination = "usb/export-\(trial).tmn"
            let run = try BackgroundRun(cli, ["export", "--all", "--out", destination] + desk, environment: environment(cli))
            let instant = random.instant(slice: slices[trial], of: trials, over: window.seconds)
            let killed = run.kill(after: instant)
            window.observe(finishedAfter: killed ? nil : run.elapsed, killedAt: instant)
            if killed { landed += 1 } else { XCTAssertEqual(run.wait(), 0, "trial \(trial): \(run.stderr)") }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/usb")
                .filter { $0.range(of: #"^(export|calibration)-[0-9]+\.tmn$"#, options: .regularExpression) == nil }
            XCTAssertEqual(leftovers, [], "trial \(trial): no half bundle at the destination")
            _ = try cli.vaultCounts()
            XCTAssertEqual(streams(cli), before, "trial \(trial): an export neither adds nor removes a stream")
            if FileManager.default.fileExists(atPath: cli.folder + "/" + destination) {
                let verify = try cli.run(["verify", destination])
                XCTAssertEqual(verify.status, 0, "trial \(trial): a bundle at the destination is complete: \(verify.stdout)")
                completed.append(destination)
            }
        }
        // Every bundle that exists, killed run or not, gives the three files whole (the short form: one of them).
        var index = 0
        for bundle in CampaignScale.isFull ? completed + ["usb/calibration-0.tmn"] : [completed.last ?? "usb/calibration-0.tmn"] {
            XCTAssertEqual(try decryptFiles(cli, [bundle], original: original, into: "team-out-\(index)"), 3, bundle)
            index += 1
        }
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        XCTAssertEqual(canaryHits(cli, originals: ["big.png"]), [], "the witness's bytes in clear on the desk's disk")
        CampaignScale.report("crash-export-files", "\(trials) trials of an export of 3 files of \(size >> 20) MiB, \(landed) kills landed while exporting, "
            + "\(completed.count) bundles completed and verified, \(index) decrypted with their 3 files whole; 0 half bundles left, 0 canary hits")
    }

    /// Sealing and exporting a large file on a full disk: a tmpfs for the vault, another for the stick.
    func testAFullDiskWhileSealingOrExportingAFileLosesNothing() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try writeAnswers(cli)
        var random = SeededRandom.fromEnvironment("full-disk-files")
        let original = try witnessFile(cli, "big.png", size: 3 << 20, random: &random)
        // The vault on a disk with room for its database but not for the file's stream.
        let point = try cli.mountTmpfs("small", size: "2m", test: self)
        try FileManager.default.moveItem(atPath: cli.folder + "/vault", toPath: point + "/vault")
        let vault = ["--vault", point + "/vault", "--passphrase-file", "desk-pass"]
        let refused = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + vault)
        XCTAssertEqual(refused.status, 7, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("is full. Nothing was lost"), refused.stderr)
        XCTAssertEqual(try cli.vaultCounts(point + "/vault").awaiting, 0, "nothing half sealed")
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: point + "/vault/files")) ?? []), [], "no partial stream")
        cli.resizeTmpfs(point, size: "16m")
        let sealed = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + vault)
        XCTAssertEqual(sealed.status, 0, "with room again: \(sealed.stderr)")
        // The export onto a stick too small for the file: refused, the stick empty, the record still to export.
        let stick = try cli.mountTmpfs("stick", size: "1m", test: self)
        let export = try cli.run(["export", "--out", stick + "/lot.tmn"] + vault)
        XCTAssertEqual(export.status, 7, export.stderr)
        XCTAssertTrue(export.stderr.contains("is full. Nothing was lost"), export.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: stick), [], "nothing half written on the stick")
        XCTAssertEqual(try cli.vaultCounts(point + "/vault").awaiting, 1, "the record stays to export")
        cli.resizeTmpfs(stick, size: "8m")
        let second = try cli.run(["export", "--out", stick + "/lot.tmn"] + vault)
        XCTAssertEqual(second.status, 0, second.stderr)
        try FileManager.default.copyItem(atPath: stick + "/lot.tmn", toPath: cli.folder + "/lot.tmn")
        XCTAssertEqual(try decryptFiles(cli, ["lot.tmn"], original: original, into: "team-out"), 1)
        CampaignScale.report("full-disk-files", "a 3 MiB file sealed on a 2 MiB disk and exported onto a 1 MiB stick: both refused with exit 7, "
            + "nothing half written, nothing lost; both worked once the disks were enlarged and the file came out whole")
    }

    /// ENOSPC injected by libfiu into the writes of `record --attach` and of `export` with files, at random
    /// calls: each run succeeds or says the disk is full (exit 7), and nothing is lost or left half written.
    func testAnInjectedFullDiskWhileSealingOrExportingAFileSaysSoAndLosesNothing() throws {
        let fiu = try FaultMessageTests.fiuRun()
        let cli = try CommandRunner.withTeamAndDesk(self)
        try writeAnswers(cli)
        try FileManager.default.createDirectory(atPath: cli.folder + "/usb", withIntermediateDirectories: true)
        var random = SeededRandom.fromEnvironment("enospc-files")
        let original = try witnessFile(cli, "big.png", size: 1 << 20, random: &random)
        let trials = CampaignScale.count(short: 2, full: 60)
        let first = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + desk)
        XCTAssertEqual(first.status, 0, first.stderr)
        var refused = 0, acknowledged = 1, bundles: [String] = []
        for trial in 0..<trials {
            let probability = Double.random(in: 0.01...0.1, using: &random)
            let fiuSeed = UInt32.random(in: 1...UInt32(Int32.max), using: &random)
            let sealing = trial % 2 == 0
            let out = "usb/t\(trial).tmn"
            let arguments = sealing ? ["record", "--answers", "a.json", "--attach", "evidence_files=big.png"] + desk : ["export", "--all", "--out", out] + desk
            let label = "trial \(trial) (\(sealing ? "record" : "export"), p=\(String(format: "%.3f", probability)), FIU_PRNG_SEED=\(fiuSeed))"
            let run = try cli.runTool(fiu, ["-x", "-c", "enable_random name=posix/io/rw/write,probability=\(probability),failinfo=\(ENOSPC)", "-f", "", CommandRunner.binary]
                                        + arguments, environment: ["FIU_PRNG_SEED": "\(fiuSeed)"])
            if run.status != 0 {
                refused += 1
                XCTAssertEqual(run.status, 7, "\(label): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("is full. Nothing was lost"), "\(label): \(run.stderr)")
            }
            acknowledged += CommandRunner.receipts(in: run.stdout).count
            let counts = try cli.vaultCounts()
            let stored = counts.awaiting + counts.exported
            XCTAssertGreaterThanOrEqual(stored, acknowledged, "\(label): a printed receipt is missing")
            let names = streams(cli)
            XCTAssertTrue(names.count == stored || names.count == stored + 1, "\(label): \(names.count) streams for \(stored) records")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/usb").filter { !$0.hasSuffix(".tmn") }, [], "\(label): a leftover")
            if FileManager.default.fileExists(atPath: cli.folder + "/" + out) {
                XCTAssertEqual(try cli.run(["verify", out]).status, 0, "\(label): the bundle is whole")
                bundles.append(out)
            } else if !sealing {
                XCTAssertNotEqual(run.status, 0, "\(label): exported, yet no bundle")
            }
        }
        let final = try cli.run(["export", "--all", "--out", "final.tmn"] + desk)
        XCTAssertEqual(final.status, 0, final.stderr)
        let counts = try cli.vaultCounts()
        XCTAssertEqual(streams(cli).count, counts.awaiting + counts.exported, "no orphaned stream once the vault was opened again")
        XCTAssertEqual(try decryptFiles(cli, ["final.tmn"], original: original, into: "team-out"), counts.awaiting + counts.exported)
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        CampaignScale.report("enospc-files", "\(trials) runs (half `record --attach` of a 1 MiB file, half `export --all` with files) under ENOSPC on write: "
            + "\(refused) refused with exit 7 and the full-disk message, \(acknowledged) receipts, \(bundles.count) bundles verified; "
            + "every record and file decrypted whole at the end, no orphaned stream")
    }

    /// `kill -9` of the desk UI (in tmux) while the picker encrypts a large file into the vault: after each,
    /// the vault opens, only whole named streams are in it, and at most one more stream than there are
    /// drafts (the one a kill left before the draft listed it, swept at the next unlock); the canary is
    /// never on the desk's disk.
    func testKilledPickingOfALargeFileLeavesNoPartialStream() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var random = SeededRandom.fromEnvironment("crash-pick-file")
        try FileManager.default.createDirectory(atPath: cli.folder + "/Appareil", withIntermediateDirectories: true)
        let size = CampaignScale.count(short: 2 << 20, full: 32 << 20)
        _ = try witnessFile(cli, "Appareil/video.png", size: size, random: &random)
        let trials = CampaignScale.count(short: 1, full: 50)
        var window = KillWindow(calibration: 0.5)
        let slices = (0..<trials).shuffled(using: &random)
        var landed = 0, orphansSeen = 0
        for trial in 0..<trials {
            let session = try cli.startDesk()
            try session.startTestimony(city: "Pantin \(trial)", date: "14/03/2026")
            try session.waitFor("Brouillon enregistré")
            try session.chooseFileInAppareil()
            let pid = try session.pid()
            XCTAssertGreaterThan(pid, 0)
            let instant = random.instant(slice: slices[trial], of: trials, over: window.seconds)
            let start = Date()
            try session.press("Enter")   // picked: encrypted into the vault at once
            usleep(UInt32(instant * 1_000_000))
            let picked = (try? session.screen())?.contains("1 video.png") ?? false
            kill(pid, SIGKILL)
            try session.waitForExit(timeout: 10)
            window.observe(finishedAfter: picked ? Date().timeIntervalSince(start) : nil, killedAt: instant)
            if !picked { landed += 1 }
            let status = try cli.deskStatus()
            let drafts = status["drafts"] as? Int ?? -1
            let names = streams(cli)
            XCTAssertTrue(names.allSatisfy { $0.range(of: #"^[0-9a-f]{32}\.tmnf$"#, options: .regularExpression) != nil },
                          "trial \(trial): only whole, named streams in files/: \(names)")
            XCTAssertLessThanOrEqual(names.count, drafts + 1, "trial \(trial): \(names.count) streams for \(drafts) drafts")
            if names.count == drafts + 1 { orphansSeen += 1 }
        }
        // The next unlock sweeps what a kill left: no more streams than drafts.
        let session = try cli.startDesk()
        try session.press("F10")
        try session.waitForExit()
        let drafts = try cli.deskStatus()["drafts"] as? Int ?? -1
        XCTAssertLessThanOrEqual(streams(cli).count, drafts, "no orphaned stream once the vault was opened again")
        XCTAssertEqual(canaryHits(cli, originals: ["Appareil/video.png"]), [], "the witness's bytes in clear on the desk's disk")
        CampaignScale.report("crash-pick-file", "\(trials) kill -9 of the desk while picking a \(size >> 20) MiB file, \(landed) before the file showed as picked; "
            + "\(orphansSeen) times a stream ahead of its draft (swept at the next unlock); \(streams(cli).count) streams for \(drafts) drafts at the end, 0 canary hits")
    }
}
