import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeam
import TemoinTeamUI
import TemoinTerminal
import TemoinUIKit

/// Drives the real team browser (`TeamApp` with `TeamServices` on the inbox, as `temoin team browse` sets
/// them up) on an in-memory terminal of 100×30 and times it: from the Enter of the passphrase to the list of
/// every testimony on screen (opening the key, decrypting the inbox, building the list), then each key of a
/// session of work — moving and sorting in the list, the first search of the session and its next keys,
/// a filter chosen with F3, a crosstab with F6, the charts — from taking the key to its frame.
struct TeamProbe {
    /// What one session measured.
    struct Result {
        /// From the Enter of the passphrase to the list's first frame.
        var openSeconds: Double
        /// Each key of the session: what it was, seconds from taking it to its frame, and the processor time
        /// the process spent meanwhile (every core; what a loaded machine disturbs less than the wall time).
        var keys: [(name: String, seconds: Double, cpu: Double)]
        /// Processor time from the Enter of the passphrase to the list's first frame.
        var openCPU: Double
        /// Largest resident size seen after the list showed.
        var residentBytes: Int
    }

    /// The team inbox folder.
    var inbox: String
    /// The team secret key file.
    var key: String
    /// The file whose first line is its passphrase.
    var passphraseFile: String

    /// Runs one session.
    func run() throws -> Result {
        let terminal = TimedTerminal(size: Size(width: 100, height: 30))
        let opened = try TeamInbox(directory: inbox, readOnly: true)
        let (accepted, _) = try opened.bundlesToRead()
        var settings = TeamDecryptor(keys: [])
        settings.deskTrust = try opened.trustByDesk()
        let services = TeamServices(keyFiles: [try SecretKeyFile(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: key))))],
                                    bundles: .inbox(accepted), withdrawn: try opened.withdrawnRecordIDs(), settings: settings)
        let configuration = TeamConfiguration(language: .fr, form: try Questionnaire.builtIn(),
                                              expectedRecords: accepted.bundles.reduce(0) { $0 + $1.recordCount })
        let runner = TeamApp.session(terminal: terminal, services: services, configuration: configuration)
        runner.start()
        terminal.type(try passphrase(inFile: passphraseFile))
        while !terminal.pendingEvents.isEmpty { runner.step() }

        terminal.press(.enter)
        terminal.waitsWhenIdle = true
        let start = ContinuousClock.now, startCPU = Self.processorSeconds()
        let deadline = start + .seconds(600)
        // The title bar counts the testimonies once the list shows (only that row is read: reading the whole
        // frame at every step of the loading took a noticeable share of the processor from the decryption).
        while terminal.lastFrame.map({ String($0.row(0).compactMap(\.grapheme)).contains("témoignage(s) sur") }) != true {
            guard ContinuousClock.now < deadline, !runner.isFinished else {
                throw BenchError.failed("the team browser never showed its list:\n\(terminal.lastFrame?.text ?? "(no frame)")")
            }
            runner.step()
        }
        let openSeconds = (terminal.draws.last! - start).seconds, openCPU = Self.processorSeconds() - startCPU
        var resident = ProcessMemory.resident

        var keys: [(name: String, seconds: Double, cpu: Double)] = []
        /// Queues `key`, handles it, and notes the time from taking it to its (last) frame.
        func time(_ name: String, _ key: Key) {
            terminal.draws.removeAll()
            terminal.press(key)
            let before = ContinuousClock.now, beforeCPU = Self.processorSeconds()
            runner.step()
            keys.append((name, ((terminal.draws.last ?? before) - before).seconds, Self.processorSeconds() - beforeCPU))
        }
        for _ in 0..<10 { time("list ↓", .down) }
        for _ in 0..<3 { time("list page ↓", .pageDown) }
        time("list end", .end)
        time("list home", .home)
        for _ in 0..<5 { time("sort F7", .function(7)) }
        time("open a testimony", .enter)
        time("back to the list", .function(10))
        time("search F2", .function(2))
        // "l" keeps nearly every testimony, "ly" and on only those of Lyon: counts and rows change.
        for (index, character) in "lyon".enumerated() { time(index == 0 ? "first search key" : "search '\(character)'", .character(character)) }
        try terminal.expect("lyon")
        for _ in 0..<4 { time("search ⌫", .backspace) }
        for character in "gare" { time("search '\(character)'", .character(character)) }
        time("search Enter", .enter)
        time("clear F4", .function(4))
        time("filter F3", .function(3))
        time("filter question ↓", .down)
        time("filter count Enter", .enter)
        time("filter ↓", .down)
        time("filter add Enter", .enter)
        time("charts F5", .function(5))
        time("charts ↓", .down)
        time("crosstab F6", .function(6))
        time("crosstab rows Enter", .enter)
        time("crosstab ↓", .down)
        time("crosstab columns Enter", .enter)
        time("crosstab Tab", .tab)
        time("crosstab close F6", .function(6))
        time("clear F4", .function(4))
        resident = max(resident, ProcessMemory.resident)
        terminal.enqueue(.hangup)
        while runner.step() {}
        return Result(openSeconds: openSeconds, keys: keys, openCPU: openCPU, residentBytes: resident)
    }

    /// The processor time of this process so far, every thread.
    private static func processorSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
