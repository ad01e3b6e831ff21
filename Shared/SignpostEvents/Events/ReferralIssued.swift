import Foundation

/// How fast the recipient must act.
public enum ReferralPriority: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case routine, urgent
    /// Safeguarding: act at once.
    case immediate

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An enquiry referred to a service team or partner (or to triage, for a person to decide),
/// published on that recipient's own referral topic.
public struct ReferralIssued: SignpostEvent {
    public static let typeName = "ReferralIssued"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 2)

    /// A personal value the recipient may receive, in place of its placeholder.
    public typealias SharedValue = PersonalValue

    /// Unique per (enquiry, recipient): the same referral issued twice has the same id.
    public var referralId: String
    public var reference: String
    /// The recipient's id in the topic catalogue, such as `highways` or `district_wychavon`.
    public var recipient: String
    /// True when the enquiry went to triage rather than to a service.
    public var triage: Bool
    /// Why it went to triage, when it did.
    public var triageReason: String?
    public var priority: ReferralPriority
    public var classification: Classification
    public var lawfulBasis: LawfulBasis
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// The redacted text: only placeholders stand where personal data was.
    public var redactedText: String
    /// Entity types the recipient received in clear.
    public var sharedEntityTypes: [PIIType]
    /// Entity types that stayed placeholders for this recipient.
    public var withheldEntityTypes: [PIIType]
    /// The resident refused sharing; the recipient should seek consent before using personal data.
    public var seekConsent: Bool
    public var attachments: [AttachmentReference]
    public var channel: Channel
    public var contactId: String
    public var receivedAt: Date
    public var preferences: ContactPreferences
    public var agentId: String?
    public var issuedAt: Date
    /// The values the recipient may receive, in clear, as 1.1 writers sent them; since 1.2 they
    /// travel sealed in ``sealedShare`` and this is empty.
    public var sharedValues: [SharedValue]
    /// The redacted text with the shared values in place, as 1.1 writers sent it; since 1.2 the
    /// recipient's connector rebuilds it with ``filled(with:)``.
    public var text: String?
    /// The values the recipient may receive (and no others), sealed under the data subject's key
    /// and bound to this referral's id, so that they open only as this referral and for no one
    /// once the subject is erased (since 1.2).
    public var sealedShare: SealedValues?
    /// The resident refused sharing, but a legal obligation (safeguarding) overrode it (since 1.1).
    public var refusalOverridden: Bool
    /// When the recipient's promised response time runs out, in working days (since 1.1).
    public var respondBy: Date?
    /// The data subject (keyed hash), so later steps can honour their restrictions and objections (since 1.1).
    public var dataSubject: String?

    public var subject: String { reference }
    public var eventID: String { referralId }

    public init(
        referralId: String, reference: String, recipient: String, triage: Bool, triageReason: String?,
        priority: ReferralPriority, classification: Classification, lawfulBasis: LawfulBasis,
        specialCategoryCondition: SpecialCategoryCondition?, redactedText: String,
        sharedEntityTypes: [PIIType], withheldEntityTypes: [PIIType], seekConsent: Bool,
        attachments: [AttachmentReference], channel: Channel, contactId: String, receivedAt: Date,
        preferences: ContactPreferences, agentId: String?, issuedAt: Date,
        sharedValues: [SharedValue] = [], text: String? = nil, refusalOverridden: Bool = false, respondBy: Date? = nil,
        dataSubject: String? = nil, sealedShare: SealedValues? = nil
    ) {
        self.referralId = referralId
        self.reference = reference
        self.recipient = recipient
        self.triage = triage
        self.triageReason = triageReason
        self.priority = priority
        self.classification = classification
        self.lawfulBasis = lawfulBasis
        self.specialCategoryCondition = specialCategoryCondition
        self.redactedText = redactedText
        self.sharedEntityTypes = sharedEntityTypes
        self.withheldEntityTypes = withheldEntityTypes
        self.seekConsent = seekConsent
        self.attachments = attachments
        self.channel = channel
        self.contactId = contactId
        self.receivedAt = receivedAt
        self.preferences = preferences
        self.agentId = agentId
        self.issuedAt = issuedAt
        self.sharedValues = sharedValues
        self.text = text
        self.refusalOverridden = refusalOverridden
        self.respondBy = respondBy
        self.dataSubject = dataSubject
        self.sealedShare = sealedShare
    }

    /// The redacted text with each value in place of its placeholder.
    public func filled(with values: [SharedValue]) -> String {
        values.reduce(redactedText) { $0.replacingOccurrences(of: $1.placeholder, with: $1.value) }
    }

    enum CodingKeys: String, CodingKey {
        case referralId, reference, recipient, triage, triageReason, priority, classification, lawfulBasis
        case specialCategoryCondition, redactedText, sharedEntityTypes, withheldEntityTypes, seekConsent, attachments
        case channel, contactId, receivedAt, preferences, agentId, issuedAt, sharedValues, text, refusalOverridden, respondBy, dataSubject
        case sealedShare
    }

    /// Reads 1.0 events too: the fields added in 1.1 default to nothing shared.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        referralId = try c.decode(String.self, forKey: .referralId)
        reference = try c.decode(String.self, forKey: .reference)
        recipient = try c.decode(String.self, forKey: .recipient)
        triage = try c.decode(Bool.self, forKey: .triage)
        triageReason = try c.decodeIfPresent(String.self, forKey: .triageReason)
        priority = try c.decode(ReferralPriority.self, forKey: .priority)
        classification = try c.decode(Classification.self, forKey: .classification)
        lawfulBasis = try c.decode(LawfulBasis.self, forKey: .lawfulBasis)
        specialCategoryCondition = try c.decodeIfPresent(SpecialCategoryCondition.self, forKey: .specialCategoryCondition)
        redactedText = try c.decode(String.self, forKey: .redactedText)
        sharedEntityTypes = try c.decode([PIIType].self, forKey: .sharedEntityTypes)
        withheldEntityTypes = try c.decode([PIIType].self, forKey: .withheldEntityTypes)
        seekConsent = try c.decode(Bool.self, forKey: .seekConsent)
        attachments = try c.decode([AttachmentReference].self, forKey: .attachments)
        channel = try c.decode(Channel.self, forKey: .channel)
        contactId = try c.decode(String.self, forKey: .contactId)
        receivedAt = try c.decode(Date.self, forKey: .receivedAt)
        preferences = try c.decode(ContactPreferences.self, forKey: .preferences)
        agentId = try c.decodeIfPresent(String.self, forKey: .agentId)
        issuedAt = try c.decode(Date.self, forKey: .issuedAt)
        sharedValues = try c.decodeIfPresent([SharedValue].self, forKey: .sharedValues) ?? []
        text = try c.decodeIfPresent(String.self, forKey: .text)
        refusalOverridden = try c.decodeIfPresent(Bool.self, forKey: .refusalOverridden) ?? false
        respondBy = try c.decodeIfPresent(Date.self, forKey: .respondBy)
        dataSubject = try c.decodeIfPresent(String.self, forKey: .dataSubject)
        sealedShare = try c.decodeIfPresent(SealedValues.self, forKey: .sealedShare)
    }

    /// Writes the fields added in 1.1 only when they say something: no `shared_values` when none
    /// is shared and no `refusal_overridden` when false, as a 1.0 event (readers default both).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(referralId, forKey: .referralId)
        try c.encode(reference, forKey: .reference)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(triage, forKey: .triage)
        try c.encodeIfPresent(triageReason, forKey: .triageReason)
        try c.encode(priority, forKey: .priority)
        try c.encode(classification, forKey: .classification)
        try c.encode(lawfulBasis, forKey: .lawfulBasis)
        try c.encodeIfPresent(specialCategoryCondition, forKey: .specialCategoryCondition)
        try c.encode(redactedText, forKey: .redactedText)
        try c.encode(sharedEntityTypes, forKey: .sharedEntityTypes)
        try c.encode(withheldEntityTypes, forKey: .withheldEntityTypes)
        try c.encode(seekConsent, forKey: .seekConsent)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(channel, forKey: .channel)
        try c.encode(contactId, forKey: .contactId)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(preferences, forKey: .preferences)
        try c.encodeIfPresent(agentId, forKey: .agentId)
        try c.encode(issuedAt, forKey: .issuedAt)
        if !sharedValues.isEmpty { try c.encode(sharedValues, forKey: .sharedValues) }
        try c.encodeIfPresent(text, forKey: .text)
        if refusalOverridden { try c.encode(refusalOverridden, forKey: .refusalOverridden) }
        try c.encodeIfPresent(respondBy, forKey: .respondBy)
        try c.encodeIfPresent(dataSubject, forKey: .dataSubject)
        try c.encodeIfPresent(sealedShare, forKey: .sealedShare)
    }
}

