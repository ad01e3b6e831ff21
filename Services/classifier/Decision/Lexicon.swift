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
        positions.map { document.tokens[$0].text }.joined(separator: " ")
    }
}

/// A list of cues indexed by first word, matched with longest-match-wins.
struct Lexicon<Label: Sendable>: Sendable {
    let cues: [Cue<Label>]
    private let byFirstWord: [String: [Int]]
    private let unindexed: [Int]
    /// Whether a preceding negation is detected (kind cues) or ignored (safeguarding, services).
    let detectsNegation: Bool

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
    }

    /// Words that negate the cue after them in the same clause.
    static var negators: Set<String> {
        ["not", "no", "never", "isnt", "wasnt", "dont", "doesnt", "didnt", "arent", "werent", "without", "nothing", "hardly", "cant", "wont", "neither", "nor"]
    }

    /// Every cue found, overlapping matches resolved: the cue with more words wins a shared
    /// token, then the earlier, then the one listed first. Results are in text order.
    func matches(in document: Document) -> [CueMatch<Label>] {
        let tokens = document.tokens
        var found: [(cue: Int, positions: [Int])] = []
        var candidates: [Int] = []
        var path: [Int] = []
        for i in tokens.indices {
            // Cues starting with any form of this token, each once (forms are few: a linear check beats a Set).
            candidates.removeAll(keepingCapacity: true)
            for form in tokens[i].forms {
                guard let list = byFirstWord[form] else { continue }
                for c in list where !candidates.contains(c) { candidates.append(c) }
            }
            candidates += unindexed
            for c in candidates {
                path.removeAll(keepingCapacity: true)
                if Lexicon.match(cues[c].pattern.elements, 0, from: i, clause: tokens[i].clause, in: tokens, path: &path) {
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
        var accepted: [CueMatch<Label>] = []
        for f in found where f.positions.allSatisfy({ !taken.contains($0) }) {
            taken.formUnion(f.positions)
            accepted.append(CueMatch(cue: cues[f.cue], positions: f.positions, negated: detectsNegation && isNegated(f.positions[0], cue: cues[f.cue], in: tokens)))
        }
        accepted.sort { ($0.start, $0.positions.count) < ($1.start, $1.positions.count) }
        return accepted
    }

    private func isNegated(_ start: Int, cue: Cue<Label>, in tokens: [Token]) -> Bool {
        if case .word(let first) = cue.pattern.elements.first, Lexicon.negators.contains(first) { return false }
        let clause = tokens[start].clause
        var j = start - 1
        while j >= 0, j >= start - 3, tokens[j].clause == clause {
            if Lexicon.negators.contains(tokens[j].text) { return true }
            j -= 1
        }
        return false
    }

    private static func matches(_ element: PatternElement, _ token: Token) -> Bool {
        switch element {
        case .word(let w): token.forms.contains(w)
        case .prefix(let p): token.forms.contains { $0.hasPrefix(p) }
        case .exactCase(let w): token.original == w
        case .capitalized(let w): token.forms.contains(w) && (token.original.first?.isUppercase ?? false)
        case .gap: false
        }
    }

    /// Matches elements[e...] at token t; every word and gap stays in the first word's clause; gaps are lazy.
    /// On success `path` holds the matched word positions.
    private static func match(_ elements: [PatternElement], _ e: Int, from t: Int, clause: Int, in tokens: [Token], path: inout [Int]) -> Bool {
        if e == elements.count { return true }
        if case .gap(let n) = elements[e] {
            var skip = 0
            let depth = path.count
            while skip <= n, t + skip < tokens.count, tokens[t + skip].clause == clause {
                if match(elements, e + 1, from: t + skip, clause: clause, in: tokens, path: &path) { return true }
                path.removeSubrange(depth...)
                skip += 1
            }
            return false
        }
        guard t < tokens.count, tokens[t].clause == clause, matches(elements[e], tokens[t]) else { return false }
        path.append(t)
        return match(elements, e + 1, from: t + 1, clause: clause, in: tokens, path: &path)
    }
}

/// Every word the lexicons know, used to correct one-edit typos ("potholle", "kiddermister").
struct Vocabulary: Sendable {
    private let words: Set<String>
    private let byFirstLetter: [Character: [String]]
    /// Every word long enough for correction, under each of its one-letter deletions and itself:
    /// the candidates one edit from a typo are found by a few lookups instead of a scan.
    private let byDeletion: [String: [String]]
    /// Typo correction is tried only for unknown words at least this long.
    static let minimumTypoLength = 6

    init<S: Sequence>(_ words: S) where S.Element == String {
        let set = Set(words)
        self.words = set
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
