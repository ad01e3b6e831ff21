import Foundation
import SignpostEvents

/// A personal value to seal.
public typealias PlaintextValue = PersonalValue

enum AssociatedData {
    /// Length-prefixed fields, so no two distinct inputs give the same bytes.
    static func forValue(reference: String, subject: String, keyId: String, placeholder: String, type: PIIType) -> Data {
        var out = Data()
        for field in ["signpost-sealed-value-v1", reference, subject, keyId, placeholder, type.rawValue] {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { out.append(contentsOf: $0) }
            out.append(bytes)
        }
        return out
    }

    /// The associated data of a sealed contact: bound to the reference, subject and key id.
    static func forContact(reference: String, subject: String, keyId: String) -> Data {
        var out = Data()
        for field in ["signpost-sealed-contact-v1", reference, subject, keyId] {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { out.append(contentsOf: $0) }
            out.append(bytes)
        }
        return out
    }
}
