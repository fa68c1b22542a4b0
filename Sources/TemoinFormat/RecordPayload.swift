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
    /// When, where and with what the file was taken, as the file itself says; nil when it says nothing.
    public var capture: CaptureMetadata?

    /// The file `id` answering `field`.
    public init(field: String, id: String, key: String, name: String, sha256: String, size: Int, type: String,
                capture: CaptureMetadata? = nil) {
        (self.field, self.id, self.key, self.name, self.sha256, self.size, self.type) = (field, id, key, name, sha256, size, type)
        self.capture = capture
    }
}

/// What a photo or video says about its own taking (Docs/FORMAT.md, "Evidence files", `capture`): read at
/// the desk from the file's EXIF or `mvhd` box, so that the team can date and place it. It is only what
/// the device wrote — a clock or a position the phone got wrong stays wrong — and every part is optional.
public struct CaptureMetadata: Codable, Sendable, Equatable {
    /// `YYYY-MM-DDTHH:MM:SS`: the camera's local time (EXIF, no zone), or with a final `Z` in UTC (MP4/MOV).
    public var time: String?
    /// Decimal degrees, north positive, six decimals (`48.858370`).
    public var latitude: String?
    /// Decimal degrees, east positive, six decimals (`2.294481`).
    public var longitude: String?
    /// The camera's maker (`Apple`).
    public var make: String?
    /// The camera's model (`iPhone 13`).
    public var model: String?

    /// The metadata given; nil parts are absent.
    public init(time: String? = nil, latitude: String? = nil, longitude: String? = nil, make: String? = nil, model: String? = nil) {
        (self.time, self.latitude, self.longitude, self.make, self.model) = (time, latitude, longitude, make, model)
    }

    /// Whether it says nothing at all.
    public var isEmpty: Bool { time == nil && latitude == nil && longitude == nil && make == nil && model == nil }

    /// The keys and values present, keys sorted (as the payload and its JSON Lines write them).
    public var sortedPairs: [(key: String, value: String)] {
        [("latitude", latitude), ("longitude", longitude), ("make", make), ("model", model), ("time", time)]
            .compactMap { key, value in value.map { (key, $0) } }
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
