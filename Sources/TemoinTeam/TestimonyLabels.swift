import TemoinFormat
import TemoinForms

/// The words that name a testimony's identifiers and standing, in French and English — the one place
/// for them, so that the browser, the report, the exhibit and the corroboration say the same thing.
public enum TestimonyLabels {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    // MARK: Identifiers

    public static let receipt = l("Reçu", "Receipt")
    public static func receipt(_ code: String) -> Localized { l("Reçu \(code)", "Receipt \(code)") }
    public static func testimony(_ receipt: String) -> Localized { l("Témoignage \(receipt)", "Testimony \(receipt)") }
    public static let record = l("Identifiant de l'enregistrement", "Record id")
    public static let desk = l("Poste", "Desk")
    public static let fingerprint = l("Empreinte", "Fingerprint")
    public static let deskFingerprint = l("Empreinte du poste", "Desk fingerprint")
    public static let trust = l("Confiance", "Trust")
    public static let deskTrust = l("Confiance dans le poste", "Desk trust")
    public static let status = l("État à la lecture", "Status when read")
    public static let bundle = l("Lot", "Bundle")
    public static let bundleID = l("Identifiant du lot", "Bundle id")
    public static let bundleFile = l("Fichier du lot", "Bundle file")
    public static let sealed = l("Scellé le", "Sealed on")
    public static let form = l("Questionnaire", "Questionnaire")
    public static func form(_ id: String, version: Int) -> Localized { l("« \(id) », version \(version)", "“\(id)”, version \(version)") }
    public static let payloadHash = l("SHA-256 du contenu canonique", "SHA-256 of the canonical payload")
    /// What stands for an identifier that a salvaged testimony does not have.
    public static let unknownValue = l("inconnu (témoignage récupéré d'un lot endommagé)", "unknown (testimony recovered from a damaged bundle)")
    public static func origin(_ desk: String, _ fingerprint: String, _ bundle: String) -> Localized {
        l("Poste « \(desk) » (\(fingerprint)) · lot \(bundle)", "Desk “\(desk)” (\(fingerprint)) · bundle \(bundle)")
    }
    public static func sealedOn(_ time: String) -> Localized { l("Scellé le \(time)", "Sealed on \(time)") }

    // MARK: Evidence files

    public static let files = l("Fichiers remis", "Evidence files")
    /// "photo.jpg — 1,2 Mo — image/jpeg": what the witness handed over, as the desk received it.
    public static func file(_ file: EvidenceFile) -> Localized {
        l("\(file.name) — \(Language.fr.bytes(file.size)) — \(file.type)", "\(file.name) — \(Language.en.bytes(file.size)) — \(file.type)")
    }
    public static let fileHash = l("SHA-256 de l'original", "SHA-256 of the original")
    public static func fileHash(_ sha256: String) -> Localized { l("SHA-256 de l'original : \(sha256)", "SHA-256 of the original: \(sha256)") }
    /// What the file says of its taking, e.g. "Pris le 2026-03-14 18:30:05 (heure de l'appareil) · position 48.858370,
    /// 2.294481 · appareil Apple iPhone 13"; nil when it says nothing.
    public static func capture(_ capture: CaptureMetadata?) -> Localized? {
        guard let capture, !capture.isEmpty else { return nil }
        var fr: [String] = [], en: [String] = []
        if let time = capture.time {
            let shown = time.replacingOccurrences(of: "T", with: " ")
            if shown.hasSuffix("Z") {
                fr.append("Pris le \(shown.dropLast()) UTC")
                en.append("Taken on \(shown.dropLast()) UTC")
            } else {
                fr.append("Pris le \(shown) (heure de l'appareil)")
                en.append("Taken on \(shown) (device clock)")
            }
        }
        if let latitude = capture.latitude, let longitude = capture.longitude {
            fr.append("position \(latitude), \(longitude)")
            en.append("position \(latitude), \(longitude)")
        }
        let device = [capture.make, capture.model].compactMap { $0 }.joined(separator: " ")
        if !device.isEmpty {
            fr.append("appareil \(device)")
            en.append("device \(device)")
        }
        return l(fr.joined(separator: " · "), en.joined(separator: " · "))
    }

    /// "14 mars 2026 à 15:53 CET (UTC+01:00, Europe/Paris)": the date, the wall clock, and the zone spelled
    /// out, so that nobody reads a local time as UTC or the other way round.
    public static func moment(_ moment: LocalMoment) -> Localized {
        let day = StatisticsLabels.date(ApproximateDate(year: moment.year, month: moment.month, day: moment.day))
        let zone = "\(moment.abbreviation) (\(moment.offset), \(moment.zone))"
        return l("\(day.fr) à \(moment.clock) \(zone)", "\(day.en) at \(moment.clock) \(zone)")
    }

