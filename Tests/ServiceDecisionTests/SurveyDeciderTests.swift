import Foundation
import SignpostEvents
import SurveyCore
import Testing

@Suite struct SurveyDeciderTests {
    func referral(kind: EnquiryKind = .serviceRequest, triage: Bool = false, optOut: Bool = false, reference: String = "SP-1") -> ReferralIssued {
        let c = Fixture.classification(kind: kind)
        return ReferralIssued(
            referralId: "r", reference: reference, recipient: triage ? "triage" : "highways", triage: triage, triageReason: triage ? "unsure" : nil,
            priority: .routine, classification: c, lawfulBasis: c.lawfulBasis, specialCategoryCondition: nil, redactedText: "x",
            sharedEntityTypes: [], withheldEntityTypes: [], seekConsent: false, attachments: [], channel: .bot, contactId: "c-1",
            receivedAt: Fixture.now, preferences: ContactPreferences(surveyOptOut: optOut), agentId: nil, issuedAt: Fixture.now
        )
    }

    func response(_ reference: String = "SP-1", score: Int = 4, at: Date = Fixture.now) -> InboundRecord {
        InboundRecord(event: SurveyResponded(invitationId: EventIds.surveyInvitation(reference: reference), reference: reference, score: score, comment: "Thanks, Joan", respondedAt: at), topic: "responses")
    }

    @Test func referralBringsOneInvitationAndNeverASecond() throws {
        var survey = SurveyDecider(trigger: .referral)
        let first = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let invitation = try #require(Fixture.events(SurveyInvited.self, in: first).first)
        #expect(invitation.channel == .bot)
        #expect(invitation.expiresAt > invitation.invitedAt)
        let second = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        #expect(second.isEmpty)
    }

    @Test func byDefaultTheTeamsClosureNotTheReferralBringsTheInvitation() throws {
        var survey = SurveyDecider()
        let issued = referral()
        #expect(try survey.decide(InboundRecord(event: issued, topic: "ref"), context: Fixture.context).isEmpty)
        let closure = ReferralClosed(closing: issued, outcome: .resolved, at: Fixture.now)
        let out = try survey.decide(InboundRecord(event: closure, topic: "ref"), context: Fixture.context)
        #expect(Fixture.events(SurveyInvited.self, in: out).count == 1)
        #expect(Fixture.events(EnquiryStatusChanged.self, in: out).map(\.status) == [.closed, .surveyInvited])
        #expect(try survey.decide(InboundRecord(event: closure, topic: "ref"), context: Fixture.context).allSatisfy { !($0.event is SurveyInvited) })
    }

    @Test func closingASafeguardingOrOptedOutReferralRecordsTheStatusButInvitesNoOne() throws {
        var survey = SurveyDecider()
        for issued in [referral(kind: .safeguardingConcern), referral(optOut: true, reference: "SP-2")] {
            let out = try survey.decide(InboundRecord(event: ReferralClosed(closing: issued, outcome: .noActionNeeded, at: Fixture.now), topic: "ref"), context: Fixture.context)
            #expect(Fixture.events(SurveyInvited.self, in: out).isEmpty)
            #expect(Fixture.events(EnquiryStatusChanged.self, in: out).map(\.status) == [.closed])
        }
    }

    @Test(arguments: [
        (EnquiryKind.safeguardingConcern, false, false),
        (.dataRightsRequest, false, false),
        (.serviceRequest, true, false),
        (.serviceRequest, false, true),
    ])
    func noInvitationForSafeguardingRightsRequestsTriageOrOptOut(kind: EnquiryKind, triage: Bool, optOut: Bool) throws {
        var survey = SurveyDecider(trigger: .referral)
        let out = try survey.decide(InboundRecord(event: referral(kind: kind, triage: triage, optOut: optOut), topic: "ref"), context: Fixture.context)
        #expect(out.isEmpty)
    }

