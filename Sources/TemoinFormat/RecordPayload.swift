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

    /// The payload of record `record`, sealed at `sealedAt` by desk `desk` with `form`.
    public init(format: String = "temoin-record", version: Int = 1, record: String, receipt: String, desk: String,
                form: FormReference, sealedAt: String, answers: Answers) {
        self.format = format
        self.version = version
        self.record = record
        self.receipt = receipt
        self.desk = desk
        self.form = form
        self.sealedAt = sealedAt
        self.answers = answers
    }

    enum CodingKeys: String, CodingKey { case format, version, record, receipt, desk, form, sealedAt = "sealed_at", answers }

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
