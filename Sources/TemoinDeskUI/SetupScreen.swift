import Foundation
import TemoinCrypto
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// First run, in three steps: the team key file(s) and their fingerprints; the desk name and
/// passphrase; the result. When the environment names no language the desk knows (`LANG=C.UTF-8`),
/// a first step asks for it; it is kept in the vault.
struct SetupScreen: Sendable {
    /// The step shown.
    enum Step: Sendable, Equatable {
        case language
        case keys
        case identity
        case done(deskFingerprint: String)
    }

    /// What the model must do after a key.
    enum Action: Sendable {
        case effect(DeskEffect)
        /// The desk's language was chosen.
        case language(Language)
        case finish
        case quit
    }

    /// The minimum passphrase length, as for `temoin desk init`.
    static let minimumPassphrase = PassphraseRules.deskMinimum

    private(set) var step: Step
    /// The desk's language, kept in the vault when it is created.
    private(set) var language: Language
    /// Whether the first step asks for the language.
    let asksLanguage: Bool
    /// The key file path being typed.
    private(set) var path = LineEditor()
    /// Key files found on the disk.
    private(set) var found: [String] = []
    /// Completion candidates for the typed path, when several remain.
    private(set) var candidates: [String] = []
    /// The team keys chosen so far, with the file each came from.
    private(set) var keys: [(path: String, key: TeamPublicKey)] = []
    /// On the keys step: 0 the path, then the listed files, then "continue".
    private(set) var focus = 0
    private(set) var name = LineEditor()
    private(set) var passphrase = PassphraseEditor()
    private(set) var confirmation = PassphraseEditor()
    /// On the identity step: 0 name, 1 passphrase, 2 confirmation.
    private(set) var identityFocus = 0
    /// An error or a confirmation to show.
    private(set) var message: (text: Localized, isError: Bool)?
    /// Whether an effect is running (shows "…").
    private(set) var isWorking = false

    /// Starts on the language when `asksLanguage`, else on the team key; `language` is the one at start.
    init(language: Language, asksLanguage: Bool = false) {
        self.language = language
        self.asksLanguage = asksLanguage
        step = asksLanguage ? .language : .keys
    }

    private var listed: [String] { candidates.isEmpty ? found : candidates }
    private var continueIndex: Int { listed.count + 1 }

    // MARK: - Update

    /// Reacts to a key.
    mutating func handle(_ input: Input) -> Action? {
        guard !isWorking else { return nil }
        switch step {
        case .language: return handleLanguage(input)
        case .keys: return handleKeys(input)
        case .identity: return handleIdentity(input)
        case .done:
            if case .key(.enter) = input { return .finish }
            if case .command(.quit) = input { return .finish }
            return nil
        }
    }

    private mutating func handleLanguage(_ input: Input) -> Action? {
        let languages = Self.languages
        switch input {
        case .back, .command(.quit): return .quit
        case .key(.up), .key(.left), .key(.backTab), .key(.down), .key(.right), .key(.tab):
            language = language.other
            return .language(language)
        case let .key(.character(digit)) where digit.wholeNumberValue.map { (1...languages.count).contains($0) } ?? false:
            language = languages[(digit.wholeNumberValue ?? 1) - 1]
            step = .keys
            return .language(language)
        case .key(.enter):
            step = .keys
            return .language(language)
        default: return nil
        }
    }

    /// The languages offered, in the order shown (1, 2).
    static let languages: [Language] = [.fr, .en]

    private mutating func handleKeys(_ input: Input) -> Action? {
        switch input {
        case .back, .command(.quit): return .quit
        case .key(.up), .key(.backTab):
            focus = max(0, focus - 1)
        case .key(.down):
            focus = min(continueIndex, focus + 1)
        case .key(.tab) where focus == 0:
            guard !path.text.isEmpty else { focus = min(continueIndex, 1); return nil }
            return .effect(.completePath(path.text))
        case .key(.tab):
            focus = min(continueIndex, focus + 1)
        case .key(.enter):
            if focus == continueIndex || (focus == 0 && path.text.isEmpty) {
                return proceedToIdentity()
            }
            let file = focus == 0 ? path.text : listed[focus - 1]
            isWorking = true
            return .effect(.readTeamKey(path: file))
        case let .key(key):
            focus = 0
            if path.handle(key) == .changed { candidates = [] }
        default: break
        }
        return nil
    }

