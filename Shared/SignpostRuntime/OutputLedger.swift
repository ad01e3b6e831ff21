import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import Synchronization

/// What a service has published, rebuilt from its own output topics and kept current: the
/// memory that makes processing idempotent per event.
///
/// Every output carries its identity (`ce_source`, `ce_type`, `ce_id`) and the position of the
/// input it was made from (`signpost-input`). When partitions move between instances, or a
/// service restarts after a crash, the runtime first catches the ledger up with everything the
/// output topics hold; then, for each input, it publishes only the outputs not yet published.
/// A record redelivered after a crash therefore completes what was half published and repeats
/// nothing; the same event made from a *different* input is a duplicate input.
public final class OutputLedger: Sendable {
    /// The header that names the input an output was made from: `topic/partition/offset`.
    public static let inputHeader = "signpost-input"

    private let source: String
    private let entries = Entries()
    private let reader: KafkaLogReader?
    private let logger: Logger

    /// Starts reading `topics` (the service's outputs) from `since`.
    public init(source: String, topics: [String], bootstrapServers: String, clientID: String, since: Date,
                fetchWaitMilliseconds: Int?, extra: [String: String], logger: Logger) async throws(KafkaError) {
        self.source = source
        self.logger = logger
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "\(clientID)-ledger", topics: topics, since: since)
        config.fetchWaitMaxMilliseconds = fetchWaitMilliseconds
        config.extra = extra
        let entries = self.entries
        reader = try await KafkaLogReader(configuration: config, logger: logger) { [source] message in
            var ceSource: String?, ceType: String?, ceID: String?, input: String?
            for header in message.headers {
                switch header.key {
                case "ce_source": ceSource = header.stringValue
                case "ce_type": ceType = header.stringValue
                case "ce_id": ceID = header.stringValue
                // `topic/partition/offset`, optionally followed by a space and the producing instance.
                case OutputLedger.inputHeader: input = header.stringValue.map { String($0.prefix { $0 != " " }) }
                default: break
                }
            }
            guard ceSource == source, let ceType, let ceID else { return }
            let key = OutputLedger.key(type: ceType, id: ceID)
            entries.map.withLock { if $0[key] == nil { $0[key] = input ?? "" } }
        }
    }

    /// A ledger that only remembers what this process publishes (for tests and tools).
    public init(source: String, logger: Logger) {
        self.source = source
        self.logger = logger
        reader = nil
    }

    static func key(type: String, id: String) -> Int {
        var hasher = Hasher()
        hasher.combine(type)
        hasher.combine(id)
        return hasher.finalize()
    }

    /// The input an event was made from, if this service has published it.
    public func input(ofType cloudEventType: String, id: String) -> String? {
        entries.map.withLock { $0[Self.key(type: cloudEventType, id: id)] }
    }

    /// Remembers an event this process is publishing.
    public func record(type cloudEventType: String, id: String, input: String) {
        let key = Self.key(type: cloudEventType, id: id)
        entries.map.withLock { if $0[key] == nil { $0[key] = input } }
    }

    /// How many events it knows.
    public var count: Int { entries.map.withLock { $0.count } }

    /// Waits until everything the output topics held when called has been read.
    public func catchUp(timeout: Duration) async -> Bool {
        guard let reader else { return true }
        let started = ContinuousClock.now
        let done = await reader.catchUp(timeout: timeout)
        logger.info("ledger caught up", metadata: ["events": "\(count)", "took": "\(ContinuousClock.now - started)", "complete": "\(done)"])
        return done
    }

    /// Event key → the input it was made from. A class, so the reader's callback can share it.
    final class Entries: Sendable {
        let map = Mutex<[Int: String]>([:])
    }

    /// Stops reading.
    public func stop() { reader?.stop() }
}