    @Test func validAnswerReportsTheScoreButNotTheComment() throws {
        var survey = SurveyDecider(trigger: .referral)
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let out = try survey.decide(response(score: 5), context: Fixture.context)
        let perf = try #require(Fixture.events(PerformanceEvent.self, in: out).first)
        #expect(perf.stage == .surveyAnswered)
        #expect(perf.score == 5)
        let encoded = out.map { String(decoding: EventCodec.encode(any: $0.event), as: UTF8.self) }.joined()
        #expect(!encoded.contains("Joan"))
    }

    @Test func answerToAnUnknownInvitationIsRefused() {
        var survey = SurveyDecider(trigger: .referral)
        do {
            _ = try survey.decide(response(), context: Fixture.context)
            Issue.record("accepted")
        } catch {
            #expect(error.reason == .surveyInvalid)
        }
    }

    @Test(arguments: [0, 6, -1])
    func scoreOutsideOneToFiveIsRefused(score: Int) throws {
        var survey = SurveyDecider(trigger: .referral)
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        #expect(throws: EventRejection.self) { try survey.decide(response(score: score), context: Fixture.context) }
    }

    @Test func secondAnswerToOneInvitationIsRefusedAsDuplicate() throws {
        var survey = SurveyDecider(trigger: .referral)
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        _ = try survey.decide(response(), context: Fixture.context)
        do {
            _ = try survey.decide(response(), context: Fixture.context)
            Issue.record("accepted twice")
        } catch {
            #expect(error.reason == .duplicate)
        }
    }

    @Test func answerAfterExpiryIsRefused() throws {
        var survey = SurveyDecider(validity: 3600, trigger: .referral)
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let late = DecisionContext(now: Fixture.now.addingTimeInterval(3 * 3600), pseudonymize: Fixture.context.pseudonymize)
        #expect(throws: EventRejection.self) { try survey.decide(response(at: Fixture.now.addingTimeInterval(2 * 3600)), context: late) }
    }
}

/// Survey comments reach analysts only redacted, as `SurveyFeedback` keyed by the pseudonymous enquiry id.
@Suite struct SurveyFeedbackTests {
    let referralTests = SurveyDeciderTests()
    /// An opaque pseudonymizer (FNV-1a), as the runtime's HMAC is: the fixture's `p(reference)` would show the reference.
    static let context = DecisionContext(now: Fixture.now, pseudonymize: Pseudonymizer { text in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    })

    func answer(_ comment: String?, reference: String = "SP-261129-7KQ4M-2XD9A", score: Int = 2) throws -> [Emission] {
        var survey = SurveyDecider(trigger: .referral)
        _ = try survey.decide(InboundRecord(event: referralTests.referral(reference: reference), topic: "ref"), context: Self.context)
        let response = SurveyResponded(
            invitationId: EventIds.surveyInvitation(reference: reference), reference: reference, score: score, comment: comment, respondedAt: Fixture.now
        )
        return try survey.decide(InboundRecord(event: response, topic: "responses"), context: Self.context)
    }

