import ArgumentParser
import Foundation
import TemoinForms
import TemoinTeam

/// `temoin team report`: decrypts bundles and writes the HTML report for lawyers and journalists.
struct TeamReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Decrypt bundles and write one self-contained HTML report: figures, charts, the testimonies in full.",
        discussion: """
        The report opens in any browser without a network connection and prints one section per page. \
        It leaves out witnesses' contact details and volunteers' notes, but holds the testimonies: keep it \
        as safe as the decrypted data. Bundles (default: every bundle of the inbox) are verified and decrypted \
        as by `temoin team decrypt`, withdrawn testimonies left out; what cannot be read is reported on \
        standard error and summarised in the report (exit code 5).
        """)

    @Option(help: ArgumentHelp("Write the report to FILE (created; never replaced).", valueName: "FILE"))
    var html: String

    @OptionGroup var keys: TeamKeyOptions

    @Option(help: "Language of the report: fr or en.")
    var lang: String = "fr"

    @Option(help: ArgumentHelp("The questionnaire file giving labels and sections (default: the built-in one).", valueName: "FILE"))
    var form: String?

    @Option(help: ArgumentHelp("Only testimonies containing these words (any order; case and accents ignored).", valueName: "WORDS"))
    var search: String?

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only testimonies whose answer to FIELD is VALUE (a choice id, yes/no/unknown, a date or month, a text); repeatable.",
        valueName: "FIELD=VALUE"))
    var conditions: [String] = []

    @Flag(help: "Recover the intact records of damaged bundles, marked unverified in the report.")
    var salvage = false

    @OptionGroup var inbox: InboxOptions
    @OptionGroup var trust: TrustOptions

    @Argument(help: ArgumentHelp("Bundle files (default: the inbox).", valueName: "BUNDLE"))
    var bundles: [String] = []

    func validate() throws {
        if Language(rawValue: lang) == nil { throw ValidationError(CLIText.langMustBeFrOrEn) }
        _ = try filter()
    }

    func run() throws {
        let sink = try OutputSink(path: html)   // an existing file is refused now, not after decrypting
        let questionnaire = try form.map { try Questionnaire(jsonData: readInput($0)) } ?? Questionnaire.builtIn()
        let filter = try filter()
        for condition in filter.conditions where questionnaire.field(condition.fieldID) == nil {
            throw CLIError.usage(CLIText.whereUnknownField(condition.fieldID))
        }
        let source = try TeamSource(bundles: bundles, inbox: inbox)
        let keys = try keys.open()
        var records: [DecryptedRecord] = []
        let progress = ProgressBar(label: CLIText.decrypting, total: source.recordCount)
        let decryption = try source.decryptor(keys: keys, trustOptions: trust).run(source.bundles, salvage: salvage, withdrawn: source.withdrawn,
                                                                                 progress: progress.update) { records.append($0) }
        progress.finish()
        let report = HTMLReport(records: records, form: questionnaire, language: Language(rawValue: lang) ?? .fr,
                                filter: filter, decryption: decryption)
        try sink.write(Array(report.render().utf8))
        try sink.finish()
        source.reportSkipped()
        source.reportProblems(decryption)
        let counted = Statistics.selection(of: records, form: questionnaire, filter: filter).count
        note(CLIText.reportWritten(html, counted))
        if !decryption.isClean { throw ExitCode(5) }
    }

    /// The filter given by `--search` and `--where`.
    private func filter() throws -> Filter {
        let parsed = try conditions.map { text -> Filter.Condition in
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError(CLIText.whereSyntax(text))
            }
            return Filter.Condition(fieldID: parts[0], test: .equals(parts[1]))
        }
        return Filter(text: search ?? "", conditions: parsed)
    }
}
