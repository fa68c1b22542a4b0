import Foundation

/// Finds keys written twice in one JSON object, which `JSONDecoder` silently collapses to one.
///
/// In a testimony, `{"consent": "no", "consent": "yes"}` must not quietly become either answer.
/// Run only on data that already decoded as JSON; keys are compared as written.
public enum DuplicateKeys {
    /// The keys that appear more than once in a single object, in order of their second appearance.
    public static func find(in data: Data) -> [String] {
        let bytes = [UInt8](data)
        var objects: [Set<[UInt8]>?] = []  // nil for an array
        var expectingKey = false
        var duplicates: [String] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey, let keys = objects.last, var keys {
                    let key = Array(bytes[start..<Swift.min(index, bytes.count)])
                    if !keys.insert(key).inserted {
                        duplicates.append(String(decoding: key, as: UTF8.self))
                    }
                    objects[objects.count - 1] = keys
                    expectingKey = false
                }
            case UInt8(ascii: "{"):
                objects.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                objects.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = objects.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = objects.last.map { $0 != nil } ?? false
            default:
                break
            }
            index += 1
        }
        return duplicates
    }
}
