import Foundation
import Logging
import ReferralCore
import SignpostEvents
import SignpostOps
import SignpostRuntime
import SignpostSealing
import SignpostTopics
import SurveyCore
import Testing

/// The whole pipeline on the embedded broker: the five real executables as separate
/// processes, 500 contacts across the four channels and 25 malformed ones.
@Suite(.serialized) struct PipelineIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.timeLimit(.minutes(6)))
    func everyContactIsReferredTriagedOrDeadLetteredExactlyOnceAndAnalystsSeeNoPersonalData() async throws {
        let catalogue = try TopicCatalogue.load(from: Self.root.appendingPathComponent("topics"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-it-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = PipelineRunOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.validContacts = 500
        options.malformedContacts = 25
        options.ratePerSecond = 250
        options.seed = 7
        options.timeout = .seconds(240)
        var logger = Logger(label: "integration")
        logger.logLevel = .error
        let outcome = try await PipelineRun(options: options, catalogue: catalogue, logger: logger).run { print("integration: \($0)") }

        #expect(outcome.complete, "not every contact was accounted for; service logs are in \(state.path)/logs")
        #expect(outcome.earlyExits.isEmpty, "services exited during the run: \(outcome.earlyExits)")
        // The classifier found the encoder model `make test` fetched and asked its second opinion.
        let classifierLog = try String(contentsOf: state.appendingPathComponent("logs/classifier-0.log"), encoding: .utf8)
        #expect(classifierLog.contains("second opinion on"), "the classifier ran without its second opinion")
        for (instance, status) in outcome.exitStatuses {
            #expect(status == 0, "\(instance) did not exit cleanly on SIGTERM: \(String(describing: status))")
        }

        let valid = outcome.contacts.filter(\.isValid)
        let malformed = outcome.contacts.filter { !$0.isValid }
        #expect(valid.count == 500 && malformed.count == 25)
        #expect(Set(valid.compactMap { $0.contact?.channel }) == Set(Channel.allCases))

        let sharing = try SharingCatalogue.loadDefault(topics: catalogue, environment: ["SIGNPOST_TOPICS_DIR": Self.root.appendingPathComponent("topics").path])
        let policy = RoutingPolicy(catalogue: sharing)
        // The recipients' connectors open the shared values with the key store the services used.
        let unsealer = Unsealer(keyStore: try SealingConfiguration(environment: ["SIGNPOST_STATE_DIR": state.path]).openKeyStore())
        var shared = 0, consentFlags = 0, overrides = 0, policeReferrals = 0
        for contact in valid {
            let referrals = outcome.tally.referralsByContact[contact.contactId] ?? []
            guard let first = referrals.first else {
                Issue.record("contact \(contact.contactId) has no referral")
                continue
            }
            // The recipients the routing rules choose, each exactly once.
            let expected = policy.route(first.classification, text: first.redactedText).map(\.recipient)
            #expect(referrals.map(\.recipient).sorted() == expected.sorted(), "contact \(contact.contactId): \(referrals.map(\.recipient)) instead of \(expected)")
            #expect(outcome.tally.acknowledgementsByReference[first.reference] == 1, "contact \(contact.contactId) has no single acknowledgement")
            let customer = contact.contact?.customer
            for referral in referrals {
                let topics = outcome.tally.referralTopicsByContact[contact.contactId] ?? []
                #expect(topics.contains(try catalogue.topic(forRecipient: referral.recipient).name))
                #expect(referral.triage == (referral.recipient == RoutingPolicy.triageRecipient))
                // One audit record per referral, saying what was shared and withheld.
                let audits = outcome.tally.auditsByReferral[referral.referralId] ?? []
                #expect(audits.count == 1, "referral \(referral.referralId) has \(audits.count) audit records")
                #expect(audits.first.map { Set($0.sharedEntityTypes) == Set(referral.sharedEntityTypes) } == true)
                // Only the values the recipient may receive under the basis, and none of the others.
                let recipient = try #require(sharing.recipient(referral.recipient))
                let allowed = recipient.allowedTypes(under: referral.lawfulBasis)
                let values = try unsealer.sharedValues(of: referral)
                #expect(values.allSatisfy { allowed.contains($0.type) }, "\(referral.referralId): \(values.map(\.type)) to \(recipient.id)")
                #expect(Set(values.map(\.type)) == Set(referral.sharedEntityTypes), "\(referral.referralId): opened \(values.map(\.type)), recorded \(referral.sharedEntityTypes)")
                // Even the values it may receive travel sealed: none in clear on the topic.
                let json = String(decoding: EventCodec.encode(referral), as: UTF8.self)
                let fields: [(PIIType, String?)] = [(.email, customer?.email), (.phone, customer?.phone), (.person, customer?.name)]
                for (type, value) in fields {
                    guard let value else { continue }
                    #expect(!json.contains(value), "\(type) \(value) is in clear on \(recipient.id)'s topic")
                }
                shared += values.count
                // Refusal: a partner gets the redacted text only, unless a legal obligation overrides it.
                if referral.preferences.refusesSharing && recipient.isPartner {
                    if referral.lawfulBasis == .legalObligation {
                        #expect(referral.refusalOverridden && audits.first?.refusalOverridden == true)
                        overrides += 1
                    } else {
                        #expect(referral.seekConsent && referral.sealedShare == nil)
                        consentFlags += 1
                    }
                }
                if referral.recipient == "police" {
                    #expect(referral.priority == .immediate && referral.classification.kind == .safeguardingConcern)
                    policeReferrals += 1
                }
            }
        }
        #expect(shared > 500, "too few values shared: \(shared)")
        #expect(consentFlags > 0, "no refusal reached a partner")
        #expect(policeReferrals > 0, "no safeguarding concern in immediate danger reached the police")
        print("integration: \(shared) values shared, \(consentFlags) partner referrals asked to seek consent, \(overrides) refusals overridden, \(policeReferrals) police referrals")

        // `signpost audit --subject`: a chosen person's sharing, found by their email.
        let person = try #require(valid.compactMap { $0.contact }.first { $0.customer?.email != nil })
        let records = try outcome.audit.person(person.customer!.email!.uppercased(), subjectKey: ServiceConfiguration(serviceName: "signpost", environment: [:]).pseudonymKey)
        #expect(!records.isEmpty, "no sharing on record for \(person.contactId)")
        // Exactly the referrals of every enquiry this person made with that email.
        let theirs = valid.filter { $0.contact?.customer?.email?.lowercased() == person.customer!.email!.lowercased() }
        let expectedIDs = Set(theirs.flatMap { outcome.tally.referralsByContact[$0.contactId] ?? [] }.map(\.referralId))
        #expect(Set(records.map(\.auditId)) == expectedIDs)
        #expect(outcome.audit.records.count == outcome.tally.auditsByReferral.values.map(\.count).reduce(0, +))

        for contact in malformed {
            let reasons = outcome.tally.deadLetterReasonsByKey[contact.contactId] ?? []
            #expect(reasons.count == 1, "malformed contact \(contact.contactId) (\(contact.defect ?? "")) has \(reasons.count) dead letters")
        }
        #expect(outcome.tally.deadLetters == 25)
        #expect(outcome.tally.undecodable.isEmpty, "\(outcome.tally.undecodable.prefix(5))")

        // Analysts' stream: no name, email address or phone number of any resident.
        let performance = outcome.tally.performanceValues.map { String(decoding: $0, as: UTF8.self) }
        #expect(performance.count >= 500 * 4)
        var canaries = Set<String>()
        for contact in valid {
            guard let customer = contact.contact?.customer else { continue }
            for value in [customer.email, customer.phone, customer.name, customer.postcode].compactMap({ $0 }) { canaries.insert(value) }
            for part in (customer.name ?? "").split(separator: " ") where part.count > 3 { canaries.insert(String(part)) }
            canaries.insert(contact.contactId)
        }
        canaries.insert(contentsOf: valid.compactMap { $0.contact?.customer?.phone?.replacingOccurrences(of: " ", with: "") })
        let leaks = canaries.filter { canary in performance.contains { $0.contains(canary) } }
        #expect(leaks.isEmpty, "personal data on the performance topic: \(leaks.sorted().prefix(10))")

        // No service writes a resident's personal data to its log: every line of every service's log.
        let logDirectory = state.appendingPathComponent("logs")
        let logFiles = try FileManager.default.contentsOfDirectory(at: logDirectory, includingPropertiesForKeys: nil)
        #expect(logFiles.count >= 6, "expected a log per service instance in \(logDirectory.path)")
        let logText = try logFiles.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        var logCanaries = canaries
        for contact in valid {
            if let address = contact.contact?.customer?.address { logCanaries.insert(address) }
            if let text = contact.contact?.text, text.count > 40 { logCanaries.insert(String(text.prefix(40))) }
        }
        let logLeaks = logCanaries.filter { logText.contains($0) }
        #expect(logLeaks.isEmpty, "personal data in service logs: \(logLeaks.sorted().prefix(10))")

        // The aggregate topic: what the analytics service published equals a recount of the raw
        // performance events, and holds none of the residents' personal data either.
        #expect(!outcome.analytics.aggregates.isEmpty)
        #expect(outcome.analytics.undecodable == 0)
        #expect(outcome.analytics.recountMismatches.isEmpty, "\(outcome.analytics.recountMismatches.prefix(5))")
        let aggregateText = outcome.analytics.aggregates.values.map { String(decoding: EventCodec.encode($0), as: UTF8.self) }
        let aggregateLeaks = canaries.filter { canary in aggregateText.contains { $0.contains(canary) } }
        #expect(aggregateLeaks.isEmpty, "personal data on the aggregate topic: \(aggregateLeaks.sorted().prefix(10))")

        // The survey exchange ran: invitations went out and answers were processed.
        // The teams closed every referral but triage; each closure recorded a closed status, and
        // every enquiry not excluded (safeguarding, subject-rights, opted out) got one invitation.
        let allReferrals = outcome.tally.referralsByContact.values.flatMap { $0 }
        #expect(Set(outcome.tally.closuresByReferral.keys) == Set(allReferrals.filter { !$0.triage }.map(\.referralId)))
        #expect(outcome.tally.statusTrail.values.filter { ($0[.closed] ?? 0) > 0 }.count == Set(allReferrals.filter { !$0.triage }.map(\.reference)).count)
        let invitable = Set(allReferrals.filter { SurveyDecider.exclusion(for: $0) == nil }.map(\.reference))
        #expect(outcome.tally.surveyInvitations == invitable.count)
        #expect(outcome.tally.surveyInvitations > 0)
        #expect(outcome.tally.surveyAnswersProcessed == outcome.answersSent)
        #expect(outcome.summaryLine.hasPrefix("summary: contacts=525 "))
    }
}

extension Set {
    mutating func insert<S: Sequence>(contentsOf values: S) where S.Element == Element {
        for v in values { insert(v) }
    }
}
