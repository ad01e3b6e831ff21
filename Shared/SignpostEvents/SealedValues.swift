import Foundation

/// One personal value, sealed, in place of a placeholder in the redacted text.
public struct SealedValue: Codable, Sendable, Hashable {
    /// The placeholder in the redacted text, such as `[PHONE_1]`.
    public var placeholder: String
    /// What kind of personal data the value is.
    public var type: PIIType
    /// Base64 of the AES-GCM combined form: 12-byte nonce, ciphertext, 16-byte tag.
    public var ciphertext: String

    public init(placeholder: String, type: PIIType, ciphertext: String) {
        self.placeholder = placeholder
        self.type = type
        self.ciphertext = ciphertext
    }
}

/// The sealed personal values of one enquiry, all under one data key of one subject.
///
/// JSON (via `EventCodec`): `subject`, `key_id`, `algorithm`, `values`. Each value's associated
/// data binds it to the enquiry reference, the subject, the key id, the placeholder and the type.
public struct SealedValues: Codable, Sendable, Hashable {
    /// The only algorithm written and read: `AES-256-GCM`.
    public static let currentAlgorithm = "AES-256-GCM"

    /// The subject id (a keyed hash of the subject's normalised email, phone, or name with postcode).
    public var subject: String
    /// The version of the subject's data key that sealed the values; a key created after an
    /// erasure has another.
    public var keyId: String
    /// Always ``currentAlgorithm`` for now.
    public var algorithm: String
    public var values: [SealedValue]

    public init(subject: String, keyId: String, algorithm: String = SealedValues.currentAlgorithm, values: [SealedValue]) {
        self.subject = subject
        self.keyId = keyId
        self.algorithm = algorithm
        self.values = values
    }
}

extension SealedValues {
    /// The placeholders under which the contact's own details are sealed (they never appear in the text).
    public enum ContactPlaceholder {
        public static let name = "[CONTACT_NAME]"
        public static let email = "[CONTACT_EMAIL]"
        public static let phone = "[CONTACT_PHONE]"
        public static let address = "[CONTACT_ADDRESS]"
        public static let postcode = "[CONTACT_POSTCODE]"

        /// The contact-detail placeholder of a type, or nil for types a contact's fields do not hold.
        public static func `for`(_ type: PIIType) -> String? {
            switch type {
            case .person: name
            case .email: email
            case .phone: phone
            case .address: address
            case .postcode: postcode
            default: nil
            }
        }
    }
}

/// One personal value in clear with its placeholder and type: what is sealed, and what a
/// recipient allowed to see it receives.
public struct PersonalValue: Codable, Sendable, Hashable {
    /// The placeholder in the redacted text, such as `[PHONE_1]`, or a contact-detail placeholder.
    public var placeholder: String
    public var type: PIIType
    public var value: String

    public init(placeholder: String, type: PIIType, value: String) {
        self.placeholder = placeholder
        self.type = type
        self.value = value
    }
}

/// A whole contact, as the channel sent it, sealed under its data subject's key.
///
/// Intake seals each contact so that the topics between intake and the redactor carry no
/// personal data in clear: once the subject's key is erased, these copies open for no one.
/// JSON (via `EventCodec`): `subject`, `key_id`, `algorithm`, `ciphertext`. The associated data
/// binds the ciphertext to the enquiry reference, the subject and the key id.
public struct SealedContact: Codable, Sendable, Hashable {
    /// The subject id (a keyed hash of the subject's normalised email, phone, or name with postcode, or of the reference).
    public var subject: String
    /// The version of the subject's data key that sealed the contact.
    public var keyId: String
    /// Always ``SealedValues/currentAlgorithm`` for now.
    public var algorithm: String
    /// Base64 of the AES-GCM combined form (12-byte nonce, ciphertext, 16-byte tag) of the
    /// contact's JSON as `EventCodec` writes it.
    public var ciphertext: String

    public init(subject: String, keyId: String, algorithm: String = SealedValues.currentAlgorithm, ciphertext: String) {
        self.subject = subject
        self.keyId = keyId
        self.algorithm = algorithm
        self.ciphertext = ciphertext
    }
}
