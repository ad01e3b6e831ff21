import SignpostEvents
import Testing
@testable import RedactorCore

@Suite("Redaction behaviour")
struct RedactionBehaviourTests {
    let redactor = Redactor()

    @Test("the version names the rule set")
    func versionIsRules() {
        #expect(Redactor.version.hasPrefix("rules-"))
    }

    @Test("the same phone written twice gets the same placeholder")
    func samePhoneSamePlaceholder() {
        let r = redactor.redact("Ring me on 07700 900123. If no answer try +44 7700 900123 or 07700-900-123 again.")
        #expect(r.entities.count == 3)
        #expect(Set(r.entities.map(\.placeholder)) == ["[PHONE_1]"])
        #expect(r.values == ["[PHONE_1]": "07700 900123"])
        #expect(r.text == "Ring me on [PHONE_1]. If no answer try [PHONE_1] or [PHONE_1] again.")
    }

    @Test("different phones get numbered placeholders in order of appearance")
    func differentPhonesNumbered() {
        let r = redactor.redact("Home 01905 765432, mobile 07700 900461, home again (01905) 765432.")
        #expect(r.entities.map(\.placeholder) == ["[PHONE_1]", "[PHONE_2]", "[PHONE_1]"])
        #expect(r.values["[PHONE_2]"] == "07700 900461")
    }

    @Test("the same name in a different case or spacing gets the same placeholder")
    func sameNameNormalised() {
        let r = redactor.redact("Name: joan  price\nMessage: her name is Joan Price and she needs a blue badge.")
        #expect(r.entities.map(\.type) == [.person, .person])
        #expect(r.entities[0].placeholder == r.entities[1].placeholder)
    }

    @Test("a postcode with and without the space is one value")
    func samePostcodeNormalised() {
        let r = redactor.redact("Postcode WR9 8DL. Sorry, that's wr98dl.")
        #expect(r.entities.map(\.type) == [.postcode, .postcode])
        #expect(Set(r.entities.map(\.placeholder)).count == 1)
    }

    @Test("offsets count Unicode scalars when accents and emoji come first")
    func scalarOffsetsWithNonASCII() {
        let text = "Zoë 😀🇬🇧 naïve café — my name is Zoë Ó Briain, phone 07700 900461 👍"
        let r = redactor.redact(text)
        let scalars = Array(text.unicodeScalars)
        let values = r.entities.map { e -> String in
            var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[e.start..<e.end]); return String(v)
        }
        #expect(values == ["Zoë Ó Briain", "07700 900461"])
        // 🇬🇧 is two scalars, ë and ï one each when precomposed.
        let expectedStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex,
                                                         to: text.range(of: "Zoë Ó Briain,")!.lowerBound.samePosition(in: text.unicodeScalars)!)
        #expect(r.entities.first?.start == expectedStart)
        #expect(r.text == "Zoë 😀🇬🇧 naïve café — my name is [PERSON_1], phone [PHONE_1] 👍")
    }

    @Test("decomposed accents (combining marks) stay inside the name")
    func combiningMarksInName() {
        let name = "Siobha\u{301}n Ni\u{301} Bhriain"  // á and í written with combining acute
        #expect(found("Kind regards,\n\(name)") == [Found(.person, name)])
    }

    @Test("entities are sorted, non-overlapping and the text is rebuilt around them")
    func entitiesSortedAndDisjoint() {
        let text = "Name: Kwame Mensah\nAddress: 4 Vicarage Close, Droitwich, WR9 8DL\nPhone: 01905 600123\nEmail: k.mensah@example.org"
        let r = redactor.redact(text)
        for (a, b) in zip(r.entities, r.entities.dropFirst()) { #expect(a.end <= b.start) }
        #expect(r.text == "Name: [PERSON_1]\nAddress: [ADDRESS_1], [POSTCODE_1]\nPhone: [PHONE_1]\nEmail: [EMAIL_1]")
        #expect(r.values["[ADDRESS_1]"] == "4 Vicarage Close, Droitwich")
    }

    @Test("redaction is deterministic")
    func deterministic() throws {
        let examples = try LabelledExample.loadAll()
        for e in examples { #expect(redactor.redact(e.text) == Redactor().redact(e.text)) }
    }

    @Test("text without personal data comes back unchanged", arguments: [
        "",
        "user: when is the tip at Hill and Moor open on Boxing Day?",
        "There is a pothole on Mill Lane by the school.",
        "The kerb outside the post office in Upton is broken.",
        "A pothole outside 23 Mill Lane has been there for weeks.",
        "Also: 5 High Street needs gritting, and 3 Park Avenue has flooded.",
        "The lights on Worcester Road are out again.",
        "Agent: Council, how can I help?\nCaller: I'm ringing about my neighbour's hedge.",
        "Caller asked whether Redditch Borough deals with abandoned trolleys.",
        "I paid £45.50 for a permit in 2023, for the 144 bus, on the A449.",
        "Reference 1234567890, 1,200 people, 0.5 miles, at 12:30 on 02/11/2023.",
        "I was born in Kidderminster and moved to Malvern in May.",
        "My mum is 84 and needs help at home with her medication.",
        "The 144 and 144A buses from Worcester to Birmingham were late on Monday 3rd March.",
        "Please can Highways send someone to look at the drain on Droitwich Road?",
    ])
    func noPII(_ text: String) {
        let r = redactor.redact(text)
        #expect(r.entities.isEmpty, "found \(found(text))")
        #expect(r.text == text)
    }
}
