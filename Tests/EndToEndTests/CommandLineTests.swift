import Foundation
import XCTest

/// The README walkthrough and the bad inputs of the command line, run on the built binary.
final class CommandLineTests: XCTestCase {
    private let testimony = #"{"answers": {"consent": "yes", "role": "checked", "anonymous": "no", "check_date": "2026-03-14", "check_time": "18:30", "city": "Saint-Denis", "place_kind": ["transport"], "forces": ["police_nationale", "bac"], "officer_count": 4, "face_photo": "yes", "photo_how": ["asked_to_face"], "device_kind": "smartphone", "account": "Ils m'ont pris en photo avec un téléphone, « pour vérifier ». 漢字 e\u0301"}}"#

    func testReadmeWalkthrough() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)

        let fingerprint = try cli.run(["team", "fingerprint", "team/team.pub"])
        XCTAssertEqual(fingerprint.status, 0)
        XCTAssertTrue(fingerprint.stdout.range(of: #"^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}  Équipe juridique"#, options: .regularExpression) != nil, fingerprint.stdout)

        let form = try cli.run(["form", "--json", "--vault", "vault"])
        XCTAssertEqual(form.status, 0, form.stderr)
        let definition = try JSONSerialization.jsonObject(with: Data(form.stdout.utf8)) as! [String: Any]
        let sections = definition["sections"] as! [[String: Any]]
        let fields = sections.flatMap { $0["fields"] as! [[String: Any]] }
        XCTAssertEqual(sections.count, 8)
        let kinds = Set(fields.map { $0["kind"] as! String })
        XCTAssertEqual(kinds, ["text", "longtext", "choice", "multichoice", "yesno", "number", "date", "time", "files"])
        let forces = fields.first { $0["id"] as? String == "forces" }!
        XCTAssertTrue((forces["choices"] as! [[String: Any]]).contains { $0["id"] as? String == "bac" })
        XCTAssertTrue(fields.contains { $0["when"] != nil }, "conditions are in the definition")

        try cli.write("one.json", testimony)
        let recorded = try cli.run(["record", "--answers", "one.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(recorded.status, 0, recorded.stderr)
        XCTAssertTrue(recorded.stdout.range(of: #"^[2-9A-Z]{4}-[2-9A-Z]{4}\n$"#, options: .regularExpression) != nil, recorded.stdout)

        let lines = (1...3).map { #"{"answers": {"consent": "yes", "role": "witness", "check_date": "2026-0\#($0)", "city": "Lyon \#($0)", "account": "Récit \#($0)"}}"# }
        let batch = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(lines.joined(separator: "\n").utf8))
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertEqual(batch.stdout.split(separator: "\n").count, 3)

        let status = try cli.run(["status", "--json", "--vault", "vault"])
        let counts = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(counts["awaiting_export"] as? Int, 4)
        XCTAssertEqual(counts["drafts"] as? Int, 0)

        let export = try cli.run(["export", "--out", "bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("Exported 4 record(s)"))

        let verify = try cli.run(["verify", "bundle.tmn"])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("4 record(s), desk \"Permanence\""))

        let decrypted = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "bundle.tmn"])
        XCTAssertEqual(decrypted.status, 0, decrypted.stderr)
        let records = decrypted.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(records.count, 4)
        let first = records[0]
        let expected = (try JSONSerialization.jsonObject(with: Data(testimony.utf8)) as! [String: Any])["answers"] as! NSDictionary
        XCTAssertEqual(first["answers"] as! NSDictionary, expected, "the decrypted answers are exactly the recorded ones")
        XCTAssertEqual(first["receipt"] as? String, recorded.stdout.trimmingCharacters(in: .newlines))
        XCTAssertEqual(first["status"] as? String, "ok")

        let csv = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--format", "csv", "--bom", "--out", "t.csv", "bundle.tmn"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let table = try cli.read("t.csv")
        XCTAssertEqual(Array(table.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: table, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 5)

        let again = try cli.run(["export", "--out", "second.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("Nothing new to export"))
    }

    func testExportAllOfAnEmptyVaultSaysThereIsNothingYetNotToUseAll() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let all = try cli.run(["export", "--all", "--out", "all.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"])
        cli.assertRefused(all, saying: "Nothing to export: the vault holds no sealed testimony yet.", nothingAt: "all.tmn")
    }

    func testInvalidAnswersListEveryProblemAndStoreNothing() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("bad.jsonl", """
        {"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "ok"}}
        {"answers": {"consent": "yes", "colour": "blue", "officer_count": "four", "check_date": "2026-02-30", "forces": ["martians"], "account": "x"}}
        """)
        let result = try cli.run(["record", "--answers", "bad.jsonl", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(result.status, 4, result.stderr)
        for field in ["colour", "officer_count", "check_date", "forces", "city"] {
            XCTAssertTrue(result.stderr.contains("line 2: \(field)"), "\(field) missing from:\n\(result.stderr)")
        }
        XCTAssertEqual(result.stdout, "")
        let status = try cli.run(["status", "--json", "--vault", "vault"])
        XCTAssertTrue(status.stdout.contains("\"awaiting_export\":0"), "the valid first line was not stored either")

        try cli.write("latin1.json", Data([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]))
        let latin1 = try cli.run(["record", "--answers", "latin1.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(latin1.status, 4)
        XCTAssertTrue(latin1.stderr.contains("not valid UTF-8"))

        try cli.write("twice.json", #"{"answers": {"consent": "no", "consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "x"}}"#)
        let twice = try cli.run(["record", "--answers", "twice.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(twice.status, 4)
        XCTAssertTrue(twice.stderr.contains("consent: written twice"), twice.stderr)

        try cli.write("notjson.txt", "consent=yes")
        XCTAssertEqual(try cli.run(["record", "--answers", "notjson.txt", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 4)
    }

    func testAnswersThatDoNotApplyAreDroppedWithANote() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "x", "face_photo": "no", "photo_how": ["video"]}}"#)
        let result = try cli.run(["record", "--answers", "a.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("not stored: photo_how"), result.stderr)
    }

    func testWrongPassphrasesAndWrongKeyFiles() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("one.json", testimony)
        XCTAssertEqual(try cli.run(["record", "--answers", "one.json", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        try cli.write("wrong", "pas la bonne\n")

        let export = try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "wrong"])
        XCTAssertEqual(export.status, 3)
        XCTAssertTrue(export.stderr.contains("Wrong passphrase"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/b.tmn"))
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)

        let decrypt = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "wrong", "b.tmn"])
        XCTAssertEqual(decrypt.status, 3)
        XCTAssertTrue(decrypt.stderr.contains("Wrong passphrase"))
        XCTAssertFalse(decrypt.stderr.contains("UTF-8"), "a plain wrong passphrase is not blamed on the file")

        // The right passphrase behind a byte order mark, then in Latin-1: the bytes are used as they are (a key made
        // with that file keeps opening), and the likelier cause than the keyboard is named.
        try cli.write("bom-pass", Data([0xEF, 0xBB, 0xBF]) + Data(try cli.read("team-pass")))
        let bom = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "bom-pass", "b.tmn"])
        XCTAssertEqual(bom.status, 3)
        XCTAssertTrue(bom.stderr.hasSuffix("temoin: The line read from bom-pass starts with a byte order mark (BOM), which counts as part of the "
                                           + "passphrase: save that file as UTF-8 without BOM, then try again.\n"), bom.stderr)
        try cli.write("latin1-pass", Data([0x63, 0x6C, 0xE9, 0x0A]))
        let latin1 = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "latin1-pass", "b.tmn"])
        XCTAssertEqual(latin1.status, 3)
        XCTAssertTrue(latin1.stderr.contains("The line read from latin1-pass is not UTF-8 text"), latin1.stderr)
        // As a new passphrase, such a line is refused: it could not be typed again.
        let newBOM = try cli.run(["team", "init", "--out", "team2", "--passphrase-file", "bom-pass"])
        XCTAssertEqual(newBOM.status, 64)
        XCTAssertEqual(newBOM.stderr, "temoin: The passphrase read from bom-pass starts with a byte order mark (BOM), which cannot be typed "
                                      + "on a keyboard: save that file as UTF-8 without BOM. Nothing was changed.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/team2/team.key"))

        let publicAsSecret = try cli.run(["team", "decrypt", "--key", "team/team.pub", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertNotEqual(publicAsSecret.status, 0)
        XCTAssertTrue(publicAsSecret.stderr.contains("this is a PUBLIC key file"), publicAsSecret.stderr)

        let secretAsPublic = try cli.run(["desk", "init", "--team-key", "team/team.key", "--vault", "v2", "--passphrase-file", "desk-pass"])
        XCTAssertNotEqual(secretAsPublic.status, 0)
        XCTAssertTrue(secretAsPublic.stderr.contains("this is a SECRET key file"), secretAsPublic.stderr)

        let key = try cli.read("team/team.key")
        try cli.write("cut.key", key.prefix(key.count - 5))
        let truncated = try cli.run(["team", "decrypt", "--key", "cut.key", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertNotEqual(truncated.status, 0)
        XCTAssertTrue(truncated.stderr.contains("cut.key: Damaged data"), truncated.stderr)

        // `team fingerprint` takes either file: a damaged team.pub is said damaged (not "a PUBLIC key file; give
        // team.key instead"), and another file is not a key file at all (not "not a secret key file").
        try cli.write("cut.pub", try cli.read("team/team.pub").prefix(20))
        let cutPublic = try cli.run(["team", "fingerprint", "cut.pub"])
        XCTAssertEqual(cutPublic.status, 1)
        XCTAssertEqual(cutPublic.stderr, "temoin: cut.pub: Damaged data: public key is cut short.\n")
        let notAKey = try cli.run(["team", "fingerprint", "one.json"])
        XCTAssertEqual(notAKey.status, 1)
        XCTAssertEqual(notAKey.stderr, "temoin: one.json: This is not a Témoin key file: give the team's public key file (team.pub) or secret key file (team.key).\n")

        // A desk's key file (the desk key kept in the vault) given as the team key: named, before any passphrase.
        let hex = Array(try cli.sqliteValue("vault", "SELECT hex(value) FROM setting WHERE name = 'desk_key'"))
        try cli.write("desk.key", Data(stride(from: 0, to: hex.count - 1, by: 2).compactMap { UInt8(String(hex[$0...$0 + 1]), radix: 16) }))
        let deskKey = try cli.run(["team", "decrypt", "--key", "desk.key", "b.tmn"])
        XCTAssertEqual(deskKey.status, 1)
        XCTAssertEqual(deskKey.stderr, "temoin: desk.key: This is a desk's key, not a team key: give the team's secret key file (team.key).\n")

        let reinit = try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"])
        XCTAssertEqual(reinit.status, 1)
        XCTAssertTrue(reinit.stderr.contains("already exists and was left untouched"))
        XCTAssertEqual(try cli.read("team/team.key"), key)
    }

    func testTamperedBundleFailsVerificationAndDecryption() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("one.json", testimony)
        XCTAssertEqual(try cli.run(["record", "--answers", "one.json", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        var bytes = try cli.read("b.tmn")
        bytes[bytes.count - 100] ^= 1
        try cli.write("bad.tmn", bytes)
        let verify = try cli.run(["verify", "b.tmn", "bad.tmn"])
        XCTAssertEqual(verify.status, 5)
        XCTAssertTrue(verify.stdout.contains("b.tmn: OK"))
        XCTAssertTrue(verify.stdout.contains("bad.tmn: REFUSED"))
        let decrypt = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "bad.tmn"])
        XCTAssertEqual(decrypt.status, 5)
        XCTAssertEqual(decrypt.stdout, "")
        XCTAssertTrue(decrypt.stderr.contains("--salvage"), decrypt.stderr)
    }

    func testVaultMissingOrAlreadyOpen() throws {
        let cli = try CommandRunner.make(self)
        let missing = try cli.run(["status", "--vault", "nowhere"])
        XCTAssertEqual(missing.status, 6)
        XCTAssertTrue(missing.stderr.contains("temoin desk init"))

        try cli.setUpTeamAndDesk()
        let fd = open(cli.folder + "/vault/vault.lock", O_RDWR)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        defer { close(fd) }
        try cli.write("one.json", testimony)
        let busy = try cli.run(["record", "--answers", "one.json", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(busy.status, 6)
        XCTAssertTrue(busy.stderr.contains("already open in another Témoin window"), busy.stderr)
    }

    func testVaultLocationFollowsTheEnvironment() throws {
        let cli = try CommandRunner.make(self)
        try cli.write("team-pass", "une phrase assez longue pour l'équipe\n")
        try cli.write("desk-pass", "bureau du mardi\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["desk", "init", "--team-key", "team/team.pub"], environment: ["TEMOIN_PASSPHRASE_FILE": "desk-pass"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.folder + "/data/temoin/vault.sqlite"), "default is $XDG_DATA_HOME/temoin")
        XCTAssertEqual(try cli.run(["desk", "init", "--team-key", "team/team.pub"], environment: ["TEMOIN_VAULT": cli.folder + "/env-vault", "TEMOIN_PASSPHRASE_FILE": "desk-pass"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.folder + "/env-vault/vault.sqlite"))
        try cli.write("short", "court\n")
        let short = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--vault", "v3"], environment: ["TEMOIN_PASSPHRASE_FILE": "short"])
        XCTAssertEqual(short.status, 64)
        XCTAssertTrue(short.stderr.contains("at least 12 characters"), short.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/v3"), "nothing was created")
    }

    func testTeamCommandsWithoutAKeySayWhichOptionIsMissing() throws {
        let cli = try CommandRunner.make(self)
        for command in [["team", "decrypt", "b.tmn"], ["team", "report", "--html", "r.html"], ["team", "find", "K7QF-29XM"],
                        ["team", "withdraw", "K7QF-29XM", "--yes"], ["team", "browse"], ["team", "note", "K7QF-29XM", "texte"],
                        ["team", "status", "K7QF-29XM", "clos"], ["team", "tag", "K7QF-29XM", "plainte"], ["team", "followup"]] {
            let result = try cli.run(command)
            XCTAssertEqual(result.status, 64, "\(command)")
            XCTAssertTrue(result.stderr.contains("Give the team secret key with --key team.key."), "\(command): \(result.stderr)")
        }
    }

    func testTheDeskUISaysWhatStopsItFromStartingInItsLanguage() throws {
        let cli = try CommandRunner.make(self)
        try cli.write("bad.json", "{}")
        let french = try cli.run(["--lang", "fr", "--form", "bad.json", "--vault", "v"])
        XCTAssertNotEqual(french.status, 0)
        XCTAssertTrue(french.stderr.contains("la clé « id » manque"), french.stderr)
        let english = try cli.run(["--lang", "en", "--form", "bad.json", "--vault", "v"])
        XCTAssertTrue(english.stderr.contains("the key “id” is missing"), english.stderr)
    }
}
