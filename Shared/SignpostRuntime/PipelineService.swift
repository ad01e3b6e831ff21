import Foundation
import Logging
import ServiceLifecycle
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// The consume-decide-produce loop every service runs, written once.
///
/// For each record, in order per partition: decide (a rejection becomes a dead letter and a
/// `dead_lettered` performance event), publish the outputs with the idempotent producer, and
/// only when every output is acknowledged mark the record processed, so its offset can be
/// committed. A crash therefore never loses a record; it may repeat one, which the deciders'
/// deterministic output ids make recognisable.
///
/// On graceful shutdown (SIGTERM/SIGINT) it stops fetching, finishes the records already
/// fetched, flushes the producer, commits and leaves the consumer group.
public final class PipelineService<D: Decider>: Service {
    private let decider: D
    private let configuration: ServiceConfiguration
    private let catalogue: TopicCatalogue
    private let router: OutputRouter
    private let logger: Logger
    private let pseudonymize: Pseudonymizer
    private let counters = Counters()

    /// Checks the catalogue for the service's inputs and outputs; throws a `CatalogueError` that says what to fix.
    public init(decider: D, configuration: ServiceConfiguration, catalogue: TopicCatalogue, logger: Logger) throws(CatalogueError) {
        self.decider = decider
        self.configuration = configuration
        self.catalogue = catalogue
        self.router = try OutputRouter(catalogue: catalogue)
        self.logger = logger
        self.pseudonymize = .hmac(key: configuration.pseudonymKey)
        guard !catalogue.inputs(of: D.serviceName).isEmpty else {
            throw CatalogueError(file: "topics/", problem: "no topic lists '\(D.serviceName)' among its consumers")
        }
    }

    public func run() async throws {
        let inputs = catalogue.inputs(of: D.serviceName).map(\.name)
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: configuration.bootstrapServers, groupID: configuration.groupID,
            clientID: configuration.clientID, topics: inputs
        )
        consumerConfig.fetchWaitMaxMilliseconds = configuration.fetchWaitMaxMilliseconds
        consumerConfig.extra = configuration.kafkaProperties
        var producerConfig = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers, clientID: configuration.clientID)
        producerConfig.extra = configuration.kafkaProperties

        let producer = try KafkaProducer(configuration: producerConfig, logger: logger)
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(configuration: consumerConfig, logger: logger)
        } catch {
            await producer.shutdown(timeout: .seconds(5))
            throw error
        }
        logger.info("started", metadata: [
            "service": "\(D.serviceName)", "group": "\(configuration.groupID)", "client": "\(configuration.clientID)",
            "bootstrap": "\(configuration.bootstrapServers)", "inputs": "\(inputs.joined(separator: ","))",
        ])
        if configuration.usesDevelopmentPseudonymKey {
            logger.warning("SIGNPOST_PSEUDONYM_KEY is not set: performance events use the development key; set a secret key in production")
        }

        let failure = FailureState()
        var decider = self.decider
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [counters, logger, configuration] in
                    await Self.reportProgress(counters: counters, logger: logger, healthFile: configuration.healthFile)
                }
                do {
                    for try await message in consumer.messages {
                        if failure.error != nil { break }
                        await self.process(message, decider: &decider, producer: producer, consumer: consumer, failure: failure)
                    }
                } catch {
                    failure.record(.consumerFailed(error as? KafkaError ?? KafkaError(code: .fatal, message: "\(error)")))
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            consumer.stopFetching()
        }

        logger.info("stopping: flushing outputs, committing offsets, leaving the group")
        do {
            try await producer.flush(timeout: .seconds(30))
        } catch {
            logger.error("flush did not finish: \(error)")
        }
        await consumer.close(timeout: .seconds(30))
        await producer.shutdown(timeout: .seconds(10))
        logger.info("stopped", metadata: counters.metadata)
        if let error = failure.error {
            throw error
        }
    }

    private func process(
        _ message: KafkaInboundMessage, decider: inout D, producer: KafkaProducer, consumer: KafkaConsumer, failure: FailureState
    ) async {
        let record = InboundRecord(message, declaredEventTypes: router.declaredEventTypes(of: message.topic))
        let now = Date()
        var emissions: [Emission]
        do {
            emissions = try decider.decide(record, context: DecisionContext(now: now, pseudonymize: pseudonymize))
        } catch {
            counters.deadLettered.add(1, ordering: .relaxed)
            logger.warning("dead-lettered", metadata: [
                "topic": "\(record.topic)", "partition": "\(record.partition)", "offset": "\(record.offset)", "reason": "\(error.reason.rawValue)",
            ])
            emissions = Self.deadLetterEmissions(record: record, rejection: error, service: D.serviceName, now: now, pseudonymize: pseudonymize)
        }
        counters.processed.add(1, ordering: .relaxed)

        let trace = record.envelope?.traceParent?.child() ?? .random()
        var outbound: [KafkaOutboundMessage] = []
        outbound.reserveCapacity(emissions.count)
        for (index, emission) in emissions.enumerated() {
            let topic: String
            do {
                topic = try router.topic(for: emission)
            } catch {
                // The router was checked against the catalogue at start-up; an unknown recipient here is a decider bug.
                logger.critical("cannot route output: \(error)")
                failure.record(.unroutable(error))
                consumer.stopFetching()
                return
            }
            outbound.append(KafkaOutboundMessage(
                event: emission.event, topic: topic, ceID: "\(D.serviceName)/\(record.topic)/\(record.partition)/\(record.offset)/\(index)",
                source: "signpost/\(D.serviceName)", time: now, trace: trace
            ))
        }
        counters.emitted.add(outbound.count, ordering: .relaxed)
        guard !outbound.isEmpty else {
            consumer.markProcessed(message)
            return
        }
        let pending = PendingRecord(remaining: outbound.count)
        for out in outbound {
            let onDelivery: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void = { [logger] result in
                switch result {
                case .success:
                    if pending.completeOne() { consumer.markProcessed(message) }
                case .failure(let error):
                    logger.error("output not delivered; the input will be redelivered after a restart", metadata: ["topic": "\(out.topic)", "error": "\(error)"])
                    failure.record(.outputNotDelivered(error))
                    consumer.stopFetching()
                }
            }
            while true {
                do {
                    try producer.produce(out, onDelivery: onDelivery)
                    break
                } catch where error.code == .queueFull {
                    try? await Task.sleep(for: .milliseconds(5))
                } catch {
                    logger.error("cannot enqueue output", metadata: ["topic": "\(out.topic)", "error": "\(error)"])
                    failure.record(.outputNotDelivered(error))
                    consumer.stopFetching()
                    return
                }
            }
        }
    }

    /// The outputs for a refused record: the dead letter and a `dead_lettered` performance event.
    static func deadLetterEmissions(record: InboundRecord, rejection: EventRejection, service: String, now: Date, pseudonymize: Pseudonymizer) -> [Emission] {
        let deadLetter = DeadLetter(record: record, rejection: rejection, rejectedBy: service, at: now)
        let enquiry = pseudonymize(deadLetter.deadLetterId)
        let performance = PerformanceEvent(
            eventId: EventIds.performance(enquiry: enquiry, stage: .deadLettered), stage: .deadLettered, recordedBy: service,
            enquiry: enquiry, reason: rejection.reason, occurredAt: now
        )
        return [Emission(deadLetter), Emission(performance)]
    }

    private static func reportProgress(counters: Counters, logger: Logger, healthFile: String?) async {
        var ticks = 0
        while !Task.isCancelled {
            if let healthFile {
                _ = FileManager.default.createFile(atPath: healthFile, contents: Data(EventCodec.format(Date()).utf8))
            }
            if ticks % 6 == 5 { logger.info("progress", metadata: counters.metadata) }
            ticks += 1
            try? await Task.sleep(for: .seconds(5))
        }
    }
}

