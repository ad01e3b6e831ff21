import Testing
import SignpostEvents
@testable import ClassifierCore

// The byte-level checks and tables that replaced `Character` and `Dictionary` code give the same
// answers as that code (kept here as the reference).

/// Words that exercise road numbers, outward codes and the non-ASCII paths.
private let probeWords: [String] = [
    "", "a", "b", "m", "a1", "a38", "a449", "a4440", "a44400", "b60", "b97", "b4084", "b40845", "m5", "m50", "m500",
    "c12", "ab12", "wr9", "wr98dl", "wr10", "wr101", "b6", "dy9", "b4", "1wr", "w", "wr", "wr9x", "wr99x", "wrx9",
    "x1", "xy12", "xyz12", "wr9 8dl", "a4\u{301}4", "\u{E1}44", "a\u{661}\u{662}", "m\u{FF15}", "wr\u{0669}", "\u{212A}1",
    "A38", "M5", "WR9", "Wr98Dl", "b4084x", "a0", "a00", "m00", "b0000", "wr00", "w00", "w000", "wr0a", "a-38",
]

@Suite("byte-level checks agree with the Character-level code")
struct ByteLevelEquivalenceTests {
    /// The road-number check as it was, `Character` by `Character`.
    private static func referenceIsRoadNumber(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        let digits = text.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return false }
        switch first {
        case "a": return (2...4).contains(digits.count)
        case "b": return digits.count == 4
        case "m": return (1...2).contains(digits.count)
        default: return false
        }
    }

    /// The outward-code check as it was, `Character` by `Character`.
    private static func referenceIsOutwardCode(_ t: String) -> Bool {
        let letters = t.prefix(while: \.isLetter)
        let digits = t.dropFirst(letters.count)
        return (1...2).contains(letters.count) && (1...2).contains(digits.count) && digits.allSatisfy(\.isNumber)
    }

    @Test func roadNumbersAreRecognisedAsBefore() {
        for word in probeWords {
            #expect(RuleScorer.isRoadNumber(word) == Self.referenceIsRoadNumber(word), "\(word)")
        }
    }

    @Test func outwardCodesAreRecognisedAsBefore() {
        for word in probeWords {
            #expect(DistrictLocator.isOutwardCode(word) == Self.referenceIsOutwardCode(word), "\(word)")
        }
    }

    @Test func postcodesInTextGiveTheSameDistrictsAsTheWordTable() {
        // A full postcode written together ("wr98dl") and apart ("WR9 8DL") and a lone outward code.
        let locator = DistrictLocator()
        #expect(locator.district(inText: "bins at wr98dl") == locator.district(inText: "bins at WR9 8DL"))
        #expect(locator.district(inText: "bins at wr98dl") == .district(.wychavon, evidence: "postcode district WR9"))
        #expect(locator.district(inText: "pothole near wr9x") == nil)
    }

    @Test func signOffLinesAreFoundByTheByteLevelReaderAsByTheGeneralOne() {
        let texts = [
            "Hello\nThe bins were missed.\nThanks,\nPriya",
            "Hello\nThe bins were missed.\nKind regards Priya Shah",
            "Hello\nThe bins were missed.\nKind regards Priya Jane Shah Smith",
            "Hello\nThanks for nothing, the bins were missed again and again\nbye",
            "Subject: Missed bin\nName: Jo\nagent: hi\n   Call Handler : hello\nthank you!\n\n\n",
            "thanks", "", "\n", " \t\n", "Re: FOI\nmany thanks. Jo", "CHEERS", "Regards\tJo", "All the best,\nJo\n",
            "a very long label that goes on and on: text\nabcdefghijklmnopqrstuvwxyz: x\nabcdefghijklmnopqrstuvwxyza: y",
        ]
        for text in texts {
            let fast = Document.roles(of: text).map { "\($0.1.map { "\($0)" } ?? "-")|\($0.0)" }
            let general = Document.generalRoles(of: text).map { "\($0.1.map { "\($0)" } ?? "-")|\($0.0)" }
            #expect(fast == general, "\(text)")
        }
    }

    @Test func hashTableFindsEveryStoredKeyAndNoOther() {
        // Keys that collide in the low bits probe past each other; absent keys end at an empty slot.
        var entries: [UInt64: Int32] = [:]
        for i in 0..<200 { entries[UInt64(i) << 40 | 7] = Int32(i) }
        for i in 0..<200 { entries[FeatureExtractor.hash(name: "w:word\(i)")] = Int32(200 + i) }
        let table = HashTable(entries)
        for (key, value) in entries { #expect(table[key] == value) }
        for i in 200..<400 { #expect(table[UInt64(i) << 40 | 7] == -1) }
        #expect(table[FeatureExtractor.hash(name: "w:absent")] == -1)
        #expect(HashTable([:])[42] == -1)
    }

    @Test func scoresRankAsADictionaryDid() {
        // Best first, ties in declaration order, only positive scores; sums in the order added.
        var scores = Scores<EnquiryKind>()
        var reference: [EnquiryKind: Double] = [:]
        let adds: [(EnquiryKind, Double)] = [
            (.complaint, 1.5), (.generalEnquiry, 0.3), (.serviceRequest, 1.2), (.compliment, 0), (.complaint, 0.1),
            (.serviceRequest, 0.4), (.foiRequest, -1), (.generalEnquiry, 1.3), (.safeguardingConcern, 1.6),
        ]
        for (label, weight) in adds {
            scores.add(label, weight)
            reference[label, default: 0] += weight
        }
        let expected = EnquiryKind.allCases.map { ($0, reference[$0, default: 0]) }.filter { $0.1 > 0 }.enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map { "\($0.element.0):\($0.element.1)" }
        #expect(scores.ranked.map { "\($0.label):\($0.score)" } == expected)
        for kind in EnquiryKind.allCases { #expect(scores[kind] == reference[kind, default: 0]) }
        #expect(Scores<ResponsibleService>().ranked.isEmpty)
    }

    @Test func shorthandIsExpandedByTheKeyedTable() {
        let document = Document(text: "pls can u fix it b4 wednesday thx, ty", channel: .bot)
        #expect(document.tokens.map(\.text) == ["please", "can", "you", "fix", "it", "before", "wednesday", "thanks", "thank", "you"])
    }
}
