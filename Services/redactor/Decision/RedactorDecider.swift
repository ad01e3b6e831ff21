import Crypto
import Foundation
import SignpostEvents
import SignpostSealing

/// Redactor's decision: replace the personal data in a classified enquiry with typed
/// placeholders before it travels further.
///
/// Emits `EnquiryRedacted` (entity types and offsets, and, with ``RedactorSealing``, the
/// original values sealed under the data subject's key), the `redacted` status and a
/// performance event.
public struct RedactorDecider: Decider {
    public static let serviceName = "redactor"
    public let redactor: Redactor
    public let sealing: RedactorSealing?

    /// - Parameter sealing: how to seal the original values; nil: the event carries none.
    public init(redactor: Redactor = Redactor(), sealing: RedactorSealing? = nil) {
        self.redactor = redactor
        self.sealing = sealing
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let enquiry = try record.decode(EnquiryClassified.self)
        let contact = try ContactSealing.contact(clear: enquiry.contact, sealed: enquiry.sealedContact, reference: enquiry.reference, sealing: sealing?.contacts)
        let body = redactor.redact(contact.text)
        let subject = contact.emailSubject.map { redactor.redact($0).text }
        let sealed = try sealing.map { (s) throws(EventRejection) in
            try s.seal(text: contact.text, entities: body.entities, customer: contact.customer, reference: enquiry.reference, context: context)
        }
        let redacted = EnquiryRedacted(
            reference: enquiry.reference, contactId: contact.contactId, channel: contact.channel, receivedAt: contact.receivedAt,
            classification: enquiry.classification, redactedText: body.text, redactedEmailSubject: subject,
            entities: body.entities, contactFieldTypes: Self.fieldTypes(contact.customer), attachments: contact.attachments,
            preferences: contact.preferences, agentId: contact.agentId, redactorVersion: Redactor.version, redactedAt: context.now,
            sealed: sealed, statutoryDueAt: enquiry.statutoryDueAt, statutoryRule: enquiry.statutoryRule,
            subjectHandles: sealing.map { $0.contacts.handles(of: contact.customer) }.flatMap { $0.isEmpty ? nil : $0 }
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

/// Seals an enquiry's original values under its data subject's key.
/// It also opens the contact that intake sealed.
public struct RedactorSealing: Sendable {
    /// Opens sealed contacts and derives the subject; shares the key store with ``sealer``.
    public let contacts: ContactSealing
    public var sealer: Sealer { contacts.sealer }

    public init(keyStore: any KeyStore, subjectKey: String) {
        contacts = ContactSealing(keyStore: keyStore, subjectKey: subjectKey)
    }

    /// The contact's data subject (see ``DataSubject/id(of:reference:key:)``).
    public func subject(of customer: CustomerDetails?, reference: String) -> String {
        contacts.subject(of: customer, reference: reference)
    }

    /// Each distinct placeholder's original text, and the contact's own details, sealed.
    /// - Throws: `processingFailed` when the key store cannot be used (the dead letter keeps the record for a replay).
    public func seal(text: String, entities: [PIIEntity], customer: CustomerDetails?, reference: String, context: DecisionContext) throws(EventRejection) -> SealedValues {
        let scalars = Array(text.unicodeScalars)
        var values: [PlaintextValue] = []
        var seen = Set<String>()
        for e in entities where e.start >= 0 && e.end <= scalars.count && e.start < e.end && seen.insert(e.placeholder).inserted {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[e.start..<e.end])
            values.append(PlaintextValue(placeholder: e.placeholder, type: e.type, value: String(view)))
        }
        typealias P = SealedValues.ContactPlaceholder
        let fields: [(String, PIIType, String?)] = [
            (P.name, .person, customer?.name), (P.email, .email, customer?.email), (P.phone, .phone, customer?.phone),
            (P.address, .address, customer?.address), (P.postcode, .postcode, customer?.postcode),
        ]
        for (placeholder, type, value) in fields {
            if let value, !value.isEmpty { values.append(PlaintextValue(placeholder: placeholder, type: type, value: value)) }
        }
        do {
            return try sealer.seal(values, reference: reference, subject: subject(of: customer, reference: reference))
        } catch {
            throw EventRejection(.processingFailed, "cannot seal the personal values: \(error); the record can be replayed from the dead-letter topic once the key store works")
        }
    }
}
