import Foundation
import TemoinTerminal

/// Runs any `Program` on a terminal: reads events, updates the state, has the effects carried out, draws frames.
///
/// The one loop of both applications: the desk and the team differ only in their program and in the closures
/// that carry out its effects.
public final class Runner<P: Program>: Session {
    private let terminal: Terminal
    private let clock: () -> Date
    private let perform: (P.Effect, (P.Outcome) -> Void) -> Void
    private let poll: () -> [P.Outcome]
    private let pollInterval: () -> TimeInterval?
    /// The state (read by tests).
    public private(set) var program: P

    /// Runs `program` on `terminal`; `clock` gives the time (tests pass their own).
    ///
    /// `perform` carries out an effect and reports its outcomes before it returns. While background work runs,
    /// `pollInterval` says how often to look for its results, and `poll` collects those that arrived.
    public init(program: P, terminal: Terminal, clock: @escaping () -> Date = Date.init,
                perform: @escaping (P.Effect, (P.Outcome) -> Void) -> Void,
                poll: @escaping () -> [P.Outcome] = { [] }, pollInterval: @escaping () -> TimeInterval? = { nil }) {
        self.program = program
        self.terminal = terminal
        self.clock = clock
        self.perform = perform
        self.poll = poll
        self.pollInterval = pollInterval
    }

    /// Whether the session has ended.
    public var isFinished: Bool { program.isFinished }

    /// Carries out the start-up effects and draws the first frame.
    public func start() {
        run(program.start())
    }

    /// Waits for one event (or for news of background work) and handles it; returns false once the session has ended.
    @discardableResult
    public func step() -> Bool {
        guard !program.isFinished else { return false }
        var wait = program.timeout(now: clock())
        if let interval = pollInterval() { wait = min(wait, interval) }
        let event = terminal.nextEvent(timeout: .milliseconds(Int(wait * 1000)))
        run(program.update(event, now: clock()))
        for outcome in poll() {
            run(program.receive(outcome, now: clock()))
        }
        return !program.isFinished
    }

    /// Runs the whole session, then restores the terminal.
    public func run() {
        start()
        while step() {}
        terminal.close()
    }

    /// Draws, then carries out `effects` in order, feeding each outcome back and drawing again.
    private func run(_ effects: [P.Effect]) {
        var queue = effects
        terminal.draw(program.view())
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            perform(effect) { outcome in
                queue += program.receive(outcome, now: clock())
                terminal.draw(program.view())
            }
        }
    }
}
