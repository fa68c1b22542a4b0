import Foundation
import TemoinForms

/// Realistic answers to the built-in questionnaire, varied by index, for generated records.
enum SampleTestimonies {
    private static let cities = ["Saint-Denis", "Paris", "Lyon", "Marseille", "Nantes", "Lille", "Toulouse", "Rennes", "Montreuil", "Bordeaux"]
    private static let forces = [["police_nationale"], ["police_nationale", "bac"], ["gendarmerie"], ["crs", "police_nationale"], ["police_municipale"]]
    private static let devices = ["smartphone", "tablet", "police_terminal", "smartphone", "unknown"]
    private static let outcomes = ["released", "fined", "id_verification", "released", "police_station"]
    private static let account = """
        Je sortais de la gare vers 18 h 30 avec deux amis quand trois agents nous ont arrêtés pour un contrôle \
        d'identité. L'un d'eux a sorti un téléphone professionnel et m'a demandé de regarder l'écran ; il a pris \
        une photo de mon visage sans me demander mon accord. Il a attendu une dizaine de secondes, puis il a dit \
        « c'est bon, vous n'êtes pas connu ». Quand j'ai demandé à quoi servait la photo, il m'a répondu que \
        c'était la procédure. Mon ami a refusé et on l'a menacé de l'emmener au poste. Le contrôle a duré vingt \
        minutes environ ; aucun papier ne nous a été remis.
        """

    /// The answers of testimony number `index` (valid for sealing with the built-in questionnaire).
    static func answers(_ index: Int, form: Questionnaire) throws -> Answers {
        let month = 1 + index % 12
        let object: [String: Any] = [
            "consent": "yes", "role": index % 5 == 0 ? "witness" : "checked", "anonymous": index % 3 == 0 ? "yes" : "no",
            "interview_language": "fr",
            "check_date": String(format: "2025-%02d-%02d", month, 1 + index % 28), "check_time": String(format: "%02d:%02d", 8 + index % 14, index % 60),
            "city": cities[index % cities.count], "place_kind": index % 2 == 0 ? ["transport"] : ["street", "transport"],
            "forces": forces[index % forces.count], "officer_count": 2 + index % 4, "dress": "uniform",
            "id_document": "shown", "duration": 10 + index % 50,
            "device_kind": devices[index % devices.count], "face_photo": "yes", "photo_how": ["asked_to_face"],
            "photo_consent": index % 4 == 0 ? "asked_agreed" : "not_asked", "fingerprint": "no",
            "result_shown": index % 2 == 0 ? "yes" : "no", "result_delay": 5 + index % 30,
            "outcome": outcomes[index % outcomes.count], "filmed": "unknown", "other_witnesses": "no",
            "account": account,
        ]
        let data = try JSONSerialization.data(withJSONObject: object)
        let answers = try form.decodeAnswers(fromJSON: data, today: nil).get()
        let (kept, _) = form.pruned(answers)
        let problems = form.validate(kept, forSealing: true, today: nil)
        guard problems.isEmpty else { throw BenchError.failed("sample testimony \(index) is invalid: \(problems)") }
        return kept
    }
}
