import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// A clock the tests move by hand.
final class ManualClock: @unchecked Sendable {
    var now = Date(timeIntervalSince1970: 1_773_500_000)  // 2026-03-14

    func advance(_ seconds: TimeInterval) { now += seconds }
}

/// A session of a program on a `MemoryTerminal` that a test drives key by key, with a clock it moves by hand.
protocol TerminalHarness: AnyObject {
    var terminal: MemoryTerminal { get }
    var clock: ManualClock { get }
    /// Handles every queued event.
    func drain()
}

extension TerminalHarness {
    /// The last frame, as text.
    var screen: String { terminal.lastFrame?.text ?? "" }

    /// The last frame's rows.
    var lines: [String] { terminal.lastFrame?.lines ?? [] }

    /// The last frame as one line, runs of spaces and line breaks made one space (for wrapped sentences).
    var flatScreen: String {
        screen.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// Queues keys and handles them.
    func press(_ keys: Key...) {
        for key in keys { terminal.press(key) }
        drain()
    }

    /// Types text (one key per character) and handles it.
    func type(_ text: String) {
        terminal.type(text)
        drain()
    }

    /// Lets `seconds` pass without a key (autosave, idle lock, Esc alone).
    func wait(_ seconds: TimeInterval) {
        clock.advance(seconds)
        terminal.enqueue(.idle)
        drain()
    }

    /// Esc on its own (then the pause that tells it from ESC + digit).
    func escape() {
        press(.escape)
        wait(1)
    }

    /// Resizes and handles it.
    func resize(_ size: Size) {
        terminal.resize(to: size)
        drain()
    }
}

/// A desk session on a `MemoryTerminal`, with a real vault in a temporary folder.
final class DeskHarness: TerminalHarness {
    static let passphrase = "desk passphrase 1"
    /// Argon2id as cheap as libsodium allows for the desk keys made here: these tests are about the
    /// screens (the real cost is `.desk`, which the end-to-end tests use).
    static let cheap = PassphraseCost(opsLimit: 1, memLimit: 8192)
    /// The seed of every random byte the harness draws (keys, record ids, receipts), so that frames are reproducible.
    static let seed = [UInt8](repeating: 0x5E, count: 32)

    let root: String
    let vaultDirectory: String
    let home: String
    let team: TeamKeyPair
    let terminal: MemoryTerminal
    let clock = ManualClock()
    private(set) var runner: Runner<DeskModel>?
    private var services: DeskServices?
    private let random = DeterministicRandom(seed: DeskHarness.seed)

    private let ownsRoot: Bool

    /// Creates a harness; with `createVault` the vault exists (desk "Permanence Test"), else the first run shows.
    init(size: Size = Size(width: 80, height: 24), language: Language = .fr, createVault: Bool = true,
         form: Questionnaire? = nil, idleLock: TimeInterval? = 300, asksLanguage: Bool = false) throws {
        root = SnapshotPaths.root("temoin-tui-")
        vaultDirectory = root + "/vault"
        home = root + "/home"
        ownsRoot = true
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        team = TeamKeyPair(name: "Équipe", random: random)
        if createVault {
            _ = try DeskVault.create(at: vaultDirectory, deskName: "Permanence Test", teamKeys: [team.publicKey],
                                     passphrase: SecretBytes(utf8: Self.passphrase), cost: Self.cheap, random: random)
        }
        terminal = MemoryTerminal(size: size)
        try startSession(language: language, form: form, idleLock: idleLock, asksLanguage: asksLanguage)
    }

    /// A harness unlocked, on a new testimony (F2): where the questionnaire tests start.
    static func onNewTestimony(size: Size = Size(width: 80, height: 24), language: Language = .fr) throws -> DeskHarness {
        let desk = try DeskHarness(size: size, language: language)
        desk.unlock()
        desk.press(.function(2))
        return desk
    }

