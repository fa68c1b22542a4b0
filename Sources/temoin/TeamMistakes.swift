import ArgumentParser
import Foundation
import TemoinStorage
import TemoinTeam

extension InboxOptions {
    /// The inbox, opened read-only. A missing inbox is called the team's inbox here: the storage error speaks
    /// of a desk vault and `temoin desk init`, which would send a team member the wrong way.
    func openForReading() throws -> TeamInbox {
        do {
            return try TeamInbox(directory: directory, readOnly: true)
        } catch VaultError.notFound {
            throw CLIError.failed(CLIText.noTeamInbox(directory), code: 6)
        }
    }
}

/// `temoin team WORD` where WORD is neither a team command nor a file. `team` alone browses the bundles it is
/// given, so a mistyped command (`team decrpyt`) would otherwise open the browser on no testimony at all.
enum MistypedTeamCommand {
    /// The refusal for `word`, naming the nearest team command when one is close.
    static func message(for word: String) -> String {
        let names = TeamCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        let nearest = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }.min { $0.distance < $1.distance }
        return CLIText.mistypedTeamCommand(word, nearest: nearest.flatMap { $0.distance <= 2 ? $0.name : nil })
    }

    /// The number of letters to add, remove or change to turn `a` into `b` (Levenshtein).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
