import ClassifierCore
import Foundation
import IntakeCore
import RedactorCore
import SignpostEvents
import SignpostSealing
import Testing

/// Intake seals each contact whole; the classifier and the redactor open it; nothing of the
/// resident travels in clear before redaction, and nothing opens after an erasure.
@Suite struct ContactSealingTests {
    static let resident = CustomerDetails(name: "Priya Shah", email: "priya.shah@example.net", phone: "07700 900461", address: "12 Mill Lane, Upton", postcode: "WR8 0AB")

    static func contact() -> ContactReceived {
        var c = Fixture.contact(text: "Priya Shah here, there is a pothole outside 12 Mill Lane in Upton, call 07700 900461.")
        c.customer = resident
        return c
    }

    /// The events of the first three services for one contact, with a shared key store.
    static func run(_ contact: ContactReceived, store: any KeyStore) throws -> (logged: EnquiryLogged, classified: EnquiryClassified, redacted: EnquiryRedacted) {
        var intake = IntakeDecider(sealing: ContactSealing(keyStore: store, subjectKey: "k"))
        let logged = try #require(Fixture.events(EnquiryLogged.self, in: try intake.decide(InboundRecord(event: contact, topic: "contacts"), context: Fixture.context)).first)
        var classifier = ClassifierDecider(sealing: ContactSealing(keyStore: store, subjectKey: "k"))
        let classified = try #require(Fixture.events(EnquiryClassified.self, in: try classifier.decide(InboundRecord(event: logged, topic: "logged"), context: Fixture.context)).first)
        var redactor = RedactorDecider(sealing: RedactorSealing(keyStore: store, subjectKey: "k"))
        let redacted = try #require(Fixture.events(EnquiryRedacted.self, in: try redactor.decide(InboundRecord(event: classified, topic: "classified"), context: Fixture.context)).first)
        return (logged, classified, redacted)
    }

    @Test func intakeSealsTheContactAndTheNextServicesWorkOnIt() throws {
        let store = InMemoryKeyStore()
        let (logged, classified, redacted) = try Self.run(Self.contact(), store: store)
        #expect(logged.contact == nil && logged.sealedContact != nil && logged.channel == .email)
        #expect(classified.contact == nil && classified.sealedContact == logged.sealedContact)
        #expect(classified.classification.service == .highways)
        #expect(redacted.redactedText.contains("[PHONE_1]") && redacted.sealed?.subject == logged.sealedContact?.subject)
        for (name, json) in [("logged", EventCodec.encode(logged)), ("classified", EventCodec.encode(classified))] {
            let text = String(decoding: json, as: UTF8.self)
            for value in ["Priya", "priya.shah", "07700 900461", "Mill Lane", "WR8 0AB"] {
                #expect(!text.contains(value), "\(value) is in clear on the \(name) event")
            }
        }
    }

    @Test func aSealedContactOpensOnlyForItsOwnReference() throws {
        let store = InMemoryKeyStore()
        let sealing = ContactSealing(keyStore: store, subjectKey: "k")
        let sealed = try sealing.seal(Self.contact(), reference: "SP-1")
        #expect(try sealing.unsealer.open(sealed, reference: "SP-1") == Self.contact())
        #expect(throws: SealingError.self) { try sealing.unsealer.open(sealed, reference: "SP-2") }
    }

    @Test func afterErasureTheInFlightContactNoLongerOpensAndIsDeadLetteredWithTheReason() throws {
        let store = InMemoryKeyStore()
        var intake = IntakeDecider(sealing: ContactSealing(keyStore: store, subjectKey: "k"))
        let logged = try #require(Fixture.events(EnquiryLogged.self, in: try intake.decide(InboundRecord(event: Self.contact(), topic: "contacts"), context: Fixture.context)).first)
        try store.erase(subject: try #require(logged.sealedContact?.subject))
        var classifier = ClassifierDecider(sealing: ContactSealing(keyStore: store, subjectKey: "k"))
        let error = #expect(throws: EventRejection.self) {
            try classifier.decide(InboundRecord(event: logged, topic: "logged"), context: Fixture.context)
        }
        #expect(error?.reason == .processingFailed && error?.detail.contains("erased") == true)
    }

    @Test func aServiceWithoutAKeyStoreSaysHowToFixIt() throws {
        let (logged, _, _) = try Self.run(Self.contact(), store: InMemoryKeyStore())
        var classifier = ClassifierDecider()
        let error = #expect(throws: EventRejection.self) {
            try classifier.decide(InboundRecord(event: logged, topic: "logged"), context: Fixture.context)
        }
        #expect(error?.detail.contains("SIGNPOST_KEYSTORE") == true)
    }

    @Test func contactsLoggedInClearBySchema10WritersAreStillRead() throws {
        let logged = EnquiryLogged(reference: "SP-1", contact: Self.contact(), loggedAt: Fixture.now)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(EventCodec.encode(logged))) as? [String: Any])
        json["channel"] = nil
        json["received_at"] = nil
        json["schema_version"] = "1.0"
        let old = try EventCodec.decode(EnquiryLogged.self, from: Array(try JSONSerialization.data(withJSONObject: json)))
        #expect(old.contact == Self.contact() && old.channel == .email && old.receivedAt == Self.contact().receivedAt)
        var classifier = ClassifierDecider()
        let out = try classifier.decide(InboundRecord(event: old, topic: "logged"), context: Fixture.context)
        #expect(Fixture.events(EnquiryClassified.self, in: out).first?.contact == Self.contact())
    }
}
