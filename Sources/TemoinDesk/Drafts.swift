import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinFormat
import TemoinForms

/// A testimony in progress, kept encrypted under the desk's draft key.
public struct Draft: Codable, Sendable, Equatable {
    /// Random id (hexadecimal).
    public var id: String
    /// A short label for the resume list (e.g. the city and the date of the check).
    public var label: String
    /// Last change.
    public var updatedAt: Date
    /// The questionnaire being filled.
    public var form: RecordPayload.FormReference
    /// Answers given so far.
    public var answers: Answers
    /// What was typed or picked in fields whose value does not pass yet (nothing typed is ever lost).
    public var pending: [String: PendingAnswer]
    /// The section the volunteer was on.
    public var section: Int
    /// The question the volunteer was on (absent in drafts saved before it was kept).
    public var field: String?
    /// What was typed in date and time fields whose answer parsed ("mars 2026", "vers 18h30"), shown
    /// again when the draft reopens instead of the stored form ("2026-03"); absent in older drafts.
    public var typed: [String: String]?
    /// The evidence files picked so far, already encrypted in the vault (absent in drafts without any).
    public var files: [DraftFile]?

    /// A new empty draft for `form`.
    public init(form: Questionnaire, now: Date = Date(), random: RandomSource = SystemRandom()) {
        id = Hex.encode(random.bytes(16))
        label = ""
        updatedAt = now
        self.form = .init(id: form.id, version: form.version)
        answers = Answers()
        pending = [:]
        section = 0
    }
}

/// What a draft keeps of a field whose answer does not pass validation yet.
public enum PendingAnswer: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    /// The text typed in a text-like field, or the id picked in a choice or yes/no field.
    case text(String)
    /// The choice ids ticked in a multichoice field, in the order ticked: a list, so that no id is ever
    /// split out of a joined string.
    case choices([String])

    /// Text, as most tests write it.
    public init(stringLiteral value: String) {
        self = .text(value)
    }

    /// A JSON string for text (as in every draft saved before choices were kept apart), an array for choices.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let ids = try? container.decode([String].self) {
            self = .choices(ids)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text): try container.encode(text)
        case let .choices(ids): try container.encode(ids)
        }
    }

    /// The text, for a text-like field; nil for ticked choices.
    public var text: String? {
        if case let .text(text) = self { text } else { nil }
    }
}

/// Byte-level format of an encrypted draft: `TMND` ‖ version 1 ‖ nonce (24) ‖ XChaCha20-Poly1305(padded JSON),
/// with the draft id (ASCII) and the 5 header bytes as associated data.
enum DraftCodec {
    static let magic: [UInt8] = Array("TMND".utf8)

    static func seal(_ draft: Draft, key: SecretBytes) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        var json = try encoder.encode(draft)
        let plaintext = json.withUnsafeBytes { SecretBytes(copying: $0) }
        json.resetBytes(in: 0..<json.count)
        let header = magic + [1]
        let nonce = SystemRandom().bytes(AEAD.nonceLength)
        let ciphertext = Padding.pad(plaintext).withUnsafeBytes {
            AEAD.seal($0, key: key, nonce: nonce, associatedData: header + Array(draft.id.utf8))
        }
        return header + nonce + ciphertext
    }

    /// Opens a draft with the questionnaire of `forms` it was filled with (the first one when none matches).
    static func open(_ bytes: [UInt8], id: String, key: SecretBytes, forms: [Questionnaire]) throws -> Draft {
        var r = ByteReader(bytes)
        try r.expectMagic(magic, version: 1, kind: .draft)
        let plaintext = try plaintext(bytes, id: id, key: key)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try plaintext.withUnsafeBytes { bytes in
            let json = Data(bytes)
            let reference = try? decoder.decode(FormOnly.self, from: json).form
            decoder.userInfo[.questionnaire] = forms.first { $0.id == reference?.id && $0.version == reference?.version } ?? forms.first
            return try decoder.decode(Draft.self, from: json)
        }
    }
}

extension DraftCodec {
    /// The padded-off JSON of a draft.
    private static func plaintext(_ bytes: [UInt8], id: String, key: SecretBytes) throws -> SecretBytes {
        var r = ByteReader(bytes)
        try r.expectMagic(magic, version: 1, kind: .draft)
        let nonce = try r.take(AEAD.nonceLength, "nonce")
        return try Padding.unpad(try AEAD.open(bytes[r.offset...], key: key, nonce: nonce, associatedData: magic + [1] + Array(id.utf8)))
    }

    /// Only the files a draft lists, read without its questionnaire (to tell its streams from orphans).
    static func files(_ bytes: [UInt8], id: String, key: SecretBytes) throws -> [DraftFile] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try plaintext(bytes, id: id, key: key).withUnsafeBytes { try decoder.decode(FilesOnly.self, from: Data($0)).files ?? [] }
    }
}

/// The files of a draft, read apart from its answers.
private struct FilesOnly: Decodable {
    var files: [DraftFile]?
}

/// The questionnaire reference of a draft, read first to pick the questionnaire that decodes its answers.
private struct FormOnly: Decodable {
    var form: RecordPayload.FormReference
}

extension DeskVault {
    /// Saves (creates or replaces) a draft, durably.
    public func saveDraft(_ draft: Draft, secrets: DeskSecrets) throws {
        let sealed = try DraftCodec.seal(draft, key: secrets.draftKey)
        try write { db in
            try db.execute(sql: "INSERT INTO draft (id, envelope) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET envelope = excluded.envelope",
                           arguments: [draft.id, Data(sealed)])
        }
    }

    /// Every draft that opens with these secrets and one of `forms` (the questionnaire in use first, then
    /// earlier versions), newest first; drafts that do not open are reported in `unreadable`.
    public func drafts(secrets: DeskSecrets, forms: [Questionnaire]) throws -> (drafts: [Draft], unreadable: Int) {
        let rows = try read { db in try Row.fetchAll(db, sql: "SELECT id, envelope FROM draft") }
        var drafts: [Draft] = []
        var unreadable = 0
        for row in rows {
            if let envelope: Data = row.checked("envelope"), let id: String = row.checked("id"),
               let draft = try? DraftCodec.open([UInt8](envelope), id: id, key: secrets.draftKey, forms: forms) {
                drafts.append(draft)
            } else {
                unreadable += 1
            }
        }
        return (drafts.sorted { $0.updatedAt > $1.updatedAt }, unreadable)
    }

    /// Deletes a draft (after sealing, or when the volunteer discards it).
    public func deleteDraft(id: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM draft WHERE id = ?", arguments: [id]) }
    }

    /// Seals a draft's answers and the files picked for it, and deletes the draft in one transaction: after a crash, the testimony is
    /// either sealed or still a draft, never both (it would be sealed twice) nor neither.
    public func seal(draft: Draft, form: Questionnaire, random: RandomSource = SystemRandom()) throws -> SealedRecord {
        try seal(draft.answers, form: form, picked: draft.files ?? [], random: random, replacingDraft: draft.id)
    }
}
