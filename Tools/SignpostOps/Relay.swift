import Foundation
import Logging
import ServiceLifecycle
import SignpostKafka
import SignpostRuntime

/// A pass-through hop: consumes a topic and re-produces every message (key, value, headers)
/// unchanged to another, with the same wrapper, client settings and commit discipline as the
/// services, and no work. Five of them in a row are the limit the broker and the client set.
///
/// With `copies`, every message also goes unchanged to each of those topics, and the input is
/// marked processed only when every copy is acknowledged: a relay that writes as many records
/// per input as a service does (its event, status change, performance event, …) with no work.
public struct RelayService: Service {
    public var loop: ConsumeProduceLoop
    public var outputTopic: String
    /// Further topics every message is copied to.
    public var copyTopics: [String]

    /// `kafkaProperties` are the extra librdkafka properties a service takes from
    /// `SIGNPOST_KAFKA_*`, applied to the relay's consumer and producer alike.
    ///
    /// The relay's consumer keeps librdkafka's own prefetch limit (64 MB), not the services' cap
    /// (`ServiceConfiguration.consumerQueueKilobytes`): capped, librdkafka 2.0.2 reads at most about
    /// the cap per second, which would lower the relay below the broker's limit it stands for.
    public init(bootstrapServers: String, input: String, output: String, copies: [String] = [], group: String, clientID: String,
                fetchWaitMilliseconds: Int?, kafkaProperties: [String: String] = [:], logger: Logger) {
        var consumer = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: group, clientID: clientID, topics: [input])
        consumer.fetchWaitMaxMilliseconds = fetchWaitMilliseconds
        consumer.extra = kafkaProperties
        var producer = KafkaProducerConfiguration(bootstrapServers: bootstrapServers, clientID: clientID)
        producer.extra = kafkaProperties
        loop = ConsumeProduceLoop(consumer: consumer, producer: producer, logger: logger)
        outputTopic = output
        copyTopics = copies
    }

    public func run() async throws {
        try await loop.run(PassThrough(topics: [outputTopic] + copyTopics))
    }

    struct PassThrough: MessageHandler {
        let topics: [String]
        func handle(_ message: KafkaInboundMessage, assignmentGeneration: Int) async -> MessageOutcome {
            .publish(topics.map { KafkaOutboundMessage(topic: $0, key: message.key, value: message.value, headers: message.headers) })
        }
    }
}
