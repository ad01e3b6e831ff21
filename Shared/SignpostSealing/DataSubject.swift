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
/// - name with postcode, when the contact gave neither a usable email nor phone: see
///   ``normalisedNamePostcode(name:postcode:)`` (`"Mrs Joan O'Brien-Hale", "wr10 1ab"` →
///   `joan obrien hale|WR101AB`).
public enum DataSubject {
    /// The subject id of a person, or nil when neither the email nor the phone is usable.
    /// The email wins when both are usable.
    public static func id(email: String?, phone: String?, key: SymmetricKey) -> String? {
        id(PersonIdentifiers(email: email, phone: phone), key: key)
    }

    /// The subject id of a person: from the email when usable, else the phone, else the name with
    /// the postcode; nil when none of them is usable.
    public static func id(_ person: PersonIdentifiers, key: SymmetricKey) -> String? {
        let first = person.email.flatMap(normalisedEmail) ?? person.phone.flatMap(normalisedPhone) ?? namePostcodeInput(person)
        return first.map { hash($0, key: key) }
    }

    /// One keyed hash per usable identifier of a person, in order of precedence (email, phone,
    /// name with postcode): each is the subject id that identifier alone gives. The redactor
    /// records them with each enquiry (`subject_handles`), so the rights tools find a person's
    /// enquiries by any identifier they gave, whichever one named the subject.
    public static func ids(_ person: PersonIdentifiers, key: SymmetricKey) -> [String] {
        [person.email.flatMap(normalisedEmail), person.phone.flatMap(normalisedPhone), namePostcodeInput(person)]
            .compactMap { $0.map { hash($0, key: key) } }
    }

    /// The name with postcode as hashed (in a namespace of its own), or nil when not usable.
    private static func namePostcodeInput(_ person: PersonIdentifiers) -> String? {
        guard let name = person.name, let postcode = person.postcode else { return nil }
        return normalisedNamePostcode(name: name, postcode: postcode).map { "name+postcode:" + $0 }
    }

    /// The keyed hashes of every usable identifier of a contact (see ``ids(_:key:)``).
    public static func handles(of customer: CustomerDetails?, key: SymmetricKey) -> [String] {
        guard let customer else { return [] }
        return ids(PersonIdentifiers(customer), key: key)
    }

    private static func hash(_ normalised: String, key: SymmetricKey) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: key).withUnsafeBytes(Hex.lowercase)
    }

    /// The data subject of a contact: the keyed hash of their normalised email, phone, or name
    /// with postcode, or, when they gave none of these, of the case reference (the enquiry is then
    /// its own subject). Intake, the redactor and the rights tools all derive it this way.
    public static func id(of customer: CustomerDetails?, reference: String, key: SymmetricKey) -> String {
        customer.flatMap { id(PersonIdentifiers($0), key: key) }
            ?? HMAC<SHA256>.authenticationCode(for: Data("enquiry:\(reference)".utf8), using: key).withUnsafeBytes(Hex.lowercase)
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

    /// Titles dropped from the start of a name.
    private static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lady", "lord"]

    /// A name with a postcode as they are hashed, or nil when either is not usable.
    ///
    /// - name: accents folded, lowercased, apostrophes removed (`O'Brien` → `obrien`), any other
    ///   character that is not a letter or digit a space, leading titles dropped (`Mr`, `Mrs`,
    ///   `Ms`, `Miss`, `Mx`, `Dr`, `Prof`, `Rev`, `Sir`, `Dame`, `Lady`, `Lord`); usable when at least
    ///   two words remain (a first name alone is too common to tell people apart).
    /// - postcode: see ``normalisedPostcode(_:)``.
    public static func normalisedNamePostcode(name: String, postcode: String) -> String? {
        guard let code = normalisedPostcode(postcode) else { return nil }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var cleaned = ""
        for ch in folded {
            if ch == "'" || ch == "\u{2019}" || ch == "`" { continue }
            cleaned.append(ch.isLetter || ch.isNumber ? ch : " ")
        }
        var words = cleaned.split(separator: " ").map(String.init)
        while let first = words.first, titles.contains(first) { words.removeFirst() }
        guard words.count >= 2 else { return nil }
        return words.joined(separator: " ") + "|" + code
    }

    /// A full UK postcode uppercased without spaces (`wr10 1ab` → `WR101AB`), or nil when it does
    /// not have the shape of one: an outward code of one or two letters, a digit and an optional
    /// letter or digit, then an inward code of a digit and two letters.
    public static func normalisedPostcode(_ postcode: String) -> String? {
        let chars = Array(postcode.uppercased().filter { !$0.isWhitespace })
        guard (5...7).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let inward = Array(chars.suffix(3)), outward = Array(chars.dropLast(3))
        guard inward[0].isNumber, inward[1].isLetter, inward[2].isLetter else { return nil }
        let letters = outward.prefix { $0.isLetter }.count
        guard (1...2).contains(letters), outward.count > letters, outward[letters].isNumber, outward.count - letters <= 2 else { return nil }
        return String(chars)
    }
}

/// What identifies a person to the rights tools: any of an email address, a UK phone number,
/// or a name with a postcode.
public struct PersonIdentifiers: Sendable, Hashable {
    public var email: String?
    public var phone: String?
    public var name: String?
    public var postcode: String?

    public init(email: String? = nil, phone: String? = nil, name: String? = nil, postcode: String? = nil) {
        self.email = email
        self.phone = phone
        self.name = name
        self.postcode = postcode
    }

    /// The identifiers a contact gave.
    public init(_ customer: CustomerDetails) {
        self.init(email: customer.email, phone: customer.phone, name: customer.name, postcode: customer.postcode)
    }
}
