import Foundation
import Testing
import SignpostEvents
@testable import ClassifierCore

// The tokenizer, lexicon matcher, typo corrector and feature extractor as they were before the
// byte-level rewrite (Document.swift, Lexicon.swift, Features.swift), kept here verbatim in
// behaviour, so that the new implementation is compared with the old one in-process on the
// same inputs: every token, form, cue match and feature hash must be the same.

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every text of the classification corpora (train and test), plus edge cases the corpus lacks.
private let corpusTexts: [(text: String, channel: Channel)] = {
    var texts: [(String, Channel)] = []
    for name in ["train.jsonl", "test.jsonl"] {
        let url = repositoryRoot.appendingPathComponent("corpus/classification/\(name)")
        if let examples = try? LabelledEnquiry.load(contentsOf: url) { texts += examples.map { ($0.text, $0.channel) } }
    }
    return texts
}()

/// Texts that exercise the non-ASCII, CRLF and odd-apostrophe paths.
private let edgeTexts: [String] = [
    "", "\n\n", "   ", "Subject: Pothole\r\nThere's a potholle on Mill Lane — please fix it.\r\nThanks, Priya",
    "Caf\u{E9} owner: the bins weren\u{2019}t collected. My mum\u{2019}s neighbour\u{2019}s kids are neglected!!",
    "Cafe\u{301} and na\u{EF}ve r\u{E9}sum\u{E9}s; \u{212A}elvin \u{130}stanbul STRASSE stra\u{DF}e \u{FB01}ne",
    "selfharm SelfHarm u r pls thx ty wanna dunno whos B4 b4 A449 M5 B60 B4084 & + ( ) [ ] \u{2026} ?",
    "Agent: hello\nCaller: my son's school place\nuser: I'm 15 and my brother is 9, aged 4\nKind regards\nJohn Smith\nWorcester",
    "Name: John Smith\nEmail: a@b.c\nRe: FOI request\nI'd like to make a =SAR DSAR SAR request under the FOI Act",
    "He's neglecting the children, flooding everywhere, pesticides; Asperger's, Parkinsons; Polish Romanian polish",
    "Thank you\nthanks, bye\n  \t\nRegards!",
    "it's 'quoted' `back` ’tis o'clock rock'n'roll 1'2 a'1 x' 'x s's S'S it's’s",
    "\u{1F600} emoji \u{1F469}\u{200D}\u{1F467} zwj \u{0915}\u{093F}\u{0924}\u{093E}\u{092C} \u{0661}\u{0662} \u{FF21}\u{FF22} \u{2160}",
    "kiddermister potholle pavment strret lamppost fostering fosterring safeguardng",
    "\u{00A0}\u{2003}Subject:\u{00A0}Complaint\u{0085}body\u{2028}more:\u{301} text",
    String(repeating: "word ", count: 300),
    // The ASCII stand-in's characters (£ € – — ‘ ’ “ ”), in words, labels, sign-offs and beside digits and "s".
    "Subject: Bill \u{2013} \u{A3}45.50\nHi,\nThe bin\u{2019}s lid isn\u{2019}t shut \u{2014} it\u{2019}s \u{201C}broken\u{201D}. I paid \u{20AC}20 \u{2018}twice\u{2019}\nThanks \u{2013} Priya",
    "Name\u{2019}s: x\nEmail \u{2013} y: z\n\u{A3}: 5\nName: \u{A3}\nKind regards \u{2013} J\n\u{2019}tis \u{2019}s s\u{2019} mum\u{2019}s dad\u{2019}S kids\u{2019}\u{A3}",
    String(repeating: "\u{A3}", count: 26) + ": Subject\n" + String(repeating: "\u{2014}", count: 27) + ": Caller",
    "\u{A3}\u{301}5 \u{2019}\u{FE0F}s the cost \u{2013}\u{200D} \u{A3}", "Thanks\u{2014}\nregards \u{2018}x\u{2019}, bye \u{201D}",
]

private let allTexts: [(text: String, channel: Channel)] = corpusTexts + edgeTexts.map { ($0, Channel.email) }

// MARK: - The old implementation

private struct LegacyToken: Hashable {
    var text: String
    var original: String
    var forms: [String]
    var clause: Int
    var line: Int
    var role: LineRole
    var possessive: Bool = false
}

private struct LegacyDocument {
    let tokens: [LegacyToken]
    let asksQuestion: Bool

