import CRdKafka
import Foundation
import Logging
import Synchronization

/// Settings for a ``KafkaProducer``.
///
/// The producer always uses `enable.idempotence=true`, `acks=all` and no compression.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list (`bootstrap.servers`).
    public var bootstrapServers: String
    /// Client identifier shown in broker logs (`client.id`).
    public var clientID: String
    /// How long to wait to batch messages (`linger.ms`).
    public var lingerMilliseconds: Int = 5
    /// Largest message the producer will send (`message.max.bytes`).
    public var messageMaxBytes: Int = 4_194_304
    /// Kilobytes of messages waiting for their acknowledgement (`queue.buffering.max.kbytes`);
    /// past it `produce` waits. librdkafka's default is 1 GB; a service needs a few megabytes.
    /// Never less than one message of `messageMaxBytes`, which could otherwise never be queued.
    public var queueKilobytes: Int = 5120
    /// Messages waiting for their acknowledgement (`queue.buffering.max.messages`); past it
    /// `produce` waits. librdkafka's default is 100,000. Each waiting message also keeps its
    /// input record and delivery callback alive in the application, so this bounds a service's
    /// memory under a backlog; 1,000 still lets a producer carry tens of thousands of messages
    /// a second when the broker acknowledges within milliseconds.
    public var queueMessages: Int = 1000
    /// Any other librdkafka property; applied last, so it overrides everything above.
    public var extra: [String: String] = [:]

    /// Creates a configuration with the defaults above.
    public init(bootstrapServers: String, clientID: String) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
    }

    var librdkafkaSettings: [(String, String)] {
        var settings: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("client.id", clientID),
            ("linger.ms", String(lingerMilliseconds)),
            ("message.max.bytes", String(messageMaxBytes)),
            ("queue.buffering.max.kbytes", String(max(queueKilobytes, messageMaxBytes / 1024 + 1))),
            ("queue.buffering.max.messages", String(max(queueMessages, 1))),
            ("enable.idempotence", "true"),
            ("acks", "all"),
            ("compression.type", "none"),
        ]
        settings += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return settings
    }
}

/// The per-message delivery callback, passed through librdkafka as the message opaque.
private final class DeliveryCallback: Sendable {
    let body: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    init(_ body: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) { self.body = body }
}

/// An idempotent Kafka producer. A dedicated thread serves delivery reports.
public final class KafkaProducer: Sendable {
    private enum Phase {
        case running
        case shuttingDown([CheckedContinuation<Void, Never>])
        case finished
    }

    private let handle: RDKafkaHandle
    private let logger: Logger
    private let accepting = Atomic<Bool>(true)
    private let stopPolling = StopFlag()
    private let phase = Mutex(Phase.running)

