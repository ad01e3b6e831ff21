import Foundation

/// What an attachment is. Its bytes never travel on Kafka: only a reference does.
public enum AttachmentKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// The audio recording of a telephone call (kept 1 year after the call unless a legal hold applies).
    case callRecording = "call_recording"
    case passportPhotograph = "passport_photograph"
    case document
    case image
}

/// A typed reference to an attachment held in a store outside Kafka.
public struct AttachmentReference: Codable, Sendable, Hashable {
    public var kind: AttachmentKind
    /// The store that holds the bytes, such as `call-recordings`.
    public var store: String
    /// The attachment's id within its store.
    public var id: String
    /// IANA media type, such as `audio/wav`.
    public var mediaType: String
    /// When the attachment was captured (for a call recording: when the call took place).
    public var capturedAt: Date

    public init(kind: AttachmentKind, store: String, id: String, mediaType: String, capturedAt: Date) {
        self.kind = kind
        self.store = store
        self.id = id
        self.mediaType = mediaType
        self.capturedAt = capturedAt
    }
}
