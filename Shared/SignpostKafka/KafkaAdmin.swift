import CRdKafka
import Logging

/// A topic to create with ``KafkaAdmin/createTopics(_:timeout:)``.
public struct KafkaTopicSpecification: Sendable, Hashable {
    /// The topic name.
    public var name: String
    /// The number of partitions.
    public var partitions: Int32
    /// The number of replicas of each partition (at most the number of brokers).
    public var replicationFactor: Int32
    /// Topic-level configuration, e.g. `["retention.ms": "604800000"]`.
    public var configs: [String: String]

    /// Creates a topic specification.
    public init(name: String, partitions: Int32, replicationFactor: Int32, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// The outcome of creating one topic.
public enum KafkaTopicCreation: Sendable, Equatable {
    /// The topic was created by this request.
    case created
    /// The topic already existed (its settings were not checked).
    case alreadyExisted
}

/// Topic administration and metadata against a real Kafka cluster.
///
/// librdkafka's mock cluster answers ``listTopics(timeout:)`` but not ``createTopics(_:timeout:)``.
public final class KafkaAdmin: Sendable {
    let handle: RDKafkaHandle

    /// Creates the admin client. Connecting to brokers happens in the background.
    public init(bootstrapServers: String, clientID: String, logger: Logger) throws(KafkaError) {
        let context = Unmanaged.passRetained(CallbackContext(logger: logger))
        let rk: OpaquePointer
        do throws(KafkaError) {
            let conf = try makeConfiguration([("bootstrap.servers", bootstrapServers), ("client.id", clientID)], context: context)
            rk = try makeClient(RD_KAFKA_PRODUCER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        handle = RDKafkaHandle(pointer: rk, context: context, name: "KafkaAdmin")
    }

    deinit {
        handle.close()
    }

    /// Creates topics. A topic that already exists counts as success (``KafkaTopicCreation/alreadyExisted``).
    /// - Returns: the outcome per topic name.
    /// - Throws: one error naming every topic that failed for another reason; `timedOut` if the cluster does
    ///   not answer within `timeout` (as with librdkafka's mock cluster, which has no admin API).
    public func createTopics(_ specs: [KafkaTopicSpecification], timeout: Duration) async throws(KafkaError) -> [String: KafkaTopicCreation] {
        if specs.isEmpty { return [:] }
        let handle = self.handle
        let ms = milliseconds(timeout)
        let result: Result<[String: KafkaTopicCreation], KafkaError> = await runOnDedicatedThread("kafka-admin-create-topics") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in try Self.createTopicsBlocking(rk, specs, ms) })
            } catch {
                return .failure(error)
            }
        }
        return try result.getTyped()
    }

    /// Topic names and partition counts, from a metadata request (works on the mock cluster too).
    /// - Throws: `timedOut` or a transport error if no broker answers within `timeout`.
    public func listTopics(timeout: Duration) async throws(KafkaError) -> [String: Int32] {
        let handle = self.handle
        let ms = milliseconds(timeout)
        let result: Result<[String: Int32], KafkaError> = await runOnDedicatedThread("kafka-admin-metadata") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in
                    var metadata: UnsafePointer<rd_kafka_metadata>?
                    let err = rd_kafka_metadata(rk, 1, nil, &metadata, ms)
                    guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                        throw KafkaError(err, "metadata request failed: \(String(cString: rd_kafka_err2str(err)))")
                    }
                    defer { rd_kafka_metadata_destroy(metadata) }
                    var topics: [String: Int32] = [:]
                    for index in 0..<Int(metadata.pointee.topic_cnt) {
                        let topic = metadata.pointee.topics[index]
                        topics[String(cString: topic.topic)] = topic.partition_cnt
                    }
                    return topics
                })
            } catch {
                return .failure(error)
            }
        }
        return try result.getTyped()
    }

    /// Destroys the client once running requests have finished (in the background). Idempotent.
    public func shutdown() {
        handle.close()
    }

    private static func createTopicsBlocking(_ rk: OpaquePointer, _ specs: [KafkaTopicSpecification], _ ms: Int32) throws(KafkaError) -> [String: KafkaTopicCreation] {
        var errstr = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.withUnsafeMutableBufferPointer { rd_kafka_NewTopic_destroy_array($0.baseAddress, $0.count) } }
        for spec in specs {
            guard let topic = rd_kafka_NewTopic_new(spec.name, spec.partitions, spec.replicationFactor, &errstr, errstr.count) else {
                throw KafkaError.invalidConfiguration("topic \(spec.name): \(cString(errstr))")
            }
            newTopics.append(topic)
            for (key, value) in spec.configs.sorted(by: { $0.key < $1.key }) {
                let err = rd_kafka_NewTopic_set_config(topic, key, value)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    throw KafkaError.invalidConfiguration("topic \(spec.name): config \(key)=\(value): \(String(cString: rd_kafka_err2str(err)))")
                }
            }
        }
        guard let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_AdminOptions_new failed")
        }
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, ms, &errstr, errstr.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, ms, &errstr, errstr.count)
        let queue = rd_kafka_queue_new(rk)
        defer { rd_kafka_queue_destroy(queue) }
        newTopics.withUnsafeMutableBufferPointer { rd_kafka_CreateTopics(rk, $0.baseAddress, $0.count, options, queue) }
        // librdkafka enforces the request timeout itself; the margin only guards against a lost event.
        guard let event = rd_kafka_queue_poll(queue, ms &+ 5_000) else {
            throw Self.timeoutError(ms)
        }
        defer { rd_kafka_event_destroy(event) }
        let eventErr = rd_kafka_event_error(event)
        if eventErr == RD_KAFKA_RESP_ERR__TIMED_OUT {
            throw Self.timeoutError(ms)
        }
        if eventErr != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(eventErr, "CreateTopics failed: \(String(cString: rd_kafka_event_error_string(event)))")
        }
        guard let createResult = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "CreateTopics returned an unexpected event")
        }
        var count = 0
        let results = rd_kafka_CreateTopics_result_topics(createResult, &count)
        var outcome: [String: KafkaTopicCreation] = [:]
        var failures: [(String, rd_kafka_resp_err_t, String)] = []
        for index in 0..<count {
            guard let result = results?[index] else { continue }
            let name = String(cString: rd_kafka_topic_result_name(result))
            let err = rd_kafka_topic_result_error(result)
            switch err {
            case RD_KAFKA_RESP_ERR_NO_ERROR: outcome[name] = .created
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: outcome[name] = .alreadyExisted
            default:
                let text = rd_kafka_topic_result_error_string(result).map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(err))
                failures.append((name, err, text))
            }
        }
        if let first = failures.first {
            let summary = failures.map { "\($0.0): \(KafkaError.Code($0.1)) \($0.2)" }.joined(separator: "; ")
            let remedy = failures.count == 1 ? nil : "fix each topic listed: " + failures.map { "\($0.0) — \(KafkaError.defaultRemedy(for: KafkaError.Code($0.1)))" }.joined(separator: "; ")
            throw KafkaError(first.1, "could not create \(failures.count) of \(specs.count) topics: \(summary)", remedy: remedy)
        }
        return outcome
    }

    private static func timeoutError(_ ms: Int32) -> KafkaError {
        KafkaError(code: .timedOut,
                   message: "CreateTopics got no answer within \(ms) ms",
                   remedy: "check the bootstrap address points at a running Kafka cluster; the embedded broker (librdkafka's mock cluster) has no admin API and creates its topics itself")
    }
}
