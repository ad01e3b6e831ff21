import Foundation

/// A resident's survey answer made fit for analysts: the score and the comment with every
/// piece of personal data replaced by a typed placeholder, keyed by the pseudonymous enquiry id.
///
/// It never holds names, contact details or case references: the survey service runs the
/// comment through the redactor (and removes case references) before publishing it, and
/// the enquiry is the same pseudonymous id that ``PerformanceEvent`` carries.
public struct SurveyFeedback: SignpostEvent {
    public static let typeName = "SurveyFeedback"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// Unique per enquiry (one answer per invitation), `<enquiry>:feedback`.
    public var feedbackId: String
    /// Pseudonymous enquiry id; the same as on the enquiry's performance events.
    public var enquiry: String
    /// 1 (very poor) to 5 (very good).
    public var score: Int
    /// The channel the enquiry arrived by, when the survey service knows it.
    public var channel: Channel?
    /// The kind of enquiry, when known.
    public var kind: EnquiryKind?
    /// The responsible service, when known.
    public var service: ResponsibleService?
    /// The recipient (team or partner) the enquiry was referred to, when known.
    public var recipient: String?
    /// The resident's comment, redacted: personal data replaced by placeholders such as `[PERSON_1]`.
    public var comment: String
    /// The types of personal data removed from the comment (one entry per placeholder occurrence).
    public var redactedEntityTypes: [PIIType]
    /// The redactor rule set that produced ``comment``.
    public var redactorVersion: String
    /// When the resident answered.
    public var respondedAt: Date

    public var subject: String { enquiry }
    public var eventID: String { feedbackId }

    public init(
        feedbackId: String, enquiry: String, score: Int, channel: Channel? = nil, kind: EnquiryKind? = nil,
        service: ResponsibleService? = nil, recipient: String? = nil, comment: String, redactedEntityTypes: [PIIType],
        redactorVersion: String, respondedAt: Date
    ) {
        self.feedbackId = feedbackId
        self.enquiry = enquiry
        self.score = score
        self.channel = channel
        self.kind = kind
        self.service = service
        self.recipient = recipient
        self.comment = comment
        self.redactedEntityTypes = redactedEntityTypes
        self.redactorVersion = redactorVersion
        self.respondedAt = respondedAt
    }

    /// The feedback id for a pseudonymous enquiry id.
    public static func id(enquiry: String) -> String { "\(enquiry):feedback" }
}
