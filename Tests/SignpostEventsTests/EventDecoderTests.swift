import Foundation
@testable import SignpostEvents
import Testing

/// `EventCodec.decode` reads well-formed records with its own decoder and leaves the rest to
/// Foundation's; these hold the pair to what Foundation alone gives, value for value and
/// rejection for rejection, on the schema samples and on thousands of damaged copies of them.
@Suite("Event decoder") struct EventDecoderTests {
    @Test(arguments: SchemaSamples.all)
    func everySampleIsReadByTheFastDecoderAsFoundationReadsIt(_ sample: SchemaSample) {
        let verdicts = sample.verdicts(sample.encoded)
        #expect(verdicts.readByFastDecoder, "\(sample): \(verdicts.summary)")
        #expect(!verdicts.fastDecoderDisagrees, "\(sample): \(verdicts.summary)")
        #expect(verdicts.sameResult, "\(sample): \(verdicts.summary)")
    }

    @Test(arguments: SchemaSamples.all)
    func damagedRecordsGetFoundationsValueOrRejection(_ sample: SchemaSample) throws {
        var checked = 0
        var readFast = 0
        for bytes in Damage.variants(of: sample.encoded) where !bytes.isEmpty {
            let verdicts = sample.verdicts(bytes)
            #expect(!verdicts.fastDecoderDisagrees, "\(sample) \(String(decoding: bytes, as: UTF8.self)): \(verdicts.summary)")
            #expect(verdicts.sameResult, "\(sample) \(String(decoding: bytes, as: UTF8.self)): \(verdicts.summary)")
            checked += 1
            if verdicts.readByFastDecoder { readFast += 1 }
        }
        #expect(checked > 200)
        // Whitespace, escapes and reordered keys still decode on the fast path.
        #expect(readFast > 10)
    }

    @Test func plainFormsAreReadAndDoubtfulOnesLeftToFoundation() throws {
        let base = String(decoding: EventCodec.encode(SchemaSamples.fullContact), as: UTF8.self)
        // Escapes, a surrogate pair and whitespace are JSON this decoder reads itself.
        let escaped = base.replacingOccurrences(of: "\"text\":\"", with: " \"text\" : \"\\u00e9\\ud83d\\ude00\\n\\/\\\"")
        let read = try #require(EventCodec.fastDecode(ContactReceived.self, from: Array(escaped.utf8)))
        #expect(read.text.hasPrefix("é😀\n/\""))
        // Two spellings of one key, a lone surrogate, trailing text: Foundation decides.
        for doubtful in [
            base.replacingOccurrences(of: "\"text\":", with: "\"text\":\"a\",\"text\":"),
            base.replacingOccurrences(of: "\"text\":\"", with: "\"text\":\"\\ud800"),
            base + "x",
        ] {
            #expect(EventCodec.fastDecode(ContactReceived.self, from: Array(doubtful.utf8)) == nil, "\(doubtful)")
            let public_ = Result { () throws(EventRejection) in try EventCodec.decode(ContactReceived.self, from: Array(doubtful.utf8)) }
            let foundation = Result { () throws(EventRejection) in try EventCodec.foundationDecode(ContactReceived.self, from: Array(doubtful.utf8)) }
            #expect(public_ == foundation)
        }
    }

    @Test func nestingDeeperThanTheLimitIsLeftToFoundation() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let bytes = Array("{\"schema_version\":\"1.0\",\"contact_id\":\(deep)}".utf8)
        #expect(EventCodec.fastDecode(ContactReceived.self, from: bytes) == nil)
        #expect(throws: EventRejection.self) { try EventCodec.decode(ContactReceived.self, from: bytes) }
    }
}

/// Damaged copies of a record: every field given every kind of wrong or odd value, removed,
/// repeated and renamed, plus cuts, changed bytes, whitespace and escapes.
enum Damage {
    static let oddValues = [
        "null", "true", "0", "-0", "1", "1.0", "1e2", "-1", "99999999999999999999", "1e400", "1e-400", "0.5", "\"\"", "\"x\"",
        "\"2026-11-29T10:00:00Z\"", "\"2026-11-29T10:00:00.123Z\"", "\"not a date\"", "[]", "[1]", "[\"a\",null]", "{}", "{\"a\":1}",
        "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"phone\"", "\"1.0\"", "\"0.5\"",
    ]

    static func variants(of encoded: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        guard let object = try? JSONSerialization.jsonObject(with: Data(encoded)) as? [String: Any] else { return out }
        let text = String(decoding: encoded, as: UTF8.self)
        func json(_ value: [String: Any]) -> [UInt8] {
            Array((try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data())
        }
        func replacing(_ key: String, in object: [String: Any], with literal: String) -> [UInt8] {
            var copy = object
            copy[key] = "\u{1}PLACEHOLDER\u{1}"
            let body = String(decoding: json(copy), as: UTF8.self)
            return Array(body.replacingOccurrences(of: "\"\\u0001PLACEHOLDER\\u0001\"", with: literal).utf8)
        }
        for key in object.keys.sorted() {
            for literal in oddValues { out.append(replacing(key, in: object, with: literal)) }
            var removed = object
            removed[key] = nil
            out.append(json(removed))
            // The same value under Foundation's other spellings of the key.
            for spelling in [key.uppercased(), key.replacingOccurrences(of: "_", with: "__"), "_" + key, key + "_"] where spelling != key {
                var renamed = object
                renamed[spelling] = renamed[key]
                out.append(json(renamed))
                renamed[key] = nil
                out.append(json(renamed))
            }
            // The key twice.
            let body = String(decoding: json(object), as: UTF8.self)
            out.append(Array(body.replacingOccurrences(of: "{", with: "{\"\(key)\":null,", options: [], range: body.startIndex..<body.index(after: body.startIndex)).utf8))
            // Nested objects get the same treatment one level down.
            if let nested = object[key] as? [String: Any] {
                for inner in nested.keys.sorted() {
                    for literal in ["null", "1", "\"x\"", "[]", "{}", "true"] {
                        var copy = object
                        copy[key] = "\u{1}PLACEHOLDER\u{1}"
                        let innerBody = String(decoding: replacing(inner, in: nested, with: literal), as: UTF8.self)
                        out.append(Array(String(decoding: json(copy), as: UTF8.self).replacingOccurrences(of: "\"\\u0001PLACEHOLDER\\u0001\"", with: innerBody).utf8))
                    }
                }
            }
        }
        // Whitespace everywhere JSON allows it, and escaped forms of plain characters.
        out.append(Array(text.replacingOccurrences(of: ",", with: " ,\n\t").replacingOccurrences(of: ":", with: " : ").utf8))
        out.append(Array(("\r\n " + text + " \n").utf8))
        out.append(Array(text.replacingOccurrences(of: "a", with: "\\u0061").utf8))
        out.append(Array(text.replacingOccurrences(of: "e", with: "\\u0065").replacingOccurrences(of: "/", with: "\\/").utf8))
        out.append(json(object))
        // Cuts, replaced, inserted and removed bytes, spread over the whole record.
        let step = max(1, encoded.count / 30)
        for position in stride(from: 0, to: encoded.count, by: step) {
            out.append(Array(encoded.prefix(position)))
            for byte: UInt8 in [0x00, 0x22, 0x5C, 0x7B, 0x5D, 0x2C, 0xFF] {
                var replaced = encoded
                replaced[position] = byte
                out.append(replaced)
                var inserted = encoded
                inserted.insert(byte, at: position)
                out.append(inserted)
            }
            var removed = encoded
            removed.remove(at: position)
            out.append(removed)
        }
        return out
    }
}
