import Foundation
import SignpostKafka
import Testing

/// Each test runs its own in-process mock cluster, so the tests can run in parallel.
@Suite("Kafka against the embedded mock cluster")
struct BrokerTests {
    @Test func sendReportsPartitionAndOffsetAndHeadersAndKeyRoundTrip() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("roundtrip")
        try cluster.createTopic(topic, partitions: 3)

        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: "rt-producer"),
            logger: testLogger("producer"))
        let headers = [
            KafkaHeader(key: "trace", string: "abc-123"),
            KafkaHeader(key: "null-valued", value: nil),
            KafkaHeader(key: "empty", value: []),
            KafkaHeader(key: "trace", string: "duplicate key keeps order"),
        ]
        let sent = KafkaOutboundMessage(topic: topic, key: Array("enquiry-42".utf8), value: Array("hello".utf8), headers: headers)
        // The record's timestamp is set when it is produced: between these two moments (a second
        // of slack for the clocks' resolution), however long a loaded machine takes afterwards.
        let beforeSending = Date().addingTimeInterval(-1)
        let first = try await producer.send(sent)
        let second = try await producer.send(sent)  // same key: same partition, next offset
        #expect(first.topic == topic)
        #expect((0..<3).contains(first.partition))
        #expect(first.offset == 0)
        #expect(second.partition == first.partition)
        #expect(second.offset == 1)
        let unkeyed = try await producer.send(KafkaOutboundMessage(topic: topic, key: nil, value: []))
        let afterSending = Date().addingTimeInterval(1)
        await producer.shutdown(timeout: .seconds(5))
        await producer.shutdown(timeout: .seconds(5))  // idempotent

        let consumer = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: unique("rt"), topic: topic),
                                         logger: testLogger("consumer"))
        let received = try await take(3, from: consumer)
        let keyed = try #require(received.first { $0.partition == first.partition && $0.offset == 0 })
        #expect(keyed.key == Array("enquiry-42".utf8))
        #expect(keyed.value == Array("hello".utf8))
        #expect(keyed.headers == headers)
        #expect(keyed.headers[1].value == nil)
        #expect(keyed.timestamp.map { (beforeSending...afterSending).contains($0) } == true)
        let empty = try #require(received.first { $0.partition == unkeyed.partition && $0.offset == unkeyed.offset })
        #expect(empty.key == nil)
        #expect(empty.value == [])
        #expect(empty.headers.isEmpty)
        #expect(consumer.assignment.count == 3)
        for message in received { consumer.markProcessed(message) }
        await consumer.close(timeout: .seconds(2))
        await consumer.close(timeout: .seconds(2))  // idempotent
        #expect(consumer.assignment.isEmpty)
    }

    @Test func committedOffsetsAreHonouredAndUnmarkedMessagesRedelivered() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("commit")
        try cluster.createTopic(topic, partitions: 1)
        _ = try await produce(10, to: topic, on: cluster)
        let group = unique("commit-group")

        let first = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic),
                                      logger: testLogger("consumer1"))
        let batch = try await take(10, from: first)
        #expect(batch.map(\.offset) == Array(0..<10))
        for message in batch.prefix(4) { first.markProcessed(message) }
        let closeStart = ContinuousClock.now
        await first.close(timeout: .milliseconds(500))  // 6 stay unmarked: close gives up waiting after 0.5 s
        #expect(ContinuousClock.now - closeStart < .seconds(5))

        let second = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic),
                                       logger: testLogger("consumer2"))
        let redelivered = try await take(6, from: second)
        #expect(redelivered.map(\.offset) == Array(4..<10))
        #expect(redelivered.first.map { String(decoding: $0.value, as: UTF8.self) } == "m4")
        await second.close(timeout: .seconds(1))
    }

    @Test func outOfOrderMarksNeverCommitPastAnUnfinishedMessage() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("order")
        try cluster.createTopic(topic, partitions: 1)
        _ = try await produce(5, to: topic, on: cluster)
        let group = unique("order-group")

        let first = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic),
                                      logger: testLogger("consumer1"))
        let batch = try await take(5, from: first)
        first.markProcessed(batch[0])
        first.markProcessed(batch[2])  // 1 is unfinished: nothing past 1 may be stored
        first.markProcessed(batch[3])
        await first.close(timeout: .milliseconds(300))

        let second = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic),
                                       logger: testLogger("consumer2"))
        let again = try await take(4, from: second)
        #expect(again.map(\.offset) == [1, 2, 3, 4])
        // Now finish 1 after 2..4: the stored offset jumps to 5 at once.
        second.markProcessed(again[3])
        second.markProcessed(again[1])
        second.markProcessed(again[2])
        second.markProcessed(again[0])
        await second.close(timeout: .seconds(1))

        let third = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic),
                                      logger: testLogger("consumer3"))
        _ = try await produce(1, to: topic, on: cluster)
        let last = try await take(1, from: third)
        #expect(last.map(\.offset) == [5])
        await third.close(timeout: .seconds(1))
    }

    @Test func backpressureKeepsOrderWithoutGapsAndStopFetchingEndsTheSequence() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("backpressure")
        try cluster.createTopic(topic, partitions: 2)
        let count = 400
        _ = try await produce(count, to: topic, on: cluster) { Array("k\($0 % 7)".utf8) }

        var configuration = consumerConfiguration(cluster, group: unique("bp"), topic: topic)
        configuration.maxBufferedMessages = 4
        let consumer = try KafkaConsumer(configuration: configuration, logger: testLogger("consumer"))
        let received = try await withTimeout(30, "slow consumption") {
            var received: [KafkaInboundMessage] = []
            for try await message in consumer.messages {
                received.append(message)
                consumer.markProcessed(message)
                if received.count % 50 == 0 { try await Task.sleep(for: .milliseconds(20)) }
                // A stall longer than the poll thread's patience: it pauses fetching, then resumes.
                if received.count == 100 { try await Task.sleep(for: .milliseconds(800)) }
                if received.count == count { break }
            }
            return received
        }
        #expect(received.count == count)
        for partition in Set(received.map(\.partition)) {
            let offsets = received.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)), "partition \(partition) has gaps or duplicates")
        }
        consumer.stopFetching()
        let rest = try await withTimeout(5, "sequence end after stopFetching") {
            var rest = 0
            for try await _ in consumer.messages { rest += 1 }
            return rest
        }
        #expect(rest == 0)
        await consumer.close(timeout: .seconds(1))
    }

    @Test func adminListsTopicsOfTheMockAndCreateTopicsFailsClearly() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 2, logger: testLogger("cluster"))
        defer { cluster.stop() }
        let one = unique("list-a"), four = unique("list-b")
        try cluster.createTopic(one, partitions: 1)
        try cluster.createTopic(four, partitions: 4, replicationFactor: 2)
        #expect(throws: KafkaError.self) { try cluster.createTopic(one, partitions: 1) }

        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, clientID: "admin", logger: testLogger("admin"))
        defer { admin.shutdown() }
        let topics = try await admin.listTopics(timeout: .seconds(10))
        #expect(topics[one] == 1)
        #expect(topics[four] == 4)

        let error = await #expect(throws: KafkaError.self) {
            _ = try await admin.createTopics([KafkaTopicSpecification(name: unique("new"), partitions: 1, replicationFactor: 1)],
                                             timeout: .seconds(2))
        }
        #expect(error?.remedy.contains("no admin API") == true, "\(String(describing: error))")
    }

    @Test func unreachableBrokerGivesATypedTimeout() async throws {
        let admin = try KafkaAdmin(bootstrapServers: "127.0.0.1:1", clientID: "nobody", logger: testLogger("admin-unreachable"))
        defer { admin.shutdown() }
        let error = await #expect(throws: KafkaError.self) { _ = try await admin.listTopics(timeout: .milliseconds(500)) }
        #expect(error?.remedy.contains("SIGNPOST_BOOTSTRAP_SERVERS") == true, "\(String(describing: error))")
    }

    @Test func invalidConfigurationIsATypedError() throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientID: "bad")
        configuration.extra["no.such.property"] = "1"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger("bad"))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("no.such.property") == true)
    }
}

