import Foundation
import SignpostEvents

/// One hostile record for the contacts topic: what is wrong with it, and its bytes.
public struct HostileRecord: Sendable {
    public var kind: String
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [(key: String, value: String)]
}

/// Generates malformed contacts of every kind a channel adapter (or an attacker) could send:
/// invalid JSON, wrong types, missing fields, invalid UTF-8, control characters, oversized
/// bodies, unknown channels, future schema versions, header-less and key-less records, and
/// more. Every record is unique (it carries its index), so its dead letter can be matched to it.
///
/// Extra, unknown fields are not among them: readers ignore unknown fields by design, so a
/// contact with extra fields is valid (see ``validWithExtraFields(index:now:)``).
public struct HostileInput: Sendable {
    public var seed: UInt64

    public init(seed: UInt64 = 99) { self.seed = seed }

    public static let kinds = [
        "truncated JSON", "not JSON", "wrong type", "missing field", "invalid UTF-8", "control characters",
        "oversized text", "unknown channel", "future schema version", "missing schema version", "array", "string",
        "number", "null", "empty value", "empty text", "bad contact id", "long contact id", "future date", "bad date",
        "too many attachments", "bad attachment", "deeply nested", "wrong event type header", "huge number",
    ]

    /// `count` hostile records, the kinds taking turns.
    public func records(count: Int, now: Date = Date()) -> [HostileRecord] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { record(index: $0, kind: Self.kinds[$0 % Self.kinds.count], rng: &rng, now: now) }
    }

    func record(index: Int, kind: String, rng: inout SeededGenerator, now: Date) -> HostileRecord {
        let id = "fuzz-\(seed)-\(index)"
        let time = EventCodec.format(now)
        func contact(_ fields: String) -> [UInt8] { Array("{\(fields)}".utf8) }
        let base = #""schema_version":"1.0","contact_id":"\#(id)","channel":"email","received_at":"\#(time)""#
        var key: [UInt8]? = Array(id.utf8)
        var headers: [(key: String, value: String)] = []
        let value: [UInt8]
        switch kind {
        case "truncated JSON":
            let full = Array(#"{\#(base),"text":"Bin not collected on Mill Lane"}"#.utf8)
            value = Array(full.prefix(Int.random(in: 1..<(full.count - 1), using: &rng)))
        case "not JSON":
            value = Array("contact \(id): please fix the pothole <script>alert(1)</script>".utf8)
        case "wrong type":
            let variants = [#""channel":true"#, #""text":42"#, #""received_at":17000000"#, #""contact_id":["a"]"#, #""preferences":"yes""#, #""attachments":{}"#]
            let v = variants[Int.random(in: 0..<variants.count, using: &rng)]
            let field = String(v.split(separator: ":")[0])
            let rest = [#""schema_version":"1.0""#, #""contact_id":"\#(id)""#, #""channel":"email""#, #""received_at":"\#(time)""#, #""text":"x \#(id)""#]
                .filter { !$0.hasPrefix(field) }
            value = contact((rest + [v, #""nonce":"\#(id)""#]).joined(separator: ","))
        case "missing field":
            let fields = [#""contact_id":"\#(id)""#, #""channel":"email""#, #""received_at":"\#(time)""#, #""text":"hello \#(id)""#]
            let drop = Int.random(in: 0..<fields.count, using: &rng)
            value = contact(([#""schema_version":"1.0""#, #""nonce":"\#(id)""#] + fields.enumerated().filter { $0.offset != drop }.map(\.element)).joined(separator: ","))
        case "invalid UTF-8":
            value = Array(#"{\#(base),"text":"caf"#.utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(#""}"#.utf8)
        case "control characters":
            value = contact(#"\#(base),"text":"street light \u0000\u001b[31m out""#)
        case "oversized text":
            value = contact(#"\#(base),"text":"\#(String(repeating: "The street light is out. ", count: 1_000 + Int.random(in: 0..<3_000, using: &rng)))""#)
        case "unknown channel":
            let channels = ["fax", "EMAIL", "carrier pigeon", "", "sms"]
            value = contact(#""schema_version":"1.0","contact_id":"\#(id)","channel":"\#(channels[index % channels.count])","received_at":"\#(time)","text":"hi""#)
        case "future schema version":
            value = contact(#""schema_version":"\#(2 + index % 7).0","contact_id":"\#(id)","channel":"bot","received_at":"\#(time)","text":"hi""#)
        case "missing schema version":
            value = contact(#""contact_id":"\#(id)","channel":"bot","received_at":"\#(time)","text":"hi""#)
        case "array":
            value = Array(#"[{"contact_id":"\#(id)"}]"#.utf8)
        case "string":
            value = Array(#""\#(id)""#.utf8)
        case "number":
            value = Array("\(index)".utf8)
        case "null":
            value = Array("null".utf8) + Array(repeating: 0x20, count: index % 50)  // unique by trailing spaces
            key = nil
        case "empty value":
            value = []
            key = Array("empty-\(id)".utf8)
        case "empty text":
            value = contact(#"\#(base),"text":" \n\t ""#)
        case "bad contact id":
            value = contact(#""schema_version":"1.0","contact_id":"has space \#(index)","channel":"bot","received_at":"\#(time)","text":"hi""#)
            key = nil
        case "long contact id":
            value = contact(#""schema_version":"1.0","contact_id":"\#(id)-\#(String(repeating: "x", count: 200))","channel":"bot","received_at":"\#(time)","text":"hi""#)
        case "future date":
            value = contact(#""schema_version":"1.0","contact_id":"\#(id)","channel":"bot","received_at":"2999-01-01T00:00:00Z","text":"hi""#)
        case "bad date":
            value = contact(#""schema_version":"1.0","contact_id":"\#(id)","channel":"bot","received_at":"yesterday","text":"hi""#)
        case "too many attachments":
            let one = #"{"kind":"document","store":"s","id":"a","media_type":"text/plain","captured_at":"\#(time)"}"#
            value = contact(#"\#(base),"text":"see attached","attachments":[\#(Array(repeating: one, count: 25).joined(separator: ","))]"#)
        case "bad attachment":
            value = contact(#"\#(base),"text":"see attached","attachments":[{"kind":"hologram","store":"s","id":"a","media_type":"x","captured_at":"\#(time)"}]"#)
        case "deeply nested":
            value = Array((String(repeating: "[", count: 512) + "\"\(id)\"" + String(repeating: "]", count: 512)).utf8)
        case "wrong event type header":
            value = contact(#"\#(base),"text":"a perfectly good contact under the wrong type""#)
            headers = [("ce_specversion", "1.0"), ("ce_type", "uk.gov.worcestershire.signpost.EnquiryLogged.v1"), ("ce_id", id)]
        default: // "huge number"
            value = contact(#""schema_version":"1.0","contact_id":"\#(id)","channel":"bot","received_at":1e999,"text":"hi""#)
        }
        if kind != "wrong event type header", Int.random(in: 0..<4, using: &rng) == 0 {
            headers = [("x-garbage", String(repeating: "\u{FFFD}", count: index % 5)), ("ce_type", "nonsense")]
        }
        return HostileRecord(kind: kind, key: key, value: value, headers: headers)
    }
}
