import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
import TemoinForms
import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// A test case whose tests share one `TeamFixture`, made once per class: sealing its bundles takes seconds.
class TeamFixtureTestCase: XCTestCase {
    nonisolated(unsafe) private static var shared: TeamFixture?

    override class func setUp() {
        super.setUp()
        shared = try? TeamFixture()
    }

    override class func tearDown() {
        shared?.remove()
        shared = nil
        super.tearDown()
    }

    /// The class's fixture; fails the test when its bundles could not be made.
    func fixture() throws -> TeamFixture {
        try XCTUnwrap(TeamFixtureTestCase.shared, "the fixture bundles could not be made")
    }
}

/// Real bundles for the analysis UI tests: five testimonies sealed by a desk to the team key, a bundle
/// sealed to another team, a damaged file; and the team key file, protected by a cheap passphrase.
final class TeamFixture: Sendable {
    static let passphrase = "phrase de l'équipe"
    /// Argon2id as cheap as libsodium allows: the tests open the key file many times.
    private static let cheap = PassphraseCost(opsLimit: 1, memLimit: 8192)

    let root: String
    let form: Questionnaire
    let team: TeamKeyPair
    let keyFile: SecretKeyFile
    /// The desk's bundle of the five testimonies.
    let bundle: String
    /// A bundle of two testimonies sealed to another team's key.
    let foreignBundle: String
    /// A file that is not a bundle.
    let damagedBundle: String
    /// The record ids of the five testimonies, in the order sealed (Paris, Lyon, Marseille, Paris, Lille).
    let recordIDs: [[UInt8]]
    /// The desk's Ed25519 public key.
    let deskKey: [UInt8]

    init() throws {
        root = SnapshotPaths.root("temoin-team-ui-")
        let random = DeterministicRandom(seed: [UInt8](repeating: 0x7E, count: 32))
        let sealedAt = Date(timeIntervalSince1970: 1_773_500_000)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        form = try Questionnaire.builtIn()
        team = TeamKeyPair(name: "Équipe", random: random)
        keyFile = try SecretKeyFile.seal(kind: .team, publicKey: team.publicKey.bytes, name: "Équipe", secret: team.secretKey,
                                         passphrase: SecretBytes(utf8: Self.passphrase), cost: Self.cheap, random: random)
        let deskPassphrase = SecretBytes(utf8: "desk passphrase 1")
        let (desk, secrets) = try DeskVault.create(at: root + "/vault", deskName: "Permanence Belleville", teamKeys: [team.publicKey],
                                                   passphrase: deskPassphrase, cost: Self.cheap, random: random)
        var ids: [[UInt8]] = []
        for answers in Self.testimonies {
            let sealed = try desk.seal(answers, form: form, sealedAt: sealedAt, random: random)
            ids.append(Hex.decode(sealed.recordID) ?? [])
        }
        recordIDs = ids
        deskKey = secrets.publicKey
        bundle = root + "/belleville.tmn"
        _ = try desk.export(to: bundle, secrets: secrets, now: sealedAt, random: random)
        let other = TeamKeyPair(name: "Autre équipe", random: random)
        let (foreign, foreignSecrets) = try DeskVault.create(at: root + "/foreign", deskName: "Ailleurs", teamKeys: [other.publicKey],
                                                             passphrase: deskPassphrase, cost: Self.cheap, random: random)
        for answers in Self.testimonies.prefix(2) { _ = try foreign.seal(answers, form: form, sealedAt: sealedAt, random: random) }
        foreignBundle = root + "/ailleurs.tmn"
        _ = try foreign.export(to: foreignBundle, secrets: foreignSecrets, now: sealedAt, random: random)
        damagedBundle = root + "/abime.tmn"
        try Data("TMNB not really a bundle".utf8).write(to: URL(fileURLWithPath: damagedBundle))
    }

    /// Removes the files.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The account of the first testimony: long enough to wrap and scroll.
    static let longAccount = (1...12).map { "Phrase \($0) du récit : ils étaient trois, l'un tenait une tablette noire et m'a photographié." }
        .joined(separator: " ") + " FIN DU RÉCIT."

    private static func answers(_ city: String, _ date: String, _ forces: [String], _ extra: Answers) -> Answers {
        var answers: Answers = [
            "consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(iso: date)!),
            "city": .text(city), "forces": .choices(forces), "account": .text("Récit à \(city)."),
        ]
        for (id, value) in extra.values { answers[id] = value }
        return answers
    }

