import Foundation
import TemoinForms

/// The plaintext sealed inside a record envelope: a JSON object (Docs/FORMAT.md, "Payload").
public struct RecordPayload: Codable, Sendable {
    /// The form this testimony was filled with.
    public struct FormReference: Codable, Sendable, Hashable {
        /// The questionnaire id.
        public var id: String
        /// The questionnaire version.
        public var version: Int

        /// The reference to version `version` of questionnaire `id`.
        public init(id: String, version: Int) {
            self.id = id
            self.version = version
        }
    }

    /// Always `temoin-record`.
    public var format: String = "temoin-record"
    /// Payload version.
    public var version: Int = 1
    /// The record id, lower-case hexadecimal (same as the envelope header).
    public var record: String
    /// The receipt code given to the witness.
    public var receipt: String
    /// The fingerprint of the desk that sealed it.
    public var desk: String
    /// The questionnaire used.
    public var form: FormReference
    /// Sealing time, ISO 8601 UTC.
    public var sealedAt: String
    /// The answers, keyed by field id.
    public var answers: Answers
    /// The evidence files sealed with the testimony, in the order they were given; nil when none.
    public var files: [EvidenceFile]?

    /// The payload of record `record`, sealed at `sealedAt` by desk `desk` with `form`.
    public init(format: String = "temoin-record", version: Int = 1, record: String, receipt: String, desk: String,
                form: FormReference, sealedAt: String, answers: Answers, files: [EvidenceFile]? = nil) {
        self.format = format
        self.version = version
        self.record = record
        self.receipt = receipt
        self.desk = desk
        self.form = form
        self.sealedAt = sealedAt
        self.answers = answers
        self.files = files
    }

    enum CodingKeys: String, CodingKey { case format, version, record, receipt, desk, form, sealedAt = "sealed_at", answers, files }

    /// `date` as `sealed_at` writes it (`2026-03-14T18:30:05Z`, UTC, whole seconds), computed with
    /// `gmtime_r`: Foundation's ISO8601DateFormatter reads the time-zone files, and stops the process when
    /// the disk fails that read.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// UTF-8 JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One evidence file as the sealed record describes it (Docs/FORMAT.md, "Payload", `files`): what opens
/// its stream and what proves the decrypted bytes are the witness's file.
public struct EvidenceFile: Codable, Sendable, Equatable {
    /// The id of the `files` field it answers.
    public var field: String
    /// The file id, 32 lower-case hexadecimal digits (the stream's and the bundle manifest's).
    public var id: String
    /// The stream key, 64 lower-case hexadecimal digits: only the sealed record holds it.
    public var key: String
    /// The file name on the witness's device, as given (never used as a path).
    public var name: String
    /// SHA-256 of the original, 64 lower-case hexadecimal digits.
    public var sha256: String
    /// The original's size in bytes.
    public var size: Int
    /// The media type libmagic read from the content (`image/jpeg`), not from the name.
    public var type: String

    /// The file `id` answering `field`.
    public init(field: String, id: String, key: String, name: String, sha256: String, size: Int, type: String) {
        (self.field, self.id, self.key, self.name, self.sha256, self.size, self.type) = (field, id, key, name, sha256, size, type)
    }
}

/// A testimony just sealed: what the volunteer shows the witness.
public struct SealedRecord: Sendable, Equatable {
    /// The record id (hexadecimal).
    public var recordID: String
    /// The receipt code, e.g. `K7QF-29XM`.
    public var receipt: String
    /// Answers that were dropped because their question did not apply.
    public var droppedFields: [String]

    /// The record `recordID` with `receipt`, whose `droppedFields` were left out.
    public init(recordID: String, receipt: String, droppedFields: [String]) {
        self.recordID = recordID
        self.receipt = receipt
        self.droppedFields = droppedFields
    }
}