/// A consumer paused because its application fell behind must fetch again from the partitions a
/// rebalance gives it back (librdkafka keeps a partition's paused flag across unassign and assign).
@Suite("Pause across a rebalance")
struct PauseAcrossRebalanceTests {
    @Test(.timeLimit(.minutes(2)))
    func partitionsPausedBeforeARevokeAreFetchedAgainWhenAssignedBack() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("pause")
        try cluster.createTopic(topic, partitions: 2)
        let sent = try await produce(400, to: topic, on: cluster, key: { Array("k\($0 % 8)".utf8) })
        #expect(Set(sent.map(\.partition)) == [0, 1])
        let group = unique("pause-group")
        var config = consumerConfiguration(cluster, group: group, topic: topic, client: "slow")
        config.maxBufferedMessages = 5
        let slow = try KafkaConsumer(configuration: config, logger: testLogger("slow"))
        var offsets: Set<String> = []
        // One message: the consumer has joined and holds both partitions. Then it stalls, so its
        // buffer fills and it pauses fetching.
        for m in try await take(1, from: slow) { slow.markProcessed(m); offsets.insert("\(m.partition)/\(m.offset)") }
        try await Task.sleep(for: .seconds(2))
        // A second member joins (both partitions are revoked, one comes back) and leaves (the other comes back).
        let other = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic, client: "other"), logger: testLogger("other"))
        for m in try await take(1, from: other, within: 30) { other.markProcessed(m); offsets.insert("\(m.partition)/\(m.offset)") }
        await other.close(timeout: .seconds(5))
        // Every message must now reach the slow consumer, from both partitions (a stall times out here).
        let deadline = ContinuousClock.now + .seconds(60)
        while offsets.count < 400 && ContinuousClock.now < deadline {
            for m in try await take(1, from: slow, within: 30) { slow.markProcessed(m); offsets.insert("\(m.partition)/\(m.offset)") }
        }
        #expect(offsets.count == 400)
        await slow.close(timeout: .seconds(5))
    }
}
