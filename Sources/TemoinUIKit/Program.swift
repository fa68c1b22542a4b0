import Foundation
import TemoinTerminal

/// An application as a value: its state, `update` from an event to effects, `view` to a whole frame.
///
/// A program does no I/O: its effects are data that the code running it carries out, reporting outcomes back
/// through `receive`. So a screen can be built in a test, fed keys and read back as text without a terminal,
/// and the desk and the team share one `Runner`.
public protocol Program {
    /// What the program asks to be done (read a file, seal, decrypt…).
    associatedtype Effect
    /// What an effect did, fed back to the program.
    associatedtype Outcome

    /// Whether the session has ended.
    var isFinished: Bool { get }
    /// The effects to carry out once, before the first event.
    func start() -> [Effect]
    /// Handles a terminal event (a key, a resize, a time-out) that arrived at `now`.
    mutating func update(_ event: TerminalEvent, now: Date) -> [Effect]
    /// Handles what an effect did.
    mutating func receive(_ outcome: Outcome, now: Date) -> [Effect]
    /// Seconds until the program must wake up without an event (idle lock, autosave).
    func timeout(now: Date) -> TimeInterval
    /// The whole screen: a pure function of the state.
    func view() -> Frame
}

/// A program running on a terminal, as a command or a benchmark drives it.
public protocol Session: AnyObject {
    /// Whether the session has ended.
    var isFinished: Bool { get }
    /// Carries out the start-up effects and draws the first frame.
    func start()
    /// Waits for one event and handles it; returns false once the session has ended.
    @discardableResult
    func step() -> Bool
    /// Runs the whole session, then restores the terminal.
    func run()
}
