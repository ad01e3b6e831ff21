import Logging
import ServiceLifecycle
import SignpostKafka
import SignpostTopics

/// Deletes from an ingress topic (one the channel adapters write and only this service reads)
/// the records its consumer group has committed, so that the adapters' raw copies, personal
/// data in clear, stay on the broker minutes rather than the topic's whole retention.
///
/// Every `interval` it reads the group's committed offsets and asks the broker to delete the
/// records before them (Kafka's DeleteRecords). A record is only ever deleted after the
/// service has committed it, that is after its outputs were acknowledged. On a broker without
/// DeleteRecords (the embedded one) it says so once and waits for shutdown.
public struct IngressPurge: Service {
    public var bootstrapServers: String
    public var groupID: String
    public var clientID: String
    public var topic: String
    /// The catalogue's partition count, used when the broker's metadata does not name the topic.
    public var partitions: Int32
    public var interval: Duration
    public var logger: Logger

    public init(bootstrapServers: String, groupID: String, clientID: String, topic: String, partitions: Int32, interval: Duration, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
        self.clientID = clientID
        self.topic = topic
        self.partitions = partitions
        self.interval = interval
        self.logger = logger
    }

    /// One purge per ingress topic of the service: each input topic whose only producers are
    /// `channel-adapters`, whose only consumer is the service, and which holds personal data.
    /// `SIGNPOST_PURGE_INPUT_SECONDS` sets the interval (default 60; 0 turns purging off).
    /// - Throws: `ConfigurationError` when the setting is not a whole number of seconds.
    public static func forService(
        _ configuration: ServiceConfiguration, catalogue: TopicCatalogue, environment: [String: String], logger: Logger
    ) throws(ConfigurationError) -> [IngressPurge] {
        var seconds = 60
        if let text = environment["SIGNPOST_PURGE_INPUT_SECONDS"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else {
                throw ConfigurationError("SIGNPOST_PURGE_INPUT_SECONDS must be a whole number of seconds (0 turns purging off); it is '\(text)'")
            }
            seconds = value
        }
        guard seconds > 0 else { return [] }
        return catalogue.inputs(of: configuration.serviceName)
            .filter { $0.personalData && $0.producers == ["channel-adapters"] && $0.consumers == [configuration.serviceName] }
            .map {
                IngressPurge(bootstrapServers: configuration.bootstrapServers, groupID: configuration.groupID, clientID: configuration.clientID + "-purge",
                             topic: $0.name, partitions: $0.partitions, interval: .seconds(seconds), logger: logger)
            }
    }

    public func run() async throws {
        let admin = try KafkaAdmin(bootstrapServers: bootstrapServers, clientID: clientID, logger: logger)
        defer { admin.shutdown() }
        var deleted: [Int32: Int64] = [:]
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return // graceful shutdown or cancellation
            }
            do {
                let lows = try await Self.purgeOnce(admin: admin, topic: topic, groupID: groupID, partitions: partitions, deleted: deleted)
                for low in lows { deleted[low.partition] = low.offset }
                if !lows.isEmpty {
                    logger.debug("purged consumed records", metadata: ["topic": "\(topic)", "before": "\(lows.map { "\($0.partition):\($0.offset)" }.joined(separator: ","))"])
                }
            } catch where error.code == .unsupportedFeature {
                logger.notice("the broker does not support DeleteRecords: \(topic) keeps consumed records until its retention ends")
                try? await gracefulShutdown()
                return
            } catch {
                logger.warning("could not purge consumed records of \(topic): \(error); trying again in \(interval)")
            }
        }
    }

    /// One pass: deletes the records of `topic` before `groupID`'s committed offsets, where they
    /// are past `deleted`, and returns the partitions' new low watermarks (none when there was
    /// nothing new to delete). The rights tools call it at an erasure, so that the adapters'
    /// copies of what was processed go at once rather than at the next pass.
    /// - Throws: `KafkaError`; ``KafkaError/Code/unsupportedFeature`` from a broker without
    ///   DeleteRecords (the embedded one).
    public static func purgeOnce(
        admin: KafkaAdmin, topic: String, groupID: String, partitions: Int32, deleted: [Int32: Int64] = [:]
    ) async throws(KafkaError) -> [KafkaPartitionOffset] {
        // The broker's partition count, which may be more than the catalogue's.
        let count = try await admin.listTopics(timeout: .seconds(30))[topic] ?? partitions
        let committed = try await admin.committedOffsets(group: groupID, topic: topic, partitions: count, timeout: .seconds(30))
        let plan = plan(topic: topic, committed: committed, deleted: deleted)
        guard !plan.isEmpty else { return [] }
        return try await admin.deleteRecords(before: plan, timeout: .seconds(30))
    }

    /// What to ask the broker to delete: each partition's committed offset, where it is past
    /// what was already deleted there.
    public static func plan(topic: String, committed: [Int32: Int64], deleted: [Int32: Int64]) -> [KafkaPartitionOffset] {
        committed.filter { $0.value > (deleted[$0.key] ?? 0) }.sorted { $0.key < $1.key }
            .map { KafkaPartitionOffset(topic: topic, partition: $0.key, offset: $0.value) }
    }
}

/// Several services run as one: each in a child task, all under the same graceful shutdown;
/// the first that throws ends the others.
public struct ServiceSet: Service {
    public var services: [any Service]

    public init(_ services: [any Service]) {
        self.services = services
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            try await group.waitForAll()
        }
    }
}
