import Foundation
import Logging
import RightsCore
import SignpostEvents
import SignpostKafka
import SignpostOps
import SignpostRuntime
import SignpostSealing
import SignpostTopics
import Synchronization
import Testing

/// The information-rights workflows over the running pipeline: access, legal holds, erasure and
/// retention, each acting on what the five services really produced.
@Suite(.serialized) struct RightsIntegrationTests {
    static let root = PipelineIntegrationTests.root

    /// What the workflows found, collected while the pipeline ran.
    struct Findings: Sendable {
        var bundle: AccessBundle?
        var refusedWhileHeld: RightsAction?
        var certificate: RightsAction?
        var unsealAfterErasure: [String] = []
        var keyFileHoldsErasedKey = true
        var bundleAfterErasure: AccessBundle?
        var statusTombstones = 0
        var elevenMonths: [RetentionDecision] = []
        var overAYear: [RightsAction] = []
        var heldRecording: String?
        var overAYearAfterLift: [RightsAction] = []
        var refusedWithoutOperator = false
        var refusedUnauthorised = false
        var correctionNotices = 0
        var correctionNoticesSeen = 0
        var addressAfterLift: String?
        var heldWhileRestricted = false
        var referredWhileRestricted = true
        var replayed: [String] = []
        var referredAfterLift = false
        var statutoryRequests = 0
        var statutoryDueDatesRight = false
        /// Per topic, how many records hold one of the erased person's values in clear after the erasure.
        var clearAfterErasure: [String: Int] = [:]
        /// Erasure notices found on recipients' topics, and the referrals that shared the person's values.
        var erasureNotices: Set<String> = []
        var referralsThatShared: Set<String> = []
        /// The erased person's logged enquiries that carried their contact in clear.
        var loggedInClear = 0
        /// The corrected values the person's access bundle lists after the rectification.
        var correctionsInBundle: [String] = []
        /// Access by name with postcode: the references the bundle held, and those it should hold.
        var byNameBundle: Set<String> = []
        var byNameExpected: Set<String> = []
        var byNameLetterReferred = false
    }

