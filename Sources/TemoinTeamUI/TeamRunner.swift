import Foundation
import TemoinTerminal

/// Runs the analysis UI: reads terminal events, updates the model, carries out effects, draws frames;
/// while the bundles load in the background it wakes up often to move the progress bar.
public final class TeamRunner {
    private static let loadingPoll = 0.05
    private let terminal: Terminal
    private let services: TeamServices
    private let clock: () -> Date
    /// The state (internal for tests).
    private(set) var model: TeamModel

    /// Prepares a session on `terminal`; `clock` gives the time (tests pass their own).
    public init(terminal: Terminal, services: TeamServices, configuration: TeamConfiguration, clock: @escaping () -> Date = Date.init) {
        self.terminal = terminal
        self.services = services
        self.clock = clock
        model = TeamModel(configuration: configuration, lockedKeys: services.lockedKeys, size: terminal.size)
    }

    /// Whether the session has ended.
    public var isFinished: Bool { model.isFinished }

    /// Runs the start-up effects (loading at once when no passphrase is needed) and draws the first frame.
    public func start() {
        run(model.start())
    }

    /// Waits for one event (or for news of the loading) and handles it; returns false once the session has ended.
    @discardableResult
    public func step() -> Bool {
        guard !model.isFinished else { return false }
        var wait = model.timeout(now: clock())
        if services.isLoading { wait = min(wait, Self.loadingPoll) }
        let event = terminal.nextEvent(timeout: .milliseconds(Int(wait * 1000)))
        run(model.update(event, now: clock()))
        for outcome in services.poll() {
            run(model.receive(outcome))
        }
        return !model.isFinished
    }

    /// Runs the whole session, then restores the terminal.
    public func run() {
        start()
        while step() {}
        terminal.close()
    }

    /// Draws, then carries out `effects` in order, feeding each outcome back and drawing again.
    private func run(_ effects: [TeamEffect]) {
        var queue = effects
        terminal.draw(model.view())
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            services.perform(effect) { outcome in
                queue += model.receive(outcome)
                terminal.draw(model.view())
            }
        }
    }
}
