import Foundation
import RightsCore
import SignpostEvents
import Testing

private let schedule: RetentionSchedule = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try! RetentionSchedule.loadDefault(topicsDirectory: root.appendingPathComponent("topics"), environment: [:])
}()

private let now = Date(timeIntervalSince1970: 1_795_000_000) // the injected clock
private let day: TimeInterval = 86_400

private func enquiry(_ reference: String, subject: String = "subject-a", kind: EnquiryKind = .serviceRequest, daysAgo: Double,
                     recordingDaysAgo: Double? = nil, text: String = "x", sealed: [SealedValue] = []) -> EnquiryRedacted {
    let received = now.addingTimeInterval(-daysAgo * day)
    let recording = recordingDaysAgo.map {
        AttachmentReference(kind: .callRecording, store: "call-recordings", id: "rec-\(reference)", mediaType: "audio/wav", capturedAt: now.addingTimeInterval(-$0 * day))
    }
    let c = Classification(kind: kind, service: .highways, district: nil, specialCategories: [], lawfulBasis: kind.lawfulBasis,
                           specialCategoryCondition: nil, confidence: 0.9, decidedBy: "rules", evidence: [])
    return EnquiryRedacted(
        reference: reference, contactId: "c-\(reference)", channel: .phone, receivedAt: received, classification: c, redactedText: text,
        redactedEmailSubject: nil, entities: [], contactFieldTypes: [], attachments: recording.map { [$0] } ?? [],
        preferences: ContactPreferences(), agentId: nil, redactorVersion: "test", redactedAt: received,
        sealed: SealedValues(subject: subject, keyId: "k1", values: sealed)
    )
}

private func hold(_ id: String, scope: RightsAction.HoldScope, target: String, lifted: Bool = false) -> [RightsAction] {
    var out = [RightsAction(actionId: "place-\(id)", action: .legalHoldPlaced, operatorId: "legal-services",
                            authority: "Inquiries Act 2005: inquiry into home care", holdId: id, holdScope: scope, holdTarget: target,
                            detail: "hold placed", at: now.addingTimeInterval(-10 * day))]
    if lifted {
        out.append(RightsAction(actionId: "lift-\(id)", action: .legalHoldLifted, operatorId: "legal-services",
                                authority: "inquiry closed", holdId: id, detail: "hold lifted", at: now.addingTimeInterval(-day)))
    }
    return out
}

@Suite struct RetentionTests {
    private func decisions(_ enquiries: [EnquiryRedacted], holds: [RightsAction] = []) -> [RetentionDecision] {
        var index = SubjectIndex()
        for e in enquiries { index.add(e) }
        let policy = RetentionPolicy(schedule: schedule)
        return policy.decide(policy.records(in: index), holds: LegalHolds(holds), disposed: [], now: now)
    }

    @Test func aOneYearOldCallRecordingIsDisposedOfAndAnElevenMonthOldOneIsNot() {
        let out = decisions([enquiry("SP-OLD", daysAgo: 366, recordingDaysAgo: 366), enquiry("SP-NEW", daysAgo: 335, recordingDaysAgo: 335)])
        #expect(out.contains { if case .dispose(let r, _) = $0 { r.id == "rec-SP-OLD" } else { false } })
        #expect(out.contains { if case .keep(let r, _) = $0 { r.id == "rec-SP-NEW" } else { false } })
        #expect(out.count == 2)
    }

    @Test func aLegalHoldStopsDisposalAndLiftingItLetsItProceed() {
        let old = enquiry("SP-OLD", daysAgo: 400, recordingDaysAgo: 400)
        for scope in RightsAction.HoldScope.allCases {
            let target = scope == .subject ? "subject-a" : scope == .enquiry ? "SP-OLD" : "rec-SP-OLD"
            let held = decisions([old], holds: hold("H1", scope: scope, target: target))
            #expect(held.allSatisfy { if case .held(_, let holds) = $0 { holds.map(\.holdId) == ["H1"] } else { false } }, "\(scope)")
            let lifted = decisions([old], holds: hold("H1", scope: scope, target: target, lifted: true))
            #expect(lifted.allSatisfy { if case .dispose = $0 { true } else { false } }, "\(scope)")
        }
    }

