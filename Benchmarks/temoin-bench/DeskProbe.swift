import Foundation
import TemoinDeskUI
import TemoinTerminal
import TemoinUIKit

/// Drives the real desk UI (`DeskApp` with `DeskServices` on the vault) on an in-memory terminal
/// of 100×30 and times it: start to the first complete home screen after unlock (Argon2id excluded),
/// each key on the questionnaire to its new frame, a 10 KB paste into the account to its frame, and
/// resident memory after unlock.
struct DeskProbe {
    /// What one desk session measured.
    struct Result {
        /// Start-up to the unlock screen, plus unlock to the complete home screen, Argon2id left out.
        var startSeconds: Double
        /// The passphrase stretching left out of `startSeconds`.
        var argon2Seconds: Double
        /// Median time from a key on the questionnaire to its frame.
        var keystrokeSeconds: Double
        /// Time from a 10 KB paste into the account (a volunteer pasting notes) to its frame.
        var pasteSeconds: Double
        /// Largest resident size seen after unlock.
        var residentBytes: Int
    }

    /// The vault folder (its records are counted on the home screen).
    var vault: String
    /// Scratch folder for the desk's home and export folder.
    var home: String

    /// Runs one session.
    func run() throws -> Result {
        let terminal = TimedTerminal(size: Size(width: 100, height: 30))
        let start = ContinuousClock.now
        let services = try DeskServices(directory: vault, homeDirectory: home, exportFolder: home + "/Temoin-exports", mediaRoots: [])
        let configuration = DeskConfiguration(language: .fr, idleLock: nil, exportFolder: home + "/Temoin-exports")
        let runner = try DeskApp.session(terminal: terminal, services: services, configuration: configuration)
        runner.start()
        let toUnlockScreen = (terminal.draws.last! - start).seconds
        try terminal.expect("Témoin")

        terminal.type(DataSet.deskPassphrase)
        while !terminal.pendingEvents.isEmpty { runner.step() }
        terminal.draws.removeAll()
        terminal.press(.enter)
        runner.step()
        // Draws of the Enter key: "checking…", home after Argon2id, home with the vault's counts.
        guard terminal.draws.count >= 3 else { throw BenchError.failed("unlock drew \(terminal.draws.count) frame(s), expected 3") }
        try terminal.expect("exporté(s)")
        let argon2 = (terminal.draws[1] - terminal.draws[0]).seconds
        let toHome = (terminal.draws.last! - terminal.draws[1]).seconds
        var resident = ProcessMemory.resident

        terminal.press(.function(2))
        terminal.type("o")
        terminal.press(.function(4), .tab, .tab)  // "When and where": check_time, city
        while !terminal.pendingEvents.isEmpty { runner.step() }
        try terminal.expect("Quand et où")
        let typed = "Saint-Denis, devant la gare RER D, sortie rue Jean Jaurès, près de l'arrêt de bus 153"
        var latencies: [Double] = []
        /// Handles the one queued key; returns the time from taking it to its frame.
        func key() throws -> Double {
            terminal.draws.removeAll()
            let before = ContinuousClock.now
            runner.step()
            guard let drawn = terminal.draws.last else { throw BenchError.failed("a key drew no frame") }
            return (drawn - before).seconds
        }
        for round in 0..<3 {
            for character in typed {
                terminal.type(String(character))
                latencies.append(try key())
            }
            if round == 0 { try terminal.expect("la gare RER D") }
            for _ in typed {
                terminal.press(.backspace)
                latencies.append(try key())
            }
            resident = max(resident, ProcessMemory.resident)
        }
        terminal.press(.function(4), .function(4), .function(4), .function(4), .function(4), .function(4))
        while !terminal.pendingEvents.isEmpty { runner.step() }
        try terminal.expect("Racontez-nous le contrôle")
        let paste = Self.pastedText(bytes: 10_000)
        terminal.press(.paste(paste))
        let pasteSeconds = try key()
        try terminal.expect("« regardez l'écran »")
        resident = max(resident, ProcessMemory.resident)
        terminal.enqueue(.hangup)
        while runner.step() {}
        return Result(startSeconds: toUnlockScreen + toHome, argon2Seconds: argon2,
                      keystrokeSeconds: Stats.median(latencies), pasteSeconds: pasteSeconds, residentBytes: resident)
    }

    /// French text of `bytes` UTF-8 bytes (whole characters), in paragraphs, as notes pasted from a phone.
    static func pastedText(bytes: Int) -> String {
        let sentence = "Il m'a dit : « regardez l'écran », puis il a attendu la réponse — trois minutes, peut-être quatre. "
        var text = ""
        var count = 0
        while true {
            let next = count % 4 == 3 ? sentence + "\n" : sentence
            guard text.utf8.count + next.utf8.count <= bytes else { break }
            text += next
            count += 1
        }
        while text.utf8.count < bytes { text += "." }
        return text
    }
}

/// A `MemoryTerminal` that notes when each frame is drawn and keeps only the last one.
final class TimedTerminal: Terminal, ShowsFrames {
    private let memory: MemoryTerminal
    /// When each frame was drawn since the last `removeAll`.
    var draws: [ContinuousClock.Instant] = []

    init(size: Size) {
        memory = MemoryTerminal(size: size)
        memory.frameHistoryLimit = 1
    }

    var size: Size { memory.size }
    var lastFrame: Frame? { memory.lastFrame }
    var pendingEvents: [TerminalEvent] { memory.pendingEvents }

    func draw(_ frame: Frame) {
        memory.draw(frame)
        draws.append(.now)
    }

    /// Whether an event asked for with none queued waits its timeout, as a real terminal waits for a key:
    /// returned at once, the team browser's loop redrew its loading screen without pause, taking a core
    /// from the decryption it times.
    var waitsWhenIdle = false

    func nextEvent(timeout: Duration?) -> TerminalEvent {
        if waitsWhenIdle, memory.pendingEvents.isEmpty, let timeout { Thread.sleep(forTimeInterval: timeout.seconds) }
        return memory.nextEvent(timeout: timeout)
    }
    func close() { memory.close() }
    func type(_ text: String) { memory.type(text) }
    func press(_ keys: Key...) { for key in keys { memory.press(key) } }
    func enqueue(_ event: TerminalEvent) { memory.enqueue(event) }
}

/// A terminal whose last frame a probe checks before it times anything (a wrong screen would time nothing).
protocol ShowsFrames {
    var lastFrame: Frame? { get }
}

extension ShowsFrames {
    /// Throws unless the last frame shows `text`, with the frame in the message.
    func expect(_ text: String) throws {
        guard let screen = lastFrame?.text, screen.contains(text) else {
            throw BenchError.failed("the screen lacks “\(text)”:\n\(lastFrame?.text ?? "(no frame)")")
        }
    }
}
