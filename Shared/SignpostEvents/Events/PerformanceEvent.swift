import Foundation

/// A personal-data-free record of one step of one enquiry, for analysts.
///
/// It never holds text, names, contact details or case references: the enquiry is a
/// pseudonymous id (a keyed digest of the reference), agents are pseudonymous ids.
public struct PerformanceEvent: SignpostEvent {
    public static let typeName = "PerformanceEvent"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    public enum Stage: String, Codable, Sendable, CaseIterable, Hashable {
        case received, classified, redacted, referred, triaged
        case surveyInvited = "survey_invited"
        case surveyAnswered = "survey_answered"
        case deadLettered = "dead_lettered"
    }

    /// Unique per (enquiry, stage), so a duplicate after a restart can be recognised.
    public var eventId: String
    public var stage: Stage
    /// The service that recorded the step.
    public var recordedBy: String
    /// Pseudonymous enquiry id; the same for every stage of one enquiry.
    public var enquiry: String
    public var channel: Channel?
    public var kind: EnquiryKind?
    public var service: ResponsibleService?
    public var district: District?
    public var recipient: String?
    public var priority: ReferralPriority?
    public var confidence: Double?
    public var specialCategoryPresent: Bool?
    public var agentId: String?
    /// Milliseconds from the contact being received to this step.
    public var elapsedMilliseconds: Int?
    /// Survey score, for `survey_answered`.
    public var score: Int?
    /// Dead-letter reason code, for `dead_lettered`.
    public var reason: DeadLetterReason?
    public var occurredAt: Date

    public var subject: String { enquiry }
    public var eventID: String { eventId }

    public init(
        eventId: String, stage: Stage, recordedBy: String, enquiry: String, channel: Channel? = nil,
        kind: EnquiryKind? = nil, service: ResponsibleService? = nil, district: District? = nil,
        recipient: String? = nil, priority: ReferralPriority? = nil, confidence: Double? = nil,
        specialCategoryPresent: Bool? = nil, agentId: String? = nil, elapsedMilliseconds: Int? = nil,
        score: Int? = nil, reason: DeadLetterReason? = nil, occurredAt: Date
    ) {
        self.eventId = eventId
        self.stage = stage
        self.recordedBy = recordedBy
        self.enquiry = enquiry
        self.channel = channel
        self.kind = kind
        self.service = service
        self.district = district
        self.recipient = recipient
        self.priority = priority
        self.confidence = confidence
        self.specialCategoryPresent = specialCategoryPresent
        self.agentId = agentId
        self.elapsedMilliseconds = elapsedMilliseconds
        self.score = score
        self.reason = reason
        self.occurredAt = occurredAt
    }
}
