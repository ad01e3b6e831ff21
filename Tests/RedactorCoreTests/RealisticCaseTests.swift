import SignpostEvents
import Testing
@testable import RedactorCore

/// A hand-written enquiry in the style of one channel, with the entities it must yield.
struct RealisticCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: [Found]
    var testDescription: String { name }
    init(_ name: String, _ text: String, _ expected: [Found]) {
        self.name = name; self.text = text; self.expected = expected
    }
}

@Suite("Realistic enquiries")
struct RealisticCaseTests {
    static let phone: [RealisticCase] = [
        .init("phone: caller introduces herself with it's … here",
              "Agent: Worcestershire County Council, how can I help?\nCaller: Hi, it's Siobhán O'Neill here, I'm ringing about my blue badge renewal.",
              [Found(.person, "Siobhán O'Neill")]),
        .init("phone: agent note with caller name and callback number",
              "Caller Mrs Ayesha Begum rang to chase her son's school transport. Call back on 07700 900317 after 3pm.",
              [Found(.person, "Mrs Ayesha Begum"), Found(.phone, "07700 900317")]),
        .init("phone: caller name without title and a verb",
              "Caller Dariusz Kowalczyk said the streetlight on Ombersley Road has been out for a week.",
              [Found(.person, "Dariusz Kowalczyk")]),
        .init("phone: my name is … and I live at …",
              "Caller: my name is Mehmet Yılmaz and I live at 27 Sansome Walk, Worcester WR1 1LX, the bin wasn't emptied.",
              [Found(.person, "Mehmet Yılmaz"), Found(.address, "27 Sansome Walk, Worcester"), Found(.postcode, "WR1 1LX")]),
        .init("phone: safeguarding concern about a named neighbour",
              "Caller: I'm worried about my neighbour Mr Patel, he's 91 and hasn't answered the door since Friday.",
              [Found(.person, "Mr Patel")]),
        .init("phone: relative's name and date of birth",
              "Caller: it's about my dad, his name's Ștefan Popescu, date of birth 14 March 1948, he needs a care assessment.",
              [Found(.person, "Ștefan Popescu"), Found(.dateOfBirth, "14 March 1948")]),
        .init("phone: problem location with house number stays readable",
              "Caller: there's a big pothole outside 23 Mill Lane in Pershore, a cyclist nearly came off.",
              []),
        .init("phone: I'm + capitalised name",
              "Agent: Who am I speaking to?\nCaller: I'm João Pereira, I rang last week about the gritting.",
              [Found(.person, "João Pereira")]),
        .init("phone: caller spells out NI number for a care assessment",
              "Caller gave her National Insurance number as ce 12 34 56 a and her postcode is DY10 3PT.",
              [Found(.niNumber, "ce 12 34 56 a"), Found(.postcode, "DY10 3PT")]),
    ]

    static let email: [RealisticCase] = [
        .init("email: sign-off on the next line",
              "Subject: Library fines\n\nHello,\nI returned my books late because I was in hospital. Can the fine be waived?\n\nKind regards,\nAngela",
              [Found(.person, "Angela")]),
        .init("email: Regards and an initial",
              "Subject: Gritting\n\nPlease grit the hill on Church Road, it is lethal every morning.\n\nRegards\nJ. Smith",
              [Found(.person, "J. Smith")]),
        .init("email: Thanks, name with phone in brackets",
              "Subject: Verge\n\nThe verge on the A38 near Bromsgrove is overgrown and blocks the view at the junction.\n\nThanks, Tomasz Nowak (01527 881234)",
              [Found(.person, "Tomasz Nowak"), Found(.phone, "01527 881234")]),
        .init("email: compliment names staff in apposition",
              "Subject: Thank you\n\nThe librarian at Evesham Library, Mrs Lewis, helped my son find every book for his project.\n\nMany thanks,\nClaire O'Connor",
              [Found(.person, "Mrs Lewis"), Found(.person, "Claire O'Connor")]),
        .init("email: lone couple on the last line",
              "Subject: Wedding\n\nWe want to thank the registrars for a lovely ceremony at the Guildhall.\n\nTom & Ellie",
              [Found(.person, "Tom"), Found(.person, "Ellie")]),
        .init("email: from header, email address and signature",
              "From: Priya Shah <priya.shah@example.co.uk>\nSubject: SEND appeal\n\nPlease send me the appeal form.\n\nThanks,\nPriya Shah",
              [Found(.person, "Priya Shah"), Found(.email, "priya.shah@example.co.uk"), Found(.person, "Priya Shah")]),
        .init("email: relative named, phone with +44",
              "Subject: Scam\n\nMy mum Joan Price was sold a fake roof repair. You can call me on +44 7700 900782.\n\nDavid",
              [Found(.person, "Joan Price"), Found(.phone, "+44 7700 900782"), Found(.person, "David")]),
        .init("email: FOI with no personal data but years and roads",
              "Subject: FOI\n\nUnder the Freedom of Information Act, how much was spent on the A449 and the B4084 between 2019 and 2023?\n\nThank you",
              []),
        .init("email: card details pasted by mistake",
              "Subject: Permit payment\n\nThe payment page failed so here are my details: card 4111 1111 1111 1111, expiry 09/27.\n\nR. Singh",
              [Found(.cardNumber, "4111 1111 1111 1111"), Found(.person, "R. Singh")]),
        .init("email: Dear title name greeting",
              "Subject: Re: your complaint\n\nDear Mrs Khan,\nthank you for your reply about Bewdley bridge.",
              [Found(.person, "Mrs Khan")]),
    ]

