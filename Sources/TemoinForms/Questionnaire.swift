import Foundation

/// A questionnaire: versioned data describing the sections and questions of a testimony.
///
/// The default one ships as a resource (`builtIn()`); the legal team can replace it with a file
/// in the same format (see Docs/FORM-FILE.md) without rebuilding. Records carry `id` and `version`.
public struct Questionnaire: Codable, Sendable, Hashable {
    /// The stable identifier of the questionnaire, carried by every record.
    public var id: String
    /// The version, bumped whenever questions change; carried by every record.
    public var version: Int
    /// The title shown to the volunteer.
    public var title: Localized
    /// The sections, in the order they are asked.
    public var sections: [Section]

    /// Creates a questionnaire; call `check()` before using one built by hand.
    public init(id: String, version: Int, title: Localized, sections: [Section]) {
        self.id = id
        self.version = version
        self.title = title
        self.sections = sections
    }

    /// The default questionnaire shipped with Témoin (installed in `share/temoin`, see `InstalledResource`).
    public static func builtIn() throws -> Questionnaire {
        try Questionnaire(jsonData: InstalledResource.defaultForm.contents())
    }

    /// The built-in questionnaire of this id and version, the current one or an earlier one that ships
    /// with Témoin (`default-form-v1.json`…) so that drafts filled with it keep opening; nil if none.
    public static func builtIn(id: String, version: Int) throws -> Questionnaire? {
        let current = try builtIn()
        guard id == current.id else { return nil }
        if version == current.version { return current }
        guard version >= 1, version < current.version,
              let url = Bundle.module.url(forResource: "default-form-v\(version)", withExtension: "json") else { return nil }
        return try Questionnaire(jsonData: InstalledResource.read(url.path))
    }

    /// Reads and checks a questionnaire file; throws a `QuestionnaireError` naming the first problem.
    public init(jsonData: Data) throws {
        do {
            self = try JSONDecoder().decode(Questionnaire.self, from: jsonData)
        } catch let error as QuestionnaireError {
            throw error
        } catch let error as DecodingError {
            throw QuestionnaireError(error, in: jsonData)
        } catch {
            throw QuestionnaireError.invalidJSON(.of(jsonData))
        }
        if let key = DuplicateKeys.find(in: jsonData).first {
            throw QuestionnaireError.duplicateKey(key)
        }
        try check()
    }

    /// The canonical file form: pretty-printed JSON with sorted keys, readable by `init(jsonData:)`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Every field, in the order asked.
    public var fields: [Field] {
        sections.flatMap(\.fields)
    }

    /// The field with this id, if any.
    public func field(_ id: String) -> Field? {
        for section in sections {
            if let field = section.fields.first(where: { $0.id == id }) { return field }
        }
        return nil
    }

    /// The section holding the field with this id, if any.
    public func section(containing fieldID: String) -> Section? {
        sections.first { $0.fields.contains { $0.id == fieldID } }
    }

    /// Checks the structure: ids, labels, kinds and choices, limits, and that every condition names
    /// an earlier field and a value it can have. Throws the first problem found.
    public func check() throws {
        try QuestionnaireChecker(questionnaire: self).run()
    }

    /// Reads the JSON form, refusing unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["id", "version", "title", "sections"])
        id = try container.decode(String.self, forKey: AnyCodingKey("id"))
        version = try container.decode(Int.self, forKey: AnyCodingKey("version"))
        title = try container.decode(Localized.self, forKey: AnyCodingKey("title"))
        sections = try container.decode([Section].self, forKey: AnyCodingKey("sections"))
    }
}

extension QuestionnaireError {
    /// Turns a decoder's error about `data` into one that says where and what, in both languages.
    init(_ error: DecodingError, in data: Data) {
        switch error {
        case let .keyNotFound(key, context):
            self = .invalidStructure(
                path: context.codingPath.jsonPath,
                detail: Localized(fr: "la clé « \(key.stringValue) » manque", en: "the key “\(key.stringValue)” is missing"))
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            let expected = Self.jsonName(of: type)
            self = .invalidStructure(
                path: context.codingPath.jsonPath,
                detail: Localized(fr: "il faut ici \(expected.fr)", en: "this must be \(expected.en)"))
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            self = .invalidJSON(.of(data))
        case let .dataCorrupted(context):
            self = .invalidStructure(
                path: context.codingPath.jsonPath,
                detail: Localized(fr: context.debugDescription, en: context.debugDescription))
        @unknown default:
            self = .invalidJSON(.of(data))
        }
    }

    private static func jsonName(of type: Any.Type) -> (fr: String, en: String) {
        switch type {
        case is String.Type: ("du texte entre guillemets", "text between double quotes")
        case is Int.Type: ("un nombre entier", "a whole number")
        case is Bool.Type: ("true ou false", "true or false")
        case is [Section].Type, is [Field].Type, is [Choice].Type, is [Condition].Type, is [String].Type:
            ("une liste [ … ]", "a list [ … ]")
        default: ("un objet { … }", "an object { … }")
        }
    }
}
