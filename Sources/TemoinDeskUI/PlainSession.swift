import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms
import TemoinUIKit

/// The desk line by line on standard input and output (`temoin --plain`): for screen readers,
/// serial consoles and scripts.
///
/// Same questionnaire, skip logic, validation, encrypted drafts (saved after every answer) and
/// sealing as the full-screen desk. An empty line keeps the current answer, `-` clears it, `:q`
/// saves the draft and stops; a long text ends with a line holding a single `.`.
public final class PlainSession {
    private let services: DeskServices
    private let language: Language
    private let readLine: () -> String?
    private let write: (String) -> Void
    private let clock: () -> Date

    /// Why the session stopped early.
    public enum Stop: Error, Equatable {
        /// The passphrase was wrong.
        case wrongPassphrase
        /// The vault could not be used: the message for the volunteer.
        case failed(String)
    }

    /// Creates a session reading lines with `readLine` (nil at end of input) and writing with `write`.
    public init(services: DeskServices, language: Language, readLine: @escaping () -> String?,
                write: @escaping (String) -> Void, clock: @escaping () -> Date = Date.init) {
        self.services = services
        self.language = language
        self.readLine = readLine
        self.write = write
        self.clock = clock
    }

    /// First run line by line, for a volunteer with a screen reader: the path of team.pub, `o` once its
    /// fingerprint was read to the team and matches, the desk name, the passphrase, the passphrase again
    /// (read with `readSecret` into guarded memory, not echoed on a terminal). The vault keeps the session's language.
    ///
    /// Returns false when the volunteer stopped (`:q` or end of input): nothing was created.
    public func setUp(readSecret: () throws -> SecretBytes?) throws -> Bool {
        say(UIText.setupTitle(language))
        say(UIText.plainSetupIntro(language))
        var key: TeamPublicKey?
        while key == nil {
            say(UIText.plainSetupKeyPath(language))
            guard let path = answer() else { return false }
            guard !path.isEmpty else { continue }
            switch perform(.readTeamKey(path: path)) {
            case let .teamKeyRead(_, found):
                say(UIText.plainSetupFingerprint(found.name, found.fingerprint)(language))
                guard let confirmation = answer() else { return false }
                if YesNoAnswer.isYes(confirmation) { key = found } else { say(UIText.plainSetupMismatch(language)) }
            case let .failed(failure): say("⚠ " + failure.message(language))
            default: return false
            }
        }
        var name = ""
        while name.isEmpty {
            say(UIText.setupNamePrompt(language))
            guard let line = answer() else { return false }
            name = line
            if name.isEmpty { say("⚠ " + UIText.setupNeedName(language)) }
        }
        var passphrase: SecretBytes?
        while passphrase == nil {
            say(UIText.setupPassphrasePrompt(SetupScreen.minimumPassphrase)(language))
            write("> ")
            guard let first = try readSecret() else { return false }
            guard PassphraseRules.length(of: first) >= SetupScreen.minimumPassphrase else {
                say("⚠ " + UIText.setupPassphraseTooShort(SetupScreen.minimumPassphrase)(language))
                continue
            }
            say(UIText.setupConfirmPrompt(language))
            write("> ")
            guard let second = try readSecret() else { return false }
            if first.isEqual(to: second) { passphrase = first } else { say("⚠ " + UIText.setupPassphrasesDiffer(language)) }
        }
        guard let key, let passphrase else { return false }
        switch perform(.createVault(keys: [key], deskName: name, passphrase: passphrase, language: language)) {
        case let .vaultCreated(fingerprint):
            say(UIText.plainSetupDone(fingerprint)(language))
            return true
        case let .failed(failure): throw Stop.failed(failure.message(language))
        default: return false
        }
    }

    /// A line typed after a prompt, trimmed; nil at `:q` or the end of input.
    private func answer() -> String? {
        write("> ")
        guard let line = readLine()?.trimmingCharacters(in: .whitespaces), line != ":q" else { return nil }
        return line
    }