    init(text: String, vocabulary: LegacyVocabulary) {
        var tokens: [LegacyToken] = []
        var asksQuestion = false
        var clause = 0
        let lines = LegacyDocument.roles(of: text)
        for (lineIndex, (line, role)) in lines.enumerated() {
            guard let role else { continue }
            clause += 1
            LegacyTokenizer.tokenize(line, line: lineIndex, role: role, clause: &clause, into: &tokens, sawQuestion: &asksQuestion)
        }
        for i in tokens.indices {
            tokens[i].forms = vocabulary.forms(of: tokens[i].text, possessiveBase: tokens[i].possessive ? tokens[i].forms.first : nil)
        }
        self.tokens = tokens
        self.asksQuestion = asksQuestion
    }

    static let staffSpeakers: Set<String> = [
        "agent", "advisor", "adviser", "operator", "bot", "assistant", "council", "csa", "staff", "call handler",
    ]
    static let droppedFields: Set<String> = [
        "name", "full name", "first name", "last name", "surname", "forename", "your name",
        "email", "e-mail", "email address", "your email",
        "phone", "telephone", "tel", "mobile", "phone number", "contact number", "telephone number",
        "date of birth", "dob", "national insurance number", "ni number", "national insurance",
        "from", "to", "cc", "sent", "date",
    ]
    static let signOffs: [String] = [
        "thanks", "thank you", "many thanks", "kind regards", "regards", "best wishes", "best regards",
        "yours sincerely", "yours faithfully", "cheers", "warm regards", "all the best", "thanks again",
    ]

    static func roles(of text: String) -> [(Substring, LineRole?)] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        let nonEmpty = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }
        let lastLines = Set(nonEmpty.suffix(3))
        var result: [(Substring, LineRole?)] = []
        var inSignature = false
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine.drop(while: \.isWhitespace)
            var role: LineRole? = inSignature ? .signature : .body
            if let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 26 {
                let label = legacyTrimmingSpaces(line[..<colon].lowercased())
                if staffSpeakers.contains(label) {
                    role = nil
                } else if droppedFields.contains(label) {
                    role = nil
                } else if label == "subject" || label == "re" {
                    role = .subject
                    line = line[line.index(after: colon)...]
                }
            }
            if role == .body, lastLines.contains(index), isSignOff(line) {
                inSignature = true
                role = .signature
            }
            result.append((line, role))
        }
        return result
    }

    static func isSignOff(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        for phrase in signOffs where lower.hasPrefix(phrase) {
            let rest = lower.dropFirst(phrase.count)
            if rest.isEmpty || rest.first == "," || rest.first == "!" || rest.first == "." { return true }
            if rest.split(separator: " ").count <= 3, rest.first == " " { return true }
        }
        return false
    }
}

private func legacyTrimmingSpaces(_ s: String) -> String {
    guard let start = s.firstIndex(where: { !$0.isWhitespace }), let end = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(s[start...end])
}

private enum LegacyTokenizer {
    static let shorthand: [String: [String]] = [
        "u": ["you"], "ur": ["your"], "r": ["are"], "pls": ["please"], "plz": ["please"], "plse": ["please"],
        "thx": ["thanks"], "thnx": ["thanks"], "thanx": ["thanks"], "tnx": ["thanks"], "ty": ["thank", "you"],
        "wot": ["what"], "wat": ["what"], "wen": ["when"], "hw": ["how"], "cos": ["because"], "coz": ["because"],
        "cuz": ["because"], "b4": ["before"], "abt": ["about"], "wanna": ["want", "to"], "gonna": ["going", "to"],
        "n": ["and"], "k": ["ok"], "kno": ["know"], "knw": ["know"], "dunno": ["dont", "know"], "pavment": ["pavement"],
        "whos": ["who", "is"], "wheres": ["where", "is"], "whats": ["what", "is"], "hows": ["how", "is"],
    ]

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "`"
    }

    static func isClauseBreak(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ",", ".", ";", ":", "!", "?", "(", ")", "[", "]", "\u{2026}": true
        default: false
        }
    }

    static func tokenize(
        _ line: Substring, line lineIndex: Int, role: LineRole,
        clause: inout Int, into tokens: inout [LegacyToken], sawQuestion: inout Bool
    ) {
        var word = String.UnicodeScalarView()
        var possessive = false
        let scalars = Array(line.unicodeScalars)

        func flush() {
            guard !word.isEmpty else { return }
            let original = String(word)
            var lower = original.lowercased()
            var base: String? = nil
            if possessive, lower.hasSuffix("s") { base = String(lower.dropLast()) }
            if let expanded = shorthand[lower] {
                for part in expanded {
                    tokens.append(LegacyToken(text: part, original: part, forms: [], clause: clause, line: lineIndex, role: role))
                }
            } else {
                if lower == "selfharm" { lower = "self"; tokens.append(LegacyToken(text: lower, original: original, forms: [], clause: clause, line: lineIndex, role: role)); lower = "harm" }
                tokens.append(LegacyToken(text: lower, original: original, forms: base.map { [$0] } ?? [], clause: clause, line: lineIndex, role: role, possessive: base != nil))
            }
            word = String.UnicodeScalarView()
            possessive = false
        }

        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s.properties.isAlphabetic || ("0"..."9").contains(s) {
                word.append(s)
            } else if isApostrophe(s), !word.isEmpty, i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic {
                if scalars[i + 1] == "s" || scalars[i + 1] == "S",
                   i + 2 >= scalars.count || !scalars[i + 2].properties.isAlphabetic {
                    possessive = true
                }
            } else {
                flush()
                if s == "&" || s == "+" {
                    tokens.append(LegacyToken(text: "and", original: "&", forms: [], clause: clause, line: lineIndex, role: role))
                } else if isClauseBreak(s) {
                    clause += 1
                    if s == "?" { sawQuestion = true }
                }
            }
            i += 1
        }
        flush()
    }
}

