import Crypto
import Foundation
import SignpostEvents

/// Seals an enquiry's personal values under its data subject's key.
public struct Sealer: Sendable {
    public let keyStore: any KeyStore

    public init(keyStore: any KeyStore) {
        self.keyStore = keyStore
    }

    /// Seals each value, bound to `reference`, `subject` and its placeholder and type, under the
    /// subject's key (created when missing). Repeated identical entries are sealed once; two
    /// different values for one placeholder throw `conflictingPlaceholder`.
    public func seal(_ values: [PlaintextValue], reference: String, subject: String) throws(SealingError) -> SealedValues {
        var seen: [String: PlaintextValue] = [:]
        var unique: [PlaintextValue] = []
        for value in values {
            if let earlier = seen[value.placeholder] {
                guard earlier == value else { throw .conflictingPlaceholder(value.placeholder) }
                continue
            }
            seen[value.placeholder] = value
            unique.append(value)
        }
        let dataKey = try keyStore.keyCreatingIfNeeded(for: subject)
        var sealed: [SealedValue] = []
        for value in unique {
            let ad = AssociatedData.forValue(reference: reference, subject: subject, keyId: dataKey.keyId,
                                             placeholder: value.placeholder, type: value.type)
            guard let box = try? AES.GCM.seal(Data(value.value.utf8), using: dataKey.key, authenticating: ad),
                  let combined = box.combined else {
                throw .storage("AES-GCM could not seal \(value.placeholder)")
            }
            sealed.append(SealedValue(placeholder: value.placeholder, type: value.type, ciphertext: combined.base64EncodedString()))
        }
        return SealedValues(subject: subject, keyId: dataKey.keyId, values: sealed)
    }
}

/// Opens sealed values for a recipient, only of the types it may receive.
public struct Unsealer: Sendable {
    public let keyStore: any KeyStore

    public init(keyStore: any KeyStore) {
        self.keyStore = keyStore
    }

    /// `[placeholder: value]` for the values whose type is in `allowedTypes`; the others are not
    /// opened. Throws `erased` when the subject's key (version `keyId`) was erased, and
    /// `keyNotFound` when the store never had it: in both cases keep the placeholders.
    /// Throws `tampered` when a value does not authenticate for `reference`.
    public func unseal(_ sealed: SealedValues, reference: String, allowedTypes: Set<PIIType>) throws(SealingError) -> [String: String] {
        guard sealed.algorithm == SealedValues.currentAlgorithm else { throw .unsupportedAlgorithm(sealed.algorithm) }
        let wanted = sealed.values.filter { allowedTypes.contains($0.type) }
        guard !wanted.isEmpty else { return [:] }
        let dataKey = try key(subject: sealed.subject, keyId: sealed.keyId)
        var out: [String: String] = [:]
        for value in wanted {
            guard let combined = Data(base64Encoded: value.ciphertext),
                  let box = try? AES.GCM.SealedBox(combined: combined) else {
                throw .malformedCiphertext(placeholder: value.placeholder)
            }
            let ad = AssociatedData.forValue(reference: reference, subject: sealed.subject, keyId: sealed.keyId,
                                             placeholder: value.placeholder, type: value.type)
            guard let plain = try? AES.GCM.open(box, using: dataKey, authenticating: ad),
                  let text = String(data: plain, encoding: .utf8) else {
                throw .tampered(reference: reference, placeholder: value.placeholder)
            }
            out[value.placeholder] = text
        }
        return out
    }
}
