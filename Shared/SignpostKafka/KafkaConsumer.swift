import CRdKafka
import Foundation
import Logging
import Synchronization

/// Settings for a ``KafkaConsumer``.
///
/// The consumer always uses `enable.auto.commit=true` (every second), `enable.auto.offset.store=false`
/// (only offsets stored by ``KafkaConsumer/markProcessed(_:)`` are committed) and the classic eager
/// `range,roundrobin` assignment.
public struct KafkaConsumerConfiguration: Sendable {
    /// Comma-separated `host:port` list (`bootstrap.servers`).
    public var bootstrapServers: String
    /// The consumer group (`group.id`).
    public var groupID: String
    /// Client identifier shown in broker logs (`client.id`).
    public var clientID: String
    /// The topics to subscribe to.
    public var topics: [String]
    /// Where to start when the group has no committed offset (`auto.offset.reset`).
    public var autoOffsetReset: String = "earliest"
    /// How long the broker waits for heartbeats before evicting this member (`session.timeout.ms`).
    public var sessionTimeoutMilliseconds: Int = 6000
    /// `fetch.wait.max.ms`, if set. Use about 10 against ``EmbeddedKafkaCluster``: the mock waits the full time when idle.
    public var fetchWaitMaxMilliseconds: Int? = nil
    /// Messages fetched but not yet taken by the application; above this the poll thread pauses fetching.
    /// A partition that has delivered nothing since its assignment is paused only once it delivers, so the
    /// buffer can go over this by about one message per such partition.
    public var maxBufferedMessages: Int = 256
    /// How long a revoke waits for handed-out messages of the revoked partitions to be marked.
    public var revokeDrainTimeout: Duration = .seconds(10)
    /// Any other librdkafka property; applied last, so it overrides everything above.
    public var extra: [String: String] = [:]

    /// Creates a configuration with the defaults above.
    public init(bootstrapServers: String, groupID: String, clientID: String, topics: [String]) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
        self.clientID = clientID
        self.topics = topics
    }

    var librdkafkaSettings: [(String, String)] {
        var settings: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("group.id", groupID),
            ("client.id", clientID),
            ("auto.offset.reset", autoOffsetReset),
            ("session.timeout.ms", String(sessionTimeoutMilliseconds)),
            ("enable.auto.commit", "true"),
            ("auto.commit.interval.ms", "1000"),
            ("enable.auto.offset.store", "false"),
            ("enable.partition.eof", "false"),
            ("partition.assignment.strategy", "range,roundrobin"),
        ]
        if let fetchWaitMaxMilliseconds {
            settings.append(("fetch.wait.max.ms", String(fetchWaitMaxMilliseconds)))
        }
        settings += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return settings
    }
}

/// A consumer-group member. A dedicated thread polls librdkafka, serves rebalances and fills a bounded
/// buffer that ``messages`` drains. Offsets are stored only for messages marked with ``markProcessed(_:)``.
///
/// Keep the consumer alive while iterating ``messages``: releasing it closes it (see ``close(timeout:)``).
public final class KafkaConsumer: Sendable {
    private let core: ConsumerCore

    /// Creates the consumer, subscribes to `configuration.topics` and starts the poll thread.
    /// - Throws: `invalidArgument` for a bad configuration or subscription.
    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws(KafkaError) {
        guard configuration.maxBufferedMessages > 0 else {
            throw KafkaError.invalidConfiguration("maxBufferedMessages must be positive")
        }
        guard !configuration.topics.isEmpty else {
            throw KafkaError.invalidConfiguration("a consumer needs at least one topic")
        }
        let core = ConsumerCore(configuration: configuration, logger: logger)
        let context = Unmanaged.passRetained(CallbackContext(logger: logger, consumer: core))
        let rk: OpaquePointer
        do throws(KafkaError) {
            let conf = try makeConfiguration(configuration.librdkafkaSettings, context: context)
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, _ in
                guard let rk, let context = CallbackContext.from(rk), let consumer = context.consumer else { return }
                consumer.rebalance(rk, err, partitions)
            }
            rk = try makeClient(RD_KAFKA_CONSUMER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        rd_kafka_poll_set_consumer(rk)
        let list = rd_kafka_topic_partition_list_new(Int32(configuration.topics.count))
        for topic in configuration.topics {
            rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA)
        }
        let err = rd_kafka_subscribe(rk, list)
        rd_kafka_topic_partition_list_destroy(list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            rd_kafka_destroy(rk)
            context.release()
            throw KafkaError(err, "subscribe to \(configuration.topics) failed: \(String(cString: rd_kafka_err2str(err)))")
        }
        let handle = ConsumerHandle(rk: rk, queue: rd_kafka_queue_get_consumer(rk), context: context)
        self.core = core
        core.start(handle, name: "kafka-consumer-poll[\(configuration.clientID)]")
    }

