import Foundation
import XCTest

/// `temoin team` in a real terminal (tmux): unlock, list, sort, search, charts, a bar as filter, resize, quit.
final class TeamBrowseTests: XCTestCase {
    /// A team key, a desk that sealed three testimonies, and their bundle imported into the team inbox.
    private func prepareInbox() throws -> CommandRunner {
        let cli = try CommandRunner.make(self)
        try cli.write("team-pass", "team passphrase 12345\n")
        try cli.write("desk-pass", "desk passphrase 1\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"]).status, 0)
        let desk = try cli.run(["desk", "init", "--team-key", "team/team.pub", "--name", "Permanence", "--vault", "vault",
                                "--passphrase-file", "desk-pass"])
        XCTAssertEqual(desk.status, 0, desk.stderr)
        try cli.recordExportAndImport([("Paris", "2026-03-14", "bac", "yes"), ("Lyon", "2026-02-02", "gendarmerie", "no"),
                                       ("Paris", "2026-01-20", "police_nationale", "yes")].map { city, date, force, photo in
            #"{"answers": {"consent": "yes", "role": "checked", "check_date": "\#(date)", "city": "\#(city)", "#
                + #""forces": ["\#(force)"], "face_photo": "\#(photo)", "outcome": "released", "account": "Récit à \#(city)."}}"#
        })
        return cli
    }

    /// `x` on a testimony with a large evidence file: the real binary writes it in the background (the box, then
    /// the status line, say so), and the file written is the witness's, byte for byte. About 10 s (a 16 MiB file).
    func testExtractingALargeFileRunsInTheBackground() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var video = [UInt8](repeating: 0x42, count: 16 << 20)
        video.replaceSubrange(0..<CommandRunner.pngHead.count, with: CommandRunner.pngHead)
        try cli.write("video.png", Data(video))
        try cli.write("a.json", #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Bobigny", "account": "Mon voisin a filmé."}}"#)
        let desk = ["--vault", "vault", "--passphrase-file", "desk-pass"]
        let sealed = try cli.run(["record", "--answers", "a.json", "--attach", "evidence_files=video.png"] + desk)
        XCTAssertEqual(sealed.status, 0, sealed.stderr)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn"] + desk).status, 0)
        XCTAssertEqual(try cli.run(["team", "import", "--inbox", "inbox", "b.tmn"]).status, 0)
        var environment = cli.environment
        environment["NO_COLOR"] = "1"
        let session = try TmuxSession([CommandRunner.binary, "team", "--lang", "en", "--key", cli.folder + "/team/team.key",
                                       "--inbox", cli.folder + "/inbox"], environment: environment)
        try session.waitFor("Passphrase of the team key")
        try session.answer("une phrase assez longue pour l'équipe", thenWaitFor: "1 of 1 testimony(ies)", timeout: 30)
        try session.press("Enter")
        try session.type("x")
        try session.waitFor("Extract an evidence file")
        try session.press("C-u")
        try session.answer(cli.folder + "/out", thenWaitFor: "File written, SHA-256 checked", timeout: 60)
        let written = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/out")
        XCTAssertEqual(written.count, 1, "\(written)")
        XCTAssertEqual(FileManager.default.contents(atPath: cli.folder + "/out/" + (written.first ?? "")), Data(video))
        try session.press("Escape")
        try session.waitFor("1 Date")
        try session.press("Escape", "0")
        try session.waitForExit()
    }

    func testBrowseSearchChartAndQuit() throws {
        let cli = try prepareInbox()
        var environment = cli.environment
        environment["NO_COLOR"] = "1"
        let session = try TmuxSession([CommandRunner.binary, "team", "--key", cli.folder + "/team/team.key", "--inbox", cli.folder + "/inbox"],
                                      environment: environment)
        try session.waitFor("Passphrase of the team key")
        try session.answer("not the passphrase", thenWaitFor: "Wrong passphrase")
        try session.type("team passphrase 12345")
        try session.press("Enter")
        let screen = try session.waitFor("the loaded list") {
            $0.contains("3 of 3 testimony(ies)") && $0.contains("1 Date ▼") && $0.contains("Lyon") && $0.contains("3 testimonies read")
        }
        XCTAssertFalse(screen.contains("team passphrase"))

        try session.type("2")
        // Poll for the whole sorted list: tmux may show the new header before the rows are redrawn.
        try session.waitFor("the list sorted by city") { screen in
            let rows = screen.split(separator: "\n").filter { $0.contains("/2026") || $0.contains("2026-") }
            return screen.contains("2 City ▲") && rows.first?.contains("Lyon") == true
        }

        try session.press("F2")
        try session.waitFor("Search:")
        try session.type("lyon")
        try session.waitFor("1 of 3 testimony(ies)")
        try session.press("Enter")
        try session.waitFor("Filter: search “lyon”")
        try session.press("F4")
        try session.waitFor("3 of 3 testimony(ies)")

        try session.press("F5")
        try session.waitFor("the city chart") { $0.contains("In which town or city?") && $0.contains("█") && $0.contains("67%") }
        try session.press("Down", "Down", "Down", "Enter")
        try session.waitFor("Filter: In which town or city? = Paris")
        try session.waitFor("2 of 3 testimony(ies)")

        try session.resize(width: 50, height: 14)
        try session.waitFor("Enlarge the window")
        try session.resize(width: 100, height: 30)
        try session.waitFor("Percentages of 2 testimonies.")

        try session.press("Escape")
        try session.waitFor("1 Date")
        try session.press("Escape", "0")
        try session.waitForExit()
    }
}
