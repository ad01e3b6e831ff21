import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics

/// Publishes simulated contacts to the contacts topic at a steady rate, as channel adapters would.
public struct ContactPublisher: Sendable {
    public var bootstrapServers: String
    public var topic: String
    public var logger: Logger

    public init(bootstrapServers: String, catalogue: TopicCatalogue, logger: Logger) throws(CatalogueError) {
        self.bootstrapServers = bootstrapServers
        self.topic = try catalogue.topic(carrying: ContactReceived.typeName).name
        self.logger = logger
    }

    /// Sends every contact, `ratePerSecond` at most (0: as fast as the broker takes them), and
    /// waits for every delivery report. `progress` is called with the count sent so far.
    public func publish(_ contacts: [SimulatedContact], ratePerSecond: Double, progress: @Sendable (Int) -> Void = { _ in }) async throws(KafkaError) {
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: bootstrapServers, clientID: "signpost-publish"), logger: logger)
        let start = ContinuousClock.now
        let failures = FailureBox()
        for (i, contact) in contacts.enumerated() {
            if ratePerSecond > 0 {
                let due = start + .milliseconds(Int64(Double(i) * 1000 / ratePerSecond))
                if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            }
            let message = KafkaOutboundMessage(
                topic: topic, key: contact.key, value: contact.value,
                headers: contact.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
            )
            try await producer.produce(message) { result in
                if case .failure(let error) = result { failures.record(error) }
            }
            if (i + 1) % 50 == 0 || i + 1 == contacts.count { progress(i + 1) }
        }
        do {
            try await producer.flush(timeout: .seconds(60))
        } catch {
            await producer.shutdown(timeout: .seconds(5))
            throw error
        }
        await producer.shutdown(timeout: .seconds(5))
        if let error = failures.first { throw error }
    }
}

import Synchronization

final class FailureBox: Sendable {
    private let error = Mutex<KafkaError?>(nil)
    func record(_ e: KafkaError) { error.withLock { if $0 == nil { $0 = e } } }
    var first: KafkaError? { error.withLock { $0 } }
}