    @Test(.timeLimit(.minutes(6)))
    func accessHoldsErasureAndRetentionWorkOnTheRunningPipeline() async throws {
        let catalogue = try TopicCatalogue.load(from: Self.root.appendingPathComponent("topics"))
        let schedule = try RetentionSchedule.loadDefault(topicsDirectory: catalogue.directory, environment: [:])
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-rights-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = PipelineRunOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.secondOpinion = false  // about rights/triage, not classification: the encoder would only add load
        options.validContacts = 120
        options.malformedContacts = 0
        options.ratePerSecond = 200
        options.seed = 31
        let logger: Logger = {
            var l = Logger(label: "rights-it")
            l.logLevel = .error
            return l
        }()
        let contacts = ContactSimulator(seed: options.seed).contacts(valid: 120, malformed: 0)
        // Two people who wrote by email and whose enquiries rest on no legal obligation, and a phone caller.
        let byEmail = Dictionary(grouping: contacts.compactMap(\.contact).filter { $0.customer?.email != nil }, by: { $0.customer!.email! })
        let emails = byEmail.keys.sorted()
        let asker = try #require(emails.first)
        let findings = Mutex(Findings())

        options.whileRunning = { bootstrap, environment, tally in
            let f = try await Self.exercise(
                bootstrap: bootstrap, environment: environment, tally: tally, catalogue: catalogue, schedule: schedule, logger: logger,
                emails: emails, byEmail: byEmail, asker: asker
            )
            findings.withLock { $0 = f }
        }
        let outcome = try await PipelineRun(options: options, catalogue: catalogue, logger: logger).run { print("rights-it: \($0)") }
        #expect(outcome.complete)
        let f = findings.withLock { $0 }
        #expect(f.refusedWithoutOperator && f.refusedUnauthorised)

        // Access: every enquiry of the person, their own details in clear, who received what.
        let bundle = try #require(f.bundle)
        let theirs = contacts.compactMap(\.contact).filter { $0.customer?.email == asker }
        #expect(bundle.enquiries.count == theirs.count)
        for e in bundle.enquiries {
            #expect(e.contactDetails["email"] == asker)
            #expect(!e.referrals.isEmpty, "\(e.reference) lists no recipient")
        }
        let name = try #require(theirs.first?.customer?.name)
        #expect(bundle.html.contains(name))

        // Access by name with postcode finds the letter (no email, no phone) and the person's
        // enquiries filed under their email or phone.
        #expect(f.byNameLetterReferred, "the letter was not processed")
        #expect(f.byNameExpected.count >= 2, "the test needs the letter and at least one enquiry filed under another identifier")
        #expect(f.byNameBundle == f.byNameExpected, "by name and postcode: missing \(f.byNameExpected.subtracting(f.byNameBundle)), extra \(f.byNameBundle.subtracting(f.byNameExpected))")

        // Holds and erasure.
        #expect(f.refusedWhileHeld?.action == .erasureRefused && f.refusedWhileHeld?.kept.contains { $0.contains("H-IT-1") } == true)
        let certificate = try #require(f.certificate)
        #expect(certificate.action == .erasureCertified && !certificate.erasedKeyIds.isEmpty)
        #expect(certificate.operatorId == "dpo" && certificate.authority == "SAR-2026-0142")
        #expect(certificate.kept.contains { $0.contains("customer.contact.received.v1") }, "the certificate must say what stays and until when")
        // This broker cannot delete records: the certificate says so rather than promise a deletion.
        #expect(certificate.kept.contains { $0.contains("customer.contact.received.v1") && $0.contains("cannot delete records") }, "\(certificate.kept)")
        #expect(f.unsealAfterErasure.isEmpty, "values still open after erasure: \(f.unsealAfterErasure.prefix(3))")
        #expect(!f.keyFileHoldsErasedKey, "the erased key's id is still in the key store file")
        #expect(f.bundleAfterErasure?.enquiries.allSatisfy { $0.note?.contains("erased") == true && $0.contactDetails.isEmpty } == true)
        #expect(f.statusTombstones == certificate.references.count)
        // Nothing of theirs in clear on any topic Signpost writes (the adapters' own contact topic
        // is the one exception on this broker, named in the certificate; see docs/rights.md).
        let ingress = try catalogue.topic(carrying: ContactReceived.typeName).name
        #expect(f.clearAfterErasure.filter { $0.key != ingress }.isEmpty, "the erased person's values in clear after erasure: \(f.clearAfterErasure)")
        #expect(f.clearAfterErasure[ingress, default: 0] > 0, "the scan found not even the raw contacts: it cannot be trusted")
        #expect(f.loggedInClear == 0, "intake logged the contact in clear")
        // Every recipient that received their values is asked to erase its copy.
        #expect(!f.referralsThatShared.isEmpty && f.referralsThatShared.isSubset(of: f.erasureNotices), "no erasure notice for \(f.referralsThatShared.subtracting(f.erasureNotices))")

        #expect(f.statutoryRequests > 0 && f.statutoryDueDatesRight)

        // Restriction and its lifting.
        #expect(f.heldWhileRestricted, "the restricted person's new enquiry was not held")
        #expect(!f.referredWhileRestricted, "the restricted person's new enquiry was referred")
        #expect(f.replayed.count == 1, "lifting the restriction replayed \(f.replayed)")
        #expect(f.referredAfterLift, "the held enquiry was not referred after the restriction was lifted")

        // Rectification: the next referral carries the corrected address; every earlier recipient of the
        // old one got a correction notice on its own topic.
        #expect(f.addressAfterLift == "4 Mill Lane, Pershore", "the referral after the correction shared \(f.addressAfterLift ?? "no address")")
        #expect(f.correctionNotices > 0 && f.correctionNoticesSeen == f.correctionNotices)
        #expect(f.correctionsInBundle == ["4 Mill Lane, Pershore"], "the access bundle lists \(f.correctionsInBundle)")

        // Retention with the injected clock.
        #expect(!f.elevenMonths.contains { if case .dispose = $0 { true } else { false } }, "an eleven-month-old recording was due")
        #expect(f.elevenMonths.contains { if case .keep = $0 { true } else { false } })
        let held = try #require(f.heldRecording)
        #expect(!f.overAYear.isEmpty && !f.overAYear.contains { $0.recordId == held }, "a held recording was disposed of")
        #expect(f.overAYearAfterLift.map(\.recordId) == [held], "after the hold is lifted, exactly the held recording is due")
    }

