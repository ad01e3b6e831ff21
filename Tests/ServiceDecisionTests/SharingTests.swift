import Foundation
import PropertyBased
import RedactorCore
import ReferralCore
import SignpostEvents
import SignpostSealing
import SignpostTopics
import SurveyCore
import Testing

/// A redacted enquiry with one entity of each of `types`, its values sealed under a subject's key.
struct SealedEnquiry {
    static let store = InMemoryKeyStore()

    /// The original value of a placeholder: a canary that must never reach a recipient not allowed its type.
    static func value(_ type: PIIType) -> String { "canary-\(type.rawValue.lowercased())-7f3a" }

    static func make(
        _ c: Classification, types: Set<PIIType>, refuses: Bool = false, text: String = "", reference: String = "SP-261129-AAAAA-BBBBB",
        store: any KeyStore = SealedEnquiry.store, subject: String = "subject-1"
    ) throws -> EnquiryRedacted {
        var redactedText = text
        var entities: [PIIEntity] = []
        var plain: [PlaintextValue] = []
        for type in types.sorted(by: { $0.rawValue < $1.rawValue }) {
            let placeholder = "[\(type.rawValue)_1]"
            entities.append(PIIEntity(type: type, start: 0, end: 1, placeholder: placeholder))
            plain.append(PlaintextValue(placeholder: placeholder, type: type, value: value(type)))
            redactedText += " \(placeholder)"
        }
        let sealed = try Sealer(keyStore: store).seal(plain, reference: reference, subject: subject)
        return EnquiryRedacted(
            reference: reference, contactId: "c-1", channel: .email, receivedAt: Fixture.now.addingTimeInterval(-60), classification: c,
            redactedText: redactedText, redactedEmailSubject: nil, entities: entities, contactFieldTypes: [], attachments: [],
            preferences: ContactPreferences(refusesSharing: refuses), agentId: nil, redactorVersion: "test", redactedAt: Fixture.now,
            sealed: sealed
        )
    }

    /// The values a referral shares, opened as the recipient's connector opens them.
    static func shared(_ referral: ReferralIssued, store: any KeyStore = SealedEnquiry.store) throws -> [PersonalValue] {
        try Unsealer(keyStore: store).sharedValues(of: referral)
    }

    static func decide(_ enquiry: EnquiryRedacted, store: any KeyStore = SealedEnquiry.store) throws -> [Emission] {
        var referral = ReferralDecider(policy: RoutingPolicy(catalogue: Fixture.sharing), unsealer: Unsealer(keyStore: store))
        return try referral.decide(InboundRecord(event: enquiry, topic: "redacted"), context: Fixture.context)
    }
}

@Suite struct SharingTests {
    @Test func aCountyServiceReceivesItsAllowedValuesAndNothingElse() throws {
        let enquiry = try SealedEnquiry.make(Fixture.classification(), types: [.person, .phone, .nhsNumber, .cardNumber])
        let referral = try #require(Fixture.events(ReferralIssued.self, in: try SealedEnquiry.decide(enquiry)).first)
        #expect(referral.recipient == "highways")
        #expect(Set(referral.sharedEntityTypes) == [.person, .phone])
        #expect(Set(referral.withheldEntityTypes) == [.nhsNumber, .cardNumber])
        let text = referral.filled(with: try SealedEnquiry.shared(referral))
        #expect(text.contains(SealedEnquiry.value(.person)) && text.contains("[NHS_NUMBER_1]"))
        let json = String(decoding: EventCodec.encode(referral), as: UTF8.self)
        #expect(!json.contains(SealedEnquiry.value(.nhsNumber)) && !json.contains(SealedEnquiry.value(.cardNumber)))
        #expect(!json.contains(SealedEnquiry.value(.person)) && !json.contains(SealedEnquiry.value(.phone)), "the allowed values travel sealed")
    }

