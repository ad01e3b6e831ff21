import Crypto
import Foundation
import SignpostEvents

/// Identifies the person whose personal data is sealed, without holding that data.
///
/// The subject id is the lowercase hex HMAC-SHA256, under a key passed in, of the person's
/// normalised email address or, when there is no usable email, their normalised UK phone number:
///
/// - email: leading and trailing whitespace trimmed, lowercased; usable when it has one `@`
///   with text on both sides and no whitespace inside (`" Priya.Shah@Example.org "` →
///   `priya.shah@example.org`).
/// - phone: a `(0)` trunk prefix dropped, then digits only; `+44…` and `0044…` become `44…`,
///   a leading `0` becomes `44`; usable when the result is `44` and 9 or 10 more digits
///   (`07700 900123`, `+44 7700 900123`, `0044 7700 900123` and `+44 (0)7700 900123` all give
///   `447700900123`). Only spaces, `-`, `.`, `(`, `)` and a leading `+` may surround the digits.
public enum DataSubject {
    /// The subject id of a person, or nil when neither the email nor the phone is usable.
    /// The email wins when both are usable.
    public static func id(email: String?, phone: String?, key: SymmetricKey) -> String? {
        guard let normalised = email.flatMap(normalisedEmail) ?? phone.flatMap(normalisedPhone) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The data subject of a contact: the keyed hash of their normalised email or phone, or, when
    /// they gave neither, of the case reference (the enquiry is then its own subject). Intake,
    /// the redactor and the rights tools all derive it this way.
    public static func id(of customer: CustomerDetails?, reference: String, key: SymmetricKey) -> String {
        id(email: customer?.email, phone: customer?.phone, key: key)
            ?? HMAC<SHA256>.authenticationCode(for: Data("enquiry:\(reference)".utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// The email as it is hashed, or nil when it is not usable.
    public static func normalisedEmail(_ email: String) -> String? {
        let value = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !value.contains(where: { $0.isWhitespace }) else { return nil }
        return value
    }

    /// The UK phone number as it is hashed (`44` then the national number), or nil when it is
    /// not a usable UK number.
    public static func normalisedPhone(_ phone: String) -> String? {
        var text = phone.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "(0)", with: "")
        let international = text.hasPrefix("+")
        if international { text.removeFirst() }
        let allowed = Set("0123456789 -.()")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else { return nil }
        var digits = text.filter(\.isNumber)
        if international {
            guard digits.hasPrefix("44") else { return nil }
        } else if digits.hasPrefix("0044") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0") {
            digits = "44" + digits.dropFirst()
        } else if !digits.hasPrefix("44") {
            return nil
        }
        let national = digits.dropFirst(2)
        guard (9...10).contains(national.count), !national.hasPrefix("0") else { return nil }
        return digits
    }
}
