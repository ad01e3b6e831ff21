import Foundation
import SignpostKafka
import Testing

/// The admin calls behind the ingress purge, against the embedded broker.
@Suite("Committed offsets and record deletion")
struct RecordDeletionTests {
    @Test func aGroupsCommittedOffsetsAreReadAndTheEmbeddedBrokerRefusesDeleteRecordsClearly() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("purge")
        try cluster.createTopic(topic, partitions: 2)
        _ = try await produce(10, to: topic, on: cluster, key: { Array("k\($0 % 2)".utf8) })
        let group = unique("purge-group")
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group, topic: topic), logger: testLogger("consumer"))
        for message in try await take(10, from: consumer) { consumer.markProcessed(message) }
        await consumer.close(timeout: .seconds(5))

        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, clientID: "purge-admin", logger: testLogger("admin"))
        defer { admin.shutdown() }
        let committed = try await admin.committedOffsets(group: group, topic: topic, partitions: 2, timeout: .seconds(10))
        #expect(committed.values.reduce(0, +) == 10, "committed \(committed)")
        #expect(try await admin.committedOffsets(group: unique("never"), topic: topic, partitions: 2, timeout: .seconds(10)).isEmpty)

        let error = await #expect(throws: KafkaError.self) {
            _ = try await admin.deleteRecords(before: committed.map { KafkaPartitionOffset(topic: topic, partition: $0.key, offset: $0.value) }, timeout: .seconds(5))
        }
        #expect(error?.code == .unsupportedFeature, "\(String(describing: error))")
    }
}
