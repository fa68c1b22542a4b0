import Foundation
import XCTest

/// Attacks on the desk by a person with a minute at the keyboard, or a copy of the vault (issue 11):
/// each test does what the attacker would and fails if the attack works.
final class DeskTrustTests: XCTestCase {
    /// (a) Adding (or retiring) a team key from the command line needs the desk passphrase.
    func testTeamKeyAddWithoutThePassphraseIsRefused() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try makeIntruderKey(cli)
        let noPassphrase = try cli.runWithoutTerminal(["desk", "team-key", "add", "intruder/team.pub", "--vault", "vault"])
        XCTAssertEqual(noPassphrase.status, 64, noPassphrase.stderr)
        XCTAssertTrue(noPassphrase.stderr.contains("--passphrase-file"), noPassphrase.stderr)
        try cli.write("wrong-pass", "pas la phrase du bureau\n")
        let wrong = try cli.run(["desk", "team-key", "add", "intruder/team.pub", "--vault", "vault", "--passphrase-file", "wrong-pass"])
        XCTAssertEqual(wrong.status, 3, wrong.stderr)
        let fingerprint = String(try cli.run(["desk", "team-key", "--vault", "vault"]).stdout.prefix(24))
        let retire = try cli.runWithoutTerminal(["desk", "team-key", "retire", fingerprint, "--vault", "vault"])
        XCTAssertEqual(retire.status, 64, retire.stderr)

