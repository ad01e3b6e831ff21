import Foundation
import Logging
import SignpostEvents
import SignpostOps
import SignpostTopics
import Synchronization
import Testing

/// Triage over the running pipeline: what waits for a person is listed, a person's decision
/// re-enters referral, and reclassifying a referred enquiry re-routes it.
@Suite(.serialized) struct TriageIntegrationTests {
    struct Findings: Sendable {
        var triaged: ReferralIssued?
        var listedBefore = false
        var listedAfter = true
        var routedAfterDecision: ReferralIssued?
        var auditsOfDecision = 0
        var rerouted: ReferralIssued?
        var refusals: [String] = []
    }

    @Test(.timeLimit(.minutes(5)))
    func aPersonsDecisionOnATriageRecordReentersReferralAndReclassifyingReroutes() async throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-triage-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = PipelineRunOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.secondOpinion = false  // about rights/triage, not classification: the encoder would only add load
        options.validContacts = 80
        options.malformedContacts = 0
        options.ratePerSecond = 200
        options.seed = 11
        var logger = Logger(label: "triage-it")
        logger.logLevel = .error
        let found = Mutex(Findings())
        options.whileRunning = { [logger] bootstrap, _, tally in
            let f = try await Self.exercise(TriageOperations(bootstrapServers: bootstrap, catalogue: catalogue, logger: logger), tally: tally)
            found.withLock { $0 = f }
        }
        let outcome = try await PipelineRun(options: options, catalogue: catalogue, logger: logger).run { print("triage-it: \($0)") }
        #expect(outcome.complete)
        let f = found.withLock { $0 }
        let triaged = try #require(f.triaged, "no enquiry went to triage among 80 simulated contacts")
        #expect(f.listedBefore, "\(triaged.reference) was not listed as waiting for triage")
        #expect(triaged.classification.candidates.count == 2, "the triage record should carry the two best candidates")
        #expect(!f.listedAfter, "\(triaged.reference) is still listed after the decision")
        let routed = try #require(f.routedAfterDecision, "the decision on \(triaged.reference) did not re-enter referral")
        #expect(routed.recipient == "highways" && !routed.triage && routed.classification.decidedBy == "person:triage-it")
        #expect(f.auditsOfDecision == 1, "the new referral has \(f.auditsOfDecision) audit records")
        let rerouted = try #require(f.rerouted, "reclassifying a referred enquiry did not re-route it")
        #expect(rerouted.recipient == "libraries")
        #expect(f.refusals.count == 3, "refusals: \(f.refusals)")
    }

    static func exercise(_ triage: TriageOperations, tally: @escaping @Sendable () -> PipelineTally) async throws -> Findings {
        var f = Findings()
        let referrals = tally().referralsByContact.values.flatMap { $0 }
        guard let triaged = referrals.filter(\.triage).min(by: { $0.reference < $1.reference }) else { return f }
        f.triaged = triaged
        f.listedBefore = try await triage.pending().contains { $0.reference == triaged.reference }

        // Refused: no operator, district council work without a district, an unknown reference.
        for attempt in [
            { try await triage.decide(reference: triaged.reference, kind: .complaint, service: .highways, district: nil, operatorId: nil, reason: "r") },
            { try await triage.decide(reference: triaged.reference, kind: .complaint, service: .districtCouncil, district: nil, operatorId: "triage-it", reason: "r") },
            { try await triage.decide(reference: "SP-NO-SUCH", kind: .complaint, service: .highways, district: nil, operatorId: "triage-it", reason: "r") },
        ] as [@Sendable () async throws -> EnquiryReclassified] {
            do { _ = try await attempt() } catch let error as TriageError { f.refusals.append(error.description) }
        }

        // The decision re-enters referral.
        _ = try await triage.decide(reference: triaged.reference, kind: .complaint, service: .highways, district: nil, operatorId: "triage-it",
                                    reason: "a pothole complaint: highways")
        f.routedAfterDecision = try await waitFor(tally) { $0.referralsByContact[triaged.contactId]?.first { $0.recipient == "highways" } }
        if let routed = f.routedAfterDecision {
            // The audit record is a separate output of the same decision: it may be read a moment after the referral.
            f.auditsOfDecision = try await waitFor(tally) { $0.auditsByReferral[routed.referralId]?.count }.map { _ in tally().auditsByReferral[routed.referralId]?.count ?? 0 } ?? 0
        }
        f.listedAfter = try await triage.pending().contains { $0.reference == triaged.reference }

        // Reclassifying an enquiry already referred elsewhere re-routes it.
        if let referred = referrals.filter({ !$0.triage && $0.recipient != "libraries" && $0.classification.kind != .safeguardingConcern })
            .min(by: { $0.reference < $1.reference }) {
            _ = try await triage.decide(reference: referred.reference, kind: .generalEnquiry, service: .libraries, district: nil,
                                        operatorId: "triage-it", reason: "about a library book")
            f.rerouted = try await waitFor(tally) { $0.referralsByContact[referred.contactId]?.first { $0.recipient == "libraries" } }
        }
        return f
    }

    /// Polls the tally for up to 30 s.
    static func waitFor<T: Sendable>(_ tally: @escaping @Sendable () -> PipelineTally, _ find: (PipelineTally) -> T?) async throws -> T? {
        for _ in 0..<150 {
            if let found = find(tally()) { return found }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }
}