    private mutating func proceedToIdentity() -> Action? {
        guard !keys.isEmpty else {
            message = (UIText.setupNeedKey, true)
            return nil
        }
        message = nil
        step = .identity
        identityFocus = 0
        return nil
    }

    private mutating func handleIdentity(_ input: Input) -> Action? {
        switch input {
        case .back:
            step = .keys
            message = nil
        case .command(.quit): return .quit
        case .key(.up), .key(.backTab): identityFocus = max(0, identityFocus - 1)
        case .key(.down), .key(.tab): identityFocus = min(2, identityFocus + 1)
        case .key(.enter):
            guard identityFocus == 2 else { identityFocus += 1; return nil }
            return submitIdentity()
        case let .key(key):
            switch identityFocus {
            case 0: _ = name.handle(key)
            case 1: _ = passphrase.handle(key)
            default: _ = confirmation.handle(key)
            }
        default: break
        }
        return nil
    }

    private mutating func submitIdentity() -> Action? {
        let deskName = name.text.trimmingCharacters(in: .whitespaces)
        if deskName.isEmpty {
            identityFocus = 0
            message = (UIText.setupNeedName, true)
            return nil
        }
        if passphrase.characterCount < Self.minimumPassphrase {
            identityFocus = 1
            message = (UIText.setupPassphraseTooShort(Self.minimumPassphrase), true)
            return nil
        }
        if !passphrase.matches(confirmation) {
            confirmation.clear()
            identityFocus = 2
            message = (UIText.setupPassphrasesDiffer, true)
            return nil
        }
        let secret = passphrase.take()
        confirmation.clear()
        isWorking = true
        message = nil
        return .effect(.createVault(keys: keys.map(\.key), deskName: deskName, passphrase: secret, language: language))
    }

    /// Reacts to the result of an effect.
    mutating func receive(_ outcome: DeskOutcome) {
        switch outcome {
        case let .keyFilesFound(files):
            found = files
        case let .completed(typed, text, list) where typed == path.text:
            path.buffer.replace(with: text)
            candidates = list
        case let .teamKeyRead(file, key):
            isWorking = false
            if !keys.contains(where: { $0.key.bytes == key.bytes }) { keys.append((file, key)) }
            path = LineEditor()
            candidates = []
            focus = 0
            message = (UIText.setupKeyAdded, false)
        case let .vaultCreated(fingerprint):
            isWorking = false
            step = .done(deskFingerprint: fingerprint)
        case let .failed(failure):
            isWorking = false
            message = (failure.message, true)
            if failure.stage == .createVault { identityFocus = 1 }
        default: break
        }
    }

    // MARK: - View

    /// Draws the screen.
    func view(size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        let stepNumber = switch step { case .language: 0; case .keys: 1; case .identity: 2; case .done: 3 }
        let offset = asksLanguage ? 1 : 0
        frame.titleBar(UIText.setupTitle(language), detail: UIText.stepOf(stepNumber + offset, 3 + offset)(language))
        let width = size.width - 4
        var row = 2
        switch step {
        case .language: drawLanguage(into: &frame, width: width, language: language)
        case .keys: row = drawKeys(into: &frame, row: row, width: width, language: language)
        case .identity: row = drawIdentity(into: &frame, row: row, width: width, language: language)
        case let .done(fingerprint): drawDone(into: &frame, fingerprint: fingerprint, width: width, language: language)
        }
        if isWorking { frame.statusLine(UIText.working(language), isError: false) }
        frame.keyBar([(.help, UIText.keyHelp(language)), (.quit, UIText.keyQuit(language))])
        return frame
    }

    private func drawLanguage(into frame: inout Frame, width: Int, language: Language) {
        frame.put(UIText.setupLanguagePrompt(language), at: Position(column: 2, row: 2), style: .bold, maxWidth: width)
        for (index, option) in Self.languages.enumerated() {
            let selected = option == self.language
            frame.put((selected ? "▶ " : "  ") + "\(index + 1) " + UIText.languageName(option), at: Position(column: 2, row: 4 + index),
                      style: selected ? [.reverse, .bold] : [], maxWidth: width)
        }
        frame.paragraph(UIText.setupLanguageHint(language), at: Position(column: 2, row: 7), width: width, style: .dim)
    }