private struct LegacyVocabulary {
    let words: Set<String>
    let byDeletion: [String: [String]]
    static let minimumTypoLength = 6

    init<S: Sequence>(_ words: S) where S.Element == String {
        let set = Set(words)
        self.words = set
        var byDeletion: [String: [String]] = [:]
        for w in set.sorted() where w.count >= LegacyVocabulary.minimumTypoLength - 1 {
            for key in LegacyVocabulary.deletions(of: w) + [w] where !(byDeletion[key]?.contains(w) ?? false) {
                byDeletion[key, default: []].append(w)
            }
        }
        self.byDeletion = byDeletion
    }

    static func deletions(of word: String) -> [String] {
        let chars = Array(word)
        return chars.indices.map { i in String(chars[..<i] + chars[(i + 1)...]) }
    }

    func forms(of text: String, possessiveBase: String?) -> [String] {
        var forms = [text]
        if let base = possessiveBase, base != text { forms.append(base) }
        if text.count > 3, text.hasSuffix("s"), !text.hasSuffix("ss") {
            if text.hasSuffix("ies") { forms.append(String(text.dropLast(3)) + "y") }
            if text.hasSuffix("es") { forms.append(String(text.dropLast(2))) }
            forms.append(String(text.dropLast()))
        }
        if text.count >= LegacyVocabulary.minimumTypoLength,
           !forms.contains(where: words.contains),
           text.allSatisfy(\.isLetter),
           let correction = computeCorrection(for: text) {
            forms.append(correction)
        }
        return forms
    }

    func computeCorrection(for text: String) -> String? {
        guard let first = text.first else { return nil }
        var candidates: [String] = byDeletion[text] ?? []
        for key in LegacyVocabulary.deletions(of: text) {
            if let list = byDeletion[key] { candidates += list }
        }
        let t = Array(text)
        var best: String? = nil
        for candidate in candidates where candidate.first == first && (best == nil || candidate < best!) {
            if LegacyVocabulary.isOneEditAway(t, Array(candidate)) { best = candidate }
        }
        return best
    }

