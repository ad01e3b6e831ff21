import SignpostEvents

/// The features the statistical model reads from a `Document`, each a 64-bit FNV-1a hash of its name:
///
/// - `w:word`: a word (lower-cased, apostrophes dropped, chat shorthand expanded; a one-edit typo
///   correction to a lexicon word adds that word too);
/// - `b:word word`: two consecutive words of one line;
/// - `c:abc`: a character 3-gram or 4-gram of a word written `<word>` (robust to misspellings);
/// - `ch:phone`: the channel;
/// - `r:…`: what the rules found (`r:kind:complaint`, `r:svc:highways`, `r:named:foi_request`,
///   `r:sg`, `r:child`, `r:elderly`), so that the model learns how far to trust each rule;
/// - `s:word`, `s:word word`: the first one and two words of a clause (the form of the sentence).
///
/// Signature lines, staff turns and personal-data form fields are not read (the `Document` drops them).
/// Hashes are computed straight from the UTF-8 bytes, so classifying allocates no feature strings;
/// training asks for the names too, to write them into the model.
struct FeatureExtractor: Sendable {
    /// Feature values: presence (1) for text features, the rule score for rule features.
    struct Feature: Sendable {
        var hash: UInt64
        var value: Float
    }

    /// Words too common to say anything alone (they still form word pairs: "not happy").
    static let stopWords: Set<String> = [
        "the", "a", "an", "to", "and", "of", "in", "on", "at", "for", "it", "is", "was", "be", "been", "that", "this", "i", "my",
        "me", "we", "our", "us", "you", "your", "with", "as", "so", "but", "or", "if", "from", "by", "am", "are", "im", "its",
        "have", "has", "had", "do", "did", "just", "there", "their", "there", "which", "would", "could", "can", "will", "all",
    ]

