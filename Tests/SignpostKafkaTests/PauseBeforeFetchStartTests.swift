import Foundation
import SignpostKafka
import Testing

/// A partition whose start offset is still being looked up when the buffer fills must be fetched once
/// the application catches up.
///
/// The slow broker answers the slow partition's offset lookup two seconds late, well after the poll
/// thread holds fetching back because the fast partition filled the buffer. The consumer does not
/// pause a partition that has not delivered yet (pausing one whose fetch has not started can leave
/// it never fetched: docs/reliability.md), so the slow partition starts when its answer arrives.
@Suite("Pause before a partition's fetch has started")
struct PauseBeforeFetchStartTests {
    @Test(.timeLimit(.minutes(1)))
    func aPartitionPausedBeforeItsStartOffsetIsKnownIsStillFetchedAfterResume() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 2, logger: testLogger("cluster"))
        defer { cluster.stop() }
        let fast = unique("fast"), slow = unique("slow"), group = unique("group")
        try cluster.createTopic(fast, partitions: 1)
        try cluster.createTopic(slow, partitions: 1)
        try cluster.setLeader(of: fast, partition: 0, to: 1)
        try cluster.setLeader(of: slow, partition: 0, to: 2)
        try cluster.setGroupCoordinator(of: group, to: 1)

        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("p")),
            logger: testLogger("producer"))
        let counts = [fast: 100, slow: 5]
        for (topic, count) in counts {
            for index in 0..<count {
                try await producer.produce(KafkaOutboundMessage(topic: topic, key: nil, value: Array("\(topic) \(index)".utf8))) { _ in }
            }
        }
        try await producer.flush(timeout: .seconds(10))
        await producer.shutdown(timeout: .seconds(5))
        try cluster.setRoundTripTime(2_000, broker: 2)

        var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group, clientID: unique("c"), topics: [fast, slow])
        configuration.fetchWaitMaxMilliseconds = 10
        configuration.maxBufferedMessages = 16
        let consumer = try KafkaConsumer(configuration: configuration, logger: testLogger("consumer"))
        // Take one message (the group is joined and the fast partition is fetching), then fall behind:
        // the buffer fills from the fast partition and the poll thread pauses half a second later,
        // while the slow partition's start offset is still on its way.
        var received = try await take(1, from: consumer, within: 20)
        consumer.markProcessed(received[0])
        try await Task.sleep(for: .milliseconds(1_500))
        while received.count < counts.values.reduce(0, +), let message = try? await take(1, from: consumer, within: 10).first {
            received.append(message)
            consumer.markProcessed(message)
        }
        #expect(received.filter { $0.topic == fast }.count == counts[fast])
        #expect(received.filter { $0.topic == slow }.map(\.offset) == Array(0..<5))
        await consumer.close(timeout: .seconds(2))
    }
}
