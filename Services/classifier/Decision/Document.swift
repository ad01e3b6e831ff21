import SignpostEvents

/// One word of an enquiry, normalised once so that every lexicon can match it cheaply.
struct Token: Sendable, Hashable {
    /// Lower-cased, apostrophes removed, chat shorthand expanded ("u" -> "you", "can't" -> "cant").
    var text: String
    /// The word as written (case kept), for the few patterns that need capitals ("SEND", "Rock").
    var original: String
    /// The forms after the first: a token's forms are `text`, then these (its singular / non-possessive
    /// forms and a one-edit typo correction to a known lexicon word). Most tokens have none, and an
    /// empty array allocates nothing.
    var moreForms: [String] = []
    /// Increments at every , . ; : ! ? ( ) and newline: negations and gaps stay inside a clause.
    var clause: Int
    /// Index of the source line.
    var line: Int
    /// Where in the message the line sits.
    var role: LineRole
    /// Written with a possessive "'s" ("son's").
    var possessive: Bool = false
    /// `WordKey`s of `forms` (same order), for lexicon lookups without hashing strings; empty when a
    /// form is not ASCII (lexicons then compare the strings, as before).
    var formKeys = FormKeys()

    /// Forms a lexicon word may match: `text`, then `moreForms` (a new array: for tests and rare paths).
    var forms: [String] { [text] + moreForms }
    /// Form `k` (0 is `text`).
    @inline(__always) func form(_ k: Int) -> String { k == 0 ? text : moreForms[k - 1] }
    /// Whether some form is `word` (`forms.contains(word)` without building `forms`).
    @inline(__always) func hasForm(_ word: String) -> Bool { text == word || moreForms.contains(word) }
    /// Whether some form satisfies `predicate` (`forms.contains(where:)`, in the same order).
    @inline(__always) func hasForm(where predicate: (String) -> Bool) -> Bool { predicate(text) || moreForms.contains(where: predicate) }
    /// Sets the forms from a list that starts with `text` (as `Vocabulary.forms` gives it).
    mutating func setForms(_ forms: [String]) {
        precondition(forms.first == text)
        moreForms = Array(forms.dropFirst())
    }
}

/// The part of a message a line belongs to.
enum LineRole: Sendable, Hashable {
    /// An email "Subject:" line: kind cues there weigh more.
    case subject
    case body
    /// A sign-off ("Thanks, Priya") and everything after it: used only to locate the district.
    case signature
}

/// An enquiry text prepared for matching: speaker turns of staff and personal-data form
/// fields dropped, the rest tokenised once.
struct Document: Sendable {
    let channel: Channel
    let tokens: [Token]
    /// Whether the kept text asks a question ("?").
    let asksQuestion: Bool
    /// The ASCII words among the tokens' forms (for skipping cues that cannot match).
    let presence: WordPresence

