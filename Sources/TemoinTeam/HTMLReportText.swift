import Foundation
import TemoinForms

/// Every string of the HTML report, in French and English.
enum HTMLReportText {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    static let kicker = l("Témoin · rapport de l'équipe juridique", "Témoin · legal team report")
    static let confidential = l(
        "Document confidentiel : il contient des témoignages. Les coordonnées des témoins et les notes des bénévoles n'y figurent pas.",
        "Confidential document: it contains testimonies. Witnesses' contact details and volunteers' notes are left out.")
    static func generated(_ when: String, form: String, version: Int) -> Localized {
        l("Généré le \(when) · questionnaire « \(form) », version \(version)", "Generated on \(when) · questionnaire “\(form)”, version \(version)")
    }
    static let contents = l("Sommaire", "Contents")

    static let summary = l("En bref", "Summary")
    static let testimonies = l("témoignages", "testimonies")
    static let bundles = l("lots", "bundles")
    static let desks = l("postes d'accueil", "desks")
    static func filtered(_ description: String) -> Localized {
        l("Seuls les témoignages qui répondent à ce filtre sont comptés : \(description)",
          "Only testimonies matching this filter are counted: \(description)")
    }
    static func unverified(_ count: Int) -> Localized {
        l("\(count) témoignage(s) récupéré(s) d'un lot endommagé : leur origine n'est pas prouvée (marqués « non vérifié »).",
          "\(count) testimony(ies) recovered from a damaged bundle: their origin is not proven (marked “unverified”).")
    }
    static func unread(records: Int, bundles: Int) -> Localized {
        l("Non lus : \(records) enregistrement(s) (clé d'une autre équipe ou fichier endommagé) et \(bundles) lot(s) refusé(s) ; ils ne sont pas comptés.",
          "Not read: \(records) record(s) (another team's key or a damaged file) and \(bundles) refused bundle(s); they are not counted.")
    }
    static func conflicts(_ count: Int) -> Localized {
        l("\(count) témoignage(s) en conflit ou d'un autre poste que celui qui a signé le lot : l'un des postes les a forgés (marqués).",
          "\(count) testimony(ies) in conflict, or from another desk than the one that signed the bundle: one of the desks forged them (marked).")
    }
    static func notApproved(_ count: Int) -> Localized {
        l("\(count) témoignage(s) viennent de postes que l'équipe n'a pas approuvés (empreinte non vérifiée par téléphone) : marqués.",
          "\(count) testimony(ies) come from desks the team has not approved (fingerprint not checked by phone): marked.")
    }
    static let count = l("Nombre", "Count")
    static let share = l("Part", "Share")
    static let answer = l("Réponse", "Answer")

    static let charts = l("Statistiques", "Statistics")
    static let chartsIntro = l(
        "Chaque graphique compte les témoignages et dit sur combien portent ses pourcentages : une question posée seulement après certaines réponses compte parmi les témoignages où elle était posée. « Non renseigné » : posée, sans réponse ; « question sans objet » : pas posée vu les réponses précédentes, hors des pourcentages.",
        "Each chart counts testimonies and says what its percentages are of: a question asked only after some answers counts among the testimonies where it was asked. “Not answered”: asked, no answer; “question did not apply”: not asked given the earlier answers, outside the percentages.")
    static let crosstabs = l("Tableaux croisés", "Crosstabs")
    static let crosstabsIntro = l(
        "Chaque case compte les témoignages qui ont les deux réponses, puis sa part de la ligne et de la colonne.",
        "Each cell counts the testimonies with both answers, then its share of the row and of the column.")

    static let noData = l("Aucun témoignage à compter.", "No testimony to count.")

    static let list = l("Liste des témoignages", "List of testimonies")

    static let accounts = l("Les témoignages en détail", "Testimonies in full")
    static let accountsIntro = l(
        "Les réponses de chaque témoignage, section par section, dans les mots notés au poste d'accueil.",
        "The answers of each testimony, section by section, in the words written down at the desk.")
    static let footer = l("Produit par Témoin. Aucune ressource extérieure : ce fichier s'ouvre sans connexion.",
                          "Produced by Témoin. No outside resource: this file opens offline.")

    static func timesIn(_ zone: String) -> Localized {
        l("Les heures sont celles du fuseau \(zone) ; chaque témoignage commence une nouvelle page à l'impression.",
          "Times are in the \(zone) time zone; each testimony starts a new page when printed.")
    }

    // MARK: Exhibit

