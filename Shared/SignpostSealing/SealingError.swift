import Foundation
import SignpostEvents

/// Why sealing, unsealing or the key store failed; each description says what to do next.
public enum SealingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The subject's data key was erased: the values are gone for good.
    case erased(subject: String, keyId: String)
    /// The store has no key `keyId` for the subject and no record of erasing one.
    case keyNotFound(subject: String, keyId: String)
    /// The key store was created with another master key.
    case wrongMasterKey(path: String)
    /// A master key that is not 32 bytes, or not valid base64.
    case invalidMasterKey(String)
    /// A sealed value failed authentication: altered, or moved from another enquiry or placeholder.
    case tampered(reference: String, placeholder: String)
    /// A sealed value that is not base64 or too short to be AES-GCM output.
    case malformedCiphertext(placeholder: String)
    /// `SealedValues.algorithm` names an algorithm this code does not know.
    case unsupportedAlgorithm(String)
    /// The input to `Sealer.seal` gives two different values for one placeholder.
    case conflictingPlaceholder(String)
    /// A stored data key did not unwrap although the master key is right.
    case corruptKey(subject: String)
    /// The key store file could not be opened, read or written.
    case storage(String)

    public var description: String {
        switch self {
        case .erased(let subject, let keyId):
            "the data key \(keyId) of subject \(subject) was erased: the sealed values cannot be recovered; keep the placeholders"
        case .keyNotFound(let subject, let keyId):
            "no data key \(keyId) for subject \(subject) and no record of its erasure: check that the sealing and unsealing services use the same SIGNPOST_KEYSTORE file; keep the placeholders meanwhile"
        case .wrongMasterKey(let path):
            "the key store \(path) was created with a different master key: set SIGNPOST_MASTER_KEY to the key it was created with"
        case .invalidMasterKey(let detail):
            "invalid master key (\(detail)): SIGNPOST_MASTER_KEY must be the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`"
        case .tampered(let reference, let placeholder):
            "the sealed value for \(placeholder) does not open for enquiry \(reference): it was altered or belongs to another enquiry or placeholder; treat the event as corrupt"
        case .malformedCiphertext(let placeholder):
            "the sealed value for \(placeholder) is not base64 AES-GCM output (nonce, ciphertext, tag); treat the event as corrupt"
        case .unsupportedAlgorithm(let name):
            "sealing algorithm '\(name)' is not supported (only \(SealedValues.currentAlgorithm)); upgrade this service"
        case .conflictingPlaceholder(let placeholder):
            "two different values for placeholder \(placeholder): give each distinct value its own placeholder"
        case .corruptKey(let subject):
            "the stored data key of subject \(subject) does not unwrap under the right master key: the key store file is damaged; restore it from backup"
        case .storage(let detail):
            "key store failure: \(detail); check that SIGNPOST_KEYSTORE names a writable file on a local disk"
        }
    }
}
