import Foundation

/// The record of one referral's sharing: who received what about an enquiry, under which
/// lawful basis and catalogue version. Never the values themselves.
///
/// One per referral (its id is the referral's id), on the sharing-audit topic; a data
/// protection officer reads it with `signpost audit`.
public struct SharingRecorded: SignpostEvent {
    public static let typeName = "SharingRecorded"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// The referral's id: one audit record per referral.
    public var auditId: String
    public var reference: String
    public var recipient: String
    /// `council` or `partner`.
    public var recipientScope: String
    /// The data subject (a keyed hash of their normalised email, phone, or name with postcode), when the values were sealed.
    public var dataSubject: String?
    public var sharedEntityTypes: [PIIType]
    public var withheldEntityTypes: [PIIType]
    public var lawfulBasis: LawfulBasis
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// The resident refused sharing with partners outside the council.
    public var refusedSharing: Bool
    /// A legal obligation overrode the refusal.
    public var refusalOverridden: Bool
    /// The recipient was asked to seek consent before using personal data.
    public var seekConsent: Bool
    /// Why each withheld type was withheld, and any override, in words.
    public var notes: [String]
    /// The sharing catalogue's version that decided.
    public var catalogueVersion: String
    public var sharedAt: Date

    public var subject: String { reference }
    public var eventID: String { auditId }

    public init(
        auditId: String, reference: String, recipient: String, recipientScope: String, dataSubject: String?,
        sharedEntityTypes: [PIIType], withheldEntityTypes: [PIIType], lawfulBasis: LawfulBasis,
        specialCategoryCondition: SpecialCategoryCondition?, refusedSharing: Bool, refusalOverridden: Bool,
        seekConsent: Bool, notes: [String], catalogueVersion: String, sharedAt: Date
    ) {
        self.auditId = auditId
        self.reference = reference
        self.recipient = recipient
        self.recipientScope = recipientScope
        self.dataSubject = dataSubject
        self.sharedEntityTypes = sharedEntityTypes
        self.withheldEntityTypes = withheldEntityTypes
        self.lawfulBasis = lawfulBasis
        self.specialCategoryCondition = specialCategoryCondition
        self.refusedSharing = refusedSharing
        self.refusalOverridden = refusalOverridden
        self.seekConsent = seekConsent
        self.notes = notes
        self.catalogueVersion = catalogueVersion
        self.sharedAt = sharedAt
    }
}

/// For the channel adapter: tell the resident their reference, who will deal with their
/// enquiry and by when. One per enquiry.
public struct EnquiryAcknowledged: SignpostEvent {
    public static let typeName = "EnquiryAcknowledged"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    public var reference: String
    /// The adapter's contact id, to reply on the same conversation.
    public var contactId: String
    public var channel: Channel
    /// Who deals with it, by their public name (such as "Wychavon District Council").
    public var handledBy: [String]
    /// True when a person in the contact centre decides first.
    public var triage: Bool
    /// The latest promised response date of the recipients.
    public var respondBy: Date?
    public var acknowledgedAt: Date

    public var subject: String { reference }
    public var eventID: String { "\(reference):acknowledged" }

    public init(reference: String, contactId: String, channel: Channel, handledBy: [String], triage: Bool, respondBy: Date?, acknowledgedAt: Date) {
        self.reference = reference
        self.contactId = contactId
        self.channel = channel
        self.handledBy = handledBy
        self.triage = triage
        self.respondBy = respondBy
        self.acknowledgedAt = acknowledgedAt
    }
}