    init(text: String, channel: Channel, vocabulary: Vocabulary = Lexicons.vocabulary) {
        self.channel = channel
        var tokens: [Token] = []
        // About one token per five bytes of text: growing the array of large tokens is a copy each time.
        tokens.reserveCapacity(text.utf8.count / 5 + 8)
        var asksQuestion = false
        var clause = 0
        // ASCII text without "\r" (nearly all): lines, roles, tokens and forms on the bytes, in one pass
        // (the same tokens as `roles(of:)`, `Tokenizer.tokenize` and `Vocabulary.forms` give).
        func tokenizeFused(_ bytes: UnsafeBufferPointer<UInt8>) {
            for (lineIndex, (range, role)) in Document.asciiLineRoles(bytes).enumerated() {
                guard let role else { continue }
                clause += 1
                Tokenizer.tokenizeASCII(UnsafeBufferPointer(rebasing: bytes[range]), line: lineIndex, role: role, clause: &clause,
                                        into: &tokens, sawQuestion: &asksQuestion, vocabulary: vocabulary)
            }
        }
        let fused = vocabulary.hasWordTable ? text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var plain = true
            for b in bytes where b >= 0x80 || b == UInt8(ascii: "\r") { plain = false; break }
            if plain {
                tokenizeFused(bytes)
                return true
            }
            // Text whose only other characters are a few common symbols ("£", dashes, curly quotes)
            // takes the same path on an ASCII stand-in of itself.
            guard let standIn = Document.asciiStandIn(bytes) else { return false }
            standIn.withUnsafeBufferPointer { tokenizeFused($0) }
            return true
        } ?? false : false
        if fused != true {
            let lines = Document.roles(of: text)
            for (lineIndex, (line, role)) in lines.enumerated() {
                guard let role else { continue }
                clause += 1
                Tokenizer.tokenize(line, line: lineIndex, role: role, clause: &clause, into: &tokens, sawQuestion: &asksQuestion)
            }
            for i in tokens.indices {
                // A possessive token's base is its text without the last `Character` (the "s" of "'s"), as the tokenizers made it.
                let forms = vocabulary.forms(of: tokens[i].text, possessiveBase: tokens[i].possessive ? String(tokens[i].text.dropLast()) : nil)
                tokens[i].setForms(forms)
                tokens[i].formKeys = WordKey.keys(of: forms)
            }
        }
        presence = WordPresence(tokens)
        self.tokens = tokens
        self.asksQuestion = asksQuestion
    }

    /// `bytes` (UTF-8) with each of a few common non-ASCII characters replaced by one ASCII byte that
    /// every step reading a `Document` treats alike: "'" for a curly apostrophe (joins "don’t" as "'"
    /// does), "$" for the pound and euro signs, the en and em dashes and curly double quotes (a word
    /// break and nothing else, as they are; none is whitespace). Each replaced character is one
    /// `Character` and so becomes one byte, keeping the "label:" width the line roles measure in
    /// `Character`s. `nil` for any other non-ASCII character or a "\r" (the general path reads those).
    static func asciiStandIn(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == UInt8(ascii: "\r") { return nil }
                out.append(b)
                i += 1
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA3 { // £
                out.append(UInt8(ascii: "$"))
                i += 2
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x82 {
                switch (bytes[i + 1], bytes[i + 2]) {
                case (0x80, 0x98), (0x80, 0x99): out.append(UInt8(ascii: "'")) // ‘ ’
                case (0x80, 0x93), (0x80, 0x94), (0x80, 0x9C), (0x80, 0x9D), (0x82, 0xAC): out.append(UInt8(ascii: "$")) // – — “ ” €
                default: return nil
                }
                i += 3
            } else {
                return nil
            }
        }
        // A character that extends the one before it (a combining mark, a variation selector) is not
        // ASCII and not in the list above, so it has already sent the text to the general path.
        return out
    }

    /// Speaker labels of council staff or bots: their turns say nothing about the enquiry.
    private static let staffSpeakers: Set<String> = [
        "agent", "advisor", "adviser", "operator", "bot", "assistant", "council", "csa", "staff", "call handler",
    ]
    /// Form fields and email headers that hold only personal data or routing metadata.
    private static let droppedFields: Set<String> = [
        "name", "full name", "first name", "last name", "surname", "forename", "your name",
        "email", "e-mail", "email address", "your email",
        "phone", "telephone", "tel", "mobile", "phone number", "contact number", "telephone number",
        "date of birth", "dob", "national insurance number", "ni number", "national insurance",
        "from", "to", "cc", "sent", "date",
    ]
    /// `staffSpeakers` and `droppedFields` (a line labelled with either is dropped) by `WordKey`.
    private static let droppedLabels = WordTable(staffSpeakers.union(droppedFields).sorted().map { ($0, WordKey.key($0)!, 0) })
    private static let signOffs: [String] = [
        "thanks", "thank you", "many thanks", "kind regards", "regards", "best wishes", "best regards",
        "yours sincerely", "yours faithfully", "cheers", "warm regards", "all the best", "thanks again",
    ]

    /// Splits text into lines and gives each a role; `nil` drops the line.
    static func roles(of text: String) -> [(Substring, LineRole?)] {
        // ASCII text without "\r" (nearly all) is read byte by byte: there every byte is one `Character`.
        // ("\r\n" is one `Character`, neither "\r" nor "\n", so such text keeps the general path.)
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> [(Substring, LineRole?)]? in
            for b in bytes where b >= 0x80 || b == UInt8(ascii: "\r") { return nil }
            return asciiRoles(of: text, bytes)
        }
        if let fast, let fast { return fast }
        return generalRoles(of: text)
    }

    /// `generalRoles` for ASCII text without "\r", on its bytes.
    private static func asciiRoles(of text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> [(Substring, LineRole?)] {
        let utf8 = text.utf8
        func substring(_ range: Range<Int>) -> Substring {
            text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
        return asciiLineRoles(bytes).map { (substring($0.0), $0.1) }
    }

    /// `asciiRoles` as byte ranges of `bytes` (ASCII without "\r").
    static func asciiLineRoles(_ bytes: UnsafeBufferPointer<UInt8>) -> [(Range<Int>, LineRole?)] {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09) < 5 }
        // Lines as byte ranges, split at "\n", empty ones kept.
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") {
            lines.append(start..<i)
            start = i + 1
        }
        lines.append(start..<bytes.count)
        // The last three lines that are not blank.
        var lastLines = (-1, -1, -1)
        var found = 0
        for index in lines.indices.reversed() where found < 3 {
            if lines[index].contains(where: { !isSpace(bytes[$0]) }) {
                switch found {
                case 0: lastLines.0 = index
                case 1: lastLines.1 = index
                default: lastLines.2 = index
                }
                found += 1
            }
        }
        var result: [(Range<Int>, LineRole?)] = []
        result.reserveCapacity(lines.count)
        var inSignature = false
        for (index, raw) in lines.enumerated() {
            var lower = raw.lowerBound
            while lower < raw.upperBound, isSpace(bytes[lower]) { lower += 1 }
            var role: LineRole? = inSignature ? .signature : .body
            var colon = lower
            while colon < raw.upperBound, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            if colon < raw.upperBound, colon - lower <= 26 {
                var from = lower, to = colon
                while from < to, isSpace(bytes[from]) { from += 1 }
                while to > from, isSpace(bytes[to - 1]) { to -= 1 }
                let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self).lowercased()
                let dropped = WordKey.key(label).map { droppedLabels.value($0, label) >= 0 } ?? (staffSpeakers.contains(label) || droppedFields.contains(label))
                if dropped {
                    role = nil
                } else if label == "subject" || label == "re" {
                    role = .subject
                    lower = colon + 1
                }
            }
            if role == .body, index == lastLines.0 || index == lastLines.1 || index == lastLines.2,
               isSignOff(UnsafeBufferPointer(rebasing: bytes[lower..<raw.upperBound])) {
                inSignature = true
                role = .signature
            }
            result.append((lower..<raw.upperBound, role))
        }
        return result
    }

    /// `isSignOff` for an ASCII line without "\r".
    private static func isSignOff(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b }
        for phrase in signOffBytes {
            guard line.count >= phrase.count else { continue }
            var matches = true
            for k in 0..<phrase.count where lower(line[k]) != phrase[k] { matches = false; break }
            guard matches else { continue }
            if line.count == phrase.count { return true }
            let next = line[phrase.count]
            if next == UInt8(ascii: ",") || next == UInt8(ascii: "!") || next == UInt8(ascii: ".") { return true }
            if next == UInt8(ascii: " ") {
                // At most three space-separated words after the phrase.
                var words = 0, inWord = false
                for k in phrase.count..<line.count {
                    if line[k] == UInt8(ascii: " ") { inWord = false } else if !inWord { inWord = true; words += 1 }
                }
                if words <= 3 { return true }
            }
        }
        return false
    }

    private static let signOffBytes: [[UInt8]] = signOffs.map { Array($0.utf8) }

    /// The roles of lines of any text, `Character` by `Character`.
    static func generalRoles(of text: String) -> [(Substring, LineRole?)] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        let nonEmpty = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }
        let lastLines = Set(nonEmpty.suffix(3))
        var result: [(Substring, LineRole?)] = []
        var inSignature = false
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine.drop(while: \.isWhitespace)
            var role: LineRole? = inSignature ? .signature : .body
            if let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 26 {
                let label = line[..<colon].lowercased().trimmingSpaces()
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

    /// "Thanks," / "Kind regards" / "Thanks, Priya Shah": a sign-off opening a short closing line.
    private static func isSignOff(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        for phrase in signOffs where lower.hasPrefix(phrase) {
            let rest = lower.dropFirst(phrase.count)
            if rest.isEmpty || rest.first == "," || rest.first == "!" || rest.first == "." { return true }
            if rest.split(separator: " ").count <= 3, rest.first == " " { return true }
        }
        return false
    }
}

