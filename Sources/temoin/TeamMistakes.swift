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
            throw CLIError.failed("No team inbox at \(directory) yet: import bundles with `temoin team import BUNDLE…`, "
                                  + "or name the inbox with --inbox DIR (or TEMOIN_INBOX).", code: 6)
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
        let start = "“\(word)” is neither a team command nor a bundle file."
        if let nearest, nearest.distance <= 2 {
            return start + " Did you mean `temoin team \(nearest.name)`?"
        }
        return start + " Check the bundle's path; `temoin team --help` lists the commands."
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

/// Why `team import` refused a bundle, and what to do: import has no --salvage (the inbox keeps only whole,
/// verified bundles), so the way to the intact records is `team decrypt --salvage`.
func importRefusal(_ problem: BundleProblem, path: String) -> String {
    switch problem {
    case .notABundle, .unsupportedVersion: return problem.finding
    default:
        return problem.finding + " Nothing was imported from it: ask the desk for a new export, or recover its intact "
            + "records (marked unverified) with `temoin team decrypt --salvage \(path)`."
    }
}
