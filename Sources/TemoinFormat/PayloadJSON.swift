import TemoinForms

extension RecordPayload {
    /// Decodes a payload (UTF-8 JSON, Docs/FORMAT.md) as `JSONDecoder` does, several times faster:
    /// team decrypt decodes one per record on every core, and `JSONDecoder` cost as much as opening it.
    ///
    /// Strict JSON (RFC 8259); integers only where numbers are expected; a key written twice in an
    /// object, or nesting deeper than 64, is refused. Keys the payload does not define are skipped.
    public static func decode(json: UnsafeRawBufferPointer) throws -> RecordPayload {
        var parser = PayloadJSON(json.bindMemory(to: UInt8.self))
        let value = try parser.document()
        guard case let .object(fields) = value else { throw PayloadJSON.Problem("the payload is not a JSON object") }
        func field(_ key: String) throws -> PayloadJSON.Value {
            guard let value = fields[key] else { throw PayloadJSON.Problem("the payload has no \"\(key)\"") }
            return value
        }
        guard case let .object(form) = try field("form"), let formID = form["id"]?.string, let formVersion = form["version"]?.integer else {
            throw PayloadJSON.Problem("\"form\" is not {\"id\": …, \"version\": …}")
        }
        guard case let .object(rawAnswers) = try field("answers") else { throw PayloadJSON.Problem("\"answers\" is not an object") }
        var answers = Answers()
        answers.values.reserveCapacity(rawAnswers.count)
        for (id, value) in rawAnswers {
            switch value {
            case let .string(text): answers[id] = .text(text)
            case let .integer(number): answers[id] = .number(number)
            case let .array(items):
                let ids = items.compactMap(\.string)
                guard ids.count == items.count else { throw PayloadJSON.Problem("answer \"\(id)\" is not a list of choice ids") }
                answers[id] = .choices(ids)
            default: throw PayloadJSON.Problem("answer \"\(id)\" is not a string, a whole number or a list")
            }
        }
        func string(_ key: String) throws -> String {
            guard let text = try field(key).string else { throw PayloadJSON.Problem("\"\(key)\" is not a string") }
            return text
        }
        guard let version = try field("version").integer else { throw PayloadJSON.Problem("\"version\" is not a whole number") }
        return RecordPayload(format: try string("format"), version: version, record: try string("record"), receipt: try string("receipt"),
                             desk: try string("desk"), form: FormReference(id: formID, version: formVersion), sealedAt: try string("sealed_at"),
                             answers: answers, files: try fields["files"].map(EvidenceFile.list))
    }
}

extension EvidenceFile {
    /// The `files` list of a payload: each entry complete, ids and hashes in lower-case hexadecimal of the
    /// right length, sizes from 0 to 2⁴⁰, no file id twice; else the payload is damaged.
    static func list(_ value: PayloadJSON.Value) throws -> [EvidenceFile] {
        guard case let .array(items) = value else { throw PayloadJSON.Problem("\"files\" is not a list") }
        var seen = Set<String>()
        return try items.enumerated().map { index, item in
            let what = "file \(index + 1) of \"files\""
            guard case let .object(entry) = item else { throw PayloadJSON.Problem("\(what) is not an object") }
            func text(_ key: String) throws -> String {
                guard let text = entry[key]?.string else { throw PayloadJSON.Problem("\(what) has no string \"\(key)\"") }
                return text
            }
            func hex(_ key: String, bytes: Int) throws -> String {
                let text = try text(key)
                guard text.utf8.count == 2 * bytes, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                    throw PayloadJSON.Problem("\(what): \"\(key)\" is not \(2 * bytes) lower-case hexadecimal digits")
                }
                return text
            }
            guard let size = entry["size"]?.integer, size >= 0, size <= EvidenceStream.maximumSize else {
                throw PayloadJSON.Problem("\(what): \"size\" is not a whole number from 0 to 2^40")
            }
            let file = EvidenceFile(field: try text("field"), id: try hex("id", bytes: EvidenceStream.idLength), key: try hex("key", bytes: 32),
                                    name: try text("name"), sha256: try hex("sha256", bytes: 32), size: size, type: try text("type"),
                                    capture: try entry["capture"].map { try CaptureMetadata.read($0, what: what) })
            guard seen.insert(file.id).inserted else { throw PayloadJSON.Problem("\(what): file \(file.id) is listed twice") }
            return file
        }
    }
}

extension CaptureMetadata {
    /// A file's `capture`: an object whose `time`, `latitude`, `longitude`, `make` and `model`, when
    /// present, are strings (other keys are skipped); else the payload is damaged.
    static func read(_ value: PayloadJSON.Value, what: String) throws -> CaptureMetadata {
        guard case let .object(entry) = value else { throw PayloadJSON.Problem("\(what): \"capture\" is not an object") }
        func text(_ key: String) throws -> String? {
            guard let value = entry[key] else { return nil }
            guard let text = value.string else { throw PayloadJSON.Problem("\(what): \"capture\".\"\(key)\" is not a string") }
            return text
        }
        return CaptureMetadata(time: try text("time"), latitude: try text("latitude"), longitude: try text("longitude"),
                               make: try text("make"), model: try text("model"))
    }
}

/// A strict JSON reader for record payloads (see `RecordPayload.decode(json:)`).
public struct PayloadJSON {
    /// A parsed JSON value; numbers other than integers, booleans and null are only checked, not kept.
    public enum Value {
        case string(String)
        case integer(Int)
        case array([Value])
        case object([String: Value])
        case other