    deinit {
        core.requestClose(timeout: .zero, waiter: nil)
    }

    /// The messages, in order per partition. Iterate from one task only.
    ///
    /// Ends (returns `nil`) after ``stopFetching()`` once the buffered messages are delivered, or at
    /// ``close(timeout:)``; throws once (after the buffered messages) if librdkafka reports a fatal error.
    public var messages: KafkaMessageSequence { KafkaMessageSequence(core: core) }

    /// Marks a handed-out message as fully processed (all its outputs acknowledged).
    ///
    /// The offset stored per partition only advances over a contiguous run of handed-out messages that are
    /// all marked, so marks may arrive out of order without a crash ever skipping unfinished work.
    /// Marks for partitions no longer assigned are ignored (those messages will be redelivered).
    public func markProcessed(_ message: KafkaInboundMessage) {
        core.markProcessed(message)
    }

    /// Stops fetching: ``messages`` ends after the messages already buffered. Rebalances are still
    /// served until ``close(timeout:)``. Idempotent.
    public func stopFetching() {
        core.stopFetching()
    }

    /// Closes the consumer: drops buffered messages not yet handed out, waits (at most `timeout`) until
    /// every handed-out message is marked, stores and synchronously commits offsets, leaves the group
    /// and destroys the handle. Idempotent; returns when done.
    public func close(timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            core.requestClose(timeout: timeout, waiter: continuation)
        }
    }

    /// The partitions currently assigned to this member, sorted.
    public var assignment: [KafkaTopicPartition] { core.currentAssignment }

    /// How many assignments this member has received. It changes before the first message of a
    /// newly assigned partition is handed out, so a caller that compares it per message learns
    /// that partitions moved before it processes anything another member may have started.
    public var assignmentGeneration: Int { core.assignmentGeneration }
}

/// The consumer's messages as an `AsyncSequence`. Single consumer: iterate it from one task.
public struct KafkaMessageSequence: AsyncSequence, Sendable {
    /// A consumed message.
    public typealias Element = KafkaInboundMessage
    /// Only a fatal librdkafka error is thrown.
    public typealias Failure = KafkaError

    let core: ConsumerCore

    /// Iterates the consumer's buffer.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let core: ConsumerCore

        /// The next message, or `nil` when the sequence has ended (or the task was cancelled).
        public mutating func next() async throws(KafkaError) -> KafkaInboundMessage? {
            try await core.next()
        }

        /// The next message, or `nil` when the sequence has ended (or the task was cancelled).
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(KafkaError) -> KafkaInboundMessage? {
            try await core.next()
        }
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(core: core) }
}

/// The consumer's C handle and its consumer-queue reference.
///
/// `@unchecked Sendable`: `rk` and `queue` are librdkafka handles, which are thread-safe for the calls we
/// make from several threads (`rd_kafka_offsets_store`, `rd_kafka_queue_yield`); those calls are made only
/// while holding `ConsumerCore.state` and checking the handle is still there, and `destroy()` runs on the
/// poll thread only after the handle was removed from that state under the same lock.
final class ConsumerHandle: @unchecked Sendable {
    let rk: OpaquePointer
    let queue: OpaquePointer?
    private let context: Unmanaged<CallbackContext>

    init(rk: OpaquePointer, queue: OpaquePointer?, context: Unmanaged<CallbackContext>) {
        self.rk = rk
        self.queue = queue
        self.context = context
    }

    /// Blocking: only call on the poll thread, once.
    func destroy() {
        if let queue { rd_kafka_queue_destroy(queue) }
        rd_kafka_destroy(rk)
        context.release()
    }

    /// Wakes a `rd_kafka_consumer_poll` blocked on this consumer's queue.
    func wake() {
        if let queue { rd_kafka_queue_yield(queue) }
    }
}

