import Crypto
import Foundation
import SignpostEvents
import Synchronization

/// One version of a subject's 256-bit data key.
public struct DataKey: Sendable {
    public let subject: String
    /// Random, never reused: a key created after an erasure has a new one.
    public let keyId: String
    public let createdAt: Date
    let box: KeyBox

    /// The key as swift-crypto's type.
    public var key: SymmetricKey { box.key }

    init(subject: String, keyId: String, createdAt: Date, key: SymmetricKey) {
        self.subject = subject
        self.keyId = keyId
        self.createdAt = createdAt
        self.box = KeyBox(key)
    }

    /// A new random key with a new key id.
    static func generate(subject: String, now: Date = Date()) -> DataKey {
        let id = SymmetricKey(size: .bits128).withUnsafeBytes(Hex.lowercase)
        return DataKey(subject: subject, keyId: id, createdAt: now, key: SymmetricKey(size: .bits256))
    }
}

/// Where each data subject's data key lives, wrapped by a master key.
///
/// Methods are synchronous and may block on disk; call them off latency-sensitive paths.
public protocol KeyStore: Sendable {
    /// The subject's current key, or nil when there is none (never created, or erased).
    func key(for subject: String) throws(SealingError) -> DataKey?
    /// The subject's current key, creating one (with a new key id) when there is none.
    func keyCreatingIfNeeded(for subject: String) throws(SealingError) -> DataKey
    /// Erases the subject's key, so every value sealed under it is unreadable everywhere, and
    /// records the erasure. Returns false when there was no key (the erasure is recorded anyway).
    @discardableResult
    func erase(subject: String) throws(SealingError) -> Bool
    /// When the subject's key was last erased, or nil when it never was.
    func erasedAt(subject: String) throws(SealingError) -> Date?
    /// True when the subject has a key now.
    func hasKey(for subject: String) throws(SealingError) -> Bool
    /// Every subject with a key now, sorted.
    func subjects() throws(SealingError) -> [String]
}

/// Wrapping of data keys: AES-GCM under the master key, the subject id as associated data.
enum KeyWrap {
    static func wrap(_ key: DataKey, with master: MasterKey) throws(SealingError) -> Data {
        do {
            let raw = key.key.withUnsafeBytes { Data($0) }
            guard let combined = try AES.GCM.seal(raw, using: master.symmetricKey, authenticating: Data(key.subject.utf8)).combined else {
                throw SealingError.storage("AES-GCM gave no combined output")
            }
            return combined
        } catch let error as SealingError {
            throw error
        } catch {
            throw .storage("cannot wrap the data key of \(key.subject): \(error)")
        }
    }

    /// Nil when the wrapped bytes do not authenticate under the master key for this subject.
    static func unwrap(_ wrapped: Data, subject: String, with master: MasterKey) -> SymmetricKey? {
        guard let box = try? AES.GCM.SealedBox(combined: wrapped),
              let raw = try? AES.GCM.open(box, using: master.symmetricKey, authenticating: Data(subject.utf8)),
              raw.count == 32 else { return nil }
        return SymmetricKey(data: raw)
    }
}

/// A key store in memory, for tests; keys are kept wrapped, as on disk.
public final class InMemoryKeyStore: KeyStore {
    private struct Entry {
        var keyId: String
        var wrapped: Data
        var createdAt: Date
    }

    private struct State {
        var keys: [String: Entry] = [:]
        var erasures: [String: Date] = [:]
    }

    private let masterKey: MasterKey
    private let state = Mutex(State())

    public init(masterKey: MasterKey = .random()) {
        self.masterKey = masterKey
    }

    public func key(for subject: String) throws(SealingError) -> DataKey? {
        guard let entry = state.withLock({ $0.keys[subject] }) else { return nil }
        return try unwrap(entry, subject: subject)
    }

    public func keyCreatingIfNeeded(for subject: String) throws(SealingError) -> DataKey {
        let fresh = DataKey.generate(subject: subject)
        let candidate = Entry(keyId: fresh.keyId, wrapped: try KeyWrap.wrap(fresh, with: masterKey), createdAt: fresh.createdAt)
        let entry = state.withLock { state in
            if let existing = state.keys[subject] { return existing }
            state.keys[subject] = candidate
            return candidate
        }
        return try unwrap(entry, subject: subject)
    }

    @discardableResult
    public func erase(subject: String) throws(SealingError) -> Bool {
        state.withLock { state in
            state.erasures[subject] = Date()
            return state.keys.removeValue(forKey: subject) != nil
        }
    }

    public func erasedAt(subject: String) throws(SealingError) -> Date? {
        state.withLock { $0.erasures[subject] }
    }

    public func hasKey(for subject: String) throws(SealingError) -> Bool {
        state.withLock { $0.keys[subject] != nil }
    }

    public func subjects() throws(SealingError) -> [String] {
        state.withLock { $0.keys.keys.sorted() }
    }

    private func unwrap(_ entry: Entry, subject: String) throws(SealingError) -> DataKey {
        guard let key = KeyWrap.unwrap(entry.wrapped, subject: subject, with: masterKey) else { throw .corruptKey(subject: subject) }
        return DataKey(subject: subject, keyId: entry.keyId, createdAt: entry.createdAt, key: key)
    }
}
