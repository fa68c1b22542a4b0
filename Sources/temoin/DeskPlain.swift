import Foundation
import TemoinCrypto
import TemoinDeskUI
import TemoinForms

/// Runs the plain (line-by-line) desk on standard input and output.
struct DeskPlain {
    let services: DeskServices
    let language: Language
    let passphrase: PassphraseOptions

    func run() throws {
        let prompt = language == .fr ? "Phrase de passe du poste : " : "Desk passphrase: "
        let secret = try passphrase.existing(prompt)
        let session = PlainSession(services: services, language: language, readLine: { Swift.readLine(strippingNewline: true) },
                                   write: { text in StandardStreams.output(text) })
        do {
            _ = try session.run(passphrase: secret)
        } catch PlainSession.Stop.wrongPassphrase {
            throw CryptoError.wrongPassphrase
        } catch let PlainSession.Stop.failed(message) {
            throw CLIError.failed(message, code: 1)
        }
    }
}
