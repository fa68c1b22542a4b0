import ArgumentParser
import Foundation
import TemoinDeskUI
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// `temoin` with no subcommand: the desk UI.
struct DeskUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Start the desk UI (what `temoin` alone does).",
        discussion: """
        The first run creates the desk vault (team key, desk name, passphrase). Then the desk asks for its \
        passphrase and offers new testimonies, drafts to resume, and export. Keys: see Docs/KEYS.md, or F1.

        --plain asks the questionnaire line by line on standard input and output (screen readers, serial \
        consoles, scripts); the passphrase is asked on the terminal or read from --passphrase-file.
        """)

    @OptionGroup var vault: VaultOptions

    @OptionGroup var lang: UILanguageOption

    @Option(help: ArgumentHelp("Use this questionnaire file for this session instead of the vault's (see `temoin form import`).", valueName: "FILE"))
    var form: String?

    @Flag(help: "Line-by-line mode on standard input and output, without the full-screen UI.")
    var plain = false

    @Option(name: .customLong("idle-lock"), help: ArgumentHelp("Lock the screen after this many seconds without a key (0: never).", valueName: "SECONDS"))
    var idleLock: Int = 300

    @Option(name: .customLong("max-size"), help: ArgumentHelp(
        "Export (F6) in complete bundles of at most SIZE bytes each, as `temoin export --max-size` does; "
            + "without it, only onto a FAT32 stick (4G).", valueName: "SIZE"))
    var maxSize: String?

    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        if idleLock < 0 { throw ValidationError(CLIText.idleLockValue) }
        if let maxSize, (ExportCommand.bytes(maxSize) ?? 0) < ExportCommand.smallestVolume { throw ValidationError(CLIText.maxSizeValue) }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // --lang, else the language kept in the vault, else the environment's; at first run with none
        // of them (`LANG=C.UTF-8`) the desk asks.
        let spoken = lang.chosen ?? UILanguage.named(environment: environment)
        var language = spoken ?? .en
        let home = environment["HOME"] ?? NSHomeDirectory()
        let exportFolder = home + "/Temoin-exports"
        let services: DeskServices
        do {  // a wrong questionnaire file, a vault already open or damaged: said in the UI's language
            let questionnaire = try form.map { try Questionnaire(jsonData: readInput($0)) }
            services = try DeskServices(directory: vault.directory, form: questionnaire, homeDirectory: home, exportFolder: exportFolder,
                                        maximumVolumeBytes: maxSize.flatMap(ExportCommand.bytes))
        } catch {
            throw CLIError.failed(ErrorText.text(for: error, in: language), code: temoin.exitCode(for: error))
        }
        let stored = try? services.storedLanguage()
        language = lang.chosen ?? stored ?? language
        let firstRun = (try? services.deskIdentity()) == nil
        if plain {
            try DeskPlain(services: services, language: language, passphrase: passphrase).run()
            return
        }
        var configuration = DeskConfiguration(
            language: language, idleLock: idleLock > 0 ? TimeInterval(idleLock) : nil, exportFolder: exportFolder)
        configuration.asksLanguage = firstRun && spoken == nil
        TerminalLocale.ensureUTF8()
        let terminal = try NcursesTerminal()
        defer { terminal.close() }
        try DeskApp.session(terminal: terminal, services: services, configuration: configuration).run()
    }
}
