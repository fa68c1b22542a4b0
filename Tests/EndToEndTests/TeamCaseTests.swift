import Foundation
import XCTest

/// The team's case work on the built binary: notes, statuses and tags sealed to every team key, shown by
/// `team find` and listed by `team followup`; `team decrypt --search`.
final class TeamCaseTests: XCTestCase {
    private func record(_ cli: CommandRunner, city: String, recontact: String?) throws -> String {
        let contact = recontact.map { #", "recontact": "yes", "recontact_how": "\#($0)""# } ?? #", "recontact": "no""#
        let json = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04-12", "city": "\#(city)", "account": "Récit"\#(contact)}}"#
        let result = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(json.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Two team members, each with their own key: what one writes, the other reads; the latest status wins.
    func testTwoMembersShareNotesStatusesAndTagsAndFollowUpListsWhoToCall() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        XCTAssertEqual(try cli.run(["team", "init", "--out", "bob", "--name", "Bob", "--passphrase-file", "team-pass"]).status, 0)
        let added = try cli.run(["desk", "team-key", "add", "bob/team.pub", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let receipt = try record(cli, city: "Lyon", recontact: "Signal +33 6 12 34 56 78")
        let quiet = try record(cli, city: "Nice", recontact: nil)
        XCTAssertEqual(try cli.run(["export", "--out", "a.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "a.tmn"]).status, 0)
        let alice = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        let bob = ["--key", "bob/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]

        let note = try cli.run(["team", "note", receipt.lowercased(), "Rappeler après 18 h, CANARY-NOTE-e2e", "--team-pub", "bob/team.pub"] + alice)
        XCTAssertEqual(note.status, 0, note.stderr)
        XCTAssertTrue(note.stdout.contains("Note added to \(receipt) by Équipe juridique"), note.stdout)
        // Each key's fingerprint first, then its name (which the key file's maker chose).
        XCTAssertNotNil(note.stdout.range(of: #"Sealed to 2 team key\(s\): [0-9A-Z]{4}(-[0-9A-Z]{4}){4} \(Équipe juridique\)"#, options: .regularExpression),
                        note.stdout)
        let status = try cli.run(["team", "status", receipt, "à rappeler", "--author", "Bob M."] + bob)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("Status of \(receipt): to-call (à rappeler / to call back), set by Bob M."), status.stdout)
        XCTAssertTrue(status.stdout.contains("Sealed to 2 team key(s)"), "Bob's change is sealed to Alice without naming her: \(status.stdout)")
        XCTAssertEqual(try cli.run(["team", "tag", receipt, "plainte"] + alice).status, 0)
        XCTAssertEqual(try cli.run(["team", "tag", receipt, "canary-tag-e2e"] + bob).status, 0)
        let untag = try cli.run(["team", "tag", receipt, "Plainte", "--remove"] + bob)
        XCTAssertEqual(untag.status, 0, untag.stderr)
        XCTAssertTrue(untag.stdout.contains("Tags now: canary-tag-e2e."), untag.stdout)

        // Each member reads the other's changes with their own key: Alice, Bob's status and tags here; Bob, Alice's note below.
        do {
            let found = try cli.run(["team", "find", receipt] + alice)
            XCTAssertEqual(found.status, 0, found.stderr)
            let line = try json(found.stdout)
            let file = try XCTUnwrap(line["case"] as? [String: Any])
            XCTAssertEqual(file["status"] as? String, "to-call")
            XCTAssertEqual(file["status_label"] as? String, "à rappeler")
            XCTAssertEqual(file["tags"] as? [String], ["canary-tag-e2e"])
            let notes = try XCTUnwrap(file["notes"] as? [[String: Any]])
            XCTAssertEqual(notes.map { $0["author"] as? String }, ["Équipe juridique"])
            XCTAssertEqual(notes.first?["text"] as? String, "Rappeler après 18 h, CANARY-NOTE-e2e")
            XCTAssertEqual((line["answers"] as? [String: Any])?["city"] as? String, "Lyon")
        }

        let listed = try cli.run(["team", "followup", "--format", "json"] + bob)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1, "only the witness who agreed to be contacted again: \(listed.stdout)")
        XCTAssertEqual(rows.first?["receipt"] as? String, receipt)
        XCTAssertEqual(rows.first?["contact"] as? String, "Signal +33 6 12 34 56 78")
        XCTAssertEqual(rows.first?["status"] as? String, "to-call")
        XCTAssertEqual((rows.first?["last_note"] as? [String: Any])?["author"] as? String, "Équipe juridique")
        let table = try cli.run(["team", "followup"] + alice)
        XCTAssertTrue(table.stdout.contains("Reçu") && table.stdout.contains("à rappeler") && table.stdout.contains("Signal +33 6 12 34 56 78"), table.stdout)
        let csv = try cli.run(["team", "followup", "--status", "à rappeler", "--format", "csv", "--separator", ";", "--lang", "en"] + alice)
        XCTAssertTrue(csv.stdout.hasPrefix("receipt;date;city;contact;status;status_label;tags;last_note_at;last_note_author;last_note;record\r\n"), csv.stdout)
        XCTAssertTrue(csv.stdout.contains(";to-call;to call back;canary-tag-e2e;"), csv.stdout)
        XCTAssertFalse(quiet.isEmpty)

        // --where filters on the case work: the status and the tags, read from the inbox with the member's key.
        let toCall = try cli.run(["team", "decrypt", "--where", "statut=à rappeler"] + alice)
        XCTAssertEqual(toCall.status, 0, toCall.stderr)
        XCTAssertEqual(toCall.stdout.split(separator: "\n").count, 1, toCall.stdout)
        XCTAssertTrue(toCall.stdout.contains(receipt), toCall.stdout)
        let untagged = try cli.run(["team", "stats", "--by", "city", "--where", "tag=aucune", "--format", "json"] + bob)
        XCTAssertEqual(untagged.status, 0, untagged.stderr)
        XCTAssertTrue(untagged.stdout.contains("\"Nice\"") && !untagged.stdout.contains("\"Lyon\""), untagged.stdout)
        let typo = try cli.run(["team", "stats", "--where", "tag=canary-tag"] + bob)
        XCTAssertEqual(typo.status, 64, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("canary-tag-e2e (1)"), "the tags in use are listed: \(typo.stderr)")

        // The canary: nothing that was written is in clear in any file of the inbox.
        let enumerator = FileManager.default.enumerator(atPath: cli.folder + "/inbox")
        var files = 0
        while let name = enumerator?.nextObject() as? String {
            guard let bytes = FileManager.default.contents(atPath: cli.folder + "/inbox/" + name) else { continue }
            files += 1
            for canary in ["CANARY-NOTE-e2e", "canary-tag-e2e", "Bob M.", "Rappeler"] {
                XCTAssertNil(bytes.range(of: Data(canary.utf8)), "\(canary) in clear in inbox/\(name)")
            }
        }
        XCTAssertGreaterThan(files, 1)
    }

    /// Case work written before a colleague's key was known becomes readable with it only when a member who reads
    /// it names the colleague's public file (`team share --team-pub`). Reading commands seal nothing again: they
    /// name the keys listed that the work is not sealed to, and a key written into the list directly (as anyone
    /// with write access to the inbox could) receives none of it, and none of what is written after a member takes
    /// it off the list (`team unshare`). Never in clear.
    func testEarlierCaseWorkIsSharedOnlyWithAKeyNamedOnPurpose() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        for name in ["camille", "dan", "mallory"] {
            XCTAssertEqual(try cli.run(["team", "init", "--out", name, "--name", name.capitalized, "--passphrase-file", "team-pass"]).status, 0)
        }
        // The testimonies are sealed to Mallory's key too, so that `team find` shows what her key reads of the case work.
        for name in ["camille", "dan", "mallory"] {
            let added = try cli.run(["desk", "team-key", "add", name + "/team.pub", "--vault", "vault", "--passphrase-file", "desk-pass"])
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        let receipt = try record(cli, city: "Lyon", recontact: "Signal +33 6 12 34 56 78")
        XCTAssertEqual(try cli.run(["export", "--out", "a.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "a.tmn"]).status, 0)
        func member(_ folder: String) -> [String] { ["--key", folder + "/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"] }
        func notes(_ folder: String) throws -> (authors: [String], stderr: String) {
            let found = try cli.run(["team", "find", receipt] + member(folder))
            XCTAssertEqual(found.status, 0, found.stderr)
            let file = try XCTUnwrap(try json(found.stdout)["case"] as? [String: Any])
            return (try XCTUnwrap(file["notes"] as? [[String: Any]]).compactMap { $0["author"] as? String }, found.stderr)
        }

        // Alice writes before anyone else's key is known; Camille writes next: her key is listed from now on.
        let first = try cli.run(["team", "note", receipt, "Avant Camille CANARY-RESEAL-e2e"] + member("team"))
        XCTAssertTrue(first.stdout.contains("Sealed to 1 team key(s)"), first.stdout)
        let second = try cli.run(["team", "note", receipt, "Je rappelle demain"] + member("camille"))
        XCTAssertTrue(second.stdout.contains("Sealed to 2 team key(s)"), second.stdout)
        // Someone who can write the inbox lists Mallory's key, under a colleague's name.
        let pub = try XCTUnwrap(FileManager.default.contents(atPath: cli.folder + "/mallory/team.pub"))
        let hex = pub.dropFirst(6).prefix(32).map { String(format: "%02x", $0) }.joined()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.folder + "/inbox/inbox.sqlite", "INSERT INTO case_recipient (public_key, name) VALUES (X'\(hex)', 'Dan')"]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)

        // Alice reads: nothing is sealed again; both keys are named, with the command and the warning.
        let followup = try cli.run(["team", "followup"] + member("team"))
        XCTAssertEqual(followup.status, 0, followup.stderr)
        // Each key by its fingerprint first: the key slipped in is named "Dan" like a colleague's.
        XCTAssertTrue(followup.stderr.contains("2 case event(s) you read are not sealed to these keys the inbox lists: "
                                               + (try fingerprint(cli, "camille")) + " (Camille)"), followup.stderr)
        XCTAssertTrue(followup.stderr.contains((try fingerprint(cli, "mallory")) + " (Dan)"), followup.stderr)
        XCTAssertTrue(followup.stderr.contains("temoin team share --team-pub THEIR-KEY.pub --key YOUR-KEY.key --inbox "), followup.stderr)
        XCTAssertTrue(followup.stderr.contains("A key nobody in the team recognises"), followup.stderr)
        XCTAssertEqual(try notes("camille").authors, ["Camille"], "reading sealed nothing again")
        XCTAssertEqual(try notes("mallory").authors, [])

        // Alice names Camille's public file: Camille reads the earlier note; the injected key still nothing.
        let shared = try cli.run(["team", "share", "--team-pub", "camille/team.pub"] + member("team"))
        XCTAssertEqual(shared.status, 0, shared.stderr)
        XCTAssertTrue(shared.stdout.contains("1 earlier case event(s) sealed again to: " + (try fingerprint(cli, "camille")) + " (Camille)"), shared.stdout)
        XCTAssertEqual(try notes("camille").authors, ["Équipe juridique", "Camille"], "Alice's note, with its author, in the order written")
        // Dan, named by Camille: both notes at once.
        XCTAssertEqual(try cli.run(["team", "share"] + member("camille")).status, 64, "a colleague's key is needed")
        let dan = try cli.run(["team", "share", "--team-pub", "dan/team.pub"] + member("camille"))
        XCTAssertEqual(dan.status, 0, dan.stderr)
        let (alicePrint, danPrint) = (try fingerprint(cli, "team"), try fingerprint(cli, "dan"))
        XCTAssertTrue(dan.stdout.contains("Case work is sealed to 4 team key(s): \(alicePrint) (Équipe juridique)")
                      && dan.stdout.contains("2 earlier case event(s) sealed again to: \(danPrint) (Dan)"), dan.stdout)
        XCTAssertEqual(try notes("dan").authors, ["Équipe juridique", "Camille"])
        let byMallory = try notes("mallory")
        XCTAssertEqual(byMallory.authors, [])
        XCTAssertTrue(byMallory.stderr.contains("2 case event(s) are sealed to keys not opened here"), byMallory.stderr)

        // What is written next is sealed to the injected key too, until a member takes it off the list: then it is
        // sealed again without it, and nothing later is sealed to it.
        let third = try cli.run(["team", "note", receipt, "Après Dan CANARY-UNSHARE-e2e"] + member("team"))
        XCTAssertTrue(third.stdout.contains("Sealed to 4 team key(s)"), third.stdout)
        XCTAssertEqual(try notes("mallory").authors, ["Équipe juridique"])
        let malloryPrint = try fingerprint(cli, "mallory")
        let unknown = try cli.run(["team", "unshare", "AAAA-BBBB-CCCC-DDDD-EEEE"] + member("team"))
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("No key of the case work's list has the fingerprint AAAA-BBBB-CCCC-DDDD-EEEE"), unknown.stderr)
        let own = try cli.run(["team", "unshare", try fingerprint(cli, "team")] + member("team"))
        XCTAssertEqual(own.status, 64, own.stderr)
        let unshared = try cli.run(["team", "unshare", malloryPrint.lowercased()] + member("team"))
        XCTAssertEqual(unshared.status, 0, unshared.stderr)
        XCTAssertTrue(unshared.stdout.contains("Taken off the case work: \(malloryPrint) (Dan). No new change will be sealed to it; 1 earlier case event(s) sealed again without it."),
                      unshared.stdout)
        XCTAssertTrue(unshared.stdout.contains("Case work is sealed to 3 team key(s)") && !unshared.stdout.contains(malloryPrint + " (Dan)\n"), unshared.stdout)
        XCTAssertEqual(try notes("mallory").authors, [])
        let fourth = try cli.run(["team", "note", receipt, "Sans Dan"] + member("camille"))
        XCTAssertTrue(fourth.stdout.contains("Sealed to 3 team key(s)") && !fourth.stdout.contains(malloryPrint), fourth.stdout)
        XCTAssertEqual(try notes("mallory").authors, [])
        XCTAssertEqual(try notes("dan").authors, ["Équipe juridique", "Camille", "Équipe juridique", "Camille"])

        for name in try FileManager.default.subpathsOfDirectory(atPath: cli.folder + "/inbox") {
            guard let bytes = FileManager.default.contents(atPath: cli.folder + "/inbox/" + name) else { continue }
            for canary in ["CANARY-RESEAL-e2e", "Je rappelle", "CANARY-UNSHARE-e2e"] { XCTAssertNil(bytes.range(of: Data(canary.utf8)), "\(canary) in clear in inbox/\(name)") }
        }
    }

    /// The fingerprint `team fingerprint` prints for the key in `folder`.
    private func fingerprint(_ cli: CommandRunner, _ folder: String) throws -> String {
        let printed = try cli.run(["team", "fingerprint", folder + "/team.pub"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        return String(printed.stdout.split(separator: " ").first ?? "")
    }

    /// `team decrypt --search` writes what the browser's search shows; a search that finds nothing writes nothing;
    /// a bad status, an empty note or an unknown receipt records nothing. (One inbox for both: each costs seconds.)
    func testDecryptWritesOnlyWhatTheSearchFindsAndBadCaseInputRecordsNothing() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let receipt = try record(cli, city: "Lyon", recontact: nil)
        _ = try record(cli, city: "Saint-Étienne", recontact: nil)
        XCTAssertEqual(try cli.run(["export", "--out", "a.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "a.tmn"]).status, 0)
        let keys = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        let found = try cli.run(["team", "decrypt", "--search", "saint etienne", "--format", "csv", "--labels", "fr"] + keys)
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual(found.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 2, "the header and one testimony: \(found.stdout)")
        XCTAssertTrue(found.stdout.contains("Saint-Étienne"))
        XCTAssertTrue(found.stderr.contains("1 testimonies written"), found.stderr)
        let none = try cli.run(["team", "decrypt", "--search", "Marseille", "--out", "none.jsonl"] + keys)
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("--search: no testimony contains \"Marseille\"; nothing was written."), none.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/none.jsonl"))

        let status = try cli.run(["team", "status", receipt, "perdu"] + keys)
        XCTAssertEqual(status.status, 64)
        XCTAssertTrue(status.stderr.contains("Unknown status “perdu”. Possible statuses: new (nouveau / new), to-call (à rappeler"), status.stderr)
        let empty = try cli.run(["team", "note", receipt, "   "] + keys)
        XCTAssertEqual(empty.status, 64)
        XCTAssertTrue(empty.stderr.contains("The note is empty: nothing was recorded."), empty.stderr)
        let unknown = try cli.run(["team", "note", "ZZZZ-ZZZZ", "texte"] + keys)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("No testimony in the inbox has the receipt ZZZZ-ZZZZ"), unknown.stderr)
        let unchanged = try cli.run(["team", "find", receipt] + keys)
        let file = try XCTUnwrap(try json(unchanged.stdout)["case"] as? [String: Any])
        XCTAssertEqual(file["status"] as? String, "new")
        XCTAssertEqual((file["notes"] as? [Any])?.count, 0, "nothing was recorded")
    }

    /// The browser in a real terminal: a note and a status sealed from the testimony, read back by `team find`;
    /// `e` exports the list shown.
    func testTheBrowserSealsANoteAndAStatusAndExportsTheListShown() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let receipt = try record(cli, city: "Lyon", recontact: nil)
        XCTAssertEqual(try cli.run(["export", "--out", "a.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "a.tmn"]).status, 0)
        var environment = cli.environment
        environment["NO_COLOR"] = "1"
        let session = try TmuxSession([CommandRunner.binary, "team", "--key", cli.folder + "/team/team.key", "--passphrase-file",
                                       cli.folder + "/team-pass", "--inbox", cli.folder + "/inbox", "--lang", "en"], environment: environment)
        try session.waitFor("1 of 1 testimony(ies)", timeout: 60)
        try session.press("Enter")
        try session.waitFor("── Follow-up ──")
        try session.type("n")
        try session.waitFor("Add a note")
        try session.answer("Appeler demain matin", thenWaitFor: "Note saved, sealed to the team's keys.")
        try session.type("s")
        try session.waitFor("Status of the testimony")
        try session.press("Down", "Enter")
        try session.waitFor("Status: to call back (Équipe juridique,")
        try session.press("Escape")
        try session.waitFor("the list with its follow-up column") { $0.contains("Follow-up") && $0.contains("to call") }
        try session.type("e")
        try session.waitFor("Export the list shown (1 testimony(ies))")
        try session.press("C-u")
        try session.answer(cli.folder + "/shown.xlsx", thenWaitFor: "1 testimony(ies) exported to")
        try session.press("Escape", "0")
        try session.waitForExit()

        XCTAssertEqual(try cli.read("shown.xlsx").prefix(2), Data("PK".utf8))
        let found = try cli.run(["team", "find", receipt, "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"])
        let file = try XCTUnwrap(try json(found.stdout)["case"] as? [String: Any])
        XCTAssertEqual(file["status"] as? String, "to-call")
        XCTAssertEqual((file["notes"] as? [[String: Any]])?.first?["text"] as? String, "Appeler demain matin")
    }
}
