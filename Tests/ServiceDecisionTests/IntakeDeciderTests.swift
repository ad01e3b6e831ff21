import Foundation
import IntakeCore
import SignpostEvents
import Testing

@Suite struct IntakeDeciderTests {
    @Test func validContactIsLoggedWithAReferenceAStatusAndAPerformanceEvent() throws {
        var intake = IntakeDecider()
        let contact = Fixture.contact()
        let out = try intake.decide(InboundRecord(event: contact, topic: "contacts"), context: Fixture.context)
        let logged = try #require(Fixture.events(EnquiryLogged.self, in: out).first)
        #expect(logged.contact == contact)
        #expect(CaseReference.isWellFormed(logged.reference))
        #expect(Fixture.events(EnquiryStatusChanged.self, in: out).map(\.status) == [.logged])
        let perf = try #require(Fixture.events(PerformanceEvent.self, in: out).first)
        #expect(perf.stage == .received)
        #expect(perf.elapsedMilliseconds == 60_000)
        #expect(perf.enquiry == "p(\(logged.reference))")
    }

    @Test func sameContactGetsTheSameReferenceEveryTime() {
        let a = CaseReference.make(channel: .phone, contactId: "abc", receivedAt: Fixture.now)
        let b = CaseReference.make(channel: .phone, contactId: "abc", receivedAt: Fixture.now)
        let c = CaseReference.make(channel: .phone, contactId: "abd", receivedAt: Fixture.now)
        #expect(a == b)
        #expect(a != c)
        #expect(CaseReference.isWellFormed(a))
    }

    @Test func referencesOfManyContactsAreUnique() {
        let refs = Set((0..<50_000).map { CaseReference.make(channel: .webform, contactId: "form-\($0)", receivedAt: Fixture.now) })
        #expect(refs.count == 50_000)
    }

    @Test(arguments: [
        ("", DeadLetterReason.emptyText),
        ("   \n\t ", .emptyText),
        ("bell \u{07} here", .controlCharacters),
        ("nul \u{0} here", .controlCharacters),
        (String(repeating: "a", count: 20_001), .oversized),
    ])
    func invalidTextIsRefusedWithItsReason(text: String, reason: DeadLetterReason) {
        var intake = IntakeDecider()
        do {
            _ = try intake.decide(InboundRecord(event: Fixture.contact(text: text), topic: "contacts"), context: Fixture.context)
            Issue.record("accepted")
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test func contactIdWithSpacesIsRefused() {
        var intake = IntakeDecider()
        #expect(throws: EventRejection.self) {
            try intake.decide(InboundRecord(event: Fixture.contact(id: "has space"), topic: "contacts"), context: Fixture.context)
        }
    }

    @Test func contactFromTheFutureIsRefused() {
        var intake = IntakeDecider()
        var contact = Fixture.contact()
        contact.receivedAt = Fixture.now.addingTimeInterval(3600)
        #expect(throws: EventRejection.self) {
            try intake.decide(InboundRecord(event: contact, topic: "contacts"), context: Fixture.context)
        }
    }

    @Test func textWithNewlinesTabsAndAccentsIsAccepted() throws {
        var intake = IntakeDecider()
        let out = try intake.decide(InboundRecord(event: Fixture.contact(text: "Dear council,\n\tZoë Ó Briain here 👋"), topic: "contacts"), context: Fixture.context)
        #expect(out.count == 3)
    }
}
