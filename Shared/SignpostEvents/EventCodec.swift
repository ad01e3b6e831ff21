import Foundation

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
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            if let date = try? fractionalFormat.parse(text) { return date }
            if let date = try? wholeSecondFormat.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 date-time such as 2026-11-29T09:30:00Z")
        }
        return decoder
    }

    // Built once: an encoder or decoder is never reconfigured after `make…()`, and encoding and
    // decoding with one are safe from several threads at once.
    private static let sharedEncoder = makeEncoder()
    private static let sharedDecoder = makeDecoder()

    private static let fractionalFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSecondFormat = Date.ISO8601FormatStyle()

    /// Formats a date the way events carry it: UTC, milliseconds rounded to nearest, so that a
    /// date read from the wire is written back unchanged (no drift from event to event).
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = remainder < 0 ? seconds - 1 : seconds
        let fraction = remainder < 0 ? remainder + 1000 : remainder
        let text = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(wholeSecondFormat)
        return "\(text.dropLast()).\(String(format: "%03d", fraction))Z"
    }

    /// Encodes an event with its schema version.
    public static func encode<E: SignpostEvent>(_ event: E) -> [UInt8] {
        do {
            return Array(try sharedEncoder.encode(Versioned(event: event)))
        } catch {
            // Every event type is plain data (strings, numbers, dates, enums): encoding cannot fail.
            preconditionFailure("encoding \(E.typeName) failed: \(error)")
        }
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
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw EventRejection(.invalidUTF8, "the value is not valid UTF-8; events are UTF-8 JSON")
        }
        let data = Data(bytes)
        let decoder = sharedDecoder
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw rejection(for: error, typeName: E.typeName)
        }
        guard let versionText = probe.schemaVersion else {
            throw EventRejection(.missingField, "schema_version is missing; \(E.typeName) writers must send \"\(E.schemaVersion)\"")
        }
        guard let version = SchemaVersion(versionText) else {
            throw EventRejection(.invalidValue, "schema_version '\(versionText)' is not of the form major.minor")
        }
        guard version.major == E.schemaVersion.major else {
            throw EventRejection(
                .unsupportedSchemaVersion,
                "\(E.typeName) schema version \(version) is not supported; this service reads \(E.schemaVersion.major).x — upgrade the service or send major \(E.schemaVersion.major)"
            )
        }
        do {
            return try decoder.decode(E.self, from: data)
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
