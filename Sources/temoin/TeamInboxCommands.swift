import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinForms
import TemoinFormat
import TemoinStorage
import TemoinTeam

/// Where the team inbox is.
struct InboxOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The team inbox folder (default: $TEMOIN_INBOX, else $XDG_DATA_HOME/temoin-inbox).", valueName: "DIR"))
    var inbox: String?

    /// The resolved folder.
    var directory: String { TeamInbox.defaultDirectory(inbox) }
}

/// The team secret keys a command opens, and how their passphrases are read.
struct TeamKeyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A team secret key file; repeat to also open records sealed to older keys; line N of the passphrase file is then the N-th key's (default: $TEMOIN_TEAM_KEY, files separated by ':').", valueName: "KEY"))
    var key: [String] = []
    @OptionGroup var passphrase: PassphraseOptions

    /// The key files: those given with --key, else those of TEMOIN_TEAM_KEY, so that a team member names them once.
    var files: [String] {
        key.isEmpty ? (ProcessInfo.processInfo.environment["TEMOIN_TEAM_KEY"] ?? "").split(separator: ":").map(String.init) : key
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError(CLIText.giveSecretKey) }
    }

    /// Opens every key file, asking for each passphrase or reading the key's line of the passphrase file.
    func open() throws -> [TeamKeyPair] {
        try files.enumerated().map { try openTeamKey($1, passphrases: passphrase, line: $0) }
    }
}

/// `temoin team import`.
struct TeamImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify bundles and copy them into the team inbox; remember the desks that signed them.",
        discussion: """
        A desk seen for the first time is remembered (trust on first use) and flagged: compare its fingerprint \
        with the desk by phone, then `temoin team desks approve FINGERPRINT`. Bundles of revoked desks are \
        refused. Importing the same bundle again changes nothing; a different bundle under an id its desk already \
        used is refused. An old bundle brought again (a replay), records whose id the inbox holds with another \
        content or from another desk (a conflict), and a bundle id another desk used are reported. Exit code 5 if \
        any bundle was refused or brings conflicting records (7 if the first refusal was a disk error).
        """)

    @OptionGroup var inbox: InboxOptions

    @Argument(help: ArgumentHelp("Bundle files.", valueName: "BUNDLE"))
    var bundles: [String]

    func validate() throws {
        if bundles.isEmpty { throw ValidationError(CLIText.nameABundle) }
    }

    func run() throws {
        let box = try TeamInbox(directory: inbox.directory)
        var failure: Int32?, conflicts = false
        for path in bundles {
            do {
                let result = try box.importBundle(path)
                let desk = CLIText.deskLabel(result.header.deskName, result.desk.fingerprint)
                switch result.outcome {
                case .alreadyImported:
                    StandardStreams.line(CLIText.alreadyImported(path))
                case .imported:
                    StandardStreams.line(CLIText.imported(path, result.header.recordCount, alreadyKnown: result.recordsAlreadyKnown, from: desk))
                    if result.allRecordsDelivered {
                        StandardStreams.line(CLIText.replayNothingNew)
                    }
                    if let newer = result.newerBundleExportedAt {
                        StandardStreams.line(CLIText.replayOlder(Self.time(result.header.createdAt), Self.time(UInt64(newer.timeIntervalSince1970))))
                    }
                    if result.conflictingRecords > 0 {
                        conflicts = true
                        StandardStreams.line(CLIText.importConflict(result.conflictingRecords))
                    }
                    for other in result.bundleIDAlsoUsedBy {
                        StandardStreams.line(CLIText.bundleIDAlsoUsed(other.name, other.fingerprint))
                    }
                }
                if result.deskIsNew {
                    StandardStreams.line(CLIText.newDesk(desk, result.desk.fingerprint))
                } else if result.desk.trust == .new {
                    StandardStreams.line(CLIText.notApprovedYet(desk, result.desk.fingerprint))
                }
                if let clash = result.nameClash {
                    StandardStreams.line(CLIText.nameClash(clash.name, clash.fingerprint))
                }
            } catch VaultError.bundle(let problem) {
                failure = failure ?? refusalCode(for: VaultError.bundle(problem))
                StandardStreams.line(CLIText.importRefused(path, problem))
            } catch {
                failure = failure ?? refusalCode(for: error)
                StandardStreams.line(CLIText.refused(path, error))
            }
        }
        if let failure { throw ExitCode(failure) }
        if conflicts { throw ExitCode(5) }
    }

    /// An export time as the desk signed it, in UTC.
    private static func time(_ seconds: UInt64) -> String {
        RecordPayload.timestamp(Date(timeIntervalSince1970: TimeInterval(min(seconds, 253_402_300_799))))   // no time-zone file read
    }
}

