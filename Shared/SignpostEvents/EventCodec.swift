import Foundation
import Synchronization

/// Why an input record was refused; the runtime turns it into a ``DeadLetter``.
public struct EventRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: DeadLetterReason
    /// What was wrong and, where it helps, what the sender should do instead.
    public var detail: String

    public init(_ reason: DeadLetterReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue): \(detail)" }
}

/// The one JSON form of every event: snake_case keys, ISO 8601 dates with fractional
/// seconds, a `schema_version` field beside the event's own fields.
public enum EventCodec {
    /// The largest event body accepted on input, in bytes.
    public static let maximumBodyBytes = 1_000_000

    /// A JSON encoder with Signpost's conventions (sorted keys, so output is deterministic).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(format(date))
        }
        return encoder
    }

    /// A JSON decoder with Signpost's conventions; unknown fields are ignored.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        // `.convertFromSnakeCase`, with each distinct key converted once (see `CamelCaseKeys`).
        decoder.keyDecodingStrategy = .custom { path in CamelCaseKeys.key(for: path[path.count - 1]) }
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            if let date = parseDate(text) { return date }
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 date-time such as 2026-11-29T09:30:00Z")
        }
        return decoder
    }

    // Built once: a decoder is never reconfigured after `makeDecoder()`, and decoding with one is
    // safe from several threads at once.
    private static let sharedDecoder = makeDecoder()

    private static let fractionalFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSecondFormat = Date.ISO8601FormatStyle()

    /// Seconds from 1970 to 2001, the reference date `Date` counts from.
    private static let epochToReference: Int64 = 978_307_200

    /// Formats a date the way events carry it: UTC, milliseconds rounded to nearest, so that a
    /// date read from the wire is written back unchanged (no drift from event to event).
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = remainder < 0 ? seconds - 1 : seconds
        let fraction = remainder < 0 ? remainder + 1000 : remainder
        // Written by hand (this runs for every date of every event): `yyyy-MM-ddTHH:mm:ss.SSSZ`,
        // what ISO8601FormatStyle writes, for the years it writes with four digits.
        let days = wholeSeconds >= 0 ? wholeSeconds / 86_400 : (wholeSeconds - 86_399) / 86_400
        let secondOfDay = Int(wholeSeconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        guard (1...9999).contains(year) else {
            let text = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(wholeSecondFormat)
            return "\(text.dropLast()).\(String(format: "%03d", fraction))Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ digits: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = 0x2D
            put(month, 2, at: 5)
            buffer[7] = 0x2D
            put(day, 2, at: 8)
            buffer[10] = 0x54
            put(secondOfDay / 3600, 2, at: 11)
            buffer[13] = 0x3A
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = 0x3A
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = 0x2E
            put(Int(fraction), 3, at: 20)
            buffer[23] = 0x5A
            return 24
        }
    }

    /// Parses an event date: ISO 8601 with or without fractional seconds. The usual forms
    /// (`…:ssZ`, `…:ss.SSSZ`, valid fields) are read by hand to the same `Date` as
    /// ISO8601FormatStyle gives; anything else goes to ISO8601FormatStyle, as before.
    public static func parseDate(_ text: String) -> Date? {
        if let date = parseCanonicalDate(text) { return date }
        if let date = try? fractionalFormat.parse(text) { return date }
        if let date = try? wholeSecondFormat.parse(text) { return date }
        return nil
    }

    static func parseCanonicalDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 20 || b.count == 24 else { return nil }
            func digits(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let d = Int(b[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    value = value * 10 + d
                }
                return value
            }
            guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[b.count - 1] == 0x5A,
                  let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                  let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
                  year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            var milliseconds = 0
            if b.count == 24 {
                guard b[19] == 0x2E, let ms = digits(20, 3) else { return nil }
                milliseconds = ms
            }
            let seconds = days(fromCivil: year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            // ISO8601FormatStyle adds the fraction in its own way; from 2020 on (reference
            // intervals ≥ 2^29 s, where a double's step is 1.2e-7 s) the sums agree bit for bit,
            // before that some differ in the last bit (the tests found 2000 and 2001 dates):
            // leave earlier dates to it.
            guard seconds >= 1_577_836_800 else { return nil }
            // The same arithmetic as ISO8601FormatStyle's result, to the last bit.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - epochToReference) + Double(milliseconds) / 1000)
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Encodes an event with its schema version, exactly as ``makeEncoder()`` would write it
    /// (see `EventJSONEncoder`; the tests compare the two byte for byte).
    public static func encode<E: SignpostEvent>(_ event: E) -> [UInt8] {
        do {
            return try EventJSONEncoder.encode(Versioned(event: event))
        } catch {
            // Every event type is plain data (strings, numbers, dates, enums): encoding cannot fail.
            preconditionFailure("encoding \(E.typeName) failed: \(error)")
        }
    }

    /// Encodes an event with Foundation's `JSONEncoder` configured by ``makeEncoder()``, as
    /// ``encode(_:)`` did before it had its own encoder: the reference that encoder is held to
    /// (byte for byte, in the schema tests). Slow; not for the services.
    public static func foundationEncode<E: SignpostEvent>(_ event: E) -> [UInt8] {
        Array(try! makeEncoder().encode(Versioned(event: event)))
    }

    /// Encodes an event of any type with its schema version.
    public static func encode(any event: any SignpostEvent) -> [UInt8] {
        encode(event)
    }

    /// Decodes an event, checking UTF-8, size, JSON, the schema's major version, and each field.
    public static func decode<E: SignpostEvent>(_ type: E.Type, from bytes: [UInt8]) throws(EventRejection) -> E {
        guard bytes.count <= maximumBodyBytes else {
            throw EventRejection(.oversized, "\(E.typeName) body is \(bytes.count) bytes; the limit is \(maximumBodyBytes)")
        }
        guard !bytes.isEmpty else { throw EventRejection(.invalidJSON, "the record has no value; expected a \(E.typeName) JSON object") }
        // Well-formed records, nearly all of them, are read by Signpost's own decoder (which reads
        // only valid UTF-8: every string is checked, everything else must be JSON's ASCII). Anything
        // it is not sure of, and every refusal, is decided by Foundation's.
        if let event = fastDecode(type, from: bytes) { return event }
        return try foundationDecode(type, from: bytes)
    }

    /// The event as `EventJSONDecoder` reads it, or nil where it leaves the record to Foundation.
    static func fastDecode<E: SignpostEvent>(_ type: E.Type, from bytes: [UInt8]) -> E? {
        EventJSONDecoder.decode(VersionedDecoding<E>.self, from: bytes)?.event
    }

    /// Decodes an event with Foundation's `JSONDecoder` configured by ``makeDecoder()``: the
    /// reference `EventJSONDecoder` is held to, and the decoder of every record it leaves.
    public static func foundationDecode<E: SignpostEvent>(_ type: E.Type, from bytes: [UInt8]) throws(EventRejection) -> E {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw EventRejection(.invalidUTF8, "the value is not valid UTF-8; events are UTF-8 JSON")
        }
        // One pass over the JSON: the schema version is checked first, inside the same decode.
        do {
            return try sharedDecoder.decode(VersionedDecoding<E>.self, from: Data(bytes)).event
        } catch let error as VersionRefusal {
            throw error.rejection
        } catch {
            throw rejection(for: error, typeName: E.typeName)
        }
    }

    static func rejection(for error: any Error, typeName: String) -> EventRejection {
        guard let error = error as? DecodingError else {
            return EventRejection(.invalidJSON, "\(typeName): \(error)")
        }
        func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? snake($0.stringValue) }.joined(separator: ".")
            return text.isEmpty ? "the value" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return EventRejection(.missingField, "\(typeName): required field \(path(context, key)) is missing")
        case .valueNotFound(_, let context):
            return EventRejection(.missingField, "\(typeName): field \(path(context)) is null but required")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return EventRejection(.invalidJSON, "\(typeName): the value is not a JSON object")
        case .typeMismatch(let type, let context):
            return EventRejection(.wrongType, "\(typeName): field \(path(context)) should be \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return EventRejection(.invalidJSON, "\(typeName): the value is not a JSON object (\(context.debugDescription))")
            }
            let field = path(context)
            if context.codingPath.last?.stringValue == "channel" {
                return EventRejection(.unknownChannel, "\(typeName): channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return EventRejection(.invalidValue, "\(typeName): field \(field) has an invalid value (\(context.debugDescription))")
        @unknown default:
            return EventRejection(.invalidJSON, "\(typeName): \(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "an array" : "an object"
        }
    }

    private static func snake(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}

/// The event's fields with `schema_version` beside them in the same JSON object.
private struct Versioned<E: SignpostEvent>: Encodable {
    var event: E
    enum Keys: String, CodingKey { case schemaVersion }
    func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(E.schemaVersion, forKey: .schemaVersion)
    }
}

/// An event read after its `schema_version` was checked, in one decode of the JSON.
private struct VersionedDecoding<E: SignpostEvent>: Decodable {
    var event: E

    init(from decoder: any Decoder) throws {
        let probe = try VersionProbe(from: decoder)
        guard let versionText = probe.schemaVersion else {
            throw VersionRefusal(EventRejection(.missingField, "schema_version is missing; \(E.typeName) writers must send \"\(E.schemaVersion)\""))
        }
        guard let version = SchemaVersion(versionText) else {
            throw VersionRefusal(EventRejection(.invalidValue, "schema_version '\(versionText)' is not of the form major.minor"))
        }
        guard version.major == E.schemaVersion.major else {
            throw VersionRefusal(EventRejection(
                .unsupportedSchemaVersion,
                "\(E.typeName) schema version \(version) is not supported; this service reads \(E.schemaVersion.major).x — upgrade the service or send major \(E.schemaVersion.major)"
            ))
        }
        event = try E(from: decoder)
    }
}

/// A refusal on the schema version, passed out of the decoder unchanged.
private struct VersionRefusal: Error {
    var rejection: EventRejection
    init(_ rejection: EventRejection) { self.rejection = rejection }
}

private struct VersionProbe: Decodable {
    var schemaVersion: String?
    enum CodingKeys: String, CodingKey { case schemaVersion }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A non-string version counts as absent-or-wrong; report it as a wrong type.
        if c.contains(.schemaVersion), (try? c.decodeNil(forKey: .schemaVersion)) == false {
            schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        } else {
            schemaVersion = nil
        }
    }
}

