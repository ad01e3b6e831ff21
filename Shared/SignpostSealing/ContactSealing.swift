import Crypto
import Foundation
import SignpostEvents

extension Sealer {
    /// Seals a whole contact (its JSON event form, as `EventCodec` writes it) under the subject's key
    /// (created when missing), bound to the enquiry reference, the subject and the key id.
    public func seal(contact: ContactReceived, reference: String, subject: String) throws(SealingError) -> SealedContact {
        let json = Data(EventCodec.encode(contact))
        let dataKey = try keyStore.keyCreatingIfNeeded(for: subject)
        let ad = AssociatedData.forContact(reference: reference, subject: subject, keyId: dataKey.keyId)
        guard let box = try? AES.GCM.seal(json, using: dataKey.key, authenticating: ad), let combined = box.combined else {
            throw .storage("AES-GCM could not seal the contact of \(reference)")
        }
        return SealedContact(subject: subject, keyId: dataKey.keyId, ciphertext: combined.base64EncodedString())
    }
}

extension Unsealer {
    /// Opens a sealed contact. Throws `erased` when the subject's key (version `keyId`) was
    /// erased, `keyNotFound` when the store never had it, and `tampered` when the ciphertext does
    /// not authenticate for `reference`.
    public func open(_ sealed: SealedContact, reference: String) throws(SealingError) -> ContactReceived {
        guard sealed.algorithm == SealedValues.currentAlgorithm else { throw .unsupportedAlgorithm(sealed.algorithm) }
        let dataKey = try key(subject: sealed.subject, keyId: sealed.keyId)
        guard let combined = Data(base64Encoded: sealed.ciphertext), let box = try? AES.GCM.SealedBox(combined: combined) else {
            throw .malformedCiphertext(placeholder: "sealed_contact")
        }
        let ad = AssociatedData.forContact(reference: reference, subject: sealed.subject, keyId: sealed.keyId)
        guard let plain = try? AES.GCM.open(box, using: dataKey, authenticating: ad) else {
            throw .tampered(reference: reference, placeholder: "sealed_contact")
        }
        do {
            return try EventCodec.decode(ContactReceived.self, from: Array(plain))
        } catch {
            throw .tampered(reference: reference, placeholder: "sealed_contact")
        }
    }

    /// The subject's data key of version `keyId`, or `erased` / `keyNotFound`.
    func key(subject: String, keyId: String) throws(SealingError) -> SymmetricKey {
        guard let dataKey = try keyStore.key(for: subject), dataKey.keyId == keyId else {
            if try keyStore.erasedAt(subject: subject) != nil { throw .erased(subject: subject, keyId: keyId) }
            throw .keyNotFound(subject: subject, keyId: keyId)
        }
        return dataKey.key
    }
}

/// How the services before redaction handle a contact: intake seals it whole under its data
/// subject's key, and the classifier and the redactor open it to do their work.
public struct ContactSealing: Sendable {
    public let sealer: Sealer
    public let unsealer: Unsealer
    /// The key of the subject ids' keyed hash (the service's pseudonym key).
    private let subjectKey: Data

    public init(keyStore: any KeyStore, subjectKey: String) {
        sealer = Sealer(keyStore: keyStore)
        unsealer = Unsealer(keyStore: keyStore)
        self.subjectKey = Data(subjectKey.utf8)
    }

    /// The contact's data subject (see ``DataSubject/id(of:reference:key:)``).
    public func subject(of customer: CustomerDetails?, reference: String) -> String {
        DataSubject.id(of: customer, reference: reference, key: SymmetricKey(data: subjectKey))
    }

    /// The keyed hashes of every usable identifier of the contact (see ``DataSubject/ids(_:key:)``).
    public func handles(of customer: CustomerDetails?) -> [String] {
        DataSubject.handles(of: customer, key: SymmetricKey(data: subjectKey))
    }

    /// The contact sealed under its subject's key.
    /// - Throws: `processingFailed` when the key store cannot be used (the dead letter keeps the
    ///   record for a replay).
    public func seal(_ contact: ContactReceived, reference: String) throws(EventRejection) -> SealedContact {
        do {
            return try sealer.seal(contact: contact, reference: reference, subject: subject(of: contact.customer, reference: reference))
        } catch {
            throw EventRejection(.processingFailed, "cannot seal the contact: \(error); the record can be replayed from the dead-letter topic once the key store works")
        }
    }

    /// The contact of an enquiry event: the clear copy when the event has one, else the sealed
    /// copy opened with `sealing`.
    /// - Throws: `processingFailed` when the contact is sealed and `sealing` is nil (configure the
    ///   key store), when the subject was erased in the meantime (nothing left to process), or
    ///   when the key store cannot be used; `invalidValue` when the ciphertext does not open.
    public static func contact(
        clear: ContactReceived?, sealed: SealedContact?, reference: String, sealing: ContactSealing?
    ) throws(EventRejection) -> ContactReceived {
        if let clear { return clear }
        guard let sealed else { throw EventRejection(.missingField, "neither contact nor sealed_contact is present") }
        guard let sealing else {
            throw EventRejection(.processingFailed, "the contact is sealed and this service has no key store: set SIGNPOST_KEYSTORE and SIGNPOST_MASTER_KEY as for intake, then replay the dead letter")
        }
        do {
            return try sealing.unsealer.open(sealed, reference: reference)
        } catch {
            switch error {
            case .erased:
                throw EventRejection(.processingFailed, "the data subject was erased while the enquiry was in progress: its contact no longer opens, and nothing is left to process")
            case .tampered, .malformedCiphertext, .unsupportedAlgorithm:
                throw EventRejection(.invalidValue, "sealed_contact does not open: \(error)")
            default:
                throw EventRejection(.processingFailed, "cannot open the sealed contact: \(error); replay the dead letter once the key store works")
            }
        }
    }
}
