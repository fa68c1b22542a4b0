internal import CNcursesw

/// Keys ncurses decodes itself (`wget_wch` returning `KEY_CODE_YES`).
enum KeyCodes {
    /// The key for an ncurses key code; `nil` for keys Témoin ignores (and KEY_RESIZE).
    static func key(for code: Int32) -> Key? {
        let functionKeys = temoin_key_f(1)...temoin_key_f(63)
        if functionKeys.contains(code) { return .function(Int(code - temoin_key_f(0))) }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        default: return nil
        }
    }
}
