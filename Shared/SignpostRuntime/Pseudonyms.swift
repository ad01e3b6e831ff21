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
            // Hex by hand: `String(format:)` per byte cost more than the HMAC (several times per record).
            let digits: StaticString = "0123456789abcdef"
            return mac.withUnsafeBytes { bytes in
                String(unsafeUninitializedCapacity: 32) { out in
                    for i in 0..<16 {
                        out[2 * i] = digits.utf8Start[Int(bytes[i] >> 4)]
                        out[2 * i + 1] = digits.utf8Start[Int(bytes[i] & 0x0F)]
                    }
                    return 32
                }
            }
        }
    }
}
