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

    private func write(_ cli: CommandRunner, answers name: String) throws {
        try cli.write(name, #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Filmé."}}"#)
    }

    /// A minute at the desk: `--attach` given a named pipe (no writer ever comes), a device and a folder.
    /// Before the fix, opening the pipe waited forever; now each is refused at once, naming the cause.
    func testAttachingAPipeADeviceOrAFolderIsRefusedAtOnce() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
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
}