    static func isOneEditAway(_ a: [Character], _ b: [Character]) -> Bool {
        if a == b { return false }
        if a.count == b.count {
            let diffs = a.indices.filter { a[$0] != b[$0] }
            if diffs.count == 1 { return true }
            if diffs.count == 2, diffs[1] == diffs[0] + 1, a[diffs[0]] == b[diffs[1]], a[diffs[1]] == b[diffs[0]] { return true }
            return false
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0, j = 0, skipped = false
        while i < long.count, j < short.count {
            if long[i] == short[j] { i += 1; j += 1 } else {
                if skipped { return false }
                skipped = true; i += 1
            }
        }
        return true
    }
}

/// The old longest-match matcher, over the new document's tokens: (cue index, positions, negated) in text order.
private func legacyMatches<Label>(_ lexicon: Lexicon<Label>, _ tokens: [Token]) -> [(cue: Int, positions: [Int], negated: Bool)] {
    let cues = lexicon.cues
    var byFirstWord: [String: [Int]] = [:]
    var unindexed: [Int] = []
    for (i, cue) in cues.enumerated() {
        if let w = cue.pattern.firstWord { byFirstWord[w, default: []].append(i) } else { unindexed.append(i) }
    }
    let negators: Set<String> = ["not", "no", "never", "isnt", "wasnt", "dont", "doesnt", "didnt", "arent", "werent", "without", "nothing", "hardly", "cant", "wont", "neither", "nor"]
    func matches(_ element: PatternElement, _ token: Token) -> Bool {
        switch element {
        case .word(let w): token.forms.contains(w)
        case .prefix(let p): token.forms.contains { $0.hasPrefix(p) }
        case .exactCase(let w): token.original == w
        case .capitalized(let w): token.forms.contains(w) && (token.original.first?.isUppercase ?? false)
        case .gap: false
        }
    }
    func match(_ elements: [PatternElement], _ e: Int, from t: Int, clause: Int, path: inout [Int]) -> Bool {
        if e == elements.count { return true }
        if case .gap(let n) = elements[e] {
            var skip = 0
            let depth = path.count
            while skip <= n, t + skip < tokens.count, tokens[t + skip].clause == clause {
                if match(elements, e + 1, from: t + skip, clause: clause, path: &path) { return true }
                path.removeSubrange(depth...)
                skip += 1
            }
            return false
        }
        guard t < tokens.count, tokens[t].clause == clause, matches(elements[e], tokens[t]) else { return false }
        path.append(t)
        return match(elements, e + 1, from: t + 1, clause: clause, path: &path)
    }
    func isNegated(_ start: Int, cue: Cue<Label>) -> Bool {
        if case .word(let first) = cue.pattern.elements.first, negators.contains(first) { return false }
        let clause = tokens[start].clause
        var j = start - 1
        while j >= 0, j >= start - 3, tokens[j].clause == clause {
            if negators.contains(tokens[j].text) { return true }
            j -= 1
        }
        return false
    }
    var found: [(cue: Int, positions: [Int])] = []
    var candidates: [Int] = []
    var path: [Int] = []
    for i in tokens.indices {
        candidates.removeAll(keepingCapacity: true)
        for form in tokens[i].forms {
            guard let list = byFirstWord[form] else { continue }
            for c in list where !candidates.contains(c) { candidates.append(c) }
        }
        candidates += unindexed
        for c in candidates {
            path.removeAll(keepingCapacity: true)
            if match(cues[c].pattern.elements, 0, from: i, clause: tokens[i].clause, path: &path) {
                found.append((c, path))
            }
        }
    }
    found.sort { a, b in
        let la = cues[a.cue].pattern.wordCount, lb = cues[b.cue].pattern.wordCount
        if la != lb { return la > lb }
        if a.positions[0] != b.positions[0] { return a.positions[0] < b.positions[0] }
        return a.cue < b.cue
    }
    var taken = Set<Int>()
    var accepted: [(cue: Int, positions: [Int], negated: Bool)] = []
    for f in found where f.positions.allSatisfy({ !taken.contains($0) }) {
        taken.formUnion(f.positions)
        accepted.append((f.cue, f.positions, lexicon.detectsNegation && isNegated(f.positions[0], cue: cues[f.cue])))
    }
    accepted.sort { ($0.positions[0], $0.positions.count) < ($1.positions[0], $1.positions.count) }
    return accepted
}

/// The old feature extractor (hashes and values, in order).
private func legacyFeatures(_ document: Document, sheet: ScoreSheet) -> [(UInt64, Float)] {
    typealias F = FeatureExtractor
    let stopWords: Set<String> = [
        "the", "a", "an", "to", "and", "of", "in", "on", "at", "for", "it", "is", "was", "be", "been", "that", "this", "i", "my",
        "me", "we", "our", "us", "you", "your", "with", "as", "so", "but", "or", "if", "from", "by", "am", "are", "im", "its",
        "have", "has", "had", "do", "did", "just", "there", "their", "there", "which", "would", "could", "can", "will", "all",
    ]
    func hash<S: Sequence>(_ bytes: S, seed: UInt64 = F.offset) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* F.prime }
        return h
    }
    var out: [(UInt64, Float)] = []
    let wPrefix = hash("w:".utf8), bPrefix = hash("b:".utf8), cPrefix = hash("c:".utf8)
    var previous: (text: String, line: Int)? = nil
    for token in document.tokens where token.role != .signature {
        let text = token.text
        let stop = stopWords.contains(text)
        if !stop { out.append((hash(text.utf8, seed: wPrefix), 1)) }
        for form in token.forms.dropFirst() where form != text { out.append((hash(form.utf8, seed: wPrefix), 1)) }
        if let p = previous, p.line == token.line {
            out.append((hash(text.utf8, seed: (hash(p.text.utf8, seed: bPrefix) ^ 32) &* F.prime), 1))
        }
        previous = (text, token.line)
        if stop || text.utf8.count < 5 { continue }
        var window: [UInt8] = [60]
        for b in text.utf8 where window.count < 62 { window.append(b) }
        window.append(62)
        let n = window.count
        if n >= 7 {
            for start in 0...(n - 4) { out.append((hash(window[start..<(start + 4)], seed: cPrefix), 1)) }
        }
    }
    if !out.isEmpty {
        let scale = 1 / Float(out.count).squareRoot()
        for i in out.indices { out[i].1 = scale }
    }
    for (label, score) in sheet.kind.ranked { out.append((hash(("r:kind:" + label.rawValue).utf8), Float(min(score, 4)))) }
    for (label, score) in sheet.service.ranked { out.append((hash(("r:svc:" + label.rawValue).utf8), Float(min(score, 6)) / 2)) }
    for kind in EnquiryKind.allCases where sheet.facts.named.contains(kind) { out.append((hash(("r:named:" + kind.rawValue).utf8), 2)) }
    let sg = sheet.facts.safeguarding
    if sg.isConcern { out.append((hash("r:sg".utf8), 2)) }
    if sg.strongCue { out.append((hash("r:sg:strong".utf8), 1)) }
    if sg.involvesChild { out.append((hash("r:child".utf8), 1)) }
    if sg.elderly { out.append((hash("r:elderly".utf8), 1)) }
    if document.asksQuestion { out.append((hash("r:question".utf8), 1)) }
    // The first one and two words of each clause (model series lr-1.1), each name once.
    var seen = Set<String>()
    let tokens = document.tokens
    for i in tokens.indices where tokens[i].role != .signature && (i == 0 || tokens[i - 1].clause != tokens[i].clause) {
        var names = ["s:" + tokens[i].text]
        if i + 1 < tokens.count, tokens[i + 1].clause == tokens[i].clause { names.append("s:" + tokens[i].text + " " + tokens[i + 1].text) }
        for name in names where seen.insert(name).inserted { out.append((hash(name.utf8), F.openingWeight)) }
    }
    return out
}

