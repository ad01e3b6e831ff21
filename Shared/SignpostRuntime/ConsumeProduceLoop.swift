import Foundation
import Logging
import ServiceLifecycle
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// What a loop does with one consumed message: the messages to publish for it.
///
/// Called for one message at a time, in order per partition. Returning `.failed` stops the
/// loop without marking the message, so it is consumed again after a restart.
public protocol MessageHandler: Sendable {
    /// `assignmentGeneration` changes whenever the consumer was given partitions (see
    /// ``KafkaConsumer/assignmentGeneration``), before any message of them is handled.
    mutating func handle(_ message: KafkaInboundMessage, assignmentGeneration: Int) async -> MessageOutcome
}

/// The result of handling one message.
public enum MessageOutcome: Sendable {
    /// Publish these (possibly none), then mark the message processed.
    case publish([KafkaOutboundMessage])
    /// Stop the loop with this error; the message is not marked.
    case failed(RuntimeError)
}

/// Consume, handle, produce, commit: the loop every Signpost process runs, written once.
///
/// Each message's outputs go out through the idempotent producer; only when the last of them
/// is acknowledged is the message marked processed, so its offset can be committed. On
/// graceful shutdown the loop stops fetching, finishes the messages already fetched, flushes,
/// commits and leaves the group.
public struct ConsumeProduceLoop: Sendable {
    public var consumerConfiguration: KafkaConsumerConfiguration
    public var producerConfiguration: KafkaProducerConfiguration
    public var logger: Logger
    /// When set, touched every 5 s while the loop is alive (for container health checks).
    public var healthFile: String?
    /// When set, freed heap memory goes back to the system this often while the loop runs.
    public var memoryTrimInterval: Duration?
    /// Counts for the periodic progress log line.
    public let counters = LoopCounters()

    public init(
        consumer: KafkaConsumerConfiguration, producer: KafkaProducerConfiguration, logger: Logger, healthFile: String? = nil,
        memoryTrimInterval: Duration? = nil
    ) {
        consumerConfiguration = consumer
        producerConfiguration = producer
        self.logger = logger
        self.healthFile = healthFile
        self.memoryTrimInterval = memoryTrimInterval
    }

    /// Runs until graceful shutdown (or a failure, which it throws after shutting down cleanly).
    public func run<H: MessageHandler>(_ handler: H) async throws {
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)
        } catch {
            await producer.shutdown(timeout: .seconds(5))
            throw error
        }
        logger.info("started", metadata: [
            "group": "\(consumerConfiguration.groupID)", "client": "\(consumerConfiguration.clientID)",
            "bootstrap": "\(consumerConfiguration.bootstrapServers)", "inputs": "\(consumerConfiguration.topics.joined(separator: ","))",
        ])
        let failure = FailureState()
        var handler = handler
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [counters, logger, healthFile] in
                    await Self.reportProgress(counters: counters, logger: logger, healthFile: healthFile)
                }
                if let memoryTrimInterval {
                    group.addTask { await Self.releaseFreedHeap(every: memoryTrimInterval) }
                }
                do {
                    for try await message in consumer.messages {
                        if failure.error != nil { break }
                        switch await handler.handle(message, assignmentGeneration: consumer.assignmentGeneration) {
                        case .publish(let outbound):
                            await publish(outbound, for: message, producer: producer, consumer: consumer, failure: failure)
                        case .failed(let error):
                            logger.critical("stopping: \(error)")
                            failure.record(error)
                            consumer.stopFetching()
                        }
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
        if let error = failure.error { throw error }
    }

    private func publish(
        _ outbound: [KafkaOutboundMessage], for message: KafkaInboundMessage, producer: KafkaProducer, consumer: KafkaConsumer, failure: FailureState
    ) async {
        counters.processed.add(1, ordering: .relaxed)
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
                    logger.error("output not delivered; the input will be consumed again after a restart", metadata: ["topic": "\(out.topic)", "error": "\(error)"])
                    failure.record(.outputNotDelivered(error))
                    consumer.stopFetching()
                }
            }
            do {
                // Waits (without blocking a thread) while the producer's local queue is full.
                try await producer.produce(out, onDelivery: onDelivery)
            } catch {
                logger.error("cannot enqueue output", metadata: ["topic": "\(out.topic)", "error": "\(error)"])
                failure.record(.outputNotDelivered(error))
                consumer.stopFetching()
                return
            }
        }
    }

    /// Under a backlog most of a service's anonymous memory sits in glibc's per-thread arenas,
    /// which keep the pages freed in them (docs/performance.md, sixth round); trimming hands
    /// those pages back to the system.
    private static func releaseFreedHeap(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            ProcessMemory.releaseFreedHeap()
        }
    }

    private static func reportProgress(counters: LoopCounters, logger: Logger, healthFile: String?) async {
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

/// The first failure of a run; once set, the loop stops fetching and throws it at the end.
final class FailureState: Sendable {
    private let first = Mutex<RuntimeError?>(nil)
    func record(_ error: RuntimeError) { first.withLock { if $0 == nil { $0 = error } } }
    var error: RuntimeError? { first.withLock { $0 } }
}

/// What a loop has done so far.
public final class LoopCounters: Sendable {
    public let processed = Atomic<Int>(0)
    public let deadLettered = Atomic<Int>(0)
    public let emitted = Atomic<Int>(0)
    /// Outputs not published again because the ledger shows they already were.
    public let skipped = Atomic<Int>(0)

    var metadata: Logger.Metadata {
        [
            "skipped_repeats": "\(skipped.load(ordering: .relaxed))",
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
