import SignpostEvents
import Testing
@testable import RedactorCore

/// Canary values planted in every field style of every channel must never survive redaction.
@Suite("Canaries")
struct CanaryTests {
    struct Canary: Sendable {
        var first: String
        var last: String
        var phone: String
        var email: String
        var postcode: String
        var street: String
        var town: String
        var ni: String
        var nhs: String
        var card: String
        var passport: String
        var dob: String
    }

    static let canaries: [Canary] = [
        Canary(first: "Xiomara", last: "Quennell-Ibekwe", phone: "07700 900 777", email: "xq.canary@example.org", postcode: "WR7 4ZZ",
               street: "Quillet Close", town: "Inkberrow", ni: "PZ 77 31 02 C", nhs: "943 476 5919", card: "4111 1111 1111 1111",
               passport: "771234599", dob: "17/03/1959"),
        Canary(first: "Ștefănel", last: "Ó Cearbhaill", phone: "+44 1905 777123", email: "s.ocearbhaill@example.net", postcode: "dy147qx",
               street: "Wyrebrook Rise", town: "Bewdley", ni: "jk770031a", nhs: "4010232137", card: "5555-5555-5555-4444",
               passport: "XK7712345", dob: "3rd of May 1980"),
        Canary(first: "Oluwatoyin", last: "Dąbrowska-Nwosu", phone: "(01527) 777 456", email: "toyin_dn@example.co.uk", postcode: "B97 6ZY",
               street: "Kittiwake Walk", town: "Redditch", ni: "NP771203D", nhs: "450 557 7104", card: "378282246310005",
               passport: "547718290", dob: "May 4th, 1991"),
    ]

    /// Every channel's field styles, with {slots} for the canary values.
    static let templates: [(String, String)] = [
        ("webform", "Name: {first} {last}\nEmail: {email}\nPhone: {phone}\nAddress: 12 {street}, {town}\nPostcode: {postcode}\nDate of birth: {dob}\nNational Insurance number: {ni}\nNHS number: {nhs}\nCard number: {card}\nPassport number: {passport}\nDetails: please help"),
        ("webform", "First name: {first}\nSurname: {last}\nContact number: {phone}\nEmail address: {email}\nDetails: I live at 12 {street}, {town} {postcode}. My DOB is {dob}."),
        ("email", "From: {first} {last} <{email}>\nSubject: Blue badge\n\nMy date of birth is {dob}, NI number {ni}, NHS number {nhs}. Please post it to 12 {street}, {town}, {postcode} or ring {phone}.\n\nKind regards,\n{first} {last}"),
        ("email", "Subject: Payment\n\nPlease take the fee from card {card}. My passport number is {passport}.\n\nThanks,\n{first}"),
        ("phone", "Agent: Can I take your name please?\nCaller: {first} {last}.\nAgent: And your date of birth?\nCaller: {dob}.\nAgent: Address?\nCaller: 12 {street}, {town}, {postcode}.\nAgent: Best number?\nCaller: {phone}."),
        ("phone", "Caller Mrs {first} {last} rang about her mum. Lives at 12 {street}, {town} {postcode}. NI {ni}, NHS number {nhs}, callback {phone}, email {email}."),
        ("phone", "Caller: hi, it's {first} {last} here, my card is {card} and my passport number {passport}."),
        ("bot", "user: my name is {first} {last}\nuser: my email is {email} and phone {phone}\nuser: i live at 12 {street} {town} {postcode}\nuser: dob {dob} ni {ni} nhs number {nhs}"),
    ]

    static func fill(_ template: String, _ c: Canary, lower: Bool) -> String {
        var s = template
        let values: [(String, String)] = [
            ("{first}", c.first), ("{last}", c.last), ("{phone}", c.phone), ("{email}", c.email), ("{postcode}", c.postcode),
            ("{street}", c.street), ("{town}", c.town), ("{ni}", c.ni), ("{nhs}", c.nhs), ("{card}", c.card),
            ("{passport}", c.passport), ("{dob}", c.dob),
        ]
        for (k, v) in values { s = s.replacingOccurrences(of: k, with: lower ? v.lowercased() : v) }
        return s
    }

    /// The letter-and-digit runs of a value that must not appear in the output (short ones such as "12" or "of" aside).
    static func pieces(_ value: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for u in value.unicodeScalars {
            if u.properties.isAlphabetic || u.properties.numericType != nil { cur.unicodeScalars.append(u) } else {
                if cur.unicodeScalars.count >= 3 { out.append(cur) }
                cur = ""
            }
        }
        if cur.unicodeScalars.count >= 3 { out.append(cur) }
        return out.filter { !["May", "may"].contains($0) }
    }

    @Test("no canary value survives in any channel", arguments: Array(templates.indices))
    func noCanarySurvives(_ index: Int) {
        let (channel, template) = Self.templates[index]
        for c in Self.canaries {
            let text = Self.fill(template, c, lower: channel == "bot")
            let out = Redactor().redact(text).text
            for value in [c.first, c.last, c.phone, c.email, c.postcode, c.street, c.ni, c.nhs, c.card, c.passport, c.dob]
            where text.contains(channel == "bot" ? value.lowercased() : value) {
                for piece in Self.pieces(channel == "bot" ? value.lowercased() : value) {
                    #expect(!out.contains(piece), "\(channel) #\(index): '\(piece)' of '\(value)' survived in:\n\(out)")
                }
            }
        }
    }

    @Test("the decider's emissions carry no canary value")
    func deciderCarriesNone() {
        // The redacted text is what leaves the redactor; the same function serves survey comments.
        for c in Self.canaries {
            let comment = "Survey comment: {first} {last} here, thanks to your team. Ring me on {phone} or {email}."
            let out = Redactor().redact(Self.fill(comment, c, lower: false)).text
            for v in [c.first, c.last, c.phone, c.email] { #expect(!out.contains(v), "\(v) in \(out)") }
        }
    }
}
