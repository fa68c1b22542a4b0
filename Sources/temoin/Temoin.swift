import ArgumentParser
import Foundation
import TemoinTerminal

/// The `temoin` command: the desk UI by default, and the command line of the desk and the team.
@main
struct Temoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temoin",
        abstract: "Collect witness testimonies safely: seal them to the legal team, export signed bundles, decrypt them as the team.",
        discussion: """
        With no subcommand, starts the desk (the guided questionnaire in the terminal).

        Passphrases are never given on the command line: Témoin asks for them on the terminal without \
        echo, or reads them from --passphrase-file FILE (or the file named by TEMOIN_PASSPHRASE_FILE).

        Exit codes:
          0  success
          1  failure (the message says why)
          3  wrong passphrase
          4  invalid answers: nothing was stored
          5  a bundle failed verification, or some records could not be decrypted
          6  the vault is missing, or already open in another window
          7  disk full, a disk read/write error, or a place that cannot be written
          8  standard output was closed before everything was written (e.g. `| head`); said nothing
         64  wrong usage of the command line (the message says what to change)
        """,
        version: "0.1.0",
        subcommands: [DeskUICommand.self, DeskCommand.self, RecordCommand.self, StatusCommand.self, ExportCommand.self,
                      VerifyCommand.self, FormCommand.self, TeamCommand.self],
        defaultSubcommand: DeskUICommand.self)

    /// Sets up the process before anything runs or prints, then runs the command line.
    ///
    /// SIGPIPE is ignored: a write to a reader that went away fails with EPIPE, which `StandardStreams`
    /// turns into a quiet exit 8 rather than a death by signal in the middle of a write. The Swift runtime's
    /// crash reporter is replaced by Témoin's own fatal-signal handler (`ProcessHooks.installFatalHandlers`).
    static func main() {
        _ = signal(SIGPIPE, SIG_IGN)
        ProcessHooks.installFatalHandlers()
        main(nil)
    }
}
