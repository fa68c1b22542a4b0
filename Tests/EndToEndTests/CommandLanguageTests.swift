import Foundation
import XCTest

/// The command line speaks the user's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG by name.
final class CommandLanguageTests: XCTestCase {
    private let frenchRefusal = "missing.tmn : REFUSÉ — Impossible de lire missing.tmn : fichier ou dossier introuvable."
    private let englishRefusal = "missing.tmn: REFUSED — Cannot read missing.tmn: No such file or directory."

    /// fr_FR.UTF-8 is not installed here: the locale's name alone gives French; the exit code stays 5.
    func testVerifyAnswersInTheLanguageOfTheLocaleOrOfLang() throws {
        let cli = try CommandRunner.make(self)
        let french = try cli.run(["verify", "missing.tmn"], environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(french.status, 5)
        XCTAssertEqual(french.stdout, frenchRefusal + "\n")

        let asked = try cli.run(["--lang", "en", "verify", "missing.tmn"], environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(asked.status, 5)
        XCTAssertEqual(asked.stdout, englishRefusal + "\n")

        let posix = try cli.run(["verify", "missing.tmn"], environment: ["LC_ALL": "C", "LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(posix.status, 5)
        XCTAssertEqual(posix.stdout, englishRefusal + "\n")

        let messages = try cli.run(["verify", "--lang=fr", "missing.tmn"], environment: ["LANG": "C.UTF-8"])
        XCTAssertEqual(messages.stdout, frenchRefusal + "\n", "--lang after the subcommand")
        let lcMessages = try cli.run(["verify", "missing.tmn"], environment: ["LC_ALL": "", "LC_MESSAGES": "fr_BE.UTF-8", "LANG": "C.UTF-8"])
        XCTAssertEqual(lcMessages.stdout, frenchRefusal + "\n", "LC_MESSAGES comes before LANG")
    }

    /// Usage errors keep code 64 and swift-argument-parser's frame, said in French; an unknown --lang is refused.
    func testUsageErrorsAndErrorLinesInFrench() throws {
        let cli = try CommandRunner.make(self)
        let french = ["LANG": "fr_FR.UTF-8"]
        let usage = try cli.run(["verify"], environment: french)
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.stderr.contains("Erreur : "), usage.stderr)
        XCTAssertTrue(usage.stderr.contains("Utilisation : temoin verify"), usage.stderr)
        XCTAssertFalse(usage.stderr.contains("Usage:"), usage.stderr)

        let missingKey = try cli.run(["team", "decrypt"], environment: french)
        XCTAssertEqual(missingKey.status, 64)
        XCTAssertTrue(missingKey.stderr.contains("Erreur : Indiquez la clé secrète de l'équipe avec --key team.key."), missingKey.stderr)

        let noVault = try cli.run(["status", "--vault", "nowhere"], environment: french)
        XCTAssertEqual(noVault.status, 6)
        XCTAssertTrue(noVault.stderr.hasPrefix("temoin: Aucun coffre de poste dans nowhere."), noVault.stderr)

        let wrongLanguage = try cli.run(["--lang", "de", "verify", "missing.tmn"])
        XCTAssertEqual(wrongLanguage.status, 64)
        XCTAssertTrue(wrongLanguage.stderr.contains("--lang must be fr or en."), wrongLanguage.stderr)
    }

    /// The whole desk set-up in French, then the team's import: every line a person reads is French.
    func testDeskAndTeamCommandsInFrench() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
        let french = ["LANG": "fr_FR.UTF-8"]
        let status = try cli.run(["status", "--vault", "vault"], environment: french)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("Scellés, en attente d'export : 0"), status.stdout)
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Lyon", "account": "Récit"}}"#
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(json.utf8)).status, 0)
        let export = try cli.run(["export", "--out", "un.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"], environment: french)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("1 témoignage(s) exporté(s) dans un.tmn"), export.stdout)
        let imported = try cli.run(["team", "import", "--inbox", "inbox", "un.tmn"], environment: french)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("un.tmn : 1 témoignage(s) importé(s) du poste « Permanence »"), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("NOUVEAU POSTE"), imported.stdout)
        let desks = try cli.run(["team", "desks", "--inbox", "inbox"], environment: french)
        XCTAssertTrue(desks.stdout.contains("[nouveau, pas encore approuvé]  1 témoignage(s)"), desks.stdout)
    }

    /// The withdrawal prompt takes "non" and "oui" (and o/n/yes/y) on a terminal.
    func testTheWithdrawalPromptAcceptsOui() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Lyon", "account": "Récit"}}"#
        let receipt = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(json.utf8)).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try cli.run(["export", "--out", "un.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "un.tmn"]).status, 0)
        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let withdraw = [CommandRunner.binary, "team", "withdraw", receipt, "--key", cli.folder + "/team/team.key",
                        "--passphrase-file", cli.folder + "/team-pass", "--inbox", cli.folder + "/inbox"]

        let declined = try TmuxSession(withdraw, environment: environment)
        try declined.keepAfterExit()
        try declined.waitFor("Retirer ce témoignage ? Tapez oui :")
        try declined.type("non")
        try declined.press("Enter")
        try declined.waitFor("Rien n'a été retiré.")
        let find = ["team", "find", receipt, "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        XCTAssertEqual(try cli.run(find).status, 0, "still there after “non”")

        let accepted = try TmuxSession(withdraw, environment: environment)
        try accepted.keepAfterExit()
        try accepted.waitFor("Tapez oui :")
        try accepted.type("oui")
        try accepted.press("Enter")
        try accepted.waitFor("Retiré(s) : 1 témoignage(s).")
        let gone = try cli.run(find, environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(gone.status, 1)
        XCTAssertTrue(gone.stderr.contains("a été retiré par le témoin"), gone.stderr)
    }
}
