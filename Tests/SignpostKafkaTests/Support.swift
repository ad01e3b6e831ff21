import Foundation
import Logging
import SignpostKafka
import Testing

func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: "test.\(label)")
    logger.logLevel = ProcessInfo.processInfo.environment["KAFKA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return logger
}

func unique(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}

struct TestTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out: \(what)" }
}

/// Runs `body`, failing with `TestTimeout` if it takes longer than `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ what: String,
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TestTimeout(what: what) }
        return value
    }
}

/// Takes exactly `count` messages from the consumer (failing after `seconds`).
func take(_ count: Int, from consumer: KafkaConsumer, within seconds: Double = 20) async throws -> [KafkaInboundMessage] {
    try await withTimeout(seconds, "waiting for \(count) messages") {
        var received: [KafkaInboundMessage] = []
        var iterator = consumer.messages.makeAsyncIterator()
        while received.count < count, let message = try await iterator.next() {
            received.append(message)
        }
        return received
    }
}

func consumerConfiguration(_ cluster: EmbeddedKafkaCluster, group: String, topic: String, client: String = unique("c")) -> KafkaConsumerConfiguration {
    var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group,
                                                   clientID: client, topics: [topic])
    configuration.fetchWaitMaxMilliseconds = 10
    if let debug = ProcessInfo.processInfo.environment["KAFKA_TEST_DEBUG"] {
        configuration.extra["debug"] = debug  // librdkafka debug contexts, e.g. "fetch,cgrp"
    }
    return configuration
}

func produce(_ count: Int, to topic: String, on cluster: EmbeddedKafkaCluster, key: (Int) -> [UInt8]? = { _ in nil }) async throws -> [KafkaDeliveryReport] {
    let producer = try KafkaProducer(
        configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("p")),
        logger: testLogger("producer"))
    var reports: [KafkaDeliveryReport] = []
    for index in 0..<count {
        reports.append(try await producer.send(KafkaOutboundMessage(topic: topic, key: key(index), value: Array("m\(index)".utf8))))
    }
    await producer.shutdown(timeout: .seconds(5))
    return reports
}
