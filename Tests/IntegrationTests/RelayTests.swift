import Foundation
import Logging
import ServiceLifecycle
import SignpostKafka
import SignpostOps
import Testing

/// `signpost relay`: the pass-through hop the benchmark measures the pipeline against.
@Suite struct RelayTests {
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }

    /// Reads `topics` from the start (fresh group) until `count` messages arrived or `seconds` passed.
    static func read(_ count: Int, from topics: [String], on cluster: EmbeddedKafkaCluster, seconds: Int = 30) async throws -> [KafkaInboundMessage] {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: cluster.bootstrapServers, groupID: "read-\(UUID().uuidString.prefix(8))", clientID: "relay-reader", topics: topics
        )
        configuration.fetchWaitMaxMilliseconds = 10
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger("relay-reader"))
        let reading = Task {
            var received: [KafkaInboundMessage] = []
            for try await message in consumer.messages {
                received.append(message)
                if received.count == count { break }
            }
            return received
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(seconds))
            consumer.stopFetching()
        }
        let received = try await reading.value
        timeout.cancel()
        await consumer.close(timeout: .seconds(5))
        return received
    }

    /// A message as comparable text: key, value, headers.
    static func text(_ key: [UInt8]?, _ value: [UInt8], _ headers: [KafkaHeader]) -> String {
        let keyText = key.map { String(decoding: $0, as: UTF8.self) } ?? "nil"
        return "\(keyText)|\(String(decoding: value, as: UTF8.self))|\(headers)"
    }

    @Test(.timeLimit(.minutes(2)))
    func everyMessageGoesToTheOutputAndEachCopyTopicUnchangedAndTheInputIsCommitted() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: Self.logger("relay-cluster"))
        defer { cluster.stop() }
        for topic in ["relay.in.v1", "relay.out.v1", "relay.copy-1.v1", "relay.copy-2.v1"] { try cluster.createTopic(topic, partitions: 2) }
        // Some without a key, half with headers (one of them null).
        let sent = (0..<20).map { (i: Int) -> KafkaOutboundMessage in
            let key: [UInt8]? = i % 5 == 0 ? nil : Array("key-\(i)".utf8)
            let headers: [KafkaHeader] = i % 2 == 0 ? [KafkaHeader(key: "h", string: "\(i)"), KafkaHeader(key: "null", value: nil)] : []
            return KafkaOutboundMessage(topic: "relay.in.v1", key: key, value: Array("value \(i) \u{e9}".utf8), headers: headers)
        }
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers, clientID: "relay-source"), logger: Self.logger("relay-source"))
        for message in sent { _ = try await producer.send(message) }

        func runRelay(until done: @escaping @Sendable () async throws -> Void) async throws {
            let relay = RelayService(
                bootstrapServers: cluster.bootstrapServers, input: "relay.in.v1", output: "relay.out.v1", copies: ["relay.copy-1.v1", "relay.copy-2.v1"],
                group: "relay-group", clientID: "relay-test", fetchWaitMilliseconds: 10, logger: Self.logger("relay")
            )
            let group = ServiceGroup(services: [relay], logger: Self.logger("relay-group"))
            let running = Task { try await group.run() }
            try await done()
            await group.triggerGracefulShutdown()
            try await running.value
        }

        let expected = sent.map { Self.text($0.key, $0.value, $0.headers) }.sorted()

        try await runRelay {
            let topics = ["relay.out.v1", "relay.copy-1.v1", "relay.copy-2.v1"]
            let received = try await Self.read(sent.count * topics.count, from: topics, on: cluster)
            for topic in topics {
                #expect(received.filter { $0.topic == topic }.map { Self.text($0.key, $0.value, $0.headers) }.sorted() == expected, "\(topic)")
            }
        }
        // The group committed every input after its copies were acknowledged: a second run copies
        // only the message sent since, none of the first twenty again.
        _ = try await producer.send(KafkaOutboundMessage(topic: "relay.in.v1", key: Array("late".utf8), value: Array("late".utf8)))
        await producer.shutdown(timeout: .seconds(5))
        try await runRelay {
            let copies = try await Self.read(sent.count + 1, from: ["relay.copy-2.v1"], on: cluster)
            #expect(copies.count == sent.count + 1)
        }
        let all = try await Self.read(sent.count + 2, from: ["relay.out.v1"], on: cluster, seconds: 5)
        #expect(all.count == sent.count + 1)
        #expect(all.filter { $0.value == Array("late".utf8) }.count == 1)
    }
}
