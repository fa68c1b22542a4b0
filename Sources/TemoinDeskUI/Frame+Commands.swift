import TemoinTerminal
import TemoinUIKit

extension Frame {
    /// The function-key bar of the desk's commands: `F1 Help  F10 Quit` (see `keyBar(functionKeys:)`).
    mutating func keyBar(_ items: [(Command, String)]) {
        keyBar(functionKeys: items.map { ($0.0.functionKey, $0.1) })
    }
}
