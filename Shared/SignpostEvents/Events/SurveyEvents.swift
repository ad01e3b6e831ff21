import Foundation

/// Ask the resident how it went; the channel adapter delivers it by the channel the resident used.
public struct SurveyInvited: SignpostEvent {
    public static let typeName = "SurveyInvited"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// Unique per enquiry: one invitation per enquiry, ever.
    public var invitationId: String
    public var reference: String
    /// The adapter's contact id, through which it reaches the resident.
    public var contactId: String
    public var channel: Channel
    /// The recipient the enquiry was referred to.
    public var recipient: String
    public var invitedAt: Date
    /// Answers after this are refused.
    public var expiresAt: Date

    public var subject: String { reference }
    public var eventID: String { invitationId }

    public init(invitationId: String, reference: String, contactId: String, channel: Channel, recipient: String, invitedAt: Date, expiresAt: Date) {
        self.invitationId = invitationId
        self.reference = reference
        self.contactId = contactId
        self.channel = channel
        self.recipient = recipient
        self.invitedAt = invitedAt
        self.expiresAt = expiresAt
    }
}

/// The resident's answer, published by the channel adapter.
public struct SurveyResponded: SignpostEvent {
    public static let typeName = "SurveyResponded"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    public var invitationId: String
    public var reference: String
    /// 1 (very poor) to 5 (very good).
    public var score: Int
    /// Free text; may hold personal data until redacted.
    public var comment: String?
    public var respondedAt: Date

    public var subject: String { reference }
    public var eventID: String { invitationId }

    public init(invitationId: String, reference: String, score: Int, comment: String? = nil, respondedAt: Date) {
        self.invitationId = invitationId
        self.reference = reference
        self.score = score
        self.comment = comment
        self.respondedAt = respondedAt
    }
}
