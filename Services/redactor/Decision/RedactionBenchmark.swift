import Foundation

/// Documents per second of the redactor on one thread, beside a baseline measured in the same
/// run on the same documents: a plain scan that reads every Unicode scalar once and counts the
/// letters and digits (the least any redactor must do), without Unicode property look-ups.
public enum RedactionBenchmark {
    /// Joins consecutive texts (with a blank line between) until each document has at least
    /// `target` scalars; the same rule as `corpus/redaction/compare_presidio.py`.
    public static func documents(from texts: [String], target: Int = 500) -> [String] {
        var out: [String] = []
        var current = ""
        var length = 0
        for t in texts {
            if length > 0 { current += "\n\n"; length += 2 }
            current += t
            length += t.unicodeScalars.count
            if length >= target { out.append(current); current = ""; length = 0 }
        }
        if length > 0 { out.append(current) }
        return out
    }

    public struct Result: Sendable {
        public var documents: Int
        public var meanScalars: Double
        public var redactorPerSecond: Double
        public var baselinePerSecond: Double
        /// How many times longer the redactor takes than the plain scan.
        public var ratio: Double { baselinePerSecond / redactorPerSecond }
        public var entities: Int
    }

    /// Times `redactor.redact` over `docs` repeatedly for at least `seconds` (after one warm-up
    /// pass), then the baseline the same way.
    public static func run(_ docs: [String], redactor: Redactor = Redactor(), seconds: Double = 3) -> Result {
        precondition(!docs.isEmpty)
        var entities = 0
        for d in docs { entities += redactor.redact(d).entities.count }   // warm-up, and a check value
        let r = timed(docs, seconds: seconds) { redactor.redact($0).entities.count }
        _ = timed(docs, seconds: min(0.5, seconds)) { scan($0) }
        let b = timed(docs, seconds: seconds) { scan($0) }
        let mean = Double(docs.reduce(0) { $0 + $1.unicodeScalars.count }) / Double(docs.count)
        return Result(documents: docs.count, meanScalars: mean, redactorPerSecond: r, baselinePerSecond: b, entities: entities)
    }

    /// The baseline: one pass over the scalars, counting ASCII letters and digits and every
    /// non-ASCII scalar (no Unicode property look-ups: the cheapest honest read of the text).
    @inline(never)
    public static func scan(_ text: String) -> Int {
        var n = 0
        for c in text.unicodeScalars {
            let v = c.value
            if v >= 0x80 || (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) { n += 1 }
        }
        return n
    }

    private static func timed(_ docs: [String], seconds: Double, _ body: (String) -> Int) -> Double {
        var done = 0
        var sink = 0
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = 0.0
        repeat {
            for d in docs { sink &+= body(d) }
            done += docs.count
            let e = clock.now - start
            elapsed = Double(e.components.seconds) + Double(e.components.attoseconds) / 1e18
        } while elapsed < seconds
        if sink == Int.min { print("") }  // keep the work observable
        return Double(done) / elapsed
    }

    public static func render(_ r: Result) -> String {
        """
        documents: \(r.documents) of \(Int(r.meanScalars.rounded())) scalars on average (\(r.entities) entities per pass)
        redactor: \(Int(r.redactorPerSecond.rounded())) documents/s on one thread
        baseline (plain scan of the same texts): \(Int(r.baselinePerSecond.rounded())) documents/s
        ratio: the redactor takes \(RedactionEvaluation.fmt(r.ratio)) times as long as the plain scan
        """
    }
}
