import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// People's restrictions and objections, followed live from the rights topic (read from the
/// beginning, outside any consumer group) for the deciders that depend on them.
///
/// A restriction recorded while a record is already being decided applies from the next
/// record on: the view follows the topic within milliseconds, not in the same transaction.
public final class SubjectRightsView: Sendable {
    /// The fold, shared with the reader's thread.
    private final class Store: Sendable {
        let state = Mutex(SubjectRightsState())
    }

    private let store = Store()
    private let reader: KafkaLogReader

    /// Starts following the rights topic and waits until it has read what is there now.
    public init(catalogue: TopicCatalogue, configuration: ServiceConfiguration, logger: Logger) async throws {
        let topic = try catalogue.topic(carrying: RightsAction.typeName).name
        var config = KafkaLogReaderConfiguration(bootstrapServers: configuration.bootstrapServers, clientID: "\(configuration.clientID)-rights", topics: [topic])
        config.fetchWaitMaxMilliseconds = configuration.fetchWaitMaxMilliseconds
        config.extra = configuration.readerProperties
        let store = self.store
        reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            guard let action = try? InboundRecord(message).decode(RightsAction.self) else { return }
            store.state.withLock { $0.apply(action) }
        }
        if !(await reader.catchUp(timeout: .seconds(60))) {
            logger.warning("the rights topic was not read to its end within 60 s; restrictions recorded earlier may apply late")
        }
    }

    /// What a subject has asked for.
    public func status(of subject: String?) -> SubjectRightsState.Status {
        store.state.withLock { $0.status(of: subject) }
    }

    public func stop() { reader.stop() }
}
