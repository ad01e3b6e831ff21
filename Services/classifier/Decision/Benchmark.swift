import Foundation
import SignpostEvents

/// Throughput of `Classifier.classify` on one thread, beside a baseline measured in the same run
/// (lower-casing and splitting the same texts into words), so a busy machine still gives a
/// comparable figure: the ratio.
public enum Benchmark {
    public struct Result: Sendable {
        public var texts: Int
        public var classificationsPerSecond: Double
        public var baselinePerSecond: Double
        /// classifications per second / baseline tokenisations per second.
        public var ratio: Double { classificationsPerSecond / baselinePerSecond }
    }

    /// Runs for about `2 × seconds` (after a warm-up pass): classification and baseline in `slices`
    /// alternating slices. A slice covers every text at least once, so with a slow classifier (the
    /// second opinion on) give few texts and few slices.
    public static func run(_ texts: [(text: String, channel: Channel)], seconds: Double = 3, slices: Int = 20, classifier: Classifier = Classifier()) -> Result {
        precondition(!texts.isEmpty)
        var sink = 0
        for t in texts { sink &+= classifier.classify(text: t.text, channel: t.channel).evidence.count }
        // The two measurements alternate in short slices, so a change of load on a shared machine
        // falls on both and the ratio stays meaningful.
        let clock = ContinuousClock()
        var counts = (baseline: 0, classify: 0)
        var times = (baseline: Duration.zero, classify: Duration.zero)
        let slice = Duration.milliseconds(Int64(max(1, seconds * 1000 / Double(slices))))
        func run(_ body: (String, Channel) -> Int) -> (Int, Duration) {
            var n = 0
            let start = clock.now
            var elapsed = Duration.zero
            repeat {
                for t in texts { sink &+= body(t.text, t.channel) }
                n += texts.count
                elapsed = clock.now - start
            } while elapsed < slice
            return (n, elapsed)
        }
        for _ in 0..<slices {
            let b = run { text, _ in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count }
            counts.baseline += b.0; times.baseline += b.1
            let c = run { text, channel in classifier.classify(text: text, channel: channel).evidence.count }
            counts.classify += c.0; times.classify += c.1
        }
        func inSeconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let baseline = Double(counts.baseline) / inSeconds(times.baseline)
        let rate = Double(counts.classify) / inSeconds(times.classify)
        if sink == 42 { print("") } // keeps the work observable
        return Result(texts: texts.count, classificationsPerSecond: rate, baselinePerSecond: baseline)
    }
}
