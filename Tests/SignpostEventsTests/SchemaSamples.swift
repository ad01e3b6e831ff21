import Foundation
@testable import SignpostEvents

/// One event encoded the way producers put it on Kafka, with a check that it decodes back to itself.
struct SchemaSample: Sendable, CustomStringConvertible {
    enum Coverage: String, Sendable {
        /// Every optional field present (and every array non-empty): the encoding holds every property of the schema.
        case full
        /// Every optional field nil: the encoding holds exactly the schema's required properties.
        case minimal
        /// Any other realistic shape.
        case other
    }

    let typeName: String
    let label: String
    let coverage: Coverage
    let encoded: [UInt8]
    /// The same event as Foundation's `JSONEncoder` writes it (`EventCodec.foundationEncode`).
    let foundationEncoded: [UInt8]
    /// Decodes `encoded` with `EventCodec.decode` and compares it with the original event.
    let roundTrips: @Sendable () -> Bool
    /// Decodes any bytes as this sample's type with `EventCodec.decode`, with Signpost's decoder
    /// alone and with Foundation's alone (see `DecoderVerdicts`).
    let verdicts: @Sendable ([UInt8]) -> DecoderVerdicts

    init<E: SignpostEvent>(_ label: String, _ coverage: Coverage, _ event: E) {
        typeName = E.typeName
        self.label = label
        self.coverage = coverage
        let bytes = EventCodec.encode(event)
        encoded = bytes
        foundationEncoded = EventCodec.foundationEncode(event)
        roundTrips = { (try? EventCodec.decode(E.self, from: bytes)) == event }
        verdicts = { input in DecoderVerdicts(E.self, input) }
    }

    var json: SchemaJSON { try! SchemaJSON.parse(encoded) }
    var description: String { "\(typeName) (\(label))" }
}

/// What each decoder makes of some bytes: the public decoder's result, Foundation's, and whether
/// Signpost's own decoder read them (nil when it left them to Foundation) and to the same value.
struct DecoderVerdicts: Sendable {
    /// `EventCodec.decode` and `EventCodec.foundationDecode` gave the same event or the same rejection.
    let sameResult: Bool
    /// Signpost's decoder read the bytes itself.
    let readByFastDecoder: Bool
    /// Signpost's decoder read them and Foundation did not, or read another value.
    let fastDecoderDisagrees: Bool
    let summary: String

    init<E: SignpostEvent>(_ type: E.Type, _ bytes: [UInt8]) {
        func result(_ body: () throws(EventRejection) -> E) -> Result<E, EventRejection> {
            do { return .success(try body()) } catch { return .failure(error) }
        }
        let public_ = result { () throws(EventRejection) in try EventCodec.decode(E.self, from: bytes) }
        let foundation = result { () throws(EventRejection) in try EventCodec.foundationDecode(E.self, from: bytes) }
        let fast = EventCodec.fastDecode(E.self, from: bytes)
        sameResult = public_ == foundation
        readByFastDecoder = fast != nil
        if let fast {
            if case .success(let value) = foundation { fastDecoderDisagrees = value != fast } else { fastDecoderDisagrees = true }
        } else {
            fastDecoderDisagrees = false
        }
        summary = "public: \(public_), Foundation: \(foundation), fast: \(fast.map { "\($0)" } ?? "left to Foundation")"
    }
}

/// A date the way events carry it. Sample dates use binary-exact fractions of a second (.125, .5, ...):
/// `EventCodec` truncates to milliseconds, so about half of all millisecond values (such as .004)
/// come back a millisecond early (see `dateMillisecondsSurviveARoundTrip`).
func schemaDate(_ text: String) -> Date {
    try! Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
}

/// Realistic samples of every event type: at least one `.full` and one `.minimal` each.
enum SchemaSamples {
    static let reference = "WCC-261129-7KQ4M2XD9A"

