import AnalyticsCore
import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// The performance stream and the aggregate topic, each read to its end: what a run's
/// analytics published, beside the raw events to recount it from.
public struct AnalyticsReadback: Sendable {
    /// Every performance event on the topic (repeats included).
    public var performanceEvents: [PerformanceEvent]
    /// The latest aggregate per key, as a compacted topic keeps it.
    public var aggregates: [String: PerformanceAggregate]
    /// Records on either topic that did not decode.
    public var undecodable: Int

    public init(performanceEvents: [PerformanceEvent], aggregates: [String: PerformanceAggregate], undecodable: Int) {
        self.performanceEvents = performanceEvents
        self.aggregates = aggregates
        self.undecodable = undecodable
    }

    /// Reads both topics from the beginning to their current end, outside any consumer group.
    /// - Throws: `OpsError` when the topics cannot be read to their end within `timeout`.
    public static func read(bootstrapServers: String, catalogue: TopicCatalogue, timeout: Duration = .seconds(60), logger: Logger) async throws -> AnalyticsReadback {
        let performanceTopic = try catalogue.topic(carrying: PerformanceEvent.typeName).name
        let aggregateTopic = try catalogue.topic(carrying: PerformanceAggregate.typeName).name
        let state = Mutex(AnalyticsReadback(performanceEvents: [], aggregates: [:], undecodable: 0))
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "signpost-analytics-readback", topics: [performanceTopic, aggregateTopic])
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            let record = InboundRecord(message)
            do {
                if message.topic == performanceTopic {
                    let event = try record.decode(PerformanceEvent.self)
                    state.withLock { $0.performanceEvents.append(event) }
                } else {
                    let aggregate = try record.decode(PerformanceAggregate.self)
                    state.withLock { $0.aggregates[aggregate.aggregateId] = aggregate }
                }
            } catch {
                state.withLock { $0.undecodable += 1 }
            }
        }
        defer { reader.stop() }
        guard await reader.catchUp(timeout: timeout) else {
            throw OpsError("could not read \(performanceTopic) and \(aggregateTopic) to their end within \(timeout)", remedy: "check that the broker is up")
        }
        return state.withLock { $0 }
    }
}

extension AnalyticsReadback {
    /// The aggregates recounted from the raw performance events, by key.
    public var recount: [String: PerformanceAggregate] {
        let fold = PerformanceAggregator(performanceEvents)
        let all = AggregatePublisher.all(fold.snapshot(), eventsFolded: fold.eventCount, at: Date())
        return Dictionary(uniqueKeysWithValues: all.map { ($0.aggregateId, $0) })
    }

    /// Every way the published aggregates differ from the recount (empty when they agree): keys
    /// missing on either side, and keys whose figures differ (when and from how many events they
    /// were computed aside).
    public var recountMismatches: [String] {
        let recount = self.recount
        var out: [String] = []
        for key in Set(recount.keys).union(aggregates.keys).sorted() {
            switch (aggregates[key], recount[key]) {
            case (nil, _): out.append("\(key): not published")
            case (_, nil): out.append("\(key): published, but no performance event supports it")
            case (var published?, let counted?):
                published.computedAt = counted.computedAt
                published.eventsFolded = counted.eventsFolded
                if published != counted { out.append("\(key): published \(published), recounted \(counted)") }
            }
        }
        return out
    }
}
