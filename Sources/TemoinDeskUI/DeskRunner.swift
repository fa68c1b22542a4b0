import Foundation
import TemoinTerminal

/// Runs the desk: reads terminal events, updates the model, carries out effects, draws frames.
public final class DeskRunner {
    private let terminal: Terminal
    private let services: DeskServices
    private let clock: () -> Date
    /// The state (internal for tests).
    private(set) var model: DeskModel

    /// Prepares a desk session on `terminal`; `clock` gives the time (tests pass their own).
    public init(terminal: Terminal, services: DeskServices, configuration: DeskConfiguration,
                clock: @escaping () -> Date = Date.init) throws {
        self.terminal = terminal
        self.services = services
        self.clock = clock
        model = DeskModel(configuration: configuration, desk: try services.deskIdentity(), size: terminal.size, now: clock())
    }

    /// Whether the session has ended.
    public var isFinished: Bool { model.isFinished }

    /// Runs the start-up effects and draws the first frame.
    public func start() {
        run(model.start())
    }

    /// Waits for one event and handles it; returns false once the session has ended.
    @discardableResult
    public func step() -> Bool {
        guard !model.isFinished else { return false }
        let wait = model.timeout(now: clock())
        let event = terminal.nextEvent(timeout: .milliseconds(Int(wait * 1000)))
        run(model.update(event, now: clock()))
        return !model.isFinished
    }

    /// Runs the whole session, then restores the terminal.
    public func run() {
        start()
        while step() {}
        terminal.close()
    }

    /// Draws, then carries out `effects` in order, feeding each outcome back and drawing again.
    private func run(_ effects: [DeskEffect]) {
        var queue = effects
        terminal.draw(model.view())
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            services.perform(effect) { outcome in
                queue += model.receive(outcome, now: clock())
                terminal.draw(model.view())
            }
        }
    }
}
