import Synchronization
/// One element of a cue pattern.
enum PatternElement: Sendable, Hashable {
    /// A normalised word; matches a token having it among its forms (so plurals and
    /// possessives match the singular, and a one-edit typo matches the word).
    case word(String)
    /// `neglect*`: any form starting with the prefix.
    case prefix(String)
    /// `=SEND`: the token exactly as written (for acronyms that are also common words).
    case exactCase(String)
    /// `^Rock`: the word, written with a capital (for place names that are also common words).
    case capitalized(String)
    /// `~` or `~N`: skip 0...N tokens of the same clause (default 3).
    case gap(Int)
}

/// A cue pattern compiled once from a small text form, e.g. `"could ~ fix"`, `"neglect*"`,
/// `"haven't seen ~ for ~ days"`. Words are normalised like text tokens.
struct Pattern: Sendable, Hashable {
    let elements: [PatternElement]
    let source: String

    init(_ source: String) {
        self.source = source
        var elements: [PatternElement] = []
        for raw in source.split(separator: " ") {
            if raw.first == "~" {
                elements.append(.gap(Int(raw.dropFirst()) ?? 3))
            } else if raw.first == "=" {
                elements.append(.exactCase(String(raw.dropFirst())))
            } else if raw.first == "^" {
                elements.append(.capitalized(String(raw.dropFirst()).lowercased()))
            } else if raw.last == "*" {
                elements.append(.prefix(Pattern.normalise(raw.dropLast()).joined()))
            } else {
                for part in Pattern.normalise(raw) { elements.append(.word(part)) }
            }
        }
        self.elements = elements
    }

    /// Lower-cases, drops apostrophes, splits on hyphens (like the tokenizer does).
    static func normalise(_ word: Substring) -> [String] {
        let lower = word.lowercased().filter { $0 != "'" && $0 != "\u{2019}" }
        return lower.split(separator: "-").map(String.init).map { $0 == "&" ? "and" : $0 }
    }

    /// Number of words (not gaps): the match length used for longest-match selection.
    var wordCount: Int { elements.filter { if case .gap = $0 { false } else { true } }.count }

    /// The lower-case word a token must have among its forms to start a match; `nil` for a prefix or gap.
    var firstWord: String? {
        switch elements.first {
        case .word(let w), .capitalized(let w): w
        case .exactCase(let w): w.lowercased()
        default: nil
        }
    }

    /// All plain words, for the typo vocabulary.
    var words: [String] {
        elements.compactMap {
            switch $0 {
            case .word(let w), .capitalized(let w): w
            default: nil
            }
        }
    }
}

/// A cue: a pattern, the label it is evidence for, and how strongly.
struct Cue<Label: Sendable>: Sendable {
    let pattern: Pattern
    let label: Label
    let weight: Double
}

/// A cue found in a document.
struct CueMatch<Label: Sendable>: Sendable {
    let cue: Cue<Label>
    /// Token positions of the pattern's words (gaps excluded), ascending.
    let positions: [Int]
    /// A negation ("not", "isn't", "no", …) precedes the cue in its clause.
    let negated: Bool

    var start: Int { positions[0] }

    /// The words that matched, as normalised text (for evidence; no other text).
    func words(in document: Document) -> String {
        var words = ""
        for (i, p) in positions.enumerated() {
            if i > 0 { words += " " }
            words += document.tokens[p].text
        }
        return words
    }
}

/// Words that negate the cue after them in the same clause (built once: `Lexicon` is generic).
private let negatorWords: Set<String> = [
    "not", "no", "never", "isnt", "wasnt", "dont", "doesnt", "didnt", "arent", "werent", "without", "nothing", "hardly", "cant", "wont", "neither", "nor",
]

/// A pattern element compiled for matching tokens by `WordKey` (ASCII words) instead of by `String`.
/// Strings are held by index into the lexicon's `strings`, so copying an element retains nothing.
enum CompiledElement: Sendable {
    /// An ASCII word's key and the word.
    case word(UInt64, Int32)
    /// A word that is not ASCII: compared as a `String`.
    case slowWord(Int32)
    /// A prefix; `ascii` says its bytes can be compared directly.
    case prefix(Int32, ascii: Bool)
    case exactCase(Int32)
    /// `key` is nil for a word that is not ASCII.
    case capitalized(UInt64?, Int32)
    case gap(Int)

