import CRdKafka
import Foundation
import Logging
import Synchronization

/// What a ``KafkaLogReader`` reads.
public struct KafkaLogReaderConfiguration: Sendable {
    public var bootstrapServers: String
    public var clientID: String
    public var topics: [String]
    /// Pass on only records at or after this time (nil: all). Reading always starts at the
    /// beginning of each partition: librdkafka's mock cluster answers offset-for-time lookups
    /// wrongly, and a reader that starts late would miss what it exists to see.
    public var since: Date?
    public var fetchWaitMaxMilliseconds: Int?
    /// True (the default): keep reading as the topics grow. False: read only while a
    /// ``KafkaLogReader/catchUp(timeout:)`` is under way; once it has caught up the reader stops
    /// fetching, and the next catch-up resumes exactly where it stopped. For a reader whose state
    /// only has to be current at known moments (the output ledger, when partitions are
    /// assigned), this saves fetching and reading every record as it is written.
    public var followsBetweenCatchUps = true
    /// Any other librdkafka property; applied last.
    public var extra: [String: String] = [:]

    public init(bootstrapServers: String, clientID: String, topics: [String], since: Date? = nil) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.topics = topics
        self.since = since
    }
}

/// Reads every partition of some topics, outside any consumer group (no commits, no
/// rebalances), and follows them as they grow: how a service learns what it has already
/// published, including what an earlier incarnation published before it crashed.
///
/// Records go to `onRecord` on the reader's own thread, in order per partition.
/// ``catchUp(timeout:)`` waits until everything that was in the topics when it was called
/// has been passed to `onRecord`.
public final class KafkaLogReader: Sendable {
    private let handle: RDKafkaHandle
    private let positions = Mutex<[KafkaTopicPartition: Int64]>([:])
    private let partitions: [KafkaTopicPartition]
    private let stopped = Atomic<Bool>(false)
    private let follows: Bool
    private let fetching = Mutex(Fetching())
    private let logger: Logger

    /// Whether partitions are assigned (fetching), and how many catch-ups are waiting on them.
    private struct Fetching {
        var assigned = true
        var catchUps = 0
    }

    /// Connects, finds the partitions of `configuration.topics`, and starts reading.
    /// - Throws: `invalidArgument` for a bad configuration; the metadata or offset lookup error
    ///   (check the bootstrap address and that the topics exist).
    public convenience init(configuration: KafkaLogReaderConfiguration, logger: Logger, onRecord: @escaping @Sendable (KafkaInboundMessage) -> Void) async throws(KafkaError) {
        try await self.init(configuration: configuration, logger: logger, onRecordInPlace: { record in onRecord(record.message) })
    }

