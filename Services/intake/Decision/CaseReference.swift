import Crypto
import Foundation
import SignpostEvents

/// Case references such as `SP-261129-7KQ4M-2XD9A`: the contact's date, then ten Crockford
/// base32 characters of a SHA-256 digest of the channel and the adapter's contact id.
///
/// Derived from the contact, not from a counter, so every intake instance gives the same
/// contact the same reference with no coordination, and a contact processed twice (after a
/// crash or a rebalance) keeps its reference. Two different contacts on the same day share a
/// reference with probability about n²/2⁵¹ (n = 1 million contacts a day: 1 in 2,250).
/// Crockford's alphabet has no I, L, O or U, so a reference read over the phone is unambiguous.
public enum CaseReference {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The reference for a contact.
    public static func make(channel: Channel, contactId: String, receivedAt: Date) -> String {
        let digest = Array(SHA256.hash(data: Data("\(channel.rawValue):\(contactId)".utf8)))
        // 50 bits: ten 5-bit groups from the first 7 bytes.
        var bits: UInt64 = 0
        for byte in digest.prefix(7) { bits = bits << 8 | UInt64(byte) }
        bits >>= 6
        var chars: [Character] = []
        for i in (0..<10).reversed() { chars.append(alphabet[Int((bits >> UInt64(i * 5)) & 31)]) }
        var text = "SP-"
        text.reserveCapacity(22)
        if let (year, month, day) = utcDate(of: receivedAt) {
            for number in [year % 100, month, day] {
                text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(number / 10)))
                text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(number % 10)))
            }
        } else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let d = calendar.dateComponents([.year, .month, .day], from: receivedAt)
            text += String(format: "%02d%02d%02d", (d.year ?? 2000) % 100, d.month ?? 1, d.day ?? 1)
        }
        text.append("-")
        text.append(contentsOf: chars[0..<5])
        text.append("-")
        text.append(contentsOf: chars[5..<10])
        return text
    }

    /// The UTC calendar date of `date` from 2000 to 2099, computed from its day number with the
    /// event codec's days-to-civil conversion; nil for any other year.
    static func utcDate(of date: Date) -> (year: Int, month: Int, day: Int)? {
        let seconds = date.timeIntervalSince1970
        guard seconds >= 946_684_800, seconds < 4_102_444_800 else { return nil }
        return EventCodec.civil(fromDays: Int64((seconds / 86_400).rounded(.down)))
    }

    /// Whether a text has the form of a case reference.
    public static func isWellFormed(_ text: String) -> Bool {
        text.wholeMatch(of: /SP-[0-9]{6}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/) != nil
    }
}