    /// `element` compiled; its string is appended to `strings`.
    init(_ element: PatternElement, strings: inout [String]) {
        func add(_ s: String) -> Int32 { strings.append(s); return Int32(strings.count - 1) }
        switch element {
        case .word(let w): self = WordKey.key(w).map { .word($0, add(w)) } ?? .slowWord(add(w))
        case .prefix(let p): self = .prefix(add(p), ascii: WordKey.key(p) != nil)
        case .exactCase(let w): self = .exactCase(add(w))
        case .capitalized(let w): self = .capitalized(WordKey.key(w), add(w))
        case .gap(let n): self = .gap(n)
        }
    }
}

/// A cue of a first-word group with its first two `WordPresence` bits of later words inline (-1: none):
/// trying a group's cues reads their bits in order, not through `requiredStart` and `requiredBits`.
private struct GroupCue: Sendable {
    let cue: Int32
    let bit0: Int16
    let bit1: Int16
}

/// A list of cues indexed by first word, matched with longest-match-wins.
///
/// Matching works on each token's `formKeys`: one probe of an open-addressing table per form finds
/// the cues starting there, and pattern words are compared by key (then by string). Tokens with a
/// non-ASCII form take the original `String` path, which gives the same matches.
final class Lexicon<Label: Sendable>: Sendable {
    let cues: [Cue<Label>]
    private let byFirstWord: [String: [Int]]
    private let unindexed: [Int]
    /// Whether a preceding negation is detected (kind cues) or ignored (safeguarding, services).
    let detectsNegation: Bool

    /// Every cue's elements, flattened; cue `c` has `elements[elementStart[c]..<elementStart[c + 1]]`.
    private let elements: [CompiledElement]
    /// The words and prefixes the elements refer to.
    private let strings: [String]
    private let elementStart: [Int]
    /// `Pattern.wordCount` of each cue.
    private let wordCounts: [Int]
    /// ASCII first word -> index into `groupStart`; the group's cues are `groupCues[groupStart[g]..<groupStart[g + 1]]`.
    private let firstWordTable: WordTable
    private let groupStart: [Int]
    private let groupCues: [GroupCue]
    /// Cues tried at every token on the key path: unindexed ones and those whose first word is not ASCII.
    /// `firstByte` (an ASCII prefix's first byte) rules a token out early when no form starts with it;
    /// `firstWord` (a first word that is not ASCII) must be among the token's forms, as in `byFirstWord`.
    private let alwaysTried: [(cue: Int, firstByte: UInt8?, firstWord: String?)]
    /// Whether each cue's first element is a word a negator starts (`isNegated` returns false).
    private let startsWithNegator: [Bool]
    /// `WordPresence` bits of the ASCII words after each cue's first element: cue `c` has
    /// `requiredBits[requiredStart[c]..<requiredStart[c + 1]]`. A cue with a bit absent from the
    /// document cannot match anywhere in it.
    private let requiredBits: [Int]
    private let requiredStart: [Int]
    /// A 16384-bit filter over the keys in `firstWordTable` (bit `Lexicon.filterBit(key)`): most
    /// forms start no cue of a lexicon, and the filter, small enough to stay in cache, says so
    /// without probing the table.
    private let firstWordFilter: [UInt64]