        XCTAssertEqual(try cli.run(["desk", "team-key", "--vault", "vault"]).stdout.split(separator: "\n").count, 1)
        try assertIntruderReceivesNothing(cli, sealing: "Lyon")
    }

    /// (b) A row slipped into `team_key` with sqlite3 stops the next seal, in the desk UI and in
    /// `temoin record`, with the way out; the testimony stays a draft and nothing is sealed to the intruder.
    func testTeamKeyRowInsertedBehindTheDesksBackStopsSealing() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try makeIntruderKey(cli)
        let own = String(try cli.run(["desk", "team-key", "--vault", "vault"]).stdout.prefix(24))
        let intruder = Array(try cli.read("intruder/team.pub")[6..<38])
        try cli.sqlite("vault", "INSERT INTO team_key (public_key, name) VALUES (?, 'Équipe juridique')", intruder)

        let recorded = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"],
                                   input: Data(CommandRunner.testimonyLine("inséré derrière le dos").utf8))
        XCTAssertEqual(recorded.status, 1, recorded.stderr)
        XCTAssertTrue(recorded.stderr.contains("changed without the desk passphrase"), recorded.stderr)
        XCTAssertTrue(recorded.stderr.contains("temoin desk team-key confirm"), recorded.stderr)
        XCTAssertTrue(CommandRunner.receipts(in: recorded.stdout).isEmpty, recorded.stdout)

        let session = try cli.startDesk()
        try session.startTestimony(city: "Rennes", date: "14/03/2026", role: "1")
        for _ in 0..<6 { try session.press("F4") }
        try session.sealWithAccount("Un agent a photographié mon visage avec une tablette.")
        try session.waitFor("La liste des clés d'équipe a été modifiée")
        try session.press("F10")
        try session.waitFor("F10 Fermer")   // back on the form, the answers still there
        try session.waitFor("Un agent a photographié")
        try session.press("F10")
        try session.waitFor("Nouveau témoignage")
        try session.press("Escape", "0")
        try session.waitForExit()
        let status = try cli.deskStatus()
        XCTAssertEqual(status["drafts"] as? Int, 1, "the testimony is kept as a draft")
        XCTAssertEqual(status["awaiting_export"] as? Int, 0, "nothing was sealed")

        // The volunteer retires the key they do not know: the list bound before is back, and sealing works.
        let listed = try cli.run(["desk", "team-key", "--vault", "vault"]).stdout
        let line = try XCTUnwrap(listed.split(separator: "\n").first { !$0.hasPrefix(own) }, listed)
        let retired = try cli.run(["desk", "team-key", "retire", String(line.prefix(24)), "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(retired.status, 0, retired.stderr)
        try assertIntruderReceivesNothing(cli, sealing: "Nantes")
    }

    /// (c) `temoin record` needs the desk passphrase: nobody else can add testimonies the desk would sign.
    func testRecordWithoutThePassphraseIsRefused() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let input = Data(CommandRunner.testimonyLine("ajouté par un passant").utf8)
        let none = try cli.runWithoutTerminal(["record", "--answers", "-", "--vault", "vault"], input: input)
        XCTAssertEqual(none.status, 64, none.stderr)
        try cli.write("wrong-pass", "pas la phrase du bureau\n")
        let wrong = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "wrong-pass"], input: input)
        XCTAssertEqual(wrong.status, 3, wrong.stderr)
        // With a file, encrypted into the vault while the desk key is derived: the same refusal, and nothing of it left.
        try cli.write("video.png", Data(CommandRunner.pngHead + [UInt8](repeating: 7, count: 8 << 20)))
        let withFile = try cli.run(["record", "--answers", "-", "--attach", "evidence_files=video.png", "--vault", "vault", "--passphrase-file", "wrong-pass"],
                                   input: input)
        XCTAssertEqual(withFile.status, 3, withFile.stderr)
        XCTAssertEqual(withFile.stderr, wrong.stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: cli.folder + "/vault/files")) ?? [], [], "no stream, named or not")
        XCTAssertTrue((none.stdout + wrong.stdout + withFile.stdout).isEmpty, "no receipt")
        let counts = try cli.vaultCounts()
        XCTAssertEqual(counts.awaiting + counts.exported, 0, "nothing was stored")
    }

    /// (d) A copy of the vault holds no record id of the bundles it exported, in any file.
    func testSeizedVaultHoldsNoRecordIDOfItsBundles() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let input = ["premier", "second"].map(CommandRunner.testimonyLine).joined(separator: "\n")
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(input.utf8)).status, 0)
        XCTAssertEqual(try cli.run(["export", "--out", "out.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let (records, _) = try cli.decrypt(["out.tmn"])
        let ids = records.compactMap { $0["record"] as? String }
        XCTAssertEqual(ids.count, 2)
        let bundle = [UInt8](try cli.read("out.tmn"))
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/vault")
        XCTAssertTrue(files.contains("vault.sqlite"))
        for id in ids {
            let raw = try XCTUnwrap(Self.bytes(hex: id))
            XCTAssertTrue(Self.find(raw, in: bundle), "the bundle carries the id in clear: the needle is right")
            for file in files {
                let bytes = [UInt8](try cli.read("vault/" + file))
                XCTAssertFalse(Self.find(raw, in: bytes), "record id \(id) found in vault/\(file)")
                XCTAssertFalse(Self.find(Array(id.utf8), in: bytes), "record id \(id) in hex found in vault/\(file)")
                XCTAssertFalse(Self.find(Array(id.uppercased().utf8), in: bytes), "record id \(id) in hex found in vault/\(file)")
            }
        }
    }

    /// (e) A new desk passphrase has at least 12 characters; the desk key is stretched with MODERATE.
    func testNewDeskPassphraseNeedsTwelveCharacters() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("eleven", "onze lettre\n")   // 11 characters
        let short = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--vault", "v2", "--passphrase-file", "eleven"])
        XCTAssertEqual(short.status, 64, short.stderr)
        XCTAssertTrue(short.stderr.contains("at least 12 characters"), short.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/v2/vault.sqlite"))
        let change = try cli.run(["desk", "passphrase", "--vault", "vault", "--passphrase-file", "desk-pass", "--new-passphrase-file", "eleven"])
        XCTAssertEqual(change.status, 64, change.stderr)
        let input = Data(CommandRunner.testimonyLine("après le changement refusé").utf8)
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "eleven"], input: input).status, 3,
                       "the short passphrase was not set")
        // The desk key made by `desk init` (in `setUpTeamAndDesk`): Argon2id MODERATE, 3 passes and 256 MiB.
        let key = try cli.sqliteValue("vault", "SELECT hex(value) FROM setting WHERE name = 'desk_key'")
        let bytes = try XCTUnwrap(Self.bytes(hex: key))
        let nameLength = Int(bytes[38]) << 8 | Int(bytes[39])
        let ops = bytes[(40 + nameLength)..<(48 + nameLength)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let memory = bytes[(48 + nameLength)..<(56 + nameLength)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        XCTAssertEqual([ops, memory], [3, 268_435_456])
    }

    /// Ctrl-C at a passphrase prompt gives the terminal back with echo on.
    func testInterruptAtThePassphrasePromptRestoresEcho() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("one.json", CommandRunner.testimonyLine("jamais scellé"))
        let script = "trap 'echo interrupted' INT; \(CommandRunner.binary) record --answers one.json --vault vault; "
            + "echo \"ECHO[$(stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo)]\"; sleep 30"
        let session = try TmuxSession(["/bin/sh", "-c", "cd \(cli.folder) && " + script], environment: cli.environment)
        try session.waitFor("Desk passphrase:")
        try session.type("la moitié")
        try session.press("C-c")
        let screen = try session.waitFor("ECHO[")
        XCTAssertTrue(screen.contains("ECHO[echo]"), screen)
        XCTAssertFalse(screen.contains("la moitié"), "what was typed was not echoed")
    }

    /// Secrets that the kernel refuses to lock in memory are reported once, not silently swappable.
    func testSecretsThatCannotBeLockedAreReported() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let arguments = ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"]
        let normal = try cli.run(arguments, input: Data(CommandRunner.testimonyLine("verrouillé").utf8))
        XCTAssertEqual(normal.status, 0, normal.stderr)
        XCTAssertFalse(normal.stderr.contains("could not be locked"), normal.stderr)
        // No locked memory allowed, and no capability to ignore the limit (CAP_IPC_LOCK) even as root.
        let limited = try cli.run(arguments, wrappedIn: ["/usr/bin/prlimit", "--memlock=0", "/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all"],
                                  input: Data(CommandRunner.testimonyLine("pas verrouillé").utf8))
        XCTAssertEqual(limited.status, 0, limited.stderr)
        XCTAssertEqual(limited.stderr.components(separatedBy: "could not be locked in memory (RLIMIT_MEMLOCK is 0 KiB)").count, 2, limited.stderr)
        XCTAssertEqual(CommandRunner.receipts(in: limited.stdout).count, 1, "the testimony is sealed all the same")
        // A large file under a common limit (8 MiB): its plaintext is locked, its stream (only ciphertext) need not be.
        try cli.write("video.png", Data(CommandRunner.pngHead + [UInt8](repeating: 7, count: 24 << 20)))
        let file = try cli.run(["record", "--answers", "-", "--attach", "evidence_files=video.png", "--vault", "vault", "--passphrase-file", "desk-pass"],
                               wrappedIn: ["/usr/bin/prlimit", "--memlock=\(8 << 20)", "/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all"],
                               input: Data(CommandRunner.testimonyLine("avec un fichier").utf8))
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertFalse(file.stderr.contains("could not be locked"), file.stderr)
    }

    /// (f) A team.pub swapped on its way to the desk, whose name carries the team's genuine fingerprint (then a
    /// conceal sequence and spaces that push the rest out of the line): set-up, `desk init` and `status` show the
    /// key's own fingerprint first, where the volunteer reads it to the team, and no terminal sequence of the name.
    func testASwappedTeamKeyFileCannotShowTheTeamsFingerprint() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let genuine = String(try cli.run(["desk", "team-key", "--vault", "vault"]).stdout.prefix(24))
        let made = try cli.run(["team", "init", "--out", "intruder", "--name", "x", "--passphrase-file", "team-pass"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let intruder = try XCTUnwrap(made.stdout.split(separator: "\n").first { $0.hasPrefix("Fingerprint: ") }).dropFirst(13)
        let name = "Équipe juridique\": \(genuine)\u{1B}[8m" + String(repeating: " ", count: 120) + "\""
        let nameBytes = Array(name.utf8)
        try cli.write("forged.pub", Data(try cli.read("intruder/team.pub").prefix(38) + [UInt8(nameBytes.count >> 8), UInt8(nameBytes.count & 0xFF)] + nameBytes))

        let initialised = try cli.run(["desk", "init", "--team-key", "forged.pub", "--vault", "v2", "--name", "Permanence", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        let status = try cli.run(["status", "--vault", "v2"])
        for output in [initialised.stdout, status.stdout] {
            XCTAssertFalse(output.contains("\u{1B}"), "no terminal sequence of the key's name: \(output)")
            let line = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("eam key") }, output)
            XCTAssertEqual(line.firstMatch(of: /[0-9A-Z]{4}(-[0-9A-Z]{4}){4}/).map { String($0.output.0) }, String(intruder), output)
        }

        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let session = try TmuxSession([CommandRunner.binary, "--vault", cli.folder + "/v3"], environment: environment, width: 80, height: 24)
        try session.waitFor("étape 1 sur 3")
        try session.type(cli.folder + "/forged.pub")
        try session.press("Enter")
        let screen = try session.waitFor("Clé de l'équipe : " + intruder)
        XCTAssertFalse(screen.contains("» : " + genuine), screen)
    }

    /// (g) A questionnaire of the attacker's (the built-in one, same id and version, with the labels of two police
    /// forces swapped: the witness picks "Gendarmerie", the record says `police_nationale`) cannot be put in
    /// use without the desk passphrase: `form import` asks it, and one written into the vault with sqlite3 is
    /// never asked by the desk UI nor sealed with by `temoin record` until the volunteer imports or resets.
    func testAQuestionnaireSwappedBehindTheDesksBackIsNeverUsed() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let shown = try cli.run(["form", "show", "--json", "--vault", "vault"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        try cli.write("form.json", shown.stdout)
        let swap = """
            import json, sys
            form = json.load(open("form.json"))
            for section in form["sections"]:
                for field in section["fields"]:
                    if field["id"] == "forces":
                        choices = {choice["id"]: choice for choice in field["choices"]}
                        a, b = choices["police_nationale"], choices["gendarmerie"]
                        a["label"], b["label"] = b["label"], a["label"]
            json.dump(form, open("swapped.json", "w"), ensure_ascii=False)
            """
        XCTAssertEqual(try cli.runTool("/usr/bin/python3", ["-c", swap]).status, 0)

        let noPassphrase = try cli.runWithoutTerminal(["form", "import", "swapped.json", "--vault", "vault"])
        XCTAssertEqual(noPassphrase.status, 64, noPassphrase.stderr)
        try cli.write("wrong-pass", "pas la phrase du bureau\n")
        XCTAssertEqual(try cli.run(["form", "import", "swapped.json", "--vault", "vault", "--passphrase-file", "wrong-pass"]).status, 3)
        XCTAssertEqual(try cli.runWithoutTerminal(["form", "reset", "--vault", "vault"]).status, 64)
        XCTAssertEqual(try cli.sqliteValue("vault", "SELECT count(*) FROM setting WHERE name = 'questionnaire'"), "0", "nothing was imported")

        // Written with sqlite3: refused before sealing, with the way out; nothing is sealed.
        try cli.sqlite("vault", "INSERT INTO setting (name, value) VALUES ('questionnaire', ?)", Array(try cli.read("swapped.json")))
        let input = Data(CommandRunner.testimonyLine("Gendarmerie").utf8)
        let recorded = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input)
        XCTAssertEqual(recorded.status, 1, recorded.stderr)
        XCTAssertTrue(recorded.stderr.contains("questionnaire was imported or changed without the desk passphrase"), recorded.stderr)
        XCTAssertTrue(recorded.stderr.contains("temoin form import FILE"), recorded.stderr)
        XCTAssertTrue(CommandRunner.receipts(in: recorded.stdout).isEmpty, recorded.stdout)
        let session = try cli.startDesk()
        try session.waitFor("Le questionnaire du coffre a été importé ou modifié")
        try session.press("F2")
        usleep(500_000)
        XCTAssertFalse(try session.screen().contains("Accord et personne"), "no testimony starts on that questionnaire")
        try session.press("Escape", "0")
        try session.waitForExit()
        XCTAssertEqual(try cli.deskStatus()["awaiting_export"] as? Int, 0)

        // The volunteer goes back to the built-in questionnaire, or imports the team's file, with the passphrase.
        XCTAssertEqual(try cli.run(["form", "reset", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input).status, 0)
        let imported = try cli.run(["form", "import", "form.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input).status, 0)
    }

    /// (h) A vault in a folder that another user owns, or that others may write (made beforehand in a shared
    /// `/tmp` by someone who waits for a desk to use it), is refused: whoever can write the folder can delete or
    /// replace the vault's files, every sealed testimony with them.
    func testAVaultInAFolderOthersCanWriteIsRefused() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let shared = cli.folder + "/shared"
        XCTAssertEqual(mkdir(shared, 0o700), 0)
        XCTAssertEqual(chmod(shared, 0o777), 0)
        let made = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--vault", "shared", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("others may write to it") && made.stderr.contains("chmod 700 shared"), made.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shared + "/vault.sqlite"))

        XCTAssertEqual(chmod(cli.folder + "/vault", 0o770), 0)
        let input = Data(CommandRunner.testimonyLine("dossier partagé").utf8)
        let recorded = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input)
        XCTAssertEqual(recorded.status, 1, recorded.stderr)
        XCTAssertTrue(recorded.stderr.contains("others may write to it"), recorded.stderr)
        XCTAssertEqual(try cli.run(["status", "--vault", "vault"]).status, 1)
        XCTAssertEqual(chmod(cli.folder + "/vault", 0o700), 0)
        if geteuid() == 0 {   // another user's folder, even a private one
            XCTAssertEqual(chown(cli.folder + "/vault", 4242, 4242), 0)
            XCTAssertEqual(try cli.run(["status", "--vault", "vault"]).status, 1)
            XCTAssertEqual(chown(cli.folder + "/vault", 0, 0), 0)
        }
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input).status, 0)
    }

    // MARK: - Helpers

    private func makeIntruderKey(_ cli: CommandRunner) throws {
        let made = try cli.run(["team", "init", "--out", "intruder", "--name", "Équipe juridique", "--passphrase-file", "team-pass"])
        XCTAssertEqual(made.status, 0, made.stderr)
    }

    /// Seals one testimony, exports, and checks that the team opens it and the intruder's key opens nothing.
    private func assertIntruderReceivesNothing(_ cli: CommandRunner, sealing city: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let sealed = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"],
                                 input: Data(CommandRunner.testimonyLine(city).utf8))
        XCTAssertEqual(sealed.status, 0, sealed.stderr, file: file, line: line)
        let name = "after-\(city).tmn"
        let exported = try cli.run(["export", "--out", name, "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(exported.status, 0, exported.stderr, file: file, line: line)
        let (records, _) = try cli.decrypt([name])
        XCTAssertEqual(records.count, 1, "the team opens it", file: file, line: line)
        let stolen = try cli.run(["team", "decrypt", "--key", "intruder/team.key", "--passphrase-file", "team-pass", name])
        XCTAssertNotEqual(stolen.status, 0, file: file, line: line)
        XCTAssertTrue(stolen.stdout.isEmpty, "the intruder's key opens nothing: \(stolen.stdout)", file: file, line: line)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle)
        }
    }
}

