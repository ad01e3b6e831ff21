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
        var survey = SurveyDecider()
        let first = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let invitation = try #require(Fixture.events(SurveyInvited.self, in: first).first)
        #expect(invitation.channel == .bot)
        #expect(invitation.expiresAt > invitation.invitedAt)
        let second = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        #expect(second.isEmpty)
    }

    @Test(arguments: [
        (EnquiryKind.safeguardingConcern, false, false),
        (.dataRightsRequest, false, false),
        (.serviceRequest, true, false),
        (.serviceRequest, false, true),
    ])
    func noInvitationForSafeguardingRightsRequestsTriageOrOptOut(kind: EnquiryKind, triage: Bool, optOut: Bool) throws {
        var survey = SurveyDecider()
        let out = try survey.decide(InboundRecord(event: referral(kind: kind, triage: triage, optOut: optOut), topic: "ref"), context: Fixture.context)
        #expect(out.isEmpty)
    }

    @Test func validAnswerReportsTheScoreButNotTheComment() throws {
        var survey = SurveyDecider()
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let out = try survey.decide(response(score: 5), context: Fixture.context)
        let perf = try #require(Fixture.events(PerformanceEvent.self, in: out).first)
        #expect(perf.stage == .surveyAnswered)
        #expect(perf.score == 5)
        let encoded = out.map { String(decoding: EventCodec.encode(any: $0.event), as: UTF8.self) }.joined()
        #expect(!encoded.contains("Joan"))
    }

    @Test func answerToAnUnknownInvitationIsRefused() {
        var survey = SurveyDecider()
        do {
            _ = try survey.decide(response(), context: Fixture.context)
            Issue.record("accepted")
        } catch {
            #expect(error.reason == .surveyInvalid)
        }
    }

    @Test(arguments: [0, 6, -1])
    func scoreOutsideOneToFiveIsRefused(score: Int) throws {
        var survey = SurveyDecider()
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        #expect(throws: EventRejection.self) { try survey.decide(response(score: score), context: Fixture.context) }
    }

    @Test func secondAnswerToOneInvitationIsRefusedAsDuplicate() throws {
        var survey = SurveyDecider()
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
        var survey = SurveyDecider(validity: 3600)
        _ = try survey.decide(InboundRecord(event: referral(), topic: "ref"), context: Fixture.context)
        let late = DecisionContext(now: Fixture.now.addingTimeInterval(3 * 3600), pseudonymize: Fixture.context.pseudonymize)
        #expect(throws: EventRejection.self) { try survey.decide(response(at: Fixture.now.addingTimeInterval(2 * 3600)), context: late) }
    }
}
