import Foundation
import SignpostEvents

/// Referral's decision: route a redacted enquiry to the responsible service or partner, or to
/// triage, with the lawful basis on the record.
///
/// Emits one `ReferralIssued` on the recipient's topic, the `referred` or `triaged` status and
/// a performance event. This first version shares no personal values: every entity stays a
/// placeholder (withheld) for every recipient.
public struct ReferralDecider: Decider {
    public static let serviceName = "referral"
    public var policy: RoutingPolicy

    public init(policy: RoutingPolicy = .init()) {
        self.policy = policy
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let enquiry = try record.decode(EnquiryRedacted.self)
        let c = enquiry.classification
        let route = policy.route(c)
        let triage = route.triageReason != nil
        let withheld = Array(Set(enquiry.entities.map(\.type) + enquiry.contactFieldTypes)).sorted { $0.rawValue < $1.rawValue }
        // A legal obligation (safeguarding) overrides a refusal to share; otherwise a partner is asked to seek consent.
        let seekConsent = enquiry.preferences.refusesSharing && RoutingPolicy.isPartner(route.recipient) && c.lawfulBasis != .legalObligation
        let referral = ReferralIssued(
            referralId: EventIds.referral(reference: enquiry.reference, recipient: route.recipient),
            reference: enquiry.reference, recipient: route.recipient, triage: triage, triageReason: route.triageReason,
            priority: route.priority, classification: c, lawfulBasis: c.lawfulBasis,
            specialCategoryCondition: c.specialCategoryCondition, redactedText: enquiry.redactedText,
            sharedEntityTypes: [], withheldEntityTypes: withheld, seekConsent: seekConsent,
            attachments: enquiry.attachments, channel: enquiry.channel, contactId: enquiry.contactId,
            receivedAt: enquiry.receivedAt, preferences: enquiry.preferences, agentId: enquiry.agentId, issuedAt: context.now
        )
        let pseudonym = context.pseudonymize(enquiry.reference)
        let stage: PerformanceEvent.Stage = triage ? .triaged : .referred
        return [
            Emission(referral, destination: .recipient(route.recipient)),
            Emission(EnquiryStatusChanged(
                reference: enquiry.reference, status: triage ? .triaged : .referred, by: Self.serviceName,
                detail: route.recipient, at: context.now
            )),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: pseudonym, stage: stage), stage: stage, recordedBy: Self.serviceName,
                enquiry: pseudonym, channel: enquiry.channel, kind: c.kind, service: c.service, district: c.district,
                recipient: route.recipient, priority: route.priority, confidence: c.confidence,
                specialCategoryPresent: !c.specialCategories.isEmpty,
                agentId: enquiry.agentId.map { context.pseudonymize("agent:" + $0) },
                elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(enquiry.receivedAt) * 1000)), occurredAt: context.now
            )),
        ]
    }
}
