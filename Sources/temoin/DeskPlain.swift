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
                guard try session.setUp(readSecret: PassphraseInput.standardInputLine) else { return }
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
}
