/// What a field means to the legal team's analysis, so that figures, lists and reports follow the
/// questionnaire instead of hard-coded field ids: a replaced questionnaire keeps its figures.
///
/// In a questionnaire file: `"roles": ["city", "charted"]` on a field (Docs/FORM-FILE.md).
public enum FieldRole: String, Codable, Sendable, CaseIterable {
    /// The date of the events (a `date` field; at most one): figures by month, the list's date, sorting.
    case date
    /// The town or city (a `text` field; at most one): grouped for figures by the rules of `CityName`.
    case city
    /// Charted by default: the team's standard figures, in questionnaire order.
    case charted
    /// A column of the team's list of testimonies and of the report's list.
    case listed
    /// A number of minutes: figures count it in ranges (0, 1–2, 3–5, 6–10, 11–20, 21–60, over 60).
    case minutes
    /// How to reach a person again: never in a report or in figures (implies `private`).
    case contact
    /// Kept out of reports and figures (consent, volunteers' notes); still in decrypted exports.
    case `private`
    /// The witness agrees to be contacted again (a `yesno` field; at most one): `temoin team followup` lists
    /// those who said yes, with the `contact` fields asked only then.
    case recontact
}

extension Field {
    /// Whether the field has this role (`contact` implies `private`).
    public func has(_ role: FieldRole) -> Bool {
        roles.contains(role) || (role == .private && roles.contains(.contact))
    }
}

extension Questionnaire {
    /// The first field with this role, in questionnaire order.
    public func field(withRole role: FieldRole) -> Field? {
        fields.first { $0.has(role) }
    }

    /// Every field with this role, in questionnaire order.
    public func fields(withRole role: FieldRole) -> [Field] {
        fields.filter { $0.has(role) }
    }
}

extension Questionnaire {
    /// How to reach a witness who agreed to be contacted again: the `contact` fields asked only after that
    /// agreement (their condition reads the `recontact` field); every `contact` field when none is.
    public var followUpChannels: [Field] {
        let contacts = fields(withRole: .contact)
        guard let recontact = field(withRole: .recontact) else { return contacts }
        let asked = contacts.filter { $0.when?.referencedFields.contains(recontact.id) == true }
        return asked.isEmpty ? contacts : asked
    }
}
