import TemoinCrypto
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The desk passphrase, masked: at start, and after an idle lock.
struct UnlockScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable {
        case effect(DeskEffect)
        case quit
    }

    /// Why the passphrase is asked.
    enum Reason: Sendable {
        /// At start.
        case start
        /// The desk locked itself after inactivity.
        case idle
        /// The volunteer locked it (F7).
        case locked
    }

    /// Why the passphrase is asked.
    let reason: Reason
    /// The desk's name and fingerprint, readable without the passphrase.
    let desk: (name: String, fingerprint: String)?
    private(set) var passphrase = PassphraseEditor()
    /// Whether the passphrase is being checked (Argon2id takes a moment).
    private(set) var isWorking = false
    /// The last error.
    private(set) var message: Localized?

    /// Creates the screen.
    init(reason: Reason, desk: (name: String, fingerprint: String)?) {
        self.reason = reason
        self.desk = desk
    }

    /// Reacts to a key.
    mutating func handle(_ input: Input) -> Action? {
        guard !isWorking else { return nil }
        switch input {
        case .command(.quit): return .quit
        case .key(.enter):
            guard !passphrase.isEmpty else { return nil }
            let secret = passphrase.take()
            isWorking = true
            message = nil
            return .effect(.unlock(secret))
        case let .key(key):
            _ = passphrase.handle(key)
        default: break
        }
        return nil
    }

    /// Shows `text` where errors show.
    mutating func show(_ text: Localized) {
        message = text
    }

    /// Reacts to the result of the unlock.
    mutating func receive(_ outcome: DeskOutcome) {
        switch outcome {
        case .wrongPassphrase:
            isWorking = false
            message = UIText.wrongPassphrase
        case let .failed(failure):
            isWorking = false
            message = failure.message
        default: break
        }
    }

    /// Draws the screen: nothing of any testimony, only the desk and the passphrase field.
    func view(size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.appName(language), detail: reason == .start ? "" : UIText.lockedTitle(language))
        let width = min(size.width - 4, 70)
        let left = max(2, (size.width - width) / 2)
        var row = max(2, size.height / 2 - 5)
        if reason != .start {
            let text = reason == .idle ? UIText.lockedExplanation : UIText.lockedByHand
            row += frame.paragraph(text(language), at: Position(column: left, row: row), width: width, style: .bold)
            row += 1
        }
        if let desk {
            frame.put(UIText.deskLine(desk.name)(language), at: Position(column: left, row: row), style: .bold, maxWidth: width)
            row += 1
            frame.put(UIText.deskFingerprintLine(desk.fingerprint)(language), at: Position(column: left, row: row), style: .dim, maxWidth: width)
            row += 2
        }
        frame.put(UIText.unlockPrompt(language), at: Position(column: left, row: row), maxWidth: width)
        row += 1
        frame.passphraseField(passphrase, at: Position(column: left, row: row), width: width, isWorking: isWorking,
                              message: message.map { $0(language) }, language: language)
        frame.keyBar([(.help, UIText.keyHelp(language)), (.quit, UIText.keyQuit(language))])
        return frame
    }
}
