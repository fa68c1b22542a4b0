import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms
import TemoinStorage
@testable import TemoinTeamUI
import TemoinTerminal
import XCTest

/// A desk name as long as a bundle allows, chosen by whoever made the desk key.
final class TeamHostileDeskNameUITests: TeamFixtureTestCase {
    /// A desk named "Permanence approuvée" three hundred times: the testimony still shows, on its first screen, the
    /// desk's fingerprint and its standing. Before, the name filled the screen and pushed both out of sight.
    func testALongDeskNameLeavesTheFingerprintAndStandingOnTheFirstScreen() throws {
        let f = try fixture()
        let root = NSTemporaryDirectory() + "temoin-team-long-name-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let name = String(repeating: "Permanence approuvée ", count: 300)
        let (desk, secrets) = try DeskVault.create(at: root + "/vault", deskName: name, teamKeys: [f.team.publicKey],
                                                   passphrase: SecretBytes(utf8: "desk passphrase 1"), cost: PassphraseCost(opsLimit: 1, memLimit: 8192))
        let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(iso: "2026-03-14")!),
                                "city": .text("Lyon"), "account": .text("Récit.")]
        _ = try desk.seal(answers, form: f.form, attachments: [])
        let fingerprint = try desk.deskFingerprint()
        let bundle = root + "/long.tmn"
        _ = try desk.export(to: bundle, secrets: secrets)
        let harness = TeamHarness(f, size: Size(width: 100, height: 30), locked: false, bundles: [bundle], deskTrust: nil)
        harness.waitUntilLoaded()
        harness.press(.enter)
        assertShows(harness.flatScreen, "Poste INCONNU de la boîte d'équipe")
        assertShows(harness.flatScreen, "Poste « Permanence approuvée Permanence approuv… » (\(fingerprint))")
    }
}
