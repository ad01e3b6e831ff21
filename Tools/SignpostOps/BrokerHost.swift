import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics

/// The embedded broker: librdkafka's mock cluster on loopback, hosted in this process, with
/// every topic of the catalogue created. Memory only, for development, demos and tests.
public final class BrokerHost: Sendable {
    public let bootstrapServers: String
    private let cluster: EmbeddedKafkaCluster
    private let brokerFile: URL?

    /// The fetch wait services should use against the mock, which always waits the full time.
    public static let fetchWaitMilliseconds = 10

    /// Starts the cluster, creates the catalogue's topics (with `partitions` instead of each
    /// topic's own count when given) and, with a state directory, writes `broker.env` there.
    ///
    /// With `keepingProportions`, `partitions` is the count of the contacts topic and every other
    /// topic keeps its catalogue proportion to it, rounded up and never below its own count: the
    /// topics every contact passes through get `partitions`, the per-recipient topics fewer, as
    /// in production.
    public init(catalogue: TopicCatalogue, partitions: Int32? = nil, keepingProportions: Bool = false, stateDirectory: URL?, logger: Logger) throws(KafkaError) {
        cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        bootstrapServers = cluster.bootstrapServers
        let contactTopicPartitions = (try? catalogue.topic(carrying: ContactReceived.typeName).partitions).map { max($0, 1) } ?? 1
        for topic in catalogue.topics {
            var count = partitions ?? topic.partitions
            if keepingProportions, let partitions {
                let scaled = (Int(topic.partitions) * Int(partitions) + Int(contactTopicPartitions) - 1) / Int(contactTopicPartitions)
                count = Int32(max(Int(topic.partitions), scaled))
            }
            try cluster.createTopic(topic.name, partitions: count)
        }
        if let stateDirectory {
            let file = stateDirectory.appendingPathComponent("broker.env")
            do {
                try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
                let text = "SIGNPOST_BOOTSTRAP_SERVERS=\(bootstrapServers)\nSIGNPOST_FETCH_WAIT_MS=\(Self.fetchWaitMilliseconds)\n"
                try text.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                cluster.stop()
                throw KafkaError(code: .invalidArgument, message: "cannot write \(file.path): \(error.localizedDescription)", remedy: "check SIGNPOST_STATE_DIR is writable")
            }
            brokerFile = file
        } else {
            brokerFile = nil
        }
    }

    /// Creates one more topic on this broker, beside the catalogue's (for harness-internal
    /// topics such as the benchmark's relay hops). Creating an existing topic is an error.
    public func createTopic(_ name: String, partitions: Int32) throws(KafkaError) {
        try cluster.createTopic(name, partitions: partitions)
    }

    /// The environment a service needs to reach this broker.
    public var serviceEnvironment: [String: String] {
        ["SIGNPOST_BOOTSTRAP_SERVERS": bootstrapServers, "SIGNPOST_FETCH_WAIT_MS": String(Self.fetchWaitMilliseconds)]
    }

    /// What a service started by a harness needs: this broker, the catalogue it was built
    /// from, and where state files go.
    public func serviceEnvironment(catalogue: TopicCatalogue, stateDirectory: URL) -> [String: String] {
        var env = serviceEnvironment
        if let dir = catalogue.directory { env["SIGNPOST_TOPICS_DIR"] = dir.path }
        env["SIGNPOST_STATE_DIR"] = stateDirectory.path
        return env
    }

    /// Removes `broker.env` and stops the cluster: every topic and offset is gone.
    public func stop() {
        if let brokerFile { try? FileManager.default.removeItem(at: brokerFile) }
        cluster.stop()
    }
}
