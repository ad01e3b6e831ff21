import Foundation
import SignpostEvents
import SignpostSealing
import SignpostTopics

/// Referral's decision: route a redacted enquiry to the responsible service or partner (or to
/// triage), give each recipient only the personal values the sharing catalogue allows it, and
/// put every share on the record.
///
/// Emits, per recipient, a `ReferralIssued` on its topic and a `SharingRecorded` audit event;
/// per enquiry, one `EnquiryAcknowledged` for the channel adapter, the `referred` or `triaged`
/// status and a performance event. An `EnquiryReclassified` (a person's classification) routes
/// its case record again under the new classification, the same way, without a second
/// acknowledgement.
public struct ReferralDecider: Decider {
    public static let serviceName = "referral"
    /// A restriction holds a referral back; an objection counts as a refusal to share.
    public static let followsSubjectRights = true
    public var policy: RoutingPolicy
    /// Opens the sealed values; nil: every value stays a placeholder.
    public var unsealer: Unsealer?

    public init(policy: RoutingPolicy, unsealer: Unsealer? = nil) {
        self.policy = policy
        self.unsealer = unsealer
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        guard record.eventTypeName == EnquiryReclassified.typeName else {
            return try refer(try record.decode(EnquiryRedacted.self), decision: nil, context: context)
        }
        let decision = try record.decode(EnquiryReclassified.self)
        guard decision.enquiry.reference == decision.reference else {
            throw EventRejection(.invalidValue, "the decision is about \(decision.reference) but carries the case record of \(decision.enquiry.reference)")
        }
        var enquiry = decision.enquiry
        enquiry.classification = decision.classification
        return try refer(enquiry, decision: decision, context: context)
    }

    /// What the enquiry's person has asked for, under any identifier they gave: a restriction or
    /// an objection recorded for their email, phone, or name with postcode applies, whichever
    /// of them named the enquiry's subject. Corrections are the subject's own.
    static func rights(of enquiry: EnquiryRedacted, context: DecisionContext) -> SubjectRightsState.Status {
        let subject = enquiry.sealed?.subject
        var status = context.subjectRights(subject)
        for handle in enquiry.subjectHandles ?? [] where handle != subject {
            let other = context.subjectRights(handle)
            status.restricted = status.restricted || other.restricted
            status.objected = status.objected || other.objected
        }
        return status
    }