/// `temoin team desks [list|approve|revoke]`.
struct TeamDesksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desks",
        abstract: "List the known desks, approve one after a phone check, or revoke one.",
        subcommands: [List.self, Approve.self, Revoke.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the known desks (the default).")
        @OptionGroup var inbox: InboxOptions

        func run() throws {
            let box = try inbox.openForReading()
            let counts = try box.recordCounts()
            let desks = try box.desks()
            if desks.isEmpty { StandardStreams.line(CLIText.noDeskYet) }
            for desk in desks {
                let count = counts[Data(desk.publicKey)] ?? 0
                let state = switch desk.trust {
                case .new: CLIText.notApprovedState
                case .approved: CLIText.approvedState
                case .revoked: CLIText.revokedState
                }
                StandardStreams.line(CLIText.deskLine(desk.fingerprint, desk.name, state, count))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a desk whose fingerprint was checked by phone (also un-revokes).")
        @OptionGroup var desk: DeskOptions

        func run() throws {
            StandardStreams.line(CLIText.deskApproved(try desk.set(.approved)))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a desk: its bundles are refused and left out of decryption and reports.")
        @OptionGroup var desk: DeskOptions

        func run() throws {
            StandardStreams.line(CLIText.deskRevoked(try desk.set(.revoked)))
        }
    }
}

/// The inbox and the fingerprint of the desk that `team desks approve` and `revoke` change.
struct DeskOptions: ParsableArguments {
    @OptionGroup var inbox: InboxOptions
    @Argument(help: "The desk fingerprint.") var fingerprint: String

    /// Gives the desk `trust` in the inbox; the desk as it now stands.
    func set(_ trust: DeskTrust) throws -> KnownDesk {
        try TeamInbox(directory: inbox.directory).setTrust(trust, fingerprint: fingerprint)
    }
}

/// Finds testimonies in the inbox by receipt code.
enum ReceiptSearch {
    /// Every testimony of the inbox whose receipt matches `receipt`, withdrawn ones left out; says so
    /// when the witness withdrew it.
    static func find(_ receipt: String, inbox: InboxOptions, keys: TeamKeyOptions) throws -> [DecryptedRecord] {
        try find(receipt, inbox: inbox, pairs: keys.open())
    }

    /// The same, with the team keys already open.
    static func find(_ receipt: String, inbox: InboxOptions, pairs: [TeamKeyPair]) throws -> [DecryptedRecord] {
        let wanted = ReadableCode.normalise(receipt)
        let source = try TeamSource(bundles: [], inbox: inbox)
        var found: [DecryptedRecord] = []
        _ = try source.decryptor(keys: pairs).run(source.bundles, withdrawn: source.withdrawn) { record in
            if record.payload.receipt == wanted { found.append(record) }
        }
        if found.isEmpty, try inbox.openForReading().isWithdrawn(receipt: wanted) {
            throw CLIError.failed(CLIText.withdrawnReceipt(wanted), code: 1)
        }
        return found
    }

    /// A one-line description of a testimony for a person to recognise it: its date and city, found by
    /// their roles in the built-in questionnaire.
    static func describe(_ record: DecryptedRecord) -> String {
        let answers = record.payload.answers, form = try? Questionnaire.builtIn()
        func shown(_ role: FieldRole) -> String {
            form?.field(withRole: role).flatMap { answers[$0.id] }.map { "\($0)" } ?? "?"
        }
        let city = shown(.city), date = shown(.date)
        return CLIText.receiptLine(record.payload.receipt, date: date, city: city, sealedAt: "\(record.payload.sealedAt)", desk: record.shortDeskName,
                                   fingerprint: record.deskFingerprint, record: record.payload.record)
    }
}

/// `--record ID`: which testimony a receipt names when several carry it. A receipt is the payload's own field:
/// a forged bundle can copy a genuine testimony's, and a receipt can also meet another by chance.
struct RecordChoice: ParsableArguments {
    @Option(help: ArgumentHelp("The record id, when several testimonies carry the receipt (the command lists them).", valueName: "ID"))
    var record: String?

    /// The testimony of `found` (those with `receipt`) meant: the only one, or the one with the record id given; nil
    /// when there is none. Several left: a usage error listing each with its desk's fingerprint and record id.
    func pick(_ found: [DecryptedRecord], receipt: String) throws -> DecryptedRecord? {
        let kept = record.map { id in found.filter { $0.payload.record == id.lowercased() } } ?? found
        guard kept.count <= 1 else { throw CLIError.usage(CLIText.receiptShared(receipt, kept.map(ReceiptSearch.describe))) }
        return kept.first
    }
}

/// `temoin team find RECEIPT`.
struct TeamFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find a testimony in the inbox by its receipt code and print it as JSON, with the team's case.",
        discussion: """
        The JSON line is the one `team decrypt` writes, with a "case" object: status, status_label, tags and \
        every note (at, author, author_key, text), from the case events the keys open (`team note`, `team status`, `team tag`).
        """)

    @Argument(help: "The receipt code the witness holds, e.g. K7QF-29XM.") var receipt: String
    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    func run() throws {
        let pairs = try keys.open()
        let found = try ReceiptSearch.find(receipt, inbox: inbox, pairs: pairs)
        guard !found.isEmpty else { throw CLIError.failed(CLIText.noSuchReceipt(ReadableCode.normalise(receipt)), code: 1) }
        let cases = try CaseWork.open(inbox, pairs: pairs)
        var lines: [UInt8] = []
        let output = RecordOutput(format: .jsonl, form: try Questionnaire.builtIn()) { lines += $0 }
        for record in found {
            try output.append(record)
            try StandardStreams.output(bytes: try CaseJSON.adding(cases.book[record], to: lines))
            lines = []
        }
        if cases.unreadable > 0 {
            note(CLIText.unreadableCaseEvents(cases.unreadable))
        }
    }
}