/// State and logic shared by the public consumer, its message sequence, its poll thread and the C callbacks.
final class ConsumerCore: Sendable {
    typealias Waiter = CheckedContinuation<Result<KafkaInboundMessage?, KafkaError>, Never>

    struct State {
        var buffer: [KafkaInboundMessage] = []
        var bufferHead = 0
        var waiter: Waiter?
        /// No more messages will be buffered; the sequence ends when the buffer is empty.
        var finished = false
        /// Thrown once by the sequence after the buffer is drained.
        var terminalError: KafkaError?
        var fatal: KafkaError?
        var tracker = KafkaOffsetTracker()
        var assignment: Set<KafkaTopicPartition> = []
        /// Incremented on every assignment, before any message of the newly assigned partitions is handed out.
        var assignmentGeneration = 0
        /// Present while the C handle is alive.
        var handle: ConsumerHandle?
        var stopRequested = false
        var closeDeadline: ContinuousClock.Instant?
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
        /// The poll loop holds fetching back (buffer full, stopping or closing).
        var paused = false
        /// The partitions this consumer has paused in librdkafka and not resumed (see `setPaused`).
        var pausedPartitions: Set<KafkaTopicPartition> = []
        var wakeRequested = false
        /// The poll thread is blocked in `waitForSpace`; clear this and signal `spaceSignal` to wake it.
        var pollThreadWaiting = false

        /// Wakes the poll thread wherever it waits: in `waitForSpace` or in `rd_kafka_consumer_poll`.
        mutating func wakePollThread(_ signal: DispatchSemaphore) {
            if pollThreadWaiting {
                pollThreadWaiting = false
                signal.signal()
            }
            handle?.wake()
        }

        var bufferedCount: Int { buffer.count - bufferHead }

        mutating func popBuffered() -> KafkaInboundMessage? {
            guard bufferHead < buffer.count else { return nil }
            let message = buffer[bufferHead]
            bufferHead += 1
            if bufferHead == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                bufferHead = 0
            } else if bufferHead > 64 && bufferHead * 2 > buffer.count {
                buffer.removeFirst(bufferHead)
                bufferHead = 0
            }
            return message
        }

