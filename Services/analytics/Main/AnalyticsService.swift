import AnalyticsCore
import Foundation
import Logging
import ServiceLifecycle
import SignpostEvents
import SignpostKafka
import SignpostRuntime
import SignpostTopics
import Synchronization

/// Folds every performance event into the aggregates and publishes the ones that changed,
/// every `interval`, on the compacted aggregate topic.
///
/// It reads the performance topic from the beginning outside any consumer group (so every
/// instance rebuilds the whole picture after a restart, and a restart loses nothing) and
/// follows it as it grows. On start it publishes once everything that was on the topic has
/// been read; on graceful shutdown it publishes a last time, flushes and stops.
/// A record that is not a performance event is dead-lettered with the reason (its dead-letter
/// id is its topic/partition/offset, so a rebuild repeats the same id) and not folded.
final class AnalyticsService: Service {
    private let configuration: ServiceConfiguration
    private let interval: Duration
    private let performanceTopic: TopicDefinition
    private let aggregateTopic: String
    private let deadLetterTopic: String
    private let logger: Logger

    /// Checks that the catalogue has the topics the service reads and writes.
    init(configuration: ServiceConfiguration, catalogue: TopicCatalogue, interval: Duration, logger: Logger) throws(CatalogueError) {
        self.configuration = configuration
        self.interval = interval
        self.logger = logger
        performanceTopic = try catalogue.topic(carrying: PerformanceEvent.typeName)
        aggregateTopic = try catalogue.topic(carrying: PerformanceAggregate.typeName).name
        deadLetterTopic = try catalogue.topic(carrying: DeadLetter.typeName).name
    }

    func run() async throws {
        var producerConfig = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers, clientID: configuration.clientID)
        producerConfig.extra = configuration.kafkaProperties
        let producer = try KafkaProducer(configuration: producerConfig, logger: logger)
        let state = FoldState()
        let declared = performanceTopic.eventTypes
        let serviceName = configuration.serviceName
        var readerConfig = KafkaLogReaderConfiguration(
            bootstrapServers: configuration.bootstrapServers, clientID: configuration.clientID, topics: [performanceTopic.name]
        )
        readerConfig.fetchWaitMaxMilliseconds = configuration.fetchWaitMaxMilliseconds
        readerConfig.extra = configuration.readerProperties
        let reader = try await KafkaLogReader(configuration: readerConfig, logger: logger) { message in
            let record = InboundRecord(message, declaredEventTypes: declared)
            do throws(EventRejection) {
                let event = try record.decode(PerformanceEvent.self)
                state.fold { $0.add(event) }
            } catch {
                state.reject(DeadLetter(record: record, rejection: error, rejectedBy: serviceName, at: Date()))
            }
        }
        defer { reader.stop() }

        // The first publication waits until the topic has been read to its end, so that a restarted
        // instance never publishes figures smaller than those it published before.
        while await reader.catchUp(timeout: Duration.seconds(60)) == false {
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            logger.warning("still reading the performance topic from the beginning", metadata: ["events": "\(state.eventCount)"])
        }
        logger.info("performance topic read", metadata: ["events": "\(state.eventCount)", "enquiries": "\(state.enquiryCount)"])

        var publisher = AggregatePublisher()
        var failure: (any Error)?
        var stopping = Task.isShuttingDownGracefully || Task.isCancelled
        while failure == nil {
            do {
                try await publishDue(publisher: &publisher, state: state, producer: producer)
            } catch {
                failure = error
                break
            }
            if stopping { break }
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            if Task.isShuttingDownGracefully || Task.isCancelled {
                // One last publication, of everything on the topic by now.
                stopping = true
                _ = await reader.catchUp(timeout: .seconds(10))
            }
        }
        await producer.shutdown(timeout: .seconds(10))
        if let failure { throw failure }
    }

    /// Publishes the dead letters waiting and every aggregate whose figures changed, then waits for
    /// the broker to acknowledge them all.
    private func publishDue(publisher: inout AggregatePublisher, state: FoldState, producer: KafkaProducer) async throws {
        let now = Date()
        let source = "signpost/\(configuration.serviceName)"
        let failures = Mutex<[KafkaError]>([])
        let onDelivery: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void = { outcome in
            if case .failure(let error) = outcome { failures.withLock { $0.append(error) } }
        }
        for deadLetter in state.takeRejected() {
            logger.warning("not a performance event; dead-lettered", metadata: ["record": "\(deadLetter.deadLetterId)", "reason": "\(deadLetter.reason.rawValue)"])
            try await producer.produce(
                KafkaOutboundMessage(event: deadLetter, topic: deadLetterTopic, source: source, time: now, trace: nil), onDelivery: onDelivery
            )
        }
        let (snapshot, folded) = state.snapshot()
        let due = publisher.due(snapshot, eventsFolded: folded, at: now)
        for aggregate in due {
            try await producer.produce(
                KafkaOutboundMessage(event: aggregate, topic: aggregateTopic, source: source, time: now, trace: nil), onDelivery: onDelivery
            )
        }
        try await producer.flush(timeout: .seconds(30))
        if let first = failures.withLock({ $0.first }) { throw first }
        if let healthFile = configuration.healthFile {
            _ = FileManager.default.createFile(atPath: healthFile, contents: Data(EventCodec.format(now).utf8))
        }
        if !due.isEmpty {
            logger.info("aggregates published", metadata: ["changed": "\(due.count)", "keys": "\(publisher.publishedCount)", "events": "\(folded)"])
        }
    }
}

/// The fold and the records waiting to be dead-lettered, shared between the reader's thread and the service.
final class FoldState: Sendable {
    private struct State {
        var fold = PerformanceAggregator()
        var rejected: [DeadLetter] = []
    }

    private let state = Mutex(State())

    func fold(_ body: (inout PerformanceAggregator) -> Void) { state.withLock { body(&$0.fold) } }
    func reject(_ deadLetter: DeadLetter) { state.withLock { $0.rejected.append(deadLetter) } }
    func takeRejected() -> [DeadLetter] { state.withLock { s in defer { s.rejected = [] }; return s.rejected } }
    var eventCount: Int { state.withLock { $0.fold.eventCount } }
    var enquiryCount: Int { state.withLock { $0.fold.enquiryCount } }

    /// The aggregates now and the number of distinct events they fold.
    func snapshot() -> (PerformanceAggregates, Int) {
        let fold = state.withLock { $0.fold }
        return (fold.snapshot(), fold.eventCount)
    }
}
