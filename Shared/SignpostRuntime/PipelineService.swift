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
        if configuration.usesDevelopmentPseudonymKey {
            logger.warning("SIGNPOST_PSEUDONYM_KEY is not set: performance events use the development key; set a secret key in production")
        }
        let loop = ConsumeProduceLoop(consumer: consumerConfig, producer: producerConfig, logger: logger, healthFile: configuration.healthFile)
        try await loop.run(DecisionHandler(decider: decider, router: router, pseudonymize: pseudonymize, counters: loop.counters, logger: logger))
    }
}

/// Plugs a decider into the loop: decode, decide, dead-letter refusals, route, encode.
struct DecisionHandler<D: Decider>: MessageHandler {
    var decider: D
    let router: OutputRouter
    let pseudonymize: Pseudonymizer
    let counters: LoopCounters
    let logger: Logger

    mutating func handle(_ message: KafkaInboundMessage) async -> MessageOutcome {
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
            emissions = PipelineService<D>.deadLetterEmissions(record: record, rejection: error, service: D.serviceName, now: now, pseudonymize: pseudonymize)
        }
        let trace = record.envelope?.traceParent?.child() ?? .random()
        var outbound: [KafkaOutboundMessage] = []
        outbound.reserveCapacity(emissions.count)
        for (index, emission) in emissions.enumerated() {
            do {
                outbound.append(KafkaOutboundMessage(
                    event: emission.event, topic: try router.topic(for: emission),
                    ceID: "\(D.serviceName)/\(record.topic)/\(record.partition)/\(record.offset)/\(index)",
                    source: "signpost/\(D.serviceName)", time: now, trace: trace
                ))
            } catch {
                // The router was checked against the catalogue at start-up; an unknown recipient here is a decider bug.
                return .failed(.unroutable(error))
            }
        }
        return .publish(outbound)
    }
}

extension PipelineService {
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
}
