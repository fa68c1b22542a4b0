import Foundation
import XCTest

/// The desk on the terminal types the issue names, with and without colours, and the terminal given back after.
final class DeskTerminalTypesTests: XCTestCase {
    func testDeskWorksOnEveryTerminalTypeAndMonochrome() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let cases: [(term: String, extra: [String: String])] = [
            ("xterm-256color", [:]), ("xterm-256color", ["NO_COLOR": "1"]), ("screen", [:]), ("linux", [:]), ("vt100", [:]),
        ]
        for (term, extra) in cases {
            var environment = cli.environment.merging(extra) { $1 }
            environment["TERM"] = term
            environment["LANG"] = "fr_FR.UTF-8"   // not installed here: wide characters must still work
            let session = try TmuxSession([CommandRunner.binary, "--vault", cli.folder + "/vault"], environment: environment, width: 80, height: 24)
            try session.waitFor("Phrase de passe du poste")
            try session.answer("bureau du mardi", thenWaitFor: "Nouveau témoignage")
            try session.press("Escape", "0")      // F10 without function keys: quit from home
            try session.waitForExit()
        }
    }
}
