import SignpostEvents

/// A person's street address: house number or house name, street name with a street suffix,
/// optional town; only after words saying it is where someone lives ("Lives at", "my address is",
/// an "Address:" field) or as a house number leading a line, sentence or clause. The postcode is
/// left to `PostcodeDetector`. Problem locations ("a pothole on Mill Lane", "outside 23 Mill Lane")
/// are not addresses.
struct AddressDetector: Detector {
    static let knownTowns: Set<String> = [
        "worcester", "droitwich", "kidderminster", "bromsgrove", "redditch", "malvern", "evesham",
        "pershore", "upton-upon-severn", "upton", "bewdley", "stourport-on-severn", "stourport", "tenbury",
        "hagley", "rubery", "alvechurch", "wythall", "ombersley", "inkberrow", "broadway", "great",
        "catshill", "barnt", "wychbold", "fernhill", "hallow", "powick", "callow", "welland", "colwall",
        "cookley", "wolverley", "blakedown", "chaddesley", "hartlebury", "studley", "astwood", "headless",
    ]
    /// Words that end a street-name run even when any case is allowed.
    static let streetStop: Set<String> = [
        "and", "or", "but", "is", "was", "are", "with", "for", "to", "from", "on", "in", "at", "of", "by",
        "it", "i", "we", "my", "our", "near", "outside", "opposite", "a", "an", "has", "have", "had", "there",
        "which", "that", "this", "since", "because", "so", "if", "when", "where", "please", "can", "could",
    ]

    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let t = doc.tokens
        for i in t.indices {
            // "Address: 4 Vicarage Close, Droitwich, WR9 8DL"
            if doc.startsSentence(i) {
                // "Town: Pershore" on the line after an address line.
                if doc.startsLine(i), i > 0, t[i].word.contains(.townField) || t[i].word.contains(.addressFieldFirst) && doc.tokens(at: i, match: ["address", "line", "2"]),
                   let colon = (i + 1..<min(t.count, i + 4)).first(where: { doc.isPunct($0, ":") }), colon + 1 < t.count, !t[colon + 1].newlineBefore,
                   previousLineIsAddressField(doc, before: i), let r = fieldValue(doc, from: colon + 1) {
                    out.append(Candidate(type: .address, start: r.lowerBound, end: r.upperBound, confidence: 0.85, rule: "address-town-field"))
                }
                if t[i].word.contains(.addressFieldFirst) { for label in Lexicon.addressFields where doc.tokens(at: i, match: label) {
                    let colon = i + label.count
                    guard doc.isPunct(colon, ":") || doc.isPunct(colon, "-"), colon + 1 < t.count, !t[colon + 1].newlineBefore else { continue }
                    if let r = fieldValue(doc, from: colon + 1) {
                        out.append(Candidate(type: .address, start: r.lowerBound, end: r.upperBound, confidence: 0.92, rule: "address-field"))
                    }
                } }
            }
            // "Lives at 4 Vicarage Close, Droitwich"; "our bins at …", "Mrs Keane of …"
            if t[i].word.contains(.residenceTriggerLast) && Lexicon.residenceTriggers.contains(where: { doc.tokens(endingAt: i, match: $0) != nil }) || residenceAt(doc, i), i + 1 < t.count,
               let r = parseAddress(doc, at: i + 1, anyCase: true) {
                out.append(Candidate(type: .address, start: r.lowerBound, end: r.upperBound, confidence: 0.9, rule: "address-residence"))
            }
            // "4 Vicarage Close, Droitwich" leading a line, sentence or clause.
            // Only when nothing but a line end, punctuation or a postcode follows, so that
            // "Also: 5 High Street needs gritting" stays readable.
            if isHouseNumber(t[i]) || t[i].word.contains(.flat) && t[i].startsUpperToken
                || (doc.startsLine(i) || doc.isPunct(i - 1, ":")) && t[i].startsUpperToken && parseHouseName(doc, at: i, anyCase: false, anyEnding: true) != nil {
                var s = i
                if i >= 3, doc.isPunct(i - 1, ","), t[i - 2].kind == .number, t[i - 3].word.contains(.flat) { s = i - 3 }
                let leading = s == 0 || t[s].newlineBefore
                    || (t[s - 1].kind == .punct && [",", ":", ";", "(", "-", "\u{2013}"].contains(t[s - 1].first))
                if let r = parseAddress(doc, at: s, anyCase: false) {
                    let n = doc.tokenIndex(atOrAfter: r.upperBound)
                    let postcodeFollows = n < t.count && !t[n].newlineBefore && isPostcodeStart(doc, n)
                    let afterPreposition = s > 0 && !t[s].newlineBefore && t[s - 1].word.contains(.locationPreposition)
                    if leading && endsAddress(doc, after: r.upperBound) || postcodeFollows && !afterPreposition {
                        out.append(Candidate(type: .address, start: r.lowerBound, end: r.upperBound, confidence: 0.7, rule: "address-leading"))
                    }
                }
            }
        }
        return out
    }

    /// Whether the address ending at scalar `end` is followed only by a line end, punctuation or a postcode.
    func endsAddress(_ doc: Document, after end: Int) -> Bool {
        let n = doc.tokenIndex(atOrAfter: end)
        let t = doc.tokens
        return n >= t.count || t[n].newlineBefore || t[n].kind == .punct || isPostcodeStart(doc, n)
    }

    func isHouseNumber(_ tok: Token) -> Bool {
        guard tok.kind == .number else { return false }
        let u = tok.text.unicodeScalars
        var count = 0
        var digits = 0
        var afterDigits: Unicode.Scalar?
        for c in u {
            if count == digits, c.isASCIIDigit { digits += 1 } else if afterDigits == nil { afterDigits = c }
            count += 1
            if count > 5 { return false }
        }
        return (1...4).contains(digits) && count - digits <= 1 && (count == digits || afterDigits!.isASCIILetter)
            && !(count == 4 && digits == 4 && tok.first != "0" && (1900...2100).contains(tok.value ?? 0))
    }

    /// The rest of an address field's line, stopping before a postcode; trailing commas dropped.
    func fieldValue(_ doc: Document, from k: Int) -> Range<Int>? {
        let t = doc.tokens
        var j = k
        var last: Int?
        while j < t.count, j == k || !t[j].newlineBefore {
            if isPostcodeStart(doc, j) { break }
            if t[j].kind != .punct || !(t[j].first == "," || t[j].first == ";") { last = j }
            j += 1
        }
        guard let last, last > k || t[k].kind != .punct else { return nil }
        var end = t[last].end
        if t[last].kind == .punct, last > k { end = t[last - 1].end }
        return t[k].start..<end
    }

    func isPostcodeStart(_ doc: Document, _ j: Int) -> Bool {
        let t = doc.tokens
        guard t[j].kind == .word, t[j].hasDigit else { return false }
        let u = t[j].text.uppercased()
        if Postcode.isOutward(u) {
            if j + 1 < t.count, t[j + 1].kind == .number, Postcode.isInward(t[j + 1].text.uppercased()) { return true }
            if j + 1 >= t.count || t[j + 1].newlineBefore || t[j + 1].kind == .punct { return true }
        }
        if u.count >= 5, u.count <= 7, Postcode.isOutward(String(u.dropLast(3))), Postcode.isInward(String(u.suffix(3))) { return true }
        return false
    }

    /// `[Flat 3,] 4 Vicarage Close[, Droitwich]` or `Rose Cottage[, Mill Lane][, Ombersley]` at token `k`.
    func parseAddress(_ doc: Document, at k: Int, anyCase: Bool) -> Range<Int>? {
        let t = doc.tokens
        var j = k
        func same(_ x: Int) -> Bool { x < t.count && !t[x].newlineBefore }
        if t[j].word.contains(.flat), same(j + 1), t[j + 1].kind == .number {
            j += 2
            if doc.isPunct(j, ",") { j += 1 }
            guard j < t.count else { return nil }
        }
        var end: Int
        if isHouseNumber(t[j]) {
            j += 1
            if doc.isPunct(j, "-"), same(j + 1), isHouseNumber(t[j + 1]) { j += 2 } // 12-14
            if doc.isPunct(j, ",") { j += 1 }
            if same(j), let s = parseStreet(doc, at: j, anyCase: anyCase) {
                end = t[s].end
                j = s + 1
            } else if same(j + 1), t[j].lower == "the", t[j].startsUpperToken || anyCase, t[j + 1].kind == .word,
                      t[j + 1].startsUpperToken, !t[j + 1].word.contains(.streetStop) {
                // "7 The Paddocks", "12 The Maltings"
                end = t[j + 1].end
                j += 2
            } else {
                return nil
            }
        } else if let h = parseHouseName(doc, at: j, anyCase: anyCase) {
            end = t[h].end
            j = h + 1
            let c = doc.isPunct(j, ",") ? j + 1 : j
            if same(c), let s = parseStreet(doc, at: c, anyCase: anyCase) {
                end = t[s].end
                j = s + 1
            }
        } else if let h = parseHouseName(doc, at: j, anyCase: anyCase, anyEnding: true), doc.isPunct(h + 1, ","), same(h + 2),
                  let s = parseStreet(doc, at: h + 2, anyCase: anyCase) {
            // "The Old Forge, Church Street": any capitalised name before a street.
            end = t[s].end
            j = s + 1
        } else {
            return nil
        }
        // Optional town, possibly after a locality ("Ombersley Street East, Droitwich").
        for _ in 0..<2 {
            let c = doc.isPunct(j, ",") ? j + 1 : j
            guard same(c), let town = parseTown(doc, at: c, anyCase: anyCase) else { break }
            end = t[town].end
            j = town + 1
        }
        return t[k].start..<end
    }

    /// Street name words then a suffix ("Vicarage Close", "St John's Road"); index of the suffix token.
    func parseStreet(_ doc: Document, at k: Int, anyCase: Bool) -> Int? {
        let t = doc.tokens
        var j = k
        var lastSuffix: Int?
        var words = 0
        while j < t.count, words < 6 {
            if j > k && t[j].newlineBefore { break }
            let tok = t[j]
            if tok.isPunct("."), j > k, t[j - 1].lower == "st", doc.isAttached(j) { j += 1; continue }
            guard tok.kind == .word, anyCase || tok.startsUpperToken, !tok.word.contains(.streetStop) || (tok.lower == "the" && j == k) else { break }
            if tok.hasDigit { break }
            if words > 0, tok.word.contains(.streetSuffix) { lastSuffix = j }
            words += 1
            j += 1
        }
        return lastSuffix
    }

    /// "Rose Cottage", "The Old Barn": capitalised words ending in a house-name word; index of the last.
    func parseHouseName(_ doc: Document, at k: Int, anyCase: Bool, anyEnding: Bool = false) -> Int? {
        let t = doc.tokens
        var j = k
        while j < t.count, j - k < 4 {
            if j > k && t[j].newlineBefore { break }
            guard t[j].kind == .word, anyCase || t[j].startsUpperToken, !t[j].word.contains(.streetStop) || (j == k && t[j].lower == "the") else { break }
            if anyEnding, j + 1 < t.count, t[j + 1].kind == .punct { return j > k || t[j].lower != "the" ? j : nil }
            if j > k, t[j].word.contains(.houseNameEnding) { return j }
            j += 1
        }
        return nil
    }

    /// "at" or "of" before an address where the clause says it is someone's home: a possessive
    /// or a person shortly before ("our bins at", "she is at", "Mrs Keane of"), and no problem word.
    func residenceAt(_ doc: Document, _ i: Int) -> Bool {
        let t = doc.tokens
        guard i > 0, t[i].word.contains(.atOf) else { return false }
        if t[i].lower == "of" {
            let p = t[i - 1]
            return p.kind == .word && p.startsUpperToken && !p.word.contains(.notName) && !p.word.contains(.streetSuffix)
        }
        var k = i - 1
        while k >= 0, i - k <= 6 {
            if t[k].kind == .punct, [".", "!", "?", ";", ":"].contains(t[k].first) { return false }
            if t[k].word.contains(.problemWord) { return false }
            if t[k].word.contains(.residenceOwner) { return true }
            if t[k].newlineBefore { return false }
            k -= 1
        }
        return false
    }

    /// Whether the line before token `i` is an "Address…:" field.
    func previousLineIsAddressField(_ doc: Document, before i: Int) -> Bool {
        var k = i - 1
        while k > 0, !doc.startsLine(k) { k -= 1 }
        return doc.tokens[k].lower == "address" || (k + 1 < doc.tokens.count && doc.tokens[k + 1].lower == "address")
    }

    /// One to three capitalised town words, ending at punctuation, a line end, a postcode, or
    /// being a known town; index of the last.
    func parseTown(_ doc: Document, at k: Int, anyCase: Bool = false) -> Int? {
        let t = doc.tokens
        if anyCase, k < t.count, !t[k].startsUpperToken {
            // Lower-case text: only a known town ("14 orchard way evesham").
            guard t[k].word.contains(.knownTown) else { return nil }
            if k + 1 < t.count, !t[k + 1].newlineBefore, t[k + 1].word.contains(.wellsSpa) { return k + 1 }
            return k
        }
        var j = k
        var last: Int?
        while j < t.count, j - k < 3 {
            if j > k && t[j].newlineBefore { break }
            let tok = t[j]
            guard tok.kind == .word, tok.startsUpperToken, !isPostcodeStart(doc, j),
                  tok.text.unicodeScalars.allSatisfy({ $0.isLetterLike || $0.isMark || $0 == "-" || $0 == "'" }),
                  !tok.word.contains(.streetStop), !tok.allCaps else { break }
            last = j
            j += 1
        }
        guard let last else { return nil }
        if t[k].word.contains(.knownTown) { return last }
        let n = last + 1
        if n >= t.count || t[n].newlineBefore || t[n].kind == .punct || isPostcodeStart(doc, n) { return last }
        return nil
    }
}
