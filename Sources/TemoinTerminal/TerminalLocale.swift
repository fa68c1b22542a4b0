#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
internal import CNcursesw

/// The process locale as ncursesw needs it: a UTF-8 character type.
public enum TerminalLocale {
    /// Applies the user's locale and makes sure `LC_CTYPE` is UTF-8; returns whether it is.
    ///
    /// Calls `setlocale(LC_ALL, "")`; if that fails (e.g. `LANG=fr_FR.UTF-8` is
    /// not installed) or yields a non-UTF-8 codeset, sets `LC_CTYPE` to `C.UTF-8`,
    /// then `en_US.UTF-8`. Call it before creating an `NcursesTerminal`.
    @discardableResult
    public static func ensureUTF8() -> Bool {
        _ = setlocale(LC_ALL, "")
        if isUTF8 { return true }
        for candidate in ["C.UTF-8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            if isUTF8 { return true }
        }
        return false
    }

    /// The codeset of the current `LC_CTYPE`, e.g. "UTF-8" or "ANSI_X3.4-1968".
    public static var codeset: String {
        guard let name = temoin_codeset() else { return "" }
        return String(cString: name)
    }

    /// Whether the current `LC_CTYPE` is UTF-8.
    public static var isUTF8: Bool {
        let name = codeset.uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
