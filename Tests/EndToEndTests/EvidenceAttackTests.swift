import Foundation
import XCTest

/// Attacks on evidence files (issue #11's attacker, issue #14's files), each played end to end with the real
/// binary, under `timeout` so that a hang fails the test instead of stopping the suite. Each test fails if
/// the attack succeeds.
final class EvidenceAttackTests: XCTestCase {
    /// `temoin ARGS` killed after 60 seconds (exit 124): the commands below take well under a second.
    private func bounded(_ cli: CommandRunner, _ arguments: [String]) throws -> CommandRunner.Result {
        try cli.runTool("/usr/bin/timeout", ["60", CommandRunner.binary] + arguments)
    }

    /// Runs the attacker's tool (Attacker/craft.py) once per argument list, in `cli`'s folder.
    private func craft(_ cli: CommandRunner, _ runs: [[String]]) throws {
        let script = CommandRunner.repository.appendingPathComponent("Tests/EndToEndTests/Attacker/craft.py").path
        for arguments in runs {
            let crafted = try cli.runTool("/usr/bin/python3", [script] + arguments)
            XCTAssertEqual(crafted.status, 0, "craft.py \(arguments): \(crafted.stderr)")
        }
    }

    private func write(_ cli: CommandRunner, answers name: String) throws {
        try cli.write(name, #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Filmé."}}"#)
    }

    /// The team and a true desk, then the attacker's own desk key (vault `evil`, passphrase file `evil-pass`),
    /// whose true fingerprint is returned: records signed with it are `ok`, so only the file checks can stop them.
    private func attackerDesk(_ cli: CommandRunner) throws -> String {
        try cli.setUpTeamAndDesk()
        try cli.write("evil-pass", "le bureau de l'attaquant, bien long\n")
        XCTAssertEqual(try cli.run(["desk", "init", "--team-key", "team/team.pub", "--name", "Permanence", "--vault", "evil", "--passphrase-file", "evil-pass"]).status, 0)
        let status = try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--json", "--vault", "evil"]).stdout.utf8)) as? [String: Any]
        return try XCTUnwrap((status?["desk"] as? [String: Any])?["fingerprint"] as? String)
    }

    /// A minute at the desk: `--attach` given a named pipe (no writer ever comes), a device and a folder.
    /// Before the fix, opening the pipe waited forever; now each is refused at once, naming the cause.
    func testAttachingAPipeADeviceOrAFolderIsRefusedAtOnce() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try write(cli, answers: "a.json")
        XCTAssertEqual(mkfifo(cli.folder + "/pipe.mp4", 0o600), 0)
        for source in [cli.folder + "/pipe.mp4", "/dev/zero", cli.folder] {
            let result = try bounded(cli, ["record", "--answers", "a.json", "--attach", "evidence_files=" + source,
                                           "--vault", "vault", "--passphrase-file", "desk-pass"])
            XCTAssertNotEqual(result.status, 124, "\(source): temoin hung")
            XCTAssertNotEqual(result.status, 0, "\(source) was attached")
            XCTAssertTrue(result.stderr.contains("not a regular file"), "\(source): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("Nothing was sealed"), result.stderr)
        }
        let status = try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--json", "--vault", "vault"]).stdout.utf8)) as? [String: Any]
        XCTAssertEqual(status?["awaiting_export"] as? Int, 0, "nothing sealed: \(String(describing: status))")
    }

    /// Links planted in the `--files` folder under the names the files will take: one to a named pipe,
    /// one to a file outside the folder with the very bytes of the evidence. Before the fix, the first made
    /// `team decrypt --files` wait forever and the second was followed and reported as the written file;
    /// now neither is followed: both files are reported NOT WRITTEN, the links and their targets untouched.
    func testExtractionNeverFollowsALinkAlreadyInTheFolder() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try write(cli, answers: "a.json")
        let png = Data(CommandRunner.pngHead + Array("écran".utf8))
        try cli.write("capture.png", png)
        try cli.write("photo.png", png + Data("2".utf8))
        let record = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=capture.png", "--attach", "evidence_files=photo.png",
                                  "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(record.status, 0, record.stderr)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let listed = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let line = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let ids = ((line?["files"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, 2, listed.stdout)
        guard ids.count == 2 else { return }

        try FileManager.default.createDirectory(atPath: cli.folder + "/out", withIntermediateDirectories: false)
        XCTAssertEqual(mkfifo(cli.folder + "/pipe", 0o600), 0)
        let toPipe = cli.folder + "/out/" + ids[0].prefix(12) + "-capture.png", toOutside = cli.folder + "/out/" + ids[1].prefix(12) + "-photo.png"
        try FileManager.default.createSymbolicLink(atPath: toPipe, withDestinationPath: cli.folder + "/pipe")
        try FileManager.default.createSymbolicLink(atPath: toOutside, withDestinationPath: cli.folder + "/photo.png")

        let result = try bounded(cli, ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "out", "b.tmn"])
        XCTAssertNotEqual(result.status, 124, "team decrypt --files hung on a link to a pipe")
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "NOT WRITTEN").count - 1, 2, result.stderr)
        XCTAssertFalse(result.stderr.contains(": ok,"), result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: toPipe), cli.folder + "/pipe")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: toOutside), cli.folder + "/photo.png")
        XCTAssertEqual(try cli.read("photo.png"), png + Data("2".utf8), "the file outside is untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/out").count, 2, "nothing else written")
    }

    /// A file whose name on the witness's device hides or disguises: an invisible Hangul filler (a letter to
    /// Python, ignorable to Swift), a right-to-left override, a circled letter and Devanagari vowel signs
    /// (kept by Swift's `isAlphabetic`, not by Python's letter categories). Before the fix the two readers
    /// wrote different names, and Python's kept the invisible character; now both write the name FORMAT.md
    /// defines by general category.
    func testBothReadersGiveAHostileNameTheSameSafeName() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try write(cli, answers: "a.json")
        let name = "\u{24B6} \u{092B}\u{094B}\u{091F}\u{094B}\u{3164}\u{202E}gpj.exe.png"
        try cli.write(name, Data(CommandRunner.pngHead))
        let record = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=" + name, "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(record.status, 0, record.stderr)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let temoin = try bounded(cli, ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "t", "b.tmn"])
        XCTAssertEqual(temoin.status, 0, temoin.stderr)
        let script = CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path
        let python = try cli.runTool("/usr/bin/python3", [script, "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "p", "b.tmn"])
        XCTAssertEqual(python.status, 0, python.stderr)
        let written = try ["t", "p"].map { try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/" + $0).map { String($0.drop { $0 != "-" }) } }
        XCTAssertEqual(written[0], ["-__\u{092B}_\u{091F}___gpj.exe.png"], "Témoin")
        XCTAssertEqual(written[1], written[0], "Python")
    }

    /// With a desk key of their own (and its true fingerprint, so the records are `ok`), two records that name
    /// the same file id, name and SHA-256, and one stream, which only the first record's key opens. Before the
    /// fix Témoin found the first record's file already written and reported the second "ok" without opening
    /// its stream (the Python reader: NOT WRITTEN); now every file is opened with its own record's key before
    /// an identical file already there counts as written, and both readers report the second NOT WRITTEN.
    func testARecordNamingAnotherRecordsFileDoesNotGetIt() throws {
        let cli = try CommandRunner.make(self)
        let fingerprint = try attackerDesk(cli)
        try cli.write("photo.png", Data(CommandRunner.pngHead))
        let id = String(repeating: "ab", count: 16), first = String(repeating: "01", count: 16), second = String(repeating: "02", count: 16)
        try craft(cli, [["stream", id, String(repeating: "11", count: 32), "photo.png", "s.tmnf"],
                        ["forge", "--team-pub", "team/team.pub", "--record", first, "--desk", fingerprint, "--city", "Lyon",
                         "--file", id + ":" + String(repeating: "11", count: 32) + ":photo.png:photo.png", "r1.tmnr"],
                        ["forge", "--team-pub", "team/team.pub", "--record", second, "--desk", fingerprint, "--city", "Lyon",
                         "--file", id + ":" + String(repeating: "22", count: 32) + ":photo.png:photo.png", "r2.tmnr"],
                        ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--stream", "s.tmnf", "b.tmn", "r1.tmnr", "r2.tmnr"]])
        let temoin = try bounded(cli, ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "t", "b.tmn"])
        let reader = CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path
        let python = try cli.runTool("/usr/bin/python3", [reader, "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "p", "b.tmn"])
        for (name, result) in [("Témoin", temoin), ("Python", python)] {
            XCTAssertEqual(result.status, 5, "\(name): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.filter { $0.contains(first) && $0.contains(": ok, SHA-256") }.count, 1, "\(name): \(result.stderr)")
            XCTAssertEqual(lines.filter { $0.contains(second) && $0.contains("NOT WRITTEN") }.count, 1, "\(name): \(result.stderr)")
            XCTAssertEqual(result.stdout.split(separator: "\n").filter { $0.contains(#""status":"ok""#) }.count, 2, "\(name): the records themselves are ok")
        }
    }

    /// A file id read in clear in a genuine bundle, reused by a forger's bundle with the same name and other
    /// contents (two records of a desk's key naming one file id, each with its own stream that opens). Before
    /// the fix the bundle read first took the name and the other was NOT WRITTEN: which file the team found
    /// under the name depended on the order of the bundles (of the imports). Now, in either order and for both
    /// readers, neither is written, each line names the dispute, and each bundle alone still gives its file.
    func testAFileIdReusedAcrossBundlesWritesNeitherWhateverTheOrder() throws {
        let cli = try CommandRunner.make(self)
        let fingerprint = try attackerDesk(cli)
        let png = CommandRunner.pngHead
        try cli.write("a.png", Data(png + [1]))
        try cli.write("b.png", Data(png + [2]))
        let id = String(repeating: "cd", count: 16), records = [String(repeating: "03", count: 16), String(repeating: "04", count: 16)]
        let keys = [String(repeating: "11", count: 32), String(repeating: "22", count: 32)]
        for (index, (record, source)) in zip(records, ["a.png", "b.png"]).enumerated() {
            try craft(cli, [["stream", id, keys[index], source, "s\(index).tmnf"],
                            ["forge", "--team-pub", "team/team.pub", "--record", record, "--desk", fingerprint, "--city", "Lyon",
                             "--file", id + ":" + keys[index] + ":photo.png:" + source, "r\(index).tmnr"],
                            ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--stream", "s\(index).tmnf", "b\(index).tmn", "r\(index).tmnr"]])
        }
        let name = String(id.prefix(12)) + "-photo.png"
        let reader = CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path
        let key = ["--key", "team/team.key", "--passphrase-file", "team-pass"]
        for (order, bundles) in [["b0.tmn", "b1.tmn"], ["b1.tmn", "b0.tmn"]].enumerated() {
            let temoin = try bounded(cli, ["team", "decrypt"] + key + ["--files", "t\(order)"] + bundles)
            let python = try cli.runTool("/usr/bin/python3", [reader, "decrypt"] + key + ["--files", "p\(order)"] + bundles)
            for (reader, result, folder) in [("Témoin", temoin, "t\(order)"), ("Python", python, "p\(order)")] {
                XCTAssertEqual(result.status, 5, "\(reader) \(bundles): \(result.stderr)")
                let refused = result.stderr.split(separator: "\n").filter { $0.contains("file \(id)") && $0.contains("NOT WRITTEN") }
                XCTAssertEqual(refused.count, 2, "\(reader) \(bundles): \(result.stderr)")
                XCTAssertTrue(refused.allSatisfy { $0.contains("2 different files take") && $0.contains(name) }, "\(reader): \(result.stderr)")
                XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/" + folder), [], "\(reader) \(bundles): nothing written")
            }
        }
        XCTAssertTrue(try bounded(cli, ["team", "decrypt"] + key + ["--files", "t0"] + ["b0.tmn"]).stderr.contains(": ok, SHA-256"))
        XCTAssertEqual(try cli.read("t0/" + name), Data(png + [1]), "the first bundle alone gives its file")
        XCTAssertTrue(try bounded(cli, ["team", "decrypt"] + key + ["--files", "t1"] + ["b1.tmn"]).stderr.contains(": ok, SHA-256"))
        XCTAssertEqual(try cli.read("t1/" + name), Data(png + [2]), "the second bundle alone gives its file")
    }

    /// A file whose media type (chosen by whoever seals the record) carries `ESC [8m`, which would conceal the
    /// rest of its `team decrypt --files` line (NOT WRITTEN and why), and a carriage return. Before the fix the
    /// line printed them as is; now each is shown as U+FFFD.
    func testAFileTypeCannotHideItsLine() throws {
        let cli = try CommandRunner.make(self)
        let fingerprint = try attackerDesk(cli)
        try cli.write("photo.png", Data(CommandRunner.pngHead))
        let id = String(repeating: "9e", count: 16), key = String(repeating: "33", count: 32), other = String(repeating: "44", count: 32)
        try craft(cli, [["stream", id, other, "photo.png", "s.tmnf"],
                        ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "05", count: 16), "--desk", fingerprint, "--city", "Lyon",
                         "--type", "image/png\u{1B}[8m\r", "--file", id + ":" + key + ":photo.png:photo.png", "r.tmnr"],
                        ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--stream", "s.tmnf", "b.tmn", "r.tmnr"]])
        let result = try bounded(cli, ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "t", "b.tmn"])
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertFalse(result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D }, result.stderr)
        XCTAssertTrue(result.stderr.contains("file \(id) (image/png\u{FFFD}[8m\u{FFFD}, \(CommandRunner.pngHead.count) bytes): NOT WRITTEN"), result.stderr)
    }

    /// A forged testimony whose receipt is a path (`K7QF/../../../escape`) and whose file is a `.desktop` entry,
    /// extracted in the browser (in tmux) with `x` and Enter on the folder offered. Before the fix the folder
    /// offered was `files-` and the receipt: the file went three folders up, wherever the forger aimed (a session's
    /// autostart). Now the folder offered keeps only the receipt's letters, digits and dashes.
    func testAReceiptCannotSteerWhereTheBrowserExtractsAFile() throws {
        let cli = try CommandRunner.make(self)
        let fingerprint = try attackerDesk(cli)
        try cli.write("entry.desktop", "[Desktop Entry]\nExec=true\n")
        let id = String(repeating: "9f", count: 16), key = String(repeating: "35", count: 32)
        try craft(cli, [["stream", id, key, "entry.desktop", "s.tmnf"],
                        ["forge", "--team-pub", "team/team.pub", "--record", String(repeating: "06", count: 16), "--desk", fingerprint, "--city", "Lyon",
                         "--receipt", "K7QF/../../../escape", "--type", "text/plain", "--file", id + ":" + key + ":evil.desktop:entry.desktop", "r.tmnr"],
                        ["sign", "--vault", "evil", "--passphrase-file", "evil-pass", "--stream", "s.tmnf", "b.tmn", "r.tmnr"]])
        XCTAssertEqual(try bounded(cli, ["team", "import", "--inbox", "inbox", "b.tmn"]).status, 0)
        let here = cli.folder + "/run/deep"
        try FileManager.default.createDirectory(atPath: here, withIntermediateDirectories: true)
        var environment = cli.environment
        environment["NO_COLOR"] = "1"
        let browse = [CommandRunner.binary, "team", "--lang", "en", "--key", cli.folder + "/team/team.key", "--inbox", cli.folder + "/inbox",
                      "--passphrase-file", cli.folder + "/team-pass"]
        let session = try TmuxSession(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", here] + browse, environment: environment)
        try session.waitFor("1 of 1 testimony(ies)", timeout: 30)
        try session.press("Enter")
        try session.type("x")
        try session.waitFor("Extract an evidence file")
        try session.press("Enter")
        try session.waitFor("File written, SHA-256 checked", timeout: 60)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/escape"), "the file left the current folder")
        let written = try FileManager.default.contentsOfDirectory(atPath: here + "/files-K7QFescape")
        XCTAssertEqual(written, [String(id.prefix(12)) + "-evil.desktop"])
    }

    /// A named pipe handed to the team under a bundle's name (a stranger's ext4 stick may hold one). Before the fix
    /// `team import`, `verify` and `team decrypt` waited forever to open it; now each refuses it at once.
    func testABundleThatIsAPipeIsRefusedAtOnce() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        XCTAssertEqual(mkfifo(cli.folder + "/lot.tmn", 0o600), 0)
        for arguments in [["team", "import", "--inbox", "inbox", "lot.tmn"], ["verify", "lot.tmn"],
                          ["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox", "lot.tmn"]] {
            let result = try bounded(cli, arguments)
            XCTAssertNotEqual(result.status, 124, "\(arguments): temoin hung")
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue((result.stdout + result.stderr).contains("Cannot read lot.tmn: it is not a regular file (a pipe or a device?)"),
                          "\(arguments): \(result.stdout)\(result.stderr)")
        }
    }
}