/// A service team or partner closed a referral: published by the team on its own referral
/// topic. It repeats what the survey service needs, so that it stands on its own.
public struct ReferralClosed: SignpostEvent {
    public static let typeName = "ReferralClosed"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// How the referral ended.
    public enum Outcome: String, Codable, Sendable, CaseIterable, Hashable {
        case resolved
        case noActionNeeded = "no_action_needed"
        /// Handed on to another body outside Signpost.
        case passedOn = "passed_on"
    }

    /// The closed referral's id.
    public var referralId: String
    public var reference: String
    public var recipient: String
    public var outcome: Outcome
    /// The adapter's contact id and channel, to send the survey the way the resident came.
    public var contactId: String
    public var channel: Channel
    public var kind: EnquiryKind
    public var service: ResponsibleService
    /// The resident does not want a satisfaction survey.
    public var surveyOptOut: Bool
    public var receivedAt: Date
    public var closedAt: Date
    /// The data subject (keyed hash), copied from the referral.
    public var dataSubject: String?

    public var subject: String { reference }
    public var eventID: String { "\(referralId):closed" }

    public init(
        referralId: String, reference: String, recipient: String, outcome: Outcome, contactId: String, channel: Channel,
        kind: EnquiryKind, service: ResponsibleService, surveyOptOut: Bool, receivedAt: Date, closedAt: Date, dataSubject: String? = nil
    ) {
        self.referralId = referralId
        self.reference = reference
        self.recipient = recipient
        self.outcome = outcome
        self.contactId = contactId
        self.channel = channel
        self.kind = kind
        self.service = service
        self.surveyOptOut = surveyOptOut
        self.receivedAt = receivedAt
        self.closedAt = closedAt
        self.dataSubject = dataSubject
    }

    /// The closure of `referral`, as a team would publish it.
    public init(closing referral: ReferralIssued, outcome: Outcome, at closedAt: Date) {
        self.init(
            referralId: referral.referralId, reference: referral.reference, recipient: referral.recipient, outcome: outcome,
            contactId: referral.contactId, channel: referral.channel, kind: referral.classification.kind,
            service: referral.classification.service, surveyOptOut: referral.preferences.surveyOptOut,
            receivedAt: referral.receivedAt, closedAt: closedAt, dataSubject: referral.dataSubject
        )
    }
}
