import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// Whole frames of the main desk and team screens at 80×24, in French and English, compared with the
/// reviewed text files in `Snapshots/` (see `Snapshot` for how to record and review them).
final class SnapshotTests: TeamFixtureTestCase {
    /// A passphrase long enough for every minimum the desk has had.
    private static let newDeskPassphrase = "phrase du poste 1"

    // MARK: Desk

    func testDeskFirstRun() throws {
        for language in Language.allCases {
            let desk = try DeskHarness(language: language, createVault: false)
            let keyPath = desk.home + "/cles/team.pub"
            try FileManager.default.createDirectory(atPath: desk.home + "/cles", withIntermediateDirectories: true)
            try Data(PublicKeyFile.encode(desk.team.publicKey)).write(to: URL(fileURLWithPath: keyPath))
            desk.wait(0)
            assertSnapshot(desk.lines, named: "desk-first-run-1-key.\(language)")
            desk.type(keyPath)
            desk.press(.enter)
            assertSnapshot(desk.lines, named: "desk-first-run-1-key-read.\(language)")
            desk.press(.down, .down, .enter)
            assertSnapshot(desk.lines, named: "desk-first-run-2-desk.\(language)")
            desk.nameDesk("Permanence Belleville", passphrase: Self.newDeskPassphrase)
            assertSnapshot(desk.lines, named: "desk-first-run-3-ready.\(language)")
        }
    }

    func testDeskUnlock() throws {
        for language in Language.allCases {
            let desk = try DeskHarness(language: language)
            assertSnapshot(desk.lines, named: "desk-unlock.\(language)")
        }
    }

    func testDeskHomeWithDrafts() throws {
        for language in Language.allCases {
            let desk = try DeskHarness(language: language)
            desk.unlock()
            for city in ["Lyon", "Grenoble"] {
                desk.press(.function(2))
                desk.type(language == .fr ? "o" : "y")
                desk.press(.function(4))
                desk.type("14/03/2026")
                desk.press(.tab, .tab)
                desk.type(city)
                desk.escape()
                desk.wait(60)  // two drafts saved a minute apart (the idle lock is at 5 minutes)
            }
            assertSnapshot(desk.lines, named: "desk-home.\(language)")
        }
    }

    func testDeskFormSectionAndHideAnswersConfirmation() throws {
        for language in Language.allCases {
            let desk = try DeskHarness(language: language)
            desk.unlock()
            desk.press(.function(2))
            desk.type(language == .fr ? "o" : "y")
            desk.press(.tab, .tab, .tab)  // role, anonymous, recontact
            desk.type(language == .fr ? "o" : "y")
            desk.press(.tab)
            desk.type("Signal : 06 12 34 56 78")
            assertSnapshot(desk.lines, named: "desk-form.\(language)")
            desk.press(.backTab)
            desk.type("n")
            assertSnapshot(desk.lines, named: "desk-hide-answers.\(language)")
        }
    }

    func testDeskReviewReceiptAndExport() throws {
        for language in Language.allCases {
            let desk = try DeskHarness.onNewTestimony(language: language)
            desk.answerTheRequiredQuestions(yes: language == .fr ? "o" : "y")
            desk.press(.function(5))
            assertSnapshot(desk.lines, named: "desk-review.\(language)")
            desk.press(.function(5), .enter)
            assertSnapshot(desk.lines, named: "desk-receipt.\(language)")
            desk.press(.enter, .function(6), .enter)
            assertSnapshot(desk.lines, named: "desk-export-done.\(language)")
        }
    }

    func testDeskFilePicker() throws {
        for language in Language.allCases {
            let desk = try DeskHarness(language: language)
            let camera = try FilePickerTests.plugPhone(desk) + "/DCIM/Camera"
            try FilePickerTests.png(camera + "/VID_20260314_170501.mp4", extra: 2_400_000)
            try FilePickerTests.png(camera + "/Capture d'écran du contrôle, place de l'Hôtel-de-Ville, 14 mars 2026.png", extra: 81_000)
            desk.unlock()
            desk.press(.function(2))
            desk.type(language == .fr ? "o" : "y")
            for _ in 0..<6 { desk.press(.function(4)) }
            desk.press(.tab, .enter)
            assertSnapshot(desk.lines, named: "desk-file-picker-places.\(language)")
            desk.press(.enter, .enter, .enter, .down)
            assertSnapshot(desk.lines, named: "desk-file-picker.\(language)")
            desk.press(.enter)
            assertSnapshot(desk.lines, named: "desk-file-picked.\(language)")
        }
    }

    // MARK: Team

    func testTeamUnlock() throws {
        for language in Language.allCases {
            let harness = TeamHarness(try fixture(), language: language)
            assertSnapshot(harness.lines, named: "team-unlock.\(language)")
        }
    }

    func testTeamListWithTrustMarksAndDetail() throws {
        for language in Language.allCases {
            let harness = TeamHarness(try fixture(), language: language, deskTrust: .new)
            harness.unlock()
            assertSnapshot(harness.lines, named: "team-list-not-approved.\(language)")
            harness.press(.enter)
            assertSnapshot(harness.lines, named: "team-detail-not-approved.\(language)")
        }
    }

    func testTeamListDetailChartsAndFilter() throws {
        for language in Language.allCases {
            let harness = TeamHarness(try fixture(), language: language)
            harness.unlock()
            assertSnapshot(harness.lines, named: "team-list.\(language)")
            harness.press(.end, .enter)
            assertSnapshot(harness.lines, named: "team-detail.\(language)")
            harness.type("c")
            assertSnapshot(harness.lines, named: "team-corroboration.\(language)")
            harness.press(.character("x"))
            harness.escape()
            harness.press(.function(5))
            assertSnapshot(harness.lines, named: "team-charts.\(language)")
            harness.press(.function(10), .function(3))
            assertSnapshot(harness.lines, named: "team-filter-questions.\(language)")
            harness.press(.down, .down, .enter)
            assertSnapshot(harness.lines, named: "team-filter-values.\(language)")
        }
    }

    func testTeamWindowTooSmall() throws {
        for language in Language.allCases {
            let harness = TeamHarness(try fixture(), language: language)
            harness.unlock()
            harness.resize(Size(width: 50, height: 14))
            assertSnapshot(harness.lines, named: "team-too-small-50x14.\(language)")
        }
    }
}
