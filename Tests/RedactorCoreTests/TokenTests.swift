import Testing
@testable import RedactorCore

/// The facts `Document` records per token once must equal what the rules would compute from the
/// token's strings and the lexicon each time.
@Suite("Token facts read once")
struct TokenTests {
    static let texts = [
        "Mr O'Neill's NEIGHBOUR, Ms Ní Bhriain, lives at 12a Mill Lane; DOB 3rd May 1980 (21ST of June).",
        "user: im bushra and my mum’s name is joan price\nCaller: It's Ciarán Ó Súilleabháin here",
        "ÉLODIE Dupont-Lefèvre, 0044 7700 900461; NHS 943 476 5919; 1990-08-22; 00000000000000000000022 Ⅻ",
        "Zoë e\u{301}mile ÅSA J. Smith — Thanks, Angela\u{37E} Regards\nTown: Pershore; Flat 3, 4 The Paddocks",
    ]

    @Test("recorded facts agree with the strings", arguments: texts)
    func facts(_ text: String) {
        for t in Document(text).tokens {
            #expect(t.startsUpperToken == t.text.startsUpper, "\(t.text)")
            #expect(t.allCaps == (t.text == t.text.uppercased()), "\(t.text)")
            #expect(t.hasUpper == (t.text != t.lower), "\(t.text)")
            #expect(t.charCount == t.text.count, "\(t.text)")
            #expect(t.hasDigit == t.text.unicodeScalars.contains(where: \.isASCIIDigit), "\(t.text)")
            #expect(t.possessiveS == (t.kind == .word && t.lower.hasSuffix("'s")), "\(t.text)")
            #expect(t.nameShape == t.text.unicodeScalars.allSatisfy { $0.isLetterLike || $0.isMark || "'\u{2019}-\u{2010}".unicodeScalars.contains($0) }, "\(t.text)")
            if t.kind == .punct { #expect(t.isPunct(t.first) && String(t.first) == t.text, "\(t.text)") }
            switch t.kind {
            case .word:
                #expect(t.word == (Lexicon.words[t.lower]?.classes ?? []), "\(t.text)")
                #expect(t.month == (Lexicon.months[t.lower] ?? 0), "\(t.text)")
                #expect(t.day == (Lexicon.dayWords[t.lower] ?? 0), "\(t.text)")
                #expect(t.notName == Lexicon.notNames.contains(t.lower), "\(t.text)")
            case .number:
                let digits = t.text.allSatisfy(\.isASCII) && t.text.allSatisfy(\.isNumber)
                #expect(t.value == (digits ? Int(t.text) : nil), "\(t.text)")
                #expect(t.day == Document.numberDay(t.lower), "\(t.text)")
            case .punct:
                break
            }
        }
    }

    @Test("word classes are the lexicon's lists")
    func classes() {
        for w in Lexicon.titles { #expect(Lexicon.words[w]?.classes.contains(.title) == true) }
        for w in Lexicon.notNamesStrong { #expect(Lexicon.words[w]?.classes.contains(.notNameStrong) == true) }
        for w in Lexicon.streetSuffixes { #expect(Lexicon.words[w]?.classes.contains(.streetSuffix) == true) }
        for w in AddressDetector.knownTowns { #expect(Lexicon.words[w]?.classes.contains(.knownTown) == true) }
        #expect(Lexicon.words["road"]?.classes.contains(.title) == false)
        #expect(Lexicon.words["may"]?.month == 5)
        #expect(Lexicon.words["twenty-first"]?.day == 21)
    }

    @Test("U+037E counts as a semicolon, as it does in String comparison")
    func greekQuestionMark() {
        let d = Document("a\u{37E}b")
        #expect(d.tokens[1].text == ";")
        #expect(d.isPunct(1, ";"))
    }
}

private extension Token {
    var notName: Bool { word.contains(.notName) }
}