    init(_ entries: [(String, Label, Double)], detectsNegation: Bool = false) {
        cues = entries.map { Cue(pattern: Pattern($0.0), label: $0.1, weight: $0.2) }
        var byFirstWord: [String: [Int]] = [:]
        var unindexed: [Int] = []
        for (i, cue) in cues.enumerated() {
            if let w = cue.pattern.firstWord { byFirstWord[w, default: []].append(i) } else { unindexed.append(i) }
        }
        self.byFirstWord = byFirstWord
        self.unindexed = unindexed
        self.detectsNegation = detectsNegation

        var elements: [CompiledElement] = []
        var strings: [String] = []
        var elementStart: [Int] = []
        for cue in cues {
            elementStart.append(elements.count)
            for element in cue.pattern.elements { elements.append(CompiledElement(element, strings: &strings)) }
        }
        elementStart.append(elements.count)
        var requiredBits: [Int] = []
        var requiredStart: [Int] = []
        for c in cues.indices {
            requiredStart.append(requiredBits.count)
            for e in elements[elementStart[c]..<elementStart[c + 1]].dropFirst() {
                switch e {
                case .word(let key, _), .capitalized(let key?, _): requiredBits.append(WordPresence.bit(key))
                default: break
                }
            }
        }
        requiredStart.append(requiredBits.count)
        self.requiredBits = requiredBits
        self.requiredStart = requiredStart
        self.elements = elements
        self.strings = strings
        self.elementStart = elementStart
        wordCounts = cues.map(\.pattern.wordCount)
        startsWithNegator = cues.map {
            if case .word(let first) = $0.pattern.elements.first { negatorWords.contains(first) } else { false }
        }

        var entries: [(word: String, key: UInt64, value: Int32)] = []
        var groupStart: [Int] = []
        var groupCues: [GroupCue] = []
        /// Cue `c` with its first two required bits.
        func groupCue(_ c: Int) -> GroupCue {
            let r = requiredStart[c], end = requiredStart[c + 1]
            return GroupCue(cue: Int32(c), bit0: r < end ? Int16(requiredBits[r]) : -1, bit1: r + 1 < end ? Int16(requiredBits[r + 1]) : -1)
        }
        var alwaysTried: [(cue: Int, firstByte: UInt8?, firstWord: String?)] = []
        // Groups in order of first appearance, so that the table is deterministic.
        var seen = Set<String>()
        for cue in cues {
            guard let w = cue.pattern.firstWord, !seen.contains(w) else { continue }
            seen.insert(w)
            let list = byFirstWord[w]!
            if let key = WordKey.key(w) {
                entries.append((w, key, Int32(groupStart.count)))
                groupStart.append(groupCues.count)
                groupCues += list.map(groupCue)
            } else {
                alwaysTried += list.map { ($0, nil, w) }
            }
        }
        groupStart.append(groupCues.count)
        for c in unindexed {
            var firstByte: UInt8? = nil
            if case .prefix(let p)? = cues[c].pattern.elements.first, WordKey.key(p) != nil { firstByte = p.utf8.first }
            alwaysTried.append((c, firstByte, nil))
        }
        alwaysTried.sort { $0.cue < $1.cue }
        firstWordTable = WordTable(entries)
        var filter = [UInt64](repeating: 0, count: 256)
        for e in entries {
            let bit = Lexicon.filterBit(e.key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        firstWordFilter = filter
        self.groupStart = groupStart
        self.groupCues = groupCues
        self.alwaysTried = alwaysTried
    }

    /// The `firstWordFilter` bit of a word key (top fourteen bits of a multiplicative mix).
    @inline(__always) private static func filterBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 50)
    }

    /// Words that negate the cue after them in the same clause.
    static var negators: Set<String> { negatorWords }

