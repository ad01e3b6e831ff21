import SignpostEvents

/// Digit groups read from a start digit, each separated from the next by exactly one
/// separator scalar. `end` of the last group is where the number ends.
struct DigitGroups {
    var ranges: [Range<Int>] = []
    var seps: [Unicode.Scalar] = []
    static let spaceOrDash: Set<Unicode.Scalar> = [" ", "-"]

    static func read(_ doc: Document, from start: Int, separators: Set<Unicode.Scalar>, maxDigits: Int) -> DigitGroups {
        var g = DigitGroups()
        var i = start
        var total = 0
        let s = doc.scalars
        while i < s.count, s[i].isASCIIDigit {
            var j = i
            while j < s.count, s[j].isASCIIDigit { j += 1 }
            total += j - i
            if total > maxDigits { break }
            g.ranges.append(i..<j)
            if j + 1 < s.count, separators.contains(s[j]), s[j + 1].isASCIIDigit {
                g.seps.append(s[j])
                i = j + 1
            } else {
                break
            }
        }
        return g
    }

    /// Digits of the first `n` groups.
    func digits(_ doc: Document, groups n: Int) -> String {
        var out = ""
        for r in ranges.prefix(n) { for k in r { out.unicodeScalars.append(doc.scalars[k]) } }
        return out
    }

    func sizes(_ n: Int) -> [Int] { ranges.prefix(n).map(\.count) }
}

extension Document {
    /// A number may start at `i`: nothing alphanumeric (or a digit-joining mark) right before it.
    func numberMayStart(at i: Int) -> Bool {
        guard let p = scalar(i - 1) else { return true }
        if p.isLetterLike || p.isASCIIDigit { return false }
        if p == "." || p == "," || p == "/" || p == ":" || p == "-" {
            // "1.07…", "3/0…", "12:0…": part of a larger figure
            if let q = scalar(i - 2), q.isASCIIDigit { return false }
        }
        if p == "£" || p == "$" || p == "€" || p == "#" { return false }
        return true
    }

    /// A number may end at `i` (exclusive): no digit or letter directly after it,
    /// and not a decimal or range continuing it.
    func numberMayEnd(at i: Int) -> Bool {
        guard let n = scalar(i) else { return true }
        if n.isASCIIDigit || n.isLetterLike { return false }
        if n == "." || n == "," || n == "/" || n == ":", let m = scalar(i + 1), m.isASCIIDigit { return false }
        return true
    }
}

/// UK phone numbers: +44 / 0044 / national 0…, spaces, dashes, (area code) in brackets.
struct PhoneDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let s = doc.scalars
        var i = 0
        while i < s.count {
            let c = s[i]
            if (c == "+" || c == "(" || c == "0"), doc.numberMayStart(at: i), let cand = parse(doc, at: i) {
                out.append(cand)
                i = cand.end
                continue
            }
            i += 1
        }
        return out
    }

    private func parse(_ doc: Document, at start: Int) -> Candidate? {
        let s = doc.scalars
        func at(_ k: Int) -> Unicode.Scalar? { doc.scalar(k) }
        var j = start
        var national = ""
        var international = false
        func skipSep() { if let c = at(j), c == " " || c == "-", let d = at(j + 1), d.isASCIIDigit || d == "(" { j += 1 } }
        if s[j] == "+" {
            guard at(j + 1) == "4", at(j + 2) == "4" else { return nil }
            j += 3; international = true
        } else if s[j] == "0", at(j + 1) == "0", at(j + 2) == "4", at(j + 3) == "4" {
            j += 4; international = true
        }
        if international {
            national = "0"
            skipSep()
            if at(j) == "(", at(j + 1) == "0", at(j + 2) == ")" { j += 3; skipSep() }
        }
        var openParen = false
        var parenClosed = false
        var groups: [Int] = []
        var lastDigitEnd = j
        while j < s.count {
            let c = s[j]
            if c.isASCIIDigit {
                var k = j
                while k < s.count, s[k].isASCIIDigit { k += 1 }
                national.unicodeScalars.append(contentsOf: s[j..<k])
                groups.append(k - j)
                lastDigitEnd = k
                j = k
                if national.count >= 11 { break }
            } else if c == "(", groups.isEmpty, !openParen, !international {
                openParen = true; j += 1
            } else if c == ")", openParen, !parenClosed {
                parenClosed = true; j += 1
                if let d = at(j), d == " " || d == "-" { j += 1 }
            } else if (c == " " || c == "-"), let d = at(j + 1), d.isASCIIDigit, !groups.isEmpty {
                j += 1
            } else {
                break
            }
        }
        if openParen && !parenClosed { return nil }
        guard national.hasPrefix("0"), !national.hasPrefix("00"), doc.numberMayEnd(at: lastDigitEnd) else { return nil }
        let n = national.count
        let valid: Bool
        if n == 11 {
            valid = ["1", "2", "3", "7", "8", "9"].contains(national.dropFirst().first.map(String.init) ?? "")
        } else if n == 10 {
            valid = national.hasPrefix("0800") || national.hasPrefix("0808") || national.hasPrefix("0500")
        } else {
            valid = false
        }
        guard valid else { return nil }
        if n == 10, groups == [3, 3, 4], Checksums.isValidNHS(national) { return nil }
        var confidence = national.hasPrefix("07") || national.hasPrefix("01") || national.hasPrefix("02") ? 0.9 : 0.85
        let ctx = doc.context(before: start, maxScalars: 30)
        if ["tel", "phone", "mobile", "call", "ring", "contact", "number"].contains(where: ctx.contains) { confidence += 0.05 }
        return Candidate(type: .phone, start: start, end: lastDigitEnd, confidence: confidence, rule: "phone")
    }
}

