import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics

/// The options of `signpost bench`.
public struct BenchmarkOptions: Sendable {
    /// Contacts in the preloaded backlog (throughput).
    public var contacts = 20_000
    /// Contacts per second in the fixed-rate phase (latency).
    public var ratePerSecond = 1_000
    /// Seconds of publishing in the fixed-rate phase.
    public var seconds = 20
    /// Partitions of every topic (catalogue and relay hops alike).
    public var partitions: Int32 = 16
    /// Measure the pipeline (false: the relay, and the skeleton if asked, only).
    public var includePipeline = true
    /// Also measure the relay (false: pipeline only).
    public var includeRelay = true
    /// Also measure the skeleton: the relay chain writing the pipeline's records (needs the relay).
    public var includeSkeleton = false
    /// Records each skeleton hop writes per input: its output and `n - 1` copies.
    ///
    /// The default is the pipeline's count in a backlog run (the `emitted` and `processed` figures
    /// the services log when they stop): intake, classifier and redactor 3 each (their event, a
    /// status change, a performance event), referral 5.07 (per recipient a referral and its
    /// sharing record, an acknowledgement, a status change, a performance event), survey none;
    /// 14.07 in all. The skeleton's referral hop writes 4 and its last hop the one copy the bench
    /// reads: 14.
    public var skeletonRecords = [3, 3, 3, 4, 1]
    public var seed: UInt64 = 2026
    /// Contacts sent through before the fixed-rate phase, so that every consumer group has joined.
    public var warmupContacts = 20
    /// In the backlog phase, how long the other processes run before the first of the chain
    /// starts: a consumer group's first join takes about 3 s on the embedded broker.
    public var firstStartDelay: Duration = .seconds(6)
    /// A phase gives up when no new output has arrived for this long.
    public var stallTimeout: Duration = .seconds(90)
    /// Where the service and relay executables are.
    public var binDirectory: URL
    /// Where the processes' logs go (`logs/<subject>-<phase>/`).
    public var stateDirectory: URL

    /// Pass-through hops in the relay chain, as many as the pipeline has services on the path.
    public static let hops = 5

    /// Creates options with the defaults above.
    public init(binDirectory: URL, stateDirectory: URL) {
        self.binDirectory = binDirectory
        self.stateDirectory = stateDirectory
    }
}

/// The end-to-end benchmark: the pipeline, then (never at the same time) a chain of five
/// pass-through relays, each on a fresh embedded broker per phase, measured the same way.
public struct Benchmark: Sendable {
    public var options: BenchmarkOptions
    public var catalogue: TopicCatalogue
    public var logger: Logger

    /// The mock keeps about this much per partition and silently drops older data.
    static let mockPartitionBytes = 5 * 1024 * 1024

    /// Creates a benchmark.
    public init(options: BenchmarkOptions, catalogue: TopicCatalogue, logger: Logger) {
        self.options = options
        self.catalogue = catalogue
        self.logger = logger
    }

    /// The relay's hop topics, `bench.hop-1.relayed.v1` … : harness-internal, created only here.
    public static func hopTopics(count: Int = BenchmarkOptions.hops) -> [String] {
        (1...count).map { "bench.hop-\($0).relayed.v1" }
    }

    /// The topics a skeleton hop copies to besides its output: `bench.hop-<hop>.copy-<n>.v1`.
    public static func copyTopics(hop: Int, records: Int) -> [String] {
        records > 1 ? (1..<records).map { "bench.hop-\(hop).copy-\($0).v1" } : []
    }