    /// Every cue found, overlapping matches resolved: the cue with more words wins a shared
    /// token, then the earlier, then the one listed first. Results are in text order.
    func matches(in document: Document) -> [CueMatch<Label>] {
        let tokens = document.tokens
        var found: [(cue: Int, positions: [Int])] = []
        // Allocated when the first cue is tried, not on every call.
        var path: [Int] = []
        tokens.withUnsafeBufferPointer { tokens in
            elements.withUnsafeBufferPointer { elements in
                strings.withUnsafeBufferPointer { strings in
                    document.presence.withBits { presence in
                        collect(tokens, elements, strings, presence, found: &found, path: &path)
                    }
                }
            }
        }
        guard !found.isEmpty else { return [] }
        if found.count > 1 {
            found.sort { a, b in
                let la = wordCounts[a.cue], lb = wordCounts[b.cue]
                if la != lb { return la > lb }
                if a.positions[0] != b.positions[0] { return a.positions[0] < b.positions[0] }
                return a.cue < b.cue
            }
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var accepted: [CueMatch<Label>] = []
        for f in found where f.positions.allSatisfy({ !taken[$0] }) {
            for p in f.positions { taken[p] = true }
            accepted.append(CueMatch(cue: cues[f.cue], positions: f.positions,
                                     negated: detectsNegation && !startsWithNegator[f.cue] && isNegated(f.positions[0], in: tokens)))
        }
        if accepted.count > 1 {
            accepted.sort { ($0.start, $0.positions.count) < ($1.start, $1.positions.count) }
        }
        return accepted
    }

    /// The cues starting at each token (`matches(in:)` before overlaps are resolved), appended to `found`.
    /// `found` and `path` are parameters, not variables captured by the closures around the call: a
    /// captured variable is boxed, and every access to it is checked for exclusivity at run time.
    private func collect(_ tokens: UnsafeBufferPointer<Token>, _ elements: UnsafeBufferPointer<CompiledElement>,
                         _ strings: UnsafeBufferPointer<String>, _ presence: UnsafeBufferPointer<UInt64>,
                         found: inout [(cue: Int, positions: [Int])], path: inout [Int]) {
        /// Matches cue `c` at token `i` (unless a later word of it is absent from the document);
        /// the first `checked` of its required bits are known to be present.
        func attempt(_ c: Int, at i: Int, checked: Int) {
            var r = requiredStart[c] + checked
            let end = requiredStart[c + 1]
            while r < end {
                let b = requiredBits[r]
                if presence[b >> 6] & (UInt64(1) << UInt64(b & 63)) == 0 { return }
                r += 1
            }
            path.removeAll(keepingCapacity: true)
            let pattern = UnsafeBufferPointer(rebasing: elements[elementStart[c]..<elementStart[c + 1]])
            if Lexicon.match(pattern, 0, from: i, clause: tokens[i].clause, in: tokens, strings: strings, path: &path) {
                found.append((c, path))
            }
        }
        for i in tokens.indices {
            // Cues starting with any form of this token, each once (the order does not
            // matter: `matches(in:)` sorts `found` by a total order). Distinct first words
            // have distinct groups, and `alwaysTried` shares no cue with a group.
            let keys = tokens[i].formKeys
            if keys.count > 0 {
                // The keys read from memory (indexing the vector by a variable copies it out at every read).
                withUnsafeBytes(of: keys.lanes) { lanes in
                    @inline(__always) func lane(_ k: Int) -> UInt64 { lanes.load(fromByteOffset: k &* 8, as: UInt64.self) }
                    for k in 0..<keys.count {
                        let key = lane(k)
                        let bit = Lexicon.filterBit(key)
                        if firstWordFilter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { continue }
                        // A form repeated ("mums": "mum" as possessive base and singular) adds nothing.
                        var repeated = false
                        for j in 0..<k where lane(j) == key && tokens[i].form(j) == tokens[i].form(k) { repeated = true; break }
                        if repeated { continue }
                        let g = Int(firstWordTable.value(key, tokens[i].form(k)))
                        if g >= 0 {
                            for n in groupStart[g]..<groupStart[g + 1] {
                                let entry = groupCues[n]
                                var checked = 0
                                if entry.bit0 >= 0 {
                                    let b = Int(entry.bit0)
                                    if presence[b >> 6] & (UInt64(1) << UInt64(b & 63)) == 0 { continue }
                                    checked = 1
                                    if entry.bit1 >= 0 {
                                        let b = Int(entry.bit1)
                                        if presence[b >> 6] & (UInt64(1) << UInt64(b & 63)) == 0 { continue }
                                        checked = 2
                                    }
                                }
                                attempt(Int(entry.cue), at: i, checked: checked)
                            }
                        }
                    }
                }
                for (c, firstByte, firstWord) in alwaysTried {
                    if let b = firstByte, !(keys.someForm(startsWith: b) ?? tokens[i].hasForm(where: { $0.utf8.first == b })) { continue }
                    if let w = firstWord, !tokens[i].hasForm(w) { continue }
                    attempt(c, at: i, checked: 0)
                }
            } else {
                var candidates: [Int] = []
                for form in tokens[i].forms {
                    guard let list = byFirstWord[form] else { continue }
                    for c in list where !candidates.contains(c) { candidates.append(c) }
                }
                candidates += unindexed
                for c in candidates { attempt(c, at: i, checked: 0) }
            }
        }
    }

    /// Whether a negator precedes `start` (up to three tokens back) in its clause.
    private func isNegated(_ start: Int, in tokens: [Token]) -> Bool {
        let clause = tokens[start].clause
        var j = start - 1
        while j >= 0, j >= start - 3, tokens[j].clause == clause {
            if negatorWords.contains(tokens[j].text) { return true }
            j -= 1
        }
        return false
    }

    /// Whether some form of `token` is `word` (whose key is `key`).
    @inline(__always) private static func hasForm(_ token: UnsafePointer<Token>, _ key: UInt64, _ word: String) -> Bool {
        let keys = token.pointee.formKeys
        if keys.count == 0 { return token.pointee.hasForm(word) }
        for k in 0..<keys.count where keys.lanes[k] == key {
            if token.pointee.form(k) == word { return true }
        }
        return false
    }

    /// Whether `element` matches the token at `token` (read in place: no copy of the token).
    private static func matches(_ element: CompiledElement, _ token: UnsafePointer<Token>, _ strings: UnsafeBufferPointer<String>) -> Bool {
        switch element {
        case .word(let key, let w): return hasForm(token, key, strings[Int(w)])
        case .slowWord(let w): return token.pointee.hasForm(strings[Int(w)])
        case .prefix(let p, let ascii):
            if ascii, token.pointee.formKeys.count > 0 {
                // ASCII strings: `hasPrefix` is a byte comparison.
                let pu = strings[Int(p)].utf8
                return token.pointee.hasForm { $0.utf8.starts(with: pu) }
            }
            return token.pointee.hasForm { $0.hasPrefix(strings[Int(p)]) }
        case .exactCase(let w): return token.pointee.original == strings[Int(w)]
        case .capitalized(let key, let w):
            let has = key.map { hasForm(token, $0, strings[Int(w)]) } ?? token.pointee.hasForm(strings[Int(w)])
            return has && (token.pointee.original.first?.isUppercase ?? false)
        case .gap: return false
        }
    }

    /// Matches elements[e...] at token t; every word and gap stays in the first word's clause; gaps are lazy.
    /// On success `path` holds the matched word positions.
    private static func match(_ elements: UnsafeBufferPointer<CompiledElement>, _ e: Int, from t: Int, clause: Int,
                              in tokens: UnsafeBufferPointer<Token>, strings: UnsafeBufferPointer<String>, path: inout [Int]) -> Bool {
        if e == elements.count { return true }
        if case .gap(let n) = elements[e] {
            var skip = 0
            let depth = path.count
            while skip <= n, t + skip < tokens.count, tokens[t + skip].clause == clause {
                if match(elements, e + 1, from: t + skip, clause: clause, in: tokens, strings: strings, path: &path) { return true }
                path.removeSubrange(depth...)
                skip += 1
            }
            return false
        }
        guard t < tokens.count, tokens[t].clause == clause, matches(elements[e], tokens.baseAddress! + t, strings) else { return false }
        path.append(t)
        return match(elements, e + 1, from: t + 1, clause: clause, in: tokens, strings: strings, path: &path)
    }
}

/// Every word the lexicons know, used to correct one-edit typos ("potholle", "kiddermister").
struct Vocabulary: Sendable {
    /// Every word (also what the equivalence tests rebuild the old corrector from).
    let words: Set<String>
    private let byFirstLetter: [Character: [String]]
    /// Every word long enough for correction, under each of its one-letter deletions and itself:
    /// the candidates one edit from a typo are found by a few lookups instead of a scan.
    private let byDeletion: [String: [String]]
    /// Typo correction is tried only for unknown words at least this long.
    static let minimumTypoLength = 6

