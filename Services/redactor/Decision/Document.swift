// The text as Unicode scalars plus a light tokenisation the detectors share.
// Every offset in this module is a Unicode scalar offset into the original text.

/// A word, number or punctuation mark, with its scalar range in the text.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case word, number, punct }
    var kind: Kind
    var start: Int
    var end: Int
    /// The token's text as written.
    var text: String
    /// Lower-cased, with curly apostrophes folded to `'`.
    var lower: String
    /// Whether a line break separates this token from the previous one.
    var newlineBefore: Bool
    /// Whether any whitespace separates this token from the previous one.
    var spaceBefore: Bool
    /// Whether the first scalar is an upper-case or title-case letter.
    var startsUpperToken: Bool = false
    /// The lexicon classes of `lower`, looked up once when the text is tokenised.
    var word: WordClass = []
    /// The lexicon classes of `lower` without a trailing `'s` (the same as `word` when there is none).
    var stem: WordClass = []
    /// Month number of a month word ("may", "sept"), else 0.
    var month: Int = 0
    /// Day of a day word ("third") or of a number token such as "3" or "21st", else 0.
    var day: Int = 0
    /// The value of an all-digit number token (nil on overflow or when other scalars are present).
    var value: Int?
    /// Letters, marks, apostrophes and hyphens only: the shape of a name word.
    var nameShape: Bool = false
    /// Whether the text contains an ASCII digit.
    var hasDigit: Bool = false
    /// Whether the text is unchanged by upper-casing (`text == text.uppercased()`).
    var allCaps: Bool = false
    /// Whether lower-casing changes the text (`text != lower`).
    var hasUpper: Bool = false
    /// The number of characters (grapheme clusters) of `text`.
    var charCount: Int = 0
    /// The first scalar of the text (for punctuation, the ASCII mark it is equal to as a String).
    var first: Unicode.Scalar = " "
    /// Whether `lower` ends with `'s`.
    var possessiveS: Bool = false
    /// Whether the text is all ASCII.
    var ascii: Bool = false

    /// Whether this is the punctuation mark `c`.
    @inline(__always)
    func isPunct(_ c: Unicode.Scalar) -> Bool { kind == .punct && first == c }
}

/// The input text prepared once for all detectors.
struct Document: Sendable {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    var count: Int { scalars.count }

    /// For each token, whether its line has no upper-case letter (speaker labels aside): a lower-case chat line.
    let lowerCaseLine: [Bool]

    init(_ text: String) {
        let s = Array(text.unicodeScalars)
        scalars = s
        let t = Document.tokenize(s)
        tokens = t
        var flags = [Bool](repeating: true, count: t.count)
        var a = 0
        while a < t.count {
            var b = a
            while b + 1 < t.count, !t[b + 1].newlineBefore { b += 1 }
            var lower = true
            for k in a...b where t[k].kind == .word && t[k].hasUpper {
                if k == a, k + 1 < t.count, t[k + 1].isPunct(":") { continue }
                lower = false
                break
            }
            if !lower { for k in a...b { flags[k] = false } }
            a = b + 1
        }
        lowerCaseLine = flags
    }

