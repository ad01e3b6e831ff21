import Foundation
import Logging
import SignpostEvents
import SignpostKafka

/// The benchmark's load: realistic simulated contacts (valid only) on the contacts topic,
/// either preloaded as a backlog or published at a fixed rate with `received_at` set at the
/// moment each is sent.
struct BenchmarkLoad: Sendable {
    var bootstrapServers: String
    var topic: String
    var seed: UInt64
    var logger: Logger

    /// The backlog: `count` valid contacts from ``ContactSimulator``, published as fast as the
    /// broker takes them. Returns the contact ids and the bytes published.
    func preload(count: Int, progress: @escaping @Sendable (Int) -> Void) async throws(KafkaError) -> (ids: [String], bytes: Int) {
        let contacts = ContactSimulator(seed: seed).contacts(valid: count, malformed: 0)
        let bytes = contacts.reduce(0) { total, c in
            total + c.value.count + (c.key?.count ?? 0) + c.headers.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        }
        let publisher = ContactPublisher(bootstrapServers: bootstrapServers, topic: topic, logger: logger)
        try await publisher.publish(contacts, ratePerSecond: 0) { sent in
            if sent % 5_000 == 0 { progress(sent) }
        }
        return (contacts.map(\.contactId), bytes)
    }

    /// Publishes `count` valid contacts at `ratePerSecond`, each built (with `received_at` = now)
    /// just before it is sent, with ids `<prefix>-<n>`. Waits for every delivery report and
    /// returns the ids and the rate actually achieved.
    func publish(count: Int, ratePerSecond: Double, idPrefix: String) async throws(KafkaError) -> (ids: [String], achievedRate: Double) {
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: bootstrapServers, clientID: "signpost-bench-load"), logger: logger)
        let simulator = ContactSimulator(seed: seed)
        var rng = SeededGenerator(seed: seed)
        let failures = FailureBox()
        var ids: [String] = []
        ids.reserveCapacity(count)
        let start = ContinuousClock.now
        for i in 0..<count {
            if ratePerSecond > 0 {
                let due = start + .nanoseconds(Int64(Double(i) * 1_000_000_000 / ratePerSecond))
                if due > ContinuousClock.now { try? await Task.sleep(until: due, tolerance: .microseconds(200)) }
            }
            let id = "\(idPrefix)-\(i)"
            let contact = simulator.valid(id: id, rng: &rng, now: Date())
            let message = KafkaOutboundMessage(
                topic: topic, key: contact.key, value: contact.value,
                headers: contact.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
            )
            do {
                try await producer.produce(message) { result in
                    if case .failure(let error) = result { failures.record(error) }
                }
            } catch {
                await producer.shutdown(timeout: .seconds(5))
                throw error
            }
            ids.append(id)
        }
        let sendingTime = ContinuousClock.now - start
        do {
            try await producer.flush(timeout: .seconds(60))
        } catch {
            await producer.shutdown(timeout: .seconds(5))
            throw error
        }
        await producer.shutdown(timeout: .seconds(5))
        if let error = failures.first { throw error }
        let seconds = Double(sendingTime.components.seconds) + Double(sendingTime.components.attoseconds) / 1e18
        return (ids, seconds > 0 ? Double(max(count - 1, 1)) / seconds : 0)
    }
}

extension ContactPublisher {
    /// A publisher for a topic named directly (the benchmark knows its contacts topic already).
    init(bootstrapServers: String, topic: String, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.topic = topic
        self.logger = logger
    }
}
