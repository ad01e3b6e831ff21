import SignpostEvents

/// E-mail addresses: local part @ domain with a dot and a letter TLD.
struct EmailDetector: Detector {
    private static func isLocal(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIDigit || c.isLetterLike || "._%+-'".unicodeScalars.contains(c)
    }
    private static func isDomain(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIDigit || c.isLetterLike || c == "." || c == "-"
    }

    func detect(in doc: Document) -> [Candidate] {
        let s = doc.scalars
        var out: [Candidate] = []
        for at in s.indices where s[at] == "@" {
            var a = at
            while a > 0, Self.isLocal(s[a - 1]) { a -= 1 }
            while a < at, s[a] == "." || s[a] == "'" || s[a] == "-" { a += 1 }
            var b = at + 1
            while b < s.count, Self.isDomain(s[b]) { b += 1 }
            while b > at + 1, s[b - 1] == "." || s[b - 1] == "-" { b -= 1 }
            guard a < at, b > at + 1 else { continue }
            let domain = doc.string(at + 1, b)
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                  let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
            if let last = out.last, last.end > a { continue }
            out.append(Candidate(type: .email, start: a, end: b, confidence: 0.99, rule: "email"))
        }
        return out
    }
}

/// UK postcodes with or without the space, any case; an outward code alone only
/// after words saying where someone lives ("I live in WR9", "postcode WR9").
struct PostcodeDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let t = doc.tokens
        var i = 0
        while i < t.count {
            let tok = t[i]
            // Every postcode token has a digit and at most seven scalars: test that before upper-casing.
            guard tok.kind == .word, tok.end - tok.start <= 7, tok.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { i += 1; continue }
            let u = tok.text.uppercased()
            // Spaced form: outward token, whitespace on one line, inward token.
            if Postcode.isOutward(u), i + 1 < t.count, t[i + 1].kind == .number, !t[i + 1].newlineBefore,
               t[i + 1].start - tok.end <= 2, Postcode.isInward(t[i + 1].text.uppercased()) {
                let conf = tok.text == u && t[i + 1].text == t[i + 1].text.uppercased() ? 0.95 : 0.9
                out.append(Candidate(type: .postcode, start: tok.start, end: t[i + 1].end, confidence: conf, rule: "postcode"))
                i += 2
                continue
            }
            // Contiguous form: WR98DL.
            if u.count >= 5, u.count <= 7 {
                let inward = String(u.suffix(3)), outward = String(u.dropLast(3))
                if Postcode.isOutward(outward), Postcode.isInward(inward) {
                    out.append(Candidate(type: .postcode, start: tok.start, end: tok.end, confidence: 0.85, rule: "postcode-nospace"))
                    i += 1
                    continue
                }
            }
            // Outward code alone, only with residence context.
            if Postcode.isOutward(u), !(i + 1 < t.count && t[i + 1].kind == .number && !t[i + 1].newlineBefore && t[i + 1].start == tok.end + 1) {
                let ctx = doc.context(before: tok.start, maxScalars: 30).trimmedTrailingSpaceAndColon
                if Lexicon.outwardContext.contains(where: { ctx.hasSuffix($0) }) {
                    out.append(Candidate(type: .postcode, start: tok.start, end: tok.end, confidence: 0.8, rule: "postcode-outward"))
                }
            }
            i += 1
        }
        return out
    }
}

enum Postcode {
    /// The UK postcode areas.
    static let areas: Set<String> = Set("""
    AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
    E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN
    LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP
    SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// A9, A99, A9A, AA9, AA99, AA9A with a real area. Expects upper case.
    static func isOutward(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard (2...4).contains(u.count), u.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit }) else { return false }
        let letters = u.prefix { $0.isASCIILetter }.count
        guard (1...2).contains(letters), areas.contains(String(s.prefix(letters))) else { return false }
        let rest = Array(u.dropFirst(letters))
        switch rest.count {
        case 1: return rest[0].isASCIIDigit
        case 2: return rest[0].isASCIIDigit && (rest[1].isASCIIDigit || rest[1].isASCIILetter)
        default: return false
        }
    }

    /// 9AA, where the letters are not C I K M O V. Expects upper case.
    static func isInward(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count == 3, u[0].isASCIIDigit else { return false }
        return u[1...].allSatisfy { $0.isASCIILetter && !"CIKMOV".unicodeScalars.contains($0) }
    }
}