    @Test func theScheduleNamesEveryKindTheJobHandlesAndWhoMayHoldAndErase() throws {
        #expect(schedule.entry(RetentionSchedule.callAudio)?.keep == 365 * day)
        #expect(schedule.authorisedOperators.contains("dpo"))
        #expect(throws: RetentionScheduleError.self) { try RetentionSchedule.parse("version: x\nrecords: []\nauthorised_operators: [dpo]\n") }
    }
}

@Suite struct ErasureTests {
    private func index(_ enquiries: [EnquiryRedacted]) -> SubjectIndex {
        var index = SubjectIndex()
        for e in enquiries { index.add(e) }
        return index
    }

    @Test func erasureIsAllowedWhenNothingObligesTheCouncilToKeepTheData() {
        let d = ErasurePolicy(schedule: schedule).decide(subject: "subject-a", index: index([enquiry("SP-1", daysAgo: 30)]), holds: LegalHolds(), now: now)
        #expect(d.allowed && d.refusals.isEmpty && d.references == ["SP-1"])
        #expect(!d.kept.isEmpty)
    }

    @Test func aLegalObligationCaseBlocksErasureAndSaysUntilWhen() {
        let d = ErasurePolicy(schedule: schedule).decide(
            subject: "subject-a", index: index([enquiry("SP-1", daysAgo: 30), enquiry("SP-2", kind: .foiRequest, daysAgo: 30)]), holds: LegalHolds(), now: now
        )
        #expect(!d.allowed)
        #expect(d.refusals.count == 1 && d.refusals[0].contains("SP-2") && d.refusals[0].contains("legal obligation"))
    }

    @Test func aLegalHoldBlocksErasureUntilItIsLifted() {
        let idx = index([enquiry("SP-1", daysAgo: 30)])
        let policy = ErasurePolicy(schedule: schedule)
        #expect(!policy.decide(subject: "subject-a", index: idx, holds: LegalHolds(hold("H9", scope: .enquiry, target: "SP-1")), now: now).allowed)
        #expect(policy.decide(subject: "subject-a", index: idx, holds: LegalHolds(hold("H9", scope: .enquiry, target: "SP-1", lifted: true)), now: now).allowed)
    }
}

@Suite struct AccessBundleTests {
    @Test func theBundleGivesThePersonTheirOwnDetailsAndKeepsANeighboursRedacted() throws {
        let e = enquiry("SP-1", daysAgo: 3, text: "[PERSON_1] says [PERSON_2] next door plays music; call [PHONE_1].")
        let values = [
            "[PERSON_1]": "Joan Price", "[PERSON_2]": "Gary Holt", "[PHONE_1]": "07700 900461",
            SealedValues.ContactPlaceholder.name: "Joan Price", SealedValues.ContactPlaceholder.phone: "07700900461",
        ]
        let audit = SharingRecorded(
            auditId: "SP-1:referral:district_wychavon", reference: "SP-1", recipient: "district_wychavon", recipientScope: "partner",
            dataSubject: "subject-a", sharedEntityTypes: [.person, .phone], withheldEntityTypes: [], lawfulBasis: .publicTask,
            specialCategoryCondition: nil, refusedSharing: false, refusalOverridden: false, seekConsent: false, notes: [],
            catalogueVersion: "v", sharedAt: now
        )
        let bundle = AccessBundle.build(dataSubject: "subject-a", enquiries: [e], audits: [audit], answers: [], open: { _, _ in values }, at: now)
        let text = try #require(bundle.enquiries.first?.text)
        #expect(text == "Joan Price says [PERSON_2] next door plays music; call 07700 900461.")
        #expect(bundle.enquiries.first?.referrals.map(\.recipient) == ["district_wychavon"])
        #expect(bundle.enquiries.first?.recordings.isEmpty == true)
        #expect(!bundle.html.contains("Gary Holt") && bundle.html.contains("Joan Price"))
        let json = String(decoding: try JSONEncoder().encode(bundle), as: UTF8.self)
        #expect(!json.contains("Gary Holt"))
    }