    func string(_ start: Int, _ end: Int) -> String {
        if start >= end { return "" }
        var ascii = true
        for k in start..<end where scalars[k].value >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: end - start) { buf in
                for k in start..<end { buf[k - start] = UInt8(truncatingIfNeeded: scalars[k].value) }
                return end - start
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    func scalar(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    /// True when the scalar at `i` (if any) is a letter or digit.
    func isAlnum(at i: Int) -> Bool {
        guard let c = scalar(i) else { return false }
        return c.isLetterLike || c.isASCIIDigit
    }

    /// Index of the first token starting at or after `offset`.
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Lower-cased text of up to `maxScalars` scalars before `offset`, not crossing a blank line
    /// and, when `sameLine`, not crossing any line break unless only whitespace lies between.
    func context(before offset: Int, maxScalars: Int, sameLine: Bool = true) -> String {
        var i = offset
        let limit = max(0, offset - maxScalars)
        var sawText = false
        while i > limit {
            let c = scalars[i - 1]
            if c == "\n" {
                if sameLine && sawText { break }
                if i >= 2 && scalars[i - 2] == "\n" && sawText { break }
            } else if !c.isSpaceLike {
                sawText = true
            }
            i -= 1
        }
        return Document.fold(string(i, offset))
    }

    /// Lower-cased text of up to `maxScalars` scalars after `offset` on the same line.
    func context(after offset: Int, maxScalars: Int) -> String {
        var i = offset
        let limit = min(scalars.count, offset + maxScalars)
        while i < limit, scalars[i] != "\n" { i += 1 }
        return Document.fold(string(offset, i))
    }

    /// Lower case with curly apostrophes folded to `'`; a fast path for ASCII.
    static func fold(_ s: String) -> String {
        var ascii = true
        var upper = false
        for u in s.utf8 {
            if u >= 0x80 { ascii = false; break }
            if u >= 0x41 && u <= 0x5A { upper = true }
        }
        if ascii {
            guard upper else { return s }
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for c in s.lowercased().unicodeScalars { out.append(c == "\u{2019}" ? "'" : c) }
        return String(out)
    }

    /// The day written by a number token: one or two digits, optionally with st, nd, rd or th; else 0.
    static func numberDay(_ s: String) -> Int {
        let digits = s.prefix { $0.isNumber }
        let rest = s.dropFirst(digits.count)
        guard (1...2).contains(digits.count), ["", "st", "nd", "rd", "th"].contains(String(rest)),
              let d = Int(digits), (1...31).contains(d) else { return 0 }
        return d
    }

    private static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var newline = false
        var space = false
        func isJoiner(_ c: Unicode.Scalar) -> Bool {
            c == "'" || c == "\u{2019}" || c == "-" || c == "\u{2010}"
        }
        while i < s.count {
            let c = s[i]
            if c.isSpaceLike {
                if c == "\n" || c == "\r" || c == "\u{2028}" { newline = true }
                space = true
                i += 1
                continue
            }
            let start = i
            let kind: Token.Kind
            if c.isLetterLike {
                kind = .word
                i += 1
                while i < s.count {
                    let d = s[i]
                    if d.isLetterLike || d.isASCIIDigit || d.isMark { i += 1; continue }
                    if isJoiner(d), i + 1 < s.count, s[i + 1].isLetterLike { i += 1; continue }
                    break
                }
            } else if c.isASCIIDigit {
                kind = .number
                i += 1
                while i < s.count, s[i].isASCIIDigit || s[i].isLetterLike { i += 1 }
            } else {
                kind = .punct
                i += 1
            }
            var ascii = true
            var upper = false
            for k in start..<i {
                let v = s[k].value
                if v >= 0x80 { ascii = false; break }
                if v >= 0x41 && v <= 0x5A { upper = true }
            }
            let str: String
            let lower: String
            if ascii {
                // Fast path: build both spellings from bytes.
                str = String(unsafeUninitializedCapacity: i - start) { buf in
                    for k in start..<i { buf[k - start] = UInt8(truncatingIfNeeded: s[k].value) }
                    return i - start
                }
                lower = !upper ? str : String(unsafeUninitializedCapacity: i - start) { buf in
                    for k in start..<i {
                        let v = UInt8(truncatingIfNeeded: s[k].value)
                        buf[k - start] = v >= 0x41 && v <= 0x5A ? v + 32 : v
                    }
                    return i - start
                }
            } else {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: s[start..<i])
                str = String(text)
                lower = fold(str)
            }
            var tok = Token(kind: kind, start: start, end: i, text: str, lower: lower,
                            newlineBefore: newline, spaceBefore: space)
            // U+037E GREEK QUESTION MARK is canonically equivalent to ";" (and equal to it as a String).
            tok.first = kind == .punct && s[start] == "\u{037E}" ? ";" : s[start]
            tok.ascii = ascii
            tok.startsUpperToken = s[start].isUpperLike
            var hasDigit = false
            var hasLowerASCII = false
            var nameShape = true
            for k in start..<i {
                let c = s[k]
                if c.isASCIIDigit { hasDigit = true }
                if c.value >= 0x61 && c.value <= 0x7A { hasLowerASCII = true }
                if nameShape && !(c.isLetterLike || c.isMark || c == "'" || c == "\u{2019}" || c == "-" || c == "\u{2010}") { nameShape = false }
            }
            tok.hasDigit = hasDigit
            tok.nameShape = nameShape
            if ascii {
                tok.hasUpper = upper
                tok.allCaps = !hasLowerASCII
                tok.charCount = i - start
            } else {
                tok.hasUpper = str != lower
                tok.allCaps = str == str.uppercased()
                tok.charCount = str.count
            }
            switch kind {
            case .word:
                if let info = Lexicon.words[lower] {
                    tok.word = info.classes
                    tok.month = info.month
                    tok.day = info.day
                }
                tok.stem = tok.word
                if i - start >= 2, s[i - 1] == "s" || s[i - 1] == "S", s[i - 2] == "'" || s[i - 2] == "\u{2019}", lower.hasSuffix("'s") {
                    var stem = lower
                    stem.removeLast(2)
                    tok.stem = Lexicon.words[stem]?.classes ?? []
                    tok.possessiveS = true
                }
            case .number:
                if str.allSatisfy(\.isASCII), str.allSatisfy(\.isNumber) { tok.value = Int(str) }
                if ascii {
                    // One or two ASCII digits, then nothing or st, nd, rd, th (the same rule as `numberDay`).
                    var d = 0
                    var k = start
                    while k < i, s[k].isASCIIDigit, k - start < 3 { d = d * 10 + Int(s[k].value - 0x30); k += 1 }
                    let n = k - start
                    var suffixOK = k == i
                    if k + 2 == i {
                        let a = s[k].value | 0x20, b = s[k + 1].value | 0x20
                        suffixOK = (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68)
                    }
                    tok.day = (1...2).contains(n) && suffixOK && (1...31).contains(d) ? d : 0
                } else {
                    tok.day = Document.numberDay(lower)
                }
            case .punct:
                break
            }
            tokens.append(tok)
            newline = false
            space = false
        }
        return tokens
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
    var isMark: Bool {
        if value < 0x300 { return false }  // no combining marks below U+0300
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
    /// A letter of any script (alphabetic, not a digit or mark). ASCII without a property lookup.
    var isLetterLike: Bool {
        if value < 0x80 { return isASCIILetter }
        return properties.isAlphabetic && !isMark
    }
    var isUpperLike: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return properties.isUppercase || properties.generalCategory == .titlecaseLetter
    }
    /// White space; ASCII without a property lookup.
    var isSpaceLike: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
    var asciiUpper: Unicode.Scalar {
        (value >= 0x61 && value <= 0x7A) ? Unicode.Scalar(value - 32)! : self
    }
}

extension String {
    /// Whether the first scalar is an upper-case or title-case letter.
    var startsUpper: Bool { unicodeScalars.first?.isUpperLike ?? false }
}
