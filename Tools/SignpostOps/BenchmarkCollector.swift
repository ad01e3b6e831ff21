import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostRuntime
import Synchronization

/// One output record as the benchmark's collector read it. Decoding waits until the run is
/// over, so that the collector takes as little CPU as it can from the processes measured.
struct CollectedRecord: Sendable {
    var topic: String
    var key: [UInt8]?
    var value: [UInt8]
    var headers: [KafkaHeader]
    /// The Kafka record timestamp (CreateTime: set by the producer of the last hop).
    var timestamp: Date?
    /// When the collector took the record from its consumer.
    var consumedAt: Date
}

/// One contact's way through the measured chain, from the timestamps in its output.
struct BenchmarkArrival: Sendable {
    var contactId: String
    /// The output's identity: a referral's id (one per recipient: a safeguarding concern in
    /// immediate danger rightly has two), or the contact id for a relayed record.
    var outputId: String
    /// The contact's `received_at`, set by the publisher when it sent the contact.
    var receivedAt: Date
    /// When the last hop issued the output: `issued_at` of a `ReferralIssued`, or the Kafka
    /// timestamp of a relayed record.
    var outputAt: Date
    /// When the benchmark consumed the output.
    var consumedAt: Date
}

/// Reads the output topics of the chain under test (every referral topic, or the last relay
/// hop) from the beginning, with a consumer group of its own, and keeps the raw records.
final class BenchmarkCollector: Sendable {
    private struct State {
        var records: [CollectedRecord] = []
        var keys: Set<[UInt8]> = []
    }

    private let consumer: KafkaConsumer
    private let state = Mutex(State())
    private let logger: Logger

    init(bootstrapServers: String, topics: [String], fetchWaitMilliseconds: Int?, logger: Logger) throws(KafkaError) {
        var config = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupID: "signpost-bench-collector-\(UUID().uuidString.prefix(8))",
            clientID: "signpost-bench-collector", topics: topics
        )
        config.fetchWaitMaxMilliseconds = fetchWaitMilliseconds
        config.maxBufferedMessages = 4096
        // Its warnings always show, whatever the bench's log level: a record it skips (for example
        // when the embedded broker dropped a partition's oldest data before it was read, and the
        // consumer's position was reset) is the first thing to look for when a contact goes missing.
        var logger = logger
        logger.logLevel = min(logger.logLevel, .warning)
        consumer = try KafkaConsumer(configuration: config, logger: logger)
        self.logger = logger
    }

    /// Reads until ``stop()``.
    func run() async {
        do {
            for try await message in consumer.messages {
                let record = CollectedRecord(
                    topic: message.topic, key: message.key, value: message.value, headers: message.headers,
                    timestamp: message.timestamp, consumedAt: Date()
                )
                state.withLock {
                    $0.records.append(record)
                    $0.keys.insert(message.key ?? [])
                }
                consumer.markProcessed(message)
            }
        } catch {
            logger.error("benchmark collector stopped reading: \(error)")
        }
    }

    /// Distinct record keys seen so far (a case reference per referral, a contact id per relayed contact).
    var distinctKeys: Int { state.withLock { $0.keys.count } }

    /// Every record read so far.
    var records: [CollectedRecord] { state.withLock { $0.records } }

    /// Stops reading and closes the consumer.
    func stop() async {
        consumer.stopFetching()
        await consumer.close(timeout: .seconds(10))
    }
}

extension BenchmarkSubject {
    /// The arrival a collected output record stands for, or a reason it could not be read.
    func arrival(of record: CollectedRecord) -> Result<BenchmarkArrival, EventRejection> {
        let inbound = InboundRecord(KafkaInboundMessage(
            topic: record.topic, partition: 0, offset: 0, key: record.key, value: record.value, headers: record.headers
        ))
        do throws(EventRejection) {
            switch self {
            case .pipeline:
                let referral = try inbound.decode(ReferralIssued.self)
                return .success(BenchmarkArrival(
                    contactId: referral.contactId, outputId: referral.referralId, receivedAt: referral.receivedAt, outputAt: referral.issuedAt,
                    consumedAt: record.consumedAt
                ))
            case .relay, .skeleton:
                let contact = try inbound.decode(ContactReceived.self)
                return .success(BenchmarkArrival(
                    contactId: contact.contactId, outputId: contact.contactId, receivedAt: contact.receivedAt, outputAt: record.timestamp ?? record.consumedAt,
                    consumedAt: record.consumedAt
                ))
            }
        } catch {
            return .failure(error)
        }
    }
}
