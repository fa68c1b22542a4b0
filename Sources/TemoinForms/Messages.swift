/// The volunteer-facing messages about answers, in French and English.
enum Messages {
    static let missing = Localized(
        fr: "Cette question demande une réponse.",
        en: "This question needs an answer.")

    /// What a typed-in answer to `field` should look like.
    static func expected(_ field: Field) -> Localized {
        switch field.kind {
        case .text, .longtext:
            Localized(fr: "Indiquez la réponse sous forme de texte.", en: "Give the answer as text.")
        case .choice:
            Localized(
                fr: "Choisissez une seule réponse parmi : \(choiceList(field)).",
                en: "Pick one answer among: \(choiceList(field)).")
        case .multichoice:
            Localized(
                fr: "Choisissez une ou plusieurs réponses parmi : \(choiceList(field)).",
                en: "Pick one or more answers among: \(choiceList(field)).")
        case .yesno:
            Localized(
                fr: "Répondez oui, non ou « je ne sais pas » (yes, no, unknown).",
                en: "Answer yes, no or unknown (don't know).")
        case .number:
            Localized(fr: "Indiquez un nombre entier, par exemple 3.", en: "Enter a whole number, for example 3.")
        case .date:
            Localized(
                fr: "Indiquez une date comme 14/03/2026, ou seulement le mois et l'année : 03/2026.",
                en: "Enter a date such as 2026-03-14, or only the month and year: 2026-03.")
        case .time:
            Localized(fr: "Indiquez une heure comme 18h30, vers 18h30, ou un moment : le matin, en fin d'après-midi, le soir…",
                      en: "Enter a time such as 18:30, around 6pm, or a part of the day: morning, late afternoon, evening…")
        }
    }

    /// What the JSON value of an answer to `field` should look like (canonical forms only).
    static func expectedJSON(_ field: Field) -> Localized {
        switch field.kind {
        case .text, .longtext:
            Localized(fr: "Écrivez le texte entre guillemets.", en: "Write the text between double quotes.")
        case .choice:
            Localized(
                fr: "Écrivez l'identifiant d'un choix entre guillemets, parmi : \(choiceList(field)).",
                en: "Write the id of one choice between double quotes, among: \(choiceList(field)).")
        case .multichoice:
            Localized(
                fr: "Écrivez une liste d'identifiants comme [\"a\", \"b\"], parmi : \(choiceList(field)).",
                en: "Write a list of ids such as [\"a\", \"b\"], among: \(choiceList(field)).")
        case .yesno:
            Localized(fr: "Écrivez \"yes\", \"no\" ou \"unknown\".", en: "Write \"yes\", \"no\" or \"unknown\".")
        case .number:
            Localized(
                fr: "Écrivez un nombre entier sans guillemets, par exemple 3.",
                en: "Write a whole number without quotes, for example 3.")
        case .date:
            Localized(
                fr: "Écrivez la date sous la forme \"2026-03-14\", ou \"2026-03\" pour le mois seul.",
                en: "Write the date as \"2026-03-14\", or \"2026-03\" for the month alone.")
        case .time:
            Localized(fr: "Écrivez l'heure sous la forme \"18:30\", \"~18:30\" (vers 18:30) ou un moment comme \"late-afternoon\".",
                      en: "Write the time as \"18:30\", \"~18:30\" (around 18:30) or a part of the day such as \"late-afternoon\".")
        }
    }

    static func unknownField(_ id: String, in questionnaire: Questionnaire, suggestion: String?) -> Localized {
        let name = "« \(questionnaire.id) » (version \(questionnaire.version))"
        let nameEN = "“\(questionnaire.id)” (version \(questionnaire.version))"
        guard let suggestion else {
            return Localized(
                fr: "Le questionnaire \(name) n'a pas de question « \(id) ». Vérifiez l'identifiant.",
                en: "Questionnaire \(nameEN) has no field “\(id)”. Check the id.")
        }
        return Localized(
            fr: "Le questionnaire \(name) n'a pas de question « \(id) ». Vouliez-vous dire « \(suggestion) » ?",
            en: "Questionnaire \(nameEN) has no field “\(id)”. Did you mean “\(suggestion)”?")
    }