/// A record whose outputs are on their way: the last acknowledgement releases its offset.
final class PendingRecord: Sendable {
    private let remaining: Atomic<Int>
    init(remaining: Int) { self.remaining = Atomic(remaining) }
    /// True for the call that completes the last output.
    func completeOne() -> Bool { remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 }
}

/// The first failure of a run; once set, the service stops fetching and exits with it.
final class FailureState: Sendable {
    private let first = Mutex<RuntimeError?>(nil)
    func record(_ error: RuntimeError) { first.withLock { if $0 == nil { $0 = error } } }
    var error: RuntimeError? { first.withLock { $0 } }
}

final class Counters: Sendable {
    let processed = Atomic<Int>(0)
    let deadLettered = Atomic<Int>(0)
    let emitted = Atomic<Int>(0)

    var metadata: Logger.Metadata {
        [
            "processed": "\(processed.load(ordering: .relaxed))",
            "dead_lettered": "\(deadLettered.load(ordering: .relaxed))",
            "emitted": "\(emitted.load(ordering: .relaxed))",
        ]
    }
}

/// Why a service stopped with a failure.
public enum RuntimeError: Error, Sendable, CustomStringConvertible {
    /// An output could not be published; the input was not committed and will be redelivered.
    case outputNotDelivered(KafkaError)
    /// The consumer reported a fatal error.
    case consumerFailed(KafkaError)
    /// A decider emitted an event the catalogue has no topic for.
    case unroutable(CatalogueError)

    public var description: String {
        switch self {
        case .outputNotDelivered(let error):
            "an output could not be published (\(error)); its input was not committed and will be processed again when the service restarts"
        case .consumerFailed(let error):
            "the consumer failed (\(error)); restart the service: it resumes from the last committed offset"
        case .unroutable(let error):
            "an output has no topic (\(error)); fix the topic catalogue or the decider, then restart"
        }
    }
}