    /// Drives every workflow against the live pipeline and collects what it found.
    static func exercise(
        bootstrap: String, environment: [String: String], tally: @escaping @Sendable () -> PipelineTally, catalogue: TopicCatalogue,
        schedule: RetentionSchedule, logger: Logger, emails: [String], byEmail: [String: [ContactReceived]], asker: String
    ) async throws -> Findings {
        let operations = RightsOperations(
            bootstrapServers: bootstrap, catalogue: catalogue, schedule: schedule,
            subjectKey: ServiceConfiguration(serviceName: "signpost", environment: environment).pseudonymKey,
            keyStore: try SealingConfiguration(environment: environment).openKeyStore(), logger: logger
        )
        let dpo = try RightsActor(operatorId: "dpo", authority: "SAR-2026-0142")
        // Commands refuse without an operator, and holds and erasure need an authorised one.
        let noOperator = (try? RightsActor(operatorId: nil, authority: "x")) == nil
        let unauthorised = await (try? operations.placeHold(id: "H0", scope: .enquiry, target: "SP-x", actor: RightsActor(operatorId: "temp-agent", authority: "x"))) == nil

        // Right of access.
        let bundle = try await operations.access(PersonIdentifiers(email: asker.uppercased()), actor: dpo)

        // Access by name with postcode: a letter typed in by an agent gives neither an email nor a
        // phone. The bundle must hold it and every enquiry filed under another identifier of someone
        // who gave the same name at the same postcode (and so all of that subject's enquiries).
        let letterTemplate = try #require(byEmail[asker]?.first { $0.customer?.name != nil && $0.customer?.postcode != nil })
        let (letterName, letterPostcode) = (letterTemplate.customer!.name!, letterTemplate.customer!.postcode!)
        var letter = letterTemplate
        letter.contactId = "rights-it-letter-1"
        letter.channel = .webform
        letter.receivedAt = Date()
        letter.text = "Name: Mrs \(letterName)\nPostcode: \(letterPostcode.lowercased())\nDetails: When is the library in Evesham open on Saturdays?"
        letter.emailSubject = nil
        letter.customer = CustomerDetails(name: "Mrs \(letterName.uppercased())", postcode: letterPostcode.lowercased().replacingOccurrences(of: " ", with: ""))
        letter.attachments = []
        let letterPublisher = try ContactPublisher(bootstrapServers: bootstrap, catalogue: catalogue, logger: logger)
        try await letterPublisher.publish([SimulatedContact(letter)], ratePerSecond: 0)
        var letterReferred = false
        for _ in 0..<150 where !letterReferred {
            try await Task.sleep(for: .milliseconds(200))
            letterReferred = !(tally().referralsByContact[letter.contactId] ?? []).isEmpty
        }
        let sameNameAndPostcode = DataSubject.normalisedNamePostcode(name: letterName, postcode: letterPostcode)
        let everyContact = ContactSimulator(seed: 31).contacts(valid: 120, malformed: 0).compactMap(\.contact)
        let linked = try Set(everyContact.filter {
            $0.customer.flatMap { c in c.name.flatMap { n in c.postcode.flatMap { DataSubject.normalisedNamePostcode(name: n, postcode: $0) } } } == sameNameAndPostcode
        }.map { try operations.subjects(PersonIdentifiers($0.customer!))[0] })
        let byNameSnapshot = try await operations.read()
        let expectedByName = Set(byNameSnapshot.enquiries.filter { e in
            e.contactId == letter.contactId || e.sealed.map { linked.contains($0.subject) } == true
        }.map(\.reference))
        let byName = try await operations.access(PersonIdentifiers(name: letterName, postcode: letterPostcode), actor: dpo)

        // A legal hold on the person blocks erasure; lifting it lets erasure proceed. The person is
        // one whose enquiries rest on no legal obligation (those must be kept, and erasure is refused).
        let index = try await operations.read().index
        let candidates = try emails.dropFirst().map { ($0, try operations.subjects(PersonIdentifiers(email: $0))[0]) }
        guard let (eraseMe, subject) = candidates.first(where: { _, subject in
            let enquiries = index.enquiries[subject] ?? []
            return !enquiries.isEmpty && enquiries.allSatisfy { $0.lawfulBasis != .legalObligation }
        }) else { throw RightsError("no person without a legal-obligation enquiry among the simulated contacts") }
        let holder = try RightsActor(operatorId: "legal-services", authority: "Inquiries Act 2005: inquiry into waste services")
        _ = try await operations.placeHold(id: "H-IT-1", scope: .subject, target: subject, actor: holder)
        let refused = try await operations.erase(PersonIdentifiers(email: eraseMe), actor: dpo)
        _ = try await operations.liftHold(id: "H-IT-1", actor: holder)
        let certificate = try await operations.erase(PersonIdentifiers(email: eraseMe), actor: dpo)

        // Afterwards nothing of theirs can be opened from the case records still on the topic.
        let snapshot = try await operations.read()
        let unsealer = Unsealer(keyStore: operations.keyStore)
        var opened: [String] = []
        for e in snapshot.enquiries where e.sealed?.subject == subject {
            if let values = try? unsealer.unseal(e.sealed!, reference: e.reference, allowedTypes: Set(PIIType.allCases)) { opened += values.values }
        }
        let keyFile = environment["SIGNPOST_STATE_DIR"].map { "\($0)/keys.sqlite" } ?? ""
        let keyBytes = ((try? Data(contentsOf: URL(fileURLWithPath: keyFile))) ?? Data()) + ((try? Data(contentsOf: URL(fileURLWithPath: keyFile + "-wal"))) ?? Data())
        let keyIdStillThere = certificate.erasedKeyIds.contains { keyBytes.range(of: Data($0.utf8)) != nil }
        let after = try await operations.access(PersonIdentifiers(email: eraseMe), actor: dpo)
        let tombstones = try await Self.countTombstones(bootstrap: bootstrap, catalogue: catalogue, references: Set(certificate.references), logger: logger)
        var canaries: Set<String> = []
        for contact in byEmail[eraseMe] ?? [] {
            guard let c = contact.customer else { continue }
            canaries.formUnion([c.name, c.email, c.phone, c.address, c.postcode].compactMap { $0 })
            if let phone = c.phone { canaries.insert(phone.replacingOccurrences(of: " ", with: "")) }
        }
        let scan = try await Self.scanTopics(bootstrap: bootstrap, catalogue: catalogue, canaries: canaries, references: Set(certificate.references), logger: logger)
        let referralsThatShared = Set(snapshot.audits.filter { certificate.references.contains($0.reference) && !$0.sharedEntityTypes.isEmpty }.map(\.auditId))

        // Retention with an injected clock: recordings are kept at 11 months and disposed of after a year,
        // except one under a legal hold, which goes once the hold is lifted.
        let retention = try RightsActor(operatorId: "retention-job", authority: "retention schedule \(schedule.version)")
        let elevenMonths = try await operations.runRetention(actor: retention, now: Date().addingTimeInterval(335 * 86_400), dryRun: true)
        let recording = snapshot.enquiries.flatMap(\.attachments).first { $0.kind == .callRecording }
        if let recording { _ = try await operations.placeHold(id: "H-IT-2", scope: .record, target: recording.id, actor: holder) }
        let overAYear = try await operations.runRetention(actor: retention, now: Date().addingTimeInterval(366 * 86_400))
        if recording != nil { _ = try await operations.liftHold(id: "H-IT-2", actor: holder) }
        let afterLift = try await operations.runRetention(actor: retention, now: Date().addingTimeInterval(366 * 86_400))

        // Restriction: a new enquiry from a restricted person is held, not referred; lifting the
        // restriction replays it and it is referred.
        let restrictedEmail = try #require(candidates.map(\.0).first { $0 != eraseMe && byEmail[$0]?.first?.customer?.address != nil })
        let template = try #require(byEmail[restrictedEmail]?.first)
        _ = try await operations.setRights(.restrictionPlaced, PersonIdentifiers(email: restrictedEmail), actor: dpo)
        try await Task.sleep(for: .milliseconds(500)) // the services follow the rights topic
        var contact = template
        contact.contactId = "rights-it-restricted-1"
        contact.receivedAt = Date()
        contact.text = "Please can you fix the broken street light outside my house on Mill Lane."
        let heldBefore = tally().statusTrail.values.filter { ($0[.held] ?? 0) > 0 }.count
        let publisher = try ContactPublisher(bootstrapServers: bootstrap, catalogue: catalogue, logger: logger)
        try await publisher.publish([SimulatedContact(contact)], ratePerSecond: 0)
        var held = false
        for _ in 0..<150 where !held {
            try await Task.sleep(for: .milliseconds(200))
            held = tally().statusTrail.values.filter { ($0[.held] ?? 0) > 0 }.count > heldBefore
        }
        let referredWhileRestricted = !(tally().referralsByContact[contact.contactId] ?? []).isEmpty
        // Rectification meanwhile: a new address, used by the coming referral; earlier recipients told.
        let newAddress = "4 Mill Lane, Pershore"
        let (_, notices) = try await operations.rectify(PersonIdentifiers(email: restrictedEmail), type: .address, value: newAddress, actor: dpo)
        try await Task.sleep(for: .milliseconds(500)) // the referral service follows the rights topic
        let correctedBundle = try await operations.access(PersonIdentifiers(email: restrictedEmail), actor: dpo)
        let (_, replayed) = try await operations.setRights(.restrictionLifted, PersonIdentifiers(email: restrictedEmail), actor: dpo)
        var referredAfterLift = false
        for _ in 0..<150 where !referredAfterLift {
            try await Task.sleep(for: .milliseconds(200))
            referredAfterLift = !(tally().referralsByContact[contact.contactId] ?? []).isEmpty
        }

        let addressAfterLift = tally().referralsByContact[contact.contactId]?.first
            .flatMap { try? unsealer.sharedValues(of: $0) }?.first { $0.placeholder == SealedValues.ContactPlaceholder.address }?.value
        var noticesSeen = 0
        for _ in 0..<50 where noticesSeen < notices.count {
            noticesSeen = tally().correctionsByReferral.values.map(\.count).reduce(0, +)
            if noticesSeen < notices.count { try await Task.sleep(for: .milliseconds(200)) }
        }

        // Statutory clocks: every FOI, EIR and subject-rights request carries its legal deadline.
        let statutory = snapshot.enquiries.filter { [.foiRequest, .eirRequest, .dataRightsRequest].contains($0.classification.kind) }
        let dueDatesRight = statutory.allSatisfy {
            $0.statutoryDueAt != nil && $0.statutoryDueAt == StatutoryClock.deadline(for: $0.classification.kind, receivedAt: $0.receivedAt)?.due
        }

        var f = Findings()
        f.byNameBundle = Set(byName.enquiries.map(\.reference))
        f.byNameExpected = expectedByName
        f.byNameLetterReferred = letterReferred
        f.correctionNotices = notices.count
        f.correctionNoticesSeen = noticesSeen
        f.addressAfterLift = addressAfterLift
        f.correctionsInBundle = correctedBundle.corrections.compactMap(\.value)
        f.heldWhileRestricted = held
        f.referredWhileRestricted = referredWhileRestricted
        f.replayed = replayed
        f.referredAfterLift = referredAfterLift
        f.statutoryRequests = statutory.count
        f.statutoryDueDatesRight = dueDatesRight
        f.bundle = bundle
        f.refusedWhileHeld = refused
        f.certificate = certificate
        f.unsealAfterErasure = opened
        f.keyFileHoldsErasedKey = keyIdStillThere
        f.bundleAfterErasure = after
        f.statusTombstones = tombstones
        f.clearAfterErasure = scan.clear
        f.erasureNotices = scan.erasureNotices
        f.loggedInClear = scan.loggedInClear
        f.referralsThatShared = referralsThatShared
        f.elevenMonths = elevenMonths.decisions
        f.overAYear = overAYear.disposed
        f.heldRecording = recording?.id
        f.overAYearAfterLift = afterLift.disposed
        f.refusedWithoutOperator = noOperator
        f.refusedUnauthorised = unauthorised
        return f
    }