    /// Routes and shares one case record; `decision` when a person classified it (triage or a
    /// correction): then the record says who, and the resident is not acknowledged a second time.
    private func refer(_ enquiry: EnquiryRedacted, decision: EnquiryReclassified?, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let c = enquiry.classification
        let subject = enquiry.sealed?.subject
        let rights = Self.rights(of: enquiry, context: context)
        let legalObligation = c.lawfulBasis == .legalObligation
        if rights.restricted && !legalObligation {
            // Stored only: no referral, no sharing, until the restriction is lifted and the enquiry replayed.
            return [Emission(EnquiryStatusChanged(
                reference: enquiry.reference, status: .held, by: Self.serviceName,
                detail: "processing restricted at the resident's request: stored only", at: context.now
            ))]
        }
        var rightsNotes: [String] = decision.map {
            ["classified by a person: \($0.operatorId) chose \(c.kind.rawValue)/\(c.service.rawValue) (\($0.decisionId)), was \($0.previous.kind.rawValue)/\($0.previous.service.rawValue): \($0.reason)"]
        } ?? []
        if rights.restricted { rightsNotes.append("the resident restricted processing; overridden by a legal obligation to act") }
        if rights.objected { rightsNotes.append("the resident objected to processing: treated as a refusal to share with partners") }
        let refusesSharing = enquiry.preferences.refusesSharing || rights.objected
        // An objection also means no survey: the survey service reads it from the referral, as it
        // may have been recorded under another identifier of the person than the referral's subject.
        var outgoingPreferences = enquiry.preferences
        if rights.objected || rights.restricted { outgoingPreferences.surveyOptOut = true }
        let routes = policy.route(c, text: enquiry.redactedText)
        let present = Set(enquiry.entities.map(\.type) + enquiry.contactFieldTypes)
        var emissions: [Emission] = []
        var handledBy: [String] = []
        var respondBy: Date?
        for route in routes {
            guard let recipient = policy.catalogue.recipient(route.recipient) else {
                throw EventRejection(.processingFailed, "recipient '\(route.recipient)' is not in the sharing catalogue")
            }
            let decision = SharingDecision(
                recipient: recipient, basis: c.lawfulBasis, present: present, specialCategoryPresent: !c.specialCategories.isEmpty,
                refusesSharing: refusesSharing
            )
            let (opened, unsealNote) = try unseal(enquiry, allowed: decision.shared)
            let (values, correctionNotes) = applyCorrections(rights.corrections, to: opened, allowed: decision.shared)
            let sharedTypes = Set(values.map(\.type))
            let withheld = present.subtracting(sharedTypes)
            // The recipient's promise, or the law's deadline when that comes first.
            let promised = Self.addingWorkingDays(recipient.responseDays, to: context.now)
            let due = enquiry.statutoryDueAt.map { min($0, promised) } ?? promised
            respondBy = max(respondBy ?? due, due)
            handledBy.append(recipient.name)
            let referralId = EventIds.referral(reference: enquiry.reference, recipient: recipient.id)
            let sortedShared = sharedTypes.sorted { $0.rawValue < $1.rawValue }
            let sortedWithheld = withheld.sorted { $0.rawValue < $1.rawValue }
            let condition = sharedTypes.isEmpty ? nil : decision.specialCategoryCondition
            emissions.append(Emission(ReferralIssued(
                referralId: referralId, reference: enquiry.reference, recipient: recipient.id, triage: route.triageReason != nil,
                triageReason: route.triageReason, priority: route.priority, classification: c, lawfulBasis: c.lawfulBasis,
                specialCategoryCondition: condition, redactedText: enquiry.redactedText,
                sharedEntityTypes: sortedShared, withheldEntityTypes: sortedWithheld, seekConsent: decision.seekConsent,
                attachments: enquiry.attachments, channel: enquiry.channel, contactId: enquiry.contactId,
                receivedAt: enquiry.receivedAt, preferences: outgoingPreferences, agentId: enquiry.agentId, issuedAt: context.now,
                refusalOverridden: decision.refusalOverridden, respondBy: due, dataSubject: subject,
                sealedShare: try sealShare(values, referralId: referralId, subject: subject)
            ), destination: .recipient(recipient.id)))
            emissions.append(Emission(SharingRecorded(
                auditId: referralId, reference: enquiry.reference, recipient: recipient.id, recipientScope: recipient.scope.rawValue,
                dataSubject: subject, sharedEntityTypes: sortedShared, withheldEntityTypes: sortedWithheld,
                lawfulBasis: c.lawfulBasis, specialCategoryCondition: condition, refusedSharing: refusesSharing,
                refusalOverridden: decision.refusalOverridden, seekConsent: decision.seekConsent,
                notes: rightsNotes + decision.notes + (unsealNote.map { [$0] } ?? []) + correctionNotes, catalogueVersion: policy.catalogue.version, sharedAt: context.now
            )))
        }
        let primary = routes[0]
        let triage = primary.triageReason != nil
        if decision == nil { emissions.append(Emission(EnquiryAcknowledged(
            reference: enquiry.reference, contactId: enquiry.contactId, channel: enquiry.channel, handledBy: handledBy,
            triage: triage, respondBy: respondBy, acknowledgedAt: context.now
        ))) }
        let pseudonym = context.pseudonymize(enquiry.reference)
        let stage: PerformanceEvent.Stage = triage ? .triaged : .referred
        emissions.append(Emission(EnquiryStatusChanged(
            reference: enquiry.reference, status: triage ? .triaged : .referred, by: Self.serviceName,
            detail: (decision.map { "reclassified by \($0.operatorId): " } ?? "") + routes.map(\.recipient).joined(separator: ", "), at: context.now
        )))
        emissions.append(Emission(PerformanceEvent(
            eventId: EventIds.performance(enquiry: pseudonym, stage: stage), stage: stage, recordedBy: Self.serviceName,
            enquiry: pseudonym, channel: enquiry.channel, kind: c.kind, service: c.service, district: c.district,
            recipient: primary.recipient, priority: primary.priority, confidence: c.confidence,
            specialCategoryPresent: !c.specialCategories.isEmpty,
            agentId: enquiry.agentId.map { context.pseudonymize("agent:" + $0) },
            elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(enquiry.receivedAt) * 1000)), occurredAt: context.now
        )))
        return emissions
    }

    /// The values of the allowed types, and a note when values could not be opened.
    private func unseal(_ enquiry: EnquiryRedacted, allowed: Set<PIIType>) throws(EventRejection) -> ([ReferralIssued.SharedValue], String?) {
        guard !allowed.isEmpty else { return ([], nil) }
        guard let sealed = enquiry.sealed else { return ([], "no sealed values on the enquiry: nothing could be shared") }
        guard let unsealer else { return ([], "this referral service does not unseal: nothing shared") }
        let opened: [String: String]
        do {
            opened = try unsealer.unseal(sealed, reference: enquiry.reference, allowedTypes: allowed)
        } catch {
            switch error {
            case .erased, .keyNotFound:
                return ([], "the data subject's key is gone (\(error)): every value stays a placeholder")
            default:
                throw EventRejection(.invalidValue, "the sealed values cannot be opened: \(error)")
            }
        }
        let types = Dictionary(sealed.values.map { ($0.placeholder, $0.type) }, uniquingKeysWith: { a, _ in a })
        let values = opened.compactMap { placeholder, value in
            types[placeholder].flatMap { allowed.contains($0) ? ReferralIssued.SharedValue(placeholder: placeholder, type: $0, value: value) : nil }
        }
        return (values.sorted { $0.placeholder < $1.placeholder }, nil)
    }

    /// The contact's own values replaced by the person's corrections (rectification), for the
    /// types the recipient may receive; a correction that cannot be opened is left out, with a note.
    private func applyCorrections(
        _ corrections: [PIIType: SubjectRightsState.Correction], to values: [ReferralIssued.SharedValue], allowed: Set<PIIType>
    ) -> ([ReferralIssued.SharedValue], [String]) {
        guard !corrections.isEmpty, let unsealer else { return (values, []) }
        var out = values
        var notes: [String] = []
        for (type, correction) in corrections.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where allowed.contains(type) {
            guard let placeholder = SealedValues.ContactPlaceholder.for(type) else { continue }
            guard let value = (try? unsealer.unseal(correction.sealed, reference: correction.reference, allowedTypes: [type]))?.values.first else {
                notes.append("the correction of \(type.rawValue) (\(correction.actionId)) cannot be opened; the value the contact gave was used")
                continue
            }
            out.removeAll { $0.placeholder == placeholder }
            out.append(ReferralIssued.SharedValue(placeholder: placeholder, type: type, value: value))
            notes.append("\(type.rawValue) as corrected by the resident (\(correction.actionId))")
        }
        return (out.sorted { $0.placeholder < $1.placeholder }, notes)
    }

    /// The values a recipient may receive, sealed again under the subject's key and bound to the
    /// referral id: on the recipient's topic they open only as this referral, and for no one once
    /// the subject is erased. None to share: nil.
    private func sealShare(_ values: [ReferralIssued.SharedValue], referralId: String, subject: String?) throws(EventRejection) -> SealedValues? {
        guard !values.isEmpty, let subject, let unsealer else { return nil }
        do {
            return try Sealer(keyStore: unsealer.keyStore).seal(
                values, reference: referralId, subject: subject
            )
        } catch {
            throw EventRejection(.processingFailed, "cannot seal the values shared with the recipient: \(error); replay the dead letter once the key store works")
        }
    }

    /// `days` working days (not weekends or bank holidays in England and Wales) after `date`.
    static func addingWorkingDays(_ days: Int, to date: Date) -> Date {
        StatutoryClock.addingWorkingDays(days, to: date)
    }
}