// MARK: - Equivalence

@Suite("byte-level tokenizer and combined lexicon: same results as before")
struct TokenizerSpeedupTests {
    private static let legacyVocabulary = LegacyVocabulary(Lexicons.vocabulary.words)

    @Test func corpusIsLoaded() {
        #expect(corpusTexts.count > 1000)
    }

    @Test func tokensAreUnchanged() {
        var mismatches: [String] = []
        for (text, channel) in allTexts {
            let new = Document(text: text, channel: channel)
            let old = LegacyDocument(text: text, vocabulary: Self.legacyVocabulary)
            let newTokens = new.tokens.map { LegacyToken(text: $0.text, original: $0.original, forms: $0.forms, clause: $0.clause, line: $0.line, role: $0.role, possessive: $0.possessive) }
            if newTokens != old.tokens || new.asksQuestion != old.asksQuestion {
                let diff = zip(newTokens, old.tokens).first { $0 != $1 }.map { "new \($0.0) old \($0.1)" } ?? "count \(newTokens.count) vs \(old.tokens.count)"
                mismatches.append("\(text.prefix(60)): \(diff)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) texts tokenised differently: \(mismatches.prefix(5))")
    }

    @Test func rolesAreUnchanged() {
        for (text, _) in allTexts {
            let new = Document.roles(of: text).map { "\($0.1.map { "\($0)" } ?? "-")|\($0.0)" }
            let old = LegacyDocument.roles(of: text).map { "\($0.1.map { "\($0)" } ?? "-")|\($0.0)" }
            #expect(new == old, "\(text.prefix(60))")
        }
    }

    @Test func typoCorrectionsAreUnchanged() {
        let words = ["potholle", "kiddermister", "safeguardng", "fosterring", "strret", "pavment", "complant", "neiighbour",
                     "rubbissh", "collectoin", "recyclng", "Tesco", "abcdefgh", "councl", "apointment", "aaaaaa", "bedrooom"]
        for w in words {
            #expect(Lexicons.vocabulary.forms(of: w, possessiveBase: nil) == Self.legacyVocabulary.forms(of: w, possessiveBase: nil), "\(w)")
        }
    }

    @Test func cueMatchesAreUnchanged() {
        var checked = 0
        for (text, channel) in allTexts {
            let document = Document(text: text, channel: channel)
            func compare<Label>(_ lexicon: Lexicon<Label>, _ name: String) {
                let new = lexicon.matches(in: document).map { "\($0.cue.pattern.source)@\($0.positions) \($0.negated)" }
                let old = legacyMatches(lexicon, document.tokens).map { "\(lexicon.cues[$0.cue].pattern.source)@\($0.positions) \($0.negated)" }
                #expect(new == old, "\(name): \(text.prefix(60))")
                checked += new.count
            }
            compare(Lexicons.kinds, "kinds")
            compare(Lexicons.safeguarding, "safeguarding")
            compare(Lexicons.services, "services")
            compare(Lexicons.specialCategories, "special categories")
            compare(Lexicons.places, "places")
            compare(Lexicons.topics, "topics")
        }
        #expect(checked > 1000)
    }

    @Test func featuresAreUnchanged() {
        let scorer = RuleScorer()
        for (text, channel) in allTexts {
            let document = Document(text: text, channel: channel)
            let sheet = scorer.score(document)
            let new = FeatureExtractor.extract(document, sheet: sheet).map { "\($0.hash):\($0.value)" }
            let old = legacyFeatures(document, sheet: sheet).map { "\($0.0):\($0.1)" }
            #expect(new == old, "\(text.prefix(60))")
        }
    }

    @Test func topFeaturesAreUnchanged() throws {
        let model = try #require(EmbeddedModel.shared)
        let scorer = RuleScorer()
        // The old way: every positive push sorted, then the first `count` distinct names.
        func legacyTop(_ p: LinearModel.Prediction, column: Int, count: Int) -> [String] {
            var scored: [(name: String, push: Float)] = []
            for present in p.rows {
                let r = Int(present.row)
                let push: Float = model.weights[r * model.width + column] * present.value
                if push > 0 { scored.append((model.names[r], push)) }
            }
            scored.sort { a, b in a.push != b.push ? a.push > b.push : a.name < b.name }
            var seen = Set<String>(), out: [String] = []
            for (name, _) in scored where seen.insert(name).inserted {
                out.append(name)
                if out.count == count { break }
            }
            return out
        }
        for (text, channel) in allTexts.prefix(600) {
            let document = Document(text: text, channel: channel)
            let p = model.predict(FeatureExtractor.extract(document, sheet: scorer.score(document)))
            for count in [0, 1, 3, 5] {
                for k in model.kinds.indices {
                    #expect(model.topFeatures(p, kindIndex: k, count: count) == legacyTop(p, column: k, count: count))
                }
                for s in model.services.indices {
                    #expect(model.topFeatures(p, serviceIndex: s, count: count) == legacyTop(p, column: model.kinds.count + s, count: count))
                }
            }
        }
    }

    @Test func classificationsAreDeterministicAcrossRuns() {
        let classifier = Classifier()
        for (text, channel) in allTexts.prefix(300) {
            let a = classifier.classify(text: text, channel: channel)
            let b = classifier.classify(text: text, channel: channel)
            #expect(a == b)
        }
    }
}

@Suite struct ASCIIStandInTests {
    private func standIn(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { Document.asciiStandIn($0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func commonSymbolsBecomeOneASCIIByteEach() {
        #expect(standIn("\u{A3}5 \u{2013} don\u{2019}t \u{201C}x\u{201D} \u{20AC}2 \u{2014} \u{2018}y") == "$5 $ don't $x$ $2 $ 'y")
    }

    @Test func anyOtherNonASCIICharacterOrACarriageReturnKeepsTheGeneralPath() {
        #expect(standIn("caf\u{E9}") == nil)
        #expect(standIn("\u{A3}\u{301}5") == nil)
        #expect(standIn("a\r\nb") == nil)
        #expect(standIn("\u{1F44B} hi") == nil)
        #expect(standIn("\u{2026}") == nil)
    }
}