    /// `words` by `WordKey` when every word is ASCII (else `nil`: the set is asked).
    private let wordTable: WordTable?

    init<S: Sequence>(_ words: S) where S.Element == String {
        let set = Set(words)
        self.words = set
        var entries: [(word: String, key: UInt64, value: Int32)] = []
        for w in set.sorted() {
            guard let key = WordKey.key(w) else { break }
            entries.append((w, key, 0))
        }
        wordTable = entries.count == set.count ? WordTable(entries) : nil
        var byFirst: [Character: [String]] = [:]
        for w in set.sorted() where w.count >= Vocabulary.minimumTypoLength - 1 {
            if let f = w.first { byFirst[f, default: []].append(w) }
        }
        byFirstLetter = byFirst
        var byDeletion: [String: [String]] = [:]
        for w in set.sorted() where w.count >= Vocabulary.minimumTypoLength - 1 {
            for key in Vocabulary.deletions(of: w) + [w] where !(byDeletion[key]?.contains(w) ?? false) {
                byDeletion[key, default: []].append(w)
            }
        }
        self.byDeletion = byDeletion
    }

    /// The word with each one letter removed.
    static func deletions(of word: String) -> [String] {
        let chars = Array(word)
        return chars.indices.map { i in String(chars[..<i] + chars[(i + 1)...]) }
    }

