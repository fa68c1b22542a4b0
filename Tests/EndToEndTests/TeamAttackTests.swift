import Foundation
import XCTest

/// Attacks on the team's evidence chain, each played end to end as a person acting on purpose would: with
/// a desk key of their own (`temoin desk init`, a vault and a passphrase of their own), the team's public key
/// and intercepted bundles, crafting bundles with Tests/EndToEndTests/Attacker/craft.py (PyNaCl, from
/// Docs/FORMAT.md). Each test fails if the attack succeeds. Docs/THREAT-MODEL.md names them.
final class TeamAttackTests: XCTestCase {
    private let python = "/usr/bin/python3"
    private var craftScript: String { CommandRunner.repository.appendingPathComponent("Tests/EndToEndTests/Attacker/craft.py").path }

    /// Runs the attacker's tool in `cli`'s folder; returns its standard output.
    @discardableResult
    private func craft(_ cli: CommandRunner, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [craftScript] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        let out = cli.folder + "/craft.out", err = cli.folder + "/craft.err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        if stderr.contains("No module named 'nacl'") { throw XCTSkip("PyNaCl is missing: `make deps` installs python3-nacl") }
        XCTAssertEqual(process.terminationStatus, 0, "craft.py \(arguments): \(stderr)")
        return try String(contentsOfFile: out, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The genuine team and desk (`vault`, named "Permanence"), and the attacker's own desk (`evil`), which
    /// takes the same name: nothing but the fingerprint tells them apart.
    private func setUp(_ cli: CommandRunner) throws {
        try cli.setUpTeamAndDesk()
        try cli.write("evil-pass", "le bureau de l'attaquant, bien long\n")
        let evil = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--name", "Permanence", "--vault", "evil", "--passphrase-file", "evil-pass"])
        XCTAssertEqual(evil.status, 0, evil.stderr)
    }

    /// Seals testimonies from `cities` at the genuine desk and exports them to `name`.
    private func genuineBundle(_ cli: CommandRunner, _ name: String, cities: [String], all: Bool = false) throws {
        let lines = cities.map { #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-04", "city": "\#($0)", "account": "Récit."}}"# }
        try cli.write(name + ".jsonl", lines.joined(separator: "\n") + "\n")
        let recorded = try cli.run(["record", "--answers", name + ".jsonl", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(recorded.status, 0, recorded.stderr)
        let exported = try cli.run(["export", "--out", name, "--vault", "vault", "--passphrase-file", "desk-pass"] + (all ? ["--all"] : []))
        XCTAssertEqual(exported.status, 0, exported.stderr)
    }

    /// The record ids a bundle lists, from its envelopes split into `folder`.
    private func split(_ cli: CommandRunner, _ bundle: String, into folder: String) throws -> (bundleID: String, envelopes: [String], ids: [String]) {
        let bundleID = try craft(cli, ["split", bundle, folder])
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/" + folder).filter { $0.hasSuffix(".tmnr") }
            .sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }.map { folder + "/" + $0 }
        let ids = try files.map { Array(try cli.read($0)[5..<21]).map { String(format: "%02x", $0) }.joined() }
        return (bundleID, files, ids)
    }

    private func deskFingerprint(_ cli: CommandRunner, vault: String) throws -> String {
        let status = try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--json", "--vault", vault]).stdout.utf8)) as! [String: Any]
        return (status["desk"] as! [String: Any])["fingerprint"] as! String
    }

    private func importing(_ cli: CommandRunner, _ bundles: String...) throws -> CommandRunner.Result {
        try cli.run(["team", "import", "--inbox", "inbox"] + bundles)
    }

    private func decrypt(_ cli: CommandRunner, _ extra: [String] = []) throws -> (CommandRunner.Result, [[String: Any]]) {
        let result = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"] + extra)
        let lines = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, result.stdout.split(separator: "\n").count, "every line is JSON")
        return (result, lines)
    }

    private func city(_ line: [String: Any]) -> String { (line["answers"] as? [String: Any])?["city"] as? String ?? "" }

    /// (a) Suppression: a new desk's back-dated bundle of forged records carrying a genuine bundle's record ids,
    /// imported before the genuine one. The forged records are never output as `ok`, the genuine ones are
    /// never dropped as duplicates: every copy is output as `conflict`, exit 5, and the import says CONFLICT.
    func testForgedRecordsWithGenuineIdsNeverHideTheGenuineOnes() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "genuine.tmn", cities: ["Paris", "Lyon"])
        let genuine = try split(cli, "genuine.tmn", into: "intercepted")
        let genuineDesk = try deskFingerprint(cli, vault: "vault")
        var forged: [String] = []
        for (index, id) in genuine.ids.enumerated() {
            try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", id, "--desk", try deskFingerprint(cli, vault: "evil"),
                            "--city", "Forged", "forged-\(index).tmnr"])
            forged.append("forged-\(index).tmnr")
        }
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--time", "0", "backdated.tmn"] + forged)

