/// Decides which offset may be stored for each partition when messages finish out of order.
///
/// Messages are recorded with ``handedOut(_:offset:)`` in the order they are handed to the application
/// (increasing offsets per partition, possibly with gaps). ``markProcessed(_:offset:)`` returns a new
/// offset to store only when it extends the contiguous prefix of handed-out messages that are all marked;
/// the stored value is "next offset to read" (last contiguous marked offset + 1), as Kafka expects.
/// A pure value type: no librdkafka, no locking.
public struct KafkaOffsetTracker: Sendable {
    private struct PartitionLog: Sendable {
        var offsets: [Int64] = []
        var marked: [Bool] = []
        var head = 0

        var outstanding: Int { offsets.count - head }

        mutating func compactIfNeeded() {
            if head > 64 && head * 2 > offsets.count {
                offsets.removeFirst(head)
                marked.removeFirst(head)
                head = 0
            }
        }

        func index(of offset: Int64) -> Int? {
            var low = head, high = offsets.count
            while low < high {
                let mid = (low + high) / 2
                if offsets[mid] < offset { low = mid + 1 } else { high = mid }
            }
            return low < offsets.count && offsets[low] == offset ? low : nil
        }
    }

    private var logs: [KafkaTopicPartition: PartitionLog] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// Records that the message at `offset` was handed to the application.
    ///
    /// An offset not above the last one recorded for the partition (a rewind) drops the recorded
    /// unfinished entries from that offset on, since those messages will be handed out again.
    public mutating func handedOut(_ partition: KafkaTopicPartition, offset: Int64) {
        var log = logs[partition] ?? PartitionLog()
        if let last = log.offsets.last, offset <= last {
            var keep = log.offsets.count
            while keep > log.head && log.offsets[keep - 1] >= offset { keep -= 1 }
            log.offsets.removeSubrange(keep...)
            log.marked.removeSubrange(keep...)
        }
        log.offsets.append(offset)
        log.marked.append(false)
        logs[partition] = log
    }

    /// Marks a handed-out message as processed.
    /// - Returns: the offset to store (last contiguous processed offset + 1) if it advanced, else `nil`.
    ///   Unknown offsets (never handed out, already passed, or forgotten) are ignored.
    public mutating func markProcessed(_ partition: KafkaTopicPartition, offset: Int64) -> Int64? {
        guard var log = logs[partition], let index = log.index(of: offset) else { return nil }
        log.marked[index] = true
        var advancedTo: Int64?
        while log.head < log.offsets.count && log.marked[log.head] {
            advancedTo = log.offsets[log.head] + 1
            log.head += 1
        }
        log.compactIfNeeded()
        logs[partition] = log
        return advancedTo
    }

    /// The number of handed-out messages of `partition` not yet covered by a stored offset.
    public func outstanding(_ partition: KafkaTopicPartition) -> Int {
        logs[partition]?.outstanding ?? 0
    }

    /// The number of handed-out messages, over all partitions, not yet covered by a stored offset.
    public var outstandingCount: Int {
        logs.values.reduce(0) { $0 + $1.outstanding }
    }

    /// Drops all state of `partition` (after it is revoked); later marks for it are ignored.
    public mutating func forget(_ partition: KafkaTopicPartition) {
        logs[partition] = nil
    }
}