    /// As ``init(configuration:logger:onRecord:)``, but each record is seen in place, without
    /// copying its value and headers: for readers that keep a little of a few records.
    public init(configuration: KafkaLogReaderConfiguration, logger: Logger, onRecordInPlace onRecord: @escaping @Sendable (KafkaLogRecord) -> Void) async throws(KafkaError) {
        self.logger = logger
        follows = configuration.followsBetweenCatchUps
        var settings: [(String, String)] = [
            ("bootstrap.servers", configuration.bootstrapServers),
            ("client.id", configuration.clientID),
            // Needed by librdkafka for a consumer handle; never joined (assign only) and never committed.
            ("group.id", "\(configuration.clientID)-reader"),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("enable.partition.eof", "false"),
            // A resumed or lagging reader whose next offset was deleted meanwhile goes on from the
            // oldest record left, never from the end (which would skip what it exists to see).
            ("auto.offset.reset", "earliest"),
        ]
        if let wait = configuration.fetchWaitMaxMilliseconds { settings.append(("fetch.wait.max.ms", String(wait))) }
        settings += configuration.extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let context = Unmanaged.passRetained(CallbackContext(logger: logger))
        let conf: OpaquePointer
        do {
            conf = try makeConfiguration(settings, context: context)
        } catch {
            context.release()
            throw error
        }
        let rk: OpaquePointer
        do {
            rk = try makeClient(RD_KAFKA_CONSUMER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        rd_kafka_poll_set_consumer(rk)
        handle = RDKafkaHandle(pointer: rk, context: context, name: "kafka-log-reader")

        let pointer = UncheckedPointer(rk)
        let topics = configuration.topics
        let since = configuration.since
        let setup: Result<[KafkaTopicPartition: Int64], KafkaError> = await runOnDedicatedThread("kafka-log-reader-setup") {
            Self.assignAll(pointer.value, topics: topics)
        }
        let starts: [KafkaTopicPartition: Int64]
        switch setup {
        case .success(let list):
            starts = list
        case .failure(let error):
            handle.close()
            throw error
        }
        partitions = starts.keys.sorted()
        // The position is the last offset read; before reading, one before where reading starts.
        positions.withLock { p in for (tp, start) in starts { p[tp] = start - 1 } }
        let thread = Thread { [self] in
            pollLoop(since: since, onRecord)
        }
        thread.name = "kafka-log-reader"
        thread.start()
    }

    /// The partitions being read.
    public var assignedPartitions: [KafkaTopicPartition] { partitions }

    /// Waits until every record that the topics held when this was called has been read.
    /// Returns false if that took longer than `timeout`.
    ///
    /// A reader that does not follow between catch-ups (``KafkaLogReaderConfiguration/followsBetweenCatchUps``)
    /// resumes fetching where it stopped, and stops again once caught up (unless another catch-up
    /// is still waiting, or this one timed out: then it keeps reading).
    public func catchUp(timeout: Duration) async -> Bool {
        if !follows { await resumeFetching() }
        let done = await waitUntilCaughtUp(timeout: timeout)
        if !follows { await endCatchUp(caughtUp: done) }
        return done
    }

    private func waitUntilCaughtUp(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        let targets: [KafkaTopicPartition: Int64]
        do {
            targets = try await highWatermarks(timeout: timeout)
        } catch {
            logger.warning("cannot read high watermarks: \(error)")
            return false
        }
        while ContinuousClock.now < deadline {
            let behind = positions.withLock { p in targets.contains { tp, high in high > 0 && (p[tp] ?? -1) + 1 < high } }
            if !behind { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Assigns every partition again from the record after the last one read, unless assigned.
    private func resumeFetching() async {
        await runOnDedicatedThread("kafka-log-reader-resume") { [self] in
            fetching.withLock { state in
                state.catchUps += 1
                guard !state.assigned else { return }
                let starts = positions.withLock { p in partitions.map { (tp: $0, offset: (p[$0] ?? -1) + 1) } }
                do throws(KafkaError) {
                    try handle.withHandle { rk throws(KafkaError) in
                        guard let list = rd_kafka_topic_partition_list_new(Int32(starts.count)) else {
                            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "cannot allocate a partition list")
                        }
                        defer { rd_kafka_topic_partition_list_destroy(list) }
                        for start in starts { rd_kafka_topic_partition_list_add(list, start.tp.topic, start.tp.partition)?.pointee.offset = start.offset }
                        let err = rd_kafka_assign(rk, list)
                        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "assign failed") }
                    }
                    state.assigned = true
                } catch {
                    logger.warning("log reader cannot resume: \(error)")
                }
            }
        }
    }

    /// Stops fetching when the last waiting catch-up has caught up.
    private func endCatchUp(caughtUp: Bool) async {
        await runOnDedicatedThread("kafka-log-reader-pause") { [self] in
            fetching.withLock { state in
                state.catchUps -= 1
                guard caughtUp, state.catchUps == 0, state.assigned else { return }
                do throws(KafkaError) {
                    try handle.withHandle { rk throws(KafkaError) in
                        let err = rd_kafka_assign(rk, nil)
                        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "unassign failed") }
                    }
                    state.assigned = false
                } catch {
                    logger.debug("log reader keeps fetching: \(error)")
                }
            }
        }
    }

