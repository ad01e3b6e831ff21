import Foundation
import SignpostEvents
import SignpostKafka

extension InboundRecord {
    /// The record a decider sees for a Kafka message.
    public init(_ message: KafkaInboundMessage, declaredEventTypes: [String] = []) {
        self.init(
            topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value: message.value,
            headers: message.headers.map { RecordHeader(key: $0.key, value: $0.value) }, declaredEventTypes: declaredEventTypes
        )
    }
}

extension KafkaOutboundMessage {
    /// An event as a CloudEvent in binary mode: JSON value, `ce_*` and `traceparent` headers
    /// (plus `extraHeaders`), keyed by the event's subject. `ceID` defaults to the event's identity.
    public init(event: some SignpostEvent, topic: String, ceID: String? = nil, source: String, time: Date, trace: TraceParent?, extraHeaders: [KafkaHeader] = []) {
        let envelope = CloudEventHeaders(for: event, id: ceID ?? event.eventID, source: source, time: time, traceParent: trace)
        self.init(
            topic: topic, key: Array(event.subject.utf8), value: EventCodec.encode(event),
            headers: envelope.headers.map { KafkaHeader(key: $0.key, value: Array($0.value.utf8)) } + extraHeaders
        )
    }
}
