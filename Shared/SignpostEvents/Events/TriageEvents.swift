import Foundation

/// A person classified an enquiry: a triage officer deciding one the classifier was unsure of,
/// or anyone authorised correcting the classification of one already referred. The referral
/// service routes the enquiry again on it, exactly as it routes a new one.
///
/// It carries the case record itself (`enquiry`, sealed values and all), so that the referral
/// service needs no store of its own to act on it.
public struct EnquiryReclassified: SignpostEvent {
    public static let typeName = "EnquiryReclassified"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// Unique per decision, such as `SP-261129-7KQ4M-2XD9A:decision:1795000000000`.
    public var decisionId: String
    public var reference: String
    /// The person's classification: confidence 1, `decided_by` `person:<operator>`, the reason as evidence.
    public var classification: Classification
    /// What the enquiry was classified as before.
    public var previous: Classification
    /// Who decided (the operator's id).
    public var operatorId: String
    /// Why, in the operator's words.
    public var reason: String
    /// The case record as the redactor wrote it (its own classification is `previous`).
    public var enquiry: EnquiryRedacted
    public var decidedAt: Date

    public var subject: String { reference }
    public var eventID: String { decisionId }

    public init(decisionId: String, reference: String, classification: Classification, previous: Classification,
                operatorId: String, reason: String, enquiry: EnquiryRedacted, decidedAt: Date) {
        self.decisionId = decisionId
        self.reference = reference
        self.classification = classification
        self.previous = previous
        self.operatorId = operatorId
        self.reason = reason
        self.enquiry = enquiry
        self.decidedAt = decidedAt
    }
}

extension Classification {
    /// A person's classification of an enquiry: the kind, service and district they chose, the
    /// special categories the classifier found, and the lawful basis and Art. 9 condition that
    /// follow from them; confidence 1. `candidates` are those the person was shown (the
    /// classifier's), kept for the record.
    public static func byPerson(
        kind: EnquiryKind, service: ResponsibleService, district: District?, specialCategories: [SpecialCategory],
        operatorId: String, reason: String, candidates: [Candidate] = []
    ) -> Classification {
        Classification(
            kind: kind, service: service, district: service == .districtCouncil ? district : nil, specialCategories: specialCategories,
            lawfulBasis: kind.lawfulBasis,
            specialCategoryCondition: SpecialCategoryCondition.required(kind: kind, specialCategories: specialCategories),
            confidence: 1, decidedBy: "person:\(operatorId)", evidence: ["decided by \(operatorId): \(reason)"], candidates: candidates
        )
    }
}
