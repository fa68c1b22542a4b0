import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinForms
import TemoinTeam
import TemoinTerminal

/// The testimony a case change is about (by its receipt, so that a mistyped code records nothing), who
/// writes the change, and the colleagues' keys it is also sealed to.
struct CaseChangeOptions: ParsableArguments {
    @Argument(help: "The receipt code of the testimony.") var receipt: String
    @OptionGroup var choice: RecordChoice
    @Option(help: ArgumentHelp("The name recorded as the author (default: the name of the first team key, as given to `team init --name`; its fingerprint is always recorded).", valueName: "NAME"))
    var author: String?
    @OptionGroup var colleagues: TeamPubOptions
    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    /// Seals one change to every team key the inbox lists and to the colleagues named (and to those only, the
    /// earlier changes the keys read), then prints `confirmation` of it and the keys it was sealed to.
    func record(_ kind: CaseEvent.Kind, _ value: String, confirmation: (CaseEvent, CaseFile) -> String) throws {
        let colleagues = try colleagues.keys()
        // Checked before any passphrase is asked or any bundle read.
        var event: CaseEvent
        do {
            event = try CaseEvent(kind: kind, receipt: "", record: "", value: value, author: author ?? "", authorKey: "", at: Date())
        } catch let error as CaseError {
            throw CLIError.usage(error.message.text(CLILanguage.current))
        }
        let pairs = try keys.open()
        guard let first = pairs.first else { throw CLIError.usage(CLIText.giveSecretKey) }
        // The change goes to one testimony, never to whichever of several with the receipt comes first.
        let wanted = ReadableCode.normalise(receipt)
        guard let record = try choice.pick(ReceiptSearch.find(receipt, inbox: inbox, pairs: pairs), receipt: wanted) else {
            throw CLIError.failed(CLIText.noSuchReceiptToRecord(wanted), code: 1)
        }
        event.receipt = record.payload.receipt
        event.record = record.payload.record
        if event.author.isEmpty { event.author = first.publicKey.name }
        event.authorKey = first.publicKey.fingerprint
        let box = try TeamInbox(directory: inbox.directory)
        let (stored, sealedTo) = try box.addCaseEvent(event, recipients: pairs.map(\.publicKey) + colleagues)
        // The earlier changes these keys read become readable with the keys named here (and only those).
        let reshare = try box.reshareCaseEvents(openingWith: pairs, to: colleagues)
        let work = try box.caseEvents(openingWith: pairs)
        StandardStreams.line(confirmation(stored, work.book[record: stored.record]))
        StandardStreams.line(CLIText.sealedTo(sealedTo.map(CaseWork.describe)))
        CaseWork.tell(reshare)
        CaseWork.warn(work, inbox: inbox.directory)
    }
}

/// The team's case work as a command reads it, and what it says of the keys the earlier work is not shared with.
enum CaseWork {
    /// The case events `pairs` open in the inbox, read only. When some of them are not sealed to a key the inbox
    /// lists, standard error names the key and how to share with it (`warn`); nothing is sealed again on reading,
    /// since anyone who can write the inbox can add a key to its list.
    static func open(_ inbox: InboxOptions, pairs: [TeamKeyPair]) throws -> CaseEvents {
        let found = try inbox.openForReading().caseEvents(openingWith: pairs)
        warn(found, inbox: inbox.directory)
        return found
    }

    /// Says on standard error which keys older case events were sealed to again, if any.
    static func tell(_ reshare: CaseReshare) {
        guard reshare.events > 0 else { return }
        note(CLIText.caseWorkShared(reshare.events, reshare.keys.map(describe)))
    }

    /// Names on standard error the keys the inbox lists that case events `found` opened are not sealed to, with
    /// the command that shares them with a colleague's key, and the warning for a key nobody recognises.
    static func warn(_ found: CaseEvents, inbox: String) {
        guard found.unshared > 0, !found.unsharedWith.isEmpty else { return }
        note(CLIText.caseWorkNotShared(found.unshared, found.unsharedWith.map(describe), inbox: inbox))
    }