    /// Unlocks (unless `passphrase` is nil: the vault was just created, its secrets are open), fills a
    /// testimony (new or resumed), and seals it when the volunteer confirms.
    ///
    /// Returns the sealed record, or nil when the volunteer stopped (the draft is saved).
    public func run(passphrase: SecretBytes?) throws -> SealedRecord? {
        switch passphrase.map({ perform(.unlock($0)) }) {
        case .unlocked?, nil: break
        case .wrongPassphrase?: throw Stop.wrongPassphrase
        case let .failed(failure)?: throw Stop.failed(failure.message(language))
        default: break
        }
        guard case let .overview(overview) = perform(.loadOverview) else { throw Stop.failed(UIText.plainNoVault(language)) }
        say(UIText.appName(language) + " — " + UIText.deskLine(overview.deskName)(language))
        say(UIText.plainRules(language))
        var draft = chooseDraft(overview)
        let form = overview.form(for: draft)
        while true {
            guard ask(form, &draft) else {
                save(&draft, form: form)
                say(UIText.plainStopped(language))
                return nil
            }
            var answers = form.pruned(draft.answers).kept
            for field in form.fields where field.kind == .files {   // a files question is answered by the files picked
                let ids = (draft.files ?? []).filter { $0.field == field.id }.map(\.id)
                if !ids.isEmpty { answers[field.id] = .choices(ids) }
            }
            let problems = form.validate(answers, forSealing: true, today: Testimony.today(clock()))
            if problems.isEmpty { break }
            say(UIText.reviewProblems(problems.count)(language))
            for problem in problems {
                say("  ✗ " + (form.field(problem.fieldID)?.label(language) ?? problem.fieldID) + " : " + problem.message(language))
            }
        }
        review(form, draft)
        say(UIText.confirmSealTitle(language) + " " + UIText.confirmSealText(language) + " " + UIText.plainYesNo(language))
        guard let answer = readLine(), YesNoAnswer.isYes(answer) else {
            save(&draft, form: form)
            say(UIText.plainStopped(language))
            return nil
        }
        switch perform(.seal(draft)) {
        case let .sealed(record):
            say(UIText.receiptSealed(language))
            say(UIText.receiptCode(language) + " " + record.receipt)
            say(UIText.receiptAdvice(language))
            return record
        case let .failed(failure):
            throw Stop.failed(failure.message(language))
        default:
            return nil
        }
    }

    // MARK: - Steps

    private func chooseDraft(_ overview: DeskOverview) -> Draft {
        let form = overview.form
        guard !overview.drafts.isEmpty else { return Testimony.new(form: form, now: clock(), language: language).draft }
        say(UIText.resumeDraftHeading(language))
        for (index, draft) in overview.drafts.enumerated() {
            let label = DraftLabel.describe(draft, form: overview.form(for: draft), language: language)
            say("  \(index + 1). \(label) — \(HomeScreen.timeFormatter.string(from: draft.updatedAt))")
        }
        say(UIText.plainChooseDraft(language))
        if let line = readLine(), let number = Int(line.trimmingCharacters(in: .whitespaces)),
           (1...overview.drafts.count).contains(number) {
            return overview.drafts[number - 1]
        }
        return Testimony.new(form: form, now: clock(), language: language).draft
    }

    /// Asks every question that applies, in order; false when the volunteer stops (`:q` or end of input).
    private func ask(_ form: Questionnaire, _ draft: inout Draft) -> Bool {
        var section: String?
        var index = 0
        let fields = form.fields
        while index < fields.count {
            let field = fields[index]
            index += 1
            guard form.visibleFieldIDs(in: draft.answers).contains(field.id) else { continue }
            // Where the volunteer is, saved with the draft: the full-screen desk reopens it there.
            draft.section = form.sections.firstIndex { $0.fields.contains { $0.id == field.id } } ?? draft.section
            draft.field = field.id
            if let owner = form.section(containing: field.id), owner.id != section {
                section = owner.id
                say("")
                say("== " + owner.title(language) + " ==")
                if let help = owner.help { say(help(language)) }
            }
            if field.kind == .files {
                guard askFiles(field, &draft, form: form) else { return false }
                continue
            }
            while true {
                prompt(field, current: draft.answers[field.id])
                guard let input = field.kind == .longtext ? readParagraphs() : readLine() else { return false }
                let trimmed = input.trimmingCharacters(in: .whitespaces)
                if trimmed == ":q" { return false }
                if trimmed.isEmpty, field.kind != .longtext || draft.answers[field.id] != nil { break }
                if trimmed == "-" {
                    draft.answers[field.id] = nil
                    draft.typed?[field.id] = nil
                    save(&draft, form: form)
                    break
                }
                switch field.kind.parse(input, field: field, today: Testimony.today(clock())) {
                case let .success(value):
                    draft.answers[field.id] = value
                    draft.pending[field.id] = nil
                    if field.kind == .date || field.kind == .time {  // shown as typed when the draft reopens
                        var typed = draft.typed ?? [:]
                        typed[field.id] = trimmed
                        draft.typed = typed
                    }
                    save(&draft, form: form)
                case let .failure(issue) where issue.reason == .missing:
                    break
                case let .failure(issue):
                    say("  ⚠ " + issue.message(language))
                    continue
                }
                break
            }
        }
        return true
    }

