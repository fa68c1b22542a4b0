import Foundation
import XCTest

/// Driving the desk UI of a vault made by `setUpTeamAndDesk()`, shared by the tmux tests.
extension CommandRunner {
    /// Starts `temoin` on `vault/` in tmux, in French, with `arguments` added, and unlocks it unless `unlock` is false.
    func startDesk(_ arguments: [String] = [], unlock: Bool = true) throws -> TmuxSession {
        var environment = self.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let session = try TmuxSession([Self.binary, "--vault", folder + "/vault"] + arguments, environment: environment)
        try session.waitFor("Phrase de passe du poste")
        if unlock {
            try session.answer(Self.deskPassphrase, thenWaitFor: "Nouveau témoignage")
        }
        return session
    }

    /// A new team and desk (`setUpTeamAndDesk()`), the desk UI unlocked and a testimony begun in `city`
    /// (`startTestimony`): where the tests of one testimony on screen start.
    static func deskWithTestimony(_ test: XCTestCase, city: String, date: String? = nil) throws -> (CommandRunner, TmuxSession) {
        let cli = try withTeamAndDesk(test)
        let session = try cli.startDesk()
        try session.startTestimony(city: city, date: date)
        return (cli, session)
    }

    /// `temoin status --json` of `vault/`, polled until the desk has let go of the vault.
    func deskStatus(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let deadline = Date() + 15
        var last = ""
        while Date() < deadline {
            let result = try run(["status", "--json", "--vault", folder + "/vault"])
            if result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] {
                return object
            }
            last = result.stderr
            usleep(100_000)
        }
        XCTFail("the vault stayed locked or does not open: \(last)", file: file, line: line)
        return [:]
    }
}

extension TmuxSession {
    /// From the desk's home: starts a testimony, gives consent, answers the role with `role` if given, types `date`
    /// if given, and types the city.
    func startTestimony(city: String, date: String? = nil, role: String? = nil) throws {
        try press("F2")
        try waitFor("Accord et personne")
        try type("o")
        try waitFor("section 1 sur 8")
        if let role {
            try press("Tab")
            try type(role)
        }
        try press("F4")
        try waitFor("▶ Quel jour a eu lieu le contrôle")
        if let date { try type(date) }
        try press("Tab", "Tab")
        try waitFor("▶ Dans quelle ville")
        try type(city)
        try waitFor(city)
    }

    /// From the first section of a testimony: goes to the files question, opens the picker and chooses the
    /// first file of the folder `Appareil/`, up to its type shown (Enter then adds it).
    func chooseFileInAppareil() throws {
        try press("F4", "F4", "F4", "F4", "F4")
        try waitFor("▶ Quelqu'un a-t-il filmé")
        try press("Tab")
        try waitFor("+ Ajouter un fichier")
        try press("Enter")
        try waitFor("Choisir un fichier")
        try press("End", "Enter")
        try waitFor("▸ Appareil/")
        try press("Enter")
        try waitFor("image/png")
    }

    /// From a complete testimony: F5 to review it, F5 to seal it, up to the question that confirms.
    func askToSeal() throws {
        try press("F5")
        try waitFor("Tout est prêt")
        try press("F5")
        try waitFor("Sceller ce témoignage ?")
    }

    /// Answers yes ("o") to the question under the cursor, checking the skip logic: `question`, which only a yes
    /// asks, is not on screen before and shows after.
    func answerYesRevealing(_ question: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(try screen().contains(question), "\(question) is asked before the yes", file: file, line: line)
        try type("o")
        try waitFor(question, file: file, line: line)
    }

    /// On the account question (the testimony's last): types `account`, then seals the testimony with Enter.
    func sealWithAccount(_ account: String) throws {
        try waitFor("▶ Racontez-nous le contrôle")
        try type(account)
        try askToSeal()
        try press("Enter")
    }
}
