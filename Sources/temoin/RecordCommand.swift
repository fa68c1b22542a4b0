import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms
import TemoinStorage

/// `temoin record`: validates and seals testimonies given as JSON.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Validate and seal testimonies from JSON; print one receipt code per testimony.",
        discussion: """
        FILE holds one testimony {"form": ID (optional), "answers": {FIELD_ID: VALUE}}, or JSON Lines of \
        many. VALUE is a string for text, longtext, date (2026-03-14 or 2026-03) and time (18:30); a choice \
        id for choice; "yes", "no" or "unknown" for yesno; an integer for number; an array of choice ids for \
        multichoice. See `temoin form --json` for the field ids.

        Every testimony is checked before any is stored: on any problem, every problem is listed by \
        testimony and field id, nothing is stored, and the exit code is 4.

        --attach FIELD=PATH gives an evidence file (a video, a photo, a screenshot, a document) answering the \
        files question FIELD (evidence_files in the default questionnaire); repeat it for each file, with one \
        testimony only. Each file is checked (size, type read from its content), encrypted into the vault with \
        its SHA-256, and never changed; nothing is stored if one is refused.

        Sealing needs the desk passphrase (asked on the terminal, or --passphrase-file FILE): the desk \
        signs at export whatever is sealed, so only its volunteer may add testimonies.
        """)

    @Option(name: .long, help: ArgumentHelp("The answers file, or - for standard input.", valueName: "FILE"))
    var answers: String

    @Option(name: .long, help: ArgumentHelp("An evidence file answering the files question FIELD; repeat for each file.", valueName: "FIELD=PATH"))
    var attach: [String] = []

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    /// The attachments, FIELD=PATH each.
    func attachments() throws -> [Attachment] {
        try attach.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw CLIError.usage(CLIText.attachForm(text))
            }
            return Attachment(field: String(text[..<equals]), path: String(text[text.index(after: equals)...]))
        }
    }

    func run() throws {
        let attachments = try attachments()
        let desk = try DeskVault.open(at: vault.directory)
        let form = try desk.questionnaire()
        let testimonies = try AnswersInput.parse(try readInput(answers), form: form)
        if !attachments.isEmpty && testimonies.count > 1 {
            throw CLIError.usage(CLIText.attachNeedsOneTestimony(testimonies.count))
        }
        let phrase = try passphrase.existing(CLIText.deskPassphrase)
        // The files are encrypted on the other core while Argon2id derives the desk key on this one; their
        // streams are named in the vault only once it is unlocked, and nothing is left if it is not.
        let prepared = try attachments.isEmpty ? nil : desk.prepareSeal(testimonies[0], form: form, attachments: attachments)
        defer { prepared?.discard() }
        _ = try desk.unlock(passphrase: phrase)
        try desk.checkTeamKeys()
        for (index, testimony) in testimonies.enumerated() {
            let sealed = try prepared.map { try desk.seal($0) } ?? desk.seal(testimony, form: form)
            if !sealed.droppedFields.isEmpty {
                note(CLIText.droppedAnswers(testimony: testimonies.count > 1 ? index + 1 : nil, sealed.droppedFields))
            }
            StandardStreams.line(sealed.receipt)   // written at once: shown as soon as its record is on disk
        }
    }
}

/// Parses the answers input of `temoin record`, collecting every problem.
enum AnswersInput {
    /// The testimonies in `data`, or `VaultError.invalidAnswers` listing every problem.
    static func parse(_ data: Data, form: Questionnaire) throws -> [Answers] {
        guard String(data: data, encoding: .utf8) != nil, String(validating: [UInt8](data), as: UTF8.self) != nil else {
            throw VaultError.invalidAnswers([CLIText.notUTF8])
        }
        let documents: [(label: String, data: Data)]
        if (try? JSONSerialization.jsonObject(with: data)) is [String: Any] {
            documents = [("", data)]
        } else {
            documents = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated().compactMap { line, bytes in
                let trimmed = Data(bytes)
                guard !String(decoding: trimmed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
                return (CLIText.lineLabel(line + 1), trimmed)
            }
        }
        guard !documents.isEmpty else { throw VaultError.invalidAnswers([CLIText.emptyInput]) }
        var problems: [String] = []
        var result: [Answers] = []
        for (label, document) in documents {
            guard let object = try? JSONSerialization.jsonObject(with: document) as? [String: Any] else {
                problems.append(label + CLIText.notAnObject)
                continue
            }
            let repeated = DuplicateKeys.find(in: document)
            guard repeated.isEmpty else {
                problems += repeated.map { label + CLIText.writtenTwice($0) }
                continue
            }
            for key in object.keys where key != "form" && key != "answers" {
                problems.append(label + CLIText.unknownKey(key))
            }
            if let id = object["form"] {
                guard let id = id as? String, id == form.id else {
                    problems.append(label + CLIText.otherForm("\(id)", form.id, form.version))
                    continue
                }
            }
            guard let raw = object["answers"] as? [String: Any] else {
                problems.append(label + CLIText.answersMissing)
                continue
            }
            // Decode field by field so that a wrong value does not hide a missing required answer.
            var answers = Answers()
            var fieldProblems: [ValidationIssue] = []
            for (id, value) in raw {
                let data = try JSONSerialization.data(withJSONObject: [id: value], options: [.fragmentsAllowed])
                switch form.decodeAnswers(fromJSON: data) {
                case .failure(let error): fieldProblems += error.issues
                case .success(let decoded): answers[id] = decoded[id]
                }
            }
            let (kept, _) = form.pruned(answers)
            let missing = form.validate(kept, forSealing: true).filter { issue in !fieldProblems.contains { $0.fieldID == issue.fieldID } }
            let issues = (fieldProblems + missing).sorted { $0.fieldID < $1.fieldID }
            if issues.isEmpty { result.append(answers) } else { problems += issues.map { label + CLIText.issue($0) } }
        }
        guard problems.isEmpty else { throw VaultError.invalidAnswers(problems) }
        return result
    }
}
