import Foundation
import RedactorCore
import SignpostEvents

/// The invitations this survey instance has sent and whether each was answered.
///
/// Held in memory: an instance that restarts forgets them, so a later answer to an earlier
/// invitation is refused as unknown. Entries are dropped a day after they expire.
public struct SurveyLedger: Sendable {
    public struct Entry: Sendable, Hashable {
        public var invitationId: String
        public var expiresAt: Date
        public var answered: Bool
        /// What analysts may know of the enquiry (no personal data), for its feedback.
        public var channel: Channel?
        public var kind: EnquiryKind?
        public var service: ResponsibleService?
        public var recipient: String?
    }

    public private(set) var entries: [String: Entry] = [:]
    private var insertions = 0

    public init() {}

    public func entry(forInvitation id: String) -> Entry? { entries[id] }

    mutating func record(_ entry: Entry, now: Date) {
        entries[entry.invitationId] = entry
        insertions += 1
        if insertions % 1000 == 0 {
            entries = entries.filter { $0.value.expiresAt.addingTimeInterval(86_400) > now }
        }
    }

    mutating func markAnswered(_ id: String) { entries[id]?.answered = true }
}

/// What starts a satisfaction survey.
public enum SurveyTrigger: String, Sendable, CaseIterable {
    /// The team's `ReferralClosed` on its referral topic (the default).
    case closure
    /// The `ReferralIssued` itself, for teams that never publish closures.
    case referral
}

/// Survey's decision: invite the resident once their referral is closed (or, configured so,
/// once it is issued), validate the answer, report the score.
///
/// No invitation for triaged enquiries (not yet referred), safeguarding concerns,
/// subject-rights requests, or residents who opted out; never two for one enquiry.
public struct SurveyDecider: Decider {
    public static let serviceName = "survey"
    /// No invitation for a resident who restricted processing or objected to it.
    public static let followsSubjectRights = true
    /// How long an invitation stays open.
    public var validity: TimeInterval
    public var trigger: SurveyTrigger
    public private(set) var ledger = SurveyLedger()

    public init(validity: TimeInterval = 14 * 86_400, trigger: SurveyTrigger = .closure) {
        self.validity = validity
        self.trigger = trigger
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        switch record.eventTypeName {
        case ReferralIssued.typeName:
            let referral = try record.decode(ReferralIssued.self)
            guard trigger == .referral else { return [] }
            return invite(Invitee(referral), context: context)
        case ReferralClosed.typeName:
            let closure = try record.decode(ReferralClosed.self)
            let closed = Emission(EnquiryStatusChanged(
                reference: closure.reference, status: .closed, by: Self.serviceName,
                detail: "\(closure.recipient): \(closure.outcome.rawValue)", at: context.now
            ))
            return [closed] + (trigger == .closure ? invite(Invitee(closure), context: context) : [])
        case ReferralCorrected.typeName:
            // A correction notice for the team; nothing for the survey to do.
            _ = try record.decode(ReferralCorrected.self)
            return []
        case ReferralErased.typeName:
            // An erasure notice for the team; nothing for the survey to do.
            _ = try record.decode(ReferralErased.self)
            return []
        case SurveyResponded.typeName:
            return try accept(try record.decode(SurveyResponded.self), context: context)
        case let other:
            throw EventRejection(.unknownEventType, "survey reads ReferralIssued, ReferralClosed, ReferralCorrected, ReferralErased and SurveyResponded, not \(other ?? "a record without ce_type")")
        }
    }

    /// What an invitation needs to know of a referral or of its closure.
    struct Invitee {
        var reference: String
        var contactId: String
        var channel: Channel
        var recipient: String
        var kind: EnquiryKind
        var service: ResponsibleService
        var district: District?
        var triage: Bool
        var surveyOptOut: Bool
        var receivedAt: Date
        var dataSubject: String?

        init(_ r: ReferralIssued) {
            reference = r.reference
            contactId = r.contactId
            channel = r.channel
            recipient = r.recipient
            kind = r.classification.kind
            service = r.classification.service
            district = r.classification.district
            triage = r.triage
            surveyOptOut = r.preferences.surveyOptOut
            receivedAt = r.receivedAt
            dataSubject = r.dataSubject
        }

        init(_ c: ReferralClosed) {
            reference = c.reference
            contactId = c.contactId
            channel = c.channel
            recipient = c.recipient
            kind = c.kind
            service = c.service
            district = nil
            triage = c.recipient == "triage"
            surveyOptOut = c.surveyOptOut
            receivedAt = c.receivedAt
            dataSubject = c.dataSubject
        }

