import Foundation
import XCTest

/// Team command-line messages that used to send people the wrong way (issue 15, point 5).
final class TeamMessageTests: XCTestCase {
    /// A desk with one sealed testimony exported to `bundle.tmn`.
    private func exportOneTestimony(_ cli: CommandRunner) throws {
        try cli.setUpTeamAndDesk()
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Paris", "account": "Récit"}}"#
        let record = try cli.run(["record", "--answers", "-", "--vault", "vault"], input: Data(json.utf8),
                                 environment: ["TEMOIN_PASSPHRASE_FILE": cli.folder + "/desk-pass"])
        XCTAssertEqual(record.status, 0, record.stderr)
        let export = try cli.run(["export", "--out", "bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(export.status, 0, export.stderr)
    }

    func testTeamDesksWithoutAnInboxNamesTheInboxNotADeskVault() throws {
        let cli = try CommandRunner.make(self)
        let desks = try cli.run(["team", "desks", "--inbox", "no-inbox"])
        XCTAssertEqual(desks.status, 6)
        XCTAssertEqual(desks.stderr, "temoin: No team inbox at no-inbox yet: import bundles with `temoin team import BUNDLE…`, "
                       + "or name the inbox with --inbox DIR (or TEMOIN_INBOX).\n")
    }

    func testAMistypedTeamCommandIsRefusedWithTheNearestOne() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let typo = try cli.run(["team", "decrpyt", "--key", "team/team.key", "--passphrase-file", "team-pass"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("“decrpyt” is neither a team command nor a bundle file. Did you mean `temoin team decrypt`?"), typo.stderr)
        let missing = try cli.run(["team", "--key", "team/team.key", "--passphrase-file", "team-pass", "lost/bundle.tmn"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("“lost/bundle.tmn” is neither a team command nor a bundle file. Check the bundle's path"), missing.stderr)
    }

    func testTeamBrowseWithoutATerminalPointsToDecryptNotToPlain() throws {
        let cli = try CommandRunner.make(self)
        try exportOneTestimony(cli)
        let browse = try cli.run(["team", "browse", "--key", "team/team.key", "--passphrase-file", "team-pass", "bundle.tmn"])
        XCTAssertEqual(browse.status, 1)
        XCTAssertEqual(browse.stderr, "temoin: The team browser needs a terminal: standard input and output are redirected. "
                       + "Without a terminal, `temoin team decrypt` writes the testimonies as JSON Lines or CSV and "
                       + "`temoin team report --html FILE` writes a report.\n")
    }

    func testARefusedImportPointsToDecryptSalvageWhichExists() throws {
        let cli = try CommandRunner.make(self)
        try exportOneTestimony(cli)
        var bytes = try cli.read("bundle.tmn")
        bytes[bytes.count - 100] ^= 1
        try cli.write("bad.tmn", bytes)
        let refused = try cli.run(["team", "import", "--inbox", "inbox", "bad.tmn"])
        XCTAssertEqual(refused.status, 5)
        XCTAssertTrue(refused.stdout.hasPrefix("bad.tmn: REFUSED — "), refused.stdout)
        XCTAssertTrue(refused.stdout.hasSuffix(" Nothing was imported from it: ask the desk for a new export, or recover its intact "
                                               + "records (marked unverified) with `temoin team decrypt --salvage bad.tmn`.\n"), refused.stdout)
        let salvage = try cli.run(["team", "decrypt", "--salvage", "--key", "team/team.key", "--passphrase-file", "team-pass", "bad.tmn"])
        XCTAssertNotEqual(salvage.status, 64, "the suggested command must exist: \(salvage.stderr)")
    }

    func testSalvagingABundleCutInsideItsHeaderSaysSoAndExitsFive() throws {
        let cli = try CommandRunner.make(self)
        try exportOneTestimony(cli)
        let bytes = try cli.read("bundle.tmn")
        try cli.write("cut.tmn", bytes.prefix(40))
        let salvage = try cli.run(["team", "decrypt", "--salvage", "--key", "team/team.key", "--passphrase-file", "team-pass", "cut.tmn"])
        XCTAssertEqual(salvage.status, 5, "nothing recovered is not a success: \(salvage.stderr)")
        XCTAssertEqual(salvage.stdout, "")
        XCTAssertTrue(salvage.stderr.contains("cut.tmn: DAMAGED — "), salvage.stderr)
        XCTAssertTrue(salvage.stderr.contains("Nothing could be recovered from it."), salvage.stderr)
    }

    func testARecoverySheetTypedWithoutLineNumbersRestoresTheKey() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let sheet = try cli.run(["team", "recovery-sheet", "--key", "team/team.key", "--passphrase-file", "team-pass"])
        XCTAssertEqual(sheet.status, 0, sheet.stderr)
        // The seven lines as a person types them from the paper, without their `1:` labels.
        let typed = sheet.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let label = line.range(of: #"^\s*[1-7]:\s+"#, options: .regularExpression) else { return nil }
            return String(line[label.upperBound...])
        }
        XCTAssertEqual(typed.count, 7, sheet.stdout)
        try cli.write("typed.txt", typed.joined(separator: "\n") + "\n")
        let restore = try cli.run(["team", "restore", "--out", "restored", "--sheet", "typed.txt", "--passphrase-file", "team-pass"])
        XCTAssertEqual(restore.status, 0, restore.stderr)
        XCTAssertEqual(try cli.run(["team", "fingerprint", "restored/team.pub"]).stdout.prefix(24),
                       try cli.run(["team", "fingerprint", "team/team.pub"]).stdout.prefix(24))
    }

    func testTheTeamKeyCanBeNamedOnceInTheEnvironment() throws {
        let cli = try CommandRunner.make(self)
        try exportOneTestimony(cli)
        let key = ["TEMOIN_TEAM_KEY": cli.folder + "/team/team.key"]
        let decrypt = try cli.run(["team", "decrypt", "--passphrase-file", "team-pass", "bundle.tmn"], environment: key)
        XCTAssertEqual(decrypt.status, 0, decrypt.stderr)
        XCTAssertTrue(decrypt.stdout.contains("Récit"), decrypt.stdout)
        let missing = try cli.run(["team", "decrypt", "--passphrase-file", "team-pass", "bundle.tmn"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("To name it once for every team command: export TEMOIN_TEAM_KEY="), missing.stderr)
    }

    func testTwoTeamKeysWithTheirOwnPassphrasesBothComeFromOneFile() throws {
        let cli = try CommandRunner.make(self)
        try exportOneTestimony(cli)
        try cli.write("other-pass", "une autre phrase pour une autre clé\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "other", "--name", "Avocate", "--passphrase-file", "other-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["desk", "team-key", "add", "other/team.pub", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-05", "city": "Lille", "account": "Second récit"}}"#
        let record = try cli.run(["record", "--answers", "-", "--vault", "vault"], input: Data(json.utf8),
                                 environment: ["TEMOIN_PASSPHRASE_FILE": cli.folder + "/desk-pass"])
        XCTAssertEqual(record.status, 0, record.stderr)
        let export = try cli.run(["export", "--out", "second.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(export.status, 0, export.stderr)
        // Line N of the file is the N-th key's passphrase.
        try cli.write("both-pass", String(decoding: try cli.read("other-pass"), as: UTF8.self) + String(decoding: try cli.read("team-pass"), as: UTF8.self))
        let decrypt = try cli.run(["team", "decrypt", "--key", "other/team.key", "--key", "team/team.key", "--passphrase-file", "both-pass",
                                   "bundle.tmn", "second.tmn"])
        XCTAssertEqual(decrypt.status, 0, decrypt.stderr)
        XCTAssertTrue(decrypt.stdout.contains("Second récit") && decrypt.stdout.contains("\"Récit\""), decrypt.stdout)
        let short = try cli.run(["team", "decrypt", "--key", "other/team.key", "--key", "team/team.key", "--key", "team/team.key",
                                 "--passphrase-file", "both-pass", "bundle.tmn"])
        XCTAssertEqual(short.status, 64)
        XCTAssertTrue(short.stderr.contains("has 2 line(s) but line 3 is needed"), short.stderr)
    }
}
