import Foundation
import XCTest

/// The command line speaks the user's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG by name.
final class CommandLanguageTests: XCTestCase {
    private let frenchRefusal = "missing.tmn : REFUSÉ — Impossible de lire missing.tmn : fichier ou dossier introuvable."
    private let englishRefusal = "missing.tmn: REFUSED — Cannot read missing.tmn: no such file or folder."

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
        let cli = try CommandRunner.withTeamAndDesk(self)
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
        let cli = try CommandRunner.withTeamAndDesk(self)
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Lyon", "account": "Récit"}}"#
        let receipt = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(json.utf8)).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try cli.run(["export", "--out", "un.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "un.tmn"]).status, 0)
        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let withdraw = [CommandRunner.binary, "team", "withdraw", receipt, "--key", cli.folder + "/team/team.key",
                        "--passphrase-file", cli.folder + "/team-pass", "--inbox", cli.folder + "/inbox"]
        // Runs the withdrawal in tmux, answers `word` to its question and waits for `outcome`.
        func answerWithdrawal(_ word: String, then outcome: String) throws {
            let session = try TmuxSession(withdraw, environment: environment)
            try session.keepAfterExit()
            try session.waitFor("Retirer ce témoignage ? Tapez oui :")
            try session.answer(word, thenWaitFor: outcome)
        }

        try answerWithdrawal("non", then: "Rien n'a été retiré.")
        let find = ["team", "find", receipt, "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        XCTAssertEqual(try cli.run(find).status, 0, "still there after “non”")

        try answerWithdrawal("oui", then: "Retiré(s) : 1 témoignage(s).")
        let gone = try cli.run(find, environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(gone.status, 1)
        XCTAssertTrue(gone.stderr.contains("a été retiré par le témoin"), gone.stderr)
    }

    // MARK: Every line a volunteer, a team member or an attacker meets, in French

    /// The desk's commands, the right way and the wrong ways (wrong passphrase, missing or empty passphrase file,
    /// invalid answers, a vault that exists, a place that cannot be written, usage errors): no English line.
    func testTheDesksCommandsSayEveryLineInFrench() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("ok.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Lyon", "account": "Récit"}}"#)
        try cli.write("bad.json", #"{"answers": {"consent": "maybe", "city": 3}, "bogus": 1}"#)
        try cli.write("wrong-pass", "une autre phrase bien longue\n")
        try cli.write("short", "court\n")
        try cli.write("empty", "")
        try cli.write("bom-pass", Data([0xEF, 0xBB, 0xBF]) + Data(try cli.read("desk-pass")))
        try cli.write("form.json", #"{"id": 3}"#)
        let desk = ["--vault", "vault", "--passphrase-file", "desk-pass"]
        try walkInFrench(cli, [
            Step(["status", "--vault", "vault"], 0),
            Step(["record", "--answers", "ok.json"] + desk, 0),
            // No locked memory allowed, and no capability to ignore the limit (CAP_IPC_LOCK) even as root.
            Step(["record", "--answers", "ok.json"] + desk, 0, through: ["/usr/bin/prlimit", "--memlock=0", "/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all"],
                 saying: "n'ont pas pu être verrouillés en mémoire (RLIMIT_MEMLOCK vaut 0 Kio)"),
            Step(["record", "--answers", "bad.json"] + desk, 4),
            Step(["record", "--answers", "ok.json", "--vault", "vault", "--passphrase-file", "wrong-pass"], 3),
            Step(["record", "--answers", "ok.json", "--vault", "vault", "--passphrase-file", "nowhere"], 64),
            Step(["record", "--answers", "ok.json", "--vault", "vault", "--passphrase-file", "empty"], 64),
            Step(["record", "--answers", "missing.json"] + desk, 1),
            Step(["export", "--out", "un.tmn"] + desk, 0),
            Step(["export", "--out", "deux.tmn"] + desk, 1),
            Step(["export", "--out", "un.tmn", "--all"] + desk, 1),
            Step(["export", "--out", "/proc/no-such-folder/x.tmn", "--all"] + desk, 7),
            Step(["export", "--vault", "vault"], 64),
            Step(["status", "--vault", "nowhere"], 6),
            Step(["desk", "init", "--team-key", "team/team.pub"] + desk, 1),
            Step(["desk", "init", "--vault", "other"], 64),
            Step(["desk", "init", "--team-key", "team/team.key", "--vault", "other", "--passphrase-file", "desk-pass"], 1),
            Step(["desk", "team-key", "--vault", "vault"], 0),
            Step(["desk", "team-key", "retire", "ZZZZ-ZZZZ"] + desk, 1),
            Step(["desk", "team-key", "add", "team/team.key"] + desk, 1),
            Step(["desk", "team-key", "confirm"] + desk, 0),
            Step(["desk", "passphrase", "--new-passphrase-file", "short"] + desk, 64),
            Step(["desk", "passphrase", "--new-passphrase-file", "bom-pass"] + desk, 64, saying: "qui ne se tape pas au clavier"),
            Step(["desk", "bogus"], 64),
            Step(["form", "import", "form.json", "--vault", "vault"], 1),
            Step(["form", "import", "empty", "--vault", "vault"], 1, saying: "Le fichier est vide : un questionnaire est un fichier JSON."),
            Step(["ui", "--vault", "vault"], 1),
            Step(["ui", "--vault", "vault", "--idle-lock", "abc"], 64),
            Step(["ui", "--plain", "--vault", "vault", "--passphrase-file", "wrong-pass"], 3),
            // A Windows editor's byte order mark counts as part of the passphrase: named as the likelier cause.
            Step(["record", "--answers", "ok.json", "--vault", "vault", "--passphrase-file", "bom-pass"], 3,
                 saying: "commence par une marque d'ordre des octets (BOM), qui compte dans la phrase de passe"),
            Step(["verify", "--bogus", "x"], 64),
            // Disk faults (issue 17): a read error on the answers file, and every pread of the vault failing (libfiu).
            Step(["record", "--answers", "/proc/self/mem"] + desk, 7, saying: "Le disque a signalé une erreur de lecture ou d'écriture sur /proc/self/mem"),
            Step(["status", "--vault", "vault"], 7, through: [try FaultMessageTests.fiuRun(), "-x", "-c", "enable name=posix/io/rw/pread,failinfo=5"],
                 saying: "Le disque a signalé une erreur de lecture ou d'écriture sur vault"),
            Step(["form", "show", "--vault", "nowhere"], 7, through: [try FaultMessageTests.fiuRun(), "-x", "-c", "enable name=posix/io/rw/read,failinfo=5"],
                 saying: "Le disque a signalé une erreur de lecture"),
        ])
    }

    /// A crash signal prints its one fixed line in the command line's language too.
    func testTheCrashLineIsFrenchUnderAFrenchLocale() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let run = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"],
                                    environment: ["LANG": "fr_FR.UTF-8"])
        try run.send(Data(CommandRunner.testimonyLine("en cours").prefix(20).utf8), keepOpen: true)
        usleep(300_000)   // started, waiting for the rest of its input
        XCTAssertEqual(kill(run.pid, SIGSEGV), 0)
        XCTAssertEqual(run.wait(), SIGSEGV, "dies of the signal itself")
        XCTAssertEqual(run.stderr, "\ntemoin s'est arrêté brutalement. Ce qui était enregistré avant cet instant est gardé.\n")
    }

    /// The team's commands on good and tampered bundles, with a wrong passphrase, a public key given as the secret
    /// one, a missing key, filters that match nothing, standard output on a full disk, usage errors: no English line.
    func testTheTeamsCommandsSayEveryLineInFrench() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("ok.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "Lyon", "account": "Récit"}}"#)
        try cli.write("wrong-pass", "une autre phrase bien longue\n")
        try cli.write("short", "court\n")
        try cli.write("bad-sheet", "1: AAAA\n2: BBB\n")
        try cli.write("latin1-pass", Data("une phrase accentu".utf8) + Data([0xE9, 0x0A]))
        let receipt = try cli.run(["record", "--answers", "ok.json", "--vault", "vault", "--passphrase-file", "desk-pass"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try cli.run(["export", "--out", "un.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        var bytes = try cli.read("un.tmn")
        bytes[bytes.count - 100] ^= 1
        try cli.write("altered.tmn", bytes)
        try cli.write("cut.tmn", try cli.read("un.tmn").prefix(300))
        let key = ["--key", "team/team.key", "--passphrase-file", "team-pass"]
        let inbox = ["--inbox", "inbox"]
        try walkInFrench(cli, [
            Step(["verify", "un.tmn", "altered.tmn", "cut.tmn", "missing.tmn", "ok.json"], 5),
            Step(["verify"], 64),
            Step(["team", "import", "un.tmn", "altered.tmn", "cut.tmn"] + inbox, 5),
            Step(["team", "import", "un.tmn"] + inbox, 0),
            Step(["team", "desks"] + inbox, 0),
            Step(["team", "desks", "--inbox", "nowhere"], 6),
            Step(["team", "desks", "approve", "ZZZZ-ZZZZ"] + inbox, 1),
            Step(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "wrong-pass"] + inbox, 3),
            Step(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "latin1-pass"] + inbox, 3,
                 saying: "n'est pas du texte UTF-8 (un autre encodage, ou pas un fichier texte)"),
            Step(["team", "decrypt", "--key", "team/team.pub", "--passphrase-file", "team-pass"] + inbox, 1),
            Step(["team", "decrypt", "--key", "unknown.key", "--passphrase-file", "team-pass"] + inbox, 1),
            Step(["team", "decrypt"] + inbox, 64),
            Step(["team", "decrypt", "--where", "city=Marseile"] + key + inbox, 64),
            Step(["team", "decrypt", "--where", "nosuch=1"] + key + inbox, 64),
            Step(["team", "decrypt", "--format", "xml"] + key + inbox, 64),
            Step(["team", "decrypt", "--format", "xlsx"] + key + inbox, 64),
            Step(["team", "decrypt", "--separator", "x"] + key + inbox, 64),
            Step(["team", "decrypt", "--inbox", "nowhere"] + key, 64),
            Step(["team", "decrypt", "--where", "city=Lyon"] + key + inbox, 0, dataOnStandardOutput: true),
            Step(["team", "decrypt", "un.tmn", "altered.tmn"] + key, 5, dataOnStandardOutput: true),
            Step(["team", "decrypt", "--salvage", "altered.tmn"] + key, 5, dataOnStandardOutput: true),
            Step(["team", "decrypt", "--out", "out.jsonl"] + key + inbox, 0),
            Step(["team", "decrypt", "--out", "out.jsonl"] + key + inbox, 1),
            Step(["team", "decrypt"] + key + inbox, 7, through: ["/bin/sh", "-c", #"exec "$0" "$@" > /dev/full"#], saying: "la sortie standard est plein"),
            Step(["team", "stats", "--by", "a", "--by", "b", "--by", "c"] + key + inbox, 64),
            Step(["team", "stats", "--where", "city=Lyon"] + key + inbox, 0),
            Step(["team", "report", "--html", "r.html", "--crosstab", "city"] + key + inbox, 64),
            Step(["team", "report", "--html", "r.html"] + key + inbox, 0),
            Step(["team", "find", "ABCD-EFGH"] + key + inbox, 1),
            Step(["team", "withdraw", receipt] + key + inbox, 64),
            Step(["team", "browse"] + key + inbox, 1),
            Step(["team", "decrpyt"] + key, 64),
            Step(["team", "lost/bundle.tmn"] + key, 64),
            Step(["team", "init", "--out", "team", "--passphrase-file", "team-pass"], 1),
            Step(["team", "fingerprint", "ok.json"], 1),
            Step(["team", "passphrase", "--new-passphrase-file", "short"] + key, 64),
            Step(["team", "recovery-sheet", "--out", "sheet.txt"] + key, 0),
            Step(["team", "exhibit", "ABCD-EFGH", "--out", "piece.html"] + key + inbox, 1),
            Step(["team", "exhibit", receipt, "--out", "piece.txt"] + key + inbox, 64),
            Step(["team", "exhibit", receipt, "--out", "piece.html", "--time-zone", "Europe/Pari"] + key + inbox, 64),
            Step(["team", "exhibit", receipt, "--out", "piece.html"] + key + inbox, 0),
            Step(["team", "corroborate", "--format", "x"] + key + inbox, 64),
            Step(["team", "note", "ABCD-EFGH", "rappeler lundi"] + key + inbox, 1),
            Step(["team", "note", receipt, "rappeler lundi"] + key + inbox, 0),
            Step(["team", "status", receipt, "bogus"] + key + inbox, 64),
            Step(["team", "tag", receipt, "plainte"] + key + inbox, 0),
            Step(["team", "followup", "--format", "x"] + key + inbox, 64),
            Step(["team", "decrypt", "--search", "Marseille"] + key + inbox, 64),
            Step(["team", "restore", "--out", "restored", "--sheet", "bad-sheet", "--passphrase-file", "team-pass"], 1),
        ])
    }

    /// Evidence files (issue 14) in French too: attaching, exporting with and without files, verifying, and
    /// `team decrypt --files` reporting each file written, or not carried by a bundle made without them.
    func testTheEvidenceFileLinesAreFrench() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Filmé."}}"#)
        try cli.write("capture.png", Data(CommandRunner.pngHead))
        let desk = ["--vault", "vault", "--passphrase-file", "desk-pass"]
        let key = ["--key", "team/team.key", "--passphrase-file", "team-pass"]
        try walkInFrench(cli, [
            Step(["record", "--answers", "a.json", "--attach", "capture.png"] + desk, 64),
            Step(["record", "--answers", "a.json", "--attach", "evidence_files=missing.png"] + desk, 1),
            Step(["record", "--answers", "a.json", "--attach", "evidence_files=capture.png"] + desk, 0, dataOnStandardOutput: true),
            Step(["export", "--out", "sans.tmn", "--without-files"] + desk, 0),
            Step(["export", "--out", "avec.tmn", "--all"] + desk, 0, saying: nil),
            Step(["verify", "avec.tmn"], 0),
            Step(["team", "decrypt", "avec.tmn", "--files", "pieces", "--format", "xlsx", "--out", "t.xlsx"] + key, 64),
            Step(["team", "decrypt", "avec.tmn", "--files", "pieces"] + key, 0, dataOnStandardOutput: true),
            Step(["team", "decrypt", "sans.tmn", "--files", "pieces-2"] + key, 5, dataOnStandardOutput: true),
        ])
        let verified = try cli.run(["verify", "avec.tmn"], environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertTrue(verified.stdout.contains("1 fichier(s) remis"), verified.stdout)
        let missing = try cli.run(["team", "decrypt", "sans.tmn", "--files", "pieces-3"] + key, environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertTrue(missing.stderr.contains("NON ÉCRIT : Le lot ne contient pas ce fichier"), missing.stderr)
    }

    /// Exports in volumes (issue 14, FAT32 sticks) in French too: a bad `--max-size` (of `export` and of the desk UI), a bundle cut into two
    /// volumes, and a testimony too large for any volume.
    func testTheVolumeLinesAreFrench() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Filmé."}}"#)
        let png = CommandRunner.pngHead
        try cli.write("moyen.png", Data(png + [UInt8](repeating: 7, count: 600_000)))
        try cli.write("gros.png", Data(png + [UInt8](repeating: 9, count: 1_200_000)))
        let desk = ["--vault", "vault", "--passphrase-file", "desk-pass"]
        try walkInFrench(cli, [
            Step(["export", "--out", "lot.tmn", "--max-size", "12Q"] + desk, 64, saying: "--max-size doit être une taille"),
            Step(["export", "--out", "lot.tmn", "--max-size", "1000"] + desk, 64, saying: "au moins 1M"),
            Step(["--max-size", "12Q", "--vault", "vault"], 64, saying: "--max-size doit être une taille"),
            Step(["record", "--answers", "a.json", "--attach", "evidence_files=moyen.png"] + desk, 0, dataOnStandardOutput: true),
            Step(["record", "--answers", "a.json", "--attach", "evidence_files=moyen.png"] + desk, 0, dataOnStandardOutput: true),
            Step(["export", "--out", "lot.tmn", "--max-size", "1M"] + desk, 0, saying: "coupé en 2 volumes"),
            Step(["verify", "lot-1-of-2.tmn", "lot-2-of-2.tmn"], 0),
            Step(["record", "--answers", "a.json", "--attach", "evidence_files=gros.png"] + desk, 0, dataOnStandardOutput: true),
            Step(["export", "--out", "gros.tmn", "--max-size", "1M"] + desk, 1, saying: "Exportez sans les fichiers (écran d'export F6"),
        ])
    }

    /// The detector itself: it finds the English lines the walks above must not print, and lets French ones pass.
    func testTheEnglishLineDetectorTellsTheLanguagesApart() {
        XCTAssertEqual(EnglishLines.in("temoin: No desk vault at v. Create one with `temoin desk init`, or point to it with --vault DIR."),
                       ["temoin: No desk vault at v. Create one with `temoin desk init`, or point to it with --vault DIR."])
        XCTAssertEqual(EnglishLines.in("Confirmed: new records are sealed to these 2 key(s) only."), ["Confirmed: new records are sealed to these 2 key(s) only."])
        XCTAssertEqual(EnglishLines.in("The passphrase file p has 0 line(s) but line 1 is needed"), ["The passphrase file p has 0 line(s) but line 1 is needed"])
        XCTAssertEqual(EnglishLines.in("""
            temoin: Aucun coffre de poste dans v. Créez-en un avec `temoin desk init --team-key team.pub`, ou indiquez-le avec --vault DOSSIER.
            Le lot est tronqué (it ends inside the record 1 of 2).
            Erreur : La valeur 'abc' n'est pas valable pour '--idle-lock <SECONDS>'
            Aide (en anglais) : --idle-lock <SECONDS>  Lock the screen after this many seconds without a key (0: never).
            Utilisation : temoin team browse [--key <KEY> ...] [--passphrase-file <FILE>] [--lang <LANG>] [<BUNDLE> ...]
            """), [])
    }

    /// One command of a walk: its arguments, the exit code it must end with (so that the path under test is the one
    /// taken), whether its standard output is data (JSON Lines, CSV) rather than sentences, a program that runs it
    /// (`prlimit`, a shell sending standard output to /dev/full) and a French text it must print on that path.
    private struct Step {
        var arguments: [String]
        var status: Int32
        var dataOnStandardOutput: Bool
        var wrapper: [String]
        var expected: String?

        init(_ arguments: [String], _ status: Int32, dataOnStandardOutput: Bool = false, through wrapper: [String] = [], saying expected: String? = nil) {
            self.arguments = arguments
            self.status = status
            self.dataOnStandardOutput = dataOnStandardOutput
            self.wrapper = wrapper
            self.expected = expected
        }
    }

    /// Runs every step in French, by turns from the locale's name (LANG=fr_FR.UTF-8, not installed here) and from
    /// `--lang fr` under LC_ALL=C, and fails on any English line of standard error (and of standard output when it is text).
    private func walkInFrench(_ cli: CommandRunner, _ steps: [Step], file: StaticString = #filePath, line: UInt = #line) throws {
        for (index, step) in steps.enumerated() {
            let byOption = index % 2 == 1
            let arguments = (byOption ? ["--lang", "fr"] : []) + step.arguments
            let environment = byOption ? ["LC_ALL": "C"] : ["LANG": "fr_FR.UTF-8"]
            let result: CommandRunner.Result
            if let program = step.wrapper.first {
                result = try cli.runTool(program, step.wrapper.dropFirst() + [CommandRunner.binary] + arguments, environment: environment)
            } else {
                result = try cli.run(arguments, environment: environment)
            }
            let shown = "temoin " + arguments.joined(separator: " ")
            XCTAssertEqual(result.status, step.status, "\(shown)\n\(result.stderr)", file: file, line: line)
            XCTAssertFalse(result.stderr.isEmpty && result.stdout.isEmpty, "\(shown) says nothing", file: file, line: line)
            if let expected = step.expected {
                XCTAssertTrue((result.stderr + result.stdout).contains(expected), "\(shown)\n\(result.stderr)", file: file, line: line)
            }
            let english = EnglishLines.in(result.stderr) + (step.dataOnStandardOutput ? [] : EnglishLines.in(result.stdout))
            XCTAssertEqual(english, [], "\(shown) said in English:\n" + english.joined(separator: "\n"), file: file, line: line)
        }
    }
}

/// Finds the lines of a command's output that are English sentences.
///
/// A line is English when, once the commands to type (`…`), quoted values, options, paths, ids (field_id, to-call), placeholders (<…>) and the parenthesised
/// byte-level details (which stay in English: they name bytes and fields) are taken out, it still holds two English
/// function words that French never uses. swift-argument-parser's help text stays English, and the line says so.
enum EnglishLines {
    private static let words: Set<String> = [
        "the", "is", "was", "were", "are", "not", "with", "to", "and", "this", "that", "cannot", "could", "nothing", "your",
        "you", "yet", "from", "has", "have", "been", "its", "it", "be", "no", "of", "for", "or", "an", "by", "must", "use",
        "give", "which", "what", "when", "there", "again", "into", "only", "already", "new", "file", "key", "at", "records",
    ]

    static func `in`(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            guard !line.hasPrefix("Aide (en anglais) : ") else { return false }
            var kept = line
            for pattern in ["`[^`]*`", "“[^”]*”", "«[^»]*»", "\"[^\"]*\"", "(^|\\s)'[^']*'", "<[^>]*>", "\\([^)]*\\)", "--[A-Za-z][A-Za-z-]*", "\\S*/\\S*", "\\S*_\\S*", "\\S*\\w-\\w\\S*"] {
                kept = kept.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            let tokens = kept.lowercased().split { !$0.isLetter }
            return tokens.filter { words.contains(String($0)) }.count >= 2
        }
    }
}
