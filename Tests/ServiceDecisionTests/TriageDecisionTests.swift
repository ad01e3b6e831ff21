import Foundation
import ReferralCore
import SignpostEvents
import SignpostSealing
import Testing

/// A person's classification (triage, or a correction) routes the case record again.
@Suite struct TriageDecisionTests {
    static func decide(_ event: some SignpostEvent) throws -> [Emission] {
        var referral = ReferralDecider(policy: RoutingPolicy(catalogue: Fixture.sharing), unsealer: Unsealer(keyStore: SealedEnquiry.store))
        return try referral.decide(InboundRecord(event: event, topic: "in"), context: Fixture.context)
    }

    static func decision(_ enquiry: EnquiryRedacted, kind: EnquiryKind, service: ResponsibleService, district: District? = nil) -> EnquiryReclassified {
        EnquiryReclassified(
            decisionId: "\(enquiry.reference):decision:1", reference: enquiry.reference,
            classification: .byPerson(kind: kind, service: service, district: district, specialCategories: enquiry.classification.specialCategories,
                                      operatorId: "triage-4", reason: "a missed bin: the district's job"),
            previous: enquiry.classification, operatorId: "triage-4", reason: "a missed bin: the district's job", enquiry: enquiry, decidedAt: Fixture.now
        )
    }

    @Test func anUnsureEnquiryGoesToTriageAndAPersonsDecisionRoutesItWithTheDataTheRecipientMayHave() throws {
        let unsure = try SealedEnquiry.make(Fixture.classification(confidence: 0.3), types: [.person, .address, .nhsNumber])
        let first = Fixture.events(ReferralIssued.self, in: try Self.decide(unsure))
        #expect(first.map(\.recipient) == ["triage"] && first.first?.triage == true)

        let out = try Self.decide(Self.decision(unsure, kind: .complaint, service: .districtCouncil, district: .wychavon))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "district_wychavon" && !referral.triage)
        #expect(referral.classification.decidedBy == "person:triage-4" && referral.classification.confidence == 1)
        #expect(referral.lawfulBasis == .publicTask)
        let allowed = try #require(Fixture.sharing.recipient("district_wychavon")).allowedTypes(under: .publicTask)
        #expect(Set(try SealedEnquiry.shared(referral).map(\.type)) == Set([.person, .address, .nhsNumber]).intersection(allowed))
        let audit = try #require(Fixture.events(SharingRecorded.self, in: out).first)
        #expect(audit.notes.contains { $0.contains("classified by a person: triage-4") && $0.contains("was service_request/highways") })
        #expect(Fixture.events(EnquiryAcknowledged.self, in: out).isEmpty, "the resident was acknowledged once already")
        #expect(Fixture.events(EnquiryStatusChanged.self, in: out).first?.detail?.hasPrefix("reclassified by triage-4") == true)
    }

    @Test func reclassifyingAReferredEnquiryRoutesItToTheNewRecipient() throws {
        let enquiry = try SealedEnquiry.make(Fixture.classification(), types: [.person])
        #expect(Fixture.events(ReferralIssued.self, in: try Self.decide(enquiry)).map(\.recipient) == ["highways"])
        let out = try Self.decide(Self.decision(enquiry, kind: .serviceRequest, service: .transport))
        #expect(Fixture.events(ReferralIssued.self, in: out).map(\.recipient) == ["transport"])
    }

    @Test func aDecisionCarryingAnotherEnquirysRecordIsRefused() throws {
        var decision = Self.decision(try SealedEnquiry.make(Fixture.classification(), types: [.person]), kind: .complaint, service: .highways)
        decision.reference = "SP-OTHER"
        #expect(throws: EventRejection.self) { try Self.decide(decision) }
    }

    @Test func aPersonsClassificationTakesTheLawfulBasisAndConditionFromTheKind() {
        let c = Classification.byPerson(kind: .safeguardingConcern, service: .childrensServices, district: .wychavon, specialCategories: [.health],
                                        operatorId: "t", reason: "r")
        #expect(c.lawfulBasis == .legalObligation && c.specialCategoryCondition == .substantialPublicInterest && c.district == nil)
    }
}
