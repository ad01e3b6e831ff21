import SignpostEvents
import SignpostTopics

/// What one recipient may receive of one enquiry: the data-minimisation decision, made from
/// the sharing catalogue alone (no values in it).
public struct SharingDecision: Sendable, Hashable {
    /// Types the recipient receives in clear.
    public var shared: Set<PIIType>
    /// Types present that stay placeholders.
    public var withheld: Set<PIIType>
    /// The Art. 9 condition, when special-category data goes to the recipient with the person identifiable.
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// A partner receives the redacted text only and is asked to seek consent.
    public var seekConsent: Bool
    /// The resident refused sharing, and a legal obligation overrode it.
    public var refusalOverridden: Bool
    /// Why, in words, for the sharing record.
    public var notes: [String]

    /// The sharing decision for `recipient`.
    /// - Parameters:
    ///   - present: the PII types in the enquiry (entities and the contact's details).
    ///   - specialCategoryPresent: the classifier found special-category data.
    ///   - refusesSharing: the resident refused sharing with partners.
    public init(recipient: RecipientPolicy, basis: LawfulBasis, present: Set<PIIType>, specialCategoryPresent: Bool, refusesSharing: Bool) {
        var allowed = recipient.allowedTypes(under: basis)
        var notes: [String] = []
        seekConsent = false
        refusalOverridden = false
        if allowed.isEmpty && !present.isEmpty {
            notes.append("\(recipient.id) may receive no personal data under \(basis.rawValue)")
        }
        if refusesSharing && recipient.isPartner {
            if basis == .legalObligation {
                refusalOverridden = true
                notes.append("the resident refused sharing; overridden by a legal obligation to share (safeguarding)")
            } else {
                allowed = []
                seekConsent = true
                notes.append("the resident refused sharing with partners: redacted text only, consent to be sought")
            }
        }
        if specialCategoryPresent && recipient.specialCategoryCondition == nil && !allowed.isEmpty {
            allowed = []
            notes.append("special-category data present and \(recipient.id) has no Art. 9 condition: every personal value withheld")
        }
        shared = present.intersection(allowed)
        withheld = present.subtracting(shared)
        specialCategoryCondition = specialCategoryPresent && !shared.isEmpty ? recipient.specialCategoryCondition : nil
        let notAllowed = withheld.intersection(present.subtracting(allowed))
        if !notAllowed.isEmpty && !seekConsent && !allowed.isEmpty {
            notes.append("not allowed to \(recipient.id) under \(basis.rawValue): \(notAllowed.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        self.notes = notes
    }
}
