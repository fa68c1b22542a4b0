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
        The report opens in any browser without a network connection and prints one section, and each testimony, per page; \
        times are shown in --time-zone (default: $TEMOIN_TZ, else Europe/Paris). \
        It leaves out witnesses' contact details and volunteers' notes, but holds the testimonies: keep it \
        as safe as the decrypted data. Bundles (default: every bundle of the inbox) are verified and decrypted \
        as by `temoin team decrypt`, withdrawn testimonies left out; what cannot be read is reported on \
        standard error and summarised in the report (exit code 5).
        """)

    @Option(help: ArgumentHelp("Write the report to FILE (created; never replaced).", valueName: "FILE"))
    var html: String

    @OptionGroup var keys: TeamKeyOptions

    @OptionGroup var lang: OutputLanguageOption

    @OptionGroup var zone: TimeZoneOption

    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("crosstab"), help: ArgumentHelp(
        "Add a table of one question by another (rows,columns: ids or questions, or desk, month, city); repeatable.",
        valueName: "FIELD,FIELD2"))
    var crosstabs: [String] = []

    @OptionGroup var input: BundleOptions

    func validate() throws {
        for pair in crosstabs where pair.split(separator: ",").count != 2 {
            throw ValidationError(CLIText.crosstabPair(pair))
        }
    }

    func run() throws {
        let zone = try zone.resolved()
        let sink = try OutputSink(path: html)   // an existing file is refused now, not after decrypting
        let language = lang.language
        let questionnaire = try selection.questionnaire()
        let filter = try selection.filter(form: questionnaire, language: language)
        let tables = try crosstabs.map { pair in
            let names = pair.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return try usage(language) {
                (rows: try WhereClause.breakdown(named: names[0], form: questionnaire),
                 columns: try WhereClause.breakdown(named: names[1], form: questionnaire))
            }
        }
        let source = try input.source()
        let keys = try keys.open()
        let progress = ProgressBar(label: CLIText.decrypting, total: source.recordCount)
        let (records, decryption) = try input.decryptAll(source, keys: keys, progress: progress.update)
        progress.finish()
        let (selected, cases) = try selection.select(records, form: questionnaire, filter: filter, inbox: input.inbox, keys: keys, language: language)
        var report = HTMLReport(records: records, form: questionnaire, language: language,
                                filter: filter, decryption: decryption, crosstabs: tables, zone: zone)
        report.cases = cases
        try report.render { try sink.write(Array($0.utf8)) }
        try sink.finish()
        source.reportProblems(decryption)
        note(CLIText.reportWritten(html, selected.count))
        if !decryption.isClean { throw ExitCode(5) }
    }
}