    @Test func theSharedValuesOpenOnlyAsTheirOwnReferralAndForNoOneAfterErasure() throws {
        let store = InMemoryKeyStore()
        let enquiry = try SealedEnquiry.make(Fixture.classification(), types: [.person, .phone], store: store, subject: "subject-share")
        let referral = try #require(Fixture.events(ReferralIssued.self, in: try SealedEnquiry.decide(enquiry, store: store)).first)
        #expect(Set(try SealedEnquiry.shared(referral, store: store).map(\.value)) == [SealedEnquiry.value(.person), SealedEnquiry.value(.phone)])
        var moved = referral
        moved.referralId = "SP-261129-AAAAA-BBBBB:police"
        #expect(throws: SealingError.self) { try SealedEnquiry.shared(moved, store: store) }
        try store.erase(subject: "subject-share")
        #expect(throws: SealingError.self) { try SealedEnquiry.shared(referral, store: store) }
    }

    @Test func aPartnerOfAResidentWhoRefusedGetsRedactedTextAndAConsentFlag() throws {
        let c = Fixture.classification(service: .districtCouncil, district: .wychavon)
        let out = try SealedEnquiry.decide(try SealedEnquiry.make(c, types: [.person, .email], refuses: true))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "district_wychavon")
        #expect(referral.seekConsent && referral.sealedShare == nil && referral.sharedEntityTypes.isEmpty)
        let audit = try #require(Fixture.events(SharingRecorded.self, in: out).first)
        #expect(audit.refusedSharing && audit.seekConsent && !audit.refusalOverridden)
    }

    @Test func safeguardingOverridesARefusalAndTheRecordSaysSo() throws {
        let c = Fixture.classification(kind: .safeguardingConcern, service: .adultSocialCare)
        let text = "My neighbour's partner is hitting her right now, she is in immediate danger."
        let out = try SealedEnquiry.decide(try SealedEnquiry.make(c, types: [.person, .address], refuses: true, text: text))
        let referrals = Fixture.events(ReferralIssued.self, in: out)
        #expect(referrals.map(\.recipient) == ["adult_social_care", "police"])
        #expect(referrals.allSatisfy { $0.priority == .immediate })
        let police = try #require(referrals.last)
        #expect(police.refusalOverridden && !police.seekConsent && Set(police.sharedEntityTypes) == [.person, .address])
        let audits = Fixture.events(SharingRecorded.self, in: out)
        #expect(audits.map(\.auditId) == referrals.map(\.referralId))
        #expect(audits.last?.notes.contains { $0.contains("overridden by a legal obligation") } == true)
    }

    @Test func safeguardingWithoutImmediateDangerGoesToTheTeamOnly() throws {
        let c = Fixture.classification(kind: .safeguardingConcern, service: .childrensServices)
        let out = try SealedEnquiry.decide(try SealedEnquiry.make(c, types: [.person], text: "I am worried about the child next door."))
        #expect(Fixture.events(ReferralIssued.self, in: out).map(\.recipient) == ["childrens_services"])
    }

    @Test func afterTheSubjectsKeyIsErasedNothingCanBeSharedFromOldEvents() throws {
        let store = InMemoryKeyStore()
        let enquiry = try SealedEnquiry.make(Fixture.classification(), types: [.person, .phone], store: store, subject: "erased-subject")
        let bytes = EventCodec.encode(enquiry) // as it sits on the topic
        try store.erase(subject: "erased-subject")
        let old = try EventCodec.decode(EnquiryRedacted.self, from: bytes)
        let out = try SealedEnquiry.decide(old, store: store)
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.sealedShare == nil && Set(referral.withheldEntityTypes) == [.person, .phone])
        #expect(Fixture.events(SharingRecorded.self, in: out).first?.notes.contains { $0.contains("key is gone") } == true)
    }

    @Test func specialCategoryDataGoesOnlyWhereAnArt9ConditionAllows() throws {
        var c = Fixture.classification()
        c.specialCategories = [.health]
        let out = try SealedEnquiry.decide(try SealedEnquiry.make(c, types: [.person, .phone]))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.recipient == "highways" && referral.sealedShare == nil && referral.specialCategoryCondition == nil)
    }

    @Test func theRedactorSealsTheContactsDetailsUnderTheirSubject() throws {
        let sealing = RedactorSealing(keyStore: InMemoryKeyStore(), subjectKey: "k")
        let customer = CustomerDetails(name: "Priya Shah", email: " Priya.Shah@Example.net ")
        let sealed = try sealing.seal(
            text: "Call Priya on 07700 900461", entities: [PIIEntity(type: .phone, start: 14, end: 26, placeholder: "[PHONE_1]")],
            customer: customer, reference: "SP-1", context: Fixture.context
        )
        #expect(Set(sealed.values.map(\.placeholder)) == ["[PHONE_1]", "[CONTACT_NAME]", "[CONTACT_EMAIL]"])
        #expect(sealed.subject == sealing.subject(of: CustomerDetails(email: "priya.shah@example.net"), reference: "SP-other"))
        let opened = try Unsealer(keyStore: sealing.sealer.keyStore).unseal(sealed, reference: "SP-1", allowedTypes: [.phone])
        #expect(opened == ["[PHONE_1]": "07700 900461"])
    }
}

