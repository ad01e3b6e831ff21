import Foundation
import SignpostEvents

/// Redactor's decision: replace the personal data in a classified enquiry with typed
/// placeholders before it travels further.
///
/// Emits `EnquiryRedacted` (entity types and offsets, never the values), the `redacted`
/// status and a performance event.
public struct RedactorDecider: Decider {
    public static let serviceName = "redactor"
    public let redactor: Redactor

    public init(redactor: Redactor = Redactor()) {
        self.redactor = redactor
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let enquiry = try record.decode(EnquiryClassified.self)
        let contact = enquiry.contact
        let body = redactor.redact(contact.text)
        let subject = contact.emailSubject.map { redactor.redact($0).text }
        let redacted = EnquiryRedacted(
            reference: enquiry.reference, contactId: contact.contactId, channel: contact.channel, receivedAt: contact.receivedAt,
            classification: enquiry.classification, redactedText: body.text, redactedEmailSubject: subject,
            entities: body.entities, contactFieldTypes: Self.fieldTypes(contact.customer), attachments: contact.attachments,
            preferences: contact.preferences, agentId: contact.agentId, redactorVersion: Redactor.version, redactedAt: context.now
        )
        let pseudonym = context.pseudonymize(enquiry.reference)
        return [
            Emission(redacted),
            Emission(EnquiryStatusChanged(reference: enquiry.reference, status: .redacted, by: Self.serviceName, detail: "\(body.entities.count) entities", at: context.now)),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: pseudonym, stage: .redacted), stage: .redacted, recordedBy: Self.serviceName,
                enquiry: pseudonym, channel: contact.channel, kind: enquiry.classification.kind, service: enquiry.classification.service,
                elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(contact.receivedAt) * 1000)), occurredAt: context.now
            )),
        ]
    }

    /// The personal-data types present in the structured contact fields.
    static func fieldTypes(_ customer: CustomerDetails?) -> [PIIType] {
        guard let customer else { return [] }
        var out: [PIIType] = []
        if customer.name != nil { out.append(.person) }
        if customer.address != nil { out.append(.address) }
        if customer.postcode != nil { out.append(.postcode) }
        if customer.email != nil { out.append(.email) }
        if customer.phone != nil { out.append(.phone) }
        return out
    }
}