        let first = try importing(cli, "backdated.tmn")
        XCTAssertEqual(first.status, 0, first.stdout)
        XCTAssertTrue(first.stdout.contains("NEW DESK"), first.stdout)
        let second = try importing(cli, "genuine.tmn")
        XCTAssertEqual(second.status, 5, "the genuine bundle's conflict is an error: \(second.stdout)")
        XCTAssertTrue(second.stdout.contains("CONFLICT: 2 record(s)"), second.stdout)

        let (result, lines) = try decrypt(cli)
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertFalse(lines.contains { $0["status"] as? String == "ok" }, "no copy of a conflicting record is ok: \(lines)")
        XCTAssertEqual(Set(lines.map(city)), ["Paris", "Lyon", "Forged"], "the genuine testimonies are output")
        XCTAssertEqual(lines.count, 4, "both copies of each id, once each")
        XCTAssertTrue(lines.allSatisfy { $0["status"] as? String == "conflict" && $0["desk_trust"] as? String == "new" }, "\(lines)")
        XCTAssertTrue(result.stderr.contains("CONFLICT"), result.stderr)
        XCTAssertTrue(result.stderr.contains("WARNING: 4 testimony(ies) come from desks not approved yet"), result.stderr)

        // After the phone check, the genuine desk is approved: --approved-only keeps the forger's copies apart.
        XCTAssertEqual(try cli.run(["team", "desks", "approve", genuineDesk, "--inbox", "inbox"]).status, 0)
        let (approved, approvedLines) = try decrypt(cli, ["--approved-only"])
        XCTAssertEqual(Set(approvedLines.map(city)), ["Paris", "Lyon"], approved.stderr)
        XCTAssertTrue(approvedLines.allSatisfy { $0["desk_trust"] as? String == "approved" && $0["desk"] as? String == genuineDesk })
        XCTAssertTrue(approved.stderr.contains("2 not_approved"), approved.stderr)
        // The order of the bundles does not matter: the same set either way.
        let desks = try cli.run(["team", "desks", "--inbox", "inbox"])
        XCTAssertTrue(desks.stdout.contains("[approved]  2 record(s)") && desks.stdout.contains("[new, not approved yet]  2 record(s)"), desks.stdout)
    }

    /// Two conforming readers output the same set from the same bundles: temoin and the independent reader
    /// (Scripts/temoin_reader.py) agree on every line and status — conflicts and moved records included.
    func testTheIndependentReaderOutputsTheSameConflictsAndMismatches() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "genuine.tmn", cities: ["Paris", "Lyon"])
        try genuineBundle(cli, "later.tmn", cities: ["Nice"], all: true)
        let genuine = try split(cli, "genuine.tmn", into: "intercepted")
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", genuine.ids[0], "--desk", try deskFingerprint(cli, vault: "evil"),
                        "--city", "Forged", "forged.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "forged.tmn", "forged.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "moved.tmn", genuine.envelopes[1]])
        let bundles = ["forged.tmn", "genuine.tmn", "later.tmn", "moved.tmn"]
        let temoin = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "no-inbox"] + bundles)
        XCTAssertEqual(temoin.status, 5, temoin.stderr)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: python)
        reader.arguments = [CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path, "decrypt", "--key", "team/team.key",
                            "--passphrase-file", "team-pass", "--out", "reader.jsonl"] + bundles
        reader.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        reader.standardError = FileHandle.nullDevice
        try reader.run()
        reader.waitUntilExit()
        XCTAssertEqual(reader.terminationStatus, 5)
        func parsed(_ text: String) -> [NSDictionary] {
            text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary }
        }
        let ours = parsed(temoin.stdout), theirs = parsed(String(decoding: try cli.read("reader.jsonl"), as: UTF8.self))
        XCTAssertEqual(ours, theirs)
        XCTAssertEqual(ours.map { $0["status"] as? String ?? "" }, ["conflict", "conflict", "conflict", "ok", "desk_mismatch"], "\(ours)")
    }

    /// (b) Bundle-id squatting: a bundle that reuses a genuine bundle's id, imported first — with the genuine
    /// desk unknown (the inbox crashed here once) and known. The genuine bundle is still imported and its
    /// records output; the clash is said; the same desk reusing an id for other content is refused.
    func testASquattedBundleIdDoesNotKeepTheGenuineBundleOut() throws {
        for genuineDeskKnown in [false, true] {
            let cli = try CommandRunner.make(self)
            try setUp(cli)
            if genuineDeskKnown {
                try genuineBundle(cli, "earlier.tmn", cities: ["Nice"])
                XCTAssertEqual(try importing(cli, "earlier.tmn").status, 0)
            }
            try genuineBundle(cli, "genuine.tmn", cities: ["Paris", "Lyon"])
            let genuine = try split(cli, "genuine.tmn", into: "intercepted")
            try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "ab", count: 16),
                            "--desk", try deskFingerprint(cli, vault: "evil"), "--city", "Planted", "planted.tmnr"])
            try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--bundle-id", genuine.bundleID,
                            "squat.tmn", "planted.tmnr"])
            XCTAssertEqual(try importing(cli, "squat.tmn").status, 0)
            let imported = try importing(cli, "genuine.tmn")
            XCTAssertEqual(imported.status, 0, "known desk: \(genuineDeskKnown): \(imported.stdout) \(imported.stderr)")
            XCTAssertTrue(imported.stdout.contains("genuine.tmn: imported 2 record(s)"), imported.stdout)
            XCTAssertFalse(imported.stdout.contains("nothing changed"), imported.stdout)
            XCTAssertTrue(imported.stdout.contains("gave a bundle with the same id: both are kept apart"), imported.stdout)
            let again = try importing(cli, "genuine.tmn")
            XCTAssertTrue(again.stdout.contains("already in the inbox — nothing changed"), again.stdout)
            let (result, lines) = try decrypt(cli)
            XCTAssertTrue(Set(lines.map(city)).isSuperset(of: ["Paris", "Lyon", "Planted"]), "\(lines) \(result.stderr)")

            // The attacker's own desk signing another bundle under the same id: refused loudly, nothing imported.
            try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--bundle-id", genuine.bundleID, "--time", "5",
                            "squat2.tmn", "planted.tmnr"])
            let reused = try importing(cli, "squat2.tmn")
            XCTAssertEqual(reused.status, 5, reused.stdout)
            XCTAssertTrue(reused.stdout.contains("already gave a DIFFERENT bundle with the id \(genuine.bundleID)"), reused.stdout)
        }
    }

    /// (c) Moved records: desk B re-signs desk A's genuine envelopes. They are output as `desk_mismatch`, never
    /// `ok`, and exit 5 — alone, and next to the genuine bundle (where the ids also conflict across desks).
    func testRecordsReSignedByAnotherDeskAreADeskMismatch() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "genuine.tmn", cities: ["Paris", "Lyon"])
        let genuine = try split(cli, "genuine.tmn", into: "intercepted")
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--time", "2000000000", "moved.tmn"] + genuine.envelopes)
        XCTAssertEqual(try importing(cli, "moved.tmn").status, 0)
        var (result, lines) = try decrypt(cli)
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0["status"] as? String == "desk_mismatch" }, "\(lines)")
        XCTAssertTrue(lines.allSatisfy { $0["desk"] as? String == (try? self.deskFingerprint(cli, vault: "evil")) }, "desk is the signer")
        XCTAssertTrue(result.stderr.contains("DESK MISMATCH"), result.stderr)

        XCTAssertEqual(try importing(cli, "genuine.tmn").status, 5)
        (result, lines) = try decrypt(cli)
        XCTAssertEqual(result.status, 5)
        XCTAssertFalse(lines.contains { $0["status"] as? String == "ok" }, "\(lines)")
        XCTAssertEqual(lines.filter { $0["status"] as? String == "desk_mismatch" }.count, 2, "\(lines)")
        XCTAssertEqual(lines.filter { $0["status"] as? String == "conflict" }.count, 2, "the genuine copies, flagged, still output")
    }

    /// (e) Replay: an old bundle brought again after a newer one of the same desk is said on import, and so is
    /// a bundle whose records were all already delivered.
    func testAnOldBundleBroughtAgainIsFlaggedOnImport() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "monday.tmn", cities: ["Paris"])
        sleep(1)   // export times are in seconds
        try genuineBundle(cli, "tuesday.tmn", cities: ["Lyon"], all: true)
        XCTAssertEqual(try importing(cli, "tuesday.tmn").status, 0)
        let replayed = try importing(cli, "monday.tmn")
        XCTAssertEqual(replayed.status, 0, replayed.stdout)
        XCTAssertTrue(replayed.stdout.contains("REPLAY: every record of this bundle was already delivered"), replayed.stdout)
        XCTAssertTrue(replayed.stdout.contains("before the latest bundle already imported from this desk"), replayed.stdout)
        let fresh = try cli.run(["team", "import", "--inbox", "other-inbox", "monday.tmn", "tuesday.tmn"])
        XCTAssertFalse(fresh.stdout.contains("REPLAY"), "bundles in their order are no replay: \(fresh.stdout)")
    }

    /// A record also sealed to a key the team does not know (a recipient added at the desk behind its
    /// volunteers' back) is decrypted, with a warning naming the key id; `--team-pub` names a colleague's key.
    func testRecordsAlsoSealedToAnUnknownKeyAreWarnedAbout() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        let spy = try cli.run(["team", "init", "--out", "spy", "--name", "Espion", "--passphrase-file", "team-pass"])
        XCTAssertEqual(spy.status, 0, spy.stderr)
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--also", "spy/team.pub", "--record", String(repeating: "cd", count: 16),
                        "--desk", try deskFingerprint(cli, vault: "evil"), "--city", "Sealed twice", "twice.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--time", "1", "twice.tmn", "twice.tmnr"])
        XCTAssertEqual(try importing(cli, "twice.tmn").status, 0)
        let spyKeyID = try craft(cli, ["keyid", "spy/team.pub"])
        let (result, lines) = try decrypt(cli)
        XCTAssertEqual(lines.map(city), ["Sealed twice"])
        XCTAssertTrue(result.stderr.contains("WARNING: 1 record(s) also sealed to an unknown key id \(spyKeyID): check the desk's team keys"),
                      result.stderr)
        let (named, _) = try decrypt(cli, ["--team-pub", "spy/team.pub"])
        XCTAssertFalse(named.stderr.contains("unknown key id"), named.stderr)
    }

    /// A desk name that carries terminal sequences: it names the genuine desk's fingerprint, then hides what
    /// follows (`ESC [8m`, concealed text), erases the line or returns the cursor (`CR`), or reverses what is
    /// after it (U+202E). Before the fix, `team import` and `team desks` printed it as is, so the team saw the
    /// genuine fingerprint beside a forger's bundle and not the forger's; now each such character is shown as
    /// U+FFFD, by Témoin and by the independent reader, and the true fingerprint stays in sight.
    func testADeskNameCannotRewriteTheFingerprintPrintedBesideIt() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        let genuine = try deskFingerprint(cli, vault: "vault"), evil = try deskFingerprint(cli, vault: "evil")
        let name = "Permanence\" \(genuine)\u{1B}[8m\r\u{1B}[2K\u{202E}\u{85} \u{1F469}\u{200D}\u{2696}\u{FE0F}"
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "ef", count: 16), "--desk", evil, "--city", "Lyon", "r.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--name", name, "named.tmn", "r.tmnr"])
        let shown = "Permanence\" \(genuine)\u{FFFD}[8m\u{FFFD}\u{FFFD}[2K\u{FFFD}\u{FFFD} \u{1F469}\u{200D}\u{2696}\u{FE0F}"
        let imported = try importing(cli, "named.tmn")
        let desks = try cli.run(["team", "desks", "--inbox", "inbox"])
        for output in [imported.stdout + imported.stderr, desks.stdout + desks.stderr] {
            XCTAssertFalse(output.unicodeScalars.contains { [0x1B, 0x0D, 0x85, 0x202E].contains($0.value) }, output)
            XCTAssertTrue(output.contains(shown + "\" \(evil)") || output.contains(evil + "  " + shown), output)
        }
        let (_, lines) = try decrypt(cli)
        XCTAssertEqual(lines.map { $0["desk_name"] as? String }, [shown])
        let reader = try cli.runTool(python, [CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path, "decrypt",
                                              "--key", "team/team.key", "--passphrase-file", "team-pass", "named.tmn"])
        let theirs = try JSONSerialization.jsonObject(with: Data(reader.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(theirs?["desk_name"] as? String, shown, reader.stderr)
    }

    /// Answers that carry terminal sequences (a city that clears the screen and sets the window's title), in two
    /// forged records of one check: before the fix `team stats`, `team corroborate` and `team withdraw`'s
    /// "Found" lines printed them as is; now each control or format character is shown as U+FFFD, and the JSON
    /// outputs keep the answer whole (escaped). A third record's answer id carries `ESC [8m` (concealing every
    /// line after it: the warnings and the summary) and makes it damaged: its `corrupt` line shows U+FFFD too.
    func testAnswersCannotRewriteTheTerminal() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        let evil = try deskFingerprint(cli, vault: "evil"), city = "Ly\u{1B}[2J\u{1B}]0;title\u{07}on\u{202E}"
        for (index, record) in [String(repeating: "e1", count: 16), String(repeating: "e2", count: 16)].enumerated() {
            try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", record, "--desk", evil, "--city", city,
                            "--answer", "check_date=2026-03-14", "--answer", "check_time=18:30", "--answer", "place=Gare", "r\(index).tmnr"])
        }
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "e3", count: 16), "--desk", evil, "--city", "Lyon",
                        "--json-answer", "evil\u{1B}[8m=1.5", "r2.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "forged.tmn", "r0.tmnr", "r1.tmnr", "r2.tmnr"])
        XCTAssertEqual(try importing(cli, "forged.tmn").status, 0)
        let key = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        let outputs = [try cli.run(["team", "stats", "--by", "city"] + key), try cli.run(["team", "corroborate"] + key),
                       try cli.run(["team", "withdraw", "FAKE-0000"] + key, input: Data())]
        for result in outputs {
            XCTAssertFalse((result.stdout + result.stderr).unicodeScalars.contains { [0x1B, 0x07, 0x202E].contains($0.value) }, result.stdout + result.stderr)
            XCTAssertTrue(result.stdout.contains("Ly\u{FFFD}[2J\u{FFFD}]0;title\u{FFFD}on\u{FFFD}"), result.stdout)
        }
        let (decrypted, lines) = try decrypt(cli)
        XCTAssertEqual(lines.map(self.city), [city, city], "JSON keeps the answer as sealed")
        XCTAssertTrue(decrypted.stderr.contains(#"corrupt: answer "evil\#u{FFFD}[8m" is not a string"#), decrypted.stderr)
        XCTAssertFalse(decrypted.stderr.unicodeScalars.contains { $0.value == 0x1B }, decrypted.stderr)
    }

    /// A forged answer of emoji joined by zero-width joiners (a family 👩‍👧, four times, then "END"), read in the
    /// browser in tmux. Before the fix each cell was sent with its joiner: tmux joined the next cell's character
    /// to it, the rest of the row was drawn columns to the left of where ncurses believed, over stale text, and
    /// "END" was not where the frame put it. Now each cell is sent as its first character and its combining marks.
    func testEmojiJoinersInAnAnswerDoNotSkewTheBrowser() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        let family = "\u{1F469}\u{200D}\u{1F467}"
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "e4", count: 16), "--desk", try deskFingerprint(cli, vault: "evil"),
                        "--city", "Lyon", "--answer", "place=" + String(repeating: family, count: 4) + " END a\u{200D}bc", "r.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "forged.tmn", "r.tmnr"])
        XCTAssertEqual(try importing(cli, "forged.tmn").status, 0)
        var environment = cli.environment
        environment["NO_COLOR"] = "1"
        let session = try TmuxSession([CommandRunner.binary, "team", "--lang", "en", "--key", cli.folder + "/team/team.key", "--inbox", cli.folder + "/inbox",
                                       "--passphrase-file", cli.folder + "/team-pass"], environment: environment)
        try session.waitFor("1 of 1 testimony(ies)", timeout: 30)
        try session.press("Enter")
        let screen = try session.waitFor("Where exactly?")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let answer = lines.firstIndex { $0.contains("Where exactly?") }.map { lines.index(after: $0) }.flatMap { lines.indices.contains($0) ? lines[$0] : nil }
        XCTAssertEqual(answer, "    " + String(repeating: "\u{1F469}", count: 4) + " END abc", screen)
        XCTAssertTrue(screen.contains("Desk NOT APPROVED yet"), screen)
    }

    /// An impostor's desk named like the genuine one but for case, an accent, a trailing space, an invisible
    /// character, Cyrillic or Greek look-alike letters, full-width or mathematical letters. Before the fixes only an
    /// identical name, then only a name equal but for case and accents, was said to clash; now each import says
    /// WARNING with the genuine desk's fingerprint.
    func testANearlyIdenticalDeskNameIsFlaggedAsAClash() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "genuine.tmn", cities: ["Paris"])
        XCTAssertEqual(try importing(cli, "genuine.tmn").status, 0)
        let genuine = try deskFingerprint(cli, vault: "vault"), evil = try deskFingerprint(cli, vault: "evil")
        for (index, name) in ["permanence", "Permanence ", "PERMANÉNCE", "Perma\u{200B}nence", "Реrmanеnce", "ΡΕRΜΑΝΕΝCΕ", "Ｐｅｒｍａｎｅｎｃｅ",
                                         "\u{1D40F}ermanence"].enumerated() {
            let record = String(format: "%02x", 0xd0 + index) + String(repeating: "00", count: 15)
            try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", record, "--desk", evil, "--city", "Lyon", "r\(index).tmnr"])
            try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--name", name, "n\(index).tmn", "r\(index).tmnr"])
            let imported = try importing(cli, "n\(index).tmn")
            XCTAssertEqual(imported.status, 0, imported.stderr)
            XCTAssertTrue(imported.stdout.contains("WARNING: another desk named \"Permanence\" is known with fingerprint \(genuine)"),
                          "\(name): \(imported.stdout)")
        }
    }

    /// A forged testimony that copies a genuine testimony's receipt (the payload's own field). Before the fix the
    /// team's case work was kept by receipt: a status set on one showed on both — setting the forgery aside set the
    /// genuine testimony aside too — and `team note` wrote to whichever came first. Now the case is kept by record
    /// id; a change named by a shared receipt is refused, listing both testimonies with their desks' fingerprints,
    /// and `--record ID` names one, as for `team exhibit`.
    func testAForgedCopyOfAReceiptDoesNotShareItsCase() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        try genuineBundle(cli, "genuine.tmn", cities: ["Paris"])
        XCTAssertEqual(try importing(cli, "genuine.tmn").status, 0)
        let genuine = try XCTUnwrap(try decrypt(cli).1.first)
        let receipt = try XCTUnwrap(genuine["receipt"] as? String), genuineRecord = try XCTUnwrap(genuine["record"] as? String)
        let evil = try deskFingerprint(cli, vault: "evil"), forgedRecord = String(repeating: "0f", count: 16)
        try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", forgedRecord, "--desk", evil, "--city", "Lyon", "--receipt", receipt, "r.tmnr"])
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "forged.tmn", "r.tmnr"])
        XCTAssertEqual(try importing(cli, "forged.tmn").status, 0)
        let team = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]

        let shared = try cli.run(["team", "status", receipt, "dismissed"] + team)
        XCTAssertEqual(shared.status, 64, shared.stderr)
        XCTAssertTrue(shared.stderr.contains("2 testimonies have the receipt \(receipt)") && shared.stderr.contains("Nothing was done: choose one with --record ID"),
                      shared.stderr)
        XCTAssertTrue(shared.stderr.contains("(record \(genuineRecord))") && shared.stderr.contains("\(evil) (record \(forgedRecord))"), shared.stderr)
        // The exhibit takes the same --record, and says the same when it is missing.
        let exhibit = try cli.run(["team", "exhibit", receipt, "--out", "x.html"] + team)
        XCTAssertEqual(exhibit.status, 64, exhibit.stderr)
        XCTAssertTrue(exhibit.stderr.contains("2 testimonies have the receipt \(receipt)"), exhibit.stderr)
        let dismissed = try cli.run(["team", "status", receipt, "dismissed", "--record", forgedRecord.uppercased()] + team)
        XCTAssertEqual(dismissed.status, 0, dismissed.stderr)

        XCTAssertEqual(try decrypt(cli, ["--where", "status=dismissed"]).1.compactMap { $0["record"] as? String }, [forgedRecord])
        XCTAssertEqual(try decrypt(cli, ["--where", "status=new"]).1.compactMap { $0["record"] as? String }, [genuineRecord])
        let found = try cli.run(["team", "find", receipt] + team)
        XCTAssertEqual(found.status, 0, found.stderr)
        var statuses: [String: String] = [:]
        for line in found.stdout.split(separator: "\n") {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            statuses[try XCTUnwrap(object["record"] as? String)] = (object["case"] as? [String: Any])?["status"] as? String
        }
        XCTAssertEqual(statuses, [genuineRecord: "new", forgedRecord: "dismissed"])
    }

    /// Answers that a spreadsheet would run as formulas (a city `=1+1`, a DDE call starting with `-`), and one
    /// carrying terminal sequences, in forged records whose witness agreed to be contacted again. Before the fix
    /// only `team decrypt --format csv` prefixed such a cell with `'`; `team stats` and `team followup` wrote it as
    /// is, and `team followup`'s table printed the sequences. Now every CSV prefixes it, and the table shows U+FFFD.
    func testSpreadsheetFormulasInAnswersAreNeverWrittenAsFormulas() throws {
        let cli = try CommandRunner.make(self)
        try setUp(cli)
        let evil = try deskFingerprint(cli, vault: "evil")
        let cities = ["=1+1", "-2+3+cmd|' /C calc'!A0", "Ly\u{1B}[2Jon"]
        for (index, city) in cities.enumerated() {
            try craft(cli, ["forge", "--team-pub", "team/team.pub", "--record", String(format: "%02x", 0xf0 + index) + String(repeating: "00", count: 15),
                            "--desk", evil, "--city", city, "--answer", "recontact=yes", "r\(index).tmnr"])
        }
        try craft(cli, ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "forged.tmn", "r0.tmnr", "r1.tmnr", "r2.tmnr"])
        XCTAssertEqual(try importing(cli, "forged.tmn").status, 0)
        let key = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]
        let csvs = [try cli.run(["team", "stats", "--by", "city", "--format", "csv"] + key), try cli.run(["team", "followup", "--format", "csv"] + key),
                    try cli.run(["team", "decrypt", "--format", "csv"] + key)]
        for result in csvs {
            let cells = result.stdout.split(whereSeparator: { $0 == "\r\n" || $0 == "," }).map { $0.hasPrefix("\"") ? $0.dropFirst() : $0 }
            XCTAssertTrue(cells.contains { $0.hasPrefix("'=1+1") } && cells.contains { $0.hasPrefix("'-2+3+") }, result.stdout)
            XCTAssertFalse(cells.contains { $0.hasPrefix("=") || $0.hasPrefix("-") }, result.stdout)
        }
        let table = try cli.run(["team", "followup"] + key)
        XCTAssertTrue(table.stdout.contains("Ly\u{FFFD}[2Jon"), table.stdout)
        XCTAssertFalse(table.stdout.unicodeScalars.contains { $0.value == 0x1B }, table.stdout)
    }
}
