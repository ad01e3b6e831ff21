import CRdKafka
import Foundation
import Logging
import Synchronization

// Internal plumbing shared by the producer, consumer, admin client and embedded cluster.

/// Runs a blocking C call on a fresh dedicated thread (never on the Swift cooperative pool)
/// and resumes the caller with its result.
func runOnDedicatedThread<T: Sendable>(_ name: String, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.name = name
        thread.start()
    }
}

/// Converts a Swift `Duration` into librdkafka's `int` milliseconds (clamped, never negative).
func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return Int32(max(0, min(ms.rounded(.up), Double(Int32.max))))
}

/// What C callbacks can reach through `rd_kafka_opaque(rk)`. Retained for the handle's whole life.
final class CallbackContext: Sendable {
    let logger: Logger
    /// Set for consumers: receives rebalance and error callbacks.
    let consumer: ConsumerCore?

    init(logger: Logger, consumer: ConsumerCore? = nil) {
        self.logger = logger
        self.consumer = consumer
    }

    static func from(_ rk: OpaquePointer?) -> CallbackContext? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<CallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Maps a syslog level (librdkafka's log levels) to a swift-log level.
func loggerLevel(syslog level: Int32) -> Logger.Level {
    switch level {
    case ...2: return .critical
    case 3: return .error
    case 4: return .warning
    case 5: return .notice
    case 6: return .info
    default: return .debug
    }
}

/// Builds an `rd_kafka_conf_t` with our settings, opaque, and log/error callbacks.
/// The caller owns the returned configuration until `rd_kafka_new` succeeds.
func makeConfiguration(_ settings: [(String, String)], context: Unmanaged<CallbackContext>) throws(KafkaError) -> OpaquePointer {
    guard let conf = rd_kafka_conf_new() else {
        throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_conf_new failed")
    }
    var errstr = [CChar](repeating: 0, count: 512)
    for (key, value) in settings {
        let result = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
        if result != RD_KAFKA_CONF_OK {
            rd_kafka_conf_destroy(conf)
            let reason = cString(errstr)
            throw KafkaError.invalidConfiguration("invalid librdkafka property \(key)=\(value): \(reason)")
        }
    }
    rd_kafka_conf_set_opaque(conf, context.toOpaque())
    rd_kafka_conf_set_log_cb(conf) { rk, level, facility, buffer in
        guard let context = CallbackContext.from(rk) else { return }
        let text = buffer.map { String(cString: $0) } ?? ""
        let fac = facility.map { String(cString: $0) } ?? ""
        context.logger.log(level: loggerLevel(syslog: level), "\(text)", metadata: ["rdkafka.facility": "\(fac)"])
    }
    rd_kafka_conf_set_error_cb(conf) { rk, err, reason, _ in
        guard let context = CallbackContext.from(rk) else { return }
        let text = reason.map { String(cString: $0) } ?? ""
        var error = KafkaError(rd_kafka_resp_err_t(err), text)
        if rd_kafka_resp_err_t(err) == RD_KAFKA_RESP_ERR__FATAL, let rk {
            var buffer = [CChar](repeating: 0, count: 512)
            let underlying = rd_kafka_fatal_error(rk, &buffer, buffer.count)
            let detail = cString(buffer)
            error = KafkaError(code: .fatal, message: "fatal librdkafka error \(KafkaError.Code(underlying)): \(detail)")
            context.logger.critical("\(error)")
            context.consumer?.reportFatal(error)
        } else if rd_kafka_resp_err_t(err) == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
                    || rd_kafka_resp_err_t(err) == RD_KAFKA_RESP_ERR__RESOLVE {
            context.logger.error("\(error)")
        } else {
            // Mostly transient connection errors librdkafka recovers from by itself.
            context.logger.warning("\(error)")
        }
    }
    return conf
}

/// Creates a client handle; on failure the configuration is destroyed.
func makeClient(_ type: rd_kafka_type_t, conf: OpaquePointer) throws(KafkaError) -> OpaquePointer {
    var errstr = [CChar](repeating: 0, count: 512)
    guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
        rd_kafka_conf_destroy(conf)
        let reason = cString(errstr)
        throw KafkaError.invalidConfiguration("could not create the librdkafka client: \(reason)")
    }
    return rk
}

/// An owned `rd_kafka_t` that can be borrowed from any thread and is destroyed exactly once,
/// off the cooperative pool, after the last borrower has returned it.
///
/// `@unchecked Sendable`: the stored `rd_kafka_t *` is thread-safe for every librdkafka call
/// we make through it (librdkafka documents its handle API as thread-safe); the one call that is
/// not, `rd_kafka_destroy`, is only made once the `Mutex`-guarded lease count is zero and the
/// handle is closed, so no other thread can still be using the pointer.
final class RDKafkaHandle: @unchecked Sendable {
    private struct LeaseState {
        var leases = 0
        var closed = false
        var destroyed = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let pointer: OpaquePointer
    private let context: Unmanaged<CallbackContext>
    private let state = Mutex(LeaseState())
    private let name: String

    /// Takes ownership of `pointer` and of one retain of `context` (released after destroy).
    init(pointer: OpaquePointer, context: Unmanaged<CallbackContext>, name: String) {
        self.pointer = pointer
        self.context = context
        self.name = name
    }

    deinit {
        // Only reached if close() was never called: nothing can borrow the handle any more.
        let needsDestroy = state.withLock { !$0.destroyed && !$0.closed }
        if needsDestroy {
            let pointer = UncheckedPointer(pointer), context = self.context
            let thread = Thread {
                rd_kafka_destroy(pointer.value)
                context.release()
            }
            thread.start()
        }
    }

    /// Borrows the handle; throws `shutDown` once `close()` was called.
    func acquire() throws(KafkaError) -> OpaquePointer {
        let ok = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.leases += 1
            return true
        }
        guard ok else { throw KafkaError.shutDown(name) }
        return pointer
    }

    /// Returns a borrowed handle; destroys it (on a new thread) if it was the last borrower after `close()`.
    func release() {
        let destroy = state.withLock { state -> Bool in
            state.leases -= 1
            return state.closed && state.leases == 0 && !state.destroyed
        }
        if destroy { destroyOnDedicatedThread() }
    }

    /// Runs `body` with the handle borrowed.
    func withHandle<R>(_ body: (OpaquePointer) throws(KafkaError) -> R) throws(KafkaError) -> R {
        let rk = try acquire()
        defer { release() }
        return try body(rk)
    }

    /// Stops new borrows; the handle is destroyed when the last borrower returns it.
    func close() {
        let destroy = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.closed = true
            return state.leases == 0
        }
        if destroy { destroyOnDedicatedThread() }
    }

    /// `close()`, then waits until `rd_kafka_destroy` has returned.
    func closeAndWait() async {
        close()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.destroyed { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func destroyOnDedicatedThread() {
        let thread = Thread { [self] in
            rd_kafka_destroy(pointer)
            context.release()
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.destroyed = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = "kafka-destroy"
        thread.start()
    }
}

/// Carries a C pointer into a `@Sendable` closure that runs on a thread we own.
/// `@unchecked Sendable`: only used for librdkafka handle pointers, which are thread-safe,
/// and only handed to one thread at a time by the code that creates it.
final class UncheckedPointer: @unchecked Sendable {
    let value: OpaquePointer
    init(_ value: OpaquePointer) { self.value = value }
}

func cString(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
