import Dispatch

/// One long-lived thread for decisions that would hold a cooperative thread too long
/// (``Decider/decidesOffThePool``). The consume loop awaits one decision at a time, so one
/// serial queue is enough; a decision waiting for it suspends instead of blocking.
public final class DecisionThread: Sendable {
    /// The process's decision thread.
    public static let shared = DecisionThread()
    /// Marks the queue so that running code can tell it is on it (`isCurrent`).
    private static let key = DispatchSpecificKey<Bool>()
    private let queue: DispatchQueue

    private init() {
        queue = DispatchQueue(label: "signpost.decision", qos: .userInitiated)
        queue.setSpecific(key: DecisionThread.key, value: true)
    }

    /// Runs `body` on the decision thread and resumes the caller with its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    /// Whether the calling code runs on the decision thread.
    public static var isCurrent: Bool {
        DispatchQueue.getSpecific(key: key) == true
    }
}
