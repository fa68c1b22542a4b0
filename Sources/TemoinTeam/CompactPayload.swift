import TemoinFormat
import TemoinForms

/// A decoded payload as the inbox cache keeps it (Docs/FORMAT.md, "Decryption cache", compact payload):
/// every field of `RecordPayload` in a fixed order, lengths before the bytes, so that reading it back
/// makes the strings and the answers' dictionary without parsing JSON — decoding 100,000 payloads' JSON
/// was most of what reading the cache cost the team browser.
///
/// Only the cache, encrypted and authenticated, holds it: a form that does not read whole is reported as
/// the cache's fault, never taken in part.
enum CompactPayload {
    /// The bytes of `payload`, after `prefix`.
    static func encode(_ payload: RecordPayload, after prefix: UInt8...) -> [UInt8] {
        var out = CompactWriter()
        out.bytes.reserveCapacity(1024)
        out.bytes += prefix
        for text in [payload.format, payload.record, payload.receipt, payload.desk, payload.form.id, payload.sealedAt] { out.string(text) }
        out.integer(payload.version)
        out.integer(payload.form.version)
        out.count(payload.answers.values.count)
        for (id, value) in payload.answers.values {
            out.string(id)
            out.answer(value)
        }
        if let files = payload.files {
            out.bytes.append(1)
            out.count(files.count)
            for file in files { out.file(file) }
        } else {
            out.bytes.append(0)
        }
        return out.bytes
    }

    /// The payload `bytes` hold; throws `CompactPayload.Unreadable` when they are not one whole.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> RecordPayload {
        var reader = CompactReader(bytes)
        let format = try reader.string(), record = try reader.string(), receipt = try reader.string(), desk = try reader.string()
        let formID = try reader.string(), sealedAt = try reader.string()
        let version = try reader.integer(), formVersion = try reader.integer()
        let count = try reader.count(eachAtLeast: 2)   // an id's length and a kind
        var answers = Answers()
        answers.values.reserveCapacity(count)
        for _ in 0..<count {
            let id = try reader.string()
            answers.values[id] = try reader.answer()
        }
        var files: [EvidenceFile]?
        switch try reader.byte() {
        case 0: files = nil
        case 1:
            let count = try reader.count(eachAtLeast: 15)   // six string lengths, a size, a capture byte
            var list: [EvidenceFile] = []
            list.reserveCapacity(count)
            for _ in 0..<count { list.append(try reader.file()) }
            files = list
        default: throw Unreadable()
        }
        guard reader.isAtEnd else { throw Unreadable() }
        return RecordPayload(format: format, version: version, record: record, receipt: receipt, desk: desk,
                             form: RecordPayload.FormReference(id: formID, version: formVersion), sealedAt: sealedAt, answers: answers, files: files)
    }

    /// Bytes that are not a whole compact payload (a fault of the cache, which is then not used).
    struct Unreadable: Error {}
}

/// Appends a compact payload's parts.
private struct CompactWriter {
    var bytes: [UInt8] = []

    /// A length or count: 7 bits a byte, low bits first (LEB128).
    mutating func count(_ value: Int) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Any `Int`, as its 64 bits, big-endian.
    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optional(_ text: String?) {
        if let text { bytes.append(1); string(text) } else { bytes.append(0) }
    }

    /// A kind byte, then the value.
    mutating func answer(_ value: AnswerValue) {
        switch value {
        case .text(let text): bytes.append(1); string(text)
        case .choice(let id): bytes.append(2); string(id)
        case .choices(let ids):
            bytes.append(3)
            count(ids.count)
            for id in ids { string(id) }
        case .yesno(let answer): bytes.append(4); string(answer.rawValue)
        case .number(let number): bytes.append(5); integer(number)
        case .date(let date):
            bytes.append(6)
            integer(date.year)
            integer(date.month)
            if let day = date.day { bytes.append(1); integer(day) } else { bytes.append(0) }
        case .time(let time): bytes.append(7); integer(time.hour); integer(time.minute)
        case .approximateTime(.around(let time)): bytes.append(8); integer(time.hour); integer(time.minute)
        case .approximateTime(.period(let period)): bytes.append(9); string(period.rawValue)
        }
    }

    mutating func file(_ file: EvidenceFile) {
        for text in [file.field, file.id, file.key, file.name, file.sha256, file.type] { string(text) }
        integer(file.size)
        guard let capture = file.capture else { return bytes.append(0) }
        bytes.append(1)
        for part in [capture.time, capture.latitude, capture.longitude, capture.make, capture.model] { optional(part) }
    }
}

/// Reads a compact payload's parts in place, each checked against the bytes left.
private struct CompactReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw CompactPayload.Unreadable() }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A count of items that take at least `minimum` bytes each: no more than the bytes left can hold, so
    /// that a damaged count never reserves memory for items that are not there.
    mutating func count(eachAtLeast minimum: Int) throws -> Int {
        let value = try count()
        guard value <= (bytes.count - offset) / minimum else { throw CompactPayload.Unreadable() }
        return value
    }

    mutating func count() throws -> Int {
        var value = 0, shift = 0
        while true {
            let next = try byte()
            guard shift < 63 else { throw CompactPayload.Unreadable() }
            value |= Int(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func integer() throws -> Int {
        guard bytes.count - offset >= 8 else { throw CompactPayload.Unreadable() }
        var value: UInt64 = 0
        for index in offset..<offset + 8 { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    mutating func string() throws -> String {
        let length = try count()
        guard length <= bytes.count - offset else { throw CompactPayload.Unreadable() }
        defer { offset += length }
        // Written from a `String`, so valid UTF-8: nothing is ever repaired (a repair could only follow a fault).
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }

    mutating func optional() throws -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        default: throw CompactPayload.Unreadable()
        }
    }

    mutating func answer() throws -> AnswerValue {
        switch try byte() {
        case 1: return .text(try string())
        case 2: return .choice(try string())
        case 3:
            let count = try count(eachAtLeast: 1)   // an id's length
            var ids: [String] = []
            ids.reserveCapacity(count)
            for _ in 0..<count { ids.append(try string()) }
            return .choices(ids)
        case 4:
            guard let answer = YesNo(rawValue: try string()) else { throw CompactPayload.Unreadable() }
            return .yesno(answer)
        case 5: return .number(try integer())
        case 6:
            let year = try integer(), month = try integer()
            switch try byte() {
            case 0: return .date(ApproximateDate(year: year, month: month))
            case 1: return .date(ApproximateDate(year: year, month: month, day: try integer()))
            default: throw CompactPayload.Unreadable()
            }
        case 7: return .time(TimeOfDay(hour: try integer(), minute: try integer()))
        case 8: return .approximateTime(.around(TimeOfDay(hour: try integer(), minute: try integer())))
        case 9:
            guard let period = DayPeriod(rawValue: try string()) else { throw CompactPayload.Unreadable() }
            return .approximateTime(.period(period))
        default: throw CompactPayload.Unreadable()
        }
    }

    mutating func file() throws -> EvidenceFile {
        let field = try string(), id = try string(), key = try string(), name = try string(), sha256 = try string(), type = try string()
        let size = try integer()
        var capture: CaptureMetadata?
        switch try byte() {
        case 0: capture = nil
        case 1:
            capture = CaptureMetadata(time: try optional(), latitude: try optional(), longitude: try optional(), make: try optional(),
                                      model: try optional())
        default: throw CompactPayload.Unreadable()
        }
        return EvidenceFile(field: field, id: id, key: key, name: name, sha256: sha256, size: size, type: type, capture: capture)
    }
}