    static let recording = AttachmentReference(
        kind: .callRecording, store: "call-recordings", id: "rec-2026-11-29-0931-4471",
        mediaType: "audio/wav", capturedAt: schemaDate("2026-11-29T09:30:00.125Z")
    )
    static let photo = AttachmentReference(
        kind: .image, store: "webform-uploads", id: "upl-88c1f0", mediaType: "image/jpeg",
        capturedAt: schemaDate("2026-11-29T09:28:41.500Z")
    )

    static let fullContact = ContactReceived(
        contactId: "tel-20261129-0931-4471",
        channel: .phone,
        receivedAt: schemaDate("2026-11-29T09:30:00.125Z"),
        text: "Caller Mrs Ann Hughes of 12 Orchard Way, Pershore WR10 1AB complains that her bin has been missed "
            + "three weeks running; her husband, who uses a wheelchair, cannot take it to the tip. Call back on 01905 765432.",
        emailSubject: "Missed bins at 12 Orchard Way",
        customer: CustomerDetails(
            name: "Ann Hughes", email: "ann.hughes@example.org", phone: "01905 765432",
            address: "12 Orchard Way, Pershore", postcode: "WR10 1AB"
        ),
        attachments: [recording, photo],
        preferences: ContactPreferences(surveyOptOut: true, refusesSharing: true),
        agentId: "agent-7f3a9c"
    )

    static let minimalContact = ContactReceived(
        contactId: "bot-5c1e2d",
        channel: .bot,
        receivedAt: schemaDate("2026-11-29T10:02:17.000Z"),
        text: "user: is the tip at hill and moor open on boxing day"
    )

    /// A contact as intake seals it (the ciphertext here is a stand-in of the right shape).
    static let sealedContact = SealedContact(
        subject: "5f0c2a9e41d7b3c8", keyId: "k-3e9a0c71",
        ciphertext: "AAECAwQFBgcICQoLnJ3Ff1h0c2VhbGVkIGNvbnRhY3QgYnl0ZXNxL7b2s9Xr0VnQ1c8Zg=="
    )

    static let districtClassification = Classification(
        kind: .complaint, service: .districtCouncil, district: .wychavon, specialCategories: [.health],
        lawfulBasis: .publicTask, specialCategoryCondition: .explicitConsent, confidence: 0.87,
        decidedBy: "rules-2026.11",
        evidence: ["kind: complaint (complains)", "service: district_council (bin missed)", "district: wychavon (WR10)", "health: wheelchair"],
        candidates: [.init(kind: .complaint, service: .districtCouncil, probability: 0.87), .init(kind: .serviceRequest, service: .districtCouncil, probability: 0.09)]
    )

    static let plainClassification = Classification(
        kind: .generalEnquiry, service: .wasteDisposal, district: nil, specialCategories: [],
        lawfulBasis: .consent, specialCategoryCondition: nil, confidence: 1,
        decidedBy: "rules-2026.11", evidence: []
    )

