import SignpostEvents
import Testing
@testable import RedactorCore

@Suite("Check digits and identifiers")
struct IdentifierTests {
    @Test("NHS modulus 11 accepts valid numbers", arguments: ["9434765919", "4010232137", "4505577104"])
    func nhsValid(_ n: String) { #expect(Checksums.isValidNHS(n)) }

    @Test("NHS modulus 11 rejects wrong check digits and check value 10", arguments: ["4857773453", "9434765918", "1234567890", "943476591", "94347659190"])
    func nhsInvalid(_ n: String) { #expect(!Checksums.isValidNHS(n)) }

    @Test("Luhn accepts real test card numbers", arguments: ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4012888888881881"])
    func luhnValid(_ n: String) { #expect(Checksums.isValidLuhn(n)) }

    @Test("Luhn rejects altered numbers", arguments: ["4111111111111112", "5555555555554445", "378282246310006"])
    func luhnInvalid(_ n: String) { #expect(!Checksums.isValidLuhn(n)) }

    @Test("NI prefixes follow the allocation rules")
    func niPrefixes() {
        for ok in ["JT", "AB", "CE", "WP", "ZA"] { #expect(Checksums.isValidNIPrefix(ok), "\(ok)") }
        for bad in ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ", "DA", "FA", "IA", "QA", "UA", "VA", "AD", "AF", "AI", "AO", "AQ", "AU", "AV"] {
            #expect(!Checksums.isValidNIPrefix(bad), "\(bad)")
        }
    }

    @Test("NI numbers are found with any spacing and case", arguments: [
        ("NI number: JT 44 18 90 B", "JT 44 18 90 B"),
        ("my national insurance is jt441890b thanks", "jt441890b"),
        ("NINO AB-12-34-56-C", "AB-12-34-56-C"),
        ("National Insurance number AB123456", "AB123456"),
    ])
    func niFound(_ text: String, _ value: String) {
        #expect(found(text) == [Found(.niNumber, value)])
    }

    @Test("NI-like strings with a bad prefix or suffix, or no context, are not NI numbers", arguments: [
        "Reference QQ 12 34 56 C",
        "code GB123456A",
        "Ticket JT 44 18 90 E1",
        "Order AB123456 shipped",
    ])
    func niRejected(_ text: String) {
        #expect(!found(text).contains { $0.type == .niNumber })
    }

    @Test("an NHS number after 'NHS number' is taken even when the check fails")
    func nhsByContext() {
        #expect(found("NHS number 485 777 3453 please") == [Found(.nhsNumber, "485 777 3453")])
        #expect(found("my NHS no. is 4857773453") == [Found(.nhsNumber, "4857773453")])
    }

    @Test("a 3-3-4 number passing modulus 11 is an NHS number without context, failing it is not")
    func nhsByCheckDigit() {
        #expect(found("Her number is 943 476 5919.") == [Found(.nhsNumber, "943 476 5919")])
        #expect(found("Her number is 943 476 5918.").isEmpty)
    }

    @Test("a valid NHS number written 3-3-4 is not taken for a phone")
    func nhsNotPhone() {
        #expect(found("Call about 401 023 2137 tomorrow") == [Found(.nhsNumber, "401 023 2137")])
    }

    @Test("Luhn-valid card numbers are found, grouped or not; invalid ones are not", arguments: [
        ("Card number 4111 1111 1111 1111 expiry 03/27", [Found(.cardNumber, "4111 1111 1111 1111")]),
        ("paid with 5555-5555-5555-4444", [Found(.cardNumber, "5555-5555-5555-4444")]),
        ("Amex 3782 822463 10005", [Found(.cardNumber, "3782 822463 10005")]),
        ("card 4111111111111111.", [Found(.cardNumber, "4111111111111111")]),
        ("card 4111 1111 1111 1112", []),
    ])
    func cards(_ text: String, _ expected: [Found]) {
        #expect(found(text) == expected)
    }

    @Test("passport numbers need the word passport nearby")
    func passports() {
        #expect(found("My passport number is 123456789.") == [Found(.passport, "123456789")])
        #expect(found("passport no GB1234567") == [Found(.passport, "GB1234567")])
        #expect(found("Passport: 123 456 789") == [Found(.passport, "123 456 789")])
        #expect(found("Order 123456789 has not arrived.").isEmpty)
    }

    @Test("dates are dates of birth only with birth context", arguments: [
        ("Date of birth: 02/11/1961", [Found(.dateOfBirth, "02/11/1961")]),
        ("DOB 2-11-61", [Found(.dateOfBirth, "2-11-61")]),
        ("D.O.B: 3rd of May 1980", [Found(.dateOfBirth, "3rd of May 1980")]),
        ("she was born on May 3, 1980 in Evesham", [Found(.dateOfBirth, "May 3, 1980")]),
        ("Date of birth\n14.07.2015", [Found(.dateOfBirth, "14.07.2015")]),
        ("The meeting was on 02/11/2023 and the letter came 3rd May 2024.", []),
        ("born on 3 May 1980, I moved here on 02/11/1999", [Found(.dateOfBirth, "3 May 1980")]),
    ])
    func datesOfBirth(_ text: String, _ expected: [Found]) {
        #expect(found(text) == expected)
    }

    @Test("phones in every UK format are found", arguments: [
        "07700 900461", "07700900461", "+44 7700 900461", "+447700900461", "0044 7700 900461",
        "+44 (0)7700 900461", "(01905) 765432", "01905 765 432", "01905-765432", "020 7946 0018",
        "01632 960123", "0800 123 456", "0300 123 4567",
    ])
    func phoneFormats(_ phone: String) {
        #expect(found("You can reach me on \(phone), thanks") == [Found(.phone, phone)])
    }

    @Test("numbers that are not phones are left alone", arguments: [
        "the 144 bus", "in 2023", "£45.50", "the A449", "07700 90046", "077009004612", "10770900461",
        "£07700.90", "version 0.7700900461",
    ])
    func notPhones(_ text: String) {
        #expect(!found(text).contains { $0.type == .phone }, "\(found(text))")
    }

    @Test("postcodes with or without the space, any case; outward code only with residence context", arguments: [
        ("WR9 8DL", [Found(.postcode, "WR9 8DL")]),
        ("send it to wr98dl please", [Found(.postcode, "wr98dl")]),
        ("b60 1aa", [Found(.postcode, "b60 1aa")]),
        ("I live in WR9 near the lido", [Found(.postcode, "WR9")]),
        ("postcode WR14", [Found(.postcode, "WR14")]),
        ("the M5 was closed near WR9", []),
        ("the A449 near Ombersley", []),
    ])
    func postcodes(_ text: String, _ expected: [Found]) {
        #expect(found(text) == expected)
    }

    @Test("email addresses are found whole")
    func emails() {
        #expect(found("email me at o'neill.s+council@mail.example.co.uk.") == [Found(.email, "o'neill.s+council@mail.example.co.uk")])
        #expect(found("@council on twitter").isEmpty)
    }
}