extension String {
    /// The string without leading and trailing whitespace ("" if it is all whitespace).
    func trimmingSpaces() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}

/// Splits a line into normalised tokens.
enum Tokenizer {
    /// Chat shorthand seen in bot transcripts, expanded before matching.
    static let shorthand: [String: [String]] = [
        "u": ["you"], "ur": ["your"], "r": ["are"], "pls": ["please"], "plz": ["please"], "plse": ["please"],
        "thx": ["thanks"], "thnx": ["thanks"], "thanx": ["thanks"], "tnx": ["thanks"], "ty": ["thank", "you"],
        "wot": ["what"], "wat": ["what"], "wen": ["when"], "hw": ["how"], "cos": ["because"], "coz": ["because"],
        "cuz": ["because"], "b4": ["before"], "abt": ["about"], "wanna": ["want", "to"], "gonna": ["going", "to"],
        "n": ["and"], "k": ["ok"], "kno": ["know"], "knw": ["know"], "dunno": ["dont", "know"], "pavment": ["pavement"],
        "whos": ["who", "is"], "wheres": ["where", "is"], "whats": ["what", "is"], "hows": ["how", "is"],
    ]

    private static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "`"
    }

    private static func isClauseBreak(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ",", ".", ";", ":", "!", "?", "(", ")", "[", "]", "\u{2026}": true
        default: false
        }
    }

    static func tokenize(
        _ line: Substring, line lineIndex: Int, role: LineRole,
        clause: inout Int, into tokens: inout [Token], sawQuestion: inout Bool
    ) {
        var line = line
        let done = line.withUTF8 { bytes -> Bool in
            // ASCII lines (nearly all) are split byte by byte; any other line takes the scalar path below.
            for b in bytes where b >= 0x80 { return false }
            tokenizeASCII(bytes, line: lineIndex, role: role, clause: &clause, into: &tokens, sawQuestion: &sawQuestion)
            return true
        }
        if !done { tokenizeScalars(line, line: lineIndex, role: role, clause: &clause, into: &tokens, sawQuestion: &sawQuestion) }
    }

    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) private static func isASCIIDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// `shorthand` by `WordKey`: index into `shorthandExpansions`.
    private static let shorthandTable = WordTable(shorthand.keys.sorted().enumerated().map { ($1, WordKey.key($1)!, Int32($0)) })
    private static let shorthandExpansions: [[String]] = shorthand.keys.sorted().map { shorthand[$0]! }

    /// `shorthand[word]` for an ASCII word given by its bytes and as a `String`.
    @inline(__always) private static func expansion(_ bytes: UnsafeBufferPointer<UInt8>, _ word: String) -> [String]? {
        var key: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { key = (key ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let i = shorthandTable.value(key, word)
        return i >= 0 ? shorthandExpansions[Int(i)] : nil
    }

    /// Shorthand keys are at most this many bytes: longer words skip the dictionary lookup.
    private static let longestShorthand = shorthand.keys.map(\.utf8.count).max() ?? 0

    /// `tokenizeScalars` for an all-ASCII line: the same tokens, without building `String`s scalar by scalar.
    /// (For ASCII, alphabetic is A-Z a-z, and lower-casing is per byte.)
    /// With `vocabulary` (which must have its word table), each token also gets its `forms` and
    /// `formKeys`, as `Vocabulary.forms` and `WordKey.keys` give them, worked out on the word's bytes.
    static func tokenizeASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, line lineIndex: Int, role: LineRole,
        clause: inout Int, into tokens: inout [Token], sawQuestion: inout Bool, vocabulary: Vocabulary? = nil
    ) {
        let n = bytes.count
        // The word's bytes (apostrophes dropped) as written and lower-cased: the first `length` bytes of
        // two scratch buffers as long as the line, written by index (a growing array checks that it is
        // uniquely held at every append, and clearing it is a call).
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, 2 * n))
        defer { scratch.deallocate() }
        let originalBytes = UnsafeMutableBufferPointer(rebasing: scratch[0..<max(1, n)])
        let loweredBytes = UnsafeMutableBufferPointer(rebasing: scratch[max(1, n)...])
        var length = 0
        var possessive = false

        /// Appends a token that is not the word as written (a shorthand's expansion, half of
        /// "selfharm", "and" for "&"), with its forms and keys when a vocabulary is given.
        func appendWord(_ text: String, original: String) {
            var token = Token(text: text, original: original, clause: clause, line: lineIndex, role: role)
            if let vocabulary {
                let forms = vocabulary.forms(of: text, possessiveBase: nil)
                token.setForms(forms)
                token.formKeys = WordKey.keys(of: forms)
            }
            tokens.append(token)
        }

        func flush() {
            guard length > 0 else { return }
            let original = UnsafeBufferPointer(rebasing: originalBytes[0..<length])
            let lowered = UnsafeBufferPointer(rebasing: loweredBytes[0..<length])
            let lower = String(decoding: lowered, as: UTF8.self)
            var base: String? = nil
            if possessive, lowered[length - 1] == UInt8(ascii: "s") {
                base = String(decoding: UnsafeBufferPointer(rebasing: lowered[0..<(length - 1)]), as: UTF8.self)
            }
            if length <= longestShorthand, let expanded = Tokenizer.expansion(lowered, lower) {
                for part in expanded { appendWord(part, original: part) }
            } else {
                // A word written in lower case (most) is its lower-cased text: no second string is decoded.
                let originalText = original.elementsEqual(lowered) ? lower : String(decoding: original, as: UTF8.self)
                if length == 8, lower == "selfharm" {
                    appendWord("self", original: originalText)
                    appendWord("harm", original: originalText)
                } else if let vocabulary {
                    let (moreForms, formKeys) = vocabulary.asciiForms(of: lowered, text: lower, possessiveBase: base)
                    tokens.append(Token(text: lower, original: originalText, moreForms: moreForms, clause: clause, line: lineIndex, role: role,
                                        possessive: base != nil, formKeys: formKeys))
                } else {
                    // Forms come later (`Document.init`), from `text` and `possessive`.
                    tokens.append(Token(text: lower, original: originalText, clause: clause, line: lineIndex, role: role, possessive: base != nil))
                }
            }
            length = 0
            possessive = false
        }

        var i = 0
        while i < n {
            let b = bytes[i]
            if isASCIILetter(b) || isASCIIDigit(b) {
                originalBytes[length] = b
                loweredBytes[length] = b &- 0x41 < 26 ? b | 0x20 : b
                length += 1
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "`"), length > 0, i + 1 < n, isASCIILetter(bytes[i + 1]) {
                if bytes[i + 1] | 0x20 == UInt8(ascii: "s"), i + 2 >= n || !isASCIILetter(bytes[i + 2]) {
                    possessive = true
                }
            } else {
                flush()
                switch b {
                case UInt8(ascii: "&"), UInt8(ascii: "+"):
                    appendWord("and", original: "&")
                case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                     UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
                    clause += 1
                case UInt8(ascii: "?"):
                    clause += 1
                    sawQuestion = true
                default:
                    break
                }
            }
            i += 1
        }
        flush()
    }

    /// The general tokenizer, scalar by scalar (any text).
    static func tokenizeScalars(
        _ line: Substring, line lineIndex: Int, role: LineRole,
        clause: inout Int, into tokens: inout [Token], sawQuestion: inout Bool
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
                    tokens.append(Token(text: part, original: part, clause: clause, line: lineIndex, role: role))
                }
            } else {
                if lower == "selfharm" { lower = "self"; tokens.append(Token(text: lower, original: original, clause: clause, line: lineIndex, role: role)); lower = "harm" }
                tokens.append(Token(text: lower, original: original, clause: clause, line: lineIndex, role: role, possessive: base != nil))
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
                // Joined: "haven't" -> "havent", "mum's" -> "mums" (possessive, base "mum").
                if scalars[i + 1] == "s" || scalars[i + 1] == "S",
                   i + 2 >= scalars.count || !scalars[i + 2].properties.isAlphabetic {
                    possessive = true
                }
            } else {
                flush()
                if s == "&" || s == "+" {
                    tokens.append(Token(text: "and", original: "&", clause: clause, line: lineIndex, role: role))
                } else if isClauseBreak(s) {
                    // A full stop between digits or letters of an abbreviation still ends the clause; cheap and safe.
                    clause += 1
                    if s == "?" { sawQuestion = true }
                }
            }
            i += 1
        }
        flush()
    }
}
