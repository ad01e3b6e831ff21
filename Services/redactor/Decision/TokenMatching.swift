extension Document {
    /// Whether the tokens starting at `i` spell `seq` (lower case), all on one line.
    func tokens(at i: Int, match seq: [String]) -> Bool {
        guard i >= 0, i + seq.count <= tokens.count else { return false }
        for (k, w) in seq.enumerated() {
            let t = tokens[i + k]
            if t.lower != w { return false }
            if k > 0 && t.newlineBefore { return false }
        }
        return true
    }

    /// If the tokens ending at `last` (inclusive) spell `seq`, the index of its first token.
    func tokens(endingAt last: Int, match seq: [String]) -> Int? {
        let first = last - seq.count + 1
        return tokens(at: first, match: seq) ? first : nil
    }

    /// Whether token `i` begins a line (or the text).
    func startsLine(_ i: Int) -> Bool { i == 0 || tokens[i].newlineBefore }

    /// Whether token `i` begins a sentence: a line start or after . ! ?
    func startsSentence(_ i: Int) -> Bool {
        if startsLine(i) { return true }
        let p = tokens[i - 1]
        return p.kind == .punct && (p.first == "." || p.first == "!" || p.first == "?")
    }

    /// Whether token `i` exists and is the punctuation mark `c`.
    func isPunct(_ i: Int, _ c: Unicode.Scalar) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].isPunct(c)
    }

    /// Token `i` directly follows token `i - 1` with no space.
    func isAttached(_ i: Int) -> Bool { i > 0 && i < tokens.count && tokens[i].start == tokens[i - 1].end }
}
