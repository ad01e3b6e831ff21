import Foundation
import SignpostEvents
import SignpostSealing

/// Classifier's decision: kind, service, district, special categories and lawful basis of a
/// logged enquiry.
///
/// Emits `EnquiryClassified`, the `classified` status and a performance event. When the text
/// names no place but the contact's postcode field does, that postcode chooses the district.
public struct ClassifierDecider: Decider {
    public static let serviceName = "classifier"
    /// A doubtful enquiry, or a concern on weak signs, is read by the sentence encoder: about 0.1 s of CPU.
    public static let decidesOffThePool = true
    public let classifier: Classifier
    public let locator: DistrictLocator
    /// Opens sealed contacts; nil: only contacts in clear can be classified.
    public let sealing: ContactSealing?

    public init(classifier: Classifier = Classifier(), locator: DistrictLocator = DistrictLocator(), sealing: ContactSealing? = nil) {
        self.classifier = classifier
        self.locator = locator
        self.sealing = sealing
    }

    public mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission] {
        let enquiry = try record.decode(EnquiryLogged.self)
        let contact = try ContactSealing.contact(clear: enquiry.contact, sealed: enquiry.sealedContact, reference: enquiry.reference, sealing: sealing)
        var classification = classifier.classify(text: contact.text, channel: contact.channel)
        if classification.service == .districtCouncil, classification.district == nil,
           let postcode = contact.customer?.postcode,
           case .district(let district, let evidence)? = locator.district(inText: postcode) {
            classification.district = district
            classification.evidence.append("district from the contact's postcode field: \(evidence)")
        }
        // The law's clock runs from receipt (FOI, EIR: 20 working days; subject rights: one month).
        let deadline = StatutoryClock.deadline(for: classification.kind, receivedAt: contact.receivedAt)
        let pseudonym = context.pseudonymize(enquiry.reference)
        return [
            // The contact travels on as it came: sealed stays sealed.
            Emission(EnquiryClassified(
                logged: enquiry, classification: classification, classifiedAt: context.now,
                statutoryDueAt: deadline?.due, statutoryRule: deadline?.rule
            )),
            Emission(EnquiryStatusChanged(
                reference: enquiry.reference, status: .classified, by: Self.serviceName,
                detail: "\(classification.kind.rawValue)/\(classification.service.rawValue)", at: context.now
            )),
            Emission(PerformanceEvent(
                eventId: EventIds.performance(enquiry: pseudonym, stage: .classified), stage: .classified, recordedBy: Self.serviceName,
                enquiry: pseudonym, channel: contact.channel, kind: classification.kind, service: classification.service,
                district: classification.district, confidence: classification.confidence,
                specialCategoryPresent: !classification.specialCategories.isEmpty,
                elapsedMilliseconds: max(0, Int(context.now.timeIntervalSince(contact.receivedAt) * 1000)), occurredAt: context.now
            )),
        ]
    }
}
