import Foundation
import ReferralCore
import SignpostEvents
import SignpostTopics
import Testing

@Suite struct ReferralDeciderTests {
    func decide(_ enquiry: EnquiryRedacted) throws -> [Emission] {
        var referral = ReferralDecider(policy: RoutingPolicy(catalogue: Fixture.sharing))
        return try referral.decide(InboundRecord(event: enquiry, topic: "redacted"), context: Fixture.context)
    }

    @Test func confidentEnquiryGoesToTheResponsibleServicesTopic() throws {
        let out = try decide(Fixture.redacted(Fixture.classification()))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "highways")
        #expect(!referral.triage)
        #expect(out.first?.destination == .recipient("highways"))
        #expect(referral.lawfulBasis == .publicTask)
        #expect(referral.withheldEntityTypes == [.person, .phone])
        #expect(referral.referralId == EventIds.referral(reference: referral.reference, recipient: "highways"))
        #expect(Fixture.events(EnquiryStatusChanged.self, in: out).map(\.status) == [.referred])
        #expect(Fixture.events(PerformanceEvent.self, in: out).map(\.stage) == [.referred])
    }

    @Test func lowConfidenceGoesToTriageWithTheReason() throws {
        let out = try decide(Fixture.redacted(Fixture.classification(confidence: 0.3)))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "triage")
        #expect(referral.triage)
        #expect(referral.triageReason?.contains("0.30") == true)
        #expect(Fixture.events(PerformanceEvent.self, in: out).map(\.stage) == [.triaged])
    }

    @Test func districtWorkGoesToThatDistrictsOwnTopic() throws {
        let out = try decide(Fixture.redacted(Fixture.classification(kind: .complaint, service: .districtCouncil, district: .wychavon)))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "district_wychavon")
        #expect(referral.priority == .urgent)
    }

    @Test func districtWorkWithoutADistrictGoesToTriage() throws {
        let out = try decide(Fixture.redacted(Fixture.classification(service: .districtCouncil, district: nil)))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "triage")
        #expect(referral.triageReason?.contains("district") == true)
    }

    @Test func safeguardingGoesStraightToTheTeamAtOnceEvenWhenUnsure() throws {
        let out = try decide(Fixture.redacted(Fixture.classification(kind: .safeguardingConcern, service: .childrensServices, confidence: 0.2)))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "childrens_services")
        #expect(referral.priority == .immediate)
        #expect(referral.lawfulBasis == .legalObligation)
    }

    @Test func refusalToShareAsksAPartnerToSeekConsentButNotACountyService() throws {
        let partner = try decide(Fixture.redacted(Fixture.classification(service: .districtCouncil, district: .redditch), refuses: true))
        #expect(Fixture.events(ReferralIssued.self, in: partner).first?.seekConsent == true)
        let county = try decide(Fixture.redacted(Fixture.classification(), refuses: true))
        #expect(Fixture.events(ReferralIssued.self, in: county).first?.seekConsent == false)
    }

    @Test func everyServiceAndDistrictHasOneRecipientInTheCatalogue() throws {
        try Fixture.sharing.validate()
        for service in ResponsibleService.allCases where service != .districtCouncil {
            #expect(Fixture.sharing.recipient(for: service, district: nil)?.id == service.rawValue)
        }
        for district in District.allCases {
            #expect(Fixture.sharing.recipient(for: .districtCouncil, district: district)?.id == "district_\(district.rawValue)")
        }
    }

    @Test func everyReferralHasOneAuditRecordAndTheEnquiryOneAcknowledgement() throws {
        let out = try decide(Fixture.redacted(Fixture.classification()))
        let referrals = Fixture.events(ReferralIssued.self, in: out)
        let audits = Fixture.events(SharingRecorded.self, in: out)
        #expect(audits.map(\.auditId) == referrals.map(\.referralId))
        #expect(audits.first?.catalogueVersion == Fixture.sharing.version)
        let ack = try #require(Fixture.events(EnquiryAcknowledged.self, in: out).first)
        #expect(ack.handledBy == ["Highways and footways"])
        #expect(ack.respondBy != nil)
    }

    @Test func recordOfAnotherTypeIsRefused() {
        var referral = ReferralDecider(policy: RoutingPolicy(catalogue: Fixture.sharing))
        #expect(throws: EventRejection.self) {
            try referral.decide(InboundRecord(event: Fixture.contact(), topic: "redacted"), context: Fixture.context)
        }
    }
}
