import Foundation
import TemoinTerminal
import TemoinUIKit

/// The desk on a terminal: `DeskModel` run by the shared `Runner`, its effects carried out by `DeskServices`.
public enum DeskApp {
    /// How often, in seconds, the runner looks for the outcome of an autosave running in the background.
    private static let autosavePoll = 0.005

    /// A desk session on `terminal`; `clock` gives the time (tests pass their own).
    public static func session(terminal: Terminal, services: DeskServices, configuration: DeskConfiguration,
                               clock: @escaping () -> Date = Date.init) throws -> any Session {
        try runner(terminal: terminal, services: services, configuration: configuration, clock: clock)
    }

    /// The same session with its state in view, for tests.
    static func runner(terminal: Terminal, services: DeskServices, configuration: DeskConfiguration,
                       clock: @escaping () -> Date = Date.init) throws -> Runner<DeskModel> {
        let model = DeskModel(configuration: configuration, desk: try services.deskIdentity(), size: terminal.size, now: clock())
        return Runner(program: model, terminal: terminal, clock: clock, perform: services.perform, poll: services.poll,
                      pollInterval: { services.isSaving ? autosavePoll : nil })
    }
}

extension DeskModel: Program {}
