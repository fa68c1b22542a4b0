import Foundation
import TemoinForms
import TemoinTerminal

/// How a desk session behaves: language, idle lock, export folder, timings.
public struct DeskConfiguration: Sendable {
    /// The UI language at start (the home screen can switch it).
    public var language: Language
    /// Whether the first run asks for the desk's language (the environment named none the desk knows).
    public var asksLanguage = false
    /// Lock the screen after this long without a key; nil never locks.
    public var idleLock: TimeInterval?
    /// The default export folder (created when used), e.g. `~/Temoin-exports`.
    public var exportFolder: String
    /// Below this size the screen asks to be enlarged.
    public var minimumSize = Size(width: 60, height: 18)
    /// How long after Esc a digit still counts as a function key (ESC 1 = F1).
    public var escapeWindow: TimeInterval = 0.8
    /// Save a draft once typing pauses this long…
    public var autosavePause: TimeInterval = 0.5
    /// …or at the latest this long after the first unsaved change, while typing goes on: a kill loses at most
    /// this much typing (and the save under way).
    public var autosaveLimit: TimeInterval = 1

    /// Creates a configuration.
    public init(language: Language, idleLock: TimeInterval? = 300, exportFolder: String) {
        self.language = language
        self.idleLock = idleLock
        self.exportFolder = exportFolder
    }
}
