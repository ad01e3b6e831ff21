import Foundation

/// The CloudEvents binary-mode envelope of an event on Kafka (`ce_*` headers), with the
/// W3C `traceparent`. Pure values: the runtime maps them onto Kafka headers.
public struct CloudEventHeaders: Sendable, Hashable {
    public static let typePrefix = "uk.gov.worcestershire.signpost."
    public static let specVersion = "1.0"
    public static let contentType = "application/json"

    public var id: String
    public var source: String
    public var type: String
    public var time: Date
    public var subject: String
    public var dataSchema: String?
    public var traceParent: TraceParent?

    public init(id: String, source: String, type: String, time: Date, subject: String, dataSchema: String? = nil, traceParent: TraceParent? = nil) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.dataSchema = dataSchema
        self.traceParent = traceParent
    }

    /// The envelope for an event produced by `source` (e.g. `signpost/intake`).
    public init<E: SignpostEvent>(for event: E, id: String, source: String, time: Date, traceParent: TraceParent?) {
        self.init(id: id, source: source, type: E.cloudEventType, time: time, subject: event.subject, dataSchema: E.dataSchema, traceParent: traceParent)
    }

    /// The headers, in a fixed order.
    public var headers: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = [
            ("ce_specversion", Self.specVersion),
            ("ce_id", id),
            ("ce_source", source),
            ("ce_type", type),
            ("ce_time", EventCodec.format(time)),
            ("ce_subject", subject),
            ("content-type", Self.contentType),
        ]
        if let dataSchema { out.append(("ce_dataschema", dataSchema)) }
        if let traceParent { out.append(("traceparent", traceParent.description)) }
        return out
    }

    /// Reads an envelope from headers; nil when a required `ce_` header is missing or malformed.
    public init?(headers: [String: String]) {
        guard headers["ce_specversion"] == Self.specVersion,
              let id = headers["ce_id"], let source = headers["ce_source"], let type = headers["ce_type"],
              let subject = headers["ce_subject"],
              let timeText = headers["ce_time"],
              let time = EventCodec.parseDate(timeText)
        else { return nil }
        self.init(id: id, source: source, type: type, time: time, subject: subject,
                  dataSchema: headers["ce_dataschema"], traceParent: headers["traceparent"].flatMap(TraceParent.init))
    }

    /// The event type name inside `type`: `uk.gov.worcestershire.signpost.EnquiryLogged.v1` → `EnquiryLogged`.
    public static func typeName(fromCloudEventType type: String) -> String? {
        guard type.hasPrefix(typePrefix) else { return nil }
        let rest = type.dropFirst(typePrefix.count)
        guard let dot = rest.lastIndex(of: "."), rest[rest.index(after: dot)...].hasPrefix("v") else { return nil }
        return String(rest[..<dot])
    }
}

/// A W3C Trace Context `traceparent`: version 00, 16-byte trace id, 8-byte parent span id, flags.
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    public var traceID: String
    public var spanID: String
    public var sampled: Bool

    /// A new trace with a random trace and span id.
    public static func random() -> TraceParent {
        TraceParent(traceID: randomHex(bytes: 16), spanID: randomHex(bytes: 8), sampled: true)
    }

    public init(traceID: String, spanID: String, sampled: Bool) {
        self.traceID = traceID
        self.spanID = spanID
        self.sampled = sampled
    }

    /// Parses `00-<32 hex>-<16 hex>-<2 hex>`; nil when malformed or all-zero.
    public init?(_ text: String) {
        if let fast = Self.parseCanonical(text) {
            self = fast
            return
        }
        let parts = text.split(separator: "-")
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
              parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isHexDigit) }),
              parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" }),
              let flags = UInt8(parts[3], radix: 16)
        else { return nil }
        self.init(traceID: parts[1].lowercased(), spanID: parts[2].lowercased(), sampled: flags & 1 == 1)
    }

    /// The usual form (55 ASCII characters, lowercase or uppercase hex) without splitting into
    /// substrings; nil for anything else, which the general parser above then judges.
    private static func parseCanonical(_ text: String) -> TraceParent? {
        var text = text
        return text.withUTF8 { b -> TraceParent? in
            guard b.count == 55, b[0] == 0x30, b[1] == 0x30, b[2] == 0x2D, b[35] == 0x2D, b[52] == 0x2D else { return nil }
            var lower = [UInt8](repeating: 0, count: 55)
            var traceNonZero = false, spanNonZero = false
            for i in 3..<55 where i != 35 && i != 52 {
                var c = b[i]
                switch c {
                case 0x30...0x39, 0x61...0x66: break
                case 0x41...0x46: c += 0x20
                default: return nil
                }
                lower[i] = c
                if c != 0x30 {
                    if i < 35 { traceNonZero = true } else if i < 52 { spanNonZero = true }
                }
            }
            guard traceNonZero, spanNonZero else { return nil }
            let flags = (lower[53] <= 0x39 ? lower[53] - 0x30 : lower[53] - 0x57) << 4 | (lower[54] <= 0x39 ? lower[54] - 0x30 : lower[54] - 0x57)
            return TraceParent(
                traceID: String(decoding: lower[3..<35], as: UTF8.self), spanID: String(decoding: lower[36..<52], as: UTF8.self),
                sampled: flags & 1 == 1
            )
        }
    }

    /// The same trace, a new span: what a service puts on the events it produces from this one.
    public func child() -> TraceParent {
        TraceParent(traceID: traceID, spanID: Self.randomHex(bytes: 8), sampled: sampled)
    }

    public var description: String { "00-\(traceID)-\(spanID)-\(sampled ? "01" : "00")" }

    private static func randomHex(bytes: Int) -> String {
        // Eight random bytes per call of the system generator (one system call each), written as
        // hex by hand: this runs for every event a service produces.
        var rng = SystemRandomNumberGenerator()
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes * 2) { buffer in
            var word: UInt64 = 0
            for i in 0..<bytes {
                if i % 8 == 0 { word = rng.next() }
                var byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8)))
                if byte == 0 { byte = 1 }  // never all-zero, as the W3C format requires
                buffer[2 * i] = digits.utf8Start[Int(byte >> 4)]
                buffer[2 * i + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return bytes * 2
        }
    }
}
