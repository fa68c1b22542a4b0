import ArgumentParser
import Foundation
import TemoinForms
import TemoinTeam

/// `temoin team corroborate`: the groups of testimonies that likely describe the same check.
struct TeamCorroborateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corroborate",
        abstract: "List the testimonies that likely describe the same check, in groups, with the rules each pair met.",
        discussion: """
        Two testimonies match when they give the same city (grouped as in the figures), dates at most one day apart, \
        times at most two hours apart when both give one, and close times or a place word in common \
        (Docs/GUIDE-EQUIPE.md). Two from the same desk sealed within the same minute \
        are flagged. At most 100 pairs are listed per group. JSON: {"groups": [{"city", "more_pairs", "testimonies", "pairs": [...]}]}.
        """)

    @Option(help: "Output: table or json.")
    var format: String = "table"

    @OptionGroup var lang: OutputLanguageOption

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var keys: TeamKeyOptions

    @OptionGroup var input: BundleOptions

    func validate() throws {
        if CorroborationOutput.Format(rawValue: format) == nil { throw ValidationError(CLIText.formatTableOrJson) }
    }

    func run() throws {
        let language = lang.language
        let form = try selection.questionnaire()
        let filter = try selection.filter(form: form, language: language)
        let source = try input.source()
        let keys = try keys.open()
        let (records, decryption) = try input.decryptAll(source, keys: keys)
        let selected = try selection.select(records, form: form, filter: filter, inbox: input.inbox, keys: keys, language: language).records
        let output = CorroborationOutput(corroboration: Corroboration(records: selected, form: form), form: form, language: language)
        print(output.render(CorroborationOutput.Format(rawValue: format) ?? .table), terminator: "")
        source.reportProblems(decryption)
        if !decryption.isClean { throw ExitCode(5) }
    }
}
