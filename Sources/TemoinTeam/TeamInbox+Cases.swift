import Foundation
import GRDB
import TemoinCrypto

/// The case events the team's keys opened, and how many they could not.
public struct CaseEvents: Sendable {
    /// The events opened, in the order they were recorded in this inbox.
    public var events: [CaseEvent]
    /// Events sealed only to other keys, damaged, or written by a newer build.
    public var unreadable: Int

    /// Every testimony's case.
    public var book: CaseBook { CaseBook(events: events, unreadable: unreadable) }
}

extension TeamInbox {
    /// The team public keys that case events are sealed to: every key that wrote or was named
    /// (`--team-pub`), so that each team member reads what the others write.
    public func caseRecipients() throws -> [TeamPublicKey] {
        try read { db in
            guard try db.tableExists("case_recipient") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT public_key, name FROM case_recipient ORDER BY rowid").compactMap { row in
                guard let key = row["public_key"] as Data?, let name = row["name"] as String? else { return nil }
                return try? TeamPublicKey(bytes: [UInt8](key), name: name)
            }
        }
    }

    /// Seals `event` on its own to `recipients` and to every team key the inbox already seals to, remembering
    /// the new ones for the next events. Returns the keys it was sealed to.
    ///
    /// Nothing of the event is written in clear: the envelope (`RecordEnvelope`, as a testimony) is the only row.
    @discardableResult
    public func addCaseEvent(_ event: CaseEvent, recipients: [TeamPublicKey], random: RandomSource = SystemRandom()) throws -> (event: CaseEvent, sealedTo: [TeamPublicKey]) {
        var known = try caseRecipients()
        for key in recipients where !known.contains(where: { $0.bytes == key.bytes }) { known.append(key) }
        guard !known.isEmpty else { throw CaseError.noRecipient }
        let id = random.bytes(RecordEnvelope.recordIDLength)
        var stored = event
        stored.id = Hex.encode(id)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = [UInt8](try encoder.encode(stored))
        let envelope = try RecordEnvelope.seal(payload: SecretBytes.consuming(&json), recordID: id, recipients: known, random: random)
        try write { db in
            for key in known {
                try db.execute(sql: "INSERT OR IGNORE INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(key.bytes), key.name])
            }
            try db.execute(sql: "INSERT INTO case_event (id, envelope) VALUES (?, ?)", arguments: [Data(id), Data(envelope.bytes)])
        }
        return (stored, known)
    }

    /// Opens every case event with `keys`; those no key opens are counted, not shown.
    public func caseEvents(openingWith keys: [TeamKeyPair]) throws -> CaseEvents {
        let rows = try read { db -> [Data] in
            guard try db.tableExists("case_event") else { return [] }
            return try Data.fetchAll(db, sql: "SELECT envelope FROM case_event ORDER BY seq")
        }
        var events: [CaseEvent] = [], unreadable = 0
        let decoder = JSONDecoder()
        for bytes in rows {
            do {
                let envelope = try RecordEnvelope(bytes: [UInt8](bytes))
                let opened = try envelope.open(with: keys)
                var event = try opened.withUnsafeBytes { try decoder.decode(CaseEvent.self, from: Data($0)) }
                event.id = Hex.encode(envelope.recordID)
                events.append(event)
            } catch {
                unreadable += 1
            }
        }
        return CaseEvents(events: events, unreadable: unreadable)
    }
}
