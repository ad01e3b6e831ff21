import Foundation

/// One record as a service receives it: where it came from and its raw bytes.
/// A plain value, so decisions are testable without Kafka.
public struct InboundRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    /// Headers in arrival order; a nil value is a null header.
    public var headers: [RecordHeader]
    /// The event types the topic catalogue declares for `topic`, for records that arrive without `ce_type`.
    public var declaredEventTypes: [String]

    public init(topic: String, partition: Int32 = 0, offset: Int64 = 0, key: [UInt8]? = nil, value: [UInt8], headers: [RecordHeader] = [], declaredEventTypes: [String] = []) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.declaredEventTypes = declaredEventTypes
    }

    /// An inbound record holding `event`, encoded and enveloped as a producer would send it.
    public init<E: SignpostEvent>(event: E, topic: String, partition: Int32 = 0, offset: Int64 = 0, source: String = "signpost/test", time: Date = Date()) {
        let envelope = CloudEventHeaders(for: event, id: UUID().uuidString, source: source, time: time, traceParent: nil)
        self.init(
            topic: topic, partition: partition, offset: offset, key: Array(event.subject.utf8), value: EventCodec.encode(event),
            headers: envelope.headers.map { RecordHeader(key: $0.key, value: Array($0.value.utf8)) },
            declaredEventTypes: [E.typeName]
        )
    }

    /// The first header with this key, as UTF-8 text.
    public func header(_ key: String) -> String? {
        headers.first { $0.key == key }.flatMap { $0.value }.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The envelope, when the record carries valid CloudEvents headers.
    public var envelope: CloudEventHeaders? {
        var map: [String: String] = [:]
        for h in headers where map[h.key] == nil {
            if let v = h.value, let text = String(validating: v, as: UTF8.self) { map[h.key] = text }
        }
        return CloudEventHeaders(headers: map)
    }

    /// The event type name from `ce_type`, or the topic's only declared type when `ce_type` is absent.
    public var eventTypeName: String? {
        if let type = header("ce_type") { return CloudEventHeaders.typeName(fromCloudEventType: type) }
        return declaredEventTypes.count == 1 ? declaredEventTypes[0] : nil
    }

    /// Decodes the value as `E`, refusing a record whose `ce_type` names another event type.
    public func decode<E: SignpostEvent>(_ type: E.Type) throws(EventRejection) -> E {
        if let ceType = header("ce_type"), CloudEventHeaders.typeName(fromCloudEventType: ceType) != E.typeName {
            if CloudEventHeaders.typeName(fromCloudEventType: ceType) == nil {
                throw EventRejection(.unknownEventType, "ce_type '\(ceType)' is not a Signpost event type; expected \(E.cloudEventType)")
            }
            throw EventRejection(.unknownEventType, "ce_type '\(ceType)' on a record read as \(E.typeName); expected \(E.cloudEventType)")
        }
        return try EventCodec.decode(E.self, from: value)
    }
}

/// A record header; a nil value is a null header.
public struct RecordHeader: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]?
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// Turns a case reference into the pseudonymous id that performance events carry.
public struct Pseudonymizer: Sendable {
    private let transform: @Sendable (String) -> String

    /// `transform` must be a keyed one-way function (the runtime uses HMAC-SHA256).
    public init(_ transform: @escaping @Sendable (String) -> String) {
        self.transform = transform
    }

    public func callAsFunction(_ value: String) -> String { transform(value) }
}

/// What a decision may know besides its input: the clock, the pseudonymizer, and what this
/// service has already published.
public struct DecisionContext: Sendable {
    public var now: Date
    public var pseudonymize: Pseudonymizer
    /// Whether this service (any instance, any earlier run within the ledger window) has
    /// published the event of this type name with this ``SignpostEvent/eventID``.
    public var hasPublished: @Sendable (_ typeName: String, _ eventID: String) -> Bool
    /// What a data subject (keyed hash) has asked for: a restriction or an objection. Only
    /// deciders that set ``Decider/followsSubjectRights`` get a live answer; others see none.
    public var subjectRights: @Sendable (_ subject: String?) -> SubjectRightsState.Status

    public init(
        now: Date, pseudonymize: Pseudonymizer, hasPublished: @escaping @Sendable (String, String) -> Bool = { _, _ in false },
        subjectRights: @escaping @Sendable (String?) -> SubjectRightsState.Status = { _ in .init() }
    ) {
        self.now = now
        self.pseudonymize = pseudonymize
        self.hasPublished = hasPublished
        self.subjectRights = subjectRights
    }
}

/// An event a decision wants published. The runtime picks the topic from the catalogue.
public struct Emission: Sendable {
    /// How the runtime finds the topic.
    public enum Destination: Sendable, Hashable {
        /// The one catalogue topic that carries this event type.
        case byEventType
        /// The referral topic of this recipient.
        case recipient(String)
    }

    public var event: any SignpostEvent
    public var destination: Destination

    public init(_ event: any SignpostEvent, destination: Destination = .byEventType) {
        self.event = event
        self.destination = destination
    }
}

/// A service's decision logic: input record in, events out. No Kafka in it.
///
/// The runtime calls `decide` for one record at a time, in order per partition. A thrown
/// ``EventRejection`` sends the record to the dead-letter topic with the reason.
/// Deciding the same record twice must be harmless: the outputs of a redelivered record
/// carry the same ids, so consumers can recognise them.
public protocol Decider: Sendable {
    /// The service's name: its consumer group, its `ce_source`, its entries in the catalogue.
    static var serviceName: String { get }
    /// True when decisions depend on people's restrictions and objections: the runtime then
    /// follows the rights topic and answers ``DecisionContext/subjectRights``.
    static var followsSubjectRights: Bool { get }
    /// True when a decision can hold a thread for a noticeable time (the classifier's encoder reads
    /// take about 0.1 s): the runtime then calls `decide` on a thread of its own, not on the Swift
    /// cooperative pool, so the process's other tasks keep their threads.
    static var decidesOffThePool: Bool { get }
    mutating func decide(_ record: InboundRecord, context: DecisionContext) throws(EventRejection) -> [Emission]
}

extension Decider {
    public static var followsSubjectRights: Bool { false }
    public static var decidesOffThePool: Bool { false }
}

extension DeadLetter {
    /// The dead letter for a record a service refused: the reason and the original, byte for byte.
    public init(record: InboundRecord, rejection: EventRejection, rejectedBy: String, at: Date) {
        self.init(
            deadLetterId: "\(record.topic)/\(record.partition)/\(record.offset)",
            rejectedBy: rejectedBy,
            reason: rejection.reason,
            detail: rejection.detail,
            sourceTopic: record.topic,
            sourcePartition: record.partition,
            sourceOffset: record.offset,
            originalKeyBase64: record.key.map { Data($0).base64EncodedString() },
            originalValueBase64: Data(record.value).base64EncodedString(),
            originalHeaders: record.headers.map { Header(key: $0.key, valueBase64: $0.value.map { Data($0).base64EncodedString() }) },
            failedAt: at
        )
    }
}
