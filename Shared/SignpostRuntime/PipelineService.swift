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
        consumerConfig.extra = configuration.consumerProperties
        var producerConfig = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers, clientID: configuration.clientID)
        producerConfig.extra = configuration.kafkaProperties
        if configuration.usesDevelopmentPseudonymKey {
            logger.warning("SIGNPOST_PSEUDONYM_KEY is not set: performance events use the development key; set a secret key in production")
        }
        let outputs = catalogue.topics.filter { $0.producers.contains(D.serviceName) }.map(\.name)
        let ledger = try await OutputLedger(
            source: Self.source, topics: outputs, bootstrapServers: configuration.bootstrapServers, clientID: configuration.clientID,
            since: Date().addingTimeInterval(-configuration.ledgerWindow), fetchWaitMilliseconds: configuration.fetchWaitMaxMilliseconds,
            extra: configuration.readerProperties, logger: logger
        )
        defer { ledger.stop() }
        let rights = D.followsSubjectRights ? try await SubjectRightsView(catalogue: catalogue, configuration: configuration, logger: logger) : nil
        defer { rights?.stop() }
        let loop = ConsumeProduceLoop(
            consumer: consumerConfig, producer: producerConfig, logger: logger, healthFile: configuration.healthFile,
            memoryTrimInterval: configuration.memoryTrimInterval
        )
        try await loop.run(DecisionHandler(
            decider: decider, router: router, pseudonymize: pseudonymize, ledger: ledger, rights: rights, counters: loop.counters, logger: logger
        ))
    }
}

/// Plugs a decider into the loop: decode, decide, dead-letter refusals, route, encode, and
/// publish only what the ledger says was not published yet.
struct DecisionHandler<D: Decider>: MessageHandler {
    var decider: D
    let router: OutputRouter
    let pseudonymize: Pseudonymizer
    let ledger: OutputLedger
    let rights: SubjectRightsView?
    let counters: LoopCounters
    let logger: Logger
    var seenGeneration = -1
    let instance = ProcessInfo.processInfo.environment["SIGNPOST_CLIENT_ID"] ?? "\(ProcessInfo.processInfo.processIdentifier)"

    init(decider: D, router: OutputRouter, pseudonymize: Pseudonymizer, ledger: OutputLedger, rights: SubjectRightsView? = nil, counters: LoopCounters, logger: Logger) {
        self.decider = decider
        self.router = router
        self.pseudonymize = pseudonymize
        self.ledger = ledger
        self.rights = rights
        self.counters = counters
        self.logger = logger
    }

    /// The decider's decision: inline, or on the ``DecisionThread`` when the decider says its
    /// decisions are slow (``Decider/decidesOffThePool``). The decider is a value: the copy that
    /// decided there is the one kept.
    mutating func decide(_ record: InboundRecord, context: DecisionContext) async throws(EventRejection) -> [Emission] {
        guard D.decidesOffThePool else { return try decider.decide(record, context: context) }
        let before = decider
        let (after, result) = await DecisionThread.shared.run { () -> (D, Result<[Emission], EventRejection>) in
            var decider = before
            let result = Result { () throws(EventRejection) -> [Emission] in try decider.decide(record, context: context) }
            return (decider, result)
        }
        decider = after
        return try result.get()
    }

    mutating func handle(_ message: KafkaInboundMessage, assignmentGeneration: Int) async -> MessageOutcome {
        if assignmentGeneration != seenGeneration {
            // Partitions moved: another instance, or an earlier run of this one, may have published
            // outputs for records we are about to see again. Read them all before going on.
            seenGeneration = assignmentGeneration
            // Exactly-once effect first: wait (up to five minutes, in rounds of one) rather than go on
            // with a ledger that may not yet know this service's latest outputs. The 20,000-contact
            // chaos run showed catch-ups longer than a minute under load (docs/reliability.md).
            var rounds = 1
            while await !ledger.catchUp(timeout: .seconds(60)) {
                guard rounds < 5 else {
                    logger.warning("the ledger did not catch up within 5 minutes; a redelivered record may be published twice")
                    break
                }
                logger.warning("the ledger has not caught up after \(rounds) min; still waiting before handling the reassigned partitions")
                rounds += 1
            }
        }
        let record = InboundRecord(message, declaredEventTypes: router.declaredEventTypes(of: message.topic))
        let input = ledger.input(topic: record.topic, partition: record.partition, offset: record.offset)
        let now = Date()
        let ledger = self.ledger
        let rights = self.rights
        let context = DecisionContext(
            now: now, pseudonymize: pseudonymize,
            hasPublished: { typeName, id in
                guard let type = EventTypes.named(typeName) else { return false }
                return ledger.hasPublished(type: type.cloudEventType, id: id)
            },
            subjectRights: { rights?.status(of: $0) ?? .init() }
        )
        var emissions: [Emission]
        do throws(EventRejection) {
            emissions = try await decide(record, context: context)
            if let first = emissions.first, let earlier = ledger.inputPosition(ofType: Self.cloudEventType(of: first.event), id: first.event.eventID), earlier != input {
                // The same event made from another input: this input repeats an earlier one.
                throw EventRejection(.duplicate, "\(type(of: first.event).typeName) \(first.event.eventID) was already published from \(ledger.describe(earlier)); this record repeats it")
            }
        } catch {
            counters.deadLettered.add(1, ordering: .relaxed)
            logger.warning("dead-lettered", metadata: [
                "topic": "\(record.topic)", "partition": "\(record.partition)", "offset": "\(record.offset)", "reason": "\(error.reason.rawValue)",
            ])
            emissions = PipelineService<D>.deadLetterEmissions(record: record, rejection: error, service: D.serviceName, now: now, pseudonymize: pseudonymize)
        }
        let trace = record.envelope?.traceParent?.child() ?? .random()
        let inputHeader = KafkaHeader(key: OutputLedger.inputHeader, value: Array("\(record.topic)/\(record.partition)/\(record.offset) \(instance)".utf8))
        var outbound: [KafkaOutboundMessage] = []
        outbound.reserveCapacity(emissions.count)
        for emission in emissions {
            let type = Self.cloudEventType(of: emission.event)
            let id = emission.event.eventID
            // Published before (a redelivery after a crash or a rebalance): do not repeat it.
            guard !ledger.hasPublished(type: type, id: id) else {
                counters.skipped.add(1, ordering: .relaxed)
                continue
            }
            do {
                outbound.append(KafkaOutboundMessage(
                    event: emission.event, topic: try router.topic(for: emission), source: PipelineService<D>.source,
                    time: now, trace: trace, extraHeaders: [inputHeader]
                ))
            } catch {
                // The router was checked against the catalogue at start-up; an unknown recipient here is a decider bug.
                return .failed(.unroutable(error))
            }
            ledger.record(type: type, id: id, input: input)
        }
        return .publish(outbound)
    }

    static func cloudEventType(of event: any SignpostEvent) -> String { type(of: event).cloudEventType }
}

extension PipelineService {
    /// `ce_source` of everything this service publishes.
    static var source: String { "signpost/\(D.serviceName)" }

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