        mutating func dropBuffered(where predicate: (KafkaInboundMessage) -> Bool) -> Int {
            let before = bufferedCount
            buffer = buffer[bufferHead...].filter { !predicate($0) }
            bufferHead = 0
            return before - bufferedCount
        }
    }

    let state = Mutex(State())
    let spaceSignal = DispatchSemaphore(value: 0)
    let logger: Logger
    let configuration: KafkaConsumerConfiguration

    init(configuration: KafkaConsumerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    func start(_ handle: ConsumerHandle, name: String) {
        state.withLock { $0.handle = handle }
        let thread = Thread { [self] in
            pollLoop(handle)
        }
        thread.name = name
        thread.start()
    }

    // MARK: Application side

    func next() async throws(KafkaError) -> KafkaInboundMessage? {
        enum Step { case value(Result<KafkaInboundMessage?, KafkaError>), wait }
        func take(_ s: inout State) -> Step {
            if let message = s.popBuffered() {
                s.tracker.handedOut(message.topicPartition, offset: message.offset)
                if s.pollThreadWaiting {
                    s.pollThreadWaiting = false
                    spaceSignal.signal()
                } else if s.paused && !s.stopRequested && !s.wakeRequested
                    && s.bufferedCount <= configuration.maxBufferedMessages / 2 {
                    s.wakeRequested = true
                    s.handle?.wake()
                }
                return .value(.success(message))
            }
            if s.finished {
                if let error = s.terminalError {
                    s.terminalError = nil
                    return .value(.failure(error))
                }
                return .value(.success(nil))
            }
            return .wait
        }

        if case .value(let result) = state.withLock({ take(&$0) }) {
            return try result.getTyped()
        }
        let result: Result<KafkaInboundMessage?, KafkaError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                let immediate = state.withLock { s -> Result<KafkaInboundMessage?, KafkaError>? in
                    if case .value(let result) = take(&s) { return result }
                    if Task.isCancelled { return .success(nil) }
                    precondition(s.waiter == nil, "KafkaConsumer.messages must be iterated from a single task")
                    s.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            state.withLock { s -> Waiter? in
                defer { s.waiter = nil }
                return s.waiter
            }?.resume(returning: .success(nil))
        }
        return try result.getTyped()
    }

    func markProcessed(_ message: KafkaInboundMessage) {
        let partition = message.topicPartition
        state.withLock { s in
            guard let handle = s.handle,
                  let offset = s.tracker.markProcessed(partition, offset: message.offset) else { return }
            // rd_kafka_offsets_store does not block; holding the lock orders it before any revoke's forget.
            let list = rd_kafka_topic_partition_list_new(1)!
            defer { rd_kafka_topic_partition_list_destroy(list) }
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition).pointee.offset = offset
            let err = rd_kafka_offsets_store(handle.rk, list)
            let elementErr = list.pointee.elems[0].err
            if err != RD_KAFKA_RESP_ERR_NO_ERROR || elementErr != RD_KAFKA_RESP_ERR_NO_ERROR {
                let code = err != RD_KAFKA_RESP_ERR_NO_ERROR ? err : elementErr
                logger.warning("could not store offset \(offset) for \(partition): \(KafkaError(code)); it will be redelivered")
            }
        }
    }

    func stopFetching() {
        let waiter = state.withLock { s -> Waiter? in
            guard !s.stopRequested else { return nil }
            s.stopRequested = true
            s.finished = true
            s.wakePollThread(spaceSignal)
            guard s.bufferedCount == 0, let waiter = s.waiter else { return nil }
            s.waiter = nil
            return waiter
        }
        waiter?.resume(returning: .success(nil))
    }

    func requestClose(timeout: Duration, waiter closeWaiter: CheckedContinuation<Void, Never>?) {
        let (done, messageWaiter) = state.withLock { s -> (Bool, Waiter?) in
            if s.closed { return (true, nil) }
            if let closeWaiter { s.closeWaiters.append(closeWaiter) }
            guard s.closeDeadline == nil else { return (false, nil) }
            s.closeDeadline = .now + timeout
            s.stopRequested = true
            s.finished = true
            let dropped = s.dropBuffered { _ in true }
            if dropped > 0 { logger.debug("close dropped \(dropped) buffered messages not yet handed out") }
            s.wakePollThread(spaceSignal)
            defer { s.waiter = nil }
            return (false, s.waiter)
        }
        messageWaiter?.resume(returning: .success(nil))
        if done { closeWaiter?.resume() }
    }

    var currentAssignment: [KafkaTopicPartition] {
        state.withLock { $0.assignment.sorted() }
    }

    var assignmentGeneration: Int {
        state.withLock { $0.assignmentGeneration }
    }

    // MARK: Poll thread

    /// How long a full buffer may block the poll thread before it pauses the assignment and goes back to
    /// polling (so rebalances and the poll-interval deadline are served while the application is slow).
    /// Pausing is not the first resort: librdkafka drops prefetched data on pause and, after resume, takes
    /// up to a second to fetch again.
    static let pauseAfterFullFor: Duration = .milliseconds(500)

    private func pollLoop(_ handle: ConsumerHandle) {
        let rk = handle.rk
        let maxBuffered = configuration.maxBufferedMessages
        var fullSince: ContinuousClock.Instant?
        while true {
            let (closing, stopped, fatal, buffered, paused) = state.withLock { s in
                (s.closeDeadline != nil, s.stopRequested, s.fatal != nil, s.bufferedCount, s.paused)
            }
            if closing { break }
            if fatal {
                // librdkafka cannot recover; wait for close().
                _ = waitForSpace(until: .now + .milliseconds(100))
                continue
            }
            if stopped {
                if !paused { setPaused(rk, true) }
            } else if buffered >= maxBuffered {
                if !paused {
                    let since = fullSince ?? .now
                    fullSince = since
                    if ContinuousClock.now - since < Self.pauseAfterFullFor {
                        _ = waitForSpace(until: since + Self.pauseAfterFullFor)
                        continue
                    }
                    logger.debug("buffer full for \(Self.pauseAfterFullFor): pausing fetch until the application catches up")
                    setPaused(rk, true)
                }
            } else {
                fullSince = nil
                if paused && buffered <= maxBuffered / 2 { setPaused(rk, false) }
            }
            guard let message = rd_kafka_consumer_poll(rk, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                handleMessageError(rk, message)
                continue
            }
            let inbound = Self.convert(message)
            if deliver(inbound) { pauseLate(rk, inbound.topicPartition) }
        }
        closeSequence(handle)
    }

    /// Blocks the poll thread until the application takes a message (or stop/close/fatal), or `deadline`.
    private func waitForSpace(until deadline: ContinuousClock.Instant) -> Bool {
        let armed = state.withLock { s -> Bool in
            guard s.bufferedCount >= configuration.maxBufferedMessages || s.fatal != nil,
                  s.closeDeadline == nil else { return false }
            s.pollThreadWaiting = true
            return true
        }
        guard armed else { return true }
        let remaining = max(.zero, deadline - .now)
        let (seconds, attoseconds) = remaining.components
        let timeout = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        if spaceSignal.wait(timeout: timeout) == .success { return true }
        let signalled = state.withLock { s -> Bool in
            defer { s.pollThreadWaiting = false }
            return !s.pollThreadWaiting  // someone cleared the flag: their signal is pending
        }
        if signalled { spaceSignal.wait() }
        return signalled
    }

    /// Hands `message` to a waiting reader or buffers it (or drops it after stop/close). Returns whether its
    /// partition is still to be paused while fetching is held back (see ``pauseLate(_:_:)``), learnt under
    /// the same lock, so the poll loop takes no second lock per message.
    private func deliver(_ message: KafkaInboundMessage) -> Bool {
        let partition = message.topicPartition
        let (waiter, pauseNeeded) = state.withLock { s -> (Waiter?, Bool) in
            let assigned = s.assignment.contains(partition)
            let pauseNeeded = s.paused && assigned && !s.pausedPartitions.contains(partition)
            // After stop/close nothing is handed out, so no later offset of this partition can be stored
            // past the dropped message: it will be read again by whoever consumes the partition next.
            guard !s.finished, assigned else { return (nil, pauseNeeded) }
            if let waiter = s.waiter {
                s.waiter = nil
                s.tracker.handedOut(partition, offset: message.offset)
                return (waiter, pauseNeeded)
            }
            s.buffer.append(message)  // may exceed the limit: what was in flight, and partitions paused late (`setPaused`)
            return (nil, pauseNeeded)
        }
        waiter?.resume(returning: .success(message))
        return pauseNeeded
    }

    private func handleMessageError(_ rk: OpaquePointer, _ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let err = message.pointee.err
        let text = String(cString: rd_kafka_message_errstr(message))
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "-"
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
            logger.debug("end of \(topic)[\(message.pointee.partition)] at offset \(message.pointee.offset)")
            return
        }
        var buffer = [CChar](repeating: 0, count: 512)
        let fatalCode = rd_kafka_fatal_error(rk, &buffer, buffer.count)
        if fatalCode != RD_KAFKA_RESP_ERR_NO_ERROR {
            reportFatal(KafkaError(code: .fatal, message: "fatal librdkafka error \(KafkaError.Code(fatalCode)): \(cString(buffer))"))
        } else {
            logger.warning("consume error on \(topic)[\(message.pointee.partition)] (skipped): \(KafkaError(err, text))")
        }
    }

    /// Called from librdkafka's error callback (poll thread) or the poll loop on a fatal error.
    func reportFatal(_ error: KafkaError) {
        let waiter = state.withLock { s -> Waiter? in
            guard s.fatal == nil else { return nil }
            s.fatal = error
            s.wakePollThread(spaceSignal)
            if !s.finished {
                s.finished = true
                s.terminalError = error
            }
            guard s.bufferedCount == 0, let waiter = s.waiter else { return nil }
            s.waiter = nil
            s.terminalError = nil
            return waiter
        }
        waiter?.resume(returning: .failure(error))
    }

    /// Holds fetching back (`pause`) or lets it go on.
    ///
    /// Only partitions that have delivered a message since they were assigned are paused. librdkafka
    /// 2.0 drops an operation on a partition as stale when another one, issued later from another
    /// thread, is served first; a pause or resume that overtakes the start of fetching a newly
    /// assigned partition (issued by librdkafka's own thread once the committed offset is known)
    /// makes that start stale, and the partition is never fetched (librdkafka issues #2190, #5591).
    /// A partition with a position has started, so pausing it cannot race its start. The others keep
    /// fetching, and each is paused by ``pauseLate(_:_:)`` once it delivers (librdkafka drops the rest of
    /// a paused partition's fetched messages), so the buffer goes over its limit by about one message
    /// per partition that had not delivered yet. Resuming touches only what was paused here.
    private func setPaused(_ rk: OpaquePointer, _ pause: Bool) {
        let targets: [KafkaTopicPartition] = state.withLock { s in
            pause ? s.assignment.subtracting(s.pausedPartitions).sorted() : s.pausedPartitions.sorted()
        }
        let changed = pause ? Self.startedPartitions(rk, targets) : targets
        if !changed.isEmpty {
            Self.withPartitionList(changed) { list in
                let err = pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    logger.warning("\(pause ? "pause" : "resume") failed: \(KafkaError(err))")
                }
            }
        }
        state.withLock {
            if pause { $0.pausedPartitions.formUnion(changed) } else { $0.pausedPartitions = [] }
            $0.paused = pause
            $0.wakeRequested = false
        }
        logger.trace("fetching \(pause ? "paused" : "resumed") (\(changed.count) partitions)")
    }

    /// While fetching is held back, pauses `partition` once it has delivered (so its start has been served);
    /// called when ``deliver(_:)`` says it is not paused yet.
    private func pauseLate(_ rk: OpaquePointer, _ partition: KafkaTopicPartition) {
        Self.withPartitionList([partition]) { list in
            let err = rd_kafka_pause_partitions(rk, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { logger.warning("pause of \(partition) failed: \(KafkaError(err))") }
        }
        state.withLock { s in
            if s.paused { s.pausedPartitions.insert(partition) }
        }
    }

    /// The partitions of `partitions` that have handed this consumer a message since their assignment.
    private static func startedPartitions(_ rk: OpaquePointer, _ partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition] {
        guard !partitions.isEmpty else { return [] }
        return withPartitionList(partitions) { list in
            guard rd_kafka_position(rk, list) == RD_KAFKA_RESP_ERR_NO_ERROR else { return [] }
            return (0..<Int(list.pointee.cnt)).compactMap { index in
                list.pointee.elems[index].offset >= 0 ? partitions[index] : nil
            }
        }
    }

    private static func withPartitionList<T>(_ partitions: [KafkaTopicPartition],
                                             _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> T) -> T {
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)
        }
        return body(list)
    }

    private func closeSequence(_ handle: ConsumerHandle) {
        let rk = handle.rk
        let (deadline, paused) = state.withLock { ($0.closeDeadline ?? .now, $0.paused) }
        if !paused { setPaused(rk, true) }
        // Wait for the application to mark what it has; keep serving rebalances meanwhile.
        var outstanding = state.withLock { $0.tracker.outstandingCount }
        while outstanding > 0 && ContinuousClock.now < deadline {
            if let message = rd_kafka_consumer_poll(rk, 10) { rd_kafka_message_destroy(message) }
            outstanding = state.withLock { $0.tracker.outstandingCount }
        }
        if outstanding > 0 {
            logger.warning("closing with \(outstanding) handed-out messages not marked processed; they will be redelivered")
        }
        commitStoredOffsets(rk, reason: "close")
        let err = rd_kafka_consumer_close(rk)  // serves the final revoke through rebalance()
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close: \(KafkaError(err))")
        }
        let (waiters, messageWaiter) = state.withLock { s -> ([CheckedContinuation<Void, Never>], Waiter?) in
            s.handle = nil
            s.tracker = KafkaOffsetTracker()
            s.assignment = []
            defer {
                s.closeWaiters = []
                s.waiter = nil
            }
            return (s.closeWaiters, s.waiter)
        }
        handle.destroy()
        state.withLock { $0.closed = true }
        logger.debug("consumer closed")
        messageWaiter?.resume(returning: .success(nil))
        for waiter in waiters { waiter.resume() }
        // Waiters that arrived between taking the list and `closed = true`.
        let late = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.closeWaiters = [] }
            return s.closeWaiters
        }
        for waiter in late { waiter.resume() }
    }

    private func commitStoredOffsets(_ rk: OpaquePointer, reason: String) {
        let err = rd_kafka_commit(rk, nil, 0)
        switch err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            logger.debug("committed stored offsets (\(reason))")
        case RD_KAFKA_RESP_ERR__NO_OFFSET:
            logger.debug("nothing to commit (\(reason))")
        default:
            logger.warning("commit (\(reason)) failed: \(KafkaError(err)); uncommitted messages will be redelivered")
        }
    }

    /// librdkafka's rebalance callback (runs on the poll thread, inside consumer_poll or consumer_close).
    func rebalance(_ rk: OpaquePointer, _ err: rd_kafka_resp_err_t,
                   _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let list = Self.topicPartitions(partitions)
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("assigned \(list.map(\.description).joined(separator: ", "))")
            let stopping = state.withLock { s in
                for partition in list { s.tracker.forget(partition) }
                s.assignment.formUnion(list)
                s.assignmentGeneration += 1
                s.pausedPartitions.subtract(list)
                return s.stopRequested
            }
            // librdkafka keeps a partition's paused flag across an unassign and a later assign: a
            // partition paused before a revoke would come back paused. So the new partitions are
            // resumed first, while none of them is assigned: the resume is served before librdkafka
            // starts fetching them, and cannot make that start stale (see `setPaused`). Nothing is
            // paused after the assignment; if fetching is held back, the poll loop pauses each new
            // partition once it has delivered. A stopping consumer resumes nothing: whatever its new
            // partitions deliver is dropped unread and they are paused the same way.
            if let partitions, !stopping {
                let err = rd_kafka_resume_partitions(rk, partitions)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { logger.warning("resume of the new assignment failed: \(KafkaError(err))") }
            }
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, partitions) {
                    logger.error("incremental assign failed: \(KafkaError(consuming: error))")
                }
            } else {
                let err = rd_kafka_assign(rk, partitions)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { logger.error("assign failed: \(KafkaError(err))") }
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            logger.info("revoking \(list.map(\.description).joined(separator: ", "))")
            revoke(rk, Set(list))
            if cooperative {
                if let error = rd_kafka_incremental_unassign(rk, partitions) {
                    logger.error("incremental unassign failed: \(KafkaError(consuming: error))")
                }
            } else {
                rd_kafka_assign(rk, nil)
            }
        default:
            logger.error("rebalance error: \(KafkaError(err)); dropping the assignment")
            state.withLock { s in
                _ = s.dropBuffered { _ in true }
                for partition in s.assignment { s.tracker.forget(partition) }
                s.assignment = []
                s.pausedPartitions = []
            }
            rd_kafka_assign(rk, nil)
        }
    }

    private func revoke(_ rk: OpaquePointer, _ revoked: Set<KafkaTopicPartition>) {
        let (dropped, closeDeadline) = state.withLock { s in
            (s.dropBuffered { revoked.contains($0.topicPartition) }, s.closeDeadline)
        }
        if dropped > 0 { logger.debug("dropped \(dropped) buffered messages of revoked partitions") }
        var deadline = ContinuousClock.now + configuration.revokeDrainTimeout
        if let closeDeadline { deadline = min(deadline, closeDeadline) }
        // The application keeps processing and marking meanwhile; we hold no lock while waiting.
        var outstanding = 0
        while true {
            outstanding = state.withLock { s in revoked.reduce(0) { $0 + s.tracker.outstanding($1) } }
            if outstanding == 0 || ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        if outstanding > 0 && closeDeadline == nil {  // close() already warned
            logger.warning("\(outstanding) handed-out messages of revoked partitions were not marked in time; they will be redelivered")
        }
        // Forget first so no mark stores an offset for these partitions after the commit.
        // Revoked partitions leave the paused set unresumed: a resume racing their stop could make the
        // stop stale; the next assignment of one resumes it before assigning it.
        state.withLock { s in
            for partition in revoked { s.tracker.forget(partition) }
            s.assignment.subtract(revoked)
            s.pausedPartitions.subtract(revoked)
        }
        commitStoredOffsets(rk, reason: "revoke")
    }

    // MARK: Conversion

    private static func topicPartitions(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> [KafkaTopicPartition] {
        guard let list else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }

    static func convert(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaInboundMessage {
        let m = message.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        let key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            while true {
                var name: UnsafePointer<CChar>?
                var bytes: UnsafeRawPointer?
                var size = 0
                guard rd_kafka_header_get_all(hdrs, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR else { break }
                headers.append(KafkaHeader(
                    key: name.map { String(cString: $0) } ?? "",
                    value: bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &timestampType)
        let timestamp = milliseconds >= 0 ? Date(timeIntervalSince1970: Double(milliseconds) / 1000) : nil
        return KafkaInboundMessage(topic: topic, partition: m.partition, offset: m.offset, key: key,
                                   value: value, headers: headers, timestamp: timestamp)
    }
}
