import Testing
import SignpostEvents
@testable import ClassifierCore

@Suite("DistrictLocator")
struct DistrictLocatorTests {
    let locator = DistrictLocator()

    @Test func fullPostcodeGivesItsDistrictWithOnlyTheOutwardCodeAsEvidence() {
        #expect(locator.district(inText: "4 Vicarage Close, Droitwich WR9 8DL") == .district(.wychavon, evidence: "postcode district WR9"))
    }

    @Test func unspacedAndLowerCasePostcodesAreFound() {
        #expect(locator.district(inText: "postcode wr98dl") == .district(.wychavon, evidence: "postcode district WR9"))
        #expect(locator.district(inText: "I'm in b98 somewhere") == .district(.redditch, evidence: "postcode district B98"))
    }

    @Test("outward codes wholly in one district", arguments: [
        ("WR1 2AB", District.worcesterCity), ("WR14 3PQ", .malvernHills), ("WR15 8AA", .malvernHills), ("WR10 1AA", .wychavon),
        ("WR11 4TY", .wychavon), ("B61 0AA", .bromsgrove), ("B60 1AA", .bromsgrove), ("B97 4QX", .redditch),
        ("DY10 1AA", .wyreForest), ("DY12 2AA", .wyreForest), ("DY13 8AA", .wyreForest),
    ])
    func outwardCode(_ postcode: String, _ district: District) {
        guard case .district(let found, _)? = locator.district(inText: postcode) else {
            Issue.record("no district for \(postcode)"); return
        }
        #expect(found == district)
    }

    @Test func straddlingOutwardCodeFallsBackToTownName() {
        #expect(locator.district(inText: "Kempsey, WR5 3JX") == .district(.malvernHills, evidence: "postcode district WR5 and place \"kempsey\""))
        #expect(locator.district(inText: "WR5 2AA, Worcester") == .district(.worcesterCity, evidence: "postcode district WR5 and place \"worcester\""))
    }

    @Test func straddlingOutwardCodeAloneIsAmbiguous() {
        #expect(locator.district(inText: "WR5 2AA") == .ambiguous(outwardCode: "WR5", candidates: [.worcesterCity, .malvernHills, .wychavon]))
        #expect(locator.district(inText: "B96 6AA") == .ambiguous(outwardCode: "B96", candidates: [.redditch, .wychavon]))
    }

    @Test func straddlingTownOutsideTheCandidatesStaysAmbiguous() {
        // Redditch is not among WR5's districts: the postcode and the place disagree.
        #expect(locator.district(inText: "WR5 2AA, near Redditch") == .ambiguous(outwardCode: "WR5", candidates: [.worcesterCity, .malvernHills, .wychavon]))
    }

    @Test func codeSharedWithAnotherCountyNeedsATownName() {
        #expect(locator.district(inText: "DY9 7AA") == .ambiguous(outwardCode: "DY9", candidates: [.bromsgrove]))
        #expect(locator.district(inText: "Hagley DY9 0NB") == .district(.bromsgrove, evidence: "postcode district DY9 and place \"hagley\""))
    }

    @Test func postcodeOutsideTheCountyFallsBackToTownName() {
        #expect(locator.district(inText: "B31 2AA, but the problem is in Rubery") == .district(.bromsgrove, evidence: "place \"rubery\""))
    }

    @Test("town and village names", arguments: [
        ("Worcester", District.worcesterCity), ("Redditch", .redditch), ("Redditch Borough", .redditch), ("Bromsgrove", .bromsgrove),
        ("Rubery", .bromsgrove), ("Wythall", .bromsgrove), ("Alvechurch", .bromsgrove), ("Hagley", .bromsgrove),
        ("Malvern", .malvernHills), ("Upton-upon-Severn", .malvernHills), ("Upton upon Severn", .malvernHills), ("Tenbury Wells", .malvernHills),
        ("Kidderminster", .wyreForest), ("Bewdley", .wyreForest), ("Stourport-on-Severn", .wyreForest), ("Wyre Forest District", .wyreForest),
        ("Droitwich", .wychavon), ("Evesham", .wychavon), ("Pershore", .wychavon), ("Broadway", .wychavon), ("Wyre Piddle", .wychavon),
        ("Upton Warren", .bromsgrove), ("Upton Snodsbury", .wychavon),
    ])
    func townName(_ town: String, _ district: District) {
        guard case .district(let found, _)? = locator.district(inText: "I live in \(town).") else {
            Issue.record("no district for \(town)"); return
        }
        #expect(found == district)
    }

    @Test func streetNamedAfterATownIsNotThatTown() {
        #expect(locator.district(inText: "Worcester Road, Malvern") == .district(.malvernHills, evidence: "place \"malvern\""))
    }