    static let webform: [RealisticCase] = [
        .init("webform: full form with address, postcode, phone, email",
              "Full name: Kwame Mensah\nAddress: 4 Vicarage Close, Droitwich\nPostcode: WR9 8DL\nPhone: 01905 600123\nEmail: kwame@example.net\nMessage: My bin was missed again.",
              [Found(.person, "Kwame Mensah"), Found(.address, "4 Vicarage Close, Droitwich"), Found(.postcode, "WR9 8DL"),
               Found(.phone, "01905 600123"), Found(.email, "kwame@example.net")]),
        .init("webform: lower-case name typed into the field",
              "Name: aleksandra nowak\nDetails: the bus pass renewal page keeps crashing",
              [Found(.person, "aleksandra nowak")]),
        .init("webform: first name and surname fields",
              "First name: Zoë\nSurname: Ó Briain\nDetails: Please tell me about adult education courses in Malvern.",
              [Found(.person, "Zoë"), Found(.person, "Ó Briain")]),
        .init("webform: date of birth and NHS number in a care request",
              "Name: Gareth Evans\nDate of birth: 2-11-61\nDetails: My NHS number is 943 476 5919, I need help with meals after my operation.",
              [Found(.person, "Gareth Evans"), Found(.dateOfBirth, "2-11-61"), Found(.nhsNumber, "943 476 5919")]),
        .init("webform: house name address",
              "Name: Ruth Bellamy\nAddress: Rose Cottage, Mill Lane, Ombersley, WR9 0EW\nDetails: Footpath 12 is blocked by a fallen tree.",
              [Found(.person, "Ruth Bellamy"), Found(.address, "Rose Cottage, Mill Lane, Ombersley"), Found(.postcode, "WR9 0EW")]),
        .init("webform: passport for citizenship ceremony",
              "Name: Mohammed Al-Hassan\nDetails: I need to book my citizenship ceremony, passport number 123456789.",
              [Found(.person, "Mohammed Al-Hassan"), Found(.passport, "123456789")]),
        .init("webform: problem location with street name and bus number",
              "Details: The 144 bus stop on Worcester Road, Bromsgrove has a smashed shelter since 3rd May 2024.",
              []),
        .init("webform: flat and street for a permit delivery",
              "Details: please post the van permit to Flat 3, 14 Elm Grove, Malvern WR14 2AB",
              [Found(.address, "Flat 3, 14 Elm Grove, Malvern"), Found(.postcode, "WR14 2AB")]),
    ]

    static let bot: [RealisticCase] = [
        .init("bot: lower-case name after my name is",
              "user: hi my name is siobhan kelly and i need a bus pass",
              [Found(.person, "siobhan kelly")]),
        .init("bot: postcode typed without a space",
              "user: whats my bin day? postcode wr98dl",
              [Found(.postcode, "wr98dl")]),
        .init("bot: outward code when saying where they live",
              "user: i live in WR14 is there a tip near me",
              [Found(.postcode, "WR14")]),
        .init("bot: phone without separators",
              "user: can someone call me back 07700900461",
              [Found(.phone, "07700900461")]),
        .init("bot: question with no personal data",
              "user: is the household recycling centre in Redditch open on bank holiday monday",
              []),
        .init("bot: email in a chat",
              "user: send it to bob.smith99@gmail.com pls",
              [Found(.email, "bob.smith99@gmail.com")]),
        .init("bot: lives at with lower-case address",
              "user: my nan lives at 4 vicarage close droitwich and her carer didnt turn up",
              [Found(.address, "4 vicarage close droitwich")]),
    ]

    @Test("phone transcripts", arguments: phone)
    func phoneCases(_ c: RealisticCase) { #expect(found(c.text) == c.expected) }

    @Test("emails", arguments: email)
    func emailCases(_ c: RealisticCase) { #expect(found(c.text) == c.expected) }

    @Test("web forms", arguments: webform)
    func webformCases(_ c: RealisticCase) { #expect(found(c.text) == c.expected) }

    @Test("bot chats", arguments: bot)
    func botCases(_ c: RealisticCase) { #expect(found(c.text) == c.expected) }
}
