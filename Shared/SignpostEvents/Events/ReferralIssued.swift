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
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

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
    /// Entity types the recipient received in clear (none yet: every value stays a placeholder).
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

    public var subject: String { reference }
    public var eventID: String { referralId }

    public init(
        referralId: String, reference: String, recipient: String, triage: Bool, triageReason: String?,
        priority: ReferralPriority, classification: Classification, lawfulBasis: LawfulBasis,
        specialCategoryCondition: SpecialCategoryCondition?, redactedText: String,
        sharedEntityTypes: [PIIType], withheldEntityTypes: [PIIType], seekConsent: Bool,
        attachments: [AttachmentReference], channel: Channel, contactId: String, receivedAt: Date,
        preferences: ContactPreferences, agentId: String?, issuedAt: Date
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
    }
}
