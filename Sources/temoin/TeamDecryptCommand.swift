import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeam

/// `temoin team decrypt`.
struct TeamDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Verify and decrypt bundles (default: every bundle of the inbox) with the team secret key; write JSON Lines, CSV or XLSX.",
        discussion: """
        Each bundle is verified first; a bundle that fails is refused whole unless --salvage is given, which \
        recovers its intact records marked "unverified". A record sealed to another key or damaged is \
        reported on standard error and the others are still decrypted. A record seen twice (bundles that overlap) is output once and counted as duplicate; \
        a record id that comes with another content or from another desk is output as "conflict", every copy. Each line says the \
        signing desk's standing (desk_trust: approved, new, revoked or unknown); --approved-only leaves out the desks not approved. \
        Withdrawn testimonies are left out. --search and --where write only the testimonies that the browser would show \
        with the same search and filter. Exit code 5 when anything was refused, skipped or flagged (conflict, desk_mismatch, unverified).
        """)

    @OptionGroup var keys: TeamKeyOptions

    @Option(help: "Output format: jsonl, csv or xlsx (a workbook of testimonies and figures; needs --out).")
    var format: String = "jsonl"

    @Option(help: "CSV and XLSX headers and answers: ids (field and choice ids), fr or en (questions and labels).")
    var labels: String = "ids"

    @OptionGroup var csv: CSVSeparatorOption

    @OptionGroup var selection: SelectionOptions

    @Option(help: ArgumentHelp("Write to FILE (created; never replaced) instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp(
        "Also write the evidence files of the testimonies output into DIR (created if needed), each checked against the SHA-256 taken at the desk.",
        valueName: "DIR"))
    var files: String?

    @Flag(help: "Start the CSV with a UTF-8 byte order mark (for some spreadsheet programs).")
    var bom = false

    @Flag(help: "Open every record again, neither reading nor writing the inbox's encrypted decryption cache (to time decryption itself).")
    var noCache = false

    @OptionGroup var input: BundleOptions

    func validate() throws {
        if OutputFormat(rawValue: format) == nil && format != "xlsx" { throw ValidationError(CLIText.formatJsonlCsvOrXlsx) }
        if format == "xlsx" && out == nil { throw ValidationError(CLIText.xlsxNeedsOut) }
        if ExportLabels(rawValue: labels) == nil { throw ValidationError(CLIText.labelsValue) }
        _ = try csv.character()
    }

    func run() throws {
        let source = try input.source()
        // The first bundle is opened and its list checked on another core during the rest of the start-up,
        // unless the inbox's cache may replace its opening.
        let cacheMayServe = if case .inbox = source.bundles { !input.salvage && !noCache } else { false }
        let opening = cacheMayServe ? nil : source.bundles.openingFirst()
        let keys = try keys.open()
        let fields = try selection.questionnaire()
        let filter = try selection.filter(form: fields, language: CLILanguage.current)
        let cases = try selection.cases(for: filter, inbox: input.inbox, keys: keys)
        let labels = ExportLabels(rawValue: labels) ?? .ids
        let progress = ProgressBar(label: CLIText.decrypting, total: source.recordCount)
        let report: DecryptReport, written: Int
        if let folder = files {
            guard format != "xlsx" else { throw CLIError.usage(CLIText.filesNeedJSONLOrCSV) }
            try decryptWithFiles(source: source, keys: keys, fields: fields, filter: filter, cases: cases, labels: labels, folder: folder,
                                 opening: opening)
            return
        }
        if format == "xlsx" {
            let workbook = try XLSXWriter(path: out ?? "", form: fields, labels: labels)
            var count = 0
            report = try source.decryptor(keys: keys, trustOptions: input.trust, cache: !noCache, opening: opening).run(source.bundles, salvage: input.salvage, withdrawn: source.withdrawn,
                                                                             progress: progress.update) { record in
                guard filter.matches(record, in: fields, cases: cases) else { return }
                try workbook.append(record)
                count += 1
            }
            try Self.refuseUnmatched(filter, written: count, form: fields)
            try workbook.finish()
            written = count
        } else {
            let sink = try OutputSink(path: out)
            let output = try RecordOutput(format: OutputFormat(rawValue: format) ?? .jsonl, form: fields, byteOrderMark: bom,
                                          labels: labels, separator: try csv.character(), write: sink.write)
            let encoder = output.encoder
            var count = 0
            report = try source.decryptor(keys: keys, trustOptions: input.trust, cache: !noCache, opening: opening).run(
                source.bundles, salvage: input.salvage, withdrawn: source.withdrawn, progress: progress.update,
                prepare: { opened -> [UInt8]? in
                    if filter.isEmpty { return try encoder.encode(opened) }
                    let record = try opened.decoded()
                    return filter.matches(record, in: fields, cases: cases) ? try encoder.encode(record) : nil
                },
                emit: { line in
                    guard let line else { return }
                    try output.append(encoded: line)
                    count += 1
                })
            try output.finish()
            written = count
            try Self.refuseUnmatched(filter, written: written, form: fields)
            try sink.finish()
        }
        progress.finish()
        if !filter.isEmpty { note(CLIText.filterWritten(filter.summary(form: fields), written)) }
        source.reportProblems(report)
        let counts = RecordStatus.allCases.compactMap { status in report.counts[status].map { "\($0) \(status.name(in: CLILanguage.current))" } }
        note(CLIText.decrypted(counts))
        if !report.isClean { throw ExitCode(5) }
    }
}

