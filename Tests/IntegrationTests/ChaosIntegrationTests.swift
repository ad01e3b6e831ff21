import Foundation
import Logging
import SignpostOps
import SignpostTopics
import Testing

/// A short crash test: two instances of every service, contacts flowing, random `kill -9`s.
@Suite(.serialized) struct ChaosIntegrationTests {
    @Test(.timeLimit(.minutes(6)))
    func killingInstancesLosesAndDuplicatesNothing() async throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-chaos-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = ChaosOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.duration = .seconds(24)
        options.ratePerSecond = 40
        options.killInterval = .seconds(4)
        options.minimumKills = 4
        options.partitions = 6
        options.seed = 11
        var logger = Logger(label: "chaos-test")
        logger.logLevel = .error
        let outcome = try await ChaosRun(options: options, catalogue: catalogue, logger: logger).run { print("chaos-test: \($0)") }
        print(outcome.summaryLine)
        if !outcome.passed { Self.printLogTails(state.appendingPathComponent("logs")) }
        #expect(outcome.kills.count >= 4)
        #expect(outcome.complete, "not every contact was referred or triaged; logs in \(state.path)/logs")
        #expect(outcome.lost.isEmpty, "lost: \(outcome.lost.prefix(10))")
        #expect(outcome.duplicated.isEmpty, "duplicated: \(outcome.duplicated.prefix(5).map { ($0, outcome.tally.referralInputs[$0] ?? []) })")
        #expect(outcome.auditMismatches.isEmpty, "referrals without exactly one audit record: \(outcome.auditMismatches.prefix(5))")
        #expect(outcome.brokenTrails.isEmpty, "broken status trails: \(outcome.brokenTrails.prefix(10))")
    }

    @Test(.timeLimit(.minutes(6)))
    func sigtermToEachBusyServiceExitsZeroAndItsPartnerTakesOverWithNoLoss() async throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-term-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        var options = ChaosOptions(stateDirectory: state, binDirectory: ServiceFleet.defaultBinDirectory())
        options.signal = .term
        options.duration = .seconds(30)
        options.ratePerSecond = 40
        options.killInterval = .seconds(4)
        options.partitions = 6
        options.gracefulLimit = .seconds(30)
        options.seed = 12
        var logger = Logger(label: "term-test")
        logger.logLevel = .error
        let outcome = try await ChaosRun(options: options, catalogue: catalogue, logger: logger).run { print("term-test: \($0)") }
        print(outcome.summaryLine)
        if !outcome.passed { Self.printLogTails(state.appendingPathComponent("logs")) }
        // Each of the five services was stopped once while contacts were flowing.
        #expect(Set(outcome.gracefulStops.map { String($0.instance.prefix { $0 != "-" }) }) == Set(ServiceFleet.serviceNames))
        for stop in outcome.gracefulStops {
            #expect(stop.exitStatus == 0, "\(stop.instance) did not exit 0 on SIGTERM within 30 s")
        }
        #expect(outcome.complete, "not every contact came through: \(outcome.lost.count) missing")
        #expect(outcome.lost.isEmpty, "lost: \(outcome.lost.prefix(10))")
        #expect(outcome.duplicated.isEmpty, "duplicated: \(outcome.duplicated.prefix(10))")
        #expect(outcome.auditMismatches.isEmpty, "referrals without exactly one audit record: \(outcome.auditMismatches.prefix(5))")
        #expect(outcome.brokenTrails.isEmpty, "broken status trails: \(outcome.brokenTrails.prefix(10))")
    }

    /// The last lines of every service log, so a failed run says where it stuck before its folder is removed.
    static func printLogTails(_ folder: URL, lines: Int = 15) {
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
        for file in files {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            print("--- \(file.lastPathComponent) (last \(lines) lines)")
            for line in text.split(separator: "\n").suffix(lines) { print(line.prefix(300)) }
        }
    }
}
