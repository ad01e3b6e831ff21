import CRdKafka

/// An error reported by librdkafka or by this wrapper, with a hint on what to do next.
public struct KafkaError: Error, Sendable, CustomStringConvertible, Hashable {
    /// A librdkafka error code (`rd_kafka_resp_err_t`): its symbolic name and numeric value.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The symbolic name, as returned by `rd_kafka_err2name` (e.g. `_QUEUE_FULL`, `UNKNOWN_TOPIC_OR_PART`).
        public var name: String
        /// The numeric `rd_kafka_resp_err_t` value (negative values are client-side errors).
        public var rawValue: Int32

        /// Wraps a numeric librdkafka error code; the name is looked up in librdkafka.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
            self.name = String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue)))
        }

        init(_ err: rd_kafka_resp_err_t) {
            self.init(rawValue: Int32(err.rawValue))
        }

        /// `name(rawValue)`.
        public var description: String { "\(name)(\(rawValue))" }

        /// The local queue is full (`_QUEUE_FULL`); `KafkaProducer` retries this itself.
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        /// An operation did not finish in time (`_TIMED_OUT`).
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        /// The client was shut down or closed (`_DESTROY`).
        public static let shutDown = Code(RD_KAFKA_RESP_ERR__DESTROY)
        /// A configuration property or argument was rejected (`_INVALID_ARG`).
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        /// The waiting task was cancelled (`_INTR`).
        public static let cancelled = Code(RD_KAFKA_RESP_ERR__INTR)
        /// A fatal client error (`_FATAL`); the client must be recreated.
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
        /// The topic already exists (`TOPIC_ALREADY_EXISTS`).
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        /// The topic or partition does not exist (`UNKNOWN_TOPIC_OR_PART`).
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
    }

    /// The librdkafka error code.
    public var code: Code
    /// What went wrong, in librdkafka's words where available.
    public var message: String
    /// What to do next.
    public var remedy: String

    /// Creates an error; `remedy` defaults to a hint derived from `code`.
    public init(code: Code, message: String, remedy: String? = nil) {
        self.code = code
        self.message = message
        self.remedy = remedy ?? KafkaError.defaultRemedy(for: code)
    }

    init(_ err: rd_kafka_resp_err_t, _ message: String? = nil, remedy: String? = nil) {
        let code = Code(err)
        self.init(code: code, message: message ?? String(cString: rd_kafka_err2str(err)), remedy: remedy)
    }

    /// Takes ownership of an `rd_kafka_error_t` (destroys it) and wraps it.
    init(consuming error: OpaquePointer) {
        let err = rd_kafka_error_code(error)
        let text = rd_kafka_error_string(error).map { String(cString: $0) }
        rd_kafka_error_destroy(error)
        self.init(err, text)
    }

    /// `"<message> [<CODE>(<n>)] — <remedy>"`.
    public var description: String { "\(message) [\(code)] — \(remedy)" }

    static func shutDown(_ what: String) -> KafkaError {
        KafkaError(code: .shutDown, message: "\(what) has been shut down", remedy: "create a new client; this one can no longer be used")
    }

    static func cancelled(_ what: String) -> KafkaError {
        KafkaError(code: .cancelled, message: "\(what) was cancelled", remedy: "nothing to do unless the cancellation was unexpected")
    }

    static func invalidConfiguration(_ message: String) -> KafkaError {
        KafkaError(code: .invalidArgument, message: message,
                   remedy: "fix the configuration property named in the message (see librdkafka's CONFIGURATION.md)")
    }

    static func defaultRemedy(for code: Code) -> String {
        switch rd_kafka_resp_err_t(code.rawValue) {
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
             RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR__SSL:
            return "check SIGNPOST_BOOTSTRAP_SERVERS points at a running, reachable broker"
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
            return "the broker did not answer in time: check SIGNPOST_BOOTSTRAP_SERVERS points at a running broker, or allow a longer timeout"
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return "the local producer queue is full: await send() (it retries) or call flush() before producing more"
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
            return "the message is larger than message.max.bytes: raise messageMaxBytes (and the broker/topic limit) or send smaller messages"
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            return "create the topic first (KafkaAdmin.createTopics, or EmbeddedKafkaCluster.createTopic on the mock)"
        case RD_KAFKA_RESP_ERR__DESTROY:
            return "the client was shut down: create a new one"
        case RD_KAFKA_RESP_ERR__INVALID_ARG:
            return "fix the configuration property or argument named in the message"
        case RD_KAFKA_RESP_ERR__FATAL:
            return "the client hit a fatal error and must be recreated (restart the service)"
        case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
            return "the consumer group is rebalancing: the work will be redelivered; no action needed unless it persists"
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
             RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
            return "grant this client the needed ACLs on the broker"
        case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
            return "use a replication factor no larger than the number of brokers"
        case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
            return "use a positive partition count"
        default:
            return "see the librdkafka error \(code.name); retry if it is transient"
        }
    }
}

extension Result where Failure == KafkaError {
    /// Typed-throws accessor (Result.get() only rethrows untyped in older toolchains).
    func getTyped() throws(KafkaError) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }
}
