import Foundation
import Logging
import SignpostKafka
import Synchronization
import Testing

@Suite("KafkaProducer")
struct ProducerTests {
    @Test func queueFullIsRetriedBySendAndByProduce() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("queue-full")
        try cluster.createTopic(topic, partitions: 2)
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: "qf")
        configuration.extra["queue.buffering.max.messages"] = "5"  // tiny local queue
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("producer"))

        let reports = try await withThrowingTaskGroup(of: KafkaDeliveryReport.self) { group in
            for index in 0..<100 {
                group.addTask {
                    try await producer.send(KafkaOutboundMessage(topic: topic, key: Array("k\(index)".utf8), value: [UInt8(index)]))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 100)
        #expect(Set(reports.map { "\($0.partition)/\($0.offset)" }).count == 100)

        // The synchronous variant, from a plain thread.
        let calls = Mutex<[Result<KafkaDeliveryReport, KafkaError>]>([])
        let enqueued: Result<Void, KafkaError> = await withCheckedContinuation { continuation in
            Thread {
                do throws(KafkaError) {
                    for index in 0..<50 {
                        try producer.produce(KafkaOutboundMessage(topic: topic, value: [UInt8(index)])) { result in
                            calls.withLock { $0.append(result) }
                        }
                    }
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }.start()
        }
        try enqueued.get()
        try await producer.flush(timeout: .seconds(10))
        #expect(calls.withLock { $0.count } == 50)
        #expect(calls.withLock { $0.allSatisfy { (try? $0.get()) != nil } })
        await producer.shutdown(timeout: .seconds(5))
        #expect(throws: KafkaError.self) { try producer.produce(KafkaOutboundMessage(topic: topic, value: [])) { _ in } }
    }

    @Test func shutdownFailsUndeliverableMessagesExactlyOnce() async throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientID: "nowhere"),
            logger: testLogger("producer-unreachable").withLevel(.critical))
        let calls = Mutex<[Result<KafkaDeliveryReport, KafkaError>]>([])
        for index in 0..<3 {
            try await producer.produce(KafkaOutboundMessage(topic: "t", value: [UInt8(index)])) { result in
                calls.withLock { $0.append(result) }
            }
        }
        let sendTask = Task { try await producer.send(KafkaOutboundMessage(topic: "t", value: [9])) }
        try await Task.sleep(for: .milliseconds(100))
        await producer.shutdown(timeout: .milliseconds(300))
        #expect(calls.withLock { $0.count } == 3)
        #expect(calls.withLock { $0.allSatisfy { (try? $0.get()) == nil } })
        let sendError = await #expect(throws: KafkaError.self) { try await sendTask.value }
        #expect(sendError?.code.name.hasPrefix("_PURGE") == true, "\(String(describing: sendError))")
    }
}

extension Logger {
    func withLevel(_ level: Logger.Level) -> Logger {
        var copy = self
        copy.logLevel = level
        return copy
    }
}
