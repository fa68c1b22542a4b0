import Foundation
import TemoinTestSupport
import XCTest

/// Crash campaign (issue 5): `kill -9` of `temoin record` and of `temoin export` at random instants.
///
/// Invariants: every record whose receipt was printed is in the vault and decrypts with the team key;
/// no partial record exists; the vault opens after every kill; an export after a crash verifies; a
/// killed export leaves no half bundle at the destination and its records are still exportable.
final class CampaignCrashTests: XCTestCase {
    /// Testimonies per `temoin record` run.
    private let perRun = 4

    /// Runs a command to completion three times and returns the shortest time, to spread the kills over a run.
    private func timeRuns(_ cli: CommandRunner, _ arguments: (Int) -> [String], input: Data? = nil) throws -> TimeInterval {
        try (0..<3).map { attempt in
            let start = Date()
            let result = try cli.run(arguments(attempt), input: input)
            XCTAssertEqual(result.status, 0, result.stderr)
            return Date().timeIntervalSince(start)
        }.min()!
    }

    func testKilledRecordLosesNoAcknowledgedTestimony() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var random = SeededRandom.fromEnvironment("crash-record")
        let trials = CampaignScale.count(short: 12, full: 200)
        var window = KillWindow(calibration: try timeRuns(cli, { _ in ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"] }, input: CommandRunner.testimonies("calibration", count: perRun)))
        let slices = (0..<trials).shuffled(using: &random)
        var acknowledged = 3 * perRun
        var killedDuringRun = 0, exports = 0
        var bundles: [String] = []
        for trial in 0..<trials {
            let run = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
            try run.send(CommandRunner.testimonies("essai \(trial)", count: perRun))
            let instant = random.instant(slice: slices[trial], of: trials, over: window.seconds)
            let landed = run.kill(after: instant)
            window.observe(finishedAfter: landed ? nil : run.elapsed, killedAt: instant)
            let printed = CommandRunner.receipts(in: run.stdout)
            acknowledged += printed.count
            if landed { killedDuringRun += 1 } else { XCTAssertEqual(printed.count, perRun, "trial \(trial) finished: \(run.stderr)") }
            let counts = try cli.vaultCounts()
            XCTAssertGreaterThanOrEqual(counts.awaiting + counts.exported, acknowledged, "trial \(trial): a printed receipt is missing from the vault")
            if trial % 10 == 9 {
                let name = "after-\(trial).tmn"
                let everything = counts.awaiting == 0 ? ["--all"] : []   // the last kills may have stored nothing new
                let export = try cli.run(["export", "--out", name, "--vault", "vault", "--passphrase-file", "desk-pass"] + everything)
                XCTAssertEqual(export.status, 0, "export after crash \(trial): \(export.stderr)")
                XCTAssertEqual(try cli.run(["verify", name]).status, 0, "the export after crash \(trial) verifies")
                bundles.append(name); exports += 1
            }
        }
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        let final = try cli.run(["export", "--all", "--out", "final.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(final.status, 0, final.stderr)
        let (records, result) = try cli.decrypt(["final.tmn"])
        XCTAssertEqual(result.status, 0, "every record of the vault decrypts: \(result.stderr)")
        let counts = try cli.vaultCounts()
        XCTAssertEqual(records.count, counts.awaiting + counts.exported, "no partial record: every stored record decrypts")
        XCTAssertTrue(records.allSatisfy { $0["status"] as? String == "ok" })
        let (_, earlier) = try cli.decrypt(bundles)
        XCTAssertEqual(earlier.status, 0, "the exports made between crashes decrypt: \(earlier.stderr)")
        CampaignScale.report("crash-record", "\(trials) trials, \(killedDuringRun) kills landed while running, \(acknowledged) receipts printed, "
            + "\(records.count) records stored and decrypted, \(exports) exports after crashes verified")
    }

    func testKilledExportLeavesNoHalfBundleAndRecordsStayExportable() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var random = SeededRandom.fromEnvironment("crash-export")
        let trials = CampaignScale.count(short: 12, full: 200)
        let stored = CampaignScale.count(short: 150, full: 400)   // a bundle of 0.6 to 1.7 MB: writing it takes a while
        let sealed = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: CommandRunner.testimonies("à exporter", count: stored))
        let receipts = Set(CommandRunner.receipts(in: sealed.stdout))
        XCTAssertEqual(receipts.count, stored, sealed.stderr)
        try FileManager.default.createDirectory(atPath: cli.folder + "/usb", withIntermediateDirectories: true)
        var window = KillWindow(calibration: try timeRuns(cli, { ["export", "--all", "--out", "calibration-\($0).tmn", "--vault", "vault", "--passphrase-file", "desk-pass"] }))
        let slices = (0..<trials).shuffled(using: &random)
        var landed = 0, completed = 0
        for trial in 0..<trials {
            // Half the trials export only what is new: a kill must not mark records exported.
            let all = trial % 2 == 0
            let destination = "usb/export-\(trial).tmn"
            let before = try cli.vaultCounts()
            let run = try BackgroundRun(cli, ["export", "--out", destination, "--vault", "vault", "--passphrase-file", "desk-pass"] + (all ? ["--all"] : []))
            let instant = random.instant(slice: slices[trial], of: trials, over: window.seconds)
            let killed = run.kill(after: instant)
            window.observe(finishedAfter: killed ? nil : run.elapsed, killedAt: instant)
            if killed { landed += 1 } else { XCTAssertEqual(run.wait(), 0, run.stderr) }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/usb")
                .filter { $0.range(of: #"^export-[0-9]+\.tmn$"#, options: .regularExpression) == nil }
            XCTAssertEqual(leftovers, [], "trial \(trial): no half bundle at the destination")
            let after = try cli.vaultCounts()
            if FileManager.default.fileExists(atPath: cli.folder + "/" + destination) {
                completed += 1
                let verify = try cli.run(["verify", destination])
                XCTAssertEqual(verify.status, 0, "trial \(trial): a bundle at the destination is complete: \(verify.stdout)")
            } else {
                XCTAssertEqual(after.awaiting, before.awaiting, "trial \(trial): a failed export marks nothing exported")
            }
            if after.awaiting == 0 {   // keep the "only new" trials meaningful
                let more = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(CommandRunner.testimonyLine("nouveau \(trial)").utf8))
                XCTAssertEqual(more.status, 0, more.stderr)
            }
        }
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        let final = try cli.run(["export", "--all", "--out", "usb/final.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(final.status, 0, final.stderr)
        let (records, result) = try cli.decrypt(["usb/final.tmn"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(receipts.isSubset(of: Set(records.compactMap { $0["receipt"] as? String })), "every record is still exportable")
        CampaignScale.report("crash-export", "\(trials) trials, \(landed) kills landed while exporting, \(completed) bundles completed and verified, "
            + "0 half bundles left, \(records.count) records exported and decrypted at the end")
    }
}
