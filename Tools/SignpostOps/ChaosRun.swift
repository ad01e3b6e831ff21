import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics

/// The options of a crash test.
public struct ChaosOptions: Sendable {
    /// How long contacts are published, at `ratePerSecond`.
    public var duration: Duration = .seconds(180)
    public var ratePerSecond: Double = 100
    /// Time between kills; each kill is followed by a restart of the same instance.
    public var killInterval: Duration = .seconds(8)
    /// How long a killed instance stays down.
    public var downtime: Duration = .seconds(1)
    /// Kills (or graceful stops) to make at least, going on after publishing ends if needed, so a
    /// slow machine (where each kill and restart takes longer) still makes as many.
    public var minimumKills = 0
    public var instancesPerService = 2
    /// `kill -9` (a crash), or SIGTERM (a graceful stop that must finish in-flight work, commit,
    /// leave the group and exit 0 within `gracefulLimit`).
    public var signal: ChaosSignal = .kill
    /// How long a gracefully stopped instance may take to exit.
    public var gracefulLimit: Duration = .seconds(30)
    /// Partitions of every topic (at least 6; more for long runs, the mock keeps ~5 MiB per partition).
    public var partitions: Int32 = 12
    public var seed: UInt64 = 1
    /// How long to wait, after publishing, for every contact to be accounted for.
    public var settleTimeout: Duration = .seconds(180)
    public var stateDirectory: URL
    public var binDirectory: URL

    public init(stateDirectory: URL, binDirectory: URL) {
        self.stateDirectory = stateDirectory
        self.binDirectory = binDirectory
    }
}

/// How the crash test stops an instance.
public enum ChaosSignal: String, Sendable, CaseIterable {
    /// SIGKILL: a crash, with no chance to commit or leave the group.
    case kill
    /// SIGTERM: a graceful stop.
    case term
}

/// A graceful stop of one instance.
public struct GracefulStop: Sendable {
    public var instance: String
    /// Nil when it did not exit within the limit (it was then killed).
    public var exitStatus: Int32?
    public var took: Duration
}

/// What a crash test found.
public struct ChaosOutcome: Sendable {
    public var contactsPublished: Int
    public var kills: [String]
    /// For SIGTERM runs: how each stop went.
    public var gracefulStops: [GracefulStop]
    /// Valid contacts with no referral or triage record.
    public var lost: [String]
    /// Valid contacts with a referral or triage record repeated for one recipient.
    public var duplicated: [String]
    /// Referrals without exactly one sharing audit record.
    public var auditMismatches: [String]
    /// Case references whose status trail lacks a step or repeats one.
    public var brokenTrails: [String]
    public var tally: PipelineTally
    public var complete: Bool
    public var elapsed: Duration

    public var passed: Bool {
        complete && lost.isEmpty && duplicated.isEmpty && auditMismatches.isEmpty && brokenTrails.isEmpty && gracefulStops.allSatisfy { $0.exitStatus == 0 }
    }

    /// `chaos: contacts=N kills=N lost=N duplicated=N audits_mismatched=N broken_trails=N`
    public var summaryLine: String {
        "chaos: contacts=\(contactsPublished) kills=\(kills.count) lost=\(lost.count) duplicated=\(duplicated.count) audits_mismatched=\(auditMismatches.count) broken_trails=\(brokenTrails.count)"
    }
}

/// A crash test: two instances of every service on the embedded broker, contacts at a steady
/// rate, and meanwhile repeated `kill -9` of a random instance followed by a restart. At the
/// end every valid contact must have exactly one referral (or triage) record and one status
/// trail with each step exactly once.
public struct ChaosRun: Sendable {
    public var options: ChaosOptions
    public var catalogue: TopicCatalogue
    public var logger: Logger

    public init(options: ChaosOptions, catalogue: TopicCatalogue, logger: Logger) {
        self.options = options
        self.catalogue = catalogue
        self.logger = logger
    }

