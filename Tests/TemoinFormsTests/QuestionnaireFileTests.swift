import Foundation
import XCTest
@testable import TemoinForms

final class QuestionnaireFileTests: XCTestCase {
    private let yesno = #"{"id": "seen", "kind": "yesno"}"#
    private let picks = #"{"id": "device", "kind": "choice", "choices": [{"id": "phone", "label": {"fr": "Téléphone", "en": "Phone"}}]}"#
    private let ticks = #"{"id": "forces", "kind": "multichoice", "choices": [{"id": "bac", "label": {"fr": "BAC", "en": "BAC"}}]}"#

    private func error(_ fields: [String]) -> QuestionnaireError? {
        Fixtures.error(reading: Fixtures.questionnaireJSON(fields: fields))
    }

    func testAValidSmallFileLoads() throws {
        let form = try Fixtures.questionnaire(fields: [yesno, picks, ticks])
        XCTAssertEqual(form.fields.map(\.id), ["seen", "device", "forces"])
        XCTAssertEqual(form.fields.map(\.required), [false, false, false], "required defaults to false")
        XCTAssertEqual(form.field("seen")?.choices, [], "choices default to none")
    }

    func testDuplicateFieldID() {
        let error = error([yesno, #"{"id": "seen", "kind": "text"}"#])
        XCTAssertEqual(error, .duplicateFieldID("seen"))
        XCTAssertEqual(error?.description,
                       "Two fields have the id “seen”. Every field needs its own id across the whole questionnaire.")
        XCTAssertEqual(error?.message.fr,
                       "Deux questions ont l'identifiant « seen ». Chaque question doit avoir le sien, dans tout le questionnaire.")
    }

    func testConditionOnUnknownField() {
        let error = error([yesno, #"{"id": "how", "kind": "text", "when": {"field": "sen", "equals": "yes"}}"#])
        XCTAssertEqual(error, .conditionUnknownField(location: .field("how"), field: "sen"))
        XCTAssertEqual(error?.description, "Field “how”: the condition refers to “sen”, which does not exist. Check the id.")
    }

    func testConditionOnUnknownChoiceOrValue() {
        XCTAssertEqual(
            error([picks, #"{"id": "model", "kind": "text", "when": {"field": "device", "in": ["phone", "tablet"]}}"#]),
            .conditionUnknownValue(location: .field("model"), field: "device", value: "tablet", allowed: ["phone"]))
        let error = error([yesno, #"{"id": "how", "kind": "text", "when": {"field": "seen", "equals": "oui"}}"#])
        XCTAssertEqual(error?.description,
                       "Field “how”: the condition expects “oui” for “seen”, which can never have that value. Possible values: yes, no, unknown.")
        XCTAssertEqual(
            self.error([ticks, #"{"id": "x", "kind": "text", "when": {"field": "forces", "includes": "crs"}}"#]),
            .conditionUnknownValue(location: .field("x"), field: "forces", value: "crs", allowed: ["bac"]))
    }

    func testConditionOperatorMustFitTheKind() {
        XCTAssertEqual(
            error([ticks, #"{"id": "x", "kind": "text", "when": {"field": "forces", "equals": "bac"}}"#])?.description,
            "Field “x”: “equals” does not apply to “forces” (kind multichoice); use “includes” or “answered”.")
        XCTAssertEqual(
            error([picks, #"{"id": "x", "kind": "text", "when": {"field": "device", "includes": "phone"}}"#]),
            .conditionOperatorMismatch(location: .field("x"), field: "device", kind: .choice, operator: "includes"))
        XCTAssertEqual(
            error([#"{"id": "n", "kind": "number"}"#, #"{"id": "x", "kind": "text", "when": {"field": "n", "equals": "3"}}"#])?.description,
            "Field “x”: “equals” does not apply to “n” (kind number); use “answered”.")
    }

    func testConditionsMayOnlyLookBackwards() {
        XCTAssertEqual(
            error([#"{"id": "how", "kind": "text", "when": {"field": "seen", "equals": "yes"}}"#, yesno]),
            .conditionForwardReference(location: .field("how"), field: "seen"))
        XCTAssertEqual(
            error([#"{"id": "self", "kind": "yesno", "when": {"not": {"field": "self", "answered": true}}}"#]),
            .conditionForwardReference(location: .field("self"), field: "self"))
        let sectionOnOwnField = Fixtures.questionnaireJSON(fields: [yesno], sectionWhen: #"{"field": "seen", "answered": true}"#)
        XCTAssertEqual(Fixtures.error(reading: sectionOnOwnField),
                       .conditionForwardReference(location: .section("main"), field: "seen"))
    }

    func testChoicesMustFitTheKind() {
        XCTAssertEqual(error([#"{"id": "device", "kind": "choice"}"#]), .missingChoices(field: "device"))
        XCTAssertEqual(error([#"{"id": "device", "kind": "multichoice", "choices": []}"#]), .missingChoices(field: "device"))
        XCTAssertEqual(
            error([#"{"id": "t", "kind": "text", "choices": [{"id": "a", "label": {"fr": "A", "en": "A"}}]}"#]),
            .unexpectedChoices(field: "t", kind: .text))
        XCTAssertEqual(
            error([#"{"id": "c", "kind": "choice", "choices": [{"id": "a", "label": {"fr": "A", "en": "A"}}, {"id": "a", "label": {"fr": "B", "en": "B"}}]}"#]),
            .duplicateChoiceID(field: "c", choice: "a"))
    }

    func testUnknownKindAndUnknownKey() {
        let kind = error([#"{"id": "x", "kind": "checkbox"}"#])
        XCTAssertEqual(kind, .unknownKind(path: "sections[0].fields[0].kind", kind: "checkbox"))
        XCTAssertEqual(kind?.description,
                       "At sections[0].fields[0].kind: unknown field kind “checkbox”. Possible kinds: text, longtext, choice, multichoice, yesno, number, date, time, files.")
        let key = error([#"{"id": "x", "kind": "text", "requried": true}"#])
        XCTAssertEqual(key?.description.hasPrefix("At sections[0].fields[0]: unknown key “requried” (a typo?)."), true)
    }

    func testMissingKeysAndWrongTypesNameThePath() {
        XCTAssertEqual(
            Fixtures.error(reading: #"{"id": "f", "version": 1, "title": {"fr": "T"}, "sections": []}"#)?.description,
            "At title: the key “en” is missing.")
        XCTAssertEqual(
            Fixtures.error(reading: #"{"id": "f", "version": "1", "title": {"fr": "T", "en": "T"}, "sections": []}"#)?.description,
            "At version: this must be a whole number.")
        XCTAssertEqual(error([#"{"id": "x", "kind": "text", "required": "yes"}"#])?.description,
                       "At sections[0].fields[0].required: this must be true or false.")
    }

    func testInvalidJSONAndDuplicateKeys() {
        XCTAssertEqual(Fixtures.error(reading: #"{"id": "f", "version": 1"#), .invalidJSON(.syntax), "a truncated file")
        XCTAssertEqual(Fixtures.error(reading: " \n"), .invalidJSON(.empty))
        let fraction = Fixtures.questionnaireJSON(fields: [yesno]).replacingOccurrences(of: #""version": 1"#, with: #""version": 1.5"#)
        XCTAssertEqual(Fixtures.error(reading: fraction), .invalidJSON(.notWholeNumber), "valid JSON, not a whole number")
        XCTAssertThrowsError(try Questionnaire(jsonData: Data([0x7B, 0x22, 0xE9, 0x22, 0x7D]))) {   // {"é"} in Latin-1
            XCTAssertEqual($0 as? QuestionnaireError, .invalidJSON(.notUTF8))
        }
        // Said in the reader's language, without the decoder's English ("The given data was not valid JSON.").
        XCTAssertEqual(QuestionnaireError.invalidJSON(.empty).message.fr,
                       "Le fichier est vide : un questionnaire est un fichier JSON. Vérifiez que c'est le bon fichier.")
        XCTAssertEqual(QuestionnaireError.invalidJSON(.syntax).message.fr, "Le fichier n'est pas du JSON valide : vérifiez virgules, guillemets et accolades.")
        let top = Fixtures.error(reading: #"{"id": "f"}"#)
        XCTAssertEqual(top?.message.fr, "Au premier niveau du fichier : la clé « version » manque.")
        XCTAssertEqual(top?.message.en, "At (top level): the key “version” is missing.")
        let duplicated = Fixtures.questionnaireJSON(fields: [#"{"id": "x", "kind": "text", "kind": "number"}"#])
        XCTAssertEqual(Fixtures.error(reading: duplicated), .duplicateKey("kind"))
    }

    func testIDsTextsVersionAndLimits() {
        XCTAssertEqual(error([#"{"id": "Check-Date", "kind": "date"}"#]), .invalidID(location: .field("Check-Date"), id: "Check-Date"))
        XCTAssertEqual(error([#"{"id": "date_été", "kind": "date"}"#]), .invalidID(location: .field("date_été"), id: "date_été"))
        let emptyLabel = Fixtures.questionnaireJSON(fields: [yesno]).replacingOccurrences(
            of: #"{"label": {"fr": "Question", "en": "Question"}, "id": "seen""#,
            with: #"{"label": {"fr": "Question", "en": " "}, "id": "seen""#)
        XCTAssertEqual(Fixtures.error(reading: emptyLabel), .emptyText(location: .field("seen"), language: .en))
        let version0 = Fixtures.questionnaireJSON(fields: [yesno]).replacingOccurrences(of: #""version": 1"#, with: #""version": 0"#)
        XCTAssertEqual(Fixtures.error(reading: version0), .invalidVersion(0))
        guard case .invalidLimit? = error([#"{"id": "n", "kind": "number", "min": 5, "max": 1}"#]),
              case .invalidLimit? = error([#"{"id": "t", "kind": "text", "min": 1}"#]),
              case .invalidLimit? = error([#"{"id": "n", "kind": "number", "maxLength": 3}"#]),
              case .invalidLimit? = error([#"{"id": "t", "kind": "longtext", "maxLength": 0}"#])
        else { return XCTFail("a contradictory limit was accepted") }
    }

    func testMustBe() {
        XCTAssertEqual(error([#"{"id": "ok", "kind": "yesno", "mustBe": "oui"}"#])?.description,
                       "Field “ok”: mustBe is “oui”; possible values: yes, no, unknown.")
        guard case .invalidMustBe? = error([#"{"id": "t", "kind": "text", "mustBe": "x"}"#]),
              case .invalidMustBe? = error([#"{"id": "t", "kind": "yesno", "mustBeMessage": {"fr": "x", "en": "x"}}"#])
        else { return XCTFail("a meaningless mustBe was accepted") }
    }

    func testEveryErrorHasBothLanguages() {
        let errors: [QuestionnaireError] = [
            .invalidJSON(.empty), .invalidJSON(.notUTF8), .invalidJSON(.syntax), .invalidJSON(.notWholeNumber), .duplicateKey("k"), .invalidStructure(path: "p", detail: Localized(fr: "f", en: "e")),
            .unknownKey(path: "p", key: "k", allowed: ["a"]), .unknownKind(path: "p", kind: "k"),
            .invalidCondition(path: "p", detail: Localized(fr: "f", en: "e")), .invalidVersion(0),
            .invalidID(location: .choice("c", field: "f"), id: "C"), .emptyText(location: .questionnaire, language: .fr),
            .empty(location: .section("s")), .duplicateSectionID("s"), .duplicateFieldID("f"),
            .duplicateChoiceID(field: "f", choice: "c"), .missingChoices(field: "f"), .unexpectedChoices(field: "f", kind: .date),
            .invalidLimit(field: "f", detail: Localized(fr: "f", en: "e")), .invalidMustBe(field: "f", detail: Localized(fr: "f", en: "e")),
            .conditionUnknownField(location: .field("f"), field: "g"), .conditionForwardReference(location: .field("f"), field: "g"),
            .conditionUnknownValue(location: .field("f"), field: "g", value: "v", allowed: ["w"]),
            .conditionOperatorMismatch(location: .field("f"), field: "g", kind: .text, operator: "equals"),
        ]
        for error in errors {
            XCTAssertFalse(error.message.fr.isEmpty)
            XCTAssertNotEqual(error.message.fr, error.message.en, "\(error)")
            XCTAssertEqual(error.description, error.message.en)
        }
        XCTAssertEqual(QuestionnaireError.invalidID(location: .choice("C", field: "f"), id: "C").message.fr.prefix(8), "Choix « ")
    }

    func testEditedBuiltInFileIsAcceptedAfterAVersionBump() throws {
        var form = try Fixtures.builtIn()
        form.version = 2
        form.sections[1].fields.append(Field(
            id: "weather", kind: .choice, label: Localized(fr: "Quel temps faisait-il ?", en: "What was the weather like?"),
            choices: [Choice(id: "dry", label: Localized(fr: "Sec", en: "Dry")), Choice(id: "rain", label: Localized(fr: "Pluie", en: "Rain"))],
            when: .answered(field: "city", true)))
        let reread = try Questionnaire(jsonData: form.jsonData())
        XCTAssertEqual(reread.version, 2)
        XCTAssertEqual(reread.field("weather")?.choices.count, 2)
        XCTAssertNoThrow(try reread.check())
    }
}