    @Test func mostMentionedDistrictWinsThenFirstMentioned() {
        guard case .district(let d1, _)? = locator.district(inText: "From Evesham, bins in Redditch and Redditch again") else { Issue.record(); return }
        #expect(d1 == .redditch)
        guard case .district(let d2, _)? = locator.district(inText: "Pershore or Malvern") else { Issue.record(); return }
        #expect(d2 == .wychavon)
    }

    @Test func commonWordPlaceNamesNeedACapital() {
        #expect(locator.district(inText: "a rock hit my windscreen") == nil)
        #expect(locator.district(inText: "we live in Rock") == .district(.wyreForest, evidence: "place \"rock\""))
    }

    @Test func countyNameAloneIsNoDistrict() {
        #expect(locator.district(inText: "Worcestershire County Council") == nil)
    }

    @Test func nameFieldsAreNotPlaces() {
        #expect(locator.district(inText: "Name: Sam Malvern\nDetails: bins not collected") == nil)
    }

    @Test func noPostcodeNoTownIsNil() {
        #expect(locator.district(inText: "my bins were not collected") == nil)
        #expect(locator.district(inText: "") == nil)
    }
}

@Suite("tokenizer and matching internals")
struct DocumentTests {
    private func texts(_ text: String, _ channel: Channel = .email) -> [String] {
        Document(text: text, channel: channel).tokens.map(\.text)
    }

    @Test func apostrophesAreJoinedAndPossessivesMarked() {
        let doc = Document(text: "I haven't seen my mum's neighbour", channel: .email)
        #expect(doc.tokens.map(\.text) == ["i", "havent", "seen", "my", "mums", "neighbour"])
        #expect(doc.tokens[4].possessive)
        #expect(doc.tokens[4].forms.contains("mum"))
        #expect(texts("I haven\u{2019}t") == ["i", "havent"])
    }

    @Test func chatShorthandIsExpanded() {
        #expect(texts("do u know wat time pls", .bot) == ["do", "you", "know", "what", "time", "please"])
    }

    @Test func staffTurnsAndPersonalFieldsAreDropped() {
        #expect(texts("Agent: How can I help?\nCaller: bins", .phone) == ["caller", "bins"])
        #expect(texts("Name: Jo Bloggs\nEmail: jo@example.com\nPhone: 01905 000000\nDetails: pothole", .webform) == ["details", "pothole"])
    }

    @Test func signOffLineIsASignature() {
        let doc = Document(text: "Subject: Drain\n\nPlease clear the drain.\n\nThanks, Priya", channel: .email)
        #expect(doc.tokens.first?.role == .subject)
        #expect(doc.tokens.last?.role == .signature)
        #expect(doc.tokens.first { $0.text == "drain" && $0.role == .body } != nil)
    }

    @Test func pluralsAndOneEditTyposMatchTheLexiconWord() {
        let forms = Lexicons.vocabulary.forms(of: "potholle", possessiveBase: nil)
        #expect(forms.contains("pothole"))
        #expect(Lexicons.vocabulary.forms(of: "kerbs", possessiveBase: nil).contains("kerb"))
        #expect(Vocabulary.isOneEditAway(Array("gritting"), Array("grittnig")))
        #expect(!Vocabulary.isOneEditAway(Array("gritting"), Array("gritting")))
        #expect(!Vocabulary.isOneEditAway(Array("gritting"), Array("grating")))
    }

    @Test func gapsDoNotCrossAClause() {
        let lexicon = Lexicon<Int>([("could ~3 fix", 1, 1)])
        #expect(lexicon.matches(in: Document(text: "could highways fix it", channel: .email)).count == 1)
        #expect(lexicon.matches(in: Document(text: "could be worse. fix it", channel: .email)).isEmpty)
    }

    @Test func longerCueWinsSharedWords() {
        let lexicon = Lexicon<String>([("school", "education", 1), ("school transport", "transport", 1)])
        let found = lexicon.matches(in: Document(text: "school transport was late", channel: .email))
        #expect(found.map(\.cue.label) == ["transport"])
    }

    @Test func negationIsDetectedWithinThreeWordsOfTheSameClause() {
        let lexicon = Lexicon<Int>([("complaint", 1, 1)], detectsNegation: true)
        #expect(lexicon.matches(in: Document(text: "this is not a complaint", channel: .email)).first?.negated == true)
        #expect(lexicon.matches(in: Document(text: "no, I want to make a complaint", channel: .email)).first?.negated == false)
    }

    @Test("road numbers", arguments: [("a449", true), ("a38", true), ("a4440", true), ("b4084", true), ("m5", true),
                                      ("b60", false), ("b97", false), ("a4", false), ("wr9", false), ("abc", false)])
    func roadNumber(_ token: String, _ isRoad: Bool) {
        #expect(RuleScorer.isRoadNumber(token) == isRoad)
    }
}
