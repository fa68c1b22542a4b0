import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase

/// The case events the team's keys opened, and how many they could not.
public struct CaseEvents: Sendable {
    /// The events opened, in the order they were recorded in this inbox.
    public var events: [CaseEvent]
    /// Events sealed only to other keys, damaged, or written by a newer build.
    public var unreadable: Int
    /// Events opened here that are not sealed to every key the inbox lists (`unsharedWith`).
    public var unshared = 0
    /// The keys the inbox lists that some event opened here is not sealed to. Nothing is sealed to them on
    /// reading: the list has no integrity protection (anyone who can write the inbox can add a key), so only a
    /// key holder who names the key's public file (`TeamInbox.reshareCaseEvents`) shares past work with it.
    public var unsharedWith: [TeamPublicKey] = []

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
                guard let key: Data = row.checked("public_key"), let name: String = row.checked("name") else { return nil }
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
    /// sealed to every key the inbox lists are counted in `unshared`, the keys missing named in `unsharedWith`.
    public func caseEvents(openingWith keys: [TeamKeyPair]) throws -> CaseEvents {
        let rows = try read { db -> [Data] in
            guard try db.tableExists("case_event") else { return [] }
            return try Data.fetchAll(db, sql: "SELECT envelope FROM case_event ORDER BY seq")
        }
        let team = try caseRecipients()
        var events: [CaseEvent] = [], unreadable = 0, unshared = 0, missing: Set<[UInt8]> = []
        let decoder = JSONDecoder()
        for bytes in rows {
            do {
                let envelope = try RecordEnvelope(bytes: [UInt8](bytes))
                let opened = try envelope.open(with: keys)
                var event = try opened.withUnsafeBytes { try decoder.decode(CaseEvent.self, from: Data($0)) }
                event.id = Hex.encode(envelope.recordID)
                events.append(event)
                let lacking = Set(team.map(\.keyID)).subtracting(envelope.recipients.map(\.keyID))
                if !lacking.isEmpty { unshared += 1 }
                missing.formUnion(lacking)
            } catch {
                unreadable += 1
            }
        }
        var found = CaseEvents(events: events, unreadable: unreadable)
        found.unshared = unshared
        found.unsharedWith = team.filter { missing.contains($0.keyID) }
        return found
    }

