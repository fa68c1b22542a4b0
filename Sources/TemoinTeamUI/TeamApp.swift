import Foundation
import TemoinTerminal
import TemoinUIKit

/// The analysis UI on a terminal: `TeamModel` run by the shared `Runner`, its effects carried out by `TeamServices`;
/// while the bundles load or a file is extracted in the background the runner wakes up often to move the progress bar.
public enum TeamApp {
    /// How often, in seconds, the runner looks for the progress of background work.
    private static let loadingPoll = 0.05

    /// An analysis session on `terminal`; `clock` gives the time (tests pass their own).
    public static func session(terminal: Terminal, services: TeamServices, configuration: TeamConfiguration,
                               clock: @escaping () -> Date = Date.init) -> any Session {
        runner(terminal: terminal, services: services, configuration: configuration, clock: clock)
    }

    /// The same session with its state in view, for tests.
    static func runner(terminal: Terminal, services: TeamServices, configuration: TeamConfiguration,
                       clock: @escaping () -> Date = Date.init) -> Runner<TeamModel> {
        let model = TeamModel(configuration: configuration, lockedKeys: services.lockedKeys, size: terminal.size)
        return Runner(program: model, terminal: terminal, clock: clock, perform: services.perform, poll: services.poll,
                      pollInterval: { services.isWorking ? loadingPoll : nil })
    }
}

extension TeamModel: Program {
    /// Handles what an effect did (the analysis UI does not need the time for it).
    mutating func receive(_ outcome: TeamOutcome, now: Date) -> [TeamEffect] {
        receive(outcome)
    }
}
