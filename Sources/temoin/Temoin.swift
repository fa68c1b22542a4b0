import ArgumentParser
import Foundation
import TemoinLanguage
import TemoinCrypto

/// The `temoin` command: the desk UI by default, and the command line of the desk and the team.
@main
struct Temoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temoin",
        abstract: "Collect witness testimonies safely: seal them to the legal team, export signed bundles, decrypt them as the team.",
        discussion: """
        With no subcommand, starts the desk (the guided questionnaire in the terminal).

        Messages are in French or English: --lang fr|en (with any command), else LC_ALL, LC_MESSAGES or LANG \
        (fr_* gives French, even when that locale is not installed). This help stays in English.

        Passphrases are never given on the command line: temoin asks for them on the terminal without \
        echo, or reads them from --passphrase-file FILE (or the file named by TEMOIN_PASSPHRASE_FILE).

        Exit codes:
          0  success
          1  failure (the message says why)
          3  wrong passphrase
          4  invalid answers: nothing was stored
          5  a bundle failed verification, some records could not be decrypted, or some were output
             flagged (conflict, desk_mismatch, unverified) or imported in conflict
          6  the vault is missing, or already open in another window
          7  disk full, a disk read/write error, or a place that cannot be written
          8  standard output was closed before everything was written (e.g. `| head`); said nothing
         64  wrong usage of the command line (the message says what to change)

        Manual: man temoin, and a page per command (man temoin.team.decrypt). The package installs \
        completions for bash (/usr/share/bash-completion/completions/temoin), zsh \
        (/usr/share/zsh/vendor-completions/_temoin) and fish (/usr/share/fish/vendor_completions.d/temoin.fish); \
        temoin --generate-completion-script bash|zsh|fish prints them.
        """,
        version: BuildInfo.versionLine,
        subcommands: [DeskUICommand.self, DeskCommand.self, RecordCommand.self, StatusCommand.self, ExportCommand.self,
                      VerifyCommand.self, FormCommand.self, TeamCommand.self],
        defaultSubcommand: DeskUICommand.self)

    /// Every command's one entry: hardens the process, parses, runs, and maps any error to its exit code once.
    ///
    /// Parsing and `validate()` errors, `ExitCode`, help requests and the parser's own commands (`help`) keep
    /// swift-argument-parser's handling and exit codes, their frame ("Error:", "Usage:") said in the command
    /// line's language; any other error of a Témoin command is printed as one actionable line, `temoin: …`, in
    /// that language, with the documented code.
    static func main() {
        hardenProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let value = CLILanguage.option(in: arguments), Language.named(value) == nil {
            exitLocalized(ValidationError(CLIText.langMustBeFrOrEn))
        }
        // Said once, after the full-screen UI (if any) has given the terminal back.
        atexit { if let warning = SecretMemory.warning(in: CLILanguage.current) { note("temoin: " + warning) } }
        var command: ParsableCommand
        do {
            command = try parse(arguments)
        } catch {
            exitLocalized(error)
        }
        do {
            try command.run()
        } catch let error where error is ExitCode || error is CleanExit || !isOurs(command) {
            exitLocalized(error)
        } catch is OutputClosed {
            Foundation.exit(StandardStreams.closedOutputCode)   // the reader went away (`| head`): nothing to say
        } catch {
            note("temoin: " + CLIText.describe(error))
            if case CryptoError.wrongPassphrase = error, let file = PassphraseInput.misencodedFile {
                note("temoin: " + CLIText.passphraseFileMisencoded(file.path, byteOrderMark: file.byteOrderMark))
            }
            Foundation.exit(temoin.exitCode(for: error))
        }
    }

    /// Parses `arguments` without the global `--lang` (already read by `CLILanguage`, and valid), then gives it to
    /// the command when it has a `--lang` of its own (the UIs, the report, `form show`), wherever it was typed.
    private static func parse(_ arguments: [String]) throws -> ParsableCommand {
        var command = try parseAsRoot(CLILanguage.withoutOption(arguments))
        if var own = command as? LanguageOption, let value = CLILanguage.option(in: arguments) {
            own.language = value
            command = own
        }
        return command
    }

    /// swift-argument-parser's `exit(withError:)`, with the same stream and exit code, its English frame said in French when asked.
    private static func exitLocalized(_ error: Error) -> Never {
        let code = exitCode(for: error)
        guard CLILanguage.current == .fr, code != .success else { exit(withError: error) }
        note(CLIText.parserMessage(fullMessage(for: error)))
        Foundation.exit(code.rawValue)
    }

    /// Whether `command` is one of this executable's commands rather than one the parser adds (`help`).
    private static func isOurs(_ command: ParsableCommand) -> Bool {
        String(reflecting: type(of: command)).hasPrefix("temoin.")
    }
}