/// For generated enquiries and every recipient they reach: no value of a type the recipient may
/// not receive, and exactly one audit event per referral.
@Suite struct SharingPropertyTests {
    @Test func aReferralNeverHoldsAValueItsRecipientMayNotReceive() async {
        await propertyCheck(
            count: 300,
            input: Gen<EnquiryKind>.case, Gen<ResponsibleService>.case, Gen<District>.case, Gen<PIIType>.case.set(ofAtMost: 0...10),
            Gen.bool, Gen.bool, Gen.double(in: 0...1)
        ) { kind, service, district, types, refuses, special, confidence in
            var c = Fixture.classification(kind: kind, service: service, district: district, confidence: confidence)
            if special { c.specialCategories = [.health] }
            let text = kind == .safeguardingConcern && refuses ? "she is in immediate danger" : ""
            guard let out = try? SealedEnquiry.decide(try SealedEnquiry.make(c, types: types, refuses: refuses, text: text)) else {
                Issue.record("the decider refused a valid enquiry")
                return
            }
            let referrals = Fixture.events(ReferralIssued.self, in: out)
            let audits = Fixture.events(SharingRecorded.self, in: out)
            #expect(!referrals.isEmpty)
            #expect(audits.map(\.auditId).sorted() == referrals.map(\.referralId).sorted())
            for referral in referrals {
                guard let recipient = Fixture.sharing.recipient(referral.recipient) else {
                    Issue.record("unknown recipient \(referral.recipient)")
                    continue
                }
                let allowed = recipient.allowedTypes(under: c.lawfulBasis)
                let json = String(decoding: EventCodec.encode(referral), as: UTF8.self)
                guard let shared = try? SealedEnquiry.shared(referral) else {
                    Issue.record("the share of \(referral.referralId) does not open")
                    continue
                }
                for type in types where !allowed.contains(type) {
                    #expect(!json.contains(SealedEnquiry.value(type)), "\(type) reached \(recipient.id) under \(c.lawfulBasis)")
                }
                #expect(shared.allSatisfy { allowed.contains($0.type) && $0.value == SealedEnquiry.value($0.type) })
                if refuses && recipient.isPartner && c.lawfulBasis != .legalObligation {
                    #expect(shared.isEmpty && referral.seekConsent)
                }
                if special && recipient.specialCategoryCondition == nil {
                    #expect(shared.isEmpty)
                }
                #expect(Set(referral.sharedEntityTypes).union(referral.withheldEntityTypes) == types)
            }
        }
    }
}

/// Restrictions and objections, as the referral and survey services honour them.
@Suite struct SubjectRightsDecisionTests {
    private func context(restricted: Bool = false, objected: Bool = false) -> DecisionContext {
        DecisionContext(now: Fixture.now, pseudonymize: Fixture.context.pseudonymize, subjectRights: { subject in
            subject == "subject-1" ? .init(restricted: restricted, objected: objected) : .init()
        })
    }

    private func decide(_ enquiry: EnquiryRedacted, _ context: DecisionContext) throws -> [Emission] {
        var referral = ReferralDecider(policy: RoutingPolicy(catalogue: Fixture.sharing), unsealer: Unsealer(keyStore: SealedEnquiry.store))
        return try referral.decide(InboundRecord(event: enquiry, topic: "redacted"), context: context)
    }