// MARK: - The event encoder

/// Writes events the way `EventCodec.makeEncoder()` (Foundation's `JSONEncoder` with snake_case
/// keys, sorted keys, unescaped slashes and `EventCodec.format` dates) writes them, byte for
/// byte, at a fraction of the cost: converted keys are cached, dates are formatted by hand and
/// the output is written straight into one byte buffer.
struct EventJSONEncoder {
    /// Encodes `value` as JSON.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = JSONEncodingNode()
        try EventJSONEncoderImpl(node: root, path: nil, convertKeys: true).encodeValue(value)
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        root.value.write(to: &out)
        return out
    }
}

/// One JSON value being built.
enum JSONEncodedValue {
    case null
    case bool(Bool)
    /// A number, already in its JSON form.
    case number(String)
    case string(String)
    case object(JSONObjectStorage)
    case array(JSONArrayStorage)
    /// A value whose encoder wrote nothing: Foundation writes `{}`.
    case empty
    /// A nested container's value, filled in after it was placed.
    case deferred(JSONEncodingNode)

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): b ? out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) : out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONEncodedValue.writeString(text, to: &out)
        case .empty: out.append(contentsOf: [0x7B, 0x7D])
        case .deferred(let node): node.value.write(to: &out)
        case .array(let storage):
            out.append(0x5B)
            var first = true
            for item in storage.items {
                if !first { out.append(0x2C) }
                first = false
                item.write(to: &out)
            }
            out.append(0x5D)
        case .object(let storage):
            out.append(0x7B)
            var first = true
            for (key, value) in storage.sortedEntries() {
                if !first { out.append(0x2C) }
                first = false
                JSONEncodedValue.writeString(key, to: &out)
                out.append(0x3A)
                value.write(to: &out)
            }
            out.append(0x7D)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string as Foundation writes it: `"` and `\` escaped, \b \f \n \r \t by name, other
    /// controls as `\u00xx`, everything else (slashes, non-ASCII) as is.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                start = i + 1
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(0x22)
    }
}

final class JSONObjectStorage {
    var entries: [(key: String, value: JSONEncodedValue)] = []

    init() { entries.reserveCapacity(16) }

    /// Sorted by key; a key set twice keeps its last value (as a dictionary would).
    func sortedEntries() -> [(String, JSONEncodedValue)] {
        let indexed = entries.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }
        var out: [(String, JSONEncodedValue)] = []
        out.reserveCapacity(indexed.count)
        for (i, entry) in indexed.enumerated() {
            if i + 1 < indexed.count, indexed[i + 1].element.key == entry.element.key { continue }
            out.append((entry.element.key, entry.element.value))
        }
        return out
    }
}

final class JSONArrayStorage {
    var items: [JSONEncodedValue] = []
}

/// Where one value goes: filled in when the value is encoded (or later, for a nested container).
final class JSONEncodingNode {
    var value: JSONEncodedValue = .empty
}

/// A marker for `[String: V]`, whose keys Foundation never converts.
private protocol StringKeyedDictionary {}
extension Dictionary: StringKeyedDictionary where Key == String {}

struct EventJSONEncoderImpl: Encoder {
    let node: JSONEncodingNode
    /// The key of this value and its parents', walked only when someone asks for `codingPath`.
    let path: CodingPathNode?
    let convertKeys: Bool

    init(node: JSONEncodingNode, path: CodingPathNode?, convertKeys: Bool) {
        self.node = node
        self.path = path
        self.convertKeys = convertKeys
    }

    var codingPath: [any CodingKey] { path?.keys ?? [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let storage: JSONObjectStorage
        if case .object(let existing) = node.value {
            storage = existing
        } else {
            storage = JSONObjectStorage()
            node.value = .object(storage)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let storage: JSONArrayStorage
        if case .array(let existing) = node.value {
            storage = existing
        } else {
            storage = JSONArrayStorage()
            node.value = .array(storage)
        }
        return UnkeyedContainer(encoder: self, storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// A child encoder for a value under `key`.
    func child(_ node: JSONEncodingNode, key: any CodingKey, convertKeys: Bool = true) -> EventJSONEncoderImpl {
        EventJSONEncoderImpl(node: node, path: CodingPathNode(parent: path, key: key), convertKeys: convertKeys)
    }

    /// The JSON of a leaf value, or nil when `value` needs its own encoder.
    static func leaf<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws -> JSONEncodedValue? {
        // Metatype comparisons first: cheap, where a failing `as?` cast is not.
        let type = T.self
        if type == String.self { return .string(value as! String) }
        if type == Date.self { return .string(EventCodec.format(value as! Date)) }
        if type == Int.self { return .number(String(value as! Int)) }
        if type == Bool.self { return .bool(value as! Bool) }
        if type == Double.self { return .number(try number(value as! Double, path: path())) }
        if type == Int32.self { return .number(String(value as! Int32)) }
        if type == Int64.self { return .number(String(value as! Int64)) }
        if type == Float.self {
            let v = value as! Float
            return .number(try number(Double(v), description: v.description, path: path()))
        }
        if type == Int8.self { return .number(String(value as! Int8)) }
        if type == Int16.self { return .number(String(value as! Int16)) }
        if type == UInt.self { return .number(String(value as! UInt)) }
        if type == UInt8.self { return .number(String(value as! UInt8)) }
        if type == UInt16.self { return .number(String(value as! UInt16)) }
        if type == UInt32.self { return .number(String(value as! UInt32)) }
        if type == UInt64.self { return .number(String(value as! UInt64)) }
        return nil
    }

    static func number(_ value: Double, description: String? = nil, path: [any CodingKey]) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        var text = description ?? value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Encodes any value into this encoder's node.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let leaf = try Self.leaf(value, path: codingPath) {
            node.value = leaf
            return
        }
        if value is any StringKeyedDictionary, convertKeys {
            try value.encode(to: EventJSONEncoderImpl(node: node, path: path, convertKeys: false))
        } else {
            try value.encode(to: self)
        }
    }

    /// The value under `key` of a container of this encoder.
    func encodeChild<T: Encodable>(_ value: T, key: any CodingKey) throws -> JSONEncodedValue {
        if let leaf = try Self.leaf(value, path: codingPath + [key]) { return leaf }
        let node = JSONEncodingNode()
        try child(node, key: key).encodeValue(value)
        return node.value
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: EventJSONEncoderImpl
        let storage: JSONObjectStorage
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func name(_ key: Key) -> String {
            encoder.convertKeys ? SnakeCaseKeys.convert(key.stringValue) : key.stringValue
        }

        private func put(_ key: Key, _ value: JSONEncodedValue) {
            storage.entries.append((name(key), value))
        }

        mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            storage.entries.append((name(key), try encoder.encodeChild(value, key: key)))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let node = JSONEncodingNode()
            storage.entries.append((name(key), .deferred(node)))
            return encoder.child(node, key: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let node = JSONEncodingNode()
            storage.entries.append((name(key), .deferred(node)))
            return encoder.child(node, key: key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let node = JSONEncodingNode()
            storage.entries.append((name(key), .deferred(node)))
            return encoder.child(node, key: key)
        }
        private mutating func superEncoder(named name: String) -> any Encoder {
            let node = JSONEncodingNode()
            storage.entries.append((encoder.convertKeys ? SnakeCaseKeys.convert(name) : name, .deferred(node)))
            return encoder.child(node, key: PlainKey(name))
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: EventJSONEncoderImpl
        let storage: JSONArrayStorage
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { storage.items.count }

        private var nextKey: PlainKey { PlainKey(index: storage.items.count) }

        mutating func encodeNil() throws { storage.items.append(.null) }
        mutating func encode(_ value: Bool) throws { storage.items.append(.bool(value)) }
        mutating func encode(_ value: String) throws { storage.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { storage.items.append(.number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            storage.items.append(try encoder.encodeChild(value, key: nextKey))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let storageObject = JSONObjectStorage()
            let node = JSONEncodingNode()
            node.value = .object(storageObject)
            let key = nextKey
            storage.items.append(.object(storageObject))
            return encoder.child(node, key: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let storageArray = JSONArrayStorage()
            let node = JSONEncodingNode()
            node.value = .array(storageArray)
            let key = nextKey
            storage.items.append(.array(storageArray))
            return encoder.child(node, key: key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            // Rare (class hierarchies); encode into a fresh object placed now.
            let storageObject = JSONObjectStorage()
            let node = JSONEncodingNode()
            node.value = .object(storageObject)
            let key = nextKey
            storage.items.append(.object(storageObject))
            return encoder.child(node, key: key)
        }
    }
}

extension EventJSONEncoderImpl: SingleValueEncodingContainer {
    mutating func encodeNil() throws { node.value = .null }
    mutating func encode(_ value: Bool) throws { node.value = .bool(value) }
    mutating func encode(_ value: String) throws { node.value = .string(value) }
    mutating func encode(_ value: Int) throws { node.value = .number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
}

struct PlainKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

// MARK: - Keys

/// camelCase → snake_case exactly as Foundation's `.convertToSnakeCase` does it, cached: events
/// use a few dozen distinct keys, converted once per process instead of once per field.
enum SnakeCaseKeys {
    private static let cache = Mutex<[String: String]>([:])

    static func convert(_ key: String) -> String {
        if let known = cache.withLock({ $0[key] }) { return known }
        let converted = convertUncached(key)
        // Keys come from the events' code, not from input, so the cache stays small.
        cache.withLock { $0[key] = converted }
        return converted
    }

    /// Asks Foundation itself, so the result is its own by construction.
    static func convertUncached(_ key: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(name: key)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let converted = object.keys.first
        else { return key }
        return converted
    }

    private struct OneKey: Encodable {
        var name: String
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: PlainKey.self)
            try c.encodeNil(forKey: PlainKey(name))
        }
    }
}

/// snake_case → camelCase exactly as Foundation's `.convertFromSnakeCase` does it, cached.
enum CamelCaseKeys {
    /// Keys come from input, so at most this many are remembered (hostile input with endless
    /// new keys is converted each time, not stored).
    static let limit = 4096
    private static let cache = Mutex<[String: String]>([:])

    static func key(for key: any CodingKey) -> any CodingKey {
        if key.intValue != nil { return key }
        return PlainKey(name(for: key.stringValue))
    }

    /// The camelCase name of a snake_case key (see ``key(for:)``).
    static func name(for key: String) -> String {
        if let known = cache.withLock({ $0[key] }) { return known }
        let converted = convertUncached(key)
        cache.withLock { if $0.count < limit { $0[key] = converted } }
        return converted
    }

    /// Asks Foundation itself, so the result is its own by construction.
    static func convertUncached(_ name: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [name: 0]) else { return name }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try? decoder.decode(AllKeys.self, from: data))?.first ?? name
    }

    private struct AllKeys: Decodable {
        var first: String?
        init(from decoder: any Decoder) throws {
            first = try decoder.container(keyedBy: PlainKey.self).allKeys.first?.stringValue
        }
    }
}