    /// A key as the case commands name it: its fingerprint, then its name in parentheses. The fingerprint comes
    /// first: the name is whoever made the key file's choice, and may carry another key's fingerprint.
    static func describe(_ key: TeamPublicKey) -> String { "\(key.fingerprint) (\(key.name))" }
}

/// `temoin team note RECEIPT TEXT`.
struct TeamNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a dated note to a testimony, sealed to the team's keys.",
        discussion: "Notes are never edited or deleted: add another one to correct. `temoin team find RECEIPT` shows them.")

    @OptionGroup var change: CaseChangeOptions
    @Argument(help: "The note (quote it).") var text: String

    func run() throws {
        try change.record(.note, text) { event, file in CLIText.noteAdded(event.receipt, by: event.author, notes: file.notes.count) }
    }
}

/// `temoin team status RECEIPT STATUS`.
struct TeamStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Set where the team stands with a testimony: new, to-call, called, legal, closed or dismissed.",
        discussion: "STATUS is an id or a label in French or English: \(CaseStatus.choices). The latest status set wins; the earlier ones stay in the history.")

    @OptionGroup var change: CaseChangeOptions
    @Argument(help: "The new status.") var status: String

    func validate() throws {
        if CaseStatus(typed: status) == nil { throw ValidationError(CaseError.unknownStatus(status).message.text(CLILanguage.current)) }
    }

    func run() throws {
        let wanted = CaseStatus(typed: status) ?? .new
        try change.record(.status, wanted.rawValue) { event, _ in CLIText.statusSet(event.receipt, wanted.rawValue, wanted.label, by: event.author) }
    }
}

/// `temoin team tag RECEIPT TAG [--remove]`.
struct TeamTagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag a testimony (or remove a tag with --remove), sealed to the team's keys.",
        discussion: "Tags compare ignoring case and accents: \"Plainte\" and \"plainte\" are one tag.")

    @OptionGroup var change: CaseChangeOptions
    @Argument(help: "The tag (one to 40 characters).") var tag: String
    @Flag(help: "Remove the tag instead of adding it.") var remove = false

    func run() throws {
        try change.record(remove ? .untag : .tag, tag) { event, file in
            CLIText.tagChanged(removed: remove, event.receipt, event.value, tags: file.tags)
        }
    }
}

/// `temoin team share --team-pub FILE`: a colleague named for the case work without writing a change, and the
/// changes written before that the keys opened sealed to their key at once.
struct TeamShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share the team's case work (notes, statuses, tags) with a colleague's key, including what was written before.",
        discussion: """
        The changes your keys read are sealed again to each key named with --team-pub (only to those), and the \
        inbox remembers them: every later change is sealed to them too. Compare the fingerprint of the .pub file \
        with its holder first. Changes only other keys read are shared when one of their holders runs this command. \
        Reading commands never do it: they name the keys the inbox lists that your earlier work is not sealed to. \
        A key nobody in the team recognises may have been added by someone who can write the inbox: do not share \
        with it.
        """)

    @OptionGroup var colleagues: TeamPubOptions
    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    func validate() throws {
        if colleagues.teamPub.isEmpty { throw ValidationError(CLIText.shareNeedsTeamPub) }
    }

    func run() throws {
        let named = try colleagues.keys()
        _ = try inbox.openForReading()   // an inbox that does not exist is said as such, not created
        let pairs = try keys.open()
        let box = try TeamInbox(directory: inbox.directory)
        let reshare = try box.reshareCaseEvents(openingWith: pairs, to: named)
        StandardStreams.line(CLIText.caseKeys(try box.caseRecipients().map(CaseWork.describe)))
        StandardStreams.line(CLIText.caseEventsSharedNow(reshare.events, named.map(CaseWork.describe)))
        let found = try box.caseEvents(openingWith: pairs)
        if found.unreadable > 0 { note(CLIText.unreadableCaseEventsLeft(found.unreadable)) }
        CaseWork.warn(found, inbox: inbox.directory)
    }
}

