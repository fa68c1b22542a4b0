import Foundation
import XCTest

/// Full-disk campaign (issue 5): the vault and the export destination on tiny tmpfs mounts. A clear
/// message, nothing lost, nothing half-written, and everything works again once space is freed.
final class CampaignFullDiskTests: XCTestCase {
    func testVaultOnAFullDiskKeepsEveryAcknowledgedRecordAndRecovers() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let cycles = CampaignScale.count(short: 1, full: 10)
        var acknowledged: [String] = [], refusals = 0
        for cycle in 0..<cycles {
            let disk = try cli.mountTmpfs("disk-\(cycle)", size: "320k", test: self)
            let vault = "disk-\(cycle)/vault"
            let created = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--name", "Plein", "--vault", vault, "--passphrase-file", "desk-pass"])
            XCTAssertEqual(created.status, 0, created.stderr)
            // Batches of JSON Lines until the disk is full: a batch stops at the first testimony that does not fit.
            var stored: [String] = []
            var full: CommandRunner.Result?
            for round in 0..<200 where full == nil {
                let batch = CommandRunner.testimonies("disque \(cycle)-\(round)", count: 8)
                let run = try cli.run(["record", "--answers", "-", "--vault", vault, "--passphrase-file", "desk-pass"], input: batch)
                stored += CommandRunner.receipts(in: run.stdout)
                if run.status != 0 { full = run }
            }
            let refusal = try XCTUnwrap(full, "the disk filled up")
            refusals += 1
            XCTAssertEqual(refusal.status, 7, refusal.stderr)
            XCTAssertTrue(refusal.stderr.contains("is full. Nothing was lost"), refusal.stderr)
            let counts = try cli.vaultCounts(vault)
            XCTAssertEqual(counts.awaiting, stored.count, "every acknowledged record, and no half one, is in the vault on the full disk")
            XCTAssertEqual(try cli.integrityCheck(vault), "ok")

            cli.resizeTmpfs(disk, size: "8m")
            let again = try cli.run(["record", "--answers", "-", "--vault", vault, "--passphrase-file", "desk-pass"], input: Data(CommandRunner.testimonyLine("après").utf8))
            XCTAssertEqual(again.status, 0, "recording works once space is freed: \(again.stderr)")
            stored += CommandRunner.receipts(in: again.stdout)
            let bundle = "full-\(cycle).tmn"
            let export = try cli.run(["export", "--out", bundle, "--vault", vault, "--passphrase-file", "desk-pass"])
            XCTAssertEqual(export.status, 0, export.stderr)
            let (records, result) = try cli.decrypt([bundle])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(Set(records.compactMap { $0["receipt"] as? String }), Set(stored), "every receipt decrypts")
            acknowledged += stored
        }
        CampaignScale.report("full-disk-vault", "\(cycles) vaults filled on a 320 KiB tmpfs: \(refusals) clear \"disk full\" refusals (exit 7), "
            + "\(acknowledged.count) acknowledged records all kept and decrypted after freeing space")
    }

    /// A team and a desk whose vault holds 24 sealed testimonies, their accounts `label n°…`.
    private func deskWith24Testimonies(_ label: String) throws -> CommandRunner {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let recorded = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"],
                                   input: CommandRunner.testimonies(label, count: 24))
        XCTAssertEqual(recorded.status, 0, recorded.stderr)
        return cli
    }

    func testExportToAFullDiskLeavesNothingAndWorksOnceSpaceIsFreed() throws {
        let cli = try deskWith24Testimonies("exporté")
        let cycles = CampaignScale.count(short: 2, full: 20)
        for cycle in 0..<cycles {
            // From nearly nothing to nearly enough: the preflight check or the writes themselves meet the full disk.
            let size = 8 + cycle * 88 / max(cycles - 1, 1)
            let stick = try cli.mountTmpfs("stick-\(cycle)", size: "\(size)k", test: self)
            let before = try cli.vaultCounts()
            let export = try cli.run(["export", "--all", "--out", "stick-\(cycle)/bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
            XCTAssertEqual(export.status, 7, "a \(size) KiB stick: \(export.stderr)")
            XCTAssertTrue(export.stderr.contains("is full. Nothing was lost"), export.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: stick), [], "nothing half-written on a \(size) KiB stick")
            let after = try cli.vaultCounts()
            XCTAssertTrue(after == before, "the failed export changed nothing in the vault")
            cli.resizeTmpfs(stick, size: "2m")
            XCTAssertEqual(try cli.run(["export", "--all", "--out", "stick-\(cycle)/bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
            XCTAssertEqual(try cli.run(["verify", "stick-\(cycle)/bundle.tmn"]).status, 0)
        }
        CampaignScale.report("full-disk-export", "\(cycles) exports of 24 records onto 8 to 96 KiB sticks: each refused with exit 7, nothing left on the stick, "
            + "the vault unchanged; each worked and verified once the stick was enlarged")
    }

    func testDecryptToAFullDiskLeavesNoHalfFileAndWorksOnceSpaceIsFreed() throws {
        let cli = try deskWith24Testimonies("déchiffré")
        XCTAssertEqual(try cli.run(["export", "--out", "bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let disk = try cli.mountTmpfs("team-disk", size: "8k", test: self)
        let decrypt = ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--out", "team-disk/all.jsonl", "bundle.tmn"]
        let full = try cli.run(decrypt)
        XCTAssertEqual(full.status, 7, full.stderr)
        XCTAssertTrue(full.stderr.contains("is full. Nothing was lost"), full.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk), [], "no half-written output passes for a whole one")
        cli.resizeTmpfs(disk, size: "2m")
        let again = try cli.run(decrypt)
        XCTAssertEqual(again.status, 0, again.stderr)
        let lines = try String(contentsOfFile: disk + "/all.jsonl", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 24)
        XCTAssertEqual(try cli.run(decrypt).stderr.contains("already exists and was left untouched"), true, "an output is never replaced")
    }
}
