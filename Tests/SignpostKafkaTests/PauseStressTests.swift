import Foundation
import SignpostKafka
import Testing

/// A consumer whose application keeps falling behind pauses and resumes fetching over and over
/// while the topics grow; it must still hand out every offset of every partition once, in order.
/// One topic of 8 partitions; 35 topics of 16 (the shape of the pipeline observer's subscription,
/// which reads every referral, dead-letter and status topic); and the same 35 with one busy topic
/// and the rest sparse, as the observer sees a flood of dead letters and a few referrals.
@Suite("Pause and resume under load")
struct PauseStressTests {
    @Test(.timeLimit(.minutes(4)), arguments: [(1, 8, false), (35, 16, false), (35, 16, true)])
    func aSlowConsumerThatPausesAndResumesOftenNeverSkipsAnOffset(topicCount: Int, partitions: Int32, sparse: Bool) async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topics = (0..<topicCount).map { _ in unique("pause-stress") }
        for topic in topics { try cluster.createTopic(topic, partitions: partitions) }
        let total = 12_000
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("p")),
            logger: testLogger("producer"))
        let producing = Task {
            let start = ContinuousClock.now
            for index in 0..<total {
                // About 3,000 a second, so the log grows while the consumer pauses and resumes.
                if index % 30 == 0 { try await Task.sleep(until: start + .milliseconds(index / 3)) }
                // Sparse: one busy topic fills the buffer, the others get one record in 40, so most of
                // their partitions are empty, or hold a record or two, whenever fetching pauses.
                let topic = !sparse ? topics[index % topics.count]
                    : index % 40 == 0 ? topics[1 + (index / 40) % (topics.count - 1)] : topics[0]
                try await producer.produce(KafkaOutboundMessage(topic: topic, key: Array("k\(index)".utf8), value: Array("m\(index)".utf8))) { _ in }
            }
            try await producer.flush(timeout: .seconds(30))
        }

        var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: unique("stress"), clientID: unique("c"), topics: topics)
        configuration.fetchWaitMaxMilliseconds = 10
        configuration.maxBufferedMessages = 16
        let consumer = try KafkaConsumer(configuration: configuration, logger: testLogger("consumer"))
        var received: [KafkaInboundMessage] = []
        // Until every message has arrived, or none for 15 s (a skipped offset never comes).
        while received.count < total, let message = try? await take(1, from: consumer, within: 15).first {
            received.append(message)
            consumer.markProcessed(message)
            // Stalls longer than the poll thread's patience, so it pauses and resumes again and again.
            if received.count % 700 == 0 { try await Task.sleep(for: .milliseconds(650)) }
        }
        try await producing.value
        await producer.shutdown(timeout: .seconds(5))
        // Every record must arrive: a partition never fetched after pause/resume loses its records without a gap.
        #expect(received.count == total)
        for topic in topics {
            for partition in 0..<partitions {
                let offsets = received.filter { $0.topic == topic && $0.partition == partition }.map(\.offset)
                let gaps = zip(offsets, offsets.dropFirst()).filter { $1 != $0 + 1 }
                #expect(gaps.isEmpty && (offsets.first ?? 0) == 0, "\(topic)[\(partition)]: \(offsets.count) offsets, jumps \(gaps.prefix(5))")
            }
        }
        await consumer.close(timeout: .seconds(2))
    }
}
