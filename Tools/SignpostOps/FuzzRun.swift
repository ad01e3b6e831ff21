import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostRuntime
import SignpostTopics

/// The options of a hostile-input run.
public struct FuzzOptions: Sendable {
    public var hostile = 10_000
    /// Valid contacts sent in between (a tenth of them with extra, unknown fields).
    public var valid = 500
    /// Valid contacts sent a second time with the same contact id.
    public var duplicates = 50
    public var ratePerSecond: Double = 2_000
    public var seed: UInt64 = 99
    public var timeout: Duration = .seconds(240)
    /// Stop waiting once nothing new has come out for this long (then the topics are read for
    /// the valid contacts not yet seen).
    public var stallTimeout: Duration = .seconds(45)
    /// Partitions of every topic. The embedded broker keeps about 5 MiB per partition and drops
    /// older records silently. Of 10,000 hostile records 400 are oversized bodies of 25–100 KB;
    /// their dead letters keep the original bytes in base64, about 33 MB in all, more than six
    /// partitions hold (a reader that falls behind would find records gone); 16 hold them.
    public var partitions: Int32 = 16
    public var stateDirectory: URL
    public var binDirectory: URL

    public init(stateDirectory: URL, binDirectory: URL) {
        self.stateDirectory = stateDirectory
        self.binDirectory = binDirectory
    }
}

/// What a hostile-input run found.
public struct FuzzOutcome: Sendable {
    public var hostileSent: Int
    public var validSent: Int
    public var duplicatesSent: Int
    /// Hostile kinds whose records did not each get exactly one dead letter, with the count of such records.
    public var mismatchedKinds: [String: Int]
    /// Valid contacts without exactly one referral or triage record.
    public var validNotReferredOnce: [String]
    /// Repeated contacts without exactly one `duplicate` dead letter.
    public var duplicatesNotDeadLettered: [String]
    public var deadLettersWithoutReason: Int
    public var reasons: [DeadLetterReason: Int]
    public var earlyExits: [String: Int32]
    /// For each valid contact that did not come out: the stages it reached, read back from the
    /// topics after the run (see ``PipelineTrace``).
    public var trace: [String] = []
    /// Valid contacts whose referral the observer's live read missed and the read of the topics found.
    public var missedByObserver = 0
    public var complete: Bool
    public var elapsed: Duration

    public var passed: Bool {
        complete && mismatchedKinds.isEmpty && validNotReferredOnce.isEmpty && duplicatesNotDeadLettered.isEmpty
            && deadLettersWithoutReason == 0 && earlyExits.isEmpty
    }

    /// `fuzz: hostile=N deadlettered_once=N valid=N referred_once=N duplicates=N services_up=yes`,
    /// then `observer_missed=N` when the read of the topics found referrals the live read missed.
    public var summaryLine: String {
        let mismatched = mismatchedKinds.values.reduce(0, +)
        return "fuzz: hostile=\(hostileSent) deadlettered_once=\(hostileSent - mismatched) valid=\(validSent) referred_once=\(validSent - validNotReferredOnce.count) duplicates=\(duplicatesSent) duplicates_deadlettered=\(duplicatesSent - duplicatesNotDeadLettered.count) services_up=\(earlyExits.isEmpty ? "yes" : "no")"
            + (missedByObserver > 0 ? " observer_missed=\(missedByObserver)" : "")
    }
}

/// Hostile input: thousands of malformed contacts, with valid ones and repeated ones in
/// between, through the real services. Every malformed record must get exactly one dead letter
/// with a reason and its original bytes, every repeat one `duplicate` dead letter, every valid
/// contact one referral, and no service may stop.
public struct FuzzRun: Sendable {
    public var options: FuzzOptions
    public var catalogue: TopicCatalogue
    public var logger: Logger

