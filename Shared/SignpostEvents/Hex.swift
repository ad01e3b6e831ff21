/// Lowercase hexadecimal of bytes, written by hand: `String(format: "%02x")` per byte cost more
/// than the HMACs whose output it formats, several times per record.
public enum Hex {
    /// `bytes` as lowercase hex, two digits a byte.
    public static func lowercase(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = digits.utf8Start[Int(byte >> 4)]
                out[2 * i + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return 2 * bytes.count
        }
    }
}
