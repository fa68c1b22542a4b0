import Foundation
import XCTest

/// The team's commands on the built binary: inbox, desks, withdrawal, key care.
final class TeamCommandTests: XCTestCase {
    private func record(_ cli: CommandRunner, city: String) throws -> String {
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "\#(city)", "account": "Récit"}}"#
        let result = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(json.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func export(_ cli: CommandRunner, _ name: String, all: Bool = false) throws {
        let result = try cli.run(["export", "--out", name, "--vault", "vault", "--passphrase-file", "desk-pass"] + (all ? ["--all"] : []))
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    private func decryptInbox(_ cli: CommandRunner) throws -> (CommandRunner.Result, [[String: Any]]) {
        let result = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        return (result, lines)
    }

    func testInboxDesksAndWithdrawal() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        _ = try record(cli, city: "Paris")
        let receipt = try record(cli, city: "Lyon")
        try export(cli, "one.tmn")
        _ = try record(cli, city: "Nice")
        try export(cli, "two.tmn", all: true)

        let first = try cli.run(["team", "import", "--inbox", "inbox", "one.tmn"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("NEW DESK"))
        let again = try cli.run(["team", "import", "--inbox", "inbox", "one.tmn", "two.tmn"])
        XCTAssertTrue(again.stdout.contains("one.tmn: already in the inbox — nothing changed"))
        XCTAssertTrue(again.stdout.contains("(2 already in the inbox from other bundles)"), again.stdout)

        let desks = try cli.run(["team", "desks", "--inbox", "inbox"])
        XCTAssertTrue(desks.stdout.contains("Permanence  [new, not approved yet]"), desks.stdout)
        let fingerprint = String(desks.stdout.prefix(24))
        XCTAssertEqual(try cli.run(["team", "desks", "approve", fingerprint, "--inbox", "inbox"]).status, 0)
        XCTAssertTrue(try cli.run(["team", "desks", "--inbox", "inbox"]).stdout.contains("[approved]"))

        var (decrypted, lines) = try decryptInbox(cli)
        XCTAssertEqual(decrypted.status, 0, decrypted.stderr)
        XCTAssertEqual(Set(lines.map { ($0["answers"] as! [String: Any])["city"] as! String }), ["Paris", "Lyon", "Nice"])

        let found = try cli.run(["team", "find", receipt.lowercased(), "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertTrue(found.stdout.contains("\"city\":\"Lyon\""))
        let refused = try cli.run(["team", "withdraw", receipt, "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        XCTAssertEqual(refused.status, 64, "without a terminal, withdrawal needs --yes")
        let withdrawn = try cli.run(["team", "withdraw", receipt, "--yes", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        XCTAssertEqual(withdrawn.status, 0, withdrawn.stderr)
        let gone = try cli.run(["team", "find", receipt, "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        XCTAssertEqual(gone.status, 1)
        XCTAssertEqual(gone.stdout, "", "a withdrawn testimony is not printed")
        XCTAssertTrue(gone.stderr.contains("was withdrawn by the witness"), gone.stderr)

        try export(cli, "three.tmn", all: true)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "three.tmn"]).status, 0)
        (decrypted, lines) = try decryptInbox(cli)
        XCTAssertEqual(decrypted.status, 0, decrypted.stderr)
        XCTAssertEqual(Set(lines.map { ($0["answers"] as! [String: Any])["city"] as! String }), ["Paris", "Nice"], "a re-import does not bring it back")
        XCTAssertTrue(decrypted.stderr.contains("withdrawn"), decrypted.stderr)

        XCTAssertEqual(try cli.run(["team", "desks", "revoke", fingerprint, "--inbox", "inbox"]).status, 0)
        _ = try record(cli, city: "Metz")
        try export(cli, "four.tmn")
        let revokedImport = try cli.run(["team", "import", "--inbox", "inbox", "four.tmn"])
        XCTAssertEqual(revokedImport.status, 5)
        XCTAssertTrue(revokedImport.stdout.contains("which the team revoked"), revokedImport.stdout)
        (decrypted, lines) = try decryptInbox(cli)
        XCTAssertEqual(lines.count, 0)
        XCTAssertTrue(decrypted.stderr.contains("is revoked"), decrypted.stderr)

        var corrupt = try cli.read("four.tmn")
        corrupt[60] ^= 4
        try cli.write("corrupt.tmn", corrupt)
        let corruptImport = try cli.run(["team", "import", "--inbox", "inbox", "corrupt.tmn"])
        XCTAssertEqual(corruptImport.status, 5)
        XCTAssertTrue(corruptImport.stdout.contains("REFUSED"))
    }

    func testKeyRotationAndSeveralMembers() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        _ = try record(cli, city: "Avant")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team2", "--name", "Clé 2027", "--passphrase-file", "team-pass"]).status, 0)
        let added = try cli.run(["desk", "team-key", "add", "team2/team.pub", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let list = try cli.run(["desk", "team-key", "--vault", "vault"])
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 2)
        let oldFingerprint = String(list.stdout.prefix(24))
        XCTAssertEqual(try cli.run(["desk", "team-key", "retire", oldFingerprint, "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let last = try cli.run(["desk", "team-key", "retire", String(try cli.run(["desk", "team-key", "--vault", "vault"]).stdout.prefix(24)),
                                "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertNotEqual(last.status, 0)
        XCTAssertTrue(last.stderr.contains("last team key"), last.stderr)
        _ = try record(cli, city: "Après")
        try export(cli, "b.tmn")

        let newOnly = try cli.run(["team", "decrypt", "--key", "team2/team.key", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertEqual(newOnly.status, 5)
        XCTAssertTrue(newOnly.stdout.contains("Après") && !newOnly.stdout.contains("Avant"))
        XCTAssertTrue(newOnly.stderr.contains("other_key"), newOnly.stderr)
        let both = try cli.run(["team", "decrypt", "--key", "team2/team.key", "--key", "team/team.key", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertEqual(both.stdout.split(separator: "\n").count, 2)
    }

    func testRecoverySheetRestoresTheKeyAndPassphraseChanges() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        _ = try record(cli, city: "Rennes")
        try export(cli, "b.tmn")
        let sheet = try cli.run(["team", "recovery-sheet", "--key", "team/team.key", "--passphrase-file", "team-pass", "--out", "sheet.txt"])
        XCTAssertEqual(sheet.status, 0, sheet.stderr)
        try cli.write("new-pass", "une toute nouvelle phrase\n")
        let restore = try cli.run(["team", "restore", "--out", "restored", "--sheet", "sheet.txt", "--passphrase-file", "new-pass"])
        XCTAssertEqual(restore.status, 0, restore.stderr)
        XCTAssertEqual(try cli.run(["team", "fingerprint", "restored/team.pub"]).stdout.prefix(24),
                       try cli.run(["team", "fingerprint", "team/team.pub"]).stdout.prefix(24))
        XCTAssertEqual(try cli.run(["team", "decrypt", "--key", "restored/team.key", "--passphrase-file", "new-pass", "b.tmn"]).status, 0)

        let changed = try cli.run(["team", "passphrase", "--key", "team/team.key", "--passphrase-file", "team-pass", "--new-passphrase-file", "new-pass"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "b.tmn"]).status, 3)
        XCTAssertEqual(try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "new-pass", "b.tmn"]).status, 0)
    }

    /// Typed line by line: the line number is optional, a typo is named on its line at once and the line asked
    /// again, in the user's language; a file of bare lines restores too.
    func testRestoreNamesTheLineWithATypoAndTakesLinesWithOrWithoutTheirNumber() throws {
        let cli = try CommandRunner.make(self)
        try cli.write("team-pass", "une phrase assez longue pour l'équipe\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"]).status, 0)
        let printed = try cli.run(["team", "recovery-sheet", "--key", "team/team.key", "--passphrase-file", "team-pass"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let lines = printed.stdout.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.contains(":  ") }
            .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.count, 7, printed.stdout)
        let fingerprint = try cli.run(["team", "fingerprint", "team/team.pub"]).stdout.prefix(24)
        var typo = Array(lines[1])
        typo[0] = typo[0] == "Z" ? "Y" : "Z"
        let typed = ["1: " + lines[0], "", String(typo), lines[1].lowercased()] + lines[2...].map { $0 }
        try cli.write("new-pass", "une toute nouvelle phrase\n")
        for (language, message) in [("C.UTF-8", "line 2 has a typo: check it again"), ("fr_FR.UTF-8", "la ligne 2 contient une faute de frappe : vérifiez-la")] {
            let out = "restored-" + language
            let restore = try cli.run(["team", "restore", "--out", out, "--passphrase-file", "new-pass"],
                                      input: Data((typed.joined(separator: "\n") + "\n").utf8), environment: ["LANG": language])
            XCTAssertEqual(restore.status, 0, restore.stderr)
            XCTAssertTrue(restore.stdout.contains("2:   " + message + "\n2: "), restore.stdout)
            XCTAssertEqual(restore.stdout.components(separatedBy: message).count, 2, "one typo, named once: \(restore.stdout)")
            XCTAssertEqual(try cli.run(["team", "fingerprint", out + "/team.pub"]).stdout.prefix(24), fingerprint)
        }
        try cli.write("bare.txt", lines.joined(separator: "\n") + "\n")
        let bare = try cli.run(["team", "restore", "--out", "bare", "--sheet", "bare.txt", "--passphrase-file", "new-pass"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(try cli.run(["team", "fingerprint", "bare/team.pub"]).stdout.prefix(24), fingerprint)
        try cli.write("typo.txt", ([lines[0], String(typo)] + lines[2...]).joined(separator: "\n"))
        let refused = try cli.run(["team", "restore", "--out", "typo", "--sheet", "typo.txt", "--passphrase-file", "new-pass"])
        cli.assertRefused(refused, saying: "Recovery sheet: line 2 has a typo: check it again. Nothing was written.", nothingAt: "typo")
    }

    func testACorruptedInboxBundleIsReportedAndTheOthersDecrypted() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        _ = try record(cli, city: "Paris")
        try export(cli, "one.tmn")
        _ = try record(cli, city: "Lyon")
        try export(cli, "two.tmn")
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "one.tmn", "two.tmn"]).status, 0)
        let copies = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/inbox/bundles").sorted()
        XCTAssertEqual(copies.count, 2)
        let damaged = "inbox/bundles/" + copies[0]
        var bytes = try cli.read(damaged)
        bytes[bytes.count / 2] ^= 0x20           // disk rot in one inbox copy
        try cli.write(damaged, bytes)
        let (decrypted, lines) = try decryptInbox(cli)
        XCTAssertEqual(decrypted.status, 5)
        XCTAssertEqual(lines.count, 1, "the intact bundle is still decrypted")
        XCTAssertTrue(decrypted.stderr.contains(copies[0] + ": record "), decrypted.stderr)
        XCTAssertTrue(decrypted.stderr.contains(": corrupt: "), decrypted.stderr)
    }

    func testDecryptionShowsProgressOnATerminalOnly() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        for city in ["Paris", "Lyon", "Nice"] { _ = try record(cli, city: city) }
        try export(cli, "one.tmn")
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "one.tmn"]).status, 0)
        let command = [CommandRunner.binary, "team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass",
                       "--inbox", "inbox", "--out", "out.jsonl"].joined(separator: " ")
        // script(1) gives the command a terminal as standard error, as a person running it would have.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, cli.folder + "/typescript"]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let typescript = String(decoding: try cli.read("typescript"), as: UTF8.self)
        XCTAssertTrue(typescript.contains("Decrypting ["), typescript)
        XCTAssertTrue(typescript.contains("] 3/3"), typescript)
        XCTAssertEqual(String(decoding: try cli.read("out.jsonl"), as: UTF8.self).split(separator: "\n").count, 3)
        let piped = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        XCTAssertFalse(piped.stderr.contains("Decrypting"), "no progress bar when standard error is not a terminal")
    }
}
