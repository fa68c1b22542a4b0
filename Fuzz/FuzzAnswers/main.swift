// libFuzzer target: the answers input of `temoin record`, typed by the built-in questionnaire. `make fuzz`; Docs/RELIABILITY.md.
import Foundation
import TemoinForms

let form = try! Questionnaire.builtIn()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    _ = DuplicateKeys.find(in: bytes)
    guard case let .success(answers) = form.decodeAnswers(fromJSON: bytes) else { return 0 }
    // What `temoin record` does next: prune answers to questions that do not apply, check for sealing.
    let (kept, dropped) = form.pruned(answers)
    precondition(dropped.allSatisfy { answers[$0] != nil && kept[$0] == nil })
    _ = form.validate(kept, forSealing: true)
    // The answers survive the payload's JSON, read back typed by the questionnaire.
    let encoded = try! JSONEncoder().encode(kept)
    guard case let .success(again) = form.decodeAnswers(fromJSON: encoded) else {
        fatalError("accepted answers do not read back: \(String(decoding: encoded, as: UTF8.self))")
    }
    precondition(again == kept, "answers do not round-trip")
    return 0
}