extension CommandRunner {
    /// Runs `temoin ARGS` in a session of its own, without a controlling terminal (as a script would,
    /// and so that no test ever waits on the terminal of the person running it).
    func runWithoutTerminal(_ arguments: [String], input: Data? = nil) throws -> Result {
        try run(arguments, wrappedIn: ["/usr/bin/setsid", "--wait"], input: input)
    }

    /// Runs `WRAPPER… temoin ARGS` (a tool that changes how temoin runs, then executes it).
    func run(_ arguments: [String], wrappedIn wrapper: [String], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper[0])
        process.arguments = wrapper.dropFirst() + [Self.binary] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs one SQL statement on a vault with Python's sqlite3 module, as an attacker with a shell would;
    /// `blob` is bound to its `?`.
    func sqlite(_ vault: String, _ statement: String, _ blob: [UInt8]) throws {
        let script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2], (bytes.fromhex(sys.argv[3]),)); c.commit()"
        let hex = blob.map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(Self.system("/usr/bin/python3", ["-c", script, folder + "/" + vault + "/vault.sqlite", statement, hex]), 0, "sqlite3 write")
    }

    /// The first column of the first row of `query` on a vault, as text.
    func sqliteValue(_ vault: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])",
                             folder + "/" + vault + "/vault.sqlite", query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
