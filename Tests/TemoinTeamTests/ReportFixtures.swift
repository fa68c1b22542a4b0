import Foundation
@testable import TemoinFormat
import TemoinForms
@testable import TemoinTeam

/// Hand-built decrypted testimonies for the statistics and report tests.
enum ReportFixtures {
    static let form = try! Questionnaire.builtIn()

    /// A decrypted record whose answers went through JSON exactly as `TeamDecryptor` reads them
    /// (untyped: choice ids, yes / no and dates arrive as text).
    static func record(_ answers: Answers, receipt: String = "AAAA-BBBB", status: RecordStatus = .ok,
                       bundle: String = "desk-a.tmn", deskName: String = "Bureau A", desk: String = "DESK-AAAA",
                       trust: SignerTrust = .approved) -> DecryptedRecord {
        let hex = receipt.utf8.map { String(format: "%02x", $0) }.joined()
        let recordID = String((hex + String(repeating: "0", count: 32)).prefix(32))
        let json: [String: Any] = [
            "format": "temoin-record", "version": 1, "record": recordID, "receipt": receipt, "desk": desk,
            "form": ["id": form.id, "version": form.version], "sealed_at": "2026-03-20T10:15:00Z",
            "answers": try! JSONSerialization.jsonObject(with: JSONEncoder().encode(answers)),
        ]
        let payload = try! JSONDecoder().decode(RecordPayload.self, from: JSONSerialization.data(withJSONObject: json))
        return DecryptedRecord(status: status, bundle: bundle, deskName: deskName, deskFingerprint: desk, deskTrust: trust, payload: payload)
    }

    /// Answers of a complete testimony; `extra` overrides or adds, `.text("")` is not used.
    static func answers(city: String, date: String, forces: [String] = ["police_nationale"], _ extra: Answers = [:]) -> Answers {
        var answers: Answers = [
            "consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(iso: date)!),
            "city": .text(city), "forces": .choices(forces), "account": .text("Récit de \(city).\nDeuxième ligne."),
        ]
        for (id, value) in extra.values { answers[id] = value }
        return answers
    }

    /// A small, varied set: five testimonies in three cities over three months, from two desks.
    static let sample: [DecryptedRecord] = [
        record(answers(city: "Paris", date: "2026-01-12", forces: ["police_nationale", "bac"], [
            "device_kind": .choice("smartphone"), "face_photo": .yesno(.yes), "photo_consent": .choice("not_asked"),
            "result_shown": .yesno(.yes), "result_delay": .number(4), "outcome": .choice("released"),
            "officers_words": .text("« C'est pour la reconnaissance faciale, ça va vite. »"),
            "recontact": .yesno(.yes), "recontact_how": .text("Signal 06 12 34 56 78"), "volunteer_notes": .text("NOTE-PRIVEE"),
        ]), receipt: "K7QF-29XM"),
        record(answers(city: " paris ", date: "2026-03", forces: ["bac"], [
            "device_kind": .choice("tablet"), "face_photo": .yesno(.yes), "photo_consent": .choice("asked_refused"),
            "result_shown": .yesno(.no), "result_delay": .number(0), "outcome": .choice("police_station"),
        ]), receipt: "H4TB-CW8N"),
        record(answers(city: "Saint-Étienne", date: "2026-03-02", forces: ["gendarmerie"], [
            "device_kind": .choice("smartphone"), "face_photo": .yesno(.no), "outcome": .choice("fined"),
        ]), receipt: "RD3E-5PQA", bundle: "desk-b.tmn", deskName: "Bureau B", desk: "DESK-BBBB"),
        record(answers(city: "Lyon", date: "2026-03-28", forces: ["crs", "police_nationale"], [
            "device_kind": .choice("police_terminal"), "face_photo": .yesno(.yes), "photo_consent": .choice("not_asked"),
            "result_shown": .yesno(.yes), "result_delay": .number(90), "outcome": .choice("custody"),
        ]), receipt: "M2ZK-7WQR", status: .unverified, bundle: "desk-b.tmn", deskName: "Bureau B", desk: "DESK-BBBB"),
        record(answers(city: "PARIS", date: "2026-01-30", forces: [], [
            "face_photo": .yesno(.unknown), "place": .text("Gare du Nord, sortie Maubeuge"),
        ]), receipt: "P9XC-3LMN"),
    ]
}
