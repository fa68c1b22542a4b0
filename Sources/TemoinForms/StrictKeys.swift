/// A coding key made from any string, used to read JSON objects key by key.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) {
        stringValue = string
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        return nil
    }
}

extension Decoder {
    /// A keyed container that refuses keys outside `allowed`, so that a typo in a questionnaire
    /// file (`"requried"`) is reported instead of silently ignored.
    func strictContainer(allowing allowed: [String]) throws -> KeyedDecodingContainer<AnyCodingKey> {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw QuestionnaireError.unknownKey(
                path: codingPath.jsonPath, key: key.stringValue, allowed: allowed)
        }
        return container
    }
}

extension Array where Element == any CodingKey {
    /// The path in the form `sections[2].fields[0].kind`, for messages; empty at the file's top level.
    var jsonPath: String {
        var path = ""
        for key in self {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }
}
