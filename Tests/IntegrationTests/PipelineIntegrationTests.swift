import Foundation
import Logging
import ReferralCore
import SignpostEvents
import SignpostOps
import SignpostTopics
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
        for (instance, status) in outcome.exitStatuses {
            #expect(status == 0, "\(instance) did not exit cleanly on SIGTERM: \(String(describing: status))")
        }

        let valid = outcome.contacts.filter(\.isValid)
        let malformed = outcome.contacts.filter { !$0.isValid }
        #expect(valid.count == 500 && malformed.count == 25)
        #expect(Set(valid.compactMap { $0.contact?.channel }) == Set(Channel.allCases))

        let policy = RoutingPolicy()
        for contact in valid {
            let referrals = outcome.tally.referralsByContact[contact.contactId] ?? []
            #expect(referrals.count == 1, "contact \(contact.contactId) has \(referrals.count) referral records")
            guard referrals.count == 1, let referral = referrals.first else { continue }
            let topic = outcome.tally.referralTopicsByContact[contact.contactId]?.first
            #expect(topic == (try catalogue.topic(forRecipient: referral.recipient).name), "referral for \(referral.recipient) on \(topic ?? "?")")
            #expect(referral.recipient == policy.route(referral.classification).recipient)
            #expect(referral.triage == (referral.recipient == RoutingPolicy.triageRecipient))
        }
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

        // The aggregate topic: what the analytics service published equals a recount of the raw
        // performance events, and holds none of the residents' personal data either.
        #expect(!outcome.analytics.aggregates.isEmpty)
        #expect(outcome.analytics.undecodable == 0)
        #expect(outcome.analytics.recountMismatches.isEmpty, "\(outcome.analytics.recountMismatches.prefix(5))")
        let aggregateText = outcome.analytics.aggregates.values.map { String(decoding: EventCodec.encode($0), as: UTF8.self) }
        let aggregateLeaks = canaries.filter { canary in aggregateText.contains { $0.contains(canary) } }
        #expect(aggregateLeaks.isEmpty, "personal data on the aggregate topic: \(aggregateLeaks.sorted().prefix(10))")

        // The survey exchange ran: invitations went out and answers were processed.
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
