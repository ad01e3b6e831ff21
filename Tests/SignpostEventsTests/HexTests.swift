import Foundation
import SignpostEvents
import Testing

@Suite struct HexTests {
    @Test func bytesBecomeTwoLowercaseDigitsEachAsStringFormatWritesThem() {
        let bytes: [UInt8] = [0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]
        #expect(bytes.withUnsafeBytes(Hex.lowercase) == "00010f107f80abff")
        #expect([UInt8]().withUnsafeBytes(Hex.lowercase) == "")
        let all = (0...255).map { UInt8($0) }
        #expect(all.withUnsafeBytes(Hex.lowercase) == all.map { String(format: "%02x", $0) }.joined())
    }
}