    /// Creates the producer and starts its poll thread. Connecting to brokers happens in the background.
    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        self.logger = logger
        let context = Unmanaged.passRetained(CallbackContext(logger: logger))
        let rk: OpaquePointer
        do throws(KafkaError) {
            let conf = try makeConfiguration(configuration.librdkafkaSettings, context: context)
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                let callback = Unmanaged<DeliveryCallback>.fromOpaque(opaque).takeRetainedValue()
                let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    let text = String(cString: rd_kafka_message_errstr(message))
                    callback.body(.failure(KafkaError(message.pointee.err, "delivery to \(topic) failed: \(text)")))
                } else {
                    callback.body(.success(KafkaDeliveryReport(
                        topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
                }
            }
            rk = try makeClient(RD_KAFKA_PRODUCER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        handle = RDKafkaHandle(pointer: rk, context: context, name: "KafkaProducer")
        startPollThread(name: "kafka-producer-poll[\(configuration.clientID)]")
    }

    deinit {
        // Without shutdown(): purge what is queued (callbacks get an error), stop polling, destroy.
        accepting.store(false, ordering: .releasing)
        stopPolling.set()
        handle.close()
    }

    private func startPollThread(name: String) {
        // The poll thread holds a lease for its whole life, so the handle outlives it.
        guard let rk = try? handle.acquire() else { return }
        let pointer = UncheckedPointer(rk)
        let handle = self.handle, stop = self.stopPolling, logger = self.logger
        let thread = Thread {
            let rk = pointer.value
            while !stop.isSet {
                rd_kafka_poll(rk, 100)
            }
            // Anything still queued gets a purge error through its delivery callback, so every
            // callback runs exactly once even when shutdown's flush timed out.
            rd_kafka_purge(rk, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            let deadline = ContinuousClock.now + .seconds(2)
            while rd_kafka_outq_len(rk) > 0 && ContinuousClock.now < deadline {
                rd_kafka_poll(rk, 10)
            }
            let left = rd_kafka_outq_len(rk)
            if left > 0 { logger.warning("producer stopped with \(left) requests or messages still queued") }
            handle.release()
        }
        thread.name = name
        thread.start()
    }

    /// Enqueues a message; `onDelivery` runs exactly once, on a librdkafka serving thread, with the outcome.
    ///
    /// For synchronous callers: when the local queue is full this blocks the calling thread, sleeping
    /// and retrying until there is room. From async code use ``send(_:)`` instead.
    /// - Throws: `shutDown` after ``shutdown(timeout:)``, or the librdkafka error that rejected the message.
    public func produce(_ message: KafkaOutboundMessage,
                        onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) throws(KafkaError) {
        var pause = 1.0
        while true {
            do throws(KafkaError) {
                try enqueue(message, onDelivery: onDelivery)
                return
            } catch where error.code == .queueFull {
                Thread.sleep(forTimeInterval: pause / 1000)
                pause = min(pause * 2, 50)
            }
        }
    }

    /// Enqueues a message without waiting for its delivery report; `onDelivery` runs exactly once,
    /// on a librdkafka serving thread. A full local queue is retried after short `Task.sleep`s, so
    /// no cooperative thread is blocked.
    /// - Throws: `shutDown` after ``shutdown(timeout:)``, `cancelled` if cancelled while waiting for room,
    ///   or the librdkafka error that rejected the message.
    public func produce(_ message: KafkaOutboundMessage,
                        onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) async throws(KafkaError) {
        var pause = 1
        while true {
            do throws(KafkaError) {
                try enqueue(message, onDelivery: onDelivery)
                return
            } catch where error.code == .queueFull {
                do {
                    try await Task.sleep(for: .milliseconds(pause))
                } catch {
                    throw KafkaError.cancelled("produce to \(message.topic)")
                }
                pause = min(pause * 2, 50)
            }
        }
    }

    /// Enqueues a message and waits for its delivery report.
    ///
    /// A full local queue is retried after short `Task.sleep`s. Once enqueued, the message is not
    /// withdrawn if the task is cancelled; this waits for its report.
    /// - Throws: the delivery error, `shutDown`, or `cancelled` if cancelled before enqueueing.
    public func send(_ message: KafkaOutboundMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        var pause = 1
        while true {
            let outcome: Result<KafkaDeliveryReport, KafkaError>? = await withCheckedContinuation { continuation in
                do throws(KafkaError) {
                    try enqueue(message) { continuation.resume(returning: $0) }
                } catch where error.code == .queueFull {
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if let outcome { return try outcome.getTyped() }
            do {
                try await Task.sleep(for: .milliseconds(pause))
            } catch {
                throw KafkaError.cancelled("send to \(message.topic)")
            }
            pause = min(pause * 2, 50)
        }
    }

    /// Waits until every enqueued message has its delivery report (runs `rd_kafka_flush` on a dedicated thread).
    /// - Throws: `timedOut` if messages are still outstanding after `timeout`; `shutDown` after shutdown.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let handle = self.handle
        let ms = milliseconds(timeout)
        let result: Result<Void, KafkaError> = await runOnDedicatedThread("kafka-producer-flush") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in
                    let err = rd_kafka_flush(rk, ms)
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                        throw KafkaError(err, "flush: \(rd_kafka_outq_len(rk)) messages or requests still outstanding after \(ms) ms")
                    }
                })
            } catch {
                return .failure(error)
            }
        }
        try result.getTyped()
    }

    /// Stops accepting messages, flushes (bounded by `timeout`), fails what is left with a purge error,
    /// stops the poll thread and destroys the handle. Idempotent; concurrent calls all wait for the end.
    public func shutdown(timeout: Duration) async {
        let first = phase.withLock { phase -> Bool in
            if case .running = phase {
                phase = .shuttingDown([])
                return true
            }
            return false
        }
        guard first else {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = phase.withLock { phase -> Bool in
                    switch phase {
                    case .finished: return true
                    case .shuttingDown(var waiters):
                        waiters.append(continuation)
                        phase = .shuttingDown(waiters)
                        return false
                    case .running: return true  // unreachable
                    }
                }
                if done { continuation.resume() }
            }
            return
        }
        accepting.store(false, ordering: .releasing)
        do throws(KafkaError) {
            try await flush(timeout: timeout)
        } catch {
            logger.warning("producer shutdown: \(error)")
        }
        stopPolling.set()
        await handle.closeAndWait()
        let waiters = phase.withLock { phase -> [CheckedContinuation<Void, Never>] in
            defer { phase = .finished }
            if case .shuttingDown(let waiters) = phase { return waiters }
            return []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Hands one message to librdkafka (copying key, value and headers). Never blocks.
    private func enqueue(_ message: KafkaOutboundMessage,
                         onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) throws(KafkaError) {
        guard accepting.load(ordering: .acquiring) else { throw KafkaError.shutDown("KafkaProducer") }
        try handle.withHandle { rk throws(KafkaError) in
            let callback = Unmanaged.passRetained(DeliveryCallback(onDelivery))
            let error = Self.produceva(rk, message, opaque: callback.toOpaque())
            if let error {
                callback.release()  // librdkafka did not take the message: no delivery report will come
                throw KafkaError(consuming: error)
            }
        }
    }

    private static func produceva(_ rk: OpaquePointer, _ message: KafkaOutboundMessage, opaque: UnsafeMutableRawPointer) -> OpaquePointer? {
        message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                withOptionalBytes(message.key) { key in
                    withHeaderStorage(message.headers) { headers in
                        var args: [rd_kafka_vu_t] = []
                        args.reserveCapacity(5 + headers.count)
                        var vu = rd_kafka_vu_t()
                        vu.vtype = RD_KAFKA_VTYPE_TOPIC
                        vu.u.cstr = topic
                        args.append(vu)
                        vu = rd_kafka_vu_t()
                        vu.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                        vu.u.i = RD_KAFKA_MSG_F_COPY
                        args.append(vu)
                        vu = rd_kafka_vu_t()
                        vu.vtype = RD_KAFKA_VTYPE_VALUE
                        vu.u.mem.ptr = message.isTombstone ? nil : UnsafeMutableRawPointer(mutating: value.baseAddress)
                        vu.u.mem.size = message.isTombstone ? 0 : value.count
                        args.append(vu)
                        if let key {
                            vu = rd_kafka_vu_t()
                            vu.vtype = RD_KAFKA_VTYPE_KEY
                            vu.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                            vu.u.mem.size = key.count
                            args.append(vu)
                        }
                        vu = rd_kafka_vu_t()
                        vu.vtype = RD_KAFKA_VTYPE_OPAQUE
                        vu.u.ptr = opaque
                        args.append(vu)
                        for header in headers {
                            vu = rd_kafka_vu_t()
                            vu.vtype = RD_KAFKA_VTYPE_HEADER
                            vu.u.header.name = header.name
                            vu.u.header.val = header.value
                            vu.u.header.size = header.size
                            args.append(vu)
                        }
                        return args.withUnsafeBufferPointer { rd_kafka_produceva(rk, $0.baseAddress, $0.count) }
                    }
                }
            }
        }
    }
}