    /// Every referred enquiry whose status trail is not exactly one `logged`, `classified`,
    /// `redacted` and `referred` or `triaged`, with its counts, such as
    /// "SP-… logged 1, classified 2, redacted 1, routed 1".
    static func brokenTrails(_ t: PipelineTally) -> [String] {
        let references = Set(t.referralsByContact.values.flatMap { $0 }.map(\.reference))
        return references.sorted().compactMap { reference -> String? in
            let trail = t.statusTrail[reference] ?? [:]
            let routed = (trail[.referred] ?? 0) + (trail[.triaged] ?? 0)
            guard trail[.logged] != 1 || trail[.classified] != 1 || trail[.redacted] != 1 || routed != 1 else { return nil }
            return "\(reference) logged \(trail[.logged] ?? 0), classified \(trail[.classified] ?? 0), redacted \(trail[.redacted] ?? 0), routed \(routed)"
        }
    }

    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> ChaosOutcome {
        let started = ContinuousClock.now
        let broker = try BrokerHost(catalogue: catalogue, partitions: max(6, options.partitions), stateDirectory: options.stateDirectory, logger: logger)
        defer { broker.stop() }
        let env = ServiceFleet.fastPath(broker.serviceEnvironment(catalogue: catalogue, stateDirectory: options.stateDirectory))
        let fleet = ServiceFleet(binDirectory: options.binDirectory, environment: env, logDirectory: options.stateDirectory.appendingPathComponent("logs"))
        for service in ServiceFleet.serviceNames {
            for i in 0..<options.instancesPerService { try fleet.start(service, index: i) }
        }
        progress("embedded broker at \(broker.bootstrapServers), \(max(6, options.partitions)) partitions per topic; \(ServiceFleet.serviceNames.count * options.instancesPerService) service processes")

        let observer = try PipelineObserver(
            bootstrapServers: broker.bootstrapServers, catalogue: catalogue, surveyAnswerShare: 0,
            fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
        )
        let observing = Task { await observer.run() }

        let count = Int(Double(options.duration.components.seconds) * options.ratePerSecond)
        let contacts = ContactSimulator(seed: options.seed).contacts(valid: count, malformed: 0)
        let publisher = try ContactPublisher(bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
        progress("publishing \(count) contacts at \(Int(options.ratePerSecond))/s for \(options.duration); a kill -9 every \(options.killInterval)")
        let published = DoneFlag()
        let publishing = Task {
            defer { published.set() }
            try await publisher.publish(contacts, ratePerSecond: options.ratePerSecond)
        }

        // Kill and restart while the contacts flow.
        var rng = SeededGenerator(seed: options.seed &+ 1)
        var kills: [String] = []
        var gracefulStops: [GracefulStop] = []
        // A SIGTERM run goes on until every service has been stopped once; any run until it made
        // the minimum number of kills.
        func more() -> Bool {
            !published.isSet || kills.count < options.minimumKills
                || (options.signal == .term && kills.count < ServiceFleet.serviceNames.count)
        }
        while more() {
            try? await Task.sleep(for: options.killInterval)
            if !more() { break }
            let running = fleet.running().keys.sorted()
            // SIGTERM runs take the services in turn, so that each is stopped while busy.
            let victim: String?
            switch options.signal {
            case .kill: victim = running.randomElement(using: &rng)
            case .term:
                let service = ServiceFleet.serviceNames[kills.count % ServiceFleet.serviceNames.count]
                victim = running.filter { $0.hasPrefix(service + "-") }.randomElement(using: &rng)
            }
            guard let victim else { continue }
            // An instance that stopped by itself (not one we stopped) fails the run at once.
            let crashed = fleet.exited()
            if !crashed.isEmpty {
                throw OpsError("instances stopped by themselves: \(crashed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))",
                               remedy: "see their logs in \(options.stateDirectory.path)/logs")
            }
            kills.append(victim)
            let t = observer.current
            switch options.signal {
            case .kill:
                fleet.kill9(victim)
                progress("kill -9 \(victim) (#\(kills.count)); referrals so far \(t.referred + t.triaged)")
            case .term:
                let stop = await fleet.terminate(victim, limit: options.gracefulLimit)
                gracefulStops.append(GracefulStop(instance: victim, exitStatus: stop.status, took: stop.took))
                progress("SIGTERM \(victim) (#\(kills.count)): exit \(stop.status.map(String.init) ?? "none, killed") after \(stop.took.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))); referrals so far \(t.referred + t.triaged)")
            }
            try? await Task.sleep(for: options.downtime)
            try fleet.restart(victim)
        }
        try await publishing.value

        // Every instance back up; wait for every contact to come through.
        for (name, _) in fleet.exited() { try fleet.restart(name) }
        let ids = contacts.map(\.contactId)
        let deadline = ContinuousClock.now + options.settleTimeout
        var complete = false
        var lastReport = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let t = observer.current
            let routed = ids.filter { t.referralTopicsByContact[$0] != nil }.count
            if routed == ids.count {
                complete = true
                break
            }
            if ContinuousClock.now - lastReport > .seconds(5) {
                progress("settling: \(routed)/\(ids.count) referred or triaged")
                lastReport = ContinuousClock.now
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        // The status topic is read by the same observer as the referral topics, and may be read
        // further behind: give the trails time to arrive (they are judged below either way).
        let trailsDeadline = min(deadline, ContinuousClock.now + .seconds(60))
        while complete, ContinuousClock.now < trailsDeadline, !Self.brokenTrails(observer.current).isEmpty {
            try? await Task.sleep(for: .milliseconds(250))
        }
        // Let late duplicates, if any, arrive before counting.
        try? await Task.sleep(for: .seconds(3))
        _ = await fleet.stopAll(timeout: .seconds(30))
        await observer.stop()
        _ = await observing.value

        let t = observer.current
        let lost = ids.filter { t.isLost($0) }
        let duplicated = ids.filter { t.isDuplicated($0) }
        let brokenTrails = Self.brokenTrails(t)
        return ChaosOutcome(
            contactsPublished: contacts.count, kills: kills, gracefulStops: gracefulStops, lost: lost, duplicated: duplicated, auditMismatches: t.referralsWithoutOneAudit, brokenTrails: brokenTrails,
            tally: t, complete: complete, elapsed: ContinuousClock.now - started
        )
    }
}

import Synchronization

/// Set once, read from anywhere.
final class DoneFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