    static let exhibitKicker = l("Témoin · pièce pour un dossier", "Témoin · exhibit for a case file")
    static func exhibitMade(_ when: String) -> Localized {
        l("Pièce établie le \(when) à partir du témoignage chiffré, déchiffré par la clé de l'équipe juridique.",
          "Exhibit made on \(when) from the encrypted testimony, decrypted with the legal team's key.")
    }
    static let exhibitConfidential = l(
        "Document confidentiel. Les coordonnées du témoin et les notes des bénévoles n'y figurent pas ; l'empreinte SHA-256 couvre pourtant tout le contenu scellé.",
        "Confidential document. The witness's contact details and the volunteers' notes are left out; the SHA-256 still covers the whole sealed content.")
    static let identification = l("Identification", "Identification")
    static let verification = l("Vérification", "Verification")
    static let statement = l("Déclaration", "Statement")
    static let checkUnverified = l(
        "Signature du lot : NON VÉRIFIÉE. Ce témoignage a été récupéré d'un lot endommagé (--salvage) : rien ne prouve de quel poste il vient.",
        "Bundle signature: NOT VERIFIED. This testimony was recovered from a damaged bundle (--salvage): nothing proves which desk it comes from.")
    static func checkSignature(fingerprint: String, bundle: String) -> Localized {
        l("Signature du lot : la signature Ed25519 du poste d'empreinte \(fingerprint) sur l'en-tête et le manifeste (la liste signée des enregistrements) du lot \(bundle) est valide.",
          "Bundle signature: the Ed25519 signature of the desk with fingerprint \(fingerprint) over the header and the manifest (the signed list of records) of bundle \(bundle) is valid.")
    }
    static let checkManifest = l(
        "Empreinte de l'enregistrement : l'empreinte BLAKE2b-256 de l'enregistrement chiffré est celle que le manifeste signé liste à sa place ; toute modification la changerait.",
        "Record hash: the BLAKE2b-256 hash of the encrypted record is the one the signed manifest lists at its place; any change would alter it.")
    static let checkManifestAtImport = l(
        "Empreinte de l'enregistrement : l'empreinte BLAKE2b-256 de l'enregistrement chiffré a été comparée au manifeste signé à l'import du lot dans la boîte de l'équipe (le lot entier y est vérifié ; « temoin verify » refait ce contrôle) ; à la lecture, son identifiant est celui du manifeste.",
        "Record hash: the BLAKE2b-256 hash of the encrypted record was compared with the signed manifest when the bundle was imported into the team inbox (the whole bundle is checked there; `temoin verify` checks it again); when read, its id is the manifest's.")
    static let checkDecryption = l(
        "Déchiffrement : le contenu a été déchiffré avec la clé de l'équipe et authentifié (XChaCha20-Poly1305, l'en-tête de l'enregistrement en données associées) : il n'a pas changé depuis son scellement au poste.",
        "Decryption: the content was decrypted with the team's key and authenticated (XChaCha20-Poly1305, the record's header as associated data): it has not changed since it was sealed at the desk.")
    static let checkDeskMatch = l(
        "Le poste nommé dans le contenu scellé est celui qui a signé le lot, et aucune autre copie de cet enregistrement n'a un autre contenu.",
        "The desk named in the sealed content is the one that signed the bundle, and no other copy of this record has another content.")
    static let checkApproved = l(
        "Poste approuvé : l'équipe a vérifié son empreinte par téléphone avec le poste.",
        "Approved desk: the team checked its fingerprint with the desk by phone.")
    static let hashExplained = l(
        "Empreinte du contenu : SHA-256 du contenu canonique, c'est-à-dire le contenu scellé écrit en JSON compact, clés triées, UTF-8 (Docs/FORMAT.md, « Canonical payload ») — les octets mêmes que le poste a scellés, sans les clés de déchiffrement des fichiers remis : elle couvre l'identifiant et le SHA-256 de chacun. Un expert la recalcule à partir de la sortie JSON Lines de « temoin team decrypt », par exemple ainsi :",
        "Content hash: SHA-256 of the canonical payload, that is the sealed content written as compact JSON, keys sorted, UTF-8 (Docs/FORMAT.md, “Canonical payload”) — the very bytes the desk sealed, without the evidence files' decryption keys: it covers each file's id and SHA-256. An expert recomputes it from the JSON Lines output of `temoin team decrypt`, for example so:")
    static let hashExpected = l("Résultat attendu :", "Expected result:")

    // MARK: Corroboration

    static let corroboration = l("Témoignages qui se recoupent", "Corroborating testimonies")
    static let corroborationIntro = l(
        "Deux témoignages se recoupent quand ils donnent la même ville (regroupée comme dans les statistiques), des dates à un jour d'écart au plus, des heures à deux heures d'écart au plus quand les deux en donnent une, et au moins un détail commun : ces heures proches, ou un mot du lieu en commun (champs libres du lieu, sans majuscules ni accents, sans les mots vides comme « rue », « gare », « devant »). Des heures connues à plus de deux heures d'écart excluent le rapprochement. Un témoignage n'est jamais rapproché de lui-même ; deux témoignages du même poste scellés dans la même minute sont signalés (peut-être le même témoin deux fois). Ce sont des pistes à vérifier, pas des preuves.",
        "Two testimonies corroborate each other when they give the same city (grouped as in the figures), dates at most one day apart, times at most two hours apart when both give one, and at least one shared detail: those close times, or a place word in common (free-text place fields, without case or accents, leaving out empty words such as “street”, “station”, “near”). Known times more than two hours apart rule the pair out. A testimony never matches itself; two from the same desk sealed within the same minute are flagged (perhaps one witness counted twice). These are leads to check, not proof.")
    static let corroborationNone = l("Aucun témoignage n'en recoupe un autre selon ces règles.", "No testimony corroborates another by these rules.")

    /// A percentage: "33 %" / "33%".
    static func percent(_ value: Double) -> Localized {
        let rounded = Int(value.rounded())
        return l("\(rounded)\u{00A0}%", "\(rounded)%")
    }
}