/// NHS numbers: ten digits, 3-3-4 or contiguous. Taken after "NHS" even when the
/// modulus 11 check fails; otherwise only when it passes.
struct NHSNumberDetector: Detector {
    static let negativeContext = ["ref", "account", "order", "invoice", "case", "booking", "tracking", "policy", "licence", "permit"]

    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let s = doc.scalars
        var i = 0
        while i < s.count {
            guard s[i].isASCIIDigit, doc.numberMayStart(at: i) else { i += 1; continue }
            let g = DigitGroups.read(doc, from: i, separators: DigitGroups.spaceOrDash, maxDigits: 10)
            var matched: Candidate?
            for n in stride(from: g.ranges.count, through: 1, by: -1) {
                let sizes = g.sizes(n)
                guard sizes == [10] || sizes == [3, 3, 4] else { continue }
                let end = g.ranges[n - 1].upperBound
                guard doc.numberMayEnd(at: end) else { continue }
                let digits = g.digits(doc, groups: n)
                let ctx = doc.context(before: i, maxScalars: 40)
                let valid = Checksums.isValidNHS(digits)
                var conf: Double
                if ctx.contains("nhs") || ctx.contains("health service") { conf = valid ? 0.97 : 0.95 }
                else if valid && !Self.negativeContext.contains(where: ctx.contains) { conf = sizes == [3, 3, 4] ? 0.85 : 0.7 }
                else { continue }
                matched = Candidate(type: .nhsNumber, start: i, end: end, confidence: conf, rule: "nhs")
                break
            }
            if let m = matched { out.append(m); i = m.end } else { i = (g.ranges.last?.upperBound ?? i + 1) }
        }
        return out
    }
}

/// Payment card numbers: 13–19 digits, optionally grouped by spaces or dashes, Luhn-valid.
struct CardNumberDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let s = doc.scalars
        var i = 0
        while i < s.count {
            guard s[i].isASCIIDigit, s[i] != "0", doc.numberMayStart(at: i) else { i += 1; continue }
            let g = DigitGroups.read(doc, from: i, separators: DigitGroups.spaceOrDash, maxDigits: 19)
            var matched: Candidate?
            for n in stride(from: g.ranges.count, through: 1, by: -1) {
                let digits = g.digits(doc, groups: n)
                guard (13...19).contains(digits.count) else { continue }
                let end = g.ranges[n - 1].upperBound
                guard doc.numberMayEnd(at: end), Checksums.isValidLuhn(digits) else { continue }
                let ctx = doc.context(before: i, maxScalars: 40)
                let conf = ["card", "visa", "mastercard", "amex", "debit", "credit"].contains(where: ctx.contains) ? 0.95 : 0.9
                matched = Candidate(type: .cardNumber, start: i, end: end, confidence: conf, rule: "card")
                break
            }
            if let m = matched { out.append(m); i = m.end } else { i = (g.ranges.last?.upperBound ?? i + 1) }
        }
        return out
    }
}