    @Test func aRestrictedPersonsEnquiryIsHeldNotReferred() throws {
        let out = try decide(try SealedEnquiry.make(Fixture.classification(), types: [.person]), context(restricted: true))
        #expect(Fixture.events(ReferralIssued.self, in: out).isEmpty && Fixture.events(SharingRecorded.self, in: out).isEmpty)
        #expect(Fixture.events(EnquiryStatusChanged.self, in: out).map(\.status) == [.held])
    }

    @Test func aLegalObligationOverridesARestrictionAndTheRecordSaysSo() throws {
        let c = Fixture.classification(kind: .safeguardingConcern, service: .childrensServices)
        let out = try decide(try SealedEnquiry.make(c, types: [.person]), context(restricted: true))
        #expect(Fixture.events(ReferralIssued.self, in: out).map(\.recipient) == ["childrens_services"])
        #expect(Fixture.events(SharingRecorded.self, in: out).first?.notes.contains { $0.contains("restricted") } == true)
    }

    @Test func anObjectionCountsAsARefusalToShareWithPartners() throws {
        let c = Fixture.classification(service: .districtCouncil, district: .redditch)
        let out = try decide(try SealedEnquiry.make(c, types: [.person, .email]), context(objected: true))
        let referral = try #require(Fixture.events(ReferralIssued.self, in: out).first)
        #expect(referral.seekConsent && referral.sealedShare == nil && referral.dataSubject == "subject-1")
        #expect(Fixture.events(SharingRecorded.self, in: out).first?.refusedSharing == true)
    }

    @Test func noSurveyGoesToAPersonWhoObjectedOrRestricted() throws {
        let issued = try #require(Fixture.events(ReferralIssued.self, in: try decide(try SealedEnquiry.make(Fixture.classification(), types: [.person]), context())).first)
        let closure = ReferralClosed(closing: issued, outcome: .resolved, at: Fixture.now)
        for ctx in [context(objected: true), context(restricted: true)] {
            var survey = SurveyDecider()
            let out = try survey.decide(InboundRecord(event: closure, topic: "ref"), context: ctx)
            #expect(Fixture.events(SurveyInvited.self, in: out).isEmpty)
        }
        var survey = SurveyDecider()
        #expect(Fixture.events(SurveyInvited.self, in: try survey.decide(InboundRecord(event: closure, topic: "ref"), context: context())).count == 1)
    }

    @Test func aRestrictionRecordedUnderAnotherIdentifierOfThePersonHoldsTheEnquiry() throws {
        // The enquiry's subject is the email's; the restriction was recorded for the name with postcode.
        var enquiry = try SealedEnquiry.make(Fixture.classification(), types: [.person])
        enquiry.subjectHandles = [enquiry.sealed!.subject, "handle-name-postcode"]
        let byName = DecisionContext(now: Fixture.now, pseudonymize: Fixture.context.pseudonymize, subjectRights: { subject in
            subject == "handle-name-postcode" ? .init(restricted: true) : .init()
        })
        #expect(Fixture.events(EnquiryStatusChanged.self, in: try decide(enquiry, byName)).map(\.status) == [.held])
    }

    @Test func anObjectionRecordedUnderAnotherIdentifierStopsSharingAndTheSurvey() throws {
        let c = Fixture.classification(service: .districtCouncil, district: .redditch)
        var enquiry = try SealedEnquiry.make(c, types: [.person, .email])
        enquiry.subjectHandles = [enquiry.sealed!.subject, "handle-name-postcode"]
        let byName = DecisionContext(now: Fixture.now, pseudonymize: Fixture.context.pseudonymize, subjectRights: { subject in
            subject == "handle-name-postcode" ? .init(objected: true) : .init()
        })
        let referral = try #require(Fixture.events(ReferralIssued.self, in: try decide(enquiry, byName)).first)
        #expect(referral.seekConsent && referral.sealedShare == nil)
        // The survey service asks only about the referral's own subject, so the referral carries the opt-out.
        var survey = SurveyDecider()
        let out = try survey.decide(InboundRecord(event: ReferralClosed(closing: referral, outcome: .resolved, at: Fixture.now), topic: "ref"), context: context())
        #expect(Fixture.events(SurveyInvited.self, in: out).isEmpty)
    }
}
