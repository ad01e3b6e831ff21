import Foundation
import Logging
import ServiceLifecycle
import SignpostKafka
import SignpostRuntime
import SignpostTopics
import Testing

/// The purge of the adapters' raw records once the service has committed them.
@Suite struct IngressPurgeTests {
    @Test func onlyWhatWasCommittedAndNotYetDeletedIsAskedFor() {
        let plan = IngressPurge.plan(topic: "t", committed: [0: 10, 1: 4, 2: 7], deleted: [0: 10, 1: 2])
        #expect(plan == [KafkaPartitionOffset(topic: "t", partition: 1, offset: 4), KafkaPartitionOffset(topic: "t", partition: 2, offset: 7)])
        #expect(IngressPurge.plan(topic: "t", committed: [:], deleted: [:]).isEmpty)
    }

    @Test func onlyTheAdaptersTopicsThatTheServiceAloneReadsArePurged() throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        let logger = Logger(label: "purge-test")
        func topics(_ service: String, _ env: [String: String] = [:]) throws -> [String] {
            try IngressPurge.forService(ServiceConfiguration(serviceName: service, environment: [:]), catalogue: catalogue, environment: env, logger: logger).map(\.topic)
        }
        #expect(try topics("intake") == ["customer.contact.received.v1"])
        #expect(try topics("survey") == ["survey.response.received.v1"])
        #expect(try topics("referral").isEmpty && topics("classifier").isEmpty)
        #expect(try topics("intake", ["SIGNPOST_PURGE_INPUT_SECONDS": "0"]).isEmpty)
        #expect(throws: ConfigurationError.self) { try topics("intake", ["SIGNPOST_PURGE_INPUT_SECONDS": "soon"]) }
    }

    @Test(.timeLimit(.minutes(1)))
    func onTheEmbeddedBrokerItSaysDeleteRecordsIsUnsupportedAndStopsWithTheService() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: Logger(label: "purge-cluster"))
        defer { cluster.stop() }
        try cluster.createTopic("purge-it", partitions: 1)
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers, clientID: "purge-p"), logger: Logger(label: "p"))
        _ = try await producer.send(KafkaOutboundMessage(topic: "purge-it", key: nil, value: Array("x".utf8)))
        await producer.shutdown(timeout: .seconds(5))
        var consumerConfig = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "purge-group", clientID: "purge-c", topics: ["purge-it"])
        consumerConfig.fetchWaitMaxMilliseconds = 10
        let consumer = try KafkaConsumer(configuration: consumerConfig, logger: Logger(label: "c"))
        for try await message in consumer.messages {
            consumer.markProcessed(message)
            break
        }
        await consumer.close(timeout: .seconds(5))

        let purge = IngressPurge(bootstrapServers: cluster.bootstrapServers, groupID: "purge-group", clientID: "purge-admin", topic: "purge-it",
                                 partitions: 1, interval: .milliseconds(200), logger: Logger(label: "purge"))
        let group = ServiceGroup(services: [purge], logger: Logger(label: "group"))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .seconds(2)) // several rounds: the broker refuses, the service waits
        let stopping = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        // It stops after the round in flight, not after an admin call's 30 s timeout. A round
        // takes well under a second here but over 8 s on a heavily loaded CI machine, hence 20 s.
        #expect(ContinuousClock.now - stopping < .seconds(20))
    }
}