extension TeamDecryptCommand {
    /// `decrypt --files DIR`: the same output, each testimony decoded to list its files, then every file
    /// of the testimonies output extracted and reported on standard error, one line each.
    func decryptWithFiles(source: TeamSource, keys: [TeamKeyPair], fields: Questionnaire, filter: Filter, cases: CaseBook?, labels: ExportLabels,
                          folder: String, opening: BundleOpening?) throws {
        var extractor = try EvidenceExtractor(directory: folder)
        let sink = try OutputSink(path: out)
        let output = try RecordOutput(format: OutputFormat(rawValue: format) ?? .jsonl, form: fields, byteOrderMark: bom,
                                      labels: labels, separator: try csv.character(), write: sink.write)
        let encoder = output.encoder
        var wanted: [(bundle: String, record: String, files: [EvidenceFile])] = []
        let progress = ProgressBar(label: "Decrypting", total: source.recordCount)
        let report = try source.decryptor(keys: keys, trustOptions: input.trust, cache: !noCache, opening: opening).run(
            source.bundles, salvage: input.salvage, withdrawn: source.withdrawn, progress: progress.update,
            prepare: { opened -> DecryptedRecord? in
                let record = try opened.decoded()
                return filter.matches(record, in: fields, cases: cases) ? record : nil
            },
            emit: { record in
                guard let record else { return }
                try output.append(encoded: try encoder.encode(record))
                if let files = record.payload.files, !files.isEmpty { wanted.append((record.bundle, record.payload.record, files)) }
            })
        try output.finish()
        try sink.finish()
        progress.finish()
        var failed = 0, written = 0
        let paths = source.bundles.paths
        extractor.withholdDisputedNames(wanted.flatMap(\.files))
        for (bundle, record, files) in wanted {
            guard let path = paths.first(where: { ($0 as NSString).lastPathComponent == bundle }) else { continue }
            for outcome in extractor.extract(files, record: record, bundlePath: path) {
                if outcome.path == nil { failed += 1 } else { written += 1 }
                note(CLIText.fileOutcome(bundle: bundle, record: record, outcome))
            }
        }
        source.reportProblems(report)
        let counts = RecordStatus.allCases.compactMap { status in report.counts[status].map { "\($0) \(status.rawValue)" } }
        note(CLIText.decrypted(counts) + CLIText.filesWritten(written, to: folder, failed: failed))
        if !report.isClean || failed > 0 { throw ExitCode(5) }
    }

    /// Refuses an export that a search, or a filter on a text, a city or a desk, left empty: most likely a typo, never a finding.
    static func refuseUnmatched(_ filter: Filter, written: Int, form: Questionnaire) throws {
        if written == 0, filter.searchesText {
            throw CLIError.usage(CLIText.searchFoundNothing(filter.text, withWhere: !filter.conditions.isEmpty))
        }
        guard written == 0, filter.conditions.contains(where: { WhereClause.takesFreeValues($0, form: form) }) else { return }
        throw CLIError.usage(CLIText.noMatch(filter.summary(form: form)))
    }
}

/// How a team command treats desks not approved and key ids it does not know.
struct TrustOptions: ParsableArguments {
    @Flag(help: "Output only testimonies of approved desks; those of desks not approved yet are left out (counted not_approved).")
    var approvedOnly = false

    @OptionGroup var colleagues: TeamPubOptions
}

/// Other team members' public keys, named once per command.
struct TeamPubOptions: ParsableArguments {
    @Option(name: .customLong("team-pub"), help: ArgumentHelp(
        "Another team member's public key file: records also sealed to it are not reported as sealed to an unknown key, and "
        + "case notes, statuses and tags are sealed to it too (the inbox remembers it; with note, status, tag, share and the browser, "
        + "the earlier ones your keys read as well). Repeat for each.",
        valueName: "FILE"))
    var teamPub: [String] = []