        public var string: String? { if case let .string(text) = self { text } else { nil } }
        public var integer: Int? { if case let .integer(number) = self { number } else { nil } }
    }

    /// Why a payload is refused.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        /// A problem described by `description`, which may quote the payload (an answer's id): each control or
        /// format character in it is shown as U+FFFD, so that it cannot rewrite the terminal it is reported on.
        public init(_ description: String) { self.description = description.replacingControlCharacters() }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var depth = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The one value of the document, with nothing but white space around it.
    public mutating func document() throws -> Value {
        let value = try self.value()
        skipSpace()
        guard offset == bytes.count else { throw problem("unexpected bytes after the JSON value") }
        return value
    }

    private func problem(_ what: String) -> Problem { Problem("invalid payload JSON at byte \(offset): \(what)") }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private mutating func value() throws -> Value {
        skipSpace()
        guard offset < bytes.count else { throw problem("a value is missing") }
        switch bytes[offset] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try nested { try $0.object() }
        case UInt8(ascii: "["): return try nested { try $0.array() }
        case UInt8(ascii: "t"): try literal("true"); return .other
        case UInt8(ascii: "f"): try literal("false"); return .other
        case UInt8(ascii: "n"): try literal("null"); return .other
        default: return try number()
        }
    }

    private mutating func nested(_ body: (inout PayloadJSON) throws -> Value) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { throw problem("nested too deeply") }
        offset += 1
        return try body(&self)
    }

    private mutating func object() throws -> Value {
        var fields: [String: Value] = [:]
        if closes(with: "}") { return .object(fields) }
        repeat {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw problem("a key is missing") }
            let key = try string()
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw problem("':' is missing") }
            offset += 1
            guard fields.updateValue(try value(), forKey: key) == nil else { throw problem("\"\(key)\" is written twice") }
        } while try !ended(by: "}", "object")
        return .object(fields)
    }

    private mutating func array() throws -> Value {
        var items: [Value] = []
        if closes(with: "]") { return .array(items) }
        repeat {
            items.append(try value())
        } while try !ended(by: "]", "array")
        return .array(items)
    }

    /// At the start of an object or array: whether `closer` comes at once (it is empty), taken if so.
    private mutating func closes(with closer: Unicode.Scalar) -> Bool {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: closer) else { return false }
        offset += 1
        return true
    }

    /// After an item of an object or array (`what`): takes the comma (false: more items follow) or `closer` (true).
    private mutating func ended(by closer: Unicode.Scalar, _ what: String) throws -> Bool {
        skipSpace()
        guard offset < bytes.count else { throw problem("the \(what) is not closed") }
        offset += 1
        switch bytes[offset - 1] {
        case UInt8(ascii: ","): return false
        case UInt8(ascii: closer): return true
        default: throw problem("',' or '\(closer)' expected")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard offset + expected.count <= bytes.count, bytes[offset..<offset + expected.count].elementsEqual(expected) else {
            throw problem("unknown word")
        }
        offset += expected.count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; an integer when there is neither fraction nor exponent.
    private mutating func number() throws -> Value {
        let start = offset
        func digits() throws -> Int {
            let first = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            guard offset > first else { throw problem("a digit is missing") }
            return offset - first
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        if try digits() > 1, bytes[integerStart] == UInt8(ascii: "0") { throw problem("a number starts with 0") }
        var integral = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            _ = try digits()
            integral = false
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            _ = try digits()
            integral = false
        }
        guard integral else { return .other }
        guard let number = Int(String(decoding: bytes[start..<offset], as: UTF8.self)) else { throw problem("a number too large") }
        return .integer(number)
    }

    /// A string from its opening quote: escapes decoded, UTF-8 checked, no raw control character.
    private mutating func string() throws -> String {
        offset += 1
        let start = offset
        // The common case: no escape, straight to the closing quote.
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\"), bytes[offset] >= 0x20 {
            offset += 1
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            // Made from the bytes in place (a short string then needs no allocation at all), and valid UTF-8 when
            // decoding gives the same bytes back (an invalid sequence is replaced): `String(validating:)` is
            // generic, and looking up its type metadata for every string took longer than the decoding.
            offset += 1
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<offset - 1])
            let text = String(decoding: raw, as: UTF8.self)
            guard raw.allSatisfy({ $0 < 0x80 }) || Self.same(text, raw) else { throw problem("invalid UTF-8") }
            return text
        }
        var utf8 = Array(bytes[start..<offset])
        while true {
            guard offset < bytes.count else { throw problem("the string is not closed") }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw problem("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &utf8)
            case 0..<0x20:
                throw problem("a control character in a string")
            default:
                utf8.append(byte)
            }
        }
    }

    /// Whether `text`'s UTF-8 is `bytes`.
    private static func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { $0.elementsEqual(bytes) }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws {
        guard offset < bytes.count else { throw problem("the string is not closed") }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw problem("a lone surrogate")
                }
                offset += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw problem("a lone surrogate") }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw problem("a lone surrogate") }
            utf8 += Array(String(unicode).utf8)
        default:
            throw problem("an unknown escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw problem("\\u needs four hexadecimal digits") }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue, byte < 0x80 else { throw problem("\\u needs four hexadecimal digits") }
            value = value << 4 | UInt32(digit)
        }
        offset += 4
        return value
    }
}
