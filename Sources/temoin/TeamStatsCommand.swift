import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinForms
import TemoinTeam

/// `temoin team stats`: the figures, or one question by another, over the testimonies that pass a filter.
struct TeamStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count testimonies by a question, or cross two questions: counts, percentages and their denominators.",
        discussion: """
        Without --by, every charted question of the questionnaire; with one --by, that question; with two, \
        the first by the second (rows by columns) with row and column percentages. A percentage is of the \
        testimonies to which the question applied ("asked"); "did not apply" and "not answered" are counted \
        apart. FIELD is a field id or the question in French or English, or desk, month or city. \
        Examples: --by face_photo --by city; --where "photo_consent=not_asked" --where month=2026-01..2026-03.
        """)

    @Option(name: .customLong("by"), help: ArgumentHelp("Count by this question (at most twice: rows, then columns).", valueName: "FIELD"))
    var by: [String] = []

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Output: table, csv or json.")
    var format: String = "table"

    @OptionGroup var lang: OutputLanguageOption

    @OptionGroup var csv: CSVSeparatorOption

    @OptionGroup var keys: TeamKeyOptions

    @OptionGroup var input: BundleOptions

    func validate() throws {
        if StatisticsOutput.Format(rawValue: format) == nil { throw ValidationError(CLIText.formatTableCsvOrJson) }
        if by.count > 2 { throw ValidationError(CLIText.byAtMostTwice) }
        _ = try csv.character()
    }

    func run() throws {
        let language = lang.language
        let form = try selection.questionnaire()
        let filter = try selection.filter(form: form, language: language)
        let breakdowns = try by.map { name in try usage(language) { try WhereClause.breakdown(named: name, form: form) } }
        let source = try input.source()
        let keys = try keys.open()
        let (records, decryption) = try input.decryptAll(source, keys: keys)
        let selected = try selection.select(records, form: form, filter: filter, inbox: input.inbox, keys: keys, language: language).records
        // Every testimony's buckets worked out once, on every core, for the counts and the crosstab.
        let counted: [Breakdown]? = breakdowns.isEmpty ? nil : breakdowns
        var index = CountingIndex(records: selected, form: form, breakdowns: counted)
        let statistics = index.statistics(of: nil, breakdowns: counted)
        let crosstab = breakdowns.count == 2 ? index.crosstab(of: nil, rows: breakdowns[0], columns: breakdowns[1]) : nil
        let output = StatisticsOutput(series: statistics.series, crosstab: crosstab, testimonies: statistics.testimonies,
                                      language: language, separator: try csv.character())
        StandardStreams.output(output.render(StatisticsOutput.Format(rawValue: format) ?? .table))
        source.reportProblems(decryption)
        if !filter.isEmpty { note(CLIText.filterCounted(filter.summary(form: form), statistics.testimonies)) }
        if !decryption.isClean { throw ExitCode(5) }
    }
}

/// Which testimonies a team command counts or writes: the questionnaire, `--search` and `--where`.
struct SelectionOptions: ParsableArguments {
    @OptionGroup var form: TeamFormOption

    @Option(help: ArgumentHelp("Only testimonies containing these words (any order; case and accents ignored).", valueName: "WORDS"))
    var search: String?

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only testimonies whose answer to FIELD (id or question, fr or en; desk, month, city) is VALUE: a choice (id or label), " +
        "yes/no, a date, month, year or range 2026-01..2026-03, a number or range 3..10, a text; VALUE,VALUE is either one; " +
        "repeat --where for all of them. status=STATUS and tag=TAG (tag=none) filter on the team's case work.", valueName: "FIELD=VALUE"))
    var conditions: [String] = []

    /// The questionnaire of `--form`, or the built-in one.
    func questionnaire() throws -> Questionnaire { try form.questionnaire() }

    /// The filter of `--search` and `--where`; an unknown field or value is a usage error that lists what exists.
    func filter(form: Questionnaire, language: Language = .en) throws -> Filter {
        let parsed = try conditions.map { text in try usage(language) { try WhereClause.condition(text, form: form) } }
        return Filter(text: search ?? "", conditions: parsed)
    }

    /// The testimonies of `records` that pass `filter`, and the team's case work when the filter is on it (opened
    /// from the inbox with `keys`). A filter on a text, a city, a desk or a tag that no testimony has (most likely
    /// a typo) is refused, listing the values present.
    func select(_ records: [DecryptedRecord], form: Questionnaire, filter: Filter, inbox: InboxOptions, keys: [TeamKeyPair],
                language: Language) throws -> (records: [DecryptedRecord], cases: CaseBook?) {
        let cases = try cases(for: filter, inbox: inbox, keys: keys)
        if let error = WhereClause.unmatched(filter.conditions, records: records, form: form)
            ?? cases.flatMap({ WhereClause.unmatchedTags(filter.conditions, records: records, cases: $0) }) {
            throw CLIError.usage(CLIText.optionProblem("--where", error.message.text(language)))
        }
        return (Statistics.selection(of: records, form: form, filter: filter, cases: cases), cases)
    }

    /// The team's case work when the filter is on it (`--where status=… tag=…`), opened from the inbox with `keys`; else nil.
    func cases(for filter: Filter, inbox: InboxOptions, keys: [TeamKeyPair]) throws -> CaseBook? {
        guard filter.usesCases else { return nil }
        return try CaseWork.open(inbox, pairs: keys).book
    }
}

/// Runs `body`, turning a `WhereError` into a usage error (exit code 64) in `language`.
func usage<T>(_ language: Language = .en, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as WhereError { throw CLIError.usage(CLIText.optionProblem("--where/--by", error.message.text(language))) }
}

/// `--separator`, one help text and one parser for every command that writes CSV.
///
/// It has no `validate()` of its own: a group's runs before its command's, and would change which of two mistakes
/// is reported. Each command calls `character()` in its own `validate()`, after its other options.
struct CSVSeparatorOption: ParsableArguments {
    @Option(help: ArgumentHelp("CSV separator: , or ; (French spreadsheets).", valueName: "CHAR"))
    var separator: String = ","

    /// The CSV separator given: a comma, a semicolon or a tab.
    func character() throws -> Character {
        switch separator {
        case ",": ","
        case ";": ";"
        case "\\t", "\t", "tab": "\t"
        default: throw ValidationError(CLIText.separatorValue)
        }
    }
}