    /// The offset after the last record of each partition, asked of the partition leaders in
    /// one batched request per leader (ListOffsets for the latest offset), within `timeout`.
    public func highWatermarks(timeout: Duration) async throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        let handle = self.handle
        let partitions = self.partitions
        let ms = milliseconds(timeout)
        let result: Result<[KafkaTopicPartition: Int64], KafkaError> = await runOnDedicatedThread("kafka-log-reader-watermarks") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in
                    guard !partitions.isEmpty else { return [:] }
                    guard let list = rd_kafka_topic_partition_list_new(Int32(partitions.count)) else {
                        throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "out of memory")
                    }
                    defer { rd_kafka_topic_partition_list_destroy(list) }
                    // The "timestamp" -1 (RD_KAFKA_OFFSET_END) asks for the latest offset: the high watermark.
                    for tp in partitions { rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)?.pointee.offset = Int64(RD_KAFKA_OFFSET_END) }
                    let err = rd_kafka_offsets_for_times(rk, list, ms)
                    guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "watermarks of \(partitions.count) partitions") }
                    var out: [KafkaTopicPartition: Int64] = [:]
                    for i in 0..<Int(list.pointee.cnt) {
                        let p = list.pointee.elems[i]
                        let tp = KafkaTopicPartition(topic: String(cString: p.topic), partition: p.partition)
                        guard p.err == RD_KAFKA_RESP_ERR_NO_ERROR, p.offset >= 0 else { throw KafkaError(p.err, "watermark of \(tp)") }
                        out[tp] = p.offset
                    }
                    return out
                })
            } catch {
                return .failure(error)
            }
        }
        return try result.getTyped()
    }

    /// Stops reading and destroys the client (off the cooperative pool). Idempotent.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    }

    private func pollLoop(since: Date?, _ onRecord: @Sendable (KafkaLogRecord) -> Void) {
        guard let rk = try? handle.acquire() else { return }
        defer {
            rd_kafka_consumer_close(rk)
            handle.release()
            handle.close()
        }
        let sinceMilliseconds = since.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.up)) }
        // The topic name of the previous record, reused while records come from the same topic.
        var lastTopic = "", lastTopicC: [CChar] = [0]
        while !stopped.load(ordering: .acquiring) {
            guard let message = rd_kafka_consumer_poll(rk, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.debug("log reader: \(KafkaError(message.pointee.err))")
                continue
            }
            if let name = message.pointee.rkt.map({ rd_kafka_topic_name($0) }), let name, strcmp(name, lastTopicC) != 0 {
                lastTopic = String(cString: name)
                lastTopicC = Array(lastTopic.utf8CString)
            }
            let record = KafkaLogRecord(message, topic: lastTopic)
            if let sinceMilliseconds, let timestamp = record.timestampMilliseconds, timestamp < sinceMilliseconds {
                // Older than wanted: skipped, but read.
            } else {
                onRecord(record)
            }
            positions.withLock { $0[KafkaTopicPartition(topic: lastTopic, partition: record.partition)] = record.offset }
        }
    }

    /// Assigns every partition of `topics` from its beginning, and returns the offset where
    /// reading starts in each. Blocking.
    private static func assignAll(_ rk: OpaquePointer, topics: [String]) -> Result<[KafkaTopicPartition: Int64], KafkaError> {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(rk, 1, nil, &metadata, 10_000)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            return .failure(KafkaError(err, "metadata request failed", remedy: "check the bootstrap address points at a running Kafka cluster"))
        }
        var found: [KafkaTopicPartition] = []
        let wanted = Set(topics)
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            let topic = metadata.pointee.topics[index]
            let name = String(cString: topic.topic)
            guard wanted.contains(name) else { continue }
            for p in 0..<Int(topic.partition_cnt) { found.append(KafkaTopicPartition(topic: name, partition: topic.partitions[p].id)) }
        }
        rd_kafka_metadata_destroy(metadata)
        let missing = wanted.subtracting(found.map(\.topic))
        guard missing.isEmpty else {
            return .failure(KafkaError(code: .unknownTopicOrPartition, message: "topics not found: \(missing.sorted().joined(separator: ", "))",
                                       remedy: "create the catalogue's topics first (signpost topics apply, or the embedded broker)"))
        }
        found.sort()
        guard let list = rd_kafka_topic_partition_list_new(Int32(found.count)) else {
            return .failure(KafkaError(RD_KAFKA_RESP_ERR__FAIL, "cannot allocate a partition list"))
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for tp in found {
            let element = rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)
            element?.pointee.offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
        }
        var starts: [KafkaTopicPartition: Int64] = [:]
        for i in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[i]
            let tp = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
            var low: Int64 = 0
            var high: Int64 = 0
            let err = rd_kafka_query_watermark_offsets(rk, element.topic, element.partition, &low, &high, 10_000)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { return .failure(KafkaError(err, "watermarks of \(tp)")) }
            list.pointee.elems[i].offset = low
            starts[tp] = low
        }
        let assignErr = rd_kafka_assign(rk, list)
        guard assignErr == RD_KAFKA_RESP_ERR_NO_ERROR else { return .failure(KafkaError(assignErr, "assign failed")) }
        return .success(starts)
    }
}

/// A record read by a ``KafkaLogReader``, seen in place in librdkafka's buffer: headers are
/// looked up without copying the value or the other headers. Only valid during the callback it
/// is passed to; copy out what is kept.
public struct KafkaLogRecord {
    private let pointer: UnsafeMutablePointer<rd_kafka_message_t>
    /// The topic it was read from.
    public let topic: String

    init(_ pointer: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) {
        self.pointer = pointer
        self.topic = topic
    }

    /// The partition it was read from.
    public var partition: Int32 { pointer.pointee.partition }
    /// Its offset in that partition.
    public var offset: Int64 { pointer.pointee.offset }

    /// The record timestamp in milliseconds since 1970, if the broker provided one.
    public var timestampMilliseconds: Int64? {
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(pointer, &type)
        return milliseconds >= 0 ? milliseconds : nil
    }

    /// The value of the last header called `name`, passed to `body` in place; nil when the record
    /// has no such header or it is null.
    public func withHeader<R>(_ name: String, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(pointer, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else { return nil }
        var value: UnsafeRawPointer?
        var size = 0
        guard rd_kafka_header_get_last(headers, name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR, let value else { return nil }
        return body(UnsafeRawBufferPointer(start: value, count: size))
    }

    /// True when the last header called `name` holds exactly `bytes`.
    public func header(_ name: String, is bytes: [UInt8]) -> Bool {
        withHeader(name) { value in value.elementsEqual(bytes) } ?? false
    }

    /// The whole record, copied out.
    public var message: KafkaInboundMessage { ConsumerCore.convert(pointer) }
}