    /// On a new testimony: consents with `yes` (the key for yes in the UI's language) and answers the other
    /// required questions: date, city (Lyon) and account.
    func answerTheRequiredQuestions(yes: String = "o") {
        type(yes)
        press(.function(4))
        type("14/03/2026")
        press(.tab, .tab)
        type("Lyon")
        for _ in 0..<6 { press(.function(4)) }
        type("On m'a pris en photo avec une tablette.")
    }

    /// A new session on the vault of `other` (whose session must have ended), as after a restart; exports are
    /// split into volumes of at most `maximumVolumeBytes` (`temoin ui --max-size`).
    init(reopening other: DeskHarness, size: Size = Size(width: 80, height: 24), language: Language = .fr,
         maximumVolumeBytes: Int? = nil) throws {
        root = other.root
        vaultDirectory = other.vaultDirectory
        home = other.home
        team = other.team
        ownsRoot = false
        clock.now = other.clock.now
        terminal = MemoryTerminal(size: size)
        try startSession(language: language, form: nil, idleLock: 300, maximumVolumeBytes: maximumVolumeBytes)
    }

    private func startSession(language: Language, form: Questionnaire?, idleLock: TimeInterval?, asksLanguage: Bool = false,
                              maximumVolumeBytes: Int? = nil) throws {
        terminal.frameHistoryLimit = 4
        let services = try DeskServices(directory: vaultDirectory, form: form, homeDirectory: home,
                                        exportFolder: home + "/Temoin-exports", mediaRoots: [root + "/media"], gvfsFolder: root + "/gvfs",
                                        deskKeyCost: Self.cheap, maximumVolumeBytes: maximumVolumeBytes,
                                        random: random)
        var configuration = DeskConfiguration(language: language, idleLock: idleLock, exportFolder: home + "/Temoin-exports")
        configuration.asksLanguage = asksLanguage
        self.services = services
        let clock = clock
        runner = try DeskApp.runner(terminal: terminal, services: services, configuration: configuration, clock: { clock.now })
        runner?.start()
    }

    deinit {
        if ownsRoot { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The model's state.
    var model: DeskModel { runner!.program }

    /// The testimony open on screen.
    var testimony: Testimony { model.screen.testimony! }

    /// Handles every queued event, then the outcome of any autosave they started (as the runner would a
    /// few milliseconds later).
    func drain() {
        while !terminal.pendingEvents.isEmpty {
            runner?.step()
        }
        while services?.isSaving == true {
            services?.waitForAutosaves()
            runner?.step()
        }
    }

    /// Pastes text and handles it.
    func paste(_ text: String) {
        terminal.press(.paste(text))
        drain()
    }

    /// Unlocks with the right passphrase (the vault must exist).
    func unlock() {
        type(Self.passphrase)
        press(.enter)
    }

    /// At the first run's desk step: types the desk's `name`, then `passphrase` twice, each followed by Enter.
    func nameDesk(_ name: String, passphrase: String) {
        for text in [name, passphrase, passphrase] {
            type(text)
            press(.enter)
        }
    }

    /// Ends the session (releasing the vault) and opens the vault again, as a fresh process would.
    func reopenVault() throws -> (DeskVault, DeskSecrets) {
        runner = nil
        services = nil
        let vault = try DeskVault.open(at: vaultDirectory)
        return (vault, try vault.unlock(passphrase: SecretBytes(utf8: Self.passphrase)))
    }

    /// Ends the session, as closing the window does.
    func hangUp() {
        terminal.enqueue(.hangup)
        drain()
    }
}

extension XCTestCase {
    /// Asserts that `text` contains every one of `parts`.
    func assertShows(_ text: String, _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        for part in parts where !text.contains(part) {
            XCTFail("screen lacks “\(part)”:\n\(text)", file: file, line: line)
        }
    }

    /// Asserts that `text` contains none of `parts`.
    func assertHides(_ text: String, _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        for part in parts where text.contains(part) {
            XCTFail("screen shows “\(part)”:\n\(text)", file: file, line: line)
        }
    }
}
