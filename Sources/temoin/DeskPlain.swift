import Foundation
import TemoinForms
import TemoinTUI

/// Runs the plain (line-by-line) desk on standard input and output.
struct DeskPlain {
    let services: DeskServices
    let language: Language
    let passphrase: PassphraseOptions

    func run() throws {
        throw CLIError.failed("Plain mode is not available in this build yet.", code: 1)
    }
}
