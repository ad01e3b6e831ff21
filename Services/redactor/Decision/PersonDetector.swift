import SignpostEvents

/// A name found by `PersonDetector.parseName`: scalar range and the token after it.
struct NameMatch {
    var start: Int
    var end: Int
    /// Index of the first token after the name.
    var next: Int
    var words: Int
}

/// People's names, found only where the context says a name comes: form fields,
/// introductions, titles, relatives and neighbours, sign-offs, a lone last line,
/// and staff named in apposition to their role.
struct PersonDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        let t = doc.tokens
        func add(_ m: NameMatch?, _ conf: Double, _ rule: String) {
            guard let m else { return }
            out.append(Candidate(type: .person, start: m.start, end: m.end, confidence: conf, rule: rule))
            // "Hamza and Lucy", "Mr & Mrs Okafor" handled by titles; here a second capitalised name.
            if m.next + 1 < t.count, t[m.next].isPunct("&") || t[m.next].word.contains(.and), !t[m.next + 1].newlineBefore,
               let n = parseName(doc, at: m.next + 1, anyCase: false, allowTitle: true), n.words <= 3,
               n.next >= t.count || t[n.next].newlineBefore || t[n.next].kind == .punct
                || t[n.next].word.contains(.andFollow) {
                out.append(Candidate(type: .person, start: n.start, end: n.end, confidence: conf - 0.05, rule: rule + "-and"))
            }
        }
        for i in t.indices {
            // Form fields at the start of a line: "Name: …", "Full name: …".
            if doc.startsSentence(i) || doc.isPunct(i - 1, "|") {
                // "Name:", "Full name:", "Name of person you are reporting about:", "Child's name -".
                if let colon = Self.nameFieldColon(doc, at: i), colon + 1 < t.count, !t[colon + 1].newlineBefore,
                   let m = parseName(doc, at: colon + 1, anyCase: true, allowTitle: true, strong: true), endsField(doc, m.next) {
                    add(m, 0.95, "field")
                }
                // "My details: Marian Lăcătuș, 15 Fairfield Road"
                if t[i].word.contains(.detailsFirst) { for label in [["my", "details"], ["details"], ["contact", "details"]] where doc.tokens(at: i, match: label) {
                    let colon = i + label.count
                    guard doc.isPunct(colon, ":"), let m = parseName(doc, at: colon + 1, anyCase: false, allowTitle: true), m.words >= 2,
                          doc.isPunct(m.next, ",") || m.next >= t.count || t[m.next].newlineBefore else { continue }
                    add(m, 0.8, "details-field")
                } }
                if doc.tokens(at: i, match: ["from"]), doc.isPunct(i + 1, ":"), let m = parseName(doc, at: i + 2, anyCase: false) {
                    add(m, 0.9, "from-header")
                }
            }
            let w = t[i].lower
            // Mid-line labels without a colon: "First name Thandiwe", "name on the card Joseph Adeyemi".
            if t[i].word.contains(.inlineNameLabelFirst) { for label in Lexicon.inlineNameLabels where doc.tokens(at: i, match: label) {
                var k = i + label.count
                if doc.isPunct(k, ":") || doc.isPunct(k, "-") || (k < t.count && t[k].lower == "is") { k += 1 }
                if k < t.count, !t[k].newlineBefore, let m = parseName(doc, at: k, anyCase: false, allowTitle: true) { add(m, 0.85, "inline-label") }
            } }
            // The answer to a question asking for a name: "Agent: Can I take your name?\nCaller: Youssef El-Amin."
            if doc.startsLine(i), i > 0, Self.previousLineAsksName(doc, before: i) {
                var k = i
                if k + 1 < t.count, t[k].kind == .word, doc.isPunct(k + 1, ":"), t[k].word.contains(.speaker) { k += 2 }
                while k < t.count, !t[k].newlineBefore || k == i, t[k].word.contains(.answerFiller) || doc.isPunct(k, ",") { k += 1 }
                if k < t.count, k == i || !t[k].newlineBefore,
                   let m = parseName(doc, at: k, anyCase: true, allowTitle: true, strong: true),
                   m.next >= t.count || t[m.next].newlineBefore || t[m.next].isPunct(",") || t[m.next].isPunct(".") || t[m.next].isPunct("!") {
                    add(m, 0.85, "answer")
                }
            }
            // "hello, Ionuț here", "Gülşen Kaya speaking", "yeah it's Bożena again"
            if t[i].kind == .word, i == 0 || t[i - 1].kind == .punct || doc.startsLine(i) || t[i - 1].word.contains(.greeting) || t[i - 1].word.contains(.its) {
                let lowerLine = doc.lineIsLowerCase(i)
                if let m = parseName(doc, at: i, anyCase: lowerLine && t[max(0, i - 1)].word.contains(.its), allowTitle: true, chat: lowerLine),
                   m.next < t.count, !t[m.next].newlineBefore, m.words <= 4, t[m.next].word.contains(.nameHereAnchor),
                   !(m.next + 1 < t.count && t[m.next + 1].word.contains(.nameHereStop)) {
                    add(m, 0.85, "name-here")
                }
            }
            // "Yeah it's Ciarán Ó Súilleabháin, that's …" at the start of a clause.
            if t[i].word.contains(.its), i == 0 || doc.startsLine(i) || t[i - 1].kind == .punct || t[i - 1].word.contains(.greeting),
               let m = parseName(doc, at: i + 1, anyCase: false, allowTitle: true), m.next >= t.count || t[m.next].newlineBefore
                || t[m.next].isPunct(",") || t[m.next].isPunct(".") || t[m.next].isPunct("!"),
               !t[doc.tokenIndex(atOrAfter: m.end) - 1].word.contains(.streetSuffix) {
                add(m, 0.8, "its-name")
            }
            // Titles: Mr Owen Davies, Dr Ahmed.
            if t[i].kind == .word, t[i].word.contains(.title), t[i].startsUpperToken, i + 1 < t.count {
                let after = doc.isPunct(i + 1, ".") && doc.isAttached(i + 1) ? i + 2 : i + 1
                if let m = parseName(doc, at: after, anyCase: false) {
                    // "Mr & Mrs Smith": start at the first title.
                    var start = t[i].start
                    if i >= 2, t[i - 1].isPunct("&") || t[i - 1].word.contains(.and), t[i - 2].word.contains(.title), t[i - 2].startsUpperToken {
                        start = t[i - 2].start
                    }
                    add(NameMatch(start: start, end: m.end, next: m.next, words: m.words + 1), 0.9, "title")
                }
            }
            // Introductions and name phrases; the name follows token i.
            if t[i].word.contains(.introHead), let conf = Self.introConfidence(doc, endingAt: i) {
                let next = i + 1
                // After "name is" / "name's" a lower-case name is still a name ("her name is joan price").
                let strong = w == "is" || w == "name's" || w == "names"
                let chat = !strong && doc.lineIsLowerCase(i) && t[i].word.contains(.chatIntro)
                if let m = parseName(doc, at: next, anyCase: strong || chat, allowTitle: true, strong: strong, chat: chat),
                   !chat || m.words <= 3 {
                    add(m, conf, "intro")
                }
            }
            // "it's X here" / "this is X speaking" / lower-case "this is wang fang i emailed"
            if t[i].word.contains(.its) || (w == "is" && i > 0 && t[i - 1].lower == "this") {
                let chat = doc.lineIsLowerCase(i)
                if let m = parseName(doc, at: i + 1, anyCase: chat, allowTitle: true, chat: chat), m.next <= t.count {
                    let anchor = m.next < t.count && t[m.next].word.contains(.introHereAnchor)
                    let thisIs = w == "is" && (m.next >= t.count || t[m.next].newlineBefore || t[m.next].kind == .punct
                        || t[m.next].word.contains(.thisIsFollow))
                    if anchor || thisIs && (!chat || m.words <= 3) { add(m, 0.85, "intro-here") }
                }
            }
            // Relatives and neighbours: "my mum Joan Price", "my neighbour, Mr Patel".
            // (One or two describing words may come between: "my elderly father, Wojciech Nowicki".)
            if t[i].word.contains(.relation), i > 0, t[i - 1].word.contains(.possessive)
                || (i > 1 && t[i - 1].kind == .word && !t[i - 1].startsUpperToken && t[i - 2].word.contains(.possessive) && t[i - 2].lower != "the")
                || (i > 2 && t[i - 1].kind == .word && t[i - 2].kind == .word && !t[i - 1].startsUpperToken && t[i - 3].word.contains(.possessive) && t[i - 3].lower != "the") {
                var k = i + 1
                if doc.isPunct(k, ",") { k += 1 }
                if k < t.count, t[k].word.contains(.relationLink) { k += 1 }
                let chat = doc.lineIsLowerCase(i)
                if let m = parseName(doc, at: k, anyCase: chat, allowTitle: true, chat: chat), !chat || m.words <= 2 { add(m, 0.85, "relative") }
            }
            // Sign-offs: "Thanks, Priya Shah", "Kind regards,\nAngela".
            if t[i].word.contains(.signOffFirst), doc.startsSentence(i) {
                for phrase in Lexicon.signOffs where doc.tokens(at: i, match: phrase) {
                    var k = i + phrase.count
                    while k < t.count, t[k].isPunct(",") || t[k].isPunct("!") || t[k].isPunct(".") || t[k].isPunct("-") || t[k].isPunct("\u{2013}") { k += 1 }
                    guard k < t.count, let m = parseName(doc, at: k, anyCase: false, allowTitle: true) else { continue }
                    if endsLineOrClause(doc, m.next) { add(m, 0.85, "signoff") }
                }
            }
            // Staff in apposition: "The registrar at … Hall, Gwen, made …".
            if doc.isPunct(i, ","), i + 1 < t.count, !t[i + 1].newlineBefore,
               let m = parseName(doc, at: i + 1, anyCase: false), m.words <= 3,
               doc.isPunct(m.next, ",") || doc.isPunct(m.next, "(") || doc.isPunct(m.next, "-") || doc.isPunct(m.next, "\u{2013}"),
               Self.roleBefore(doc, i) {
                add(m, 0.8, "staff-apposition")
            }
            // "Gwen, the registrar, …" at a sentence start.
            if doc.startsSentence(i), let m = parseName(doc, at: i, anyCase: false), m.words <= 3, doc.isPunct(m.next, ","),
               m.next + 2 < t.count, t[m.next + 1].word.contains(.appositionDeterminer),
               t[m.next + 2].word.contains(.staffRole) || t[m.next + 2].word.contains(.relation) {
                add(m, 0.8, "name-apposition")
            }
        }
        out += lastLineNames(doc)
        return out
    }

    /// Confidence when the tokens ending at `i` introduce a name that follows them.
    static func introConfidence(_ doc: Document, endingAt i: Int) -> Double? {
        let t = doc.tokens
        let w = t[i].lower
        switch w {
        case "is":
            if doc.tokens(endingAt: i, match: ["name", "is"]) != nil || doc.tokens(endingAt: i, match: ["names", "is"]) != nil { return 0.9 }
        case "name's", "names":
            if i > 0, t[i - 1].word.contains(.possessive) || t[i - 1].lower.hasSuffix("'s") { return 0.9 }
        case "i'm", "im":
            return 0.8
        case "am":
            if i > 0, t[i - 1].lower == "i" { return 0.8 }
        case "called", "named":
            return 0.8
        case "as":
            if doc.tokens(endingAt: i, match: ["known", "as"]) != nil { return 0.75 }
        case "of":
            if doc.tokens(endingAt: i, match: ["behalf", "of"]) != nil { return 0.8 }
        case "for":
            if i > 0, t[i - 1].word.contains(.careFor) { return 0.8 }
        case "me":
            if doc.tokens(endingAt: i, match: ["call", "me"]) != nil { return 0.75 }
        case "caller", "customer", "resident", "client", "applicant", "complainant":
            // "Caller Mr Owen Davies said" but not "Caller: …" or "caller asked".
            if i + 1 < t.count, t[i + 1].kind == .word, t[i].startsUpperToken || (i > 0 && t[i - 1].lower == "the") { return 0.85 }
        case "to", "with":
            if i > 0, t[i - 1].word.contains(.spokeTo) { return 0.8 }
            if i > 1, t[i - 1].lower == "you", t[i - 2].word.contains(.thank) { return 0.8 }
        case "thank":
            return 0.8
        case "dear", "hi", "hello", "hiya":
            return 0.8
        default:
            break
        }
        return nil
    }

    /// Whether the clause before the comma at token `comma` names a staff role.
    static func roleBefore(_ doc: Document, _ comma: Int) -> Bool {
        let t = doc.tokens
        var k = comma - 1
        var seen = 0
        while k >= 0, seen < 10 {
            if t[k].kind == .punct, t[k].first == "." || t[k].first == "!" || t[k].first == "?" || t[k].first == "," || t[k].first == ":" || t[k].first == ";" { break }
            if t[k].word.contains(.staffRole) { return true }
            if t[k].newlineBefore { break }
            k -= 1
            seen += 1
        }
        return false
    }

    /// Whether token `k` ends a form field value: end of line, end of text, or punctuation.
    func endsField(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        return k >= t.count || t[k].newlineBefore || t[k].kind == .punct
            || (k + 1 < t.count && doc.isPunct(k + 1, ":"))
    }

    /// Whether token `k` ends a sign-off name: end of line or text, or punctuation.
    func endsLineOrClause(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        return k >= t.count || t[k].newlineBefore || t[k].kind == .punct
    }

    /// Names on the last non-empty line of a multi-line text, joined by "&", "and" or ",":
    /// "Tom & Ellie", "R. Singh".
    func lastLineNames(_ doc: Document) -> [Candidate] {
        let t = doc.tokens
        guard let lastStart = t.indices.last(where: { doc.startsLine($0) }), lastStart > 0 else { return [] }
        var found: [NameMatch] = []
        var k = lastStart
        while k < t.count {
            guard let m = parseName(doc, at: k, anyCase: false, allowTitle: true), m.words <= 4 else { return [] }
            found.append(m)
            k = m.next
            if k >= t.count { break }
            if t[k].isPunct("&") || t[k].isPunct("+") || t[k].word.contains(.and) || t[k].isPunct(",") {
                k += 1
                continue
            }
            if t[k].isPunct(".") || t[k].isPunct("!"), k + 1 == t.count { break }
            return []
        }
        // Need a body before: at least one earlier line with several words.
        guard lastStart >= 4 else { return [] }
        return found.map { Candidate(type: .person, start: $0.start, end: $0.end, confidence: 0.75, rule: "last-line") }
    }

    /// A name starting at token `i`: optional title, then up to four name words (initials such
    /// as "R." and particles such as "de" allowed inside), all on one line. `anyCase` accepts
    /// lower-case words (form fields). `strong` (a form field, "my name is") lets through words
    /// that are also common words ("May", "Jan", "Will"); `chat` (a lower-case chat line) also
    /// stops at common chat words and at words shaped like verbs or adverbs.
    func parseName(_ doc: Document, at i: Int, anyCase: Bool, allowTitle: Bool = false, strong: Bool = false, chat: Bool = false) -> NameMatch? {
        let t = doc.tokens
        guard i >= 0, i < t.count else { return nil }
        var k = i
        var start = t[i].start
        var words = 0
        if allowTitle, t[k].kind == .word, t[k].startsUpperToken || anyCase, t[k].word.contains(.title) {
            k += doc.isPunct(k + 1, ".") && doc.isAttached(k + 1) ? 2 : 1
            words += 1
        }
        var end = start
        var names = 0
        func particleRun(_ k: Int) -> Int? {
            // "de la Cruz", "van der Berg", "ap Dafydd": particles only when a name word follows them.
            var p = k
            while p < t.count, !t[p].newlineBefore || p == k, p - k < 3, t[p].word.contains(.particle) { p += 1 }
            if p > k, p < t.count, !t[p].newlineBefore, isNameWord(t[p], anyCase: anyCase, strong: strong, chat: chat) { return p }
            return nil
        }
        while k < t.count, names < 4 {
            if k > i && t[k].newlineBefore { break }
            let tok = t[k]
            guard tok.kind == .word else { break }
            if tok.word.contains(.particle), names > 0 || words > 0
                || (k > 0 && (t[k - 1].word.contains(.title) || doc.isPunct(k - 1, ".") && k > 1 && t[k - 2].word.contains(.title))) {
                if let p = particleRun(k) { k = p; continue }
                if names == 0 { return nil }
                break
            }
            // Initial: "R." or a lone capital before another name word ("J Smith", "Ó Briain").
            let single = tok.end - tok.start == 1
            if single {
                guard tok.startsUpperToken, tok.lower != "i" || anyCase && !chat else { break }
                if doc.isPunct(k + 1, "."), doc.isAttached(k + 1) {
                    if k + 2 < t.count, !t[k + 2].newlineBefore, isNameWord(t[k + 2], anyCase: anyCase, strong: strong, chat: chat) || particleRun(k + 2) != nil {
                        k += 2; names += 1; end = t[k - 1].end; continue
                    }
                    end = tok.end; k += 1; names += 1
                    break
                }
                if k + 1 < t.count, !t[k + 1].newlineBefore, isNameWord(t[k + 1], anyCase: anyCase, strong: strong, chat: chat) {
                    k += 1; names += 1; end = tok.end; continue
                }
                if names > 0 { end = tok.end; k += 1; names += 1 }
                break
            }
            guard isNameWord(tok, anyCase: anyCase, strong: strong, chat: chat) else { break }
            if tok.possessiveS {
                end = tok.end - 2; k += 1; names += 1
                break
            }
            end = tok.end
            k += 1
            names += 1
        }
        guard names > 0 else { return nil }
        if words > 0 { start = t[i].start }
        return NameMatch(start: start, end: end, next: k, words: names)
    }

    /// A word that may be part of a name: capitalised (unless `anyCase`), letters only,
    /// and not a known non-name word.
    func isNameWord(_ tok: Token, anyCase: Bool, strong: Bool = false, chat: Bool = false) -> Bool {
        guard tok.kind == .word, tok.nameShape else { return false }
        guard anyCase || tok.startsUpperToken else { return false }
        if tok.stem.contains(strong ? .notNameStrong : .notName) { return false }
        if chat {
            var lower = tok.lower
            if tok.possessiveS { lower.removeLast(2) }
            if tok.stem.contains(.chatWord) { return false }
            let n = lower.count
            if n > 4, lower.hasSuffix("ing") || lower.hasSuffix("ed") || lower.hasSuffix("ly") { return false }
            if lower.contains("'") && !(lower.hasPrefix("o'") || lower.hasPrefix("d'")) { return false }
        }
        if !anyCase, tok.charCount > 3, tok.allCaps { return false } // SHOUTING, acronyms
        if !anyCase, tok.charCount <= 3, tok.allCaps, tok.charCount > 1 { return false } // NHS, UK, FOI
        return true
    }

    /// The index of the colon (or dash) ending a name-field label that starts at token `i`:
    /// up to eight words on one line containing "name", "surname" or "forename" and nothing
    /// that makes it the name of a place or thing ("School name:", "Road name:").
    static func nameFieldColon(_ doc: Document, at i: Int) -> Int? {
        let t = doc.tokens
        var k = i
        var hasName = false
        while k < t.count, k - i <= 8 {
            if k > i && t[k].newlineBefore { return nil }
            if t[k].kind == .punct {
                let c = t[k].first
                if (c == ":" || c == "-" && t[k].spaceBefore) && k > i { return hasName ? k : nil }
                if c == "'" || c == "(" || c == ")" || c == "/" { k += 1; continue }
                return nil
            }
            if t[k].stem.contains(.nameLabel) { hasName = true }
            if t[k].stem.contains(.nonPersonLabel) { return nil }
            k += 1
        }
        return nil
    }

    /// Whether the last non-empty line before token `i` asks for a name ("Can I take your name?").
    static func previousLineAsksName(_ doc: Document, before i: Int) -> Bool {
        let t = doc.tokens
        var k = i - 1
        var sawQuestion = false
        var sawName = false
        while k >= 0 {
            if t[k].isPunct("?") { sawQuestion = true }
            if t[k].word.contains(.asksName) { sawName = true }
            if doc.startsLine(k) { break }
            k -= 1
        }
        return sawQuestion && sawName
    }
}

extension Document {
    /// Whether the line holding token `i` has no upper-case letter (a lower-case chat line).
    func lineIsLowerCase(_ i: Int) -> Bool { lowerCaseLine[i] }
}

