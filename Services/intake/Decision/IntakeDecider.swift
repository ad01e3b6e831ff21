import Foundation
import SignpostEvents
import SignpostSealing

/// Limits a contact must respect; beyond them it is dead-lettered with the reason.
public struct IntakeLimits: Sendable {
    /// Longest enquiry text, in Unicode scalars.
    public var maximumTextLength = 20_000
    public var maximumContactIdLength = 128
    public var maximumSubjectLength = 998
    public var maximumFieldLength = 500
    public var maximumAttachments = 20
    /// How far in the future `received_at` may be (clock skew between adapters).
    public var allowedClockSkew: TimeInterval = 300

    public init() {}
}

/// Intake's decision: validate a contact, give it a case reference, log it.
///
/// Emits `EnquiryLogged` (with ``ContactSealing``, the contact sealed under its data subject's
/// key), the `logged` status and a `received` performance event; refuses (dead-letters)
/// anything invalid with the reason.
public struct IntakeDecider: Decider {
    public static let serviceName = "intake"
    public var limits: IntakeLimits
    /// How to seal the contact; nil: the event carries it in clear.
    public let sealing: ContactSealing?

    public init(limits: IntakeLimits = .init(), sealing: ContactSealing? = nil) {
        self.limits = limits
        self.sealing = sealing
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let contact = try record.decode(ContactReceived.self)
        try validate(contact, now: context.now)
        let reference = CaseReference.make(channel: contact.channel, contactId: contact.contactId, receivedAt: contact.receivedAt)
        let enquiry = context.pseudonymize(reference)
        return [
            Emission(try sealing.map { (s) throws(EventRejection) in
                EnquiryLogged(reference: reference, sealedContact: try s.seal(contact, reference: reference),
                              channel: contact.channel, receivedAt: contact.receivedAt, loggedAt: context.now)
            } ?? EnquiryLogged(reference: reference, contact: contact, loggedAt: context.now)),
            Emission(EnquiryStatusChanged(reference: reference, status: .logged, by: Self.serviceName, detail: contact.channel.rawValue, at: context.now)),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: enquiry, stage: .received), stage: .received, recordedBy: Self.serviceName,
                enquiry: enquiry, channel: contact.channel, agentId: contact.agentId.map { context.pseudonymize("agent:" + $0) },
                elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(contact.receivedAt) * 1000)), occurredAt: context.now
            )),
        ]
    }

    /// Checks what decoding cannot: identifiers, lengths, text content, dates.
    public func validate(_ contact: ContactReceived, now: Date) throws(EventRejection) {
        let id = contact.contactId
        guard !id.isEmpty, id.unicodeScalars.count <= limits.maximumContactIdLength,
              id.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw EventRejection(.invalidValue, "contact_id must be 1 to \(limits.maximumContactIdLength) printable ASCII characters without spaces")
        }
        let text = contact.text
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw EventRejection(.emptyText, "text is empty; a contact must say what the enquiry is")
        }
        let length = text.unicodeScalars.count
        guard length <= limits.maximumTextLength else {
            throw EventRejection(.oversized, "text is \(length) characters; the limit is \(limits.maximumTextLength) — attach long documents by reference")
        }
        if let scalar = text.unicodeScalars.first(where: Self.isForbiddenControl) {
            throw EventRejection(.controlCharacters, "text contains control character U+\(String(format: "%04X", scalar.value)); only tab, line feed and carriage return are allowed")
        }
        if let subject = contact.emailSubject {
            guard subject.unicodeScalars.count <= limits.maximumSubjectLength else {
                throw EventRejection(.oversized, "email_subject is longer than \(limits.maximumSubjectLength) characters")
            }
            if subject.unicodeScalars.contains(where: Self.isForbiddenControl) {
                throw EventRejection(.controlCharacters, "email_subject contains control characters")
            }
        }
        if let customer = contact.customer {
            let fields: [(String, String?)] = [("name", customer.name), ("email", customer.email), ("phone", customer.phone), ("address", customer.address), ("postcode", customer.postcode)]
            for (name, value) in fields {
                guard let value else { continue }
                guard value.unicodeScalars.count <= limits.maximumFieldLength else {
                    throw EventRejection(.oversized, "customer.\(name) is longer than \(limits.maximumFieldLength) characters")
                }
                if value.unicodeScalars.contains(where: Self.isForbiddenControl) {
                    throw EventRejection(.controlCharacters, "customer.\(name) contains control characters")
                }
            }
        }
        guard contact.attachments.count <= limits.maximumAttachments else {
            throw EventRejection(.oversized, "\(contact.attachments.count) attachments; the limit is \(limits.maximumAttachments)")
        }
        for (i, attachment) in contact.attachments.enumerated() where attachment.id.isEmpty || attachment.store.isEmpty || !attachment.mediaType.contains("/") {
            throw EventRejection(.invalidValue, "attachments[\(i)] needs a store, an id and a media type such as audio/wav")
        }
        guard contact.receivedAt.timeIntervalSince(now) <= limits.allowedClockSkew else {
            throw EventRejection(.invalidValue, "received_at \(EventCodec.format(contact.receivedAt)) is in the future; check the adapter's clock")
        }
    }

    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        default: false
        }
    }
}
