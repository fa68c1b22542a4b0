import TemoinLanguage

/// Why the full-screen terminal cannot start.
public enum TerminalError: TemoinError, Hashable, Sendable {
    /// Standard input or output is not a terminal (redirected or piped).
    case notATerminal
    /// `TERM` is not set.
    case terminalTypeNotSet
    /// `TERM` names a terminal type with no terminfo entry.
    case unknownTerminalType(String)
    /// The locale could not be made UTF-8; `codeset` is what is in effect.
    case noUTF8Locale(codeset: String)
    /// ncurses refused to start for another reason.
    case initializationFailed(String)

    /// What is wrong and what to do, with the desk's way out (`--plain`).
    public func message(in language: Language) -> String {
        let l = language
        switch self {
        case .notATerminal:
            return cause(in: l) + l.pick(fr: " Lancez sans redirection, ou utilisez --plain pour le mode ligne par ligne.",
                                         en: " Run without redirection, or use --plain for line-by-line mode.")
        case .unknownTerminalType: return cause(in: l)
        default: return cause(in: l) + l.pick(fr: " Ou utilisez --plain.", en: " Or use --plain.")
        }
    }

    /// What is wrong and how to fix the terminal, without naming a command's other mode (the team browser has no `--plain`).
    public func cause(in language: Language) -> String {
        let l = language
        switch self {
        case .notATerminal:
            return l.pick(fr: "L'entrée et la sortie standard doivent être un terminal : elles sont redirigées.",
                          en: "Standard input and output must be a terminal: they are redirected.")
        case .terminalTypeNotSet:
            return l.pick(fr: "TERM n'est pas défini : donnez-lui le type de votre terminal, par exemple TERM=xterm-256color.",
                          en: "TERM is not set: set it to your terminal type, e.g. TERM=xterm-256color.")
        case .unknownTerminalType(let name):
            return l.pick(fr: "Type de terminal inconnu TERM=\(name). Essayez TERM=xterm-256color (ou screen, linux, vt100), ou installez sa description terminfo (ncurses-term).",
                          en: "Unknown terminal type TERM=\(name). Try TERM=xterm-256color (or screen, linux, vt100), or install its terminfo entry (ncurses-term).")
        case .noUTF8Locale(let codeset):
            return l.pick(fr: "Aucune locale UTF-8 n'est disponible (jeu de caractères \(codeset)) : installez la locale C.UTF-8 ou fr_FR.UTF-8.",
                          en: "No UTF-8 locale is available (codeset \(codeset)): install the C.UTF-8 or en_US.UTF-8 locale.")
        case .initializationFailed(let reason):
            return l.pick(fr: "Le terminal n'a pas pu être initialisé : \(reason). Essayez un autre terminal.",
                          en: "The terminal could not be initialised: \(reason). Try another terminal.")
        }
    }
}
