import Foundation
import TemoinCrypto
@testable import TemoinTeam
import XCTest

/// The team's case work: sealed event by event to every team key, folded into a status, tags and notes.
final class CaseBookTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "casebook-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func event(_ kind: CaseEvent.Kind, _ value: String, receipt: String = "K7QF-29XM", at seconds: TimeInterval,
                       by key: TeamKeyPair) throws -> CaseEvent {
        try CaseEvent(kind: kind, receipt: receipt, record: record(receipt), value: value,
                      author: key.publicKey.name, authorKey: key.publicKey.fingerprint, at: Date(timeIntervalSince1970: seconds))
    }

    /// A record id for the testimony with `receipt` in these tests: one per receipt.
    private func record(_ receipt: String) -> String {
        receipt.utf8.map { String(format: "%02x", $0) }.joined().padding(toLength: 32, withPad: "0", startingAt: 0)
    }

    func testEventsAreSealedToEveryTeamKeyAndEachKeyOpensThem() throws {
        let alice = TeamKeyPair(name: "Alice"), bob = TeamKeyPair(name: "Bob"), carol = TeamKeyPair(name: "Carol")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        let (stored, sealedTo) = try inbox.addCaseEvent(try event(.note, "Rappeler après 18 h", at: 1000, by: alice),
                                                        recipients: [alice.publicKey, bob.publicKey])
        XCTAssertEqual(sealedTo.map(\.name), ["Alice", "Bob"])
        XCTAssertEqual(stored.id.count, 32)
        let byBob = try inbox.caseEvents(openingWith: [bob])
        XCTAssertEqual(byBob.events, [stored])
        XCTAssertEqual(byBob.unreadable, 0)
        XCTAssertEqual(byBob.book[record: record("K7QF-29XM")].lastNote?.author, "Alice")
        let byCarol = try inbox.caseEvents(openingWith: [carol])
        XCTAssertEqual(byCarol.events, [])
        XCTAssertEqual(byCarol.unreadable, 1, "an event sealed to other keys is counted, not lost in silence")
        // The keys are remembered: Bob's next note is sealed to Alice too, without naming her again.
        try inbox.addCaseEvent(try event(.note, "Rappelé, pas de réponse", at: 2000, by: bob), recipients: [bob.publicKey])
        XCTAssertEqual(try inbox.caseEvents(openingWith: [alice]).book[record: record("K7QF-29XM")].notes.map(\.value),
                       ["Rappeler après 18 h", "Rappelé, pas de réponse"])
        XCTAssertEqual(try TeamInbox(directory: folder + "/inbox", readOnly: true).caseRecipients().map(\.name), ["Alice", "Bob"])
    }

    func testTheLatestStatusWinsAndTheHistoryIsKept() throws {
        let alice = TeamKeyPair(name: "Alice"), bob = TeamKeyPair(name: "Bob")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        let team = [alice.publicKey, bob.publicKey]
        try inbox.addCaseEvent(try event(.status, "to-call", at: 100, by: alice), recipients: team)
        try inbox.addCaseEvent(try event(.status, "legal", at: 300, by: bob), recipients: team)
        // Recorded last but written earlier (a colleague's copy that waited): it does not win.
        try inbox.addCaseEvent(try event(.status, "called", at: 200, by: alice), recipients: team)
        try inbox.addCaseEvent(try event(.tag, "plainte", at: 110, by: alice), recipients: team)
        try inbox.addCaseEvent(try event(.tag, "Urgent", at: 120, by: bob), recipients: team)
        try inbox.addCaseEvent(try event(.tag, "urgent", at: 130, by: alice), recipients: team)
        try inbox.addCaseEvent(try event(.untag, "PLAINTE", at: 140, by: bob), recipients: team)
        try inbox.addCaseEvent(try event(.note, "other testimony", receipt: "AAAA-BBBB", at: 150, by: bob), recipients: team)
        let book = try inbox.caseEvents(openingWith: [bob]).book
        let file = book[record: record("K7QF-29XM")]
        XCTAssertEqual(file.status, .legal)
        XCTAssertEqual(file.statusEvent?.author, "Bob")
        XCTAssertEqual(file.tags, ["Urgent"], "a tag is one tag whatever its case; removing ignores case")
        XCTAssertEqual(file.history.map(\.value), ["to-call", "plainte", "Urgent", "urgent", "PLAINTE", "called", "legal"])
        XCTAssertEqual(book[record: record("AAAA-BBBB")].notes.map(\.value), ["other testimony"])
        XCTAssertEqual(book[record: record("AAAA-BBBB")].status, .new)
        XCTAssertTrue(book[record: record("ZZZZ-ZZZZ")].isEmpty)

        // A forged testimony that copies the receipt has a case of its own: the record id tells them apart, and
        // the status set on the copy does not show on the genuine one.
        var forged = try event(.status, "dismissed", at: 400, by: bob)
        forged.record = "ff" + String(repeating: "0", count: 30)
        try inbox.addCaseEvent(forged, recipients: team)
        let after = try inbox.caseEvents(openingWith: [bob]).book
        XCTAssertEqual(after[record: record("K7QF-29XM")].status, .legal)
        XCTAssertEqual(after[record: forged.record].status, .dismissed)
        XCTAssertEqual(after[record: forged.record].history.count, 1)
    }

    func testAnEventBroughtTwiceCountsOnce() throws {
        let alice = TeamKeyPair(name: "Alice")
        var note = try event(.note, "une fois", at: 10, by: alice)
        note.id = "aa"
        var book = CaseBook(events: [note, note])
        XCTAssertEqual(book[record: record("K7QF-29XM")].notes.count, 1)
        book.add(note)
        XCTAssertEqual(book[record: record("K7QF-29XM")].history.count, 1)
    }

    /// The canary: what a team member writes is never in clear in any file of the inbox (database,
    /// journal, WAL or SHM, whatever SQLite leaves).
    func testNothingOfACaseIsInClearOnDisk() throws {
        let alice = TeamKeyPair(name: "Alice")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        let canaries = ["CANARY-NOTE-7f3a9", "canary-tag-51c2", "CANARY-AUTHOR-e81d"]
        for (kind, value) in [(CaseEvent.Kind.note, canaries[0]), (.tag, canaries[1]), (.status, "legal")] {
            var written = try event(kind, value, at: 500, by: alice)
            written.author = canaries[2]
            try inbox.addCaseEvent(written, recipients: [alice.publicKey])
        }
        XCTAssertEqual(try inbox.caseEvents(openingWith: [alice]).book[record: record("K7QF-29XM")].tags, [canaries[1]], "the canary was written")
        var files = 0
        let enumerator = FileManager.default.enumerator(atPath: folder + "/inbox")
        while let name = enumerator?.nextObject() as? String {
            let path = folder + "/inbox/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            files += 1
            for canary in canaries + ["K7QF-29XM", "Rappel"] {
                XCTAssertNil(bytes.range(of: Data(canary.utf8)), "\(canary) in clear in \(name)")
            }
        }
        XCTAssertGreaterThanOrEqual(files, 1)
    }

    /// Case work written before a colleague's key was known is sealed again only to a key a reader names
    /// (`team share --team-pub`): reading names the keys listed that it is not sealed to, and seals nothing, so a
    /// key written into the list by someone with write access to the inbox receives none of the earlier work.
    /// Authors, times, ids and order are those written; nothing is in clear on disk; no key is taken away.
    func testEarlierCaseWorkIsSealedAgainOnlyToTheKeysNamed() throws {
        let alice = TeamKeyPair(name: "Alice"), camille = TeamKeyPair(name: "Camille"), dan = TeamKeyPair(name: "Dan")
        let mallory = TeamKeyPair(name: "Mallory")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        let canary = "CANARY-RESEAL-4c1e"
        // Written at 300, 100, 200: recorded in that order, read in time order.
        try inbox.addCaseEvent(try event(.note, "Appel prévu " + canary, at: 300, by: alice), recipients: [alice.publicKey])
        try inbox.addCaseEvent(try event(.status, "to-call", at: 100, by: alice), recipients: [alice.publicKey])
        try inbox.addCaseEvent(try event(.tag, "plainte", receipt: "AAAA-BBBB", at: 200, by: alice), recipients: [alice.publicKey])
        let written = try inbox.caseEvents(openingWith: [alice])
        XCTAssertEqual(written.unshared, 0, "sealed to every key the inbox lists")
        XCTAssertEqual(written.unsharedWith, [])

        // Camille writes: her key is listed from now on; what Alice wrote is not sealed to it, and reading says so.
        try inbox.addCaseEvent(try event(.note, "Je prends le dossier", at: 400, by: camille), recipients: [camille.publicKey])
        // Someone who can write the inbox's database lists a key of their own.
        try inbox.write { db in
            try db.execute(sql: "INSERT INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(mallory.publicKey.bytes), "Dan"])
        }
        let byAlice = try inbox.caseEvents(openingWith: [alice])
        XCTAssertEqual(byAlice.unshared, 4, "Alice reads four items, none sealed to the key listed last, three not to Camille's")
        XCTAssertEqual(byAlice.unsharedWith.map(\.fingerprint), [camille.publicKey.fingerprint, mallory.publicKey.fingerprint])
        XCTAssertEqual(try inbox.caseEvents(openingWith: [camille]).unreadable, 3, "reading sealed nothing again")
        XCTAssertEqual(try inbox.caseEvents(openingWith: [mallory]).unreadable, 4)
        XCTAssertEqual(try inbox.reshareCaseEvents(openingWith: [alice], to: []), CaseReshare(events: 0, keys: []),
                       "no key named, nothing sealed again, whatever the list says")
        XCTAssertEqual(try inbox.reshareCaseEvents(openingWith: [camille], to: [dan.publicKey]).events, 1,
                       "Camille can only seal again what she opens")

        // Alice names Camille's public file: her three items are sealed again to Camille, and to her only.
        let reshare = try inbox.reshareCaseEvents(openingWith: [alice], to: [camille.publicKey, camille.publicKey])
        XCTAssertEqual(reshare.events, 3)
        XCTAssertEqual(reshare.keys.map(\.name), ["Camille"])
        let byCamille = try inbox.caseEvents(openingWith: [camille])
        XCTAssertEqual(byCamille.unreadable, 0)
        XCTAssertEqual(byCamille.events, try inbox.caseEvents(openingWith: [alice]).events, "the same events, ids, authors and times, in the same order")
        XCTAssertEqual(Array(byCamille.events.prefix(3)), written.events)
        XCTAssertEqual(byCamille.book[record: record("K7QF-29XM")].history.map(\.value), ["to-call", "Appel prévu " + canary, "Je prends le dossier"])
        XCTAssertEqual(byCamille.book[record: record("K7QF-29XM")].notes.first?.author, "Alice")
        XCTAssertEqual(byCamille.book[record: record("AAAA-BBBB")].tags, ["plainte"])
        XCTAssertEqual(try inbox.reshareCaseEvents(openingWith: [alice], to: [camille.publicKey]).events, 0, "once is enough")

        // Naming Dan seals to him everything the reader opens; the key listed under his name still gets nothing.
        let named = try inbox.reshareCaseEvents(openingWith: [camille], to: [dan.publicKey])
        XCTAssertEqual(named.events, 3, "the fourth was sealed to Dan above")
        XCTAssertEqual(try inbox.caseEvents(openingWith: [dan]).events, byCamille.events)
        XCTAssertEqual(try inbox.caseEvents(openingWith: [alice]).events, byCamille.events, "no key was taken away")
        let byMallory = try inbox.caseEvents(openingWith: [mallory])
        XCTAssertEqual(byMallory.events, [])
        XCTAssertEqual(byMallory.unreadable, 4)
        XCTAssertEqual(try inbox.caseEvents(openingWith: [alice]).unsharedWith.map(\.fingerprint), [mallory.publicKey.fingerprint])

        for name in try FileManager.default.subpathsOfDirectory(atPath: folder + "/inbox") {
            guard let bytes = FileManager.default.contents(atPath: folder + "/inbox/" + name) else { continue }
            for text in [canary, "Je prends", "plainte"] { XCTAssertNil(bytes.range(of: Data(text.utf8)), "\(text) in clear in \(name)") }
        }
    }

    /// A key listed by someone who can write the inbox reads every later event until a member takes it off:
    /// nothing later is sealed to it, and what the member's keys open is sealed again without it.
    func testAKeyTakenOffTheListReadsNothingMoreAndLosesWhatTheReaderOpens() throws {
        let alice = TeamKeyPair(name: "Alice"), camille = TeamKeyPair(name: "Camille"), mallory = TeamKeyPair(name: "Mallory")
        let stranger = TeamKeyPair(name: "Stranger")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        try inbox.addCaseEvent(try event(.note, "Avant", at: 100, by: alice), recipients: [alice.publicKey, camille.publicKey])
        try inbox.write { db in
            try db.execute(sql: "INSERT INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(mallory.publicKey.bytes), "Dan"])
        }
        let canary = "CANARY-UNSHARE-91d2"
        try inbox.addCaseEvent(try event(.note, "Appel " + canary, at: 200, by: alice), recipients: [alice.publicKey])
        try inbox.addCaseEvent(try event(.status, "to-call", at: 300, by: camille), recipients: [camille.publicKey])
        // An event sealed to Mallory and to a key whose public half this inbox does not know: it cannot be sealed again.
        let tag = try JSONEncoder().encode(try event(.tag, "plainte", at: 250, by: alice))
        let foreign = try RecordEnvelope.seal(payload: SecretBytes(copying: tag), recordID: [UInt8](repeating: 7, count: 16),
                                              recipients: [alice.publicKey, stranger.publicKey, mallory.publicKey], random: SystemRandom())
        try inbox.write { db in
            try db.execute(sql: "INSERT INTO case_event (id, envelope) VALUES (?, ?)", arguments: [Data(repeating: 7, count: 16), Data(foreign.bytes)])
        }
        XCTAssertEqual(try inbox.caseEvents(openingWith: [mallory]).events.map(\.value), ["Appel " + canary, "to-call", "plainte"])

        // Refused before anything changes: a fingerprint not listed, and the reader's own key.
        XCTAssertThrowsError(try inbox.unshareCaseEvents(openingWith: [alice], removing: [stranger.publicKey.fingerprint])) {
            XCTAssertEqual($0 as? CaseError, .notListed(stranger.publicKey.fingerprint))
        }
        XCTAssertThrowsError(try inbox.unshareCaseEvents(openingWith: [alice], removing: [mallory.publicKey.fingerprint, alice.publicKey.fingerprint])) {
            XCTAssertEqual($0 as? CaseError, .ownKey(alice.publicKey.fingerprint))
        }
        XCTAssertEqual(try inbox.caseRecipients().count, 3)

        // Alice takes Mallory's key off, typed in lower case without hyphens: the two events she opens are sealed again
        // without it; the foreign one keeps it.
        let typed = mallory.publicKey.fingerprint.lowercased().replacingOccurrences(of: "-", with: "")
        let unshare = try inbox.unshareCaseEvents(openingWith: [alice], removing: [typed, typed])
        XCTAssertEqual(unshare.keys.map(\.fingerprint), [mallory.publicKey.fingerprint])
        XCTAssertEqual(unshare.events, 2)
        XCTAssertEqual(unshare.left, 1)
        XCTAssertEqual(try inbox.caseRecipients().map(\.name), ["Alice", "Camille"])
        let byMallory = try inbox.caseEvents(openingWith: [mallory])
        XCTAssertEqual(byMallory.events.count, 1, "only the event sealed to a key this inbox does not know")
        XCTAssertEqual(byMallory.unreadable, 3)
        // Alice and Camille still read everything, unchanged: ids, authors, times and order.
        let byAlice = try inbox.caseEvents(openingWith: [alice]), byCamille = try inbox.caseEvents(openingWith: [camille])
        XCTAssertEqual(byAlice.events.count, 4)
        XCTAssertEqual(byCamille.events.map(\.value), ["Avant", "Appel " + canary, "to-call"])
        XCTAssertEqual(byAlice.events.filter { $0.value != "plainte" }.map(\.id), byCamille.events.map(\.id))
        XCTAssertEqual(byAlice.unsharedWith.map(\.name), ["Camille"], "the key taken off is no longer listed: no warning names it")

        // Later events are not sealed to Mallory; taking the key off again finds it no longer listed.
        let (_, sealedTo) = try inbox.addCaseEvent(try event(.note, "Après", at: 400, by: camille), recipients: [camille.publicKey])
        XCTAssertEqual(sealedTo.map(\.name), ["Alice", "Camille"])
        XCTAssertEqual(try inbox.caseEvents(openingWith: [mallory]).events.count, 1)
        XCTAssertThrowsError(try inbox.unshareCaseEvents(openingWith: [camille], removing: [mallory.publicKey.fingerprint]))
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder + "/inbox") {
            guard let bytes = FileManager.default.contents(atPath: folder + "/inbox/" + name) else { continue }
            XCTAssertNil(bytes.range(of: Data(canary.utf8)), "\(canary) in clear in \(name)")
        }
    }

    func testBadInputIsRefusedWithTheReason() throws {
        let alice = TeamKeyPair(name: "Alice")
        XCTAssertThrowsError(try event(.note, "  \n ", at: 1, by: alice)) { XCTAssertEqual($0 as? CaseError, .emptyNote) }
        XCTAssertThrowsError(try event(.note, String(repeating: "a", count: 10_001), at: 1, by: alice)) {
            XCTAssertEqual($0 as? CaseError, .noteTooLong(10_001))
        }
        XCTAssertThrowsError(try event(.tag, "deux\nlignes", at: 1, by: alice)) { XCTAssertEqual($0 as? CaseError, .invalidTag("deux\nlignes")) }
        XCTAssertThrowsError(try event(.status, "perdu", at: 1, by: alice)) {
            XCTAssertTrue(($0 as? CaseError)?.message.fr.contains("to-call (à rappeler / to call back)") == true)
        }
        XCTAssertThrowsError(try TeamInbox(directory: folder + "/inbox").addCaseEvent(try event(.note, "x", at: 1, by: alice), recipients: [])) {
            XCTAssertEqual($0 as? CaseError, .noRecipient)
        }
    }

    func testStatusesAreReadAsIdsOrLabelsInEitherLanguage() {
        XCTAssertEqual(CaseStatus(typed: "à rappeler"), .toCall)
        XCTAssertEqual(CaseStatus(typed: "A RAPPELER"), .toCall)
        XCTAssertEqual(CaseStatus(typed: "to-call"), .toCall)
        XCTAssertEqual(CaseStatus(typed: "to call back"), .toCall)
        XCTAssertEqual(CaseStatus(typed: "Écarté"), .dismissed)
        XCTAssertEqual(CaseStatus(typed: "suivi_juridique"), .legal)
        XCTAssertNil(CaseStatus(typed: "rappel"))
        XCTAssertEqual(CaseStatus.allCases.map(\.label.fr), ["nouveau", "à rappeler", "rappelé", "suivi juridique", "clos", "écarté"])
    }
}
