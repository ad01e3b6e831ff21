import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// Where contacts got to in the pipeline, read back from the topics themselves: for a contact
/// that an observer did not see come out, it tells a record the observer missed from one the
/// pipeline never wrote, and names the last stage that did write it.
public struct PipelineTrace: Sendable {
    /// The stages in pipeline order, each with the event type its topic carries.
    public static let stages: [(name: String, eventType: String)] = [
        ("received", ContactReceived.typeName),
        ("logged", EnquiryLogged.typeName),
        ("classified", EnquiryClassified.typeName),
        ("redacted", EnquiryRedacted.typeName),
    ]

    /// For each contact id, the stages whose topics hold a record naming it (`referred` for any
    /// referral topic), with the topic, partition and offset of the first such record.
    public var seen: [String: [String: String]]

    /// One line per contact: the stages it reached and the first stage it did not.
    public func summary(of contactIds: [String]) -> [String] {
        let order = Self.stages.map(\.name) + ["referred"]
        return contactIds.map { id in
            let stages = seen[id] ?? [:]
            let reached = order.filter { stages[$0] != nil }
            let missing = order.first { stages[$0] == nil }
            let places = reached.map { "\($0) \(stages[$0]!)" }.joined(separator: ", ")
            return "\(id): \(missing.map { "not \($0)" } ?? "referred (the observer missed it)"); seen \(places.isEmpty ? "nowhere" : places)"
        }
    }

    /// Reads the stage topics and every referral topic from the start, to their ends, looking for
    /// the given contact ids (as quoted strings in the record values).
    public static func read(
        contactIds: [String], bootstrapServers: String, catalogue: TopicCatalogue, logger: Logger, timeout: Duration = .seconds(60)
    ) async throws -> PipelineTrace {
        var stageOfTopic: [String: String] = [:]
        for stage in stages { stageOfTopic[try catalogue.topic(carrying: stage.eventType).name] = stage.name }
        for recipient in catalogue.recipients { stageOfTopic[try catalogue.topic(forRecipient: recipient).name] = "referred" }
        let stages = stageOfTopic
        let needles = contactIds.map { (id: $0, bytes: Array("\"\($0)\"".utf8)) }
        let found = Mutex<[String: [String: String]]>([:])
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "signpost-trace", topics: stages.keys.sorted())
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            guard let stage = stages[message.topic] else { return }
            for needle in needles where message.value.firstRange(of: needle.bytes) != nil {
                found.withLock { f in
                    if f[needle.id]?[stage] == nil { f[needle.id, default: [:]][stage] = "\(message.topic)/\(message.partition)@\(message.offset)" }
                }
            }
        }
        defer { reader.stop() }
        guard await reader.catchUp(timeout: timeout) else {
            throw KafkaError(code: .timedOut, message: "could not read the pipeline's topics to their ends within \(timeout)")
        }
        return PipelineTrace(seen: found.withLock { $0 })
    }
}