    // MARK: Standing

    /// A desk's standing, in a word.
    public static func trust(_ trust: SignerTrust) -> Localized {
        switch trust {
        case .approved: l("approuvé", "approved")
        case .new: l("non approuvé", "not approved")
        case .revoked: l("révoqué", "revoked")
        case .unknown: l("inconnu", "unknown")
        }
    }

    /// The signing desk's standing when it is in doubt, with what to do (nil for an approved desk).
    public static func trustWarning(_ trust: SignerTrust) -> Localized? {
        switch trust {
        case .approved: nil
        case .new: l("Poste NON APPROUVÉ : vérifiez son empreinte par téléphone, puis temoin team desks approve",
                     "Desk NOT APPROVED yet: check its fingerprint by phone, then temoin team desks approve")
        case .revoked: l("Poste RÉVOQUÉ par l'équipe", "Desk REVOKED by the team")
        case .unknown: l("Poste INCONNU de la boîte d'équipe, ou origine non prouvée", "Desk UNKNOWN to the team inbox, or origin not proven")
        }
    }

    /// A testimony's status, in a word or two.
    public static func statusMark(_ status: RecordStatus) -> Localized {
        switch status {
        case .ok: l("vérifié", "verified")
        case .unverified: l("non vérifié", "unverified")
        case .conflict: l("conflit", "conflict")
        case .deskMismatch: l("poste différent", "desk mismatch")
        default: l(status.rawValue, status.rawValue)
        }
    }

    /// What a status other than `ok` means for the testimony, as a warning (nil when there is nothing to say).
    public static func statusWarning(_ status: RecordStatus) -> Localized? {
        switch status {
        case .unverified:
            l("Attention : récupéré d'un lot abîmé ; son origine n'est pas prouvée.",
              "Warning: recovered from a damaged bundle; its origin is not proven.")
        case .conflict:
            l("CONFLIT : une autre copie de ce témoignage a un autre contenu ou vient d'un autre poste ; l'un des postes l'a forgée.",
              "CONFLICT: another copy of this testimony has another content or comes from another desk; one of the desks forged it.")
        case .deskMismatch:
            l("POSTE DIFFÉRENT : le poste qui a signé le lot n'est pas celui qui a scellé ce témoignage.",
              "DESK MISMATCH: the desk that signed the bundle is not the one that sealed this testimony.")
        default: nil
        }
    }
}

extension TestimonyLabels {
    // MARK: Corroboration

    /// Why two testimonies match: "même ville · le même jour · 40 min d'écart · lieu : barbes".
    public static func reason(_ pair: Corroboration.Pair) -> Localized {
        var parts: [Localized] = []
        for rule in pair.rules {
            switch rule {
            case .city: parts.append(l("même ville", "same city"))
            case .date: parts.append(pair.daysApart == 0 ? l("le même jour", "the same day") : l("à un jour d'écart", "one day apart"))
            case .time:
                let m = pair.minutesApart ?? 0
                parts.append(l("\(m) min d'écart", "\(m) min apart"))
            case .place:
                let words = pair.sharedWords.joined(separator: ", ")
                parts.append(l("lieu : \(words)", "place: \(words)"))
            }
        }
        if pair.sameDeskMinute { parts.append(sameDeskMinute) }
        return l(parts.map(\.fr).joined(separator: " · "), parts.map(\.en).joined(separator: " · "))
    }
    public static let sameDeskMinute = l("ATTENTION : même poste, scellés dans la même minute (le même témoin deux fois ?)",
                                         "WARNING: same desk, sealed within the same minute (one witness twice?)")
    public static func group(_ number: Int, city: String, count: Int) -> Localized {
        l("Groupe \(number) : \(city), \(count) témoignages", "Group \(number): \(city), \(count) testimonies")
    }
    public static let morePairs = l("Seules les \(Corroboration.pairLimit) premières paires sont listées ; d'autres témoignages de ce groupe se recoupent sans doute.",
                                    "Only the first \(Corroboration.pairLimit) pairs are listed; other testimonies of this group likely corroborate each other too.")
    public static let noCorroboration = l("Aucun témoignage n'en recoupe un autre.", "No testimony corroborates another.")
    public static let corroborationRules = l(
        "Règles : même ville (regroupée), dates à un jour au plus, heures à deux heures au plus quand les deux sont connues, et des heures proches ou un mot du lieu en commun (Docs/GUIDE-EQUIPE.md).",
        "Rules: same city (grouped), dates at most one day apart, times at most two hours apart when both are known, and close times or a place word in common (Docs/GUIDE-EQUIPE.md).")
}
