import Foundation
import XCTest

/// Concurrency campaign (issue 5): two desk processes on one vault, an export while a record is being
/// sealed, two team imports at once. Clear messages, no corruption, nothing lost.
final class CampaignConcurrencyTests: XCTestCase {
    func testASecondProcessOnTheVaultIsToldItIsAlreadyOpen() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        // The first process holds the vault while it waits for its testimonies.
        let holder = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertTrue(waitForLock(heldBy: holder.pid), "the first process took the vault lock")
        let second = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: CommandRunner.testimonies("second", count: 1))
        XCTAssertEqual(second.status, 6, second.stderr)
        XCTAssertTrue(second.stderr.contains("already open"), second.stderr)
        XCTAssertEqual(second.stdout, "", "the refused process printed no receipt")
        let export = try cli.run(["export", "--out", "during.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(export.status, 6, export.stderr)
        XCTAssertTrue(export.stderr.contains("already open"), export.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/during.tmn"))
        try holder.send(CommandRunner.testimonies("first", count: 2))
        XCTAssertEqual(holder.wait(), 0, holder.stderr)
        XCTAssertEqual(CommandRunner.receipts(in: holder.stdout).count, 2)
        XCTAssertEqual(try cli.vaultCounts().awaiting, 2, "only the holder's testimonies were stored")
        XCTAssertEqual(try cli.run(["export", "--out", "after.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
    }

    /// Waits (up to 10 s) until `pid` holds a `flock` lock, as listed in /proc/locks, without touching the vault.
    private func waitForLock(heldBy pid: Int32) -> Bool {
        for _ in 0..<200 {
            let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
            if locks.split(separator: "\n").contains(where: { $0.contains("FLOCK") && $0.split(separator: " ").contains(Substring("\(pid)")) }) { return true }
            usleep(50_000)
        }
        return false
    }

    func testRacingRecordsAndExportsLoseNothing() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let rounds = CampaignScale.count(short: 6, full: 60)
        var receipts: [String] = []
        var refused = 0, exported: [String] = []
        for round in 0..<rounds {
            // Two record processes and one export started together: each either does its work or is refused whole.
            let a = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
            let b = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
            let out = "race-\(round).tmn"
            let export = try BackgroundRun(cli, ["export", "--out", out, "--vault", "vault", "--passphrase-file", "desk-pass"])
            try a.send(CommandRunner.testimonies("a\(round)", count: 3))
            try b.send(CommandRunner.testimonies("b\(round)", count: 3))
            for (run, expected) in [(a, 3), (b, 3)] {
                let status = run.wait()
                let printed = CommandRunner.receipts(in: run.stdout)
                if status == 0 {
                    XCTAssertEqual(printed.count, expected, run.stderr)
                } else {
                    XCTAssertEqual(status, 6, run.stderr); XCTAssertTrue(run.stderr.contains("already open"), run.stderr)
                    XCTAssertEqual(printed, [], "a refused process stored nothing"); refused += 1
                }
                receipts += printed
            }
            switch export.wait() {
            case 0: exported.append(out); XCTAssertEqual(try cli.run(["verify", out]).status, 0)
            case 6: XCTAssertTrue(export.stderr.contains("already open"), export.stderr); refused += 1
            case let status: XCTAssertTrue(export.stderr.contains("Nothing new to export"), "exit \(status): \(export.stderr)")
            }
        }
        XCTAssertEqual(try cli.integrityCheck(), "ok")
        let counts = try cli.vaultCounts()
        XCTAssertEqual(counts.awaiting + counts.exported, receipts.count, "every printed receipt, and nothing else, is stored")
        XCTAssertEqual(try cli.run(["export", "--all", "--out", "final.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let (records, result) = try cli.decrypt(["final.tmn"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Set(records.compactMap { $0["receipt"] as? String }), Set(receipts))
        CampaignScale.report("concurrency-desk", "\(rounds) rounds of 2 records + 1 export at once: \(refused) refused with \"already open\", "
            + "\(receipts.count) receipts all stored and decrypted, \(exported.count) racing exports verified")
    }

    func testTwoTeamImportsAtOnce() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var bundles: [String] = []
        for name in ["a", "b", "c"] {
            XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: CommandRunner.testimonies(name, count: 2)).status, 0)
            XCTAssertEqual(try cli.run(["export", "--out", "\(name).tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
            bundles.append("\(name).tmn")
        }
        let rounds = CampaignScale.count(short: 4, full: 40)
        for round in 0..<rounds {
            // Same bundle twice, then different bundles, each into a fresh inbox and into a used one.
            let inbox = "inbox-\(round)"
            let pairs = [(bundles[0], bundles[0]), (bundles[1], bundles[2]), (bundles[0], bundles[1])]
            for (first, second) in pairs {
                let one = try BackgroundRun(cli, ["team", "import", "--inbox", inbox, first])
                let two = try BackgroundRun(cli, ["team", "import", "--inbox", inbox, second])
                for run in [one, two] {
                    XCTAssertEqual(run.wait(), 0, "round \(round) \(first)+\(second): \(run.stdout) \(run.stderr)")
                }
            }
            let stored = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/\(inbox)/bundles").sorted()
            XCTAssertEqual(stored.count, 3, "each bundle once, nothing half-copied: \(stored)")
            XCTAssertTrue(stored.allSatisfy { $0.hasSuffix(".tmn") }, "\(stored)")
            let decrypt = try cli.run(["team", "decrypt", "--inbox", inbox, "--key", "team/team.key", "--passphrase-file", "team-pass"])
            XCTAssertEqual(decrypt.status, 0, decrypt.stderr)
            XCTAssertEqual(decrypt.stdout.split(separator: "\n").count, 6, "every record once")
        }
        CampaignScale.report("concurrency-import", "\(rounds) rounds of 3 pairs of simultaneous imports (same bundle, different bundles): every bundle once, every record decrypted")
    }
}
