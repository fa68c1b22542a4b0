import ArgumentParser
import CSystem
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinStorage
import TemoinTerminal
import TemoinUIKit

/// Options shared by the commands that use the desk vault.
struct VaultOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The desk vault folder (default: $TEMOIN_VAULT, else $XDG_DATA_HOME/temoin).", valueName: "DIR"))
    var vault: String?

    /// The resolved vault folder.
    var directory: String { DataLocation.vault(vault) }
}

/// `--lang` of the full-screen UIs (desk and team), checked at parsing.
struct UILanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp("The UI language: fr or en (default: from LC_ALL, LC_MESSAGES or LANG).", valueName: "LANG"))
    var lang: String?

    /// The language asked for, if any.
    var chosen: Language? { lang.flatMap(UILanguage.named) }

    func validate() throws {
        if lang != nil, chosen == nil { throw ValidationError(CLIText.langMustBeFrOrEn) }
    }
}

/// `--lang` of a team command's output (tables, labels, notes, report), checked at parsing.
struct OutputLanguageOption: ParsableArguments {
    @Option(help: "Language of the output: fr or en.")
    var lang: String = "fr"

    /// The language asked for.
    var language: Language { Language(rawValue: lang) ?? .fr }

    func validate() throws {
        if Language(rawValue: lang) == nil { throw ValidationError(CLIText.langMustBeFrOrEn) }
    }
}

/// `--form` of a team command: the questionnaire that gives the fields and their labels.
struct TeamFormOption: ParsableArguments {
    @Option(help: ArgumentHelp("The questionnaire file giving fields and labels (default: the built-in one).", valueName: "FILE"))
    var form: String?

    /// The questionnaire of `--form`, or the built-in one.
    func questionnaire() throws -> Questionnaire {
        try form.map { try Questionnaire(jsonData: readInput($0)) } ?? Questionnaire.builtIn()
    }
}

/// Where a passphrase comes from.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the passphrase from the first line of FILE (default: $TEMOIN_PASSPHRASE_FILE, else ask on the terminal).", valueName: "FILE"))
    var passphraseFile: String?

    /// The passphrase for an existing key: from line `line` of the passphrase file (see `PassphraseInput.fromFile`), or asked.
    func existing(_ prompt: String, line: Int = 0) throws -> SecretBytes {
        if let file = passphraseFile ?? ProcessInfo.processInfo.environment["TEMOIN_PASSPHRASE_FILE"] {
            return try PassphraseInput.fromFile(file, line: line)
        }
        return try PassphraseInput.ask(prompt)
    }

    /// A new passphrase: asked twice on a terminal; at least `minimum` characters (`PassphraseRules`).
    func new(_ prompt: String, minimum: Int) throws -> SecretBytes {
        try Self.new(fromFile: passphraseFile ?? ProcessInfo.processInfo.environment["TEMOIN_PASSPHRASE_FILE"], prompt, minimum: minimum)
    }

    /// A new passphrase from `file`, or asked twice on the terminal; at least `minimum` characters.
    static func new(fromFile file: String?, _ prompt: String, minimum: Int) throws -> SecretBytes {
        let passphrase: SecretBytes
        if let file {
            passphrase = try PassphraseInput.fromFile(file)
            if let misencoded = PassphraseInput.misencodedFile {
                throw CLIError.usage(CLIText.newPassphraseMisencoded(file, byteOrderMark: misencoded.byteOrderMark))
            }
        } else {
            passphrase = try PassphraseInput.ask(prompt)
            let again = try PassphraseInput.ask(CLIText.typeItAgain)
            guard passphrase.isEqual(to: again) else { throw CLIError.usage(CLIText.passphrasesDiffer) }
        }
        guard PassphraseRules.length(of: passphrase) >= minimum else {
            throw VaultError.passphraseTooShort(minimum: minimum)
        }
        return passphrase
    }
}

/// Errors of the command line itself.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String, code: Int32)

    var description: String {
        switch self {
        case .usage(let m): return m
        case .failed(let m, _): return m
        }
    }
}

/// The documented exit code for an error.
func exitCode(for error: Error) -> Int32 {
    switch error {
    case CryptoError.wrongPassphrase: return 3
    case VaultError.invalidAnswers, is AnswersError: return 4
    case VaultError.bundle: return 5
    case VaultError.notFound, VaultError.alreadyOpen: return 6
    case VaultError.diskFull, VaultError.notWritable, VaultError.diskError: return 7
    case is OutputClosed: return StandardStreams.closedOutputCode
    case QuestionnaireError.unreadableFile(_, let code) where code == EIO: return 7
    case CLIError.usage, VaultError.passphraseTooShort: return 64
    case CLIError.failed(_, let code): return code
    default: return 1
    }
}

/// The exit code when a bundle is refused: 5, unless the cause has a code of its own (7 for a disk error).
func refusalCode(for error: Error) -> Int32 {
    let code = exitCode(for: error)
    return code == 1 ? 5 : code
}

/// Prints to standard error.
func note(_ message: String) {
    StandardStreams.error(message + "\n")
}

/// Reads a whole file or standard input (`-`).
func readInput(_ path: String) throws -> Data {
    if path == "-" { return Data(try FileSystem.readAll(STDIN_FILENO, path: "standard input")) }
    return Data(try FileSystem.read(path))
}

/// Reads a key file, naming the file in any error.
func readKeyFile(_ path: String) throws -> [UInt8] {
    [UInt8](try readInput(path))
}

/// Reads a team public key file, naming the file in any error.
func readTeamPublicKey(_ path: String) throws -> TeamPublicKey {
    do { return try PublicKeyFile.decode(readKeyFile(path)) } catch let error as CryptoError {
        throw CLIError.failed(CLIText.describe(error, file: path), code: 1)
    }
}

/// Opens a team secret key file with its passphrase.
func openTeamKey(_ path: String, passphrases: PassphraseOptions, line: Int = 0) throws -> TeamKeyPair {
    let file: SecretKeyFile
    do { file = try SecretKeyFile(bytes: readKeyFile(path)) } catch let error as CryptoError {
        throw CLIError.failed(CLIText.describe(error, file: path), code: 1)
    }
    // Before the passphrase is asked: a desk's key is refused by its kind, whatever is typed.
    guard file.kind == .team else {
        throw CLIError.failed(CLIText.describe(CryptoError.wrongKind(expected: .teamKey, found: .deskKey), file: path), code: 1)
    }
    return try file.openTeamKey(passphrase: passphrases.existing(CLIText.teamKeyPassphrase(file.name, file.fingerprint), line: line))
}

/// Keeps secrets out of core dumps and crash reports; makes every write to a closed pipe an EPIPE.
///
/// SIGPIPE is ignored: a write to a reader that went away fails with EPIPE, which `StandardStreams` turns
/// into a quiet exit 8 rather than a death by signal in the middle of a write. The Swift runtime's crash
/// reporter is replaced by Témoin's own fatal-signal handler (`ProcessHooks.installFatalHandlers`).
func hardenProcess() {
    _ = signal(SIGPIPE, SIG_IGN)
    ProcessHooks.installFatalHandlers()
    ProcessHooks.sayStopped(in: CLILanguage.current)
    var none = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
    _ = temoin_set_nondumpable()
}
