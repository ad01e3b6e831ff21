import ArgumentParser
import Foundation
import SignpostEvents
import SignpostKafka
import SignpostOps
import SignpostRuntime

struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a topic's events in readable form.",
        discussion: """
        Reads from the beginning with a consumer group of its own, so it disturbs no service.

        Examples:
          signpost tail referral.triage.issued.v1
          signpost tail operations.deadletter.recorded.v1 --max 20
          signpost tail analytics.performance.recorded.v1 --json
        """
    )
    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The topic, as named in the catalogue.")
    var topic: String

    @Option(help: "Stop after this many events.")
    var max: Int?

    @Option(help: "Stop after this many seconds without a new event (0: never).")
    var idle: Int = 0

    @Flag(help: "Print each value as JSON.")
    var json = false

    func run() async throws {
        let catalogue = try loadCatalogue()
        guard let definition = catalogue.topic(named: topic) else {
            throw ValidationError("'\(topic)' is not in the catalogue; `signpost topics list --offline` lists them")
        }
        let config = connection.configuration
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: config.bootstrapServers, groupID: "signpost-tail-\(UUID().uuidString.prefix(8))",
            clientID: "signpost-tail", topics: [topic]
        )
        consumerConfig.fetchWaitMaxMilliseconds = config.fetchWaitMaxMilliseconds
        let consumer = try KafkaConsumer(configuration: consumerConfig, logger: connection.logger())
        let seen = Counter()
        let watchdog = Task {
            guard idle > 0 else { return }
            var last = -1
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(idle))
                let now = seen.value
                if now == last { consumer.stopFetching(); return }
                last = now
            }
        }
        for try await message in consumer.messages {
            let record = InboundRecord(message, declaredEventTypes: definition.eventTypes)
            print(EventFormatter.line(for: record, json: json))
            consumer.markProcessed(message)
            seen.increment()
            if let max, seen.value >= max { break }
        }
        watchdog.cancel()
        await consumer.close(timeout: .seconds(10))
    }
}

import Synchronization

final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
