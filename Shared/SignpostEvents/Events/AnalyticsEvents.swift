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

/// The performance measures of one hour, overall or for one value of one dimension
/// (a channel, a kind, a service or a team), as the `analytics` service last computed them.
///
/// Published on a compacted topic keyed by ``aggregateId``, so the latest event per key is
/// the current figure; the service republishes a key whenever its figures change (checked
/// every minute). Counts are of enquiries; a dead-lettered record counts as an enquiry of its own.
/// It holds no personal data: only counts, rates and timings.
public struct PerformanceAggregate: SignpostEvent {
    public static let typeName = "PerformanceAggregate"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// What an aggregate is broken down by.
    public enum Dimension: String, Codable, Sendable, CaseIterable, Hashable {
        /// Every enquiry of the hour.
        case all
        case channel, kind, service, team
    }

    /// `<hour>/<dimension>` or `<hour>/<dimension>=<value>`, such as `2026-11-29T10:00:00Z/channel=phone`:
    /// the Kafka key, stable across republications.
    public var aggregateId: String
    /// The start of the UTC hour in which the contacts were received.
    public var hour: Date
    public var dimension: Dimension
    /// The channel, kind, service or team (recipient id); `unknown` when the stage that would
    /// tell it was never reached; absent for `all`.
    public var value: String?
    public var enquiries: Int
    public var received: Int
    public var referred: Int
    public var triaged: Int
    public var deadLettered: Int
    public var surveysInvited: Int
    public var surveysAnswered: Int
    /// Median time from contact to referral or triage, in milliseconds.
    public var referralMillisecondsMedian: Double?
    /// 90th percentile (nearest rank) of the time from contact to referral or triage, in milliseconds.
    public var referralMillisecondsP90: Int?
    /// Triaged share of the enquiries referred or triaged.
    public var triageRate: Double?
    /// Dead-lettered share of the enquiries.
    public var deadLetterRate: Double?
    /// Answered share of the survey invitations.
    public var surveyResponseRate: Double?
    /// Mean survey score, 1 to 5.
    public var meanScore: Double?
    /// Distinct performance events folded into the service's state when this was computed.
    public var eventsFolded: Int
    public var computedAt: Date

    public var subject: String { aggregateId }
    /// Unique per publication of a key.
    public var eventID: String { "\(aggregateId)@\(Int64((computedAt.timeIntervalSince1970 * 1000).rounded()))" }

    public init(
        aggregateId: String, hour: Date, dimension: Dimension, value: String?, enquiries: Int, received: Int,
        referred: Int, triaged: Int, deadLettered: Int, surveysInvited: Int, surveysAnswered: Int,
        referralMillisecondsMedian: Double?, referralMillisecondsP90: Int?, triageRate: Double?,
        deadLetterRate: Double?, surveyResponseRate: Double?, meanScore: Double?, eventsFolded: Int, computedAt: Date
    ) {
        self.aggregateId = aggregateId
        self.hour = hour
        self.dimension = dimension
        self.value = value
        self.enquiries = enquiries
        self.received = received
        self.referred = referred
        self.triaged = triaged
        self.deadLettered = deadLettered
        self.surveysInvited = surveysInvited
        self.surveysAnswered = surveysAnswered
        self.referralMillisecondsMedian = referralMillisecondsMedian
        self.referralMillisecondsP90 = referralMillisecondsP90
        self.triageRate = triageRate
        self.deadLetterRate = deadLetterRate
        self.surveyResponseRate = surveyResponseRate
        self.meanScore = meanScore
        self.eventsFolded = eventsFolded
        self.computedAt = computedAt
    }
}