    static let controlCharacter = Localized(
        fr: "Le texte contient un caractère invisible non autorisé (caractère de contrôle). Retapez-le sans ce caractère.",
        en: "The text contains an invisible character that is not allowed (a control character). Retype it without it.")

    static let lineBreak = Localized(
        fr: "Cette réponse tient sur une seule ligne : retirez les retours à la ligne.",
        en: "This answer fits on one line: remove the line breaks.")

    static func tooLong(max: Int, count: Int) -> Localized {
        Localized(
            fr: "Réponse trop longue : \(max) caractères au plus (ici \(count)). Raccourcissez-la.",
            en: "Too long: at most \(max) characters (this one has \(count)). Shorten it.")
    }

    static func unknownChoice(_ id: String, field: Field) -> Localized {
        Localized(
            fr: "« \(id) » ne fait pas partie des réponses possibles : \(choiceList(field)).",
            en: "“\(id)” is not one of the possible answers: \(choiceList(field)).")
    }

    static func repeatedChoice(_ id: String) -> Localized {
        Localized(fr: "« \(id) » est coché deux fois.", en: "“\(id)” is ticked twice.")
    }

    static func tooFewChoices(_ min: Int) -> Localized {
        Localized(fr: "Cochez au moins \(min) réponse(s).", en: "Tick at least \(min) answer(s).")
    }

    static func tooManyChoices(_ max: Int) -> Localized {
        Localized(fr: "Cochez au plus \(max) réponse(s).", en: "Tick at most \(max) answer(s).")
    }

    static func tooSmall(_ min: Int) -> Localized {
        Localized(fr: "Le nombre doit être au moins \(min).", en: "The number must be at least \(min).")
    }

    static func tooLarge(_ max: Int) -> Localized {
        Localized(
            fr: "Le nombre doit être au plus \(max). Vérifiez qu'il n'y a pas un chiffre de trop.",
            en: "The number must be at most \(max). Check for an extra digit.")
    }

    static let impossibleDate = Localized(
        fr: "Cette date n'existe pas. Vérifiez le jour, le mois (1 à 12) et l'année en 4 chiffres.",
        en: "This date does not exist. Check the day, the month (1 to 12) and the 4-digit year.")

    static let futureDate = Localized(
        fr: "Cette date est dans le futur. Vérifiez l'année.",
        en: "This date is in the future. Check the year.")

    static let impossibleTime = Localized(
        fr: "Cette heure n'existe pas : de 0 à 23 heures, de 0 à 59 minutes.",
        en: "This time does not exist: hours 0 to 23, minutes 0 to 59.")

    static func mustBe(_ field: Field) -> Localized {
        if let message = field.mustBeMessage { return message }
        let expected = field.mustBe ?? ""
        let label = field.choice(expected)?.label ?? YesNo(rawValue: expected)?.label
            ?? Localized(fr: expected, en: expected)
        return Localized(
            fr: "Il faut répondre « \(label.fr) » pour continuer.",
            en: "The answer must be “\(label.en)” to go on.")
    }

    static func notJSON(_ detail: String) -> Localized {
        Localized(
            fr: "Les réponses ne sont pas du JSON valide en UTF-8 (\(detail)).",
            en: "The answers are not valid UTF-8 JSON (\(detail)).")
    }

    static let repeatedAnswer = Localized(
        fr: "Cette question a deux réponses dans le fichier. Gardez-en une seule.",
        en: "This field is answered twice in the file. Keep only one answer.")

    static let notObject = Localized(
        fr: "Les réponses doivent être un objet JSON : {\"identifiant\": réponse, …}.",
        en: "The answers must be a JSON object: {\"field_id\": answer, …}.")

    private static func choiceList(_ field: Field) -> String {
        field.choices.map(\.id).joined(separator: ", ")
    }
}
