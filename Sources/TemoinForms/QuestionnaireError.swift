import Foundation

/// A problem in a questionnaire file, described so that whoever edits the file can fix it.
///
/// `path` values point into the JSON (`sections[2].fields[0].kind`); `location` values name the
/// section, field or choice by id.
public enum QuestionnaireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read: `errno` says why (EIO is the disk's error, not the file's content).
    case unreadableFile(path: String, errno: Int32)
    /// The file is not JSON at all: empty, not UTF-8 text, or its syntax is broken.
    case invalidJSON(NotJSON)
    /// A key written twice in one object, so one of the two would be silently ignored.
    case duplicateKey(String)
    /// A key is missing or holds the wrong type of value.
    case invalidStructure(path: String, detail: Localized)
    /// A key the format does not know, often a typo.
    case unknownKey(path: String, key: String, allowed: [String])
    /// A field `kind` that does not exist.
    case unknownKind(path: String, kind: String)
    /// A condition object that is not one of the accepted shapes.
    case invalidCondition(path: String, detail: Localized)
    /// The questionnaire `version` is below 1.
    case invalidVersion(Int)
    /// An id that is empty or not snake_case (`a-z`, digits, `_`; starting with a letter).
    case invalidID(location: Location, id: String)
    /// A label, title or help text that is empty in one language.
    case emptyText(location: Location, language: Language)
    /// The questionnaire has no section, or a section has no field.
    case empty(location: Location)
    /// Two sections share an id.
    case duplicateSectionID(String)
    /// Two fields share an id (field ids are unique across the whole questionnaire).
    case duplicateFieldID(String)
    /// Two choices of one field share an id.
    case duplicateChoiceID(field: String, choice: String)
    /// A `choice` or `multichoice` field without choices.
    case missingChoices(field: String)
    /// Choices on a field whose kind does not use them.
    case unexpectedChoices(field: String, kind: FieldKind)
    /// `min`, `max` or `maxLength` that is misplaced or contradictory.
    case invalidLimit(field: String, detail: Localized)
    /// `mustBe` or `mustBeMessage` that cannot work on this field.
    case invalidMustBe(field: String, detail: Localized)
    /// A condition names a field that does not exist.
    case conditionUnknownField(location: Location, field: String)
    /// A condition names a field asked at the same point or later, so it cannot be known yet.
    case conditionForwardReference(location: Location, field: String)
    /// A condition compares with a value the field can never have.
    case conditionUnknownValue(location: Location, field: String, value: String, allowed: [String])
    /// A condition operator that does not apply to the field's kind.
    case conditionOperatorMismatch(location: Location, field: String, kind: FieldKind, operator: String)
    /// A field role that does not exist.
    case unknownRole(field: String, role: String)
    /// A role on a field of the wrong kind, or one given to two fields where only one may have it.
    case invalidRole(field: String, role: FieldRole, detail: Localized)

    /// Why a file is not JSON.
    public enum NotJSON: Sendable, Hashable {
        /// Nothing but spaces.
        case empty
        /// Bytes that are not UTF-8 text.
        case notUTF8
        /// UTF-8 text that JSON does not parse (the decoder says no more on Linux).
        case syntax
        /// JSON, but a number with a fraction or too large where a whole number is needed: Foundation's decoder
        /// on Linux refuses it as "not valid JSON", without saying where.
        case notWholeNumber

        /// The cause in `data`, which the JSON decoder refused as a whole.
        static func of(_ data: Data) -> NotJSON {
            if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .empty }
            guard String(validating: data, as: UTF8.self) != nil else { return .notUTF8 }
            return (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) == nil ? .syntax : .notWholeNumber
        }
    }

    /// "At sections[0].kind", or at the file's top level when `path` is empty.
    private static func at(_ path: String) -> Localized {
        path.isEmpty ? Localized(fr: "Au premier niveau du fichier", en: "At (top level)") : Localized(fr: "À \(path)", en: "At \(path)")
    }

    /// The explanation in both languages.
    public var message: Localized {
        switch self {
        case let .unreadableFile(path, code) where code == EIO:
            return Localized(
                fr: "Le disque a signalé une erreur de lecture sur \(path) : rien n'a été enregistré ni perdu (un brouillon reste un brouillon). "
                    + "Copiez ailleurs ce que ce disque contient et faites-le vérifier.",
                en: "The disk reported a read/write error on \(path): nothing was saved or lost (a draft stays a draft). "
                    + "Copy what this disk holds elsewhere and have it checked.")
        case let .unreadableFile(path, code) where code == ENOENT:
            return Localized(
                fr: "Le questionnaire \(path) est introuvable : réinstallez Témoin.",
                en: "The questionnaire \(path) is not there: reinstall Témoin.")
        case let .unreadableFile(path, code):
            let reason = String(cString: strerror(code))
            return Localized(
                fr: "Impossible de lire le questionnaire \(path) (\(reason)). Vérifiez les droits du fichier.",
                en: "Cannot read the questionnaire \(path) (\(reason)). Check the file's permissions.")
        case let .invalidJSON(why):
            let (fr, en) = switch why {
            case .empty: ("Le fichier est vide : un questionnaire est un fichier JSON. Vérifiez que c'est le bon fichier.", "The file is empty: a questionnaire is a JSON file. Check that this is the right file.")
            case .notUTF8: ("Le fichier n'est pas du texte UTF-8 (un autre encodage, ou pas un fichier texte) : un questionnaire est un fichier JSON en UTF-8.", "The file is not UTF-8 text (another encoding, or not a text file): a questionnaire is a UTF-8 JSON file.")
            case .notWholeNumber: ("Un nombre du fichier a une virgule ou est trop grand là où il faut un nombre entier (version, min, max, maxLength…) : corrigez-le.", "A number in the file has a fraction or is too large where a whole number is needed (version, min, max, maxLength…): correct it.")
            case .syntax: ("Le fichier n'est pas du JSON valide : vérifiez virgules, guillemets et accolades.", "The file is not valid JSON: check commas, quotes and braces.")
            }
            return Localized(fr: fr, en: en)
        case let .duplicateKey(key):
            return Localized(
                fr: "La clé « \(key) » apparaît deux fois dans le même objet : une des deux serait ignorée. Gardez-en une.",
                en: "The key “\(key)” appears twice in the same object: one would be ignored. Keep only one.")
        case let .invalidStructure(path, detail):
            return Localized(fr: "\(Self.at(path).fr) : \(detail.fr).", en: "\(Self.at(path).en): \(detail.en).")
        case let .unknownKey(path, key, allowed):
            let list = allowed.joined(separator: ", ")
            return Localized(
                fr: "\(Self.at(path).fr) : clé inconnue « \(key) » (faute de frappe ?). Clés possibles : \(list).",
                en: "\(Self.at(path).en): unknown key “\(key)” (a typo?). Possible keys: \(list).")
        case let .unknownKind(path, kind):
            let list = FieldKind.allCases.map(\.rawValue).joined(separator: ", ")
            return Localized(
                fr: "\(Self.at(path).fr) : type de question inconnu « \(kind) ». Types possibles : \(list).",
                en: "\(Self.at(path).en): unknown field kind “\(kind)”. Possible kinds: \(list).")
        case let .invalidCondition(path, detail):
            return Localized(
                fr: "\(Self.at(path).fr) : condition mal formée (\(detail.fr)). Voir Docs/FORM-FILE.md, « Conditions ».",
                en: "\(Self.at(path).en): malformed condition (\(detail.en)). See Docs/FORM-FILE.md, “Conditions”.")
        case let .invalidVersion(version):
            return Localized(
                fr: "La version doit être un entier à partir de 1 (trouvé \(version)).",
                en: "The version must be a whole number from 1 up (found \(version)).")
        case let .invalidID(location, id):
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : identifiant « \(id) » invalide. Utilisez des minuscules sans accent, des chiffres et _, en commençant par une lettre (ex. check_date).",
                en: "\(location.name.en.capitalizedFirst): invalid id “\(id)”. Use lowercase letters without accents, digits and _, starting with a letter (e.g. check_date).")
        case let .emptyText(location, language):
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : le texte en « \(language.rawValue) » est vide. Écrivez-le dans les deux langues.",
                en: "\(location.name.en.capitalizedFirst): the “\(language.rawValue)” text is empty. Write it in both languages.")
        case let .empty(location):
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) est vide : ajoutez au moins un élément.",
                en: "\(location.name.en.capitalizedFirst) is empty: add at least one entry.")
        case let .duplicateSectionID(id):
            return Localized(
                fr: "Deux sections ont l'identifiant « \(id) ». Renommez l'une d'elles.",
                en: "Two sections have the id “\(id)”. Rename one of them.")
        case let .duplicateFieldID(id):
            return Localized(
                fr: "Deux questions ont l'identifiant « \(id) ». Chaque question doit avoir le sien, dans tout le questionnaire.",
                en: "Two fields have the id “\(id)”. Every field needs its own id across the whole questionnaire.")
        case let .duplicateChoiceID(field, choice):
            return Localized(
                fr: "Question « \(field) » : deux choix ont l'identifiant « \(choice) ».",
                en: "Field “\(field)”: two choices have the id “\(choice)”.")
        case let .missingChoices(field):
            return Localized(
                fr: "Question « \(field) » : une question à choix a besoin d'une liste « choices ».",
                en: "Field “\(field)”: a choice field needs a “choices” list.")
        case let .unexpectedChoices(field, kind):
            return Localized(
                fr: "Question « \(field) » : « choices » ne sert qu'aux types choice et multichoice, pas à \(kind.rawValue). Retirez-la ou changez le type.",
                en: "Field “\(field)”: “choices” only applies to choice and multichoice, not \(kind.rawValue). Remove it or change the kind.")
        case let .invalidLimit(field, detail):
            return Localized(fr: "Question « \(field) » : \(detail.fr).", en: "Field “\(field)”: \(detail.en).")
        case let .invalidMustBe(field, detail):
            return Localized(fr: "Question « \(field) » : \(detail.fr).", en: "Field “\(field)”: \(detail.en).")
        case let .conditionUnknownField(location, field):
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : la condition porte sur « \(field) », qui n'existe pas. Vérifiez l'identifiant.",
                en: "\(location.name.en.capitalizedFirst): the condition refers to “\(field)”, which does not exist. Check the id.")
        case let .conditionForwardReference(location, field):
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : la condition porte sur « \(field) », qui n'est pas encore posée à cet endroit. Une condition ne peut dépendre que de questions posées avant.",
                en: "\(location.name.en.capitalizedFirst): the condition refers to “\(field)”, which is not asked yet at that point. A condition may only depend on questions asked before it.")
        case let .conditionUnknownValue(location, field, value, allowed):
            let list = allowed.joined(separator: ", ")
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : la condition attend « \(value) » pour « \(field) », qui ne peut pas valoir cela. Valeurs possibles : \(list).",
                en: "\(location.name.en.capitalizedFirst): the condition expects “\(value)” for “\(field)”, which can never have that value. Possible values: \(list).")
        case let .conditionOperatorMismatch(location, field, kind, op):
            let hint = kind == .multichoice
                ? (fr: "utilisez « includes » ou « answered »", en: "use “includes” or “answered”")
                : kind.hasChoices || kind == .yesno
                    ? (fr: "utilisez « equals », « in » ou « answered »", en: "use “equals”, “in” or “answered”")
                    : (fr: "utilisez « answered »", en: "use “answered”")
            return Localized(
                fr: "\(location.name.fr.capitalizedFirst) : « \(op) » ne s'applique pas à « \(field) » (type \(kind.rawValue)) ; \(hint.fr).",
                en: "\(location.name.en.capitalizedFirst): “\(op)” does not apply to “\(field)” (kind \(kind.rawValue)); \(hint.en).")
        case let .unknownRole(field, role):
            let list = FieldRole.allCases.map(\.rawValue).joined(separator: ", ")
            return Localized(
                fr: "Question « \(field) » : le rôle « \(role) » n'existe pas. Rôles possibles : \(list).",
                en: "Field “\(field)”: there is no role “\(role)”. Possible roles: \(list).")
        case let .invalidRole(field, role, detail):
            return Localized(
                fr: "Question « \(field) », rôle « \(role.rawValue) » : \(detail.fr).",
                en: "Field “\(field)”, role “\(role.rawValue)”: \(detail.en).")
        }
    }

    /// The English explanation.
    public var description: String { message.en }

    /// Where in the questionnaire a problem is, named by ids.
    public enum Location: Sendable, Hashable {
        /// The questionnaire as a whole.
        case questionnaire
        /// A section, by id.
        case section(String)
        /// A field, by id.
        case field(String)
        /// A choice of a field, by ids.
        case choice(String, field: String)

        /// The location in words.
        public var name: Localized {
            switch self {
            case .questionnaire: Localized(fr: "le questionnaire", en: "the questionnaire")
            case let .section(id): Localized(fr: "section « \(id) »", en: "section “\(id)”")
            case let .field(id): Localized(fr: "question « \(id) »", en: "field “\(id)”")
            case let .choice(id, field):
                Localized(fr: "choix « \(id) » de la question « \(field) »", en: "choice “\(id)” of field “\(field)”")
            }
        }
    }
}

private extension String {
    /// `field “x”` → `Field “x”`, for sentences that start with a location.
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
