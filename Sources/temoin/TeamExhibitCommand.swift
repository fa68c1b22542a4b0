import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinForms
import TemoinStorage
import TemoinTeam

/// `temoin team exhibit RECEIPT --out FILE.html|FILE.pdf`: one testimony as a document for a case file.
struct TeamExhibitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exhibit",
        abstract: "Write one testimony as a document for a case file: identifiers, local sealing time, SHA-256, what was checked.",
        discussion: """
        FILE.html is a self-contained page; FILE.pdf is that page printed by headless Chromium (Debian's chromium \
        package). Times are shown in --time-zone, else $TEMOIN_TZ, else Europe/Paris. The testimony is looked up \
        by its receipt in the inbox (or in the BUNDLE files named). Keep the file as safe as the decrypted data.
        """)

    @Argument(help: "The receipt code the witness holds, e.g. K7QF-29XM.") var receipt: String

    @Option(help: ArgumentHelp("Write the exhibit to FILE.html or FILE.pdf (created; never replaced).", valueName: "FILE"))
    var out: String

    @OptionGroup var lang: OutputLanguageOption

    @OptionGroup var zone: TimeZoneOption

    @OptionGroup var choice: RecordChoice

    @OptionGroup var form: TeamFormOption

    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    @Argument(help: ArgumentHelp("Bundle files (default: the inbox).", valueName: "BUNDLE"))
    var bundles: [String] = []

    func validate() throws {
        if kind == nil { throw ValidationError(CLIText.exhibitOutKind) }
    }

    private var kind: String? {
        let ending = (out as NSString).pathExtension.lowercased()
        return ["html", "htm", "pdf"].contains(ending) ? ending : nil
    }

    func run() throws {
        let zone = try zone.resolved()
        let chromium = kind == "pdf" ? try ChromiumPrinter.find() : nil
        let sink = try OutputSink(path: out)   // an existing file is refused now, not after decrypting
        let language = lang.language
        let questionnaire = try form.questionnaire()
        let wanted = ReadableCode.normalise(receipt)
        let source = try TeamSource(bundles: bundles, inbox: inbox)
        let pairs = try keys.open()
        var found: [DecryptedRecord] = []
        _ = try source.decryptor(keys: pairs).run(source.bundles, withdrawn: source.withdrawn) { record in
            if record.payload.receipt == wanted { found.append(record) }
        }
        guard let chosen = try choice.pick(found, receipt: wanted) else {
            if bundles.isEmpty, try inbox.openForReading().isWithdrawn(receipt: wanted) {
                throw CLIError.failed(CLIText.withdrawnNoExhibit(wanted), code: 1)
            }
            throw CLIError.failed(CLIText.noSuchExhibit(wanted, record: choice.record), code: 1)
        }
        let exhibit = Exhibit(record: chosen, form: questionnaire, language: language, zone: zone, fromInbox: bundles.isEmpty)
        let html = Array(exhibit.render().utf8)
        if let chromium {
            try sink.write(chromium.pdf(of: html, near: out))
        } else {
            try sink.write(html)
        }
        try sink.finish()
        note(CLIText.exhibitWritten(wanted, out, chosen.payload.canonicalSHA256))
    }
}

/// `--time-zone`: the zone in which exhibits and reports show times.
struct TimeZoneOption: ParsableArguments {
    @Option(name: .customLong("time-zone"), help: ArgumentHelp(
        "Show times in this zone of the tz database (default: $TEMOIN_TZ, else Europe/Paris).", valueName: "ZONE"))
    var name: String?

    /// The zone, checked against the system's database; an unknown one is a usage error.
    func resolved() throws -> LocalTimeZone {
        do { return try LocalTimeZone.configured(option: name) } catch let error as LocalTimeError {
            throw CLIError.usage(CLIText.optionProblem(name == nil ? "$\(LocalTimeZone.environmentVariable)" : "--time-zone", CLIText.describe(error)))
        }
    }
}