        var exclusion: String? {
            SurveyDecider.exclusion(triage: triage, kind: kind, optedOut: surveyOptOut)
        }
    }

    /// Why no invitation is sent for a referral, or nil to send one.
    public static func exclusion(for referral: ReferralIssued) -> String? {
        exclusion(triage: referral.triage, kind: referral.classification.kind, optedOut: referral.preferences.surveyOptOut)
    }

    static func exclusion(triage: Bool, kind: EnquiryKind, optedOut: Bool) -> String? {
        if triage { return "triaged" }
        if kind == .safeguardingConcern { return "safeguarding concern" }
        if kind == .dataRightsRequest { return "subject-rights request" }
        if optedOut { return "opted out" }
        return nil
    }

    mutating func invite(_ referral: Invitee, context: DecisionContext) -> [Emission] {
        let invitationId = EventIds.surveyInvitation(reference: referral.reference)
        let rights = context.subjectRights(referral.dataSubject)
        guard referral.exclusion == nil, !rights.restricted, !rights.objected, ledger.entry(forInvitation: invitationId) == nil else { return [] }
        let invitation = SurveyInvited(
            invitationId: invitationId, reference: referral.reference, contactId: referral.contactId, channel: referral.channel,
            recipient: referral.recipient, invitedAt: context.now, expiresAt: context.now.addingTimeInterval(validity)
        )
        ledger.record(.init(
            invitationId: invitationId, expiresAt: invitation.expiresAt, answered: false, channel: referral.channel,
            kind: referral.kind, service: referral.service, recipient: referral.recipient
        ), now: context.now)
        let pseudonym = context.pseudonymize(referral.reference)
        return [
            Emission(invitation),
            Emission(EnquiryStatusChanged(reference: referral.reference, status: .surveyInvited, by: Self.serviceName, detail: referral.channel.rawValue, at: context.now)),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: pseudonym, stage: .surveyInvited), stage: .surveyInvited, recordedBy: Self.serviceName,
                enquiry: pseudonym, channel: referral.channel, kind: referral.kind, service: referral.service,
                district: referral.district, recipient: referral.recipient,
                elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(referral.receivedAt) * 1000)), occurredAt: context.now
            )),
        ]
    }

    mutating func accept(_ response: SurveyResponded, context: DecisionContext) throws(EventRejection) -> [Emission] {
        guard (1...5).contains(response.score) else {
            throw EventRejection(.surveyInvalid, "score \(response.score) is outside 1 to 5")
        }
        guard let entry = ledger.entry(forInvitation: response.invitationId) else {
            throw EventRejection(.surveyInvalid, "no open invitation \(response.invitationId) is known to this survey service")
        }
        guard response.invitationId == EventIds.surveyInvitation(reference: response.reference) else {
            throw EventRejection(.surveyInvalid, "invitation \(response.invitationId) does not belong to the enquiry the response names")
        }
        guard response.respondedAt <= entry.expiresAt, context.now <= entry.expiresAt.addingTimeInterval(3600) else {
            throw EventRejection(.surveyInvalid, "invitation \(response.invitationId) expired at \(EventCodec.format(entry.expiresAt))")
        }
        guard !entry.answered else {
            throw EventRejection(.duplicate, "invitation \(response.invitationId) was already answered; one answer per invitation")
        }
        ledger.markAnswered(response.invitationId)
        let pseudonym = context.pseudonymize(response.reference)
        var out = [
            Emission(EnquiryStatusChanged(reference: response.reference, status: .surveyAnswered, by: Self.serviceName, at: context.now)),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: pseudonym, stage: .surveyAnswered), stage: .surveyAnswered, recordedBy: Self.serviceName,
                enquiry: pseudonym, channel: entry.channel, kind: entry.kind, service: entry.service, recipient: entry.recipient,
                score: response.score, occurredAt: context.now
            )),
        ]
        if let comment = response.comment, let cleaned = FeedbackRedaction.redact(comment, reference: response.reference) {
            out.append(Emission(SurveyFeedback(
                feedbackId: SurveyFeedback.id(enquiry: pseudonym), enquiry: pseudonym, score: response.score,
                channel: entry.channel, kind: entry.kind, service: entry.service, recipient: entry.recipient,
                comment: cleaned.text, redactedEntityTypes: cleaned.entityTypes, redactorVersion: Redactor.version,
                respondedAt: response.respondedAt
            )))
        }
        return out
    }
}
