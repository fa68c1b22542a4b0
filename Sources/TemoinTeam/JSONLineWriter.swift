import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms

/// Writes one decrypted testimony as a line of JSON Lines (Docs/FORMAT.md, "Team output"): keys
/// sorted, compact, UTF-8 as is, `\n` at the end.
///
/// Byte by byte rather than with `JSONEncoder`, which spends more time per testimony than opening
/// it does: `temoin team decrypt` writes a line per record on every core.
struct JSONLineWriter {
    private var bytes: [UInt8] = []

    /// The line for `record`.
    static func line(_ record: DecryptedRecord) -> [UInt8] {
        var writer = JSONLineWriter()
        writer.bytes.reserveCapacity(1024)
        let p = record.payload
        writer.raw("{\"answers\":")
        writer.answers(p.answers)
        writer.field("bundle", record.bundle)
        writer.field("desk", record.deskFingerprint)
        writer.field("desk_name", record.deskName)
        writer.field("desk_trust", record.deskTrust.rawValue)
        if let files = p.files, !files.isEmpty { writer.files(files) }
        writer.form(p.form)
        writer.field("receipt", p.receipt)
        writer.field("record", p.record)
        writer.field("sealed_at", p.sealedAt)
        writer.field("status", record.status.rawValue)
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line for `opened`, copied from its payload when the payload is canonical (`CanonicalPayload`)
    /// and is the envelope's record: the same bytes as `line(try opened.decoded())`, several times faster.
    /// Nil otherwise: decode it.
    static func line(_ opened: OpenedRecord) -> [UInt8]? {
        let json = opened.payload
        guard let payload = opened.canonical ?? CanonicalPayload(json),
              SealingTime.isValid(UnsafeRawBufferPointer(rebasing: json[payload.sealedAt.dropFirst().dropLast()])),
              Hex.spells(opened.recordIDBytes, UnsafeRawBufferPointer(rebasing: json[payload.record.dropFirst().dropLast()])) else { return nil }
        let status = opened.status(sealedBy: UnsafeRawBufferPointer(rebasing: json[payload.desk.dropFirst().dropLast()]))
        if let source = opened.sourceJSON { return copied(json, payload, source: source, status: status) }
        // Salvaged: the desk is the payload's own, the rest escaped here.
        var writer = JSONLineWriter()
        writer.bytes.reserveCapacity(json.count + 256)
        func copy(_ range: Range<Int>) { writer.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: json[range])) }
        writer.raw("{\"answers\":")
        copy(payload.answers)
        writer.field("bundle", opened.bundle)
        writer.raw(",\"desk\":")
        copy(payload.desk)
        writer.field("desk_name", opened.deskName)
        writer.field("desk_trust", opened.deskTrust.rawValue)
        writer.raw(",\"form\":{\"id\":")
        copy(payload.formID)
        writer.raw(",\"version\":")
        copy(payload.formVersion)
        writer.raw("},\"receipt\":")
        copy(payload.receipt)
        writer.raw(",\"record\":")
        copy(payload.record)
        writer.raw(",\"sealed_at\":")
        copy(payload.sealedAt)
        writer.field("status", status.rawValue)
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line of a canonical `payload` of `json` from a bundle whose desk signed it (`source`, see
    /// `OpenedRecord.sourceJSON`), under `status`: the same bytes as the writer's appends, laid at once in an
    /// array of the exact length (`memcpy` of each piece), without a capacity check or a `String` per piece.
    private static func copied(_ json: UnsafeRawBufferPointer, _ payload: CanonicalPayload, source: [UInt8], status: RecordStatus) -> [UInt8] {
        // The pieces of the line, in order: given once to count them, then to copy them.
        func pieces(_ emit: (UnsafeRawBufferPointer) -> Void) {
            func text(_ literal: StaticString) { emit(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)) }
            func slice(_ range: Range<Int>) { emit(UnsafeRawBufferPointer(rebasing: json[range])) }
            text("{\"answers\":"); slice(payload.answers)
            source.withUnsafeBytes(emit)
            text(",\"form\":{\"id\":"); slice(payload.formID)
            text(",\"version\":"); slice(payload.formVersion)
            text("},\"receipt\":"); slice(payload.receipt)
            text(",\"record\":"); slice(payload.record)
            text(",\"sealed_at\":"); slice(payload.sealedAt)
            text(",\"status\":\""); status.rawValue.utf8.withContiguousBytes(emit)
            text("\"}\n")
        }
        var count = 0
        pieces { count += $0.count }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let start = buffer.baseAddress else { return }
            var line = LineCursor(start: UnsafeMutableRawPointer(start), capacity: buffer.count)
            pieces { line.put($0) }
            initialized = line.written
        }
    }

    /// `,"bundle":…,"desk":…,"desk_name":…,"desk_trust":…`: the part of the line of every record of a bundle
    /// signed by the desk `desk` that says where it comes from — the same for all of them, so written once
    /// per bundle rather than escaped again for each record (see `OpenedRecord.sourceJSON`).
    static func source(bundle: String, desk: String, deskName: String, trust: SignerTrust) -> [UInt8] {
        var writer = JSONLineWriter()
        writer.field("bundle", bundle)
        writer.raw(",\"desk\":")
        writer.string(desk)
        writer.field("desk_name", deskName)
        writer.field("desk_trust", trust.rawValue)
        return writer.bytes
    }

    /// The canonical payload (Docs/FORMAT.md, "Canonical payload"): the payload's keys sorted, compact, the
    /// escapes of `string`, no newline, each evidence file without its stream key — the bytes a Témoin desk
    /// seals but for those keys, which the exhibit's SHA-256 covers: it ties the files' ids and SHA-256 to
    /// the testimony without printing what opens them.
    static func canonicalPayload(_ p: RecordPayload) -> [UInt8] {
        var writer = JSONLineWriter()
        writer.raw("{\"answers\":")
        writer.answers(p.answers)
        writer.field("desk", p.desk)
        if let files = p.files, !files.isEmpty { writer.files(files) }
        writer.form(p.form)
        writer.field("format", p.format)
        writer.field("receipt", p.receipt)
        writer.field("record", p.record)
        writer.field("sealed_at", p.sealedAt)
        writer.raw(",\"version\":\(p.version)}")
        return writer.bytes
    }

    private mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `"files":[…]`: each evidence file with its capture metadata when it has any, field, id, name, SHA-256,
    /// size and type (keys sorted), never its key: the output goes to people who have no use for it.
    private mutating func files(_ files: [EvidenceFile]) {
        raw(",\"files\":[")
        for (index, file) in files.enumerated() {
            raw(index > 0 ? ",{" : "{")
            if let capture = file.capture {
                raw("\"capture\":{")
                for (index, pair) in capture.sortedPairs.enumerated() {
                    if index > 0 { raw(",") }
                    string(pair.key)
                    raw(":")
                    string(pair.value)
                }
                raw("},")
            }
            raw("\"field\":")
            string(file.field)
            field("id", file.id)
            field("name", file.name)
            field("sha256", file.sha256)
            raw(",\"size\":\(file.size)")
            field("type", file.type)
            raw("}")
        }
        raw("]")
    }

    /// `,"form":{"id":…,"version":…}`: which questionnaire the answers follow.
    private mutating func form(_ form: RecordPayload.FormReference) {
        raw(",\"form\":{\"id\":")
        string(form.id)
        raw(",\"version\":\(form.version)}")
    }

    /// `,"key":value` (the key written as it is: a literal that needs no escape).
    private mutating func field(_ key: StaticString, _ value: String) {
        bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\"")])
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        string(value)
    }

    private mutating func answers(_ answers: Answers) {
        bytes.append(UInt8(ascii: "{"))
        for (index, (id, value)) in answers.values.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(id)
            bytes.append(UInt8(ascii: ":"))
            switch value {
            case let .text(text), let .choice(text): string(text)
            case let .yesno(answer): string(answer.rawValue)
            case let .number(number): raw(String(number))
            case let .date(date): string(date.description)
            case let .time(time): string(time.description)
            case let .approximateTime(time): string(time.description)
            case let .choices(ids):
                bytes.append(UInt8(ascii: "["))
                for (index, id) in ids.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    string(id)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`, the rest as UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousBytes { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20: raw("\\u00" + Hex.encode([byte]))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension String.UTF8View {
    /// Calls `body` with these bytes in contiguous memory: in place for a native string, from a copy otherwise.
    func withContiguousBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) } ?? Array(self).withUnsafeBytes(body)
    }
}

/// Where the next bytes of a line go in memory laid out for it (`JSONLineWriter.copied`).
private struct LineCursor {
    private let start: UnsafeMutableRawPointer
    private var at: UnsafeMutableRawPointer
    private let end: UnsafeMutableRawPointer

    init(start: UnsafeMutableRawPointer, capacity: Int) { (self.start, at, end) = (start, start, start + capacity) }

    /// The bytes written so far.
    var written: Int { at - start }

    /// Writes `bytes`; stops the program rather than write past the memory laid out.
    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        precondition(end - at >= bytes.count, "the line is longer than counted")
        guard let from = bytes.baseAddress else { return }
        at.copyMemory(from: from, byteCount: bytes.count)
        at += bytes.count
    }
}