    /// Seals again each case event that `keys` open and that is not sealed to all of `colleagues`, to its recipients
    /// and to those keys, and lists them for the events to come, as `--team-pub` does: the work written
    /// before a colleague's key was known becomes readable with it.
    ///
    /// Only the keys named here are added, never the others the inbox lists: that list has no integrity
    /// protection, so sharing past work is a deliberate act of a key holder naming the key's public file
    /// (`team share --team-pub`). The event keeps its id, its place (`seq`) and its sealed bytes exactly (author,
    /// time, text): only the envelope changes, never in clear on disk, and every event is replaced in one
    /// transaction (all or none; an event changed meanwhile by another process is left for the next time). No key
    /// is ever taken away: an event sealed to a key whose public half is not known here is left as it is.
    @discardableResult
    public func reshareCaseEvents(openingWith keys: [TeamKeyPair], to colleagues: [TeamPublicKey],
                                  random: RandomSource = SystemRandom()) throws -> CaseReshare {
        var named: [TeamPublicKey] = []
        for key in colleagues where !named.contains(where: { $0.keyID == key.keyID }) { named.append(key) }
        guard !named.isEmpty else { return CaseReshare(events: 0, keys: []) }
        let rows = try caseEventRows()
        // The public halves an envelope's key ids can be matched to (a key id is derived from its key); the keys
        // opened and named first, the inbox's list last.
        var known: [[UInt8]: TeamPublicKey] = [:]
        for key in try keys.map(\.publicKey) + named + caseRecipients() { known[key.keyID] = known[key.keyID] ?? key }
        let namedIDs = Set(named.map(\.keyID))
        var replacements: [EnvelopeChange] = [], added: Set<[UInt8]> = []
        for (seq, bytes) in rows {
            guard let envelope = try? RecordEnvelope(bytes: [UInt8](bytes)) else { continue }
            let sealedTo = envelope.recipients.map(\.keyID)
            let lacking = namedIDs.subtracting(sealedTo)
            guard !lacking.isEmpty else { continue }
            let current = sealedTo.compactMap { known[$0] }
            guard current.count == sealedTo.count, let opened = try? envelope.open(with: keys) else { continue }
            let recipients = current + named.filter { lacking.contains($0.keyID) }
            let resealed = try RecordEnvelope.seal(payload: opened, recordID: envelope.recordID, recipients: recipients, random: random)
            replacements.append((seq, bytes, Data(resealed.bytes)))
            added.formUnion(lacking)
        }
        let replaced = try replaceCaseEnvelopes(replacements) { db in
            for key in named {
                try db.execute(sql: "INSERT OR IGNORE INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(key.bytes), key.name])
            }
        }
        return CaseReshare(events: replaced, keys: named.filter { added.contains($0.keyID) })
    }

    /// Stops sealing the case work to the listed keys whose fingerprints are `fingerprints` (as printed; case,
    /// spaces and hyphens do not matter): takes them off the inbox's list, so that no later event is sealed to
    /// them, and seals again without them each event `keys` open that is sealed to one of them — for a key nobody
    /// in the team recognises (anyone who can write the inbox can list one), or a member's who left.
    ///
    /// What a key's holder copied before cannot be taken back; an event only other keys open, or also sealed to a
    /// key whose public half is not known here, keeps it (`CaseUnshare.left`). As with `reshareCaseEvents`, the
    /// event keeps its id, its place and its sealed bytes exactly, only the envelope changes, never in clear on
    /// disk, and the list and every event change in one transaction. Throws `CaseError.notListed` for a
    /// fingerprint the list does not hold and `CaseError.ownKey` for one of `keys`, before anything changes.
    @discardableResult
    public func unshareCaseEvents(openingWith keys: [TeamKeyPair], removing fingerprints: [String],
                                  random: RandomSource = SystemRandom()) throws -> CaseUnshare {
        let listed = try caseRecipients()
        var removed: [TeamPublicKey] = []
        for typed in fingerprints {
            let wanted = ReadableCode.normalise(typed)
            guard let key = listed.first(where: { $0.fingerprint == wanted }) else { throw CaseError.notListed(wanted) }
            guard !keys.contains(where: { $0.publicKey.keyID == key.keyID }) else { throw CaseError.ownKey(wanted) }
            if !removed.contains(where: { $0.keyID == key.keyID }) { removed.append(key) }
        }
        let removedIDs = Set(removed.map(\.keyID))
        var known: [[UInt8]: TeamPublicKey] = [:]
        for key in keys.map(\.publicKey) + listed where !removedIDs.contains(key.keyID) { known[key.keyID] = known[key.keyID] ?? key }
        var replacements: [EnvelopeChange] = [], left = 0
        for (seq, bytes) in try caseEventRows() {
            guard let envelope = try? RecordEnvelope(bytes: [UInt8](bytes)) else { continue }
            let sealedTo = envelope.recipients.map(\.keyID)
            guard sealedTo.contains(where: removedIDs.contains) else { continue }
            let keptIDs = sealedTo.filter { !removedIDs.contains($0) }, kept = keptIDs.compactMap { known[$0] }
            guard !kept.isEmpty, kept.count == keptIDs.count, let opened = try? envelope.open(with: keys) else {
                left += 1
                continue
            }
            let resealed = try RecordEnvelope.seal(payload: opened, recordID: envelope.recordID, recipients: kept, random: random)
            replacements.append((seq, bytes, Data(resealed.bytes)))
        }
        let replaced = try replaceCaseEnvelopes(replacements) { db in
            for key in removed { try db.execute(sql: "DELETE FROM case_recipient WHERE public_key = ?", arguments: [Data(key.bytes)]) }
        }
        return CaseUnshare(keys: removed, events: replaced, left: left + replacements.count - replaced)
    }

    /// A case event's envelope sealed again: its row, the envelope it holds, the one to put in its place.
    private typealias EnvelopeChange = (seq: Int64, old: Data, new: Data)

    /// Puts each new envelope of `changes` in its row, where the row still holds the old one (an event changed
    /// meanwhile by another process is left for the next time), after `changeList` changes the list of keys,
    /// all in one transaction; returns how many rows changed.
    private func replaceCaseEnvelopes(_ changes: [EnvelopeChange], changingList changeList: (Database) throws -> Void) throws -> Int {
        try write { db -> Int in
            try changeList(db)
            var count = 0
            for change in changes {
                try db.execute(sql: "UPDATE case_event SET envelope = ? WHERE seq = ? AND envelope = ?", arguments: [change.new, change.seq, change.old])
                count += db.changesCount
            }
            return count
        }
    }

    /// Every case event's row: its place and its envelope.
    private func caseEventRows() throws -> [(seq: Int64, envelope: Data)] {
        try read { db in
            guard try db.tableExists("case_event") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT seq, envelope FROM case_event ORDER BY seq").compactMap { row -> (Int64, Data)? in
                guard let seq: Int64 = row.checked("seq"), let envelope: Data = row.checked("envelope") else { return nil }
                return (seq, envelope)
            }
        }
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

/// What `TeamInbox.unshareCaseEvents` did: the keys it took off the list, how many events it sealed again
/// without them, and how many it could not.
public struct CaseUnshare: Sendable, Equatable {
    /// The keys taken off the list.
    public var keys: [TeamPublicKey]
    /// The events sealed again without them.
    public var events: Int
    /// The events still sealed to one of them: sealed only to keys other than the reader's, also to a key
    /// whose public half is not known here, or changed meanwhile by another process.
    public var left: Int
}
