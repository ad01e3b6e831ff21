import Foundation

/// A schema version, `major.minor`. A consumer reads any minor version of a major it knows
/// (new fields are ignored); an unknown major is rejected, never guessed at.
public struct SchemaVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.0"` or `"1"`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              let major = Int(parts[0]), major >= 0,
              let minor = parts.count == 2 ? Int(parts[1]) : 0, minor >= 0
        else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SchemaVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "schema version '\(text)' is not of the form major.minor"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// One event of Signpost's schema: a Codable value with a type name and a schema version.
///
/// On Kafka an event travels as a CloudEvent in binary mode: the JSON body is the value,
/// `ce_*` headers carry the envelope and the key is ``subject``.
public protocol SignpostEvent: Codable, Sendable, Equatable {
    /// The event's type name, such as `EnquiryLogged`; also names its JSON Schema.
    static var typeName: String { get }
    /// The version this code writes; it reads every minor version of the same major.
    static var schemaVersion: SchemaVersion { get }
    /// The enquiry reference (or the contact id before intake): the Kafka key and `ce_subject`,
    /// so that one enquiry's events stay in order on one partition.
    var subject: String { get }
    /// The event's identity, derived from what it is about (never random): an event produced
    /// twice, after a crash or a rebalance, has the same id both times. It is the CloudEvents
    /// `id`, so consumers can recognise repeats by `ce_source` and `ce_id`.
    var eventID: String { get }
}

extension SignpostEvent {
    /// The CloudEvents `type`, reverse-DNS and versioned by major, e.g. `uk.gov.worcestershire.signpost.EnquiryLogged.v1`.
    public static var cloudEventType: String {
        "\(CloudEventHeaders.typePrefix)\(typeName).v\(schemaVersion.major)"
    }

    /// The JSON Schema that describes this event, relative to the topic catalogue.
    public static var dataSchema: String { "schemas/\(typeName).v\(schemaVersion.major).json" }
}
