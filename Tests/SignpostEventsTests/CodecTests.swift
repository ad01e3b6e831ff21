import Foundation
import SignpostEvents
import Testing

@Suite struct CodecTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000.25)

    static func contact(id: String = "c-1", text: String = "Pothole on Mill Lane, Upton.") -> ContactReceived {
        ContactReceived(
            contactId: id, channel: .email, receivedAt: now, text: text, emailSubject: "Pothole",
            customer: CustomerDetails(name: "Priya Shah", email: "p.shah@example.net"),
            attachments: [AttachmentReference(kind: .document, store: "mail", id: "att-1", mediaType: "application/pdf", capturedAt: now)],
            preferences: ContactPreferences(surveyOptOut: true), agentId: nil
        )
    }

    @Test func contactRoundTripsThroughTheWireFormat() throws {
        let original = Self.contact()
        let bytes = EventCodec.encode(original)
        let decoded = try EventCodec.decode(ContactReceived.self, from: bytes)
        #expect(decoded == original)
    }

    @Test func wireFormatUsesSnakeCaseKeysAndCarriesTheSchemaVersion() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(EventCodec.encode(Self.contact()))) as? [String: Any])
        #expect(json["schema_version"] as? String == "1.0")
        #expect(json["contact_id"] as? String == "c-1")
        #expect(json["email_subject"] as? String == "Pothole")
        #expect((json["preferences"] as? [String: Any])?["survey_opt_out"] as? Bool == true)
        #expect((json["received_at"] as? String)?.hasSuffix(".250Z") == true)
    }

    @Test func decodingToleratesUnknownFields() throws {
        let text = #"{"schema_version":"1.3","contact_id":"c-9","channel":"bot","received_at":"2026-11-29T09:30:00Z","text":"hi","new_field":{"x":1}}"#
        let contact = try EventCodec.decode(ContactReceived.self, from: Array(text.utf8))
        #expect(contact.contactId == "c-9")
        #expect(contact.attachments.isEmpty)
        #expect(contact.preferences == ContactPreferences())
    }

    @Test func unknownMajorVersionIsRejectedNotGuessed() {
        let text = #"{"schema_version":"2.0","contact_id":"c-9","channel":"bot","received_at":"2026-11-29T09:30:00Z","text":"hi"}"#
        #expect(throws: EventRejection.self) { try EventCodec.decode(ContactReceived.self, from: Array(text.utf8)) }
        do {
            _ = try EventCodec.decode(ContactReceived.self, from: Array(text.utf8))
        } catch {
            #expect(error.reason == .unsupportedSchemaVersion)
        }
    }

    @Test(arguments: [
        (#"{"schema_version":"1.0","contact_id":"c","channel":"fax","received_at":"2026-11-29T09:30:00Z","text":"x"}"#, DeadLetterReason.unknownChannel),
        (#"{"schema_version":"1.0","contact_id":"c","channel":"bot","received_at":"2026-11-29T09:30:00Z"}"#, .missingField),
        (#"{"schema_version":"1.0","contact_id":"c","channel":7,"received_at":"2026-11-29T09:30:00Z","text":"x"}"#, .wrongType),
        (#"{"schema_version":"1.0","contact_id":"c","channel":"bot","received_at":"yesterday","text":"x"}"#, .invalidValue),
        (#"{"contact_id":"c","channel":"bot","received_at":"2026-11-29T09:30:00Z","text":"x"}"#, .missingField),
        (#"{"schema_version":"1.0","contact_id":"c""#, .invalidJSON),
        (#"[1,2,3]"#, .invalidJSON),
        ("", .invalidJSON),
    ])
    func badContactsAreRejectedWithTheirReason(text: String, reason: DeadLetterReason) {
        do {
            _ = try EventCodec.decode(ContactReceived.self, from: Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason == reason, "\(error.detail)")
            #expect(!error.detail.isEmpty)
        }
    }

    @Test func invalidUTF8IsRejected() {
        let bytes = Array(#"{"schema_version":"1.0","text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        do {
            _ = try EventCodec.decode(ContactReceived.self, from: bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == .invalidUTF8)
        }
    }

    @Test func oversizedBodyIsRejectedBeforeParsing() {
        let bytes = [UInt8](repeating: 0x20, count: EventCodec.maximumBodyBytes + 1)
        do {
            _ = try EventCodec.decode(ContactReceived.self, from: bytes)
            Issue.record("accepted an oversized body")
        } catch {
            #expect(error.reason == .oversized)
        }
    }

    @Test func classificationAlwaysWritesDistrictAndTheContractFieldNames() throws {
        let c = Classification(
            kind: .complaint, service: .districtCouncil, district: nil, specialCategories: [.health], lawfulBasis: .publicTask,
            specialCategoryCondition: .explicitConsent, confidence: 0.8, decidedBy: "rules", evidence: ["x"]
        )
        let json = try #require(try JSONSerialization.jsonObject(with: Data(EventCodec.makeEncoder().encode(c))) as? [String: Any])
        #expect(json.keys.contains("district"))
        #expect(json["district"] is NSNull)
        #expect(json["special_category"] as? [String] == ["health"])
        #expect(json["lawful_basis"] as? String == "public_task")
    }

    @Test func everyEventTypeRoundTrips() throws {
        let classification = Classification(
            kind: .serviceRequest, service: .highways, district: nil, specialCategories: [], lawfulBasis: .publicTask,
            specialCategoryCondition: nil, confidence: 0.9, decidedBy: "rules-1", evidence: ["pothole"]
        )
        let contact = Self.contact()
        let events: [any SignpostEvent] = [
            contact,
            EnquiryLogged(reference: "SP-1", contact: contact, loggedAt: Self.now),
            EnquiryClassified(reference: "SP-1", contact: contact, classification: classification, classifiedAt: Self.now),
            EnquiryRedacted(reference: "SP-1", contactId: "c-1", channel: .email, receivedAt: Self.now, classification: classification,
                            redactedText: "[PERSON_1] says hi", redactedEmailSubject: nil, entities: [PIIEntity(type: .person, start: 0, end: 5, placeholder: "[PERSON_1]")],
                            contactFieldTypes: [.email], attachments: [], preferences: .init(), agentId: "a1", redactorVersion: "r1", redactedAt: Self.now),
            EnquiryStatusChanged(reference: "SP-1", status: .referred, by: "referral", detail: "highways", at: Self.now),
            SurveyInvited(invitationId: "i", reference: "SP-1", contactId: "c-1", channel: .email, recipient: "highways", invitedAt: Self.now, expiresAt: Self.now),
            SurveyResponded(invitationId: "i", reference: "SP-1", score: 4, comment: "ok", respondedAt: Self.now),
            PerformanceEvent(eventId: "e", stage: .referred, recordedBy: "referral", enquiry: "abc", channel: .bot, kind: .complaint, occurredAt: Self.now),
        ]
        for event in events {
            try roundTrip(event)
        }
    }

    func roundTrip<E: SignpostEvent>(_ event: E) throws {
        let decoded = try EventCodec.decode(E.self, from: EventCodec.encode(event))
        #expect(decoded == event, "\(E.typeName)")
    }
}

@Suite struct HeaderTests {
    @Test func cloudEventHeadersMapBothWays() throws {
        let contact = CodecTests.contact(id: "c-42")
        let trace = TraceParent.random()
        let envelope = CloudEventHeaders(for: contact, id: "id-1", source: "signpost/test", time: CodecTests.now, traceParent: trace)
        let headers = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.key, $0.value) })
        #expect(headers["ce_specversion"] == "1.0")
        #expect(headers["ce_type"] == "uk.gov.worcestershire.signpost.ContactReceived.v1")
        #expect(headers["ce_subject"] == "c-42")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["ce_dataschema"] == "schemas/ContactReceived.v1.json")
        #expect(headers["traceparent"] == trace.description)
        let parsed = try #require(CloudEventHeaders(headers: headers))
        #expect(parsed == envelope)
    }

    @Test func recordDecodeRefusesAMismatchedCloudEventType() {
        var record = InboundRecord(event: CodecTests.contact(), topic: "t")
        record.headers = record.headers.map { $0.key == "ce_type" ? RecordHeader(key: "ce_type", value: Array("uk.gov.worcestershire.signpost.EnquiryLogged.v1".utf8)) : $0 }
        do {
            _ = try record.decode(ContactReceived.self)
            Issue.record("decoded a record whose ce_type names another event")
        } catch {
            #expect(error.reason == .unknownEventType)
        }
    }

    @Test func headerlessRecordFallsBackToTheTopicsDeclaredType() {
        let record = InboundRecord(topic: "t", value: [], headers: [], declaredEventTypes: ["ContactReceived"])
        #expect(record.eventTypeName == "ContactReceived")
    }

    @Test func traceParentParsesAndRejectsMalformedValues() {
        let valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let parsed = TraceParent(valid)
        #expect(parsed?.description == valid)
        #expect(parsed?.child().traceID == "0af7651916cd43dd8448eb211c80319c")
        #expect(parsed?.child().spanID != "b7ad6b7169203331")
        #expect(TraceParent("00-00000000000000000000000000000000-b7ad6b7169203331-01") == nil)
        #expect(TraceParent("garbage") == nil)
        #expect(TraceParent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") == nil)
    }

    @Test func schemaVersionParsesMajorMinor() {
        #expect(SchemaVersion("1.0") == SchemaVersion(major: 1, minor: 0))
        #expect(SchemaVersion("2") == SchemaVersion(major: 2, minor: 0))
        #expect(SchemaVersion("1.x") == nil)
        #expect(SchemaVersion("") == nil)
        #expect(SchemaVersion(major: 1, minor: 2) < SchemaVersion(major: 2, minor: 0))
    }
}

/// The legal deadlines the classifier puts on FOI, EIR and subject-rights requests.
@Suite struct StatutoryClockTests {
    private func date(_ text: String) -> Date { try! Date.ISO8601FormatStyle().parse(text) }

    @Test func anFOIRequestIsDueTwentyWorkingDaysLaterSkippingWeekendsAndBankHolidays() throws {
        // Received Monday 14 December 2026: 25 and 28 December and 1 January are bank holidays.
        let d = try #require(StatutoryClock.deadline(for: .foiRequest, receivedAt: date("2026-12-14T10:00:00Z")))
        #expect(d.due == date("2027-01-14T23:59:59Z"))
        #expect(d.rule.contains("FOIA"))
    }

    @Test func aSubjectAccessRequestIsDueOneCalendarMonthLater() throws {
        let d = try #require(StatutoryClock.deadline(for: .dataRightsRequest, receivedAt: date("2026-11-29T09:00:00Z")))
        #expect(d.due == date("2026-12-29T23:59:59Z"))
    }

    @Test func workingDayArithmeticAgreesWithTheGregorianCalendarForRandomMoments() {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let holidays = StatutoryClock.bankHolidays
        func reference(_ days: Int, _ date: Date) -> Date {
            var out = date
            var left = days
            while left > 0 {
                out = utc.date(byAdding: .day, value: 1, to: out)!
                let c = utc.dateComponents([.year, .month, .day], from: out)
                let text = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
                if !utc.isDateInWeekend(out) && !holidays.contains(text) { left -= 1 }
            }
            return out
        }
        var generator = SystemRandomNumberGenerator()
        // 2024-06-01 to 2028-01-01, whole and fractional seconds, midnights included.
        for index in 0..<3_000 {
            var seconds = Double.random(in: 1_717_200_000...1_830_297_600, using: &generator)
            if index % 3 == 0 { seconds = (seconds / 86_400).rounded(.down) * 86_400 }
            if index % 3 == 1 { seconds = seconds.rounded(.down) }
            let date = Date(timeIntervalSince1970: seconds)
            let days = Int.random(in: 0...25, using: &generator)
            let fast = StatutoryClock.addingWorkingDays(days, to: date)
            let slow = reference(days, date)
            #expect(abs(fast.timeIntervalSince(slow)) < 0.001, "\(days) working days after \(date): \(fast) against \(slow)")
            #expect(StatutoryClock.isNonWorkingDay(date) == (utc.isDateInWeekend(date) || holidays.contains(
                String(format: "%04d-%02d-%02d", utc.component(.year, from: date), utc.component(.month, from: date), utc.component(.day, from: date)))))
        }
    }

    @Test func otherKindsHaveNoStatutoryClock() {
        for kind in EnquiryKind.allCases where ![.foiRequest, .eirRequest, .dataRightsRequest].contains(kind) {
            #expect(StatutoryClock.deadline(for: kind, receivedAt: Date()) == nil)
        }
    }
}
