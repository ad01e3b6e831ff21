import Foundation

/// A Kafka record header. A `nil` value is a null header (distinct from an empty one).
public struct KafkaHeader: Sendable, Hashable {
    /// The header name.
    public var key: String
    /// The header bytes, or `nil` for a null header.
    public var value: [UInt8]?

    /// Creates a header with raw bytes (or `nil` for a null header).
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 encoding of `string`.
    public init(key: String, string: String) {
        self.init(key: key, value: Array(string.utf8))
    }

    /// The value decoded as UTF-8, or `nil` if the header is null or not valid UTF-8.
    public var stringValue: String? {
        guard let value else { return nil }
        return String(validating: value, as: UTF8.self)
    }
}

/// A message to produce. The partition is chosen by librdkafka's partitioner from `key`.
public struct KafkaOutboundMessage: Sendable {
    /// The destination topic.
    public var topic: String
    /// The record key, or `nil` for no key.
    public var key: [UInt8]?
    /// The record value.
    public var value: [UInt8]
    /// The record headers, in order.
    public var headers: [KafkaHeader]
    /// True for a tombstone: a record with a null value, which tells a compacted topic to
    /// forget the key (`value` is then ignored).
    public var isTombstone = false

    /// Creates an outbound message.
    public init(topic: String, key: [UInt8]? = nil, value: [UInt8], headers: [KafkaHeader] = []) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// A tombstone for `key` on a compacted topic.
    public static func tombstone(topic: String, key: [UInt8], headers: [KafkaHeader] = []) -> KafkaOutboundMessage {
        var message = KafkaOutboundMessage(topic: topic, key: key, value: [], headers: headers)
        message.isTombstone = true
        return message
    }
}

/// Where the broker stored a produced message.
public struct KafkaDeliveryReport: Sendable, Hashable {
    /// The topic written to.
    public var topic: String
    /// The partition written to.
    public var partition: Int32
    /// The offset of the message in that partition.
    public var offset: Int64

    /// Creates a delivery report.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// A consumed message.
public struct KafkaInboundMessage: Sendable, Hashable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in that partition.
    public var offset: Int64
    /// The record key, or `nil` if the record has no key.
    public var key: [UInt8]?
    /// The record value; a null value is delivered as `[]`.
    public var value: [UInt8]
    /// The record headers, in order; null headers keep a `nil` value.
    public var headers: [KafkaHeader]
    /// The record timestamp, if the broker provided one.
    public var timestamp: Date?

    /// Creates an inbound message (for tests and fakes; the consumer creates these itself).
    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]? = nil, value: [UInt8],
                headers: [KafkaHeader] = [], timestamp: Date? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The partition this message came from.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }
}

/// A topic and partition number.
public struct KafkaTopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number.
    public var partition: Int32

    /// Creates a topic-partition.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// Orders by topic, then partition.
    public static func < (lhs: KafkaTopicPartition, rhs: KafkaTopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }

    /// `topic[partition]`.
    public var description: String { "\(topic)[\(partition)]" }
}
