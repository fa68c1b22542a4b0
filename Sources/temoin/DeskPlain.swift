import Foundation
import TemoinCrypto
import TemoinDeskUI
import TemoinForms

/// Runs the plain (line-by-line) desk on standard input and output; on a machine with no vault yet, it
/// sets the desk up first, line by line too (a screen-reader user can start with it alone).
struct DeskPlain {
    let services: DeskServices
    let language: Language
    let passphrase: PassphraseOptions

    func run() throws {
        let session = PlainSession(services: services, language: language, readLine: { Swift.readLine(strippingNewline: true) },
                                   write: { text in StandardStreams.output(text) })
        do {
            if try services.deskIdentity() == nil {
                guard try session.setUp(readSecret: Self.readHiddenLine) else { return }
                _ = try session.run(passphrase: nil)
                return
            }
            _ = try session.run(passphrase: try passphrase.existing(CLIText.deskPassphrase(in: language)))
        } catch PlainSession.Stop.wrongPassphrase {
            throw CryptoError.wrongPassphrase
        } catch let PlainSession.Stop.failed(message) {
            throw CLIError.failed(message, code: 1)
        }
    }

    /// A line of standard input, not echoed when it is a terminal (a passphrase typed at set-up).
    private static func readHiddenLine() -> String? {
        var saved = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return Swift.readLine(strippingNewline: true) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            StandardStreams.output("\n")
        }
        return Swift.readLine(strippingNewline: true)
    }
}
