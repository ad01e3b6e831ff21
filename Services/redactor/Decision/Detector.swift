import SignpostEvents

/// One possible entity proposed by a detector.
struct Candidate: Sendable, Hashable {
    var type: PIIType
    var start: Int
    var end: Int
    /// 0...1: how sure the detector is.
    var confidence: Double
    /// Short name of the rule that proposed it, for debugging and tests.
    var rule: String
    var length: Int { end - start }

    func overlaps(_ other: Candidate) -> Bool { start < other.end && other.start < end }
}

/// An independent finder of one kind of personal data.
protocol Detector: Sendable {
    func detect(in doc: Document) -> [Candidate]
}

/// Chooses non-overlapping candidates: highest confidence first, then the longest,
/// then the earliest, then by type, so the outcome is deterministic.
enum Resolver {
    static func resolve(_ candidates: [Candidate]) -> [Candidate] {
        let ordered = candidates.filter { $0.end > $0.start }.sorted { a, b in
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.length != b.length { return a.length > b.length }
            if a.start != b.start { return a.start < b.start }
            return a.type.rank < b.type.rank
        }
        var chosen: [Candidate] = []
        for c in ordered where !chosen.contains(where: { $0.overlaps(c) }) {
            chosen.append(c)
        }
        return chosen.sorted { $0.start < $1.start }
    }
}

extension PIIType {
    var rank: Int { PIIType.allCases.firstIndex(of: self) ?? 0 }
}
