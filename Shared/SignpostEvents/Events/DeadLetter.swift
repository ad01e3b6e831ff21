import Foundation

/// Why a record could not be processed.
public enum DeadLetterReason: String, Codable, Sendable, CaseIterable, Hashable {
    case invalidUTF8 = "invalid_utf8"
    case invalidJSON = "invalid_json"
    case missingField = "missing_field"
    case wrongType = "wrong_type"
    case invalidValue = "invalid_value"
    case unknownChannel = "unknown_channel"
    case unsupportedSchemaVersion = "unsupported_schema_version"
    case unknownEventType = "unknown_event_type"
    case oversized
    case emptyText = "empty_text"
    case controlCharacters = "control_characters"
    case duplicate
    case surveyInvalid = "survey_invalid"
    case processingFailed = "processing_failed"
}

/// A record that could not be processed, kept whole with the reason so nothing is lost.
/// Holds the original bytes, so it may hold personal data.
public struct DeadLetter: SignpostEvent {
    public static let typeName = "DeadLetter"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// A header of the original record.
    public struct Header: Codable, Sendable, Hashable {
        public var key: String
        /// Base64 of the value; nil for a null header.
        public var valueBase64: String?

        public init(key: String, valueBase64: String?) {
            self.key = key
            self.valueBase64 = valueBase64
        }
    }

    public var deadLetterId: String
    /// The service that rejected the record.
    public var rejectedBy: String
    public var reason: DeadLetterReason
    /// What was wrong, for a person: the field, the expected form.
    public var detail: String
    public var sourceTopic: String
    public var sourcePartition: Int32
    public var sourceOffset: Int64
    /// Base64 of the original key; nil when it had none.
    public var originalKeyBase64: String?
    /// Base64 of the original value, byte for byte.
    public var originalValueBase64: String
    public var originalHeaders: [Header]
    public var failedAt: Date

    public var eventID: String { deadLetterId }

    /// The original key when it is text, else the source position.
    public var subject: String {
        if let k = originalKeyBase64, let data = Data(base64Encoded: k), let text = String(data: data, encoding: .utf8), !text.isEmpty {
            return text
        }
        return "\(sourceTopic)/\(sourcePartition)/\(sourceOffset)"
    }

    public init(
        deadLetterId: String, rejectedBy: String, reason: DeadLetterReason, detail: String,
        sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64,
        originalKeyBase64: String?, originalValueBase64: String, originalHeaders: [Header], failedAt: Date
    ) {
        self.deadLetterId = deadLetterId
        self.rejectedBy = rejectedBy
        self.reason = reason
        self.detail = detail
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.originalKeyBase64 = originalKeyBase64
        self.originalValueBase64 = originalValueBase64
        self.originalHeaders = originalHeaders
        self.failedAt = failedAt
    }
}
