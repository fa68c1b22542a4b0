import Foundation
import TemoinCrypto
import TemoinForms
import TemoinStorage

/// Errors of every layer, said in the volunteer's language.
///
/// Each layer owns its errors' texts (`TemoinError.message(in:)`: `VaultError` in TemoinStorage, `CryptoError`
/// in TemoinCrypto, `InboxError` in TemoinTeam); this only gathers them for the screens, so the UIs and the
/// command line say the same words.
public enum ErrorText {
    /// What to tell the volunteer about `error`.
    public static func message(for error: Error) -> Localized {
        switch error {
        case let error as TemoinError: Localized(fr: error.message(in: .fr), en: error.message(in: .en))
        case let error as QuestionnaireError: error.message
        default:
            if let named = VaultError.fromFoundation(error) {
                Localized(fr: named.message(in: .fr), en: named.message(in: .en))
            } else {
                Localized(fr: "Erreur inattendue : \(error)", en: "Unexpected error: \(error)")
            }
        }
    }

    /// What to tell the volunteer about `error` in `language`, for messages printed before the UI starts.
    public static func text(for error: Error, in language: Language) -> String {
        message(for: error)(language)
    }

    /// The same, about the file at `path` (a key file).
    public static func message(for error: Error, file path: String) -> Localized {
        let inner = message(for: error)
        return Localized(fr: "\(path) : \(inner.fr)", en: "\(path): \(inner.en)")
    }

    /// What is wrong with a bundle, without the advice (the details in parentheses stay in English: they name bytes and fields).
    public static func bundle(_ problem: BundleProblem) -> Localized {
        Localized(fr: problem.finding(in: .fr), en: problem.finding(in: .en))
    }
}