    private static let testimonies: [Answers] = [
        answers("Paris", "2026-01-12", ["police_nationale", "bac"], [
            "device_kind": .choice("smartphone"), "face_photo": .yesno(.yes), "photo_consent": .choice("not_asked"),
            "result_shown": .yesno(.yes), "result_delay": .number(4), "outcome": .choice("released"), "account": .text(longAccount),
        ]),
        answers("Lyon", "2026-03-02", ["gendarmerie"], ["face_photo": .yesno(.no), "outcome": .choice("fined")]),
        answers("Marseille", "2026-02-20", ["crs"], [
            "face_photo": .yesno(.yes), "photo_consent": .choice("asked_refused"), "outcome": .choice("police_station"),
        ]),
        answers("Paris", "2026-03-28", ["bac"], ["face_photo": .yesno(.yes), "outcome": .choice("custody")]),
        answers("Lille", "2026-01-30", ["police_municipale"], ["face_photo": .yesno(.unknown), "outcome": .choice("released")]),
    ]
}

/// An analysis session on a `MemoryTerminal`, over bundles of a `TeamFixture`.
final class TeamHarness: TerminalHarness {
    let fixture: TeamFixture
    let terminal: MemoryTerminal
    let clock = ManualClock()
    let runner: Runner<TeamModel>

    /// Starts a session; with `locked` the key's passphrase is asked, else the key is already open and loading starts.
    init(_ fixture: TeamFixture, size: Size = Size(width: 80, height: 24), language: Language = .fr, locked: Bool = true,
         bundles: [String]? = nil, withdrawn: Set<[UInt8]> = [], skipped: [String] = [], expectedRecords: Int? = nil,
         deskTrust: DeskTrust? = .approved, caseInbox: String? = nil, colleagues: [TeamPublicKey] = []) {
        self.fixture = fixture
        terminal = MemoryTerminal(size: size)
        let services = TeamServices(keyFiles: locked ? [fixture.keyFile] : [], openKeys: locked ? [] : [fixture.team],
                                    bundles: .files(bundles ?? [fixture.bundle]), withdrawn: withdrawn, settings: Self.settings(fixture, deskTrust),
                                    caseInbox: caseInbox, colleagues: colleagues, now: { Self.caseTime })
        let configuration = TeamConfiguration(language: language, form: fixture.form, expectedRecords: expectedRecords,
                                              skippedBundles: skipped)
        let clock = clock
        runner = TeamApp.runner(terminal: terminal, services: services, configuration: configuration, clock: { clock.now })
        runner.start()
    }

    /// When every case change of a test is made: a fixed time, for whole-frame snapshots.
    static let caseTime = Date(timeIntervalSince1970: 1_773_600_000)

    /// The model's state.
    var model: TeamModel { runner.program }

    /// A decryption that knows the fixture's desk as `trust` (unknown when nil).
    private static func settings(_ fixture: TeamFixture, _ trust: DeskTrust?) -> TeamDecryptor {
        var settings = TeamDecryptor(keys: [])
        if let trust { settings.deskTrust = [fixture.deskKey: trust] }
        return settings
    }

    /// The rows of the list (under the headings, above the status line), trimmed.
    var listRows: [String] {
        let rows = lines
        guard rows.count > 5 else { return [] }
        return rows[TeamListScreen.firstRow..<(rows.count - 2)].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Handles every queued event.
    func drain() {
        while !terminal.pendingEvents.isEmpty {
            runner.step()
        }
    }

    /// Steps until the background loading has ended (at most 20 seconds).
    func waitUntilLoaded(file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date() + 20
        while Date() < deadline {
            runner.step()
            if model.collection != nil { return }
            if case let .loading(loading) = model.screen, loading.failure != nil { break }
            usleep(2000)
        }
        XCTFail("the testimonies did not load:\n\(screen)", file: file, line: line)
    }

    /// Steps until `condition` holds of the model (background work reporting), at most 20 seconds.
    func waitUntil(file: StaticString = #filePath, line: UInt = #line, _ condition: (TeamModel) -> Bool) {
        let deadline = Date() + 20
        while Date() < deadline {
            runner.step()
            if condition(model) { return }
            usleep(2000)
        }
        XCTFail("the condition did not hold:\n\(screen)", file: file, line: line)
    }

    /// Types the team passphrase, then waits for the list.
    func unlock() {
        type(TeamFixture.passphrase)
        press(.enter)
        waitUntilLoaded()
    }
}