    /// Every topic of the catalogue read from the start: per topic, the records holding one of
    /// `canaries` in clear; the referral ids of the erasure notices; and how many `EnquiryLogged`
    /// of `references` carry their contact in clear.
    static func scanTopics(
        bootstrap: String, catalogue: TopicCatalogue, canaries: Set<String>, references: Set<String>, logger: Logger
    ) async throws -> (clear: [String: Int], erasureNotices: Set<String>, loggedInClear: Int) {
        struct Found: Sendable { var clear: [String: Int] = [:]; var notices: Set<String> = []; var loggedInClear = 0 }
        let found = Mutex(Found())
        let needles = canaries.map { Data($0.utf8) }
        let logged = try catalogue.topic(carrying: EnquiryLogged.typeName).name
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrap, clientID: "rights-it-scan", topics: catalogue.topics.map(\.name))
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            let value = Data(message.value)
            let hit = needles.contains { value.range(of: $0) != nil }
            let type = message.headers.first { $0.key == "ce_type" }?.value.flatMap { CloudEventHeaders.typeName(fromCloudEventType: String(decoding: $0, as: UTF8.self)) }
            let notice = type == ReferralErased.typeName ? (try? EventCodec.decode(ReferralErased.self, from: message.value))?.referralId : nil
            let clearLog = message.topic == logged ? (try? EventCodec.decode(EnquiryLogged.self, from: message.value)).map { references.contains($0.reference) && $0.contact != nil } ?? false : false
            found.withLock {
                if hit { $0.clear[message.topic, default: 0] += 1 }
                if let notice { $0.notices.insert(notice) }
                if clearLog { $0.loggedInClear += 1 }
            }
        }
        defer { reader.stop() }
        _ = await reader.catchUp(timeout: .seconds(60))
        let f = found.withLock { $0 }
        return (f.clear, f.notices, f.loggedInClear)
    }

    /// Tombstones (null values) for these references on the compacted status topic.
    static func countTombstones(bootstrap: String, catalogue: TopicCatalogue, references: Set<String>, logger: Logger) async throws -> Int {
        let topic = try catalogue.topic(carrying: EnquiryStatusChanged.typeName).name
        let count = Atomic<Int>(0)
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrap, clientID: "rights-it-status", topics: [topic])
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            if message.value.isEmpty, let key = message.key, references.contains(String(decoding: key, as: UTF8.self)) {
                count.add(1, ordering: .relaxed)
            }
        }
        defer { reader.stop() }
        _ = await reader.catchUp(timeout: .seconds(30))
        return count.load(ordering: .relaxed)
    }
}
