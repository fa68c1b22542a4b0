import Foundation
import XCTest

/// A second, independent reader of Docs/FORMAT.md (Scripts/temoin_reader.py, PyNaCl) must agree with temoin.
final class InteropTests: XCTestCase {
    private let python = "/usr/bin/python3"
    private var script: String { CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path }

    private func runReader(_ arguments: [String], in folder: String) throws -> (Int32, String, String) {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import nacl.bindings"]
        try check.run(); check.waitUntilExit()
        guard check.terminationStatus == 0 else { throw XCTSkip("PyNaCl is missing: `make deps` installs python3-nacl") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let scratch = NSTemporaryDirectory() + "temoin-reader-" + UUID().uuidString
        let out = scratch + ".out", err = scratch + ".err"
        defer { unlink(out); unlink(err) }
        XCTAssertTrue(FileManager.default.createFile(atPath: out, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: err, contents: nil))
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run(); process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8))
    }

    private func parsedLines(_ text: String) -> [NSDictionary] {
        text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! NSDictionary }
    }

    func testPythonReaderDecryptsWhatTemoinSealed() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let tricky = #"Slash / back\\slash \"quotes\" tab\t line\nbreak é e\u0301 漢字 😀 \u2028"#
        try cli.write("a.jsonl", """
        {"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03-14", "city": "Aubervilliers", "forces": ["bac", "crs"], "officer_count": 6, "account": "\(tricky)"}}
        {"answers": {"consent": "yes", "role": "witness", "check_date": "2025-12", "check_time": "07:05", "city": "Lille", "account": "\(String(repeating: "long récit ", count: 800))"}}
        {"answers": {"consent": "yes", "check_date": "2026-01", "check_time": "~18:30", "city": "Rennes", "place_kind": ["street", "transport"], "account": "Vers 18h30."}}
        {"answers": {"consent": "yes", "check_date": "2026-02", "check_time": "late-afternoon", "city": "Metz", "account": "En fin d'après-midi."}}
        """)
        XCTAssertEqual(try cli.run(["record", "--answers", "a.jsonl", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)

        let temoin = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "b.tmn"])
        XCTAssertEqual(temoin.status, 0, temoin.stderr)
        let (status, output, errors) = try runReader(["decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "b.tmn"], in: cli.folder)
        XCTAssertEqual(status, 0, errors)
        XCTAssertEqual(parsedLines(output), parsedLines(temoin.stdout))
        XCTAssertEqual(parsedLines(output).count, 4)
        // Approximate times (questionnaire v2) come out as sealed, never made exact.
        let times = parsedLines(output).compactMap { ($0["answers"] as? [String: Any])?["check_time"] as? String }.sorted()
        XCTAssertEqual(times, ["07:05", "late-afternoon", "~18:30"])

        let (verified, verifyOutput, _) = try runReader(["verify", "b.tmn"], in: cli.folder)
        XCTAssertEqual(verified, 0)
        let vaultStatus = try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--json", "--vault", "vault"]).stdout.utf8)) as! [String: Any]
        let deskFingerprint = (vaultStatus["desk"] as! [String: Any])["fingerprint"] as! String
        XCTAssertTrue(verifyOutput.contains(deskFingerprint), "\(verifyOutput) vs \(deskFingerprint)")

        var bytes = try cli.read("b.tmn")
        bytes[200] ^= 0x80
        try cli.write("bad.tmn", bytes)
        XCTAssertEqual(try runReader(["verify", "bad.tmn"], in: cli.folder).0, 5)
    }

    func testPythonReaderMatchesTheGoldenOutput() throws {
        let golden = CommandRunner.repository.appendingPathComponent("Tests/Golden").path
        // Version 3 (with an evidence file) and version 2 (records only, still read).
        for name in ["bundle", "bundle-v2"] {
            let (status, output, errors) = try runReader(["decrypt", "--key", "team.key", "--passphrase-file", "passphrase.txt", name + ".tmn"], in: golden)
            XCTAssertEqual(status, 0, errors)
            XCTAssertEqual(output, try String(contentsOfFile: golden + "/\(name).jsonl", encoding: .utf8))
        }
        let files = NSTemporaryDirectory() + "temoin-golden-files-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: files) }
        let (status, _, errors) = try runReader(["decrypt", "--key", "team.key", "--passphrase-file", "passphrase.txt", "--files", files, "bundle.tmn"], in: golden)
        XCTAssertEqual(status, 0, errors)
        let written = try FileManager.default.contentsOfDirectory(atPath: files)
        XCTAssertEqual(written.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: files + "/" + (written.first ?? "")), FileManager.default.contents(atPath: golden + "/evidence.png"))
    }

    func testPythonReaderDecryptsTheFilesTemoinSealed() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Filmé."}}"#)
        // ftyp, mdat (three chunks), then moov whose mvhd says the movie was made 2026-03-14T18:30:05Z.
        func u32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) } }
        func box(_ type: String, _ content: [UInt8]) -> [UInt8] { u32(8 + content.count) + Array(type.utf8) + content }
        let created = 1_773_513_005 + 2_082_844_800
        var video = Data([0, 0, 0, 0x18] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("mp42isom".utf8))
        video += Data(box("mdat", (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        video += Data(box("moov", box("mvhd", [0, 0, 0, 0] + u32(created) + u32(created) + u32(600) + u32(6000) + [UInt8](repeating: 0, count: 80))))
        try cli.write("vidéo du contrôle.mp4", video)
        try cli.write("capture.png", Data(CommandRunner.pngHead + Array("écran".utf8)))
        let record = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=vidéo du contrôle.mp4",
                                  "--attach", "evidence_files=capture.png", "--vault", "vault", "--passphrase-file", "desk-pass"])
        XCTAssertEqual(record.status, 0, record.stderr)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)

        let temoin = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "t", "b.tmn"])
        XCTAssertEqual(temoin.status, 0, temoin.stderr)
        let (status, output, errors) = try runReader(["decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "p", "b.tmn"],
                                                     in: cli.folder)
        XCTAssertEqual(status, 0, errors)
        XCTAssertEqual(parsedLines(output), parsedLines(temoin.stdout))
        let listed = (parsedLines(output).first?["files"] as? [[String: Any]]) ?? []
        XCTAssertEqual(listed.map { $0["type"] as? String }, ["video/mp4", "image/png"])
        XCTAssertEqual(listed.map { $0["name"] as? String }, ["vidéo du contrôle.mp4", "capture.png"])
        XCTAssertEqual(listed.map { $0["capture"] as? [String: String] }, [["time": "2026-03-14T18:30:05Z"], nil], "the movie's creation time")
        for reader in ["t", "p"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/" + reader).sorted()
            XCTAssertEqual(names.count, 2, reader)
            XCTAssertEqual(try names.map { try cli.read(reader + "/" + $0) }.sorted { $0.count < $1.count },
                           [try cli.read("capture.png"), video], reader)
        }
        XCTAssertEqual(try cli.read("vidéo du contrôle.mp4"), video, "the witness's file is untouched")
        let (verified, verifyOutput, _) = try runReader(["verify", "b.tmn"], in: cli.folder)
        XCTAssertEqual(verified, 0)
        XCTAssertTrue(verifyOutput.contains("2 files"), verifyOutput)
    }
}