    @Test func theBundleListsThePersonsCorrectionsWithTheValueNowUsed() {
        let sealed = SealedValues(subject: "subject-a", keyId: "k", values: [SealedValue(placeholder: "[CONTACT_ADDRESS]", type: .address, ciphertext: "x")])
        let action = RightsAction(
            actionId: "rectification:subject-a:1", action: .rectificationRecorded, operatorId: "dpo", authority: "RECT-1", dataSubject: "subject-a",
            detail: "address corrected", at: now, correctedType: .address, correction: sealed
        )
        let bundle = AccessBundle.build(
            dataSubject: "subject-a", enquiries: [], audits: [], answers: [], corrections: [action],
            open: { _, reference in reference == action.correctionReference ? ["[CONTACT_ADDRESS]": "4 Mill Lane, Pershore"] : [:] }, at: now
        )
        #expect(bundle.corrections.map(\.value) == ["4 Mill Lane, Pershore"] && bundle.corrections.first?.type == .address)
        #expect(bundle.html.contains("Corrections you asked for") && bundle.html.contains("4 Mill Lane, Pershore"))
    }

    @Test func anErasedPersonsBundleSaysTheValuesAreGone() {
        struct Gone: Error {}
        let bundle = AccessBundle.build(dataSubject: "s", enquiries: [enquiry("SP-1", daysAgo: 3, text: "[PERSON_1]")], audits: [], answers: [],
                                        open: { _, _ in throw Gone() }, at: now)
        #expect(bundle.enquiries.first?.text == "[PERSON_1]")
        #expect(bundle.enquiries.first?.note?.contains("erased") == true)
    }
}

@Suite struct StatutoryClockReportTests {
    private func request(_ reference: String, kind: EnquiryKind, daysAgo: Double) -> EnquiryRedacted {
        var e = enquiry(reference, kind: kind, daysAgo: daysAgo)
        let deadline = StatutoryClock.deadline(for: kind, receivedAt: e.receivedAt)
        e.statutoryDueAt = deadline?.due
        e.statutoryRule = deadline?.rule
        return e
    }

    @Test func openRequestsAreListedMostUrgentFirstAndClosedOnesNotAtAll() {
        let rows = StatutoryClocks.report(
            enquiries: [
                request("SP-OLD", kind: .foiRequest, daysAgo: 40), request("SP-SOON", kind: .dataRightsRequest, daysAgo: 27),
                request("SP-NEW", kind: .eirRequest, daysAgo: 1), request("SP-DONE", kind: .foiRequest, daysAgo: 40),
                request("SP-PLAIN", kind: .complaint, daysAgo: 40),
            ],
            closed: ["SP-DONE"], now: now, warnWithinDays: 5
        )
        #expect(rows.map(\.reference) == ["SP-OLD", "SP-SOON", "SP-NEW"])
        #expect(rows.map(\.state) == [.overdue, .dueSoon, .onTrack])
        #expect(rows[0].daysLeft < 0)
    }
}

@Suite struct SubjectIndexLookupTests {
    @Test func aPersonIsFoundByAnyIdentifierTheirEnquiriesCarry() {
        // subject-email: an email enquiry that also gave name-postcode; subject-phone: a phone call
        // by the same name at the same postcode; subject-np: a letter with the name and postcode only.
        var byEmail = enquiry("SP-1", subject: "subject-email", daysAgo: 3)
        byEmail.subjectHandles = ["subject-email", "handle-name-postcode"]
        var byPhone = enquiry("SP-2", subject: "subject-phone", daysAgo: 2)
        byPhone.subjectHandles = ["subject-phone", "handle-name-postcode"]
        var letter = enquiry("SP-3", subject: "handle-name-postcode", daysAgo: 1)
        letter.subjectHandles = ["handle-name-postcode"]
        var stranger = enquiry("SP-4", subject: "subject-other", daysAgo: 1)
        stranger.subjectHandles = ["subject-other", "handle-other-name-postcode"]
        var index = SubjectIndex()
        for e in [byEmail, byPhone, letter, stranger] { index.add(e) }

        #expect(index.subjects(knownBy: ["handle-name-postcode"]) == ["handle-name-postcode", "subject-email", "subject-phone"])
        #expect(index.subjects(knownBy: ["subject-email"]) == ["subject-email"], "an email finds its own subject only")
        #expect(index.subjects(knownBy: ["nobody"]) == ["nobody"], "an identifier with no enquiry yet is still the person's subject")
    }
}