    /// Everything an analyst could read: the performance event and the feedback, as encoded on the wire.
    func analystView(_ out: [Emission]) -> String {
        out.filter { $0.event is PerformanceEvent || $0.event is SurveyFeedback }
            .map { String(decoding: EventCodec.encode(any: $0.event), as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func answerWithACommentPublishesPseudonymousFeedbackWithWhatTheSurveyKnows() throws {
        let out = try answer("Fixed quickly, thank you.")
        let feedback = try #require(Fixture.events(SurveyFeedback.self, in: out).first)
        #expect(feedback.enquiry == Self.context.pseudonymize("SP-261129-7KQ4M-2XD9A"))
        #expect(feedback.feedbackId == SurveyFeedback.id(enquiry: feedback.enquiry))
        #expect(feedback.subject == feedback.enquiry)
        #expect(feedback.score == 2)
        #expect(feedback.channel == .bot)
        #expect(feedback.kind == .serviceRequest)
        #expect(feedback.service == .highways)
        #expect(feedback.recipient == "highways")
        #expect(feedback.comment == "Fixed quickly, thank you.")
        #expect(feedback.redactedEntityTypes.isEmpty)
        #expect(feedback.respondedAt == Fixture.now)
    }

    @Test func answeredPerformanceEventNowCarriesTheEnquirysDimensions() throws {
        let perf = try #require(Fixture.events(PerformanceEvent.self, in: try answer(nil)).first)
        #expect(perf.stage == .surveyAnswered)
        #expect(perf.channel == .bot && perf.service == .highways && perf.recipient == "highways" && perf.kind == .serviceRequest)
    }

    @Test(arguments: [nil, "", "   \n  "] as [String?])
    func answerWithoutACommentPublishesNoFeedback(comment: String?) throws {
        let out = try answer(comment)
        #expect(Fixture.events(SurveyFeedback.self, in: out).isEmpty)
        #expect(Fixture.events(PerformanceEvent.self, in: out).count == 1)
    }

    static let canaryComments: [(comment: String, canaries: [String])] = [
        ("Thanks, Xiomara Quennell-Ibekwe. Ring me on 07700 900 777 if you need more.", ["Xiomara", "Quennell", "Ibekwe", "07700", "900 777"]),
        ("Nobody replied to xq.canary@example.org for three weeks.", ["xq.canary", "example.org"]),
        ("Mrs Oluwatoyin Dąbrowska-Nwosu of 12 Kittiwake Walk, Redditch B97 6ZY was very helpful.", ["Oluwatoyin", "Dąbrowska", "Nwosu", "Kittiwake", "B97 6ZY"]),
        ("My name is Ștefănel Ó Cearbhaill, call +44 1905 777123 or email s.ocearbhaill@example.net", ["Ștefănel", "Cearbhaill", "1905 777123", "s.ocearbhaill"]),
        ("I quoted SP-261129-7KQ4M-2XD9A and my neighbour's sp-261130-ABCDE-FGHJK and still waited.", ["7KQ4M", "2XD9A", "ABCDE", "FGHJK"]),
        ("Date of birth 17/03/1959, NI PZ 77 31 02 C — why did you ask for both?", ["17/03/1959", "PZ 77 31 02 C"]),
    ]

    @Test(arguments: canaryComments.indices)
    func canaryNamesPhonesEmailsAndReferencesNeverReachAnalysts(index: Int) throws {
        let (comment, canaries) = Self.canaryComments[index]
        let out = try answer(comment)
        let feedback = try #require(Fixture.events(SurveyFeedback.self, in: out).first)
        let view = analystView(out)
        for canary in canaries {
            #expect(!view.localizedCaseInsensitiveContains(canary), "'\(canary)' reached analysts: \(feedback.comment)")
        }
        #expect(!view.contains("SP-261129"), "case reference reached analysts")
        #expect(feedback.comment.contains("["), "no placeholder in \(feedback.comment)")
    }

    @Test func placeholdersNameTheTypesRemoved() throws {
        let out = try answer("Thanks, Xiomara Quennell-Ibekwe. Ring me on 07700 900 777.")
        let feedback = try #require(Fixture.events(SurveyFeedback.self, in: out).first)
        #expect(feedback.redactedEntityTypes.contains(.person))
        #expect(feedback.redactedEntityTypes.contains(.phone))
        #expect(feedback.comment.contains("[PERSON_1]") && feedback.comment.contains("[PHONE_1]"))
    }

    @Test func longCommentIsCutAfterRedaction() throws {
        let out = try answer(String(repeating: "Too slow. ", count: 600))
        let feedback = try #require(Fixture.events(SurveyFeedback.self, in: out).first)
        #expect(feedback.comment.count == FeedbackRedaction.maximumCharacters)
    }

    @Test func refusedAnswerPublishesNoFeedback() throws {
        var survey = SurveyDecider(trigger: .referral)
        let response = SurveyResponded(invitationId: EventIds.surveyInvitation(reference: "SP-9"), reference: "SP-9", score: 4, comment: "Joan Smith", respondedAt: Fixture.now)
        #expect(throws: EventRejection.self) { try survey.decide(InboundRecord(event: response, topic: "responses"), context: Self.context) }
    }
}