    /// `stopWords` by `WordKey` (a token's first form key is the key of its text).
    static let stopWordTable = WordTable(stopWords.sorted().map { ($0, WordKey.key($0)!, 0) })

    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always) static func mix(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* prime }

    static func hash<S: Sequence>(_ bytes: S, seed: UInt64 = offset) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = mix(h, b) }
        return h
    }

    /// The hash of a feature name: what the model file's names are looked up by.
    static func hash(name: String) -> UInt64 { hash(name.utf8) }

    /// `hash(text.utf8, seed:)` over the string's contiguous UTF-8 (no `String.UTF8View` iteration).
    @inline(__always) static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0, seed: seed) }
    }

    /// Features of `document` and `sheet` (the rules' findings). `names`, when given, receives each
    /// feature's name in the same order (training only).
    static func extract(_ document: Document, sheet: ScoreSheet, names: UnsafeMutablePointer<[String]>? = nil) -> [Feature] {
        var out: [Feature] = []
        out.reserveCapacity(document.tokens.count * 9 + 16)
        func add(_ h: UInt64, _ value: Float, _ name: @autoclosure () -> String) {
            out.append(Feature(hash: h, value: value))
            names?.pointee.append(name())
        }
        let wPrefix = hash("w:".utf8), bPrefix = hash("b:".utf8), cPrefix = hash("c:".utf8)
        var previous: (text: String, line: Int)? = nil
        var window = [UInt8](repeating: 0, count: 64)
        // Tokens are read field by field (`tokens[t].text`), not bound whole: a bound copy of a token
        // retains and releases every string it holds.
        let tokens = document.tokens
        for t in tokens.indices where tokens[t].role != .signature {
            let text = tokens[t].text
            let line = tokens[t].line
            let stop = tokens[t].formKeys.count > 0
                ? FeatureExtractor.stopWordTable.value(tokens[t].formKeys.lanes[0], text) >= 0
                : FeatureExtractor.stopWords.contains(text)
            if !stop { add(hash(text, seed: wPrefix), 1, "w:" + text) }
            if !tokens[t].moreForms.isEmpty {
                for form in tokens[t].moreForms where form != text {
                    add(hash(form, seed: wPrefix), 1, "w:" + form)
                }
            }
            if let p = previous, p.line == line {
                let h = hash(text, seed: mix(hash(p.text, seed: bPrefix), 32))
                add(h, 1, "b:" + p.text + " " + text)
            }
            previous = (text, line)
            // Character 4-grams of "<word>", for words of at least 5 letters.
            if stop || text.utf8.count < 5 { continue }
            var n = 0
            window[n] = 60; n += 1
            var bytes = text
            bytes.withUTF8 { for b in $0 { if n < 62 { window[n] = b; n += 1 } } }
            window[n] = 62; n += 1
            if n >= 7 {
                for size in 4...4 {
                    for start in 0...(n - size) {
                        var h = cPrefix
                        for i in start..<(start + size) { h = mix(h, window[i]) }
                        if names != nil {
                            add(h, 1, "c:" + String(decoding: window[start..<(start + size)], as: UTF8.self))
                        } else {
                            out.append(Feature(hash: h, value: 1))
                        }
                    }
                }
            }
        }
        // Text features are scaled to unit length, so a long letter weighs no more than a short chat.
        if !out.isEmpty {
            let scale = 1 / Float(out.count).squareRoot()
            for i in out.indices { out[i].value = scale }
        }
        // FNV-1a runs left to right, so a name's hash is its label's hash seeded with the prefix's:
        // no name is built unless `names` asks for it.
        let kindPrefix = hash("r:kind:".utf8), servicePrefix = hash("r:svc:".utf8), namedPrefix = hash("r:named:".utf8)
        for (label, score) in sheet.kind.ranked {
            add(hash(label.rawValue, seed: kindPrefix), Float(min(score, 4)), "r:kind:" + label.rawValue)
        }
        for (label, score) in sheet.service.ranked {
            add(hash(label.rawValue, seed: servicePrefix), Float(min(score, 6)) / 2, "r:svc:" + label.rawValue)
        }
        if !sheet.facts.named.isEmpty {
            for kind in EnquiryKind.allCases where sheet.facts.named.contains(kind) {
                add(hash(kind.rawValue, seed: namedPrefix), 2, "r:named:" + kind.rawValue)
            }
        }
        let sg = sheet.facts.safeguarding
        if sg.isConcern { add(hash("r:sg".utf8), 2, "r:sg") }
        if sg.strongCue { add(hash("r:sg:strong".utf8), 1, "r:sg:strong") }
        if sg.involvesChild { add(hash("r:child".utf8), 1, "r:child") }
        if sg.elderly { add(hash("r:elderly".utf8), 1, "r:elderly") }
        if document.asksQuestion { add(hash("r:question".utf8), 1, "r:question") }
        openings(document, into: &out, names: names)
        return out
    }

    /// Weight of an opening-words feature (a fixed value, beside the unit-length text features).
    static let openingWeight: Float = 0.5

    /// `s:word` and `s:word word` for the first one and two words of each clause: the form of a sentence
    /// ("can you …" asks the council to act, "can i …", "does …", "how …" ask for information), which
    /// the kind head weighs better than the same words anywhere in the text. Each name once per enquiry,
    /// appended to `out` with weight `openingWeight` (and its name to `names`, when given).
    /// (`out` is passed `inout`, not captured by a closure: a captured array is boxed and every access checked.)
    private static func openings(_ document: Document, into out: inout [Feature], names: UnsafeMutablePointer<[String]>?) {
        let tokens = document.tokens
        let sPrefix = hash("s:".utf8)
        var seen = SeenHashes(capacity: 2 * tokens.count)
        for i in tokens.indices where tokens[i].role != .signature && (i == 0 || tokens[i - 1].clause != tokens[i].clause) {
            let first = tokens[i].text
            let one = hash(first, seed: sPrefix)
            if seen.insert(one) {
                out.append(Feature(hash: one, value: openingWeight))
                names?.pointee.append("s:" + first)
            }
            guard i + 1 < tokens.count, tokens[i + 1].clause == tokens[i].clause else { continue }
            let second = tokens[i + 1].text
            let two = hash(second, seed: mix(one, 32))
            if seen.insert(two) {
                out.append(Feature(hash: two, value: openingWeight))
                names?.pointee.append("s:" + first + " " + second)
            }
        }
    }
}

/// A set of 64-bit hashes (open addressing, sized once): `insert` answers as `Set.insert(_:).inserted` does.
struct SeenHashes {
    private var slots: [UInt64]
    /// Whether 0 (the empty slot's value) has been inserted.
    private var hasZero = false
    private let mask: Int

    /// Room for `capacity` hashes (the table is kept at most half full).
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Inserts `h`; true when it was not there yet. At most `capacity` distinct hashes.
    mutating func insert(_ h: UInt64) -> Bool {
        if h == 0 {
            defer { hasZero = true }
            return !hasZero
        }
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let s = slots[slot]
            if s == h { return false }
            if s == 0 { slots[slot] = h; return true }
            slot = (slot + 1) & mask
        }
    }
}