/// A flag shared between an owner and its poll thread.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}

/// Copies header names (NUL-terminated) and values into one temporary buffer valid during `body`.
private func withHeaderStorage<R>(_ headers: [KafkaHeader],
                                  _ body: ([(name: UnsafePointer<CChar>, value: UnsafeRawPointer?, size: Int)]) -> R) -> R {
    if headers.isEmpty { return body([]) }
    let total = headers.reduce(0) { $0 + $1.key.utf8.count + 1 + ($1.value?.count ?? 0) }
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: total + 1, alignment: 1)
    defer { storage.deallocate() }
    var cursor = 0
    var entries: [(name: UnsafePointer<CChar>, value: UnsafeRawPointer?, size: Int)] = []
    entries.reserveCapacity(headers.count)
    for header in headers {
        let name = UnsafePointer((storage.baseAddress! + cursor).assumingMemoryBound(to: CChar.self))
        for byte in header.key.utf8 {
            storage[cursor] = byte
            cursor += 1
        }
        storage[cursor] = 0
        cursor += 1
        var value: UnsafeRawPointer? = nil
        var size = 0
        if let bytes = header.value {
            value = UnsafeRawPointer(storage.baseAddress! + cursor)
            for byte in bytes {
                storage[cursor] = byte
                cursor += 1
            }
            size = bytes.count
        }
        entries.append((name, value, size))
    }
    return body(entries)
}
