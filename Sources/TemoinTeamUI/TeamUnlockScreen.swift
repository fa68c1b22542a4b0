import TemoinCrypto
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The passphrase of each team key file, masked, one key after the other.
struct TeamUnlockScreen: Sendable {
    /// The keys to open: name and fingerprint.
    let keys: [(name: String, fingerprint: String)]
    /// The key asked for now.
    private(set) var index = 0
    private(set) var passphrase = PassphraseEditor()
    /// Whether the passphrase is being checked (Argon2id takes a moment).
    private(set) var isWorking = false
    /// The last error.
    private(set) var message: Localized?

    /// Asks for the passphrases of `keys`.
    init(keys: [(name: String, fingerprint: String)]) {
        self.keys = keys
    }

    /// Reacts to a key: Enter hands the passphrase over (and wipes the field).
    mutating func handle(_ input: TeamInput) -> TeamEffect? {
        guard !isWorking, case let .key(key) = input else { return nil }
        guard key == .enter else {
            _ = passphrase.handle(key)
            return nil
        }
        guard !passphrase.isEmpty else { return nil }
        let secret = passphrase.take()
        isWorking = true
        message = nil
        return .openKey(index: index, passphrase: secret)
    }

    /// Reacts to the result of opening the key; returns whether every key is now open.
    mutating func receive(_ outcome: TeamOutcome) -> Bool {
        isWorking = false
        switch outcome {
        case .keyOpened:
            index += 1
            return index >= keys.count
        case .wrongPassphrase:
            message = UIText.wrongPassphrase
        case let .keyFailed(text):
            message = text
        default:
            break
        }
        return false
    }

    /// Draws the screen: the key's name and fingerprint, the field, the last error.
    func view(size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(TeamText.appName(language), detail: keys.count > 1 ? TeamText.keyOf(index + 1, keys.count)(language) : "")
        let width = min(size.width - 4, 70)
        let left = max(2, (size.width - width) / 2)
        var row = max(2, size.height / 2 - 5)
        row += frame.paragraph(TeamText.unlockExplained(language), at: Position(column: left, row: row), width: width, style: .dim) + 1
        guard keys.indices.contains(index) else { return frame }
        let key = keys[index]
        frame.put(TeamText.keyFingerprint(key.fingerprint)(language), at: Position(column: left, row: row), style: .dim, maxWidth: width)
        row += 1 + frame.paragraph(TeamText.unlockPrompt(key.name)(language), at: Position(column: left, row: row + 1), width: width)
        frame.passphraseField(passphrase, at: Position(column: left, row: row), width: width, isWorking: isWorking,
                              message: message.map { $0(language) }, language: language)
        frame.keyBar(functionKeys: [(TeamAction.help.functionKey, UIText.keyHelp(language)),
                                    (TeamAction.language.functionKey, UIText.keyLanguage(language)),
                                    (TeamAction.quit.functionKey, UIText.keyQuit(language))])
        return frame
    }
}
