import Crypto
import Foundation
import SignpostEvents

/// The 32-byte key that wraps every data key in a key store.
public struct MasterKey: Sendable {
    let box: KeyBox
    /// True for the built-in development key, which must never protect real data: log a warning.
    public let isDevelopmentKey: Bool

    /// The key as swift-crypto's type.
    public var symmetricKey: SymmetricKey { box.key }

    /// A master key from 32 bytes; throws `invalidMasterKey` for any other size.
    public init(_ key: SymmetricKey) throws(SealingError) {
        guard key.bitCount == 256 else { throw .invalidMasterKey("\(key.bitCount / 8) bytes instead of 32") }
        self.init(box: KeyBox(key), isDevelopmentKey: false)
    }

    /// A master key from the base64 of 32 bytes.
    public init(base64: String) throws(SealingError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .invalidMasterKey("not base64")
        }
        try self.init(SymmetricKey(data: data))
    }

    init(box: KeyBox, isDevelopmentKey: Bool) {
        self.box = box
        self.isDevelopmentKey = isDevelopmentKey
    }

    /// A fixed, publicly known key for development and demos (`isDevelopmentKey` is true).
    public static let development = MasterKey(
        box: KeyBox(SymmetricKey(data: SHA256.hash(data: Data("signpost-development-master-key".utf8)))),
        isDevelopmentKey: true
    )

    /// A fresh random key, for tests.
    public static func random() -> MasterKey {
        MasterKey(box: KeyBox(SymmetricKey(size: .bits256)), isDevelopmentKey: false)
    }
}

/// Holds a `SymmetricKey` in `Sendable` types.
///
/// `@unchecked` because swift-crypto 3 does not mark `SymmetricKey` `Sendable` (version 4 does):
/// it is an immutable value whose byte storage is never mutated after creation, so sharing it
/// across threads is safe.
struct KeyBox: @unchecked Sendable {
    let key: SymmetricKey
    init(_ key: SymmetricKey) { self.key = key }
}

/// Sealing settings read from the environment.
///
/// | variable | default |
/// |---|---|
/// | `SIGNPOST_MASTER_KEY` | base64 of 32 bytes; unset or empty: ``MasterKey/development``, with `isDevelopmentKey` set |
/// | `SIGNPOST_KEYSTORE` | `<state dir>/keys.sqlite`, the state dir being `SIGNPOST_STATE_DIR` or `.signpost` |
public struct SealingConfiguration: Sendable {
    public var masterKey: MasterKey
    /// The SQLite key store file.
    public var keyStorePath: String

    /// True when no `SIGNPOST_MASTER_KEY` was given: the service should log a warning.
    public var usesDevelopmentMasterKey: Bool { masterKey.isDevelopmentKey }

    /// Reads the configuration; throws `invalidMasterKey` when `SIGNPOST_MASTER_KEY` is set but
    /// is not the base64 of 32 bytes (never falls back to the development key then).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SealingError) {
        if let text = environment["SIGNPOST_MASTER_KEY"], !text.isEmpty {
            masterKey = try MasterKey(base64: text)
        } else {
            masterKey = .development
        }
        if let path = environment["SIGNPOST_KEYSTORE"], !path.isEmpty {
            keyStorePath = path
        } else {
            let stateDirectory = environment["SIGNPOST_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".signpost"
            keyStorePath = URL(fileURLWithPath: stateDirectory).appendingPathComponent("keys.sqlite").path
        }
    }

    public init(masterKey: MasterKey, keyStorePath: String) {
        self.masterKey = masterKey
        self.keyStorePath = keyStorePath
    }

    /// Opens (creating if needed) the SQLite key store at ``keyStorePath``.
    public func openKeyStore() throws(SealingError) -> SQLiteKeyStore {
        try SQLiteKeyStore(path: keyStorePath, masterKey: masterKey)
    }
}
