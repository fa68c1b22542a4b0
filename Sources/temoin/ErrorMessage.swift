import Foundation
import TemoinStorage

/// The text of an error for standard error: its own description, or, for a Foundation error, the
/// `VaultError` of the errno it carries (never the raw `Error Domain=… UserInfo=…` text).
enum ErrorMessage {
    static func text(for error: Error) -> String {
        if let named = VaultError.fromFoundation(error) { return named.description }
        if type(of: error) is NSError.Type { return "The system refused an operation (\((error as NSError).domain) \((error as NSError).code))." }
        return "\(error)"
    }
}
