import Crypto
import Foundation
import SignpostEvents

extension Pseudonymizer {
    /// HMAC-SHA256 of the value under `key`, the first 16 bytes in hex: stable for one key,
    /// not reversible without it.
    public static func hmac(key: String) -> Pseudonymizer {
        let keyBytes = Data(key.utf8)
        return Pseudonymizer { value in
            let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: keyBytes))
            return mac.withUnsafeBytes { Hex.lowercase(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
        }
    }
}