    /// The forms a token may match: itself, its possessive base, singular forms, and a typo correction.
    func forms(of text: String, possessiveBase: String?) -> [String] {
        if let wordTable, let key = WordKey.key(text) {
            return asciiForms(of: text, key: key, possessiveBase: possessiveBase, wordTable)
        }
        var forms = [text]
        if let base = possessiveBase, base != text { forms.append(base) }
        if text.count > 3, text.hasSuffix("s"), !text.hasSuffix("ss") {
            if text.hasSuffix("ies") { forms.append(String(text.dropLast(3)) + "y") }
            if text.hasSuffix("es") { forms.append(String(text.dropLast(2))) }
            forms.append(String(text.dropLast()))
        }
        if text.count >= Vocabulary.minimumTypoLength,
           !forms.contains(where: words.contains),
           text.allSatisfy(\.isLetter),
           let correction = correction(for: text) {
            forms.append(correction)
        }
        return forms
    }

    /// `forms(of:possessiveBase:)` for an ASCII `text` (whose `WordKey` is `key`): the same forms, found
    /// on the bytes (one byte per `Character`) and by `WordKey` instead of by hashing `String`s.
    private func asciiForms(of text: String, key: UInt64, possessiveBase: String?, _ table: WordTable) -> [String] {
        var forms: [String] = []
        forms.reserveCapacity(4)
        forms.append(text)
        if let base = possessiveBase, base != text { forms.append(base) }
        let utf8 = text.utf8
        let n = utf8.count
        @inline(__always) func byte(fromEnd k: Int) -> UInt8 { utf8[utf8.index(utf8.endIndex, offsetBy: -k)] }
        if n > 3, byte(fromEnd: 1) == UInt8(ascii: "s"), byte(fromEnd: 2) != UInt8(ascii: "s") {
            if byte(fromEnd: 2) == UInt8(ascii: "e") {
                if byte(fromEnd: 3) == UInt8(ascii: "i") { forms.append(String(Substring(utf8.dropLast(3))) + "y") }
                forms.append(String(Substring(utf8.dropLast(2))))
            }
            forms.append(String(Substring(utf8.dropLast())))
        }
        guard n >= Vocabulary.minimumTypoLength else { return forms }
        // Known words are not corrected.
        if table.value(key, text) >= 0 { return forms }
        for form in forms.dropFirst() {
            if let k = WordKey.key(form) {
                if table.value(k, form) >= 0 { return forms }
            } else if words.contains(form) {
                return forms
            }
        }
        for b in utf8 where (b | 0x20) &- UInt8(ascii: "a") >= 26 { return forms }
        if let correction = correction(for: text) { forms.append(correction) }
        return forms
    }

    /// Whether every word is ASCII (then `asciiForms(of:text:possessiveBase:into:)` may be used).
    var hasWordTable: Bool { wordTable != nil }