    /// The keys read from the files.
    func keys() throws -> [TeamPublicKey] { try teamPub.map(readTeamPublicKey) }
}

/// The bundles a team command reads: those named, else the inbox's; the withdrawn records and the desks' standing.
struct TeamSource {
    /// The bundles, in reading order.
    var bundles: TeamBundles
    /// Withdrawn record ids (from the inbox, when there is one).
    var withdrawn: Set<[UInt8]>
    /// Expected number of records (for the progress bar), when known.
    var recordCount: Int?
    /// Inbox bundles left out because their desk was revoked.
    var skipped: [InboxBundle] = []
    /// The standing of the desks the inbox knows (also for bundles named on the command line).
    var trust: [[UInt8]: DeskTrust] = [:]

    init(bundles: [String], inbox options: InboxOptions) throws {
        let directory = options.directory
        let inbox = FileManager.default.fileExists(atPath: directory + "/inbox.sqlite") ? try TeamInbox(directory: directory, readOnly: true) : nil
        withdrawn = try inbox?.withdrawnRecordIDs() ?? []
        trust = try inbox?.trustByDesk() ?? [:]
        if !bundles.isEmpty {
            self.bundles = .files(bundles)
            recordCount = nil
            return
        }
        guard let inbox else {
            throw CLIError.usage(CLIText.noInbox(directory))
        }
        let (accepted, revoked) = try inbox.bundlesToRead()
        self.bundles = .inbox(accepted)
        recordCount = accepted.bundles.reduce(0) { $0 + $1.recordCount }
        skipped = revoked
    }

    /// A decryptor for these bundles that knows the desks' standing (the inbox's records are not hashed again:
    /// see `TeamBundles.inbox`), reading and writing the inbox's decryption cache unless `cache` is false.
    func decryptor(keys: [TeamKeyPair], trustOptions: TrustOptions? = nil, cache: Bool = true, opening: BundleOpening? = nil) throws -> TeamDecryptor {
        var decryptor = TeamDecryptor(keys: keys)
        decryptor.usesCache = cache
        decryptor.firstOpening = opening
        decryptor.deskTrust = trust
        decryptor.approvedOnly = trustOptions?.approvedOnly ?? false
        for key in try trustOptions?.colleagues.keys() ?? [] { decryptor.otherTeamKeyIDs.insert(key.keyID) }
        return decryptor
    }

    /// Tells the user, on standard error, which inbox bundles were left out, what was refused, damaged, flagged or
    /// left out, and warns about desks not approved and key ids nobody named.
    func reportProblems(_ report: DecryptReport) {
        for bundle in skipped {
            note(CLIText.leftOutRevoked(bundle.path, KeyIdentity.fingerprint(of: bundle.deskPublicKey)))
        }
        for (path, reason) in report.refusedBundles { note(CLIText.refused(path, reason)) }
        for bundle in report.damagedBundles { note(CLIText.damaged(bundle.path, bundle.message(in: CLILanguage.current))) }
        for problem in report.problems where problem.status != .withdrawn && problem.status != .duplicate {
            note(problem.message(in: CLILanguage.current))
        }
        if let new = report.trustCounts[.new], new > 0 { note(CLIText.fromNewDesks(new)) }
        if let revoked = report.trustCounts[.revoked], revoked > 0 { note(CLIText.fromRevokedDesks(revoked)) }
        if let unknown = report.trustCounts[.unknown], unknown > 0 { note(CLIText.fromUnknownDesks(unknown)) }
        if let notApproved = report.counts[.notApproved], notApproved > 0 { note(CLIText.notApprovedLeftOut(notApproved)) }
        for (keyID, count) in report.unknownRecipients.sorted(by: { $0.key < $1.key }) {
            note(CLIText.unknownRecipient(count, keyID))
        }
    }
}

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar {
    private let label: String
    private let total: Int?
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDrawn = Date.distantPast

    init(label: String, total: Int?) {
        self.label = label
        self.total = total
    }

    /// Shows `done` records handled (at most ten times a second).
    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = Date()
        var line = "\r\(label): \(done)"
        if let total, total > 0 {
            let width = 30, filled = min(width, done * width / total)
            line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)"
        }
        StandardStreams.error(line)
    }

    /// Clears the bar.
    func finish() {
        guard enabled else { return }
        StandardStreams.error("\r\u{1b}[K")
    }
}