/// National Insurance numbers: two prefix letters, six digits, suffix A–D, any spacing or case.
/// Without a suffix only when the context names National Insurance.
struct NINumberDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let s = doc.scalars
        var i = 0
        while i + 7 < s.count {
            // Cheap test first: two letters, then a digit (directly or after one space or dash).
            guard s[i].isASCIILetter, s[i + 1].isASCIILetter,
                  s[i + 2].isASCIIDigit || ((s[i + 2] == " " || s[i + 2] == "-") && s[i + 3].isASCIIDigit),
                  doc.numberMayStart(at: i), let c = parse(doc, at: i) else { i += 1; continue }
            out.append(c)
            i = c.end
        }
        return out
    }

    private func parse(_ doc: Document, at start: Int) -> Candidate? {
        let s = doc.scalars
        let prefix = String(String.UnicodeScalarView([s[start].asciiUpper, s[start + 1].asciiUpper]))
        guard Checksums.isValidNIPrefix(prefix) else { return nil }
        var j = start + 2
        var digits = 0
        var lastDigitEnd = j
        while j < s.count, digits < 6 {
            if s[j].isASCIIDigit { digits += 1; j += 1; lastDigitEnd = j }
            else if (s[j] == " " || s[j] == "-"), let n = doc.scalar(j + 1), n.isASCIIDigit { j += 1 }
            else { break }
        }
        guard digits == 6, !(doc.scalar(lastDigitEnd)?.isASCIIDigit ?? false) else { return nil }
        // Optional suffix, directly or after one space/dash.
        var k = lastDigitEnd
        if let c = doc.scalar(k), c == " " || c == "-" { k += 1 }
        if let c = doc.scalar(k), "ABCDabcd".unicodeScalars.contains(c), !doc.isAlnum(at: k + 1) {
            return Candidate(type: .niNumber, start: start, end: k + 1, confidence: 0.92, rule: "ni")
        }
        guard !doc.isAlnum(at: lastDigitEnd) else { return nil }
        let ctx = doc.context(before: start, maxScalars: 40)
        guard ctx.contains("insurance") || ctx.containsWord("ni") || ctx.containsWord("nino") else { return nil }
        return Candidate(type: .niNumber, start: start, end: lastDigitEnd, confidence: 0.8, rule: "ni-nosuffix")
    }
}

/// Passport numbers: nine digits (or letters then digits) only when "passport" comes shortly before.
struct PassportDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let tokens = doc.tokens
        guard tokens.contains(where: { $0.end - $0.start >= 8 && $0.lower.hasPrefix("passport") }) else { return [] }
        for (ti, t) in tokens.enumerated() where t.kind == .number || t.kind == .word {
            guard t.hasDigit,
                  doc.context(before: t.start, maxScalars: 50).contains("passport") else { continue }
            // Spaced nine digits: 123 456 789
            if t.kind == .number, t.text.count == 3, t.text.allSatisfy(\.isASCII),
               ti + 2 < tokens.count, [tokens[ti + 1], tokens[ti + 2]].allSatisfy({ $0.kind == .number && $0.text.count == 3 && $0.spaceBefore && !$0.newlineBefore }),
               tokens[ti + 1].start == t.end + 1, tokens[ti + 2].start == tokens[ti + 1].end + 1,
               doc.numberMayStart(at: t.start), doc.numberMayEnd(at: tokens[ti + 2].end) {
                out.append(Candidate(type: .passport, start: t.start, end: tokens[ti + 2].end, confidence: 0.9, rule: "passport-spaced"))
                continue
            }
            let u = Array(t.text.unicodeScalars)
            guard u.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter }) else { continue }
            let letters = u.prefix { $0.isASCIILetter }.count
            let rest = u.dropFirst(letters)
            guard rest.allSatisfy(\.isASCIIDigit) else { continue }
            let ok = (letters == 0 && rest.count == 9) || ((1...2).contains(letters) && (6...9).contains(rest.count))
            if ok { out.append(Candidate(type: .passport, start: t.start, end: t.end, confidence: 0.9, rule: "passport")) }
        }
        return out
    }
}