    public init(options: FuzzOptions, catalogue: TopicCatalogue, logger: Logger) {
        self.options = options
        self.catalogue = catalogue
        self.logger = logger
    }

    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> FuzzOutcome {
        let started = ContinuousClock.now
        let broker = try BrokerHost(catalogue: catalogue, partitions: options.partitions, stateDirectory: options.stateDirectory, logger: logger)
        defer { broker.stop() }
        var env = broker.serviceEnvironment(catalogue: catalogue, stateDirectory: options.stateDirectory)
        env["SIGNPOST_LOG_LEVEL"] = "error"  // thousands of dead letters; the topic has them all
        let fleet = ServiceFleet(binDirectory: options.binDirectory, environment: env, logDirectory: options.stateDirectory.appendingPathComponent("logs"))
        for service in ServiceFleet.serviceNames { try fleet.start(service) }
        let observer = try PipelineObserver(
            bootstrapServers: broker.bootstrapServers, catalogue: catalogue, surveyAnswerShare: 0,
            fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
        )
        let observing = Task { await observer.run() }

        // The records, interleaved: hostile ones, valid ones (some with extra fields), repeats after their originals.
        let hostile = HostileInput(seed: options.seed).records(count: options.hostile)
        let valid = ContactSimulator(seed: options.seed).contacts(valid: options.valid, malformed: 0).enumerated().map { i, c in
            i % 10 == 0 ? Self.withExtraFields(c) : c
        }
        var sequence: [KafkaOutboundMessage] = []
        let topic = try catalogue.topic(carrying: ContactReceived.typeName).name
        let every = max(1, hostile.count / max(1, valid.count))
        var v = 0
        for (i, record) in hostile.enumerated() {
            sequence.append(KafkaOutboundMessage(topic: topic, key: record.key, value: record.value, headers: record.headers.map { KafkaHeader(key: $0.key, string: $0.value) }))
            if i % every == 0, v < valid.count {
                sequence.append(Self.message(valid[v], topic: topic))
                if v < options.duplicates, v >= 1 {
                    // Repeat an earlier contact, with the same contact id, well after its original.
                    sequence.append(Self.message(valid[v - 1], topic: topic))
                }
                v += 1
            }
        }
        while v < valid.count { sequence.append(Self.message(valid[v], topic: topic)); v += 1 }
        let repeated = Array(valid.prefix(max(0, min(options.duplicates, valid.count) - 1)))

        progress("sending \(hostile.count) hostile records, \(valid.count) valid contacts and \(repeated.count) repeats at \(Int(options.ratePerSecond))/s")
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers, clientID: "signpost-fuzz"), logger: logger)
        let clock = ContinuousClock.now
        for (i, message) in sequence.enumerated() {
            let due = clock + .milliseconds(Int64(Double(i) * 1000 / options.ratePerSecond))
            if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            try await producer.produce(message) { _ in }
        }
        try await producer.flush(timeout: .seconds(60))
        await producer.shutdown(timeout: .seconds(5))

        var expectedByValue: [Data: Int] = [:]
        for record in hostile { expectedByValue[Data(record.value), default: 0] += 1 }
        let deadline = ContinuousClock.now + options.timeout
        var counts = (dead: 0, routed: 0, repeats: 0)
        var lastReport = ContinuousClock.now
        var lastChange = ContinuousClock.now
        while ContinuousClock.now < deadline, ContinuousClock.now - lastChange < options.stallTimeout {
            let t = observer.current
            let now = (
                dead: expectedByValue.reduce(0) { $0 + min($1.value, t.deadLettersByValue[$1.key] ?? 0) },
                routed: valid.filter { t.referralTopicsByContact[$0.contactId] != nil }.count,
                repeats: repeated.filter { (t.deadLetterReasonsByKey[$0.contactId] ?? []).contains(.duplicate) }.count
            )
            if now != counts { lastChange = ContinuousClock.now }
            counts = now
            if counts.dead == hostile.count, counts.routed == valid.count, counts.repeats == repeated.count { break }
            if ContinuousClock.now - lastReport > .seconds(3) {
                progress("dead-lettered \(counts.dead)/\(hostile.count), referred \(counts.routed)/\(valid.count), repeats caught \(counts.repeats)/\(repeated.count)")
                lastReport = ContinuousClock.now
            }
            if !fleet.exited().isEmpty { break }
            try? await Task.sleep(for: .milliseconds(250))
        }
        try? await Task.sleep(for: .seconds(2))
        let earlyExits = fleet.exited()
        // The observer's live read is one consumer; the topics are the record. A valid contact it
        // did not see is looked for in the topics themselves: found in a referral topic, the
        // pipeline did its work and only the live read missed it; otherwise the trace names the
        // last stage that wrote it.
        let unseen = valid.map(\.contactId).filter { observer.current.referralTopicsByContact[$0] == nil }
        var trace: [String] = []
        var foundByReread: Set<String> = []
        if !unseen.isEmpty {
            progress("\(unseen.count) valid contacts not seen by the observer; reading the pipeline's topics for them")
            do {
                let found = try await PipelineTrace.read(contactIds: unseen, bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
                foundByReread = Set(unseen.filter { found.seen[$0]?["referred"] != nil })
                trace = found.summary(of: unseen)
            } catch {
                trace = ["could not trace \(unseen.count) contacts: \(error)"]
            }
            for line in trace { progress("trace: \(line)") }
        }
        let t = observer.current
        let routed = valid.filter { t.referralTopicsByContact[$0.contactId] != nil || foundByReread.contains($0.contactId) }.count
        let complete = counts.dead == hostile.count && counts.repeats == repeated.count && routed == valid.count
        _ = await fleet.stopAll(timeout: .seconds(30))
        await observer.stop()
        _ = await observing.value

        let final = observer.current
        var mismatched: [String: Int] = [:]
        for record in hostile where final.deadLettersByValue[Data(record.value)] != expectedByValue[Data(record.value)] {
            mismatched[record.kind, default: 0] += 1
        }
        var reasons: [DeadLetterReason: Int] = [:]
        for list in final.deadLetterReasonsByKey.values { for r in list { reasons[r, default: 0] += 1 } }
        return FuzzOutcome(
            hostileSent: hostile.count, validSent: valid.count, duplicatesSent: repeated.count, mismatchedKinds: mismatched,
            validNotReferredOnce: valid.map(\.contactId).filter { (final.isLost($0) && !foundByReread.contains($0)) || final.isDuplicated($0) },
            duplicatesNotDeadLettered: repeated.map(\.contactId).filter { (final.deadLetterReasonsByKey[$0] ?? []).filter { $0 == .duplicate }.count != 1 },
            deadLettersWithoutReason: final.deadLettersWithoutReason, reasons: reasons, earlyExits: earlyExits, trace: trace, missedByObserver: foundByReread.count, complete: complete,
            elapsed: ContinuousClock.now - started
        )
    }

    static func message(_ contact: SimulatedContact, topic: String) -> KafkaOutboundMessage {
        KafkaOutboundMessage(topic: topic, key: contact.key, value: contact.value, headers: contact.headers.map { KafkaHeader(key: $0.key, string: $0.value) })
    }

    /// The same contact with unknown fields added, at the top level and inside `customer`: still valid.
    static func withExtraFields(_ contact: SimulatedContact) -> SimulatedContact {
        var copy = contact
        var text = String(decoding: contact.value, as: UTF8.self)
        text = #"{"x_adapter_build":"7.4.1","x_extra":{"nested":[1,2,3]},"# + text.dropFirst()
        text = text.replacingOccurrences(of: #""customer":{"#, with: #""customer":{"x_crm_id":"CRM-881","#)
        copy.value = Array(text.utf8)
        return copy
    }
}
