import ArgumentParser
import Foundation
import TemoinDesk
import TemoinForms

/// `temoin form`: shows, imports or resets the questionnaire.
struct FormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Show the questionnaire in use, or replace it with a questionnaire file.",
        subcommands: [FormShowCommand.self, FormImportCommand.self, FormResetCommand.self],
        defaultSubcommand: FormShowCommand.self)
}

/// `temoin form [show] [--json]`.
struct FormShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the questionnaire in use (the default).")

    @Flag(help: "The machine-readable definition (sections, fields, kinds, choices, conditions).")
    var json = false

    @Option(help: "Language of the labels: fr or en.")
    var lang: String = "en"

    @Option(help: ArgumentHelp("Show this questionnaire file instead of the one in use.", valueName: "FILE"))
    var form: String?

    @OptionGroup var vault: VaultOptions

    func run() throws {
        let questionnaire = try activeQuestionnaire(file: form, vault: vault)
        if json {
            StandardStreams.line(String(decoding: try questionnaire.jsonData(), as: UTF8.self))
            return
        }
        let language = Language(rawValue: lang) ?? .en
        StandardStreams.line("\(questionnaire.title.text(language)) — \(questionnaire.id) version \(questionnaire.version)")
        for (number, section) in questionnaire.sections.enumerated() {
            StandardStreams.line("\n\(number + 1). \(section.title.text(language))")
            for field in section.fields {
                let required = field.required ? " *" : ""
                let condition = field.when == nil ? "" : CLIText.onlyWhenItApplies
                StandardStreams.line("   \(field.id) [\(field.kind.rawValue)]\(required): \(field.label.text(language))\(condition)")
                if !field.choices.isEmpty { StandardStreams.line("      " + field.choices.map(\.id).joined(separator: " | ")) }
            }
        }
    }
}

/// `temoin form import FILE`.
struct FormImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Keep a questionnaire file in the vault as the one in use (asks the desk passphrase).")

    @Argument(help: ArgumentHelp("The questionnaire file (JSON, see Docs/FORM-FILE.md).", valueName: "FILE"))
    var file: String

    @OptionGroup var vault: UnlockedVaultOptions

    func run() throws {
        let questionnaire = try Questionnaire(jsonData: readInput(file))
        try vault.unlocked().importQuestionnaire(questionnaire)
        StandardStreams.line(CLIText.formInUse(questionnaire.id, questionnaire.version))
    }
}

/// `temoin form reset`.
struct FormResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Go back to the built-in questionnaire (asks the desk passphrase).")

    @OptionGroup var vault: UnlockedVaultOptions

    func run() throws {
        try vault.unlocked().resetQuestionnaire()
        StandardStreams.line(CLIText.builtInFormAgain)
    }
}

/// The questionnaire a command should use: a file if given, else the vault's, else the built-in one.
func activeQuestionnaire(file: String?, vault: VaultOptions) throws -> Questionnaire {
    if let file { return try Questionnaire(jsonData: readInput(file)) }
    if DeskVault.exists(at: vault.directory) {
        return try DeskVault.open(at: vault.directory).questionnaire()
    }
    return try Questionnaire.builtIn()
}