/// A testimony's case in its JSON line (`team find`).
enum CaseJSON {
    private struct Object: Encodable {
        struct Note: Encodable {
            var at, author, authorKey, text: String
            enum CodingKeys: String, CodingKey { case at, author, authorKey = "author_key", text }
        }
        var status, statusLabel: String
        var tags: [String]
        var notes: [Note]
        enum CodingKeys: String, CodingKey { case status, statusLabel = "status_label", tags, notes }
    }

    /// `line` (one JSON object and a newline) with a `"case"` member added at its end.
    static func adding(_ file: CaseFile, to line: [UInt8]) throws -> [UInt8] {
        var body = line
        while let last = body.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: " ") { body.removeLast() }
        guard body.last == UInt8(ascii: "}") else { return line }
        body.removeLast()
        let object = Object(status: file.status.rawValue, statusLabel: file.status.label.fr, tags: file.tags,
                            notes: file.notes.map { .init(at: CaseEvent.timestamp($0.at), author: $0.author, authorKey: $0.authorKey, text: $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return body + Array(",\"case\":".utf8) + [UInt8](try encoder.encode(object)) + Array("}\n".utf8)
    }
}

/// `temoin team withdraw RECEIPT`.
struct TeamWithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a witness's testimony by its receipt code: left out of every decryption and report from now on.",
        discussion: "The withdrawal is kept in the inbox by record id, so importing the bundle again does not bring the testimony back.")

    @Argument(help: "The receipt code the witness holds.") var receipt: String
    @OptionGroup var keys: TeamKeyOptions
    @Flag(help: "Do not ask for confirmation.") var yes = false
    @OptionGroup var inbox: InboxOptions

    func run() throws {
        let found = try ReceiptSearch.find(receipt, inbox: inbox, keys: keys)
        guard !found.isEmpty else { throw CLIError.failed(CLIText.noSuchReceiptToWithdraw(ReadableCode.normalise(receipt)), code: 1) }
        for record in found { StandardStreams.line(CLIText.found(ReceiptSearch.describe(record))) }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else { throw CLIError.usage(CLIText.confirmWithYes) }
            StandardStreams.output(CLIText.withdrawQuestion(found.count))
            guard CLIText.isYes(readLine()) else { StandardStreams.line(CLIText.nothingWithdrawn); return }
        }
        let box = try TeamInbox(directory: inbox.directory)
        for record in found {
            try box.withdraw(recordID: Hex.decode(record.payload.record) ?? [], receipt: record.payload.receipt)
        }
        StandardStreams.line(CLIText.withdrawn(found.count))
    }
}
