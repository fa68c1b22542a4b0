import ArgumentParser
import Foundation

/// `temoin` with no subcommand: the desk UI.
struct DeskUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Start the desk UI (what `temoin` alone does).")

    @OptionGroup var vault: VaultOptions

    func run() throws {
        try guarded {
            hardenProcess()
            throw CLIError.failed("The desk UI is not available in this build yet. Use `temoin record --answers FILE`; see `temoin --help`.", code: 1)
        }
    }
}

