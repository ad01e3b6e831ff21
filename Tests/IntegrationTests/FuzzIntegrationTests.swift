import Foundation
import Logging
import SignpostOps
import SignpostTopics
import Testing

/// Hostile input through the real services: 10,000 malformed contacts of every kind, with
/// valid and repeated contacts in between.
@Suite(.serialized) struct FuzzIntegrationTests {
    @Test(.timeLimit(.minutes(6)))
    func everyMalformedContactIsDeadLetteredOnceAndValidOnesStillGetThrough() async throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-fuzz-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = FuzzOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.hostile = 10_000
        options.valid = 300
        options.duplicates = 30
        options.ratePerSecond = 3_000
        options.seed = 5
        var logger = Logger(label: "fuzz-test")
        logger.logLevel = .error
        let outcome = try await FuzzRun(options: options, catalogue: catalogue, logger: logger).run { print("fuzz-test: \($0)") }
        print(outcome.summaryLine)
        #expect(outcome.complete)
        #expect(outcome.mismatchedKinds.isEmpty, "kinds without exactly one dead letter per record: \(outcome.mismatchedKinds)")
        #expect(outcome.validNotReferredOnce.isEmpty, "\(outcome.validNotReferredOnce.prefix(10)); \(outcome.trace.prefix(10))")
        #expect(outcome.duplicatesNotDeadLettered.isEmpty, "\(outcome.duplicatesNotDeadLettered.prefix(10))")
        #expect(outcome.deadLettersWithoutReason == 0)
        #expect(outcome.earlyExits.isEmpty, "services stopped: \(outcome.earlyExits)")
        #expect(Set(HostileInput.kinds).count == HostileInput.kinds.count)
    }
}
