import Foundation
import TemoinForms

/// One change the team made to a testimony's case: a note, a status, a tag added or removed.
///
/// Events are never edited or deleted, only added: the history stays whole, two team members' events
/// merge by putting them together, and the latest status wins. Each is sealed on its own to every team
/// key (`TeamInbox.addCaseEvent`); Docs/FORMAT.md gives the sealed JSON.
public struct CaseEvent: Sendable, Equatable, Codable {
    /// What the event does.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Adds a dated note (`value` is its text).
        case note
        /// Sets the status (`value` is a `CaseStatus` id).
        case status
        /// Adds a tag (`value`).
        case tag
        /// Removes a tag (`value`).
        case untag
    }

    /// The event's own id (16 random bytes, hexadecimal): the envelope's id, which makes a copy brought
    /// twice count once.
    public var id: String = ""
    /// What the event does.
    public var kind: Kind
    /// The receipt code of the testimony, normalised (`K7QF-29XM`).
    public var receipt: String
    /// The testimony's record id, hexadecimal.
    public var record: String
    /// The note's text, the status id or the tag.
    public var value: String
    /// Who wrote it: a name the team reads (the team key's name unless given).
    public var author: String
    /// The fingerprint of the team key of the person who wrote it.
    public var authorKey: String
    /// When it was written.
    public var at: Date

    /// The longest note, in characters: a page of text; longer belongs in a file of the case.
    public static let maximumNoteLength = 10_000
    /// The longest tag, in characters.
    public static let maximumTagLength = 40

    /// An event for the testimony `receipt` (record id `record`), checked: an empty or too long note or
    /// tag is refused with a message saying why.
    public init(kind: Kind, receipt: String, record: String, value: String, author: String, authorKey: String, at: Date) throws {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .note:
            guard !text.isEmpty else { throw CaseError.emptyNote }
            guard text.count <= Self.maximumNoteLength else { throw CaseError.noteTooLong(text.count) }
        case .tag, .untag:
            guard !text.isEmpty, !text.contains(where: \.isNewline) else { throw CaseError.invalidTag(value) }
            guard text.count <= Self.maximumTagLength else { throw CaseError.invalidTag(value) }
        case .status:
            guard CaseStatus(rawValue: text) != nil else { throw CaseError.unknownStatus(value) }
        }
        self.kind = kind
        self.receipt = receipt
        self.record = record
        self.value = text
        self.author = author
        self.authorKey = authorKey
        self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
    }

    /// The status this event sets, if it is a status event.
    public var status: CaseStatus? { kind == .status ? CaseStatus(rawValue: value) : nil }

    // MARK: Sealed JSON

    private enum CodingKeys: String, CodingKey {
        case version = "v", kind, receipt, record, value, author, authorKey = "author_key", at
    }

    /// The JSON sealed in the envelope (the id is the envelope's, not repeated inside).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(1, forKey: .version)
        try container.encode(kind, forKey: .kind)
        try container.encode(receipt, forKey: .receipt)
        try container.encode(record, forKey: .record)
        try container.encode(value, forKey: .value)
        try container.encode(author, forKey: .author)
        try container.encode(authorKey, forKey: .authorKey)
        try container.encode(Self.timestamp(at), forKey: .at)
    }

    /// Reads the sealed JSON; a version or kind this build does not know is refused (kept, not shown).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard try container.decode(Int.self, forKey: .version) == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: "unknown case event version")
        }
        kind = try container.decode(Kind.self, forKey: .kind)
        receipt = try container.decode(String.self, forKey: .receipt)
        record = try container.decode(String.self, forKey: .record)
        value = try container.decode(String.self, forKey: .value)
        author = try container.decode(String.self, forKey: .author)
        authorKey = try container.decode(String.self, forKey: .authorKey)
        guard let date = Self.date(try container.decode(String.self, forKey: .at)) else {
            throw DecodingError.dataCorruptedError(forKey: .at, in: container, debugDescription: "not a UTC time")
        }
        at = date
    }

    /// `2026-03-14T18:30:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: text)
    }
}

/// Why a case change was refused, in words a team member can act on.
public enum CaseError: Error, Equatable, CustomStringConvertible {
    /// The note has no text.
    case emptyNote
    /// The note is longer than `CaseEvent.maximumNoteLength`.
    case noteTooLong(Int)
    /// The tag is empty, too long or has a line break.
    case invalidTag(String)
    /// Not a status id or label.
    case unknownStatus(String)
    /// No team public key to seal to.
    case noRecipient
    /// No key of the inbox's list has this fingerprint (`team unshare`).
    case notListed(String)
    /// The fingerprint is of a key the command was given to open with (`team unshare`).
    case ownKey(String)

    /// The message in French and English.
    public var message: Localized {
        switch self {
        case .emptyNote:
            return Localized(fr: "La note est vide : rien n'a été enregistré.", en: "The note is empty: nothing was recorded.")
        case .noteTooLong(let count):
            return Localized(fr: "La note fait \(count) caractères, \(CaseEvent.maximumNoteLength) au plus : raccourcissez-la. Rien n'a été enregistré.",
                             en: "The note is \(count) characters long, at most \(CaseEvent.maximumNoteLength): shorten it. Nothing was recorded.")
        case .invalidTag(let tag):
            return Localized(fr: "L'étiquette « \(tag) » n'est pas valable : un à \(CaseEvent.maximumTagLength) caractères, sur une ligne. Rien n'a été enregistré.",
                             en: "The tag “\(tag)” is not valid: one to \(CaseEvent.maximumTagLength) characters, on one line. Nothing was recorded.")
        case .unknownStatus(let typed):
            return Localized(fr: "Statut inconnu « \(typed) ». Statuts possibles : \(CaseStatus.choices).",
                             en: "Unknown status “\(typed)”. Possible statuses: \(CaseStatus.choices).")
        case .noRecipient:
            return Localized(fr: "Aucune clé publique d'équipe à qui sceller : ouvrez une clé d'équipe.",
                             en: "No team public key to seal to: open a team key.")
        case .notListed(let fingerprint):
            return Localized(fr: "Aucune clé de la liste du suivi n'a l'empreinte \(fingerprint) : vérifiez-la (temoin team share --key … affiche la liste). Rien n'a changé.",
                             en: "No key of the case work's list has the fingerprint \(fingerprint): check it (temoin team share --key … prints the list). Nothing changed.")
        case .ownKey(let fingerprint):
            return Localized(fr: "La clé \(fingerprint) est celle que vous ouvrez : le suivi reste scellé pour la clé qui l'écrit ou le lit. Rien n'a changé.",
                             en: "The key \(fingerprint) is the one you open: case work stays sealed to the key that writes or reads it. Nothing changed.")
        }
    }

    public var description: String { message.en }
}