    /// A `files` question: a path per line, each file encrypted into the vault the moment it is typed, with
    /// the file picker's effect and refusals (`attachFile`); an empty line ends, `-` removes the question's
    /// files. False when the volunteer stops (`:q` or end of input).
    private func askFiles(_ field: Field, _ draft: inout Draft, form: Questionnaire) -> Bool {
        say("")
        say(field.label(language) + (field.required ? " *" : ""))
        if let help = field.help { say("  " + help(language)) }
        say("  " + FilePicker.limits(of: field, language: language))
        say("  " + UIText.plainFiles(language))
        while true {
            let mine = (draft.files ?? []).filter { $0.field == field.id }
            for (index, file) in mine.enumerated() {
                say("  \(index + 1). \(file.name) — \(language.bytes(file.size)) · \(file.type)")
            }
            guard let typed = answer() else { return false }
            if typed.isEmpty { return true }
            if typed == "-" {
                guard !mine.isEmpty else { continue }
                draft.files = (draft.files ?? []).filter { $0.field != field.id }
                if draft.files?.isEmpty == true { draft.files = nil }
                stamp(&draft, form: form)
                if case let .failed(failure) = perform(.removeFiles(draft, mine)) { say("⚠ " + failure.message(language)) }
                continue
            }
            let path = Array(Self.path(typed).utf8)
            switch perform(.attachFile(field: field, path: path, name: FolderListing.lastName(of: path), alreadyPicked: mine.count)) {
            case let .fileAttached(file)?:
                draft.files = (draft.files ?? []) + [file]
                save(&draft, form: form)   // at once: the draft is the only place the file's key lives
                say("  ✓ " + UIText.plainFileAdded(file.name)(language))
            case let .failed(failure)?:
                say("  ⚠ " + failure.message(language))
            default:
                break
            }
        }
    }

    /// A typed path as the shell would give it: `~/` is the home folder, and one pair of quotes around it
    /// (what a terminal pastes for a dropped file) is not part of it.
    static func path(_ typed: String) -> String {
        var path = typed
        if path.count >= 2, let first = path.first, first == path.last, first == "'" || first == "\"" { path = String(path.dropFirst().dropLast()) }
        return path.hasPrefix("~/") ? (path as NSString).expandingTildeInPath : path
    }

    private func prompt(_ field: Field, current: AnswerValue?) {
        say("")
        say(field.label(language) + (field.required ? " *" : ""))
        if let help = field.help { say("  " + help(language)) }
        let options = FieldOptions(field: field)
        if field.kind.hasChoices {
            for (index, label) in options.labels.enumerated() { say("  \(index + 1). " + label(language)) }
            if field.kind == .multichoice { say("  " + UIText.plainSeveral(language)) }
        }
        if field.kind == .yesno { say("  " + UIText.plainYesNoDontKnow(language)) }
        if field.kind == .longtext { say("  " + UIText.plainLongText(language)) }
        if let current {
            let shown = Self.spoken(current, field: field, language: language)
            say("  " + UIText.plainCurrent(shown)(language))
        }
        write("> ")
    }

    /// Lines up to one holding a single `.`; nil at end of input before any line.
    private func readParagraphs() -> String? {
        var lines: [String] = []
        while let line = readLine() {
            if line == "." { return lines.joined(separator: "\n") }
            // A first line that is empty (keep or skip) or `:q` stands alone.
            if lines.isEmpty, ["", ":q"].contains(line.trimmingCharacters(in: .whitespaces)) { return line }
            lines.append(line)
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private func review(_ form: Questionnaire, _ draft: Draft) {
        say("")
        say("== " + UIText.reviewTitle(language) + " ==")
        let visible = form.visibleFieldIDs(in: draft.answers)
        for field in form.fields where visible.contains(field.id) {
            let files = (draft.files ?? []).filter { $0.field == field.id }
            if field.kind == .files, !files.isEmpty { say(field.label(language) + " : " + files.map(\.name).joined(separator: ", ")) }
            guard let value = draft.answers[field.id] else { continue }
            say(field.label(language) + " : " + Self.spoken(value, field: field, language: language))
        }
    }

    private func save(_ draft: inout Draft, form: Questionnaire) {
        stamp(&draft, form: form)
        if case let .failed(failure) = perform(.saveDraft(draft)) {
            say("⚠ " + failure.message(language))
        }
    }

    /// Dates the draft and labels it from its answers, before it is saved.
    private func stamp(_ draft: inout Draft, form: Questionnaire) {
        draft.updatedAt = clock()
        draft.label = DraftLabel.make(form: form, answers: draft.answers)
    }

    /// How an answer reads aloud: a choice's label, yes / no, "vers 18:30", the text itself.
    private static func spoken(_ value: AnswerValue, field: Field, language: Language) -> String {
        if field.kind.hasChoices || field.kind == .yesno { return FieldOptions(field: field).describe(value, in: language) }
        if case let .approximateTime(time) = value { return time.spoken(language) }
        return value.description
    }

    // MARK: - Plumbing

    private func perform(_ effect: DeskEffect) -> DeskOutcome? {
        var last: DeskOutcome?
        services.perform(effect) { last = $0 }
        return last
    }

    private func say(_ line: String) {
        write(line + "\n")
    }
}

/// Reads a yes from what a volunteer typed: oui, o, yes, y.
enum YesNoAnswer {
    /// Whether `input` means yes.
    static func isYes(_ input: String) -> Bool {
        ["oui", "o", "yes", "y"].contains(input.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
