import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinForms
import TemoinTeam

/// `temoin team decrypt`.
struct TeamDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Verify and decrypt bundles (default: every bundle of the inbox) with the team secret key; write JSON Lines or CSV.",
        discussion: """
        Each bundle is verified first; a bundle that fails is refused whole unless --salvage is given, which \
        recovers its intact records marked "unverified". A record sealed to another key or damaged is \
        reported on standard error and the others are still decrypted. A record seen twice (bundles that overlap) is output once and counted as duplicate. \
        Withdrawn testimonies are left out. Exit code 5 when anything was refused or skipped.
        """)

    @OptionGroup var keys: TeamKeyOptions

    @Option(help: "Output format: jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: ArgumentHelp("Write to FILE (created; never replaced) instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Recover the intact records of damaged bundles, marked unverified.")
    var salvage = false

    @Flag(help: "Start the CSV with a UTF-8 byte order mark (for some spreadsheet programs).")
    var bom = false

    @Option(help: ArgumentHelp("The questionnaire file whose fields become CSV columns (default: the built-in one).", valueName: "FILE"))
    var form: String?

    @OptionGroup var inbox: InboxOptions

    @Argument(help: ArgumentHelp("Bundle files (default: the inbox).", valueName: "BUNDLE"))
    var bundles: [String] = []

    func validate() throws {
        if OutputFormat(rawValue: format) == nil { throw ValidationError(CLIText.formatJsonlOrCsv) }
    }

    func run() throws {
        let source = try TeamSource(bundles: bundles, inbox: inbox)
        let keys = try keys.open()
        let fields = try form.map { try Questionnaire(jsonData: readInput($0)) } ?? Questionnaire.builtIn()
        let sink = try OutputSink(path: out)
        let output = try RecordOutput(format: OutputFormat(rawValue: format)!, form: fields, byteOrderMark: bom, write: sink.write)
        let progress = ProgressBar(label: CLIText.decrypting, total: source.recordCount)
        let report = try source.decryptor(keys: keys).run(bundles: source.paths, salvage: salvage, withdrawn: source.withdrawn,
                                                        progress: progress.update, prepare: output.encoder.encode,
                                                        emit: output.append(encoded:))
        progress.finish()
        try output.finish()
        try sink.finish()
        source.reportSkipped()
        for (path, reason) in report.refusedBundles { note(CLIText.refused(path, reason)) }
        for bundle in report.damagedBundles { note(CLIText.damaged(bundle.path, bundle.message(in: CLILanguage.current))) }
        for problem in report.problems where problem.status != .withdrawn && problem.status != .duplicate {
            note(problem.message(in: CLILanguage.current))
        }
        let counts = RecordStatus.allCases.compactMap { status in report.counts[status].map { "\($0) \(status.name(in: CLILanguage.current))" } }
        note(CLIText.decrypted(counts))
        if !report.isClean { throw ExitCode(5) }
    }
}

/// The bundles a team command reads: those named, else the inbox's; and the withdrawn records.
struct TeamSource {
    /// Bundle paths in reading order.
    var paths: [String]
    /// Withdrawn record ids (from the inbox, when there is one).
    var withdrawn: Set<[UInt8]>
    /// Expected number of records (for the progress bar), when known.
    var recordCount: Int?
    /// Inbox bundles left out because their desk was revoked.
    var skipped: [InboxBundle] = []
    /// Whether `paths` are the inbox's copies (verified whole when imported).
    var isInbox = false

    init(bundles: [String], inbox options: InboxOptions) throws {
        let directory = options.directory
        let inbox = FileManager.default.fileExists(atPath: directory + "/inbox.sqlite") ? try TeamInbox(directory: directory, readOnly: true) : nil
        withdrawn = try inbox?.withdrawnRecordIDs() ?? []
        if !bundles.isEmpty {
            paths = bundles
            recordCount = nil
            return
        }
        guard let inbox else {
            throw CLIError.usage(CLIText.noInbox(directory))
        }
        let (accepted, revoked) = try inbox.bundlesToRead()
        paths = accepted.map(\.path)
        isInbox = true
        recordCount = accepted.reduce(0) { $0 + $1.recordCount }
        skipped = revoked
    }

    /// A decryptor for these bundles: the inbox's records are not hashed again (see `TeamDecryptor.checksRecordHashes`).
    func decryptor(keys: [TeamKeyPair]) -> TeamDecryptor {
        TeamDecryptor(keys: keys, checksRecordHashes: !isInbox)
    }

    /// Tells the user which inbox bundles were left out.
    func reportSkipped() {
        for bundle in skipped {
            note(CLIText.leftOutRevoked(bundle.path, KeyIdentity.fingerprint(of: bundle.deskPublicKey)))
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
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
