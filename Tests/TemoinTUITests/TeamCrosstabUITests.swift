import Foundation
import TemoinForms
@testable import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
import XCTest

/// F6: one question by another, as whole frames.
final class TeamCrosstabUITests: TeamFixtureTestCase {
    private func browsing() throws -> TeamHarness {
        let harness = TeamHarness(try fixture(), size: Size(width: 100, height: 30))
        harness.unlock()
        return harness
    }

    /// Picks the question at `index` of the list F3 and F6 offer (every field but long texts, then the desk).
    private func pick(_ harness: TeamHarness, _ fieldID: String) throws {
        let index = try XCTUnwrap(TeamFilterPicker.breakdowns(harness.fixture.form).firstIndex { $0.fieldID == fieldID })
        harness.press(.home)
        for _ in 0..<index { harness.press(.down) }
        harness.press(.enter)
    }

    /// Trims the spaces that end each line of the last frame.
    private func frame(_ harness: TeamHarness) -> String {
        harness.lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// The numbers on the table row labelled `label`.
    private func figures(_ harness: TeamHarness, _ label: String) -> [String] {
        let line = harness.lines.first { $0.hasPrefix(" " + label + " ") } ?? ""
        return line.dropFirst(label.count + 1).split(separator: " ").map(String.init)
    }

    /// The whole frame of F6 crossing the face photo question by the city over the five testimonies, as `heading`
    /// and the three answer `rows` show it: the title, the column labels, the totals, the notes and the keys are those
    /// of every view.
    private func faceByCity(_ heading: String, _ rows: String) -> String {
        """
         Témoin — équipe juridique                                                    5 témoignage(s) sur 5
         Tous les témoignages · F2 : chercher · F3 : filtrer par réponse
         Les agents ont-ils pris votre visage en photo ? × Dans quelle ville ?
         \(heading)
                            Paris     Lille      Lyon Marseille     Total
        \(rows)
         Total                  2         1         1         1         5
















         Sur 5 témoignages où les deux questions étaient posées.
         Attention : moins de 30 réponses (5) ; un pourcentage peut beaucoup changer avec un témoignage de
         plus.
         Tab : nombres / % ligne / % colonne · ←→↑↓ : défiler · Entrée : autres questions · Échap : liste
        F1 Aide  F2 Chercher  F3 Filtrer  F4 Tout voir  F5 Graphiques  F6 Croiser  F9 English  F10 Retour
        """
    }

    func testACrosstabOfTwoQuestionsAsWholeFrames() throws {
        let harness = try browsing()
        harness.press(.function(6))
        assertShows(harness.screen, "Croiser : la question en lignes", "▶ Êtes-vous d'accord", "F6 Croiser")
        try pick(harness, "face_photo")
        assertShows(harness.screen, "Croiser : la question en colonnes", "Les agents ont-ils pris votre visage en photo ? ×")
        try pick(harness, "city")
        XCTAssertEqual(frame(harness), faceByCity("Nombres de témoignages", """
         oui                    2         0         0         1         3
         non                    0         0         1         0         1
         je ne sais pas         0         1         0         0         1
        """))
        harness.press(.tab)
        XCTAssertEqual(frame(harness), faceByCity("% de la ligne (chaque ligne fait son total)", """
         oui                 67 %       0 %       0 %      33 %         3
         non                  0 %       0 %     100 %       0 %         1
         je ne sais pas       0 %     100 %       0 %       0 %         1
        """))
        harness.press(.tab)
        assertShows(harness.screen, "% de la colonne (chaque colonne fait son total)", " oui                100 %       0 %       0 %     100 %         3")
        harness.press(.tab)
        assertShows(harness.screen, "Nombres de témoignages")
    }

    func testTheCrosstabFollowsTheFilterAndEscGoesBack() throws {
        let harness = try browsing()
        harness.press(.function(6))
        try pick(harness, "face_photo")
        try pick(harness, Breakdown.deskID)
        XCTAssertEqual(figures(harness, "oui"), ["3", "3"], "one desk: its column and the total")
        harness.press(.function(3))
        try pick(harness, "city")
        harness.press(.enter)
        assertShows(harness.screen, "Filtre : Dans quelle ville ? = Paris", "Les agents ont-ils pris votre visage en photo ? × Poste d'accueil",
                    "Sur 2 témoignages où les deux questions étaient posées.")
        XCTAssertEqual(figures(harness, "oui"), ["2", "2"], "recounted over the testimonies the filter keeps")
        XCTAssertEqual(figures(harness, "non"), ["0", "0"])
        harness.press(.enter)
        assertShows(harness.screen, "Croiser : la question en lignes")
        harness.escape()
        assertShows(harness.screen, "1 Date ▼")
    }
}