/// `temoin team unshare FINGERPRINT…`: keys taken off the case work's list, and the changes the keys opened sealed
/// again without them.
struct TeamUnshareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshare",
        abstract: "Stop sealing the team's case work to a key: no later change is sealed to it, and what your keys read is sealed again without it.",
        discussion: """
        FINGERPRINT is a key's fingerprint as `team share` and the case commands print it (case and hyphens do not \
        matter). For a key nobody in the team recognises (anyone who can write the inbox can list one), or the key of \
        a member who left. The key is taken off the inbox's list, and each earlier change your keys read that is \
        sealed to it is sealed again without it, in one transaction. Changes only other keys read stay sealed to it \
        until one of their holders runs this command; what its holder already copied cannot be taken back. Naming \
        the key again (--team-pub) lists it again.
        """)

    @Argument(help: ArgumentHelp("The fingerprint of a key to take off; repeat for several.", valueName: "FINGERPRINT"))
    var fingerprints: [String]
    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    func run() throws {
        _ = try inbox.openForReading()   // an inbox that does not exist is said as such, not created
        let pairs = try keys.open()
        let box = try TeamInbox(directory: inbox.directory)
        let unshare: CaseUnshare
        do { unshare = try box.unshareCaseEvents(openingWith: pairs, removing: fingerprints) } catch let error as CaseError {
            throw CLIError.usage(error.message.text(CLILanguage.current))
        }
        StandardStreams.line(CLIText.caseKeysRemoved(unshare.keys.map(CaseWork.describe), events: unshare.events))
        StandardStreams.line(CLIText.caseKeys(try box.caseRecipients().map(CaseWork.describe)))
        if unshare.left > 0 { note(CLIText.caseEventsStillSealed(unshare.left)) }
    }
}

/// `temoin team followup`: the witnesses who agreed to be contacted again, how, and where the team stands.
struct TeamFollowupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "List the witnesses who agreed to be contacted again: how to reach them, status, tags and last note.",
        discussion: """
        A witness is listed when the answer to the questionnaire's `recontact` question is yes; the contact is \
        the answer to its `contact` questions asked after that yes (Docs/FORM-FILE.md, roles). Ordered by status \
        (new, to call, called, legal, closed, dismissed), then by date of the check. The contact details are \
        printed in clear: write them to an encrypted disk only.
        """)

    @Option(help: "Output: table, csv or json.") var format: String = "table"
    @OptionGroup var lang: OutputLanguageOption
    @Option(help: ArgumentHelp("Only witnesses with this status (id or label; repeat for several).", valueName: "STATUS"))
    var status: [String] = []
    @OptionGroup var csv: CSVSeparatorOption
    @OptionGroup var form: TeamFormOption
    @OptionGroup var keys: TeamKeyOptions
    @OptionGroup var inbox: InboxOptions

    func validate() throws {
        if FollowUpList.Format(rawValue: format) == nil { throw ValidationError(CLIText.formatTableCsvOrJson) }
        for typed in status where CaseStatus(typed: typed) == nil { throw ValidationError(CaseError.unknownStatus(typed).message.text(CLILanguage.current)) }
        _ = try csv.character()
    }

    func run() throws {
        let questionnaire = try form.questionnaire()
        guard questionnaire.field(withRole: .recontact) != nil else {
            throw CLIError.usage(CLIText.noRecontactRole)
        }
        let source = try TeamSource(bundles: [], inbox: inbox)
        let pairs = try keys.open()
        var records: [DecryptedRecord] = []
        let report = try source.decryptor(keys: pairs).run(source.bundles, withdrawn: source.withdrawn) { records.append($0) }
        let cases = try CaseWork.open(inbox, pairs: pairs)
        let wanted = Set(status.compactMap(CaseStatus.init(typed:)))
        let list = FollowUpList(records: records, book: cases.book, form: questionnaire, statuses: wanted)
        let language = lang.language
        StandardStreams.output(list.render(FollowUpList.Format(rawValue: format) ?? .table, language: language,
                                           separator: try csv.character()))
        source.reportProblems(report)
        if cases.unreadable > 0 {
            note(CLIText.unreadableCaseEvents(cases.unreadable))
        }
        note(CLIText.toFollowUp(list.rows.count))
    }
}
