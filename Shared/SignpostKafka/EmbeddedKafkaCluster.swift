import CRdKafka
import Logging
import Synchronization

/// A librdkafka mock cluster hosted in this process, listening on loopback on a random port.
///
/// For tests and demos. It speaks the Kafka protocol for producing, consuming, metadata and consumer
/// groups, but has no admin API: create topics with ``createTopic(_:partitions:replicationFactor:)``.
public final class EmbeddedKafkaCluster: Sendable {
    /// The mock cluster and the client handle that owns it.
    ///
    /// `@unchecked Sendable`: both pointers are librdkafka handles whose API is thread-safe
    /// (`rd_kafka_mock_topic_create` posts to the mock's own thread); they are destroyed once, in `stop()`,
    /// after being removed from the `Mutex`, and used only while that `Mutex` is held.
    private final class Handles: @unchecked Sendable {
        let rk: OpaquePointer
        let cluster: OpaquePointer
        let context: Unmanaged<CallbackContext>
        init(rk: OpaquePointer, cluster: OpaquePointer, context: Unmanaged<CallbackContext>) {
            self.rk = rk
            self.cluster = cluster
            self.context = context
        }
    }

    private let handles: Mutex<Handles?>
    private let logger: Logger

    /// The cluster's `bootstrap.servers` string (e.g. `127.0.0.1:39421`).
    public let bootstrapServers: String

    /// Starts a mock cluster of `brokers` brokers.
    /// - Throws: if librdkafka cannot create the cluster.
    public init(brokers: Int = 1, logger: Logger) throws(KafkaError) {
        guard brokers > 0 else { throw KafkaError.invalidConfiguration("an embedded cluster needs at least one broker") }
        self.logger = logger
        let context = Unmanaged.passRetained(CallbackContext(logger: logger))
        let rk: OpaquePointer
        do throws(KafkaError) {
            let conf = try makeConfiguration([("client.id", "signpost-embedded-cluster")], context: context)
            rk = try makeClient(RD_KAFKA_PRODUCER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        guard let cluster = rd_kafka_mock_cluster_new(rk, Int32(brokers)) else {
            rd_kafka_destroy(rk)
            context.release()
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "could not start the librdkafka mock cluster",
                             remedy: "check loopback networking is available to this process")
        }
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        handles = Mutex(Handles(rk: rk, cluster: cluster, context: context))
        logger.info("embedded Kafka cluster listening on \(bootstrapServers)")
    }

    deinit {
        stop()
    }

    /// Creates `name` with `partitions` partitions. Creating an existing topic is an error.
    /// - Throws: `shutDown` after ``stop()``, or the mock's error (e.g. `TOPIC_ALREADY_EXISTS`).
    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        try mock("creating topic \(name) (\(partitions) partitions)") { rd_kafka_mock_topic_create($0, name, partitions, replicationFactor) }
    }

    // MARK: Fault injection

    /// Makes broker `brokerID` (1-based; -1 for every broker) answer every request `milliseconds` late.
    /// - Throws: `shutDown` after ``stop()``, or the mock's error for an unknown broker.
    public func setRoundTripTime(_ milliseconds: Int, broker brokerID: Int32 = -1) throws(KafkaError) {
        try mock("setting broker \(brokerID)'s round-trip time") { rd_kafka_mock_broker_set_rtt($0, brokerID, Int32(milliseconds)) }
    }

    /// Moves the leadership of `topic`'s `partition` to broker `brokerID` (1-based).
    /// - Throws: `shutDown` after ``stop()``, or the mock's error.
    public func setLeader(of topic: String, partition: Int32, to brokerID: Int32) throws(KafkaError) {
        try mock("moving \(topic)[\(partition)] to broker \(brokerID)") { rd_kafka_mock_partition_set_leader($0, topic, partition, brokerID) }
    }

    /// Makes broker `brokerID` (1-based) the coordinator of consumer group `group`.
    /// - Throws: `shutDown` after ``stop()``, or the mock's error.
    public func setGroupCoordinator(of group: String, to brokerID: Int32) throws(KafkaError) {
        try mock("making broker \(brokerID) coordinator of \(group)") { rd_kafka_mock_coordinator_set($0, "group", group, brokerID) }
    }

    private func mock(_ what: String, _ call: (OpaquePointer) -> rd_kafka_resp_err_t) throws(KafkaError) {
        let err = handles.withLock { handles -> rd_kafka_resp_err_t? in
            guard let handles else { return nil }
            return call(handles.cluster)
        }
        guard let err else { throw KafkaError.shutDown("EmbeddedKafkaCluster") }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, "\(what) on the embedded cluster failed: \(String(cString: rd_kafka_err2str(err)))")
        }
    }

    /// Destroys the cluster (closing its port) and its handle. Idempotent; blocks briefly.
    public func stop() {
        guard let handles = handles.withLock({ handles -> Handles? in
            defer { handles = nil }
            return handles
        }) else { return }
        rd_kafka_mock_cluster_destroy(handles.cluster)
        rd_kafka_destroy(handles.rk)
        handles.context.release()
        logger.debug("embedded Kafka cluster stopped")
    }
}