    /// `forms(of: text, possessiveBase:)` after the first (which is `text`) and `WordKey.keys` of them all,
    /// for a word given by its lower-cased ASCII bytes `word` (`text` is the same word as a `String`;
    /// `possessiveBase`, when given, is `word` without its last byte). Keys come from the running FNV-1a
    /// hash of the bytes: a plural's form is a prefix of the word. Requires `hasWordTable`.
    func asciiForms(of word: UnsafeBufferPointer<UInt8>, text: String, possessiveBase: String?) -> (moreForms: [String], keys: FormKeys) {
        let table = wordTable!
        let n = word.count
        // h: the key of the whole word; h1, h2, h3: of the word without its last one, two, three bytes.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var h1 = h, h2 = h, h3 = h
        for i in 0..<n {
            if i == n - 1 { h1 = h } else if i == n - 2 { h2 = h } else if i == n - 3 { h3 = h }
            h = (h ^ UInt64(word[i])) &* 0x0000_0100_0000_01b3
        }
        var keys = FormKeys()
        // The forms after `text` (most words have none: the empty array allocates nothing); form k + 1 is more[k].
        var more: [String] = []
        keys.lanes[0] = h
        if let base = possessiveBase, base != text { keys.lanes[more.count + 1] = h1; more.append(base) }
        if n > 3, word[n - 1] == UInt8(ascii: "s"), word[n - 2] != UInt8(ascii: "s") {
            more.reserveCapacity(more.count + 3)
            if word[n - 2] == UInt8(ascii: "e") {
                if word[n - 3] == UInt8(ascii: "i") {
                    keys.lanes[more.count + 1] = (h3 ^ UInt64(UInt8(ascii: "y"))) &* 0x0000_0100_0000_01b3
                    more.append(String(decoding: UnsafeBufferPointer(rebasing: word[..<(n - 3)]), as: UTF8.self) + "y")
                }
                keys.lanes[more.count + 1] = h2
                more.append(String(decoding: UnsafeBufferPointer(rebasing: word[..<(n - 2)]), as: UTF8.self))
            }
            keys.lanes[more.count + 1] = h1
            more.append(String(decoding: UnsafeBufferPointer(rebasing: word[..<(n - 1)]), as: UTF8.self))
        }
        if n >= Vocabulary.minimumTypoLength {
            // Known words (and words with a known form) are not corrected, nor words with a digit.
            var known = table.value(h, text) >= 0
            if !known {
                for k in more.indices where table.value(keys.lanes[k + 1], more[k]) >= 0 { known = true; break }
            }
            if !known {
                var letters = true
                for b in word where (b | 0x20) &- UInt8(ascii: "a") >= 26 { letters = false; break }
                if letters, let correction = correction(for: text) {
                    keys.lanes[more.count + 1] = WordKey.key(correction)!
                    more.append(correction)
                }
            }
        }
        keys.count = more.count + 1
        keys.initials = FormKeys.initials(of: text, more)
        return (more, keys)
    }

    /// The first known word (alphabetically) one insertion, deletion, substitution or
    /// transposition away, sharing the first letter.
    private func correction(for text: String) -> String? {
        if let cached = Vocabulary.corrections.withLock({ $0[text] }) { return cached }
        let result = computeCorrection(for: text)
        Vocabulary.corrections.withLock { cache in
            if cache.count >= Vocabulary.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[text] = .some(result)
        }
        return result
    }

    /// Corrections already worked out (unknown words recur: names, places, common misspellings),
    /// shared by every classifier in the process; emptied when it reaches `cacheLimit` entries.
    private static let corrections = Mutex<[String: String?]>([:])
    static let cacheLimit = 50_000

    private func computeCorrection(for text: String) -> String? {
        guard let first = text.first else { return nil }
        // A candidate one edit away shares the text (candidate has one letter more), one of the
        // text's deletions (one letter less, or a substitution/transposition), under its own keys.
        var candidates: [String] = byDeletion[text] ?? []
        for key in Vocabulary.deletions(of: text) {
            if let list = byDeletion[key] { candidates += list }
        }
        let t = Array(text)
        var best: String? = nil
        for candidate in candidates where candidate.first == first && (best == nil || candidate < best!) {
            if Vocabulary.isOneEditAway(t, Array(candidate)) { best = candidate }
        }
        return best
    }

    /// Optimal-string-alignment distance == 1 (not 0).
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