    static let fullRedacted = EnquiryRedacted(
        reference: reference, contactId: fullContact.contactId, channel: .phone, receivedAt: fullContact.receivedAt,
        classification: districtClassification,
        redactedText: "Caller Mrs [PERSON_1] of [ADDRESS_1] [POSTCODE_1] complains that her bin has been missed "
            + "three weeks running; her husband, who uses a wheelchair, cannot take it to the tip. Call back on [PHONE_1].",
        redactedEmailSubject: "Missed bins at [ADDRESS_1]",
        entities: [
            PIIEntity(type: .person, start: 11, end: 21, placeholder: "[PERSON_1]"),
            PIIEntity(type: .address, start: 25, end: 49, placeholder: "[ADDRESS_1]"),
            PIIEntity(type: .postcode, start: 50, end: 58, placeholder: "[POSTCODE_1]"),
            PIIEntity(type: .phone, start: 195, end: 207, placeholder: "[PHONE_1]"),
        ],
        contactFieldTypes: [.person, .email, .phone, .address, .postcode],
        attachments: [recording, photo], preferences: fullContact.preferences, agentId: "agent-7f3a9c",
        redactorVersion: "redactor-1.4.0", redactedAt: schemaDate("2026-11-29T09:30:02.375Z"),
        sealed: SealedValues(subject: "5f0c2a9e41d7b3c8", keyId: "k-3e9a0c71", values: [
            SealedValue(placeholder: "[PERSON_1]", type: .person, ciphertext: "q83vEjRWeJCrze8SfOgyNDEl1Jm8wUfG0l3QwA=="),
            SealedValue(placeholder: "[CONTACT_EMAIL]", type: .email, ciphertext: "AAECAwQFBgcICQoLqL7b2s9Xr0VnQ1c8ZmFrZQ=="),
        ]), statutoryDueAt: schemaDate("2026-12-29T23:59:59.000Z"), statutoryRule: "FOIA 2000 s.10(1): 20 working days",
        subjectHandles: [
            "5f0c2a9e41d7b3c8a6e1f09d2b7c4e3a1f8d6b5c9e0a7f2d4c1b8e6a3f5d7c90",
            "c2e81b0f5a9d3e7c6b4a1f0e8d2c5b9a7e3f1d6c0b8a4e2f9d7c5b3a1e0f8d62",
        ])

    static let minimalRedacted = EnquiryRedacted(
        reference: "WCC-261129-0M3T5V8X1B", contactId: minimalContact.contactId, channel: .bot,
        receivedAt: minimalContact.receivedAt, classification: plainClassification,
        redactedText: minimalContact.text, redactedEmailSubject: nil, entities: [], contactFieldTypes: [],
        attachments: [], preferences: ContactPreferences(), agentId: nil,
        redactorVersion: "redactor-1.4.0", redactedAt: schemaDate("2026-11-29T10:02:18.125Z"))

