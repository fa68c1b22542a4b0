import Foundation
import GRDB
import TemoinCrypto

/// The case events the team's keys opened, and how many they could not.
public struct CaseEvents: Sendable {
    /// The events opened, in the order they were recorded in this inbox.
    public var events: [CaseEvent]
    /// Events sealed only to other keys, damaged, or written by a newer build.
    public var unreadable: Int
    /// Events opened here that are not sealed to every team key the inbox knows (sealed before a colleague's
    /// key was known): `TeamInbox.reshareCaseEvents` seals them again so that every colleague reads them.
    public var unshared = 0

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

    /// Opens every case event with `keys`; those no key opens are counted, not shown, and those opened but not
    /// sealed to every key the inbox knows are counted in `unshared`.
    public func caseEvents(openingWith keys: [TeamKeyPair]) throws -> CaseEvents {
        let rows = try read { db -> [Data] in
            guard try db.tableExists("case_event") else { return [] }
            return try Data.fetchAll(db, sql: "SELECT envelope FROM case_event ORDER BY seq")
        }
        let team = Set(try caseRecipients().map(\.keyID))
        var events: [CaseEvent] = [], unreadable = 0, unshared = 0
        let decoder = JSONDecoder()
        for bytes in rows {
            do {
                let envelope = try RecordEnvelope(bytes: [UInt8](bytes))
                let opened = try envelope.open(with: keys)
                var event = try opened.withUnsafeBytes { try decoder.decode(CaseEvent.self, from: Data($0)) }
                event.id = Hex.encode(envelope.recordID)
                events.append(event)
                if Self.lacksTeamKeys(envelope, team: team) { unshared += 1 }
            } catch {
                unreadable += 1
            }
        }
        var found = CaseEvents(events: events, unreadable: unreadable)
        found.unshared = unshared
        return found
    }

    /// Seals again, to every team key the inbox knows, each case event that `keys` open and that is not sealed to
    /// all of them: the events written before a colleague's key was known become readable with it. Also names
    /// `colleagues` first, as `--team-pub` does for a new event.
    ///
    /// The event keeps its id, its place (`seq`) and its sealed bytes exactly (author, time, text): only the
    /// envelope changes, never in clear on disk, and every event is replaced in one transaction (all or none; an
    /// event changed meanwhile by another process is left for the next time). No key is ever taken away: an
    /// event sealed to a key the inbox does not know is left as it is.
    @discardableResult
    public func reshareCaseEvents(openingWith keys: [TeamKeyPair], naming colleagues: [TeamPublicKey] = [],
                                  random: RandomSource = SystemRandom()) throws -> CaseReshare {
        if !colleagues.isEmpty {
            try write { db in
                for key in colleagues {
                    try db.execute(sql: "INSERT OR IGNORE INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(key.bytes), key.name])
                }
            }
        }
        let team = try caseRecipients()
        let teamIDs = Set(team.map(\.keyID))
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT seq, envelope FROM case_event ORDER BY seq").compactMap { row -> (Int64, Data)? in
                guard let seq = row["seq"] as Int64?, let envelope = row["envelope"] as Data? else { return nil }
                return (seq, envelope)
            }
        }
        var replacements: [(seq: Int64, old: Data, new: Data)] = [], added: Set<[UInt8]> = []
        for (seq, bytes) in rows {
            guard let envelope = try? RecordEnvelope(bytes: [UInt8](bytes)) else { continue }
            guard Self.lacksTeamKeys(envelope, team: teamIDs), let opened = try? envelope.open(with: keys) else { continue }
            let resealed = try RecordEnvelope.seal(payload: opened, recordID: envelope.recordID, recipients: team, random: random)
            replacements.append((seq, bytes, Data(resealed.bytes)))
            added.formUnion(teamIDs.subtracting(envelope.recipients.map(\.keyID)))
        }
        guard !replacements.isEmpty else { return CaseReshare(events: 0, keys: []) }
        let replaced = try write { db -> Int in
            var count = 0
            for replacement in replacements {
                try db.execute(sql: "UPDATE case_event SET envelope = ? WHERE seq = ? AND envelope = ?",
                               arguments: [replacement.new, replacement.seq, replacement.old])
                count += db.changesCount
            }
            return count
        }
        return CaseReshare(events: replaced, keys: team.filter { added.contains($0.keyID) })
    }

    /// Whether `envelope` is sealed to some but not all of the `team` key ids, and to no other key (which
    /// sealing again to the team would take away).
    private static func lacksTeamKeys(_ envelope: RecordEnvelope, team: Set<[UInt8]>) -> Bool {
        let sealedTo = Set(envelope.recipients.map(\.keyID))
        return sealedTo.isSubset(of: team) && sealedTo != team
    }
}

/// What `TeamInbox.reshareCaseEvents` did: how many older case events it sealed again, and the team keys
/// that can read them now and could not before.
public struct CaseReshare: Sendable, Equatable {
    /// The events sealed again.
    public var events: Int
    /// The keys added to them.
    public var keys: [TeamPublicKey]
}