    /// Runs every phase in turn and returns the report. `progress` gets one line at a time.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> BenchmarkReport {
        let contactTopic = try catalogue.topic(carrying: ContactReceived.typeName).name
        /// Both phases of one subject, after its introductory line.
        func measure(_ subject: BenchmarkSubject, _ introduction: String) async throws -> BenchmarkSubjectResult {
            progress(introduction)
            let backlog = try await backlogPhase(subject, contactTopic: contactTopic, progress: progress)
            let fixedRate = try await fixedRatePhase(subject, contactTopic: contactTopic, progress: progress)
            return BenchmarkSubjectResult(subject: subject, backlog: backlog, fixedRate: fixedRate)
        }
        let pipeline = options.includePipeline ? try await measure(
            .pipeline,
            "pipeline: \(ServiceFleet.serviceNames.joined(separator: " → ")) from \(options.binDirectory.path); the contacts topic and every topic each contact passes through \(options.partitions) partitions, the others in their catalogue proportion"
        ) : nil
        let relay = options.includeRelay ? try await measure(
            .relay, "relay: \(BenchmarkOptions.hops) × `signpost relay`, \(contactTopic) → \(Self.hopTopics().joined(separator: " → "))"
        ) : nil
        let records = options.skeletonRecords.map(String.init).joined(separator: ", ")
        let skeleton = options.includeRelay && options.includeSkeleton ? try await measure(
            .skeleton,
            "skeleton: the relay chain writing \(records) records per input (its output and copies), \(options.skeletonRecords.reduce(0, +)) per contact"
        ) : nil
        return BenchmarkReport(options: options, pipeline: pipeline, relay: relay, skeleton: skeleton)
    }

    // MARK: Phases

    /// Preloads the backlog, then starts the processes and waits for every output.
    func backlogPhase(_ subject: BenchmarkSubject, contactTopic: String, progress: @escaping @Sendable (String) -> Void) async throws -> BenchmarkPhase {
        let label = "\(subject.rawValue) backlog"
        let rig = try Rig(subject: subject, options: options, catalogue: catalogue, logger: logger, logName: "\(subject.rawValue)-backlog")
        defer { rig.broker.stop() }
        let load = BenchmarkLoad(bootstrapServers: rig.broker.bootstrapServers, topic: contactTopic, seed: options.seed, logger: logger)
        progress("\(label): fresh embedded broker at \(rig.broker.bootstrapServers); preloading \(options.contacts) contacts")
        let preloadStart = ContinuousClock.now
        let (ids, bytes) = try await load.preload(count: options.contacts) { sent in progress("\(label): preloaded \(sent)") }
        let perPartition = bytes / Int(max(options.partitions, 1))
        progress("\(label): " + String(
            format: "backlog of %d contacts, %.1f MB, about %.2f MB per partition of the contacts topic (the mock keeps about 5 MiB), preloaded in %.1f s",
            ids.count, Double(bytes) / 1e6, Double(perPartition) / 1e6, seconds(ContinuousClock.now - preloadStart)
        ))
        if perPartition * 4 > Self.mockPartitionBytes * 3 {
            progress("\(label): WARNING: the backlog is near the mock's per-partition limit; raise --partitions or lower --contacts if contacts go missing")
        }
        let collector = try BenchmarkCollector(
            bootstrapServers: rig.broker.bootstrapServers, topics: rig.outputTopics, fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
        )
        let collecting = Task { await collector.run() }
        progress("\(label): starting the processes, the first of the chain \(options.firstStartDelay) after the others (so that their groups have joined)")
        let before: (processes: [String: Double], host: Double)
        do {
            before = try await rig.startProcesses(firstAfter: options.firstStartDelay)
        } catch {
            _ = await rig.stopProcesses()
            await collector.stop()
            _ = await collecting.value
            throw error
        }
        let started = ContinuousClock.now
        progress("\(label): started \(rig.running().map(\.name).joined(separator: ", ")) (logs in \(rig.logDirectory.path))")
        let earlyExits = await wait(for: ids.count, collector: collector, rig: rig, label: label, since: started, progress: progress)
        // CPU from the moment the first process started: the others' waiting is not the backlog's.
        let usage = rig.usage().map { row in
            var row = row
            row.usage.cpuSeconds -= before.processes[row.name] ?? 0
            return row
        }
        let hostCPU = (ProcessUsage.current()?.cpuSeconds ?? 0) - before.host
        progress("\(label): stopping the processes (SIGTERM)")
        let statuses = await rig.stopProcesses()
        await collector.stop()
        _ = await collecting.value
        let (records, recovered) = await completeRecords(collector, target: ids.count, subject: subject, rig: rig, label: label, progress: progress)
        var phase = analyse(
            subject: subject, kind: .backlog, expectedIDs: ids, records: records, achievedRate: nil,
            processes: usage, hostCPU: hostCPU, statuses: statuses, earlyExits: earlyExits
        )
        phase.recoveredByReread = recovered
        return phase
    }

    /// Starts the processes, sends warm-up contacts through until every group has joined, then
    /// publishes at the fixed rate and waits for every output.
    func fixedRatePhase(_ subject: BenchmarkSubject, contactTopic: String, progress: @escaping @Sendable (String) -> Void) async throws -> BenchmarkPhase {
        let label = "\(subject.rawValue) at \(options.ratePerSecond)/s"
        let rig = try Rig(subject: subject, options: options, catalogue: catalogue, logger: logger, logName: "\(subject.rawValue)-rate")
        defer { rig.broker.stop() }
        progress("\(label): fresh embedded broker at \(rig.broker.bootstrapServers)")
        let collector = try BenchmarkCollector(
            bootstrapServers: rig.broker.bootstrapServers, topics: rig.outputTopics, fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
        )
        let collecting = Task { await collector.run() }
        do {
            try rig.startProcesses()
        } catch {
            _ = await rig.stopProcesses()
            await collector.stop()
            _ = await collecting.value
            throw error
        }
        progress("\(label): started \(rig.running().map(\.name).joined(separator: ", ")) (logs in \(rig.logDirectory.path))")

        // Warm-up: wait until every consumer group has joined and contacts come out the end.
        let warmup = BenchmarkLoad(bootstrapServers: rig.broker.bootstrapServers, topic: contactTopic, seed: options.seed &+ 1, logger: logger)
        let warmStart = ContinuousClock.now
        _ = try await warmup.publish(count: options.warmupContacts, ratePerSecond: 0, idPrefix: "bench-warmup")
        var earlyExits = await wait(for: options.warmupContacts, collector: collector, rig: rig, label: "\(label) warm-up", since: warmStart, progress: progress)
        progress("\(label): " + String(format: "warmed up in %.1f s; publishing for %d s", seconds(ContinuousClock.now - warmStart), options.seconds))
        try? await Task.sleep(for: .seconds(1))

        let hostBefore = ProcessUsage.current()
        let count = options.ratePerSecond * options.seconds
        let load = BenchmarkLoad(bootstrapServers: rig.broker.bootstrapServers, topic: contactTopic, seed: options.seed &+ 2, logger: logger)
        let publishStart = ContinuousClock.now
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                if Task.isCancelled { break }
                progress("\(label): \(max(0, collector.distinctKeys - options.warmupContacts)) outputs so far")
            }
        }
        let published: (ids: [String], achievedRate: Double)
        do {
            published = try await load.publish(count: count, ratePerSecond: Double(options.ratePerSecond), idPrefix: "bench-\(options.seed)")
        } catch {
            reporter.cancel()
            _ = await rig.stopProcesses()
            await collector.stop()
            _ = await collecting.value
            throw error
        }
        reporter.cancel()
        progress("\(label): " + String(format: "published %d contacts at %.0f/s", count, published.achievedRate))
        if earlyExits.isEmpty {
            earlyExits = await wait(for: options.warmupContacts + count, collector: collector, rig: rig, label: label, since: publishStart, progress: progress)
        }
        let usage = rig.usage()
        let hostCPU = (ProcessUsage.current()?.cpuSeconds ?? 0) - (hostBefore?.cpuSeconds ?? 0)
        progress("\(label): stopping the processes (SIGTERM)")
        let statuses = await rig.stopProcesses()
        await collector.stop()
        _ = await collecting.value
        let (records, recovered) = await completeRecords(
            collector, target: options.warmupContacts + count, subject: subject, rig: rig, label: label, progress: progress
        )
        var phase = analyse(
            subject: subject, kind: .fixedRate, expectedIDs: published.ids, records: records, achievedRate: published.achievedRate,
            processes: usage, hostCPU: hostCPU, statuses: statuses, earlyExits: earlyExits
        )
        phase.recoveredByReread = recovered
        return phase
    }

    /// The collector's records, completed by a second read of the output topics from the start
    /// (a fresh consumer group) when the live read saw fewer than `target` distinct outputs: a
    /// record the live read missed is then told apart from a contact that never came out.
    /// Returns the records and how many the second read added.
    private func completeRecords(
        _ collector: BenchmarkCollector, target: Int, subject: BenchmarkSubject, rig: Rig, label: String, progress: @escaping @Sendable (String) -> Void
    ) async -> (records: [CollectedRecord], recovered: Int) {
        let live = collector.records
        guard collector.distinctKeys < target else { return (live, 0) }
        progress("\(label): the collector saw \(collector.distinctKeys)/\(target) outputs; reading the output topics again from the start")
        let reread: BenchmarkCollector
        do {
            reread = try BenchmarkCollector(
                bootstrapServers: rig.broker.bootstrapServers, topics: rig.outputTopics, fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
            )
        } catch {
            progress("\(label): cannot read the output topics again (\(error)); the figures use the live read")
            return (live, 0)
        }
        let reading = Task { await reread.run() }
        // Until it has them all, or nothing new for 10 s (a consumer group's first join takes about 3 s).
        var last = -1
        var lastChange = ContinuousClock.now
        while reread.distinctKeys < target, ContinuousClock.now - lastChange < .seconds(10) {
            if reread.distinctKeys != last {
                last = reread.distinctKeys
                lastChange = ContinuousClock.now
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        await reread.stop()
        _ = await reading.value
        // Keep the live records (their consumed times are right) and add the outputs they lack.
        var seen = Set<String>()
        for record in live {
            if case .success(let arrival) = subject.arrival(of: record) { seen.insert(arrival.outputId) }
        }
        var added: [CollectedRecord] = []
        for record in reread.records {
            guard case .success(let arrival) = subject.arrival(of: record), seen.insert(arrival.outputId).inserted else { continue }
            added.append(record)
        }
        progress("\(label): the second read found \(reread.distinctKeys)/\(target) outputs, \(added.count) records the live read had missed")
        return (live + added, added.count)
    }

    /// Waits until `target` distinct outputs have arrived, a process exits, or nothing new
    /// arrives for ``BenchmarkOptions/stallTimeout``. Returns the processes that exited early.
    private func wait(
        for target: Int, collector: BenchmarkCollector, rig: Rig, label: String, since start: ContinuousClock.Instant,
        progress: @Sendable (String) -> Void
    ) async -> [String: Int32] {
        var last = collector.distinctKeys
        var lastChange = ContinuousClock.now
        var lastReport = ContinuousClock.now
        while true {
            let now = collector.distinctKeys
            if now >= target { return [:] }
            let exited = rig.exited()
            if !exited.isEmpty {
                progress("\(label): \(exited.keys.sorted().joined(separator: ", ")) exited early (\(exited.values.map(String.init).joined(separator: ", "))); see the logs")
                return exited
            }
            if now != last {
                last = now
                lastChange = ContinuousClock.now
            } else if ContinuousClock.now - lastChange > options.stallTimeout {
                progress("\(label): no new output for \(options.stallTimeout); giving up with \(now)/\(target)")
                return [:]
            }
            if ContinuousClock.now - lastReport >= .seconds(3) {
                progress("\(label): \(now)/\(target) outputs after " + String(format: "%.0f s", seconds(ContinuousClock.now - start)))
                lastReport = ContinuousClock.now
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    // MARK: Analysis

    func analyse(
        subject: BenchmarkSubject, kind: BenchmarkPhaseKind, expectedIDs: [String], records: [CollectedRecord], achievedRate: Double?,
        processes: [ProcessUsageRow], hostCPU: Double, statuses: [String: Int32?], earlyExits: [String: Int32]
    ) -> BenchmarkPhase {
        let expected = Set(expectedIDs)
        var first: [String: BenchmarkArrival] = [:]
        var outputs = Set<String>()
        var duplicates = 0
        var undecodable = 0
        for record in records {
            switch subject.arrival(of: record) {
            case .success(let arrival):
                guard expected.contains(arrival.contactId) else { continue }  // warm-up contacts
                if !outputs.insert(arrival.outputId).inserted { duplicates += 1 }
                // A contact arrives with its first output.
                if let seen = first[arrival.contactId] {
                    if arrival.outputAt < seen.outputAt { first[arrival.contactId] = arrival }
                } else {
                    first[arrival.contactId] = arrival
                }
            case .failure:
                undecodable += 1
            }
        }
        let arrivals = Array(first.values)
        let outputTimes = arrivals.map(\.outputAt)
        var window = 0.0
        var throughput: Double?
        if let start = outputTimes.min(), let end = outputTimes.max() {
            window = end.timeIntervalSince(start)
            if window > 0, arrivals.count > 1 { throughput = Double(arrivals.count - 1) / window }
        }
        var latency: LatencySummary?
        var consumed: LatencySummary?
        if kind == .fixedRate {
            latency = LatencySummary(milliseconds: arrivals.map { $0.outputAt.timeIntervalSince($0.receivedAt) * 1000 })
            consumed = LatencySummary(milliseconds: arrivals.map { $0.consumedAt.timeIntervalSince($0.receivedAt) * 1000 })
        }
        return BenchmarkPhase(
            subject: subject, kind: kind, expected: expected.count, arrived: arrivals.count, duplicates: duplicates, undecodable: undecodable,
            throughput: kind == .backlog ? throughput : nil, outputWindowSeconds: window, latency: latency, consumedLatency: consumed,
            achievedRate: achievedRate, processes: processes, hostCPUSeconds: hostCPU, exitStatuses: statuses, earlyExits: earlyExits
        )
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// One phase's fixture: a fresh embedded broker (with the relay's hop topics, and the skeleton's
/// copy topics, when measuring those) and the processes under test.
final class Rig: Sendable {
    let subject: BenchmarkSubject
    let broker: BrokerHost
    let outputTopics: [String]
    let logDirectory: URL
    private let fleet: ServiceFleet?
    private let relays: BenchmarkProcessGroup?
    private let relayExecutable: URL
    /// Per hop, the topics the hop copies to besides its output (the skeleton's; empty for the relay).
    private let hopCopies: [[String]]
    private let environment: [String: String]
    private let contactTopic: String

    init(subject: BenchmarkSubject, options: BenchmarkOptions, catalogue: TopicCatalogue, logger: Logger, logName: String) throws {
        self.subject = subject
        contactTopic = try catalogue.topic(carrying: ContactReceived.typeName).name
        broker = try BrokerHost(catalogue: catalogue, partitions: options.partitions, keepingProportions: true, stateDirectory: nil, logger: logger)
        logDirectory = options.stateDirectory.appendingPathComponent("logs").appendingPathComponent(logName)
        try? FileManager.default.removeItem(at: logDirectory)
        let env = ServiceFleet.fastPath(broker.serviceEnvironment(catalogue: catalogue, stateDirectory: options.stateDirectory))
        environment = env
        relayExecutable = options.binDirectory.appendingPathComponent("signpost")
        switch subject {
        case .pipeline:
            fleet = ServiceFleet(binDirectory: options.binDirectory, environment: env, logDirectory: logDirectory)
            relays = nil
            hopCopies = []
            outputTopics = catalogue.topics.filter { $0.recipient != nil }.map(\.name)
        case .relay, .skeleton:
            fleet = nil
            relays = BenchmarkProcessGroup()
            let hops = Benchmark.hopTopics()
            hopCopies = (1...BenchmarkOptions.hops).map { hop in
                subject == .skeleton ? Benchmark.copyTopics(hop: hop, records: options.skeletonRecords[hop - 1]) : []
            }
            // The hop and copy topics exist only on the benchmark's broker, with the contacts topic's partition count.
            let contactPartitions = options.partitions
            do {
                for topic in hops + hopCopies.joined() { try broker.createTopic(topic, partitions: contactPartitions) }
            } catch {
                broker.stop()
                throw error
            }
            outputTopics = [hops[hops.count - 1]]
        }
    }

    func startProcesses() throws {
        for index in 0..<processCount { try startProcess(at: index) }
    }

    /// The processes of the chain: the five services, or the relay hops.
    private var processCount: Int { fleet != nil ? ServiceFleet.serviceNames.count : BenchmarkOptions.hops }

    /// Starts every process but the first of the chain, waits `delay` so that their consumer
    /// groups have joined, then starts the first: the backlog's output window then measures the
    /// whole chain rather than the last hops catching up with a backlog the first ones already
    /// worked through. Returns each process's CPU seconds at the moment the first one started,
    /// and the bench host's.
    func startProcesses(firstAfter delay: Duration) async throws -> (processes: [String: Double], host: Double) {
        for index in 1..<processCount { try startProcess(at: index) }
        try? await Task.sleep(for: delay)
        let before = Dictionary(usage().map { ($0.name, $0.usage.cpuSeconds) }, uniquingKeysWith: { a, _ in a })
        let host = ProcessUsage.current()?.cpuSeconds ?? 0
        try startProcess(at: 0)
        return (before, host)
    }

    /// Starts the process at `index` in flow order (a service, or a relay hop).
    private func startProcess(at index: Int) throws {
        if let fleet { try fleet.start(ServiceFleet.serviceNames[index]) }
        if let relays {
            let topics = [contactTopic] + Benchmark.hopTopics()
            let hop = index + 1
            let name = "relay-\(hop)"
            try relays.start(
                name: name, executable: relayExecutable,
                arguments: ["relay", "--bootstrap", broker.bootstrapServers, "--in", topics[hop - 1], "--out", topics[hop], "--group", "bench-relay-\(hop)"]
                    + hopCopies[hop - 1].flatMap { ["--copy", $0] },
                environment: environment, logFile: logDirectory.appendingPathComponent("\(name).log")
            )
        }
    }

    /// Running processes in flow order.
    func running() -> [(name: String, pid: Int32)] {
        if let fleet {
            let order = ServiceFleet.serviceNames
            return fleet.running().map { (name: $0.key, pid: $0.value) }.sorted { a, b in
                let ia = order.firstIndex { a.name.hasPrefix($0 + "-") } ?? order.count
                let ib = order.firstIndex { b.name.hasPrefix($0 + "-") } ?? order.count
                return (ia, a.name) < (ib, b.name)
            }
        }
        return relays?.running() ?? []
    }

    func exited() -> [String: Int32] {
        fleet?.exited() ?? relays?.exited() ?? [:]
    }

    /// CPU seconds and peak RSS of every running process, read now.
    func usage() -> [ProcessUsageRow] {
        running().compactMap { entry in ProcessUsage.read(pid: entry.pid).map { ProcessUsageRow(name: entry.name, usage: $0) } }
    }

    func stopProcesses() async -> [String: Int32?] {
        if let fleet { return await fleet.stopAll(timeout: .seconds(30)) }
        return await relays?.stopAll(timeout: .seconds(30)) ?? [:]
    }
}