    static let all: [SchemaSample] = [
        // ContactReceived
        SchemaSample("phone call, every field", .full, fullContact),
        SchemaSample("bot chat, no optional field", .minimal, minimalContact),
        SchemaSample("email", .other, ContactReceived(
            contactId: "<CAF3k1@mail.example.net>", channel: .email, receivedAt: schemaDate("2026-11-30T22:15:09.875Z"),
            text: "Please can you tell me when the library in Evesham reopens? Thanks, Ravi", emailSubject: "Library opening",
            customer: CustomerDetails(email: "ravi@example.net")
        )),

        // EnquiryLogged
        SchemaSample("phone call, sealed and in clear (every field)", .full, {
            var e = EnquiryLogged(reference: reference, contact: fullContact, loggedAt: schemaDate("2026-11-29T09:30:01.250Z"))
            e.sealedContact = sealedContact
            return e
        }()),
        SchemaSample("bot chat, sealed, no optional field", .minimal, EnquiryLogged(
            reference: "WCC-261129-0M3T5V8X1B", sealedContact: sealedContact, channel: .bot, receivedAt: minimalContact.receivedAt,
            loggedAt: schemaDate("2026-11-29T10:02:17.250Z"))),

        // EnquiryClassified
        SchemaSample("district complaint, every field", .full, {
            var e = EnquiryClassified(
                reference: reference, contact: fullContact, classification: districtClassification,
                classifiedAt: schemaDate("2026-11-29T09:30:01.875Z"), statutoryDueAt: schemaDate("2026-12-29T23:59:59.000Z"),
                statutoryRule: "FOIA 2000 s.10(1): 20 working days")
            e.sealedContact = sealedContact
            return e
        }()),
        SchemaSample("general enquiry, sealed, no optional field", .minimal, EnquiryClassified(
            logged: EnquiryLogged(reference: "WCC-261129-0M3T5V8X1B", sealedContact: sealedContact, channel: .bot,
                                  receivedAt: minimalContact.receivedAt, loggedAt: schemaDate("2026-11-29T10:02:17.250Z")),
            classification: plainClassification, classifiedAt: schemaDate("2026-11-29T10:02:17.625Z"))),

        // EnquiryRedacted
        SchemaSample("every field", .full, fullRedacted),
        SchemaSample("no optional field", .minimal, minimalRedacted),

        // EnquiryStatusChanged
        SchemaSample("triaged, with detail", .full, EnquiryStatusChanged(
            reference: reference, status: .triaged, by: "referral", detail: "triage: the resident refuses sharing with a partner",
            at: schemaDate("2026-11-29T09:30:03.000Z"))),
        SchemaSample("logged", .minimal, EnquiryStatusChanged(
            reference: reference, status: .logged, by: "intake", at: schemaDate("2026-11-29T09:30:01.250Z"))),

        // ReferralIssued
        SchemaSample("triage, every field", .full, ReferralIssued(
            referralId: "\(reference):referral:triage", reference: reference, recipient: "triage", triage: true,
            triageReason: "the resident refuses sharing with a partner; a person decides what the district may see", priority: .urgent, classification: districtClassification,
            lawfulBasis: .publicTask, specialCategoryCondition: .explicitConsent,
            redactedText: "Caller Mrs [PERSON_1] of [ADDRESS_1] [POSTCODE_1] complains that her bin has been missed three weeks running.",
            sharedEntityTypes: [.postcode], withheldEntityTypes: [.address, .person, .phone], seekConsent: true,
            attachments: [recording], channel: .phone, contactId: fullContact.contactId,
            receivedAt: fullContact.receivedAt, preferences: fullContact.preferences, agentId: "agent-7f3a9c",
            issuedAt: schemaDate("2026-11-29T09:30:02.750Z"),
            sharedValues: [ReferralIssued.SharedValue(placeholder: "[POSTCODE_1]", type: .postcode, value: "WR10 1AB")],
            text: "Caller Mrs [PERSON_1] of [ADDRESS_1] WR10 1AB complains that her bin has been missed three weeks running.",
            refusalOverridden: true, respondBy: schemaDate("2026-12-01T17:00:00.500Z"), dataSubject: "5f0c2a9e41d7b3c8",
            sealedShare: SealedValues(subject: "5f0c2a9e41d7b3c8", keyId: "k-3e9a0c71", values: [
                SealedValue(placeholder: "[POSTCODE_1]", type: .postcode, ciphertext: "q83vEjRWeJCrze8SfOgyNDEl1Jm8wUfG0l3QwA=="),
            ]))),
        SchemaSample("service referral, no optional field", .minimal, ReferralIssued(
            referralId: "WCC-261129-0M3T5V8X1B:referral:waste_disposal", reference: "WCC-261129-0M3T5V8X1B",
            recipient: "waste_disposal", triage: false, triageReason: nil, priority: .routine,
            classification: plainClassification, lawfulBasis: .consent, specialCategoryCondition: nil,
            redactedText: minimalContact.text, sharedEntityTypes: [], withheldEntityTypes: [], seekConsent: false,
            attachments: [], channel: .bot, contactId: minimalContact.contactId, receivedAt: minimalContact.receivedAt,
            preferences: ContactPreferences(), agentId: nil, issuedAt: schemaDate("2026-11-29T10:02:18.375Z"))),

        // SharingRecorded
        SchemaSample("partner, refusal overridden, every field", .full, SharingRecorded(
            auditId: "\(reference):referral:district_wychavon", reference: reference, recipient: "district_wychavon",
            recipientScope: "partner", dataSubject: "5f0c2a9e41d7b3c8", sharedEntityTypes: [.address, .postcode],
            withheldEntityTypes: [.person, .phone], lawfulBasis: .publicTask, specialCategoryCondition: .explicitConsent,
            refusedSharing: true, refusalOverridden: true, seekConsent: false,
            notes: ["PERSON, PHONE: not in district_wychavon's share list for public_task", "refusal overridden: legal obligation (safeguarding)"],
            catalogueVersion: "2026.11.2", sharedAt: schemaDate("2026-11-29T09:30:02.750Z"))),
        SchemaSample("council, nothing sealed, no optional field", .minimal, SharingRecorded(
            auditId: "WCC-261129-0M3T5V8X1B:referral:waste_disposal", reference: "WCC-261129-0M3T5V8X1B",
            recipient: "waste_disposal", recipientScope: "council", dataSubject: nil, sharedEntityTypes: [],
            withheldEntityTypes: [], lawfulBasis: .consent, specialCategoryCondition: nil, refusedSharing: false,
            refusalOverridden: false, seekConsent: false, notes: [], catalogueVersion: "2026.11.2",
            sharedAt: schemaDate("2026-11-29T10:02:18.375Z"))),

        // EnquiryAcknowledged
        SchemaSample("with a promised date", .full, EnquiryAcknowledged(
            reference: reference, contactId: fullContact.contactId, channel: .phone,
            handledBy: ["Wychavon District Council", "Customer services triage"], triage: true,
            respondBy: schemaDate("2026-12-13T17:00:00.000Z"), acknowledgedAt: schemaDate("2026-11-29T09:30:02.875Z"))),
        SchemaSample("no promised date", .minimal, EnquiryAcknowledged(
            reference: "WCC-261129-0M3T5V8X1B", contactId: minimalContact.contactId, channel: .bot,
            handledBy: [], triage: false, respondBy: nil, acknowledgedAt: schemaDate("2026-11-29T10:02:18.625Z"))),

        // SurveyInvited (no optional fields: the full and minimal shapes coincide)
        SchemaSample("by phone", .full, SurveyInvited(
            invitationId: "\(reference):survey", reference: reference, contactId: fullContact.contactId, channel: .phone,
            recipient: "district_wychavon", invitedAt: schemaDate("2026-11-29T09:30:03.125Z"),
            expiresAt: schemaDate("2026-12-13T09:30:03.125Z"))),
        SchemaSample("by bot", .minimal, SurveyInvited(
            invitationId: "WCC-261129-0M3T5V8X1B:survey", reference: "WCC-261129-0M3T5V8X1B",
            contactId: minimalContact.contactId, channel: .bot, recipient: "waste_disposal",
            invitedAt: schemaDate("2026-11-29T10:02:18.500Z"), expiresAt: schemaDate("2026-12-13T10:02:18.500Z"))),

        // SurveyResponded
        SchemaSample("with a comment", .full, SurveyResponded(
            invitationId: "\(reference):survey", reference: reference, score: 5,
            comment: "Fixed within the week, thank you — Ann", respondedAt: schemaDate("2026-12-02T18:44:10.000Z"))),
        SchemaSample("score only", .minimal, SurveyResponded(
            invitationId: "WCC-261129-0M3T5V8X1B:survey", reference: "WCC-261129-0M3T5V8X1B", score: 1,
            respondedAt: schemaDate("2026-11-30T08:00:00.000Z"))),

        // PerformanceEvent
        SchemaSample("every field (more than any one stage sets)", .full, PerformanceEvent(
            eventId: "9f2c4e1ab07d:referred", stage: .referred, recordedBy: "referral", enquiry: "9f2c4e1ab07d",
            channel: .phone, kind: .complaint, service: .districtCouncil, district: .wychavon,
            recipient: "district_wychavon", priority: .routine, confidence: 0.87, specialCategoryPresent: true,
            agentId: "agent-7f3a9c", elapsedMilliseconds: 2_677, score: 4, reason: .processingFailed,
            occurredAt: schemaDate("2026-11-29T09:30:02.750Z"))),
        SchemaSample("received", .minimal, PerformanceEvent(
            eventId: "9f2c4e1ab07d:received", stage: .received, recordedBy: "intake", enquiry: "9f2c4e1ab07d",
            occurredAt: schemaDate("2026-11-29T09:30:01.250Z"))),
        SchemaSample("dead-lettered", .other, PerformanceEvent(
            eventId: "41d0aa93e2c5:dead_lettered", stage: .deadLettered, recordedBy: "classifier", enquiry: "41d0aa93e2c5",
            reason: .unsupportedSchemaVersion, occurredAt: schemaDate("2026-11-29T11:15:42.000Z"))),

        // SurveyFeedback
        SchemaSample("redacted comment, every field", .full, SurveyFeedback(
            feedbackId: "9f2c4e1ab07d:feedback", enquiry: "9f2c4e1ab07d", score: 2, channel: .phone, kind: .complaint,
            service: .districtCouncil, recipient: "district_wychavon",
            comment: "[PERSON_1] never rang back on [PHONE_1]; I quoted [REFERENCE] twice.",
            redactedEntityTypes: [.person, .phone], redactorVersion: "rules-1.0.0",
            respondedAt: schemaDate("2026-12-02T18:44:10.000Z"))),
        SchemaSample("nothing known but the answer", .minimal, SurveyFeedback(
            feedbackId: "41d0aa93e2c5:feedback", enquiry: "41d0aa93e2c5", score: 5, comment: "Quick and helpful, thank you.",
            redactedEntityTypes: [], redactorVersion: "rules-1.0.0", respondedAt: schemaDate("2026-11-30T08:00:00.000Z"))),

        // PerformanceAggregate
        SchemaSample("one team in one hour, every measure", .full, PerformanceAggregate(
            aggregateId: "2026-11-29T10:00:00Z/team=district_wychavon", hour: schemaDate("2026-11-29T10:00:00.000Z"), dimension: .team,
            value: "district_wychavon", enquiries: 40, received: 40, referred: 36, triaged: 3, deadLettered: 1, surveysInvited: 30,
            surveysAnswered: 12, referralMillisecondsMedian: 812.5, referralMillisecondsP90: 2_300, triageRate: 0.0769,
            deadLetterRate: 0.025, surveyResponseRate: 0.4, meanScore: 3.75, eventsFolded: 4_812,
            computedAt: schemaDate("2026-11-29T10:31:00.125Z"))),
        SchemaSample("required fields only", .minimal, PerformanceAggregate(
            aggregateId: "2026-11-29T11:00:00Z/all", hour: schemaDate("2026-11-29T11:00:00.000Z"), dimension: .all, value: nil,
            enquiries: 2, received: 0, referred: 0, triaged: 0, deadLettered: 2, surveysInvited: 0, surveysAnswered: 0,
            referralMillisecondsMedian: nil, referralMillisecondsP90: nil, triageRate: nil, deadLetterRate: nil,
            surveyResponseRate: nil, meanScore: nil, eventsFolded: 2, computedAt: schemaDate("2026-11-29T11:02:00.000Z"))),

        // ReferralClosed
        SchemaSample("resolved by a district", .full, ReferralClosed(
            referralId: "SP-261129-7KQ4M-2XD9A:referral:district_wychavon", reference: "SP-261129-7KQ4M-2XD9A",
            recipient: "district_wychavon", outcome: .resolved, contactId: "ph-2026-11-29-0042", channel: .phone, kind: .complaint,
            service: .districtCouncil, surveyOptOut: false, receivedAt: schemaDate("2026-11-29T09:30:00.125Z"),
            closedAt: schemaDate("2026-12-03T14:02:11.500Z"), dataSubject: "5f0c2a9e41d7b3c8")),
        SchemaSample("no action needed, opted out", .minimal, ReferralClosed(
            referralId: "SP-261129-0M3T5-V8X1B:referral:libraries", reference: "SP-261129-0M3T5-V8X1B", recipient: "libraries",
            outcome: .noActionNeeded, contactId: "bot-77", channel: .bot, kind: .generalEnquiry, service: .libraries,
            surveyOptOut: true, receivedAt: schemaDate("2026-11-29T10:00:00.000Z"), closedAt: schemaDate("2026-11-29T10:05:00.250Z"))),

        // RightsAction
        SchemaSample("erasure certified, every field", .full, RightsAction(
            actionId: "erasure:5f0c2a9e41d7b3c8:1795000000", action: .erasureCertified, operatorId: "dpo", authority: "ERASURE-2026-0007",
            dataSubject: "5f0c2a9e41d7b3c8", references: ["SP-261129-7KQ4M-2XD9A"], holdId: "H-2026-03", holdScope: .subject,
            holdTarget: "5f0c2a9e41d7b3c8", recordKind: "call_audio", recordStore: "call-recordings", recordId: "rec-0042",
            erasedKeyIds: ["k-3e9a0c71"], kept: ["the sharing record: it holds no personal values"],
            detail: "data keys deleted", at: schemaDate("2026-11-29T12:00:00.500Z"), correctedType: .address,
            correction: SealedValues(subject: "5f0c2a9e41d7b3c8", keyId: "k-3e9a0c71", values: [
                SealedValue(placeholder: "[CONTACT_ADDRESS]", type: .address, ciphertext: "q83vEjRWeJCrze8SfOgyNDEl1Jm8wUfG0l3QwA=="),
            ]))),
        SchemaSample("access provided, required fields only", .minimal, RightsAction(
            actionId: "access:41d0aa93e2c5:1795000000", action: .accessProvided, operatorId: "dpo", authority: "SAR-2026-0142",
            detail: "access bundle of 0 enquiries provided", at: schemaDate("2026-11-29T12:30:00.000Z"))),

        // ReferralCorrected
        SchemaSample("a new address for a district", .full, ReferralCorrected(
            referralId: "SP-261129-7KQ4M-2XD9A:referral:district_wychavon", reference: "SP-261129-7KQ4M-2XD9A", recipient: "district_wychavon",
            placeholder: "[CONTACT_ADDRESS]", type: .address, value: "4 Mill Lane, Pershore", sealedValue: SealedValues(
                subject: "5f0c2a9e41d7b3c8", keyId: "k-3e9a0c71",
                values: [SealedValue(placeholder: "[CONTACT_ADDRESS]", type: .address, ciphertext: "AAECAwQFBgcICQoLqL7b2s9Xr0VnQ1c8ZmFrZQ==")]),
            rectificationId: "rectification:5f0c2a9e41d7b3c8:1795000000000", correctedAt: schemaDate("2026-12-01T10:00:00.250Z"))),
        SchemaSample("a corrected phone number", .minimal, ReferralCorrected(
            referralId: "SP-1:referral:highways", reference: "SP-1", recipient: "highways", placeholder: "[CONTACT_PHONE]", type: .phone,
            sealedValue: SealedValues(subject: "41d0aa93e2c5", keyId: "k-0b7d2e19",
                values: [SealedValue(placeholder: "[CONTACT_PHONE]", type: .phone, ciphertext: "q83vEjRWeJCrze8SfOgyNDEl1Jm8wUfG0l3QwA==")]),
            rectificationId: "rectification:41d0aa93e2c5:1795000000000", correctedAt: schemaDate("2026-12-01T10:00:00.000Z"))),

        // ReferralErased
        SchemaSample("a district asked to erase what it received", .full, ReferralErased(
            referralId: "SP-261129-7KQ4M-2XD9A:referral:district_wychavon", reference: "SP-261129-7KQ4M-2XD9A", recipient: "district_wychavon",
            sharedEntityTypes: [.address, .postcode], erasureId: "erasure:5f0c2a9e41d7b3c8:1795000000",
            erasedAt: schemaDate("2026-12-02T11:00:00.125Z"))),
        SchemaSample("one type erased", .minimal, ReferralErased(
            referralId: "SP-1:referral:highways", reference: "SP-1", recipient: "highways", sharedEntityTypes: [.phone],
            erasureId: "erasure:41d0aa93e2c5:1795000000", erasedAt: schemaDate("2026-12-02T11:00:00.000Z"))),

        // EnquiryReclassified
        SchemaSample("triage decided, every field", .full, EnquiryReclassified(
            decisionId: "\(reference):decision:1795000000000", reference: reference,
            classification: .byPerson(kind: .complaint, service: .districtCouncil, district: .wychavon, specialCategories: [.health],
                                      operatorId: "triage-officer-4", reason: "a missed bin collection: the district's job",
                                      candidates: districtClassification.candidates),
            previous: districtClassification, operatorId: "triage-officer-4", reason: "a missed bin collection: the district's job",
            enquiry: fullRedacted, decidedAt: schemaDate("2026-11-29T11:00:00.500Z"))),
        SchemaSample("reclassified, no optional field", .minimal, EnquiryReclassified(
            decisionId: "WCC-261129-0M3T5V8X1B:decision:1795000000000", reference: "WCC-261129-0M3T5V8X1B",
            classification: .byPerson(kind: .generalEnquiry, service: .wasteDisposal, district: nil, specialCategories: [],
                                      operatorId: "triage-officer-4", reason: "asks about the tip"),
            previous: plainClassification, operatorId: "triage-officer-4", reason: "asks about the tip",
            enquiry: minimalRedacted, decidedAt: schemaDate("2026-11-29T11:00:00.000Z"))),

        // DeadLetter
        SchemaSample("with key and headers", .full, DeadLetter(
            deadLetterId: "customer.contact.received.v1/3/18211", rejectedBy: "intake", reason: .unknownChannel,
            detail: "ContactReceived: channel must be one of phone, email, webform, bot",
            sourceTopic: "customer.contact.received.v1", sourcePartition: 3, sourceOffset: 18_211,
            originalKeyBase64: Data("fax-0042".utf8).base64EncodedString(),
            originalValueBase64: Data(#"{"channel":"fax","contact_id":"fax-0042","schema_version":"1.0"}"#.utf8).base64EncodedString(),
            originalHeaders: [
                DeadLetter.Header(key: "ce_specversion", valueBase64: Data("1.0".utf8).base64EncodedString()),
                DeadLetter.Header(key: "ce_type", valueBase64: Data("uk.gov.worcestershire.signpost.ContactReceived.v1".utf8).base64EncodedString()),
            ],
            failedAt: schemaDate("2026-11-29T09:41:07.375Z"))),
        SchemaSample("no key, a null header", .minimal, DeadLetter(
            deadLetterId: "customer.enquiry.logged.v1/0/0", rejectedBy: "classifier", reason: .invalidUTF8,
            detail: "the value is not valid UTF-8; events are UTF-8 JSON",
            sourceTopic: "customer.enquiry.logged.v1", sourcePartition: 0, sourceOffset: 0,
            originalKeyBase64: nil, originalValueBase64: Data([0xC3, 0x28, 0xFF]).base64EncodedString(),
            originalHeaders: [DeadLetter.Header(key: "x-empty", valueBase64: nil)],
            failedAt: schemaDate("2026-11-29T12:00:00.000Z"))),
        SchemaSample("empty value, no headers", .other, DeadLetter(
            deadLetterId: "survey.response.received.v1/1/9007199254740993", rejectedBy: "survey", reason: .invalidJSON,
            detail: "the record has no value; expected a SurveyResponded JSON object",
            sourceTopic: "survey.response.received.v1", sourcePartition: 1, sourceOffset: 9_007_199_254_740_993,
            originalKeyBase64: "", originalValueBase64: "", originalHeaders: [],
            failedAt: schemaDate("2026-11-29T12:00:00.500Z"))),
    ]
}
