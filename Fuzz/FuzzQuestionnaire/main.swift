// libFuzzer target: questionnaire files (`temoin form import`) on arbitrary bytes. `make fuzz`; Docs/RELIABILITY.md.
import Foundation
import TemoinForms

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuestionnaire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let form: Questionnaire
    do {
        form = try Questionnaire(jsonData: bytes)
    } catch is QuestionnaireError {
        return 0
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    // An accepted questionnaire survives its canonical form, and its conditions evaluate.
    guard let canonical = try? form.jsonData(), let again = try? Questionnaire(jsonData: canonical) else {
        fatalError("an accepted questionnaire does not read back from its canonical form")
    }
    precondition(again == form, "questionnaire does not round-trip")
    _ = form.validate(Answers(), forSealing: true)
    _ = form.visibleFieldIDs(in: Answers())
    return 0
}