    private func drawKeys(into frame: inout Frame, row start: Int, width: Int, language: Language) -> Int {
        var row = start
        row += frame.paragraph(UIText.sealingExplained(language), at: Position(column: 2, row: row), width: width, style: .bold)
        row += 1
        row += frame.paragraph(UIText.setupKeyPrompt(language), at: Position(column: 2, row: row), width: width)
        let cursor = path.draw(into: &frame, at: Position(column: 2, row: row), width: width, style: focus == 0 ? [.underline, .accent] : .underline)
        if focus == 0 { frame.cursor = cursor }
        row += 1
        frame.put(UIText.setupKeyHint(language), at: Position(column: 2, row: row), style: .dim, maxWidth: width)
        row += 1
        row += drawMessage(into: &frame, row: row, width: width, language: language)
        row += 1
        for (file, key) in keys {
            frame.put("✓ " + UIText.teamKeyLine(key.name, key.fingerprint)(language), at: Position(column: 2, row: row), style: .ok, maxWidth: width)
            row += 1
            frame.put("  " + file, at: Position(column: 2, row: row), style: .dim, maxWidth: width)
            row += 1
        }
        if !keys.isEmpty {
            row += frame.paragraph(UIText.compareFingerprints(keys.count)(language), at: Position(column: 2, row: row), width: width, style: .accent)
            row += 1
        }
        let bottom = frame.size.height - 4
        if !listed.isEmpty, row < bottom {
            frame.put(candidates.isEmpty ? UIText.setupFoundFiles(language) : UIText.setupCandidates(language),
                      at: Position(column: 2, row: row), maxWidth: width)
            row += 1
            let room = max(1, bottom - row)
            let first = max(0, min(focus - 1, listed.count - 1) - room + 1)
            for index in first..<min(listed.count, first + room) {
                let selected = focus == index + 1
                frame.put((selected ? "▶ " : "  ") + listed[index], at: Position(column: 2, row: row),
                          style: selected ? [.reverse] : [], maxWidth: width)
                row += 1
            }
        }
        let selected = focus == continueIndex
        frame.put((selected ? "▶ " : "  ") + UIText.setupContinue(language), at: Position(column: 2, row: min(row, bottom + 1)),
                  style: selected ? [.reverse, .bold] : .bold, maxWidth: width)
        return row
    }

    private func drawIdentity(into frame: inout Frame, row start: Int, width: Int, language: Language) -> Int {
        var row = start
        typealias Draw = (inout Frame, Position, Int, Style) -> Position
        let fields: [(Localized, Draw)] = [
            (UIText.setupNamePrompt, name.draw), (UIText.setupPassphrasePrompt(Self.minimumPassphrase), passphrase.draw),
            (UIText.setupConfirmPrompt, confirmation.draw),
        ]
        for (index, (label, draw)) in fields.enumerated() {
            row += frame.paragraph(label(language), at: Position(column: 2, row: row), width: width,
                                   style: identityFocus == index ? [.bold, .accent] : .bold)
            let cursor = draw(&frame, Position(column: 2, row: row), min(width, 50),
                              identityFocus == index ? [.underline, .accent] : .underline)
            if identityFocus == index { frame.cursor = cursor }
            row += 2
        }
        row += frame.paragraph(UIText.setupPassphraseAdvice(language), at: Position(column: 2, row: row), width: width, style: .dim)
        row += 1
        return row + drawMessage(into: &frame, row: row, width: width, language: language)
    }

    /// The last error or confirmation, wrapped; returns the rows used.
    private func drawMessage(into frame: inout Frame, row: Int, width: Int, language: Language) -> Int {
        guard let message, !isWorking else { return 0 }
        return frame.paragraph(message.text(language), at: Position(column: 2, row: row), width: width,
                               style: message.isError ? [.error, .bold] : .ok, maxRows: 4)
    }

    private func drawDone(into frame: inout Frame, fingerprint: String, width: Int, language: Language) {
        var row = 2
        frame.put(UIText.setupDone(language), at: Position(column: 2, row: row), style: [.bold, .ok], maxWidth: width)
        row += 2
        frame.put(UIText.deskFingerprintLine(fingerprint)(language), at: Position(column: 2, row: row), maxWidth: width)
        row += 1
        for (_, key) in keys {
            frame.put(UIText.teamKeyLine(key.name, key.fingerprint)(language), at: Position(column: 2, row: row), maxWidth: width)
            row += 1
        }
        row += 1
        row += frame.paragraph(UIText.compareFingerprints(keys.count)(language), at: Position(column: 2, row: row), width: width, style: .accent)
        row += 1
        frame.paragraph(UIText.setupStart(language), at: Position(column: 2, row: row), width: width, style: .bold)
    }
}
