import Foundation
import SignpostEvents

/// Trains `LinearModel` from labelled enquiries: softmax regression for kind and for service over
/// the `FeatureExtractor` features, by stochastic gradient descent in a fixed pseudo-random order.
/// Deterministic: the same corpus and settings give the same model text, byte for byte.
public struct ModelTrainer: Sendable {
    public var epochs = 24
    public var learningRate: Float = 0.6
    public var l2: Float = 2e-5
    /// A text feature must occur in at least this many training enquiries.
    public var minimumCount = 3
    /// Extra weight of safeguarding examples in the kind head (recall first).
    public var safeguardingWeight: Float = 2
    /// Weights smaller than this are dropped from the model.
    public var pruneBelow: Float = 0.02

    public init() {}

    /// Settings from `SIGNPOST_TRAIN_*` environment variables (for tuning experiments), else the defaults.
    public static func fromEnvironment() -> ModelTrainer {
        var t = ModelTrainer()
        let env = ProcessInfo.processInfo.environment
        if let v = env["SIGNPOST_TRAIN_EPOCHS"].flatMap(Int.init) { t.epochs = v }
        if let v = env["SIGNPOST_TRAIN_RATE"].flatMap(Float.init) { t.learningRate = v }
        if let v = env["SIGNPOST_TRAIN_L2"].flatMap(Float.init) { t.l2 = v }
        if let v = env["SIGNPOST_TRAIN_MIN_COUNT"].flatMap(Int.init) { t.minimumCount = v }
        if let v = env["SIGNPOST_TRAIN_SAFEGUARDING_WEIGHT"].flatMap(Float.init) { t.safeguardingWeight = v }
        if let v = env["SIGNPOST_TRAIN_PRUNE"].flatMap(Float.init) { t.pruneBelow = v }
        return t
    }

    /// Trains and returns the model as text (what `TrainedModel.swift` embeds).
    public func train(_ examples: [LabelledEnquiry], version: String, corpusDigest: String) -> String {
        trainModel(examples, version: version, corpusDigest: corpusDigest).serialized
    }

    func trainModel(_ examples: [LabelledEnquiry], version: String, corpusDigest: String) -> LinearModel {
        let kinds = EnquiryKind.allCases, services = ResponsibleService.allCases
        let width = kinds.count + services.count
        let scorer = RuleScorer()

        // 1. Features with names; document frequency of each name.
        var docs: [[(name: String, value: Float)]] = []
        var frequency: [String: Int] = [:]
        for example in examples {
            let document = Document(text: example.text, channel: example.channel)
            var names: [String] = []
            let features = withUnsafeMutablePointer(to: &names) {
                FeatureExtractor.extract(document, sheet: scorer.score(document), names: $0)
            }
            let pairs = zip(names, features).map { (name: $0.0, value: $0.1.value) }
            docs.append(pairs)
            for name in Set(pairs.map(\.name)) { frequency[name, default: 0] += 1 }
        }
        let kept = frequency.filter { $0.value >= minimumCount || $0.key.hasPrefix("r:") || $0.key.hasPrefix("ch:") }
            .keys.sorted()
        var rowOf: [String: Int] = [:]
        for (i, name) in kept.enumerated() { rowOf[name] = i }
        let rowsPerDoc: [[(row: Int, value: Float)]] = docs.map { $0.compactMap { f in rowOf[f.name].map { ($0, f.value) } } }

        // 2. SGD in a fixed order per epoch (a seeded Fisher–Yates shuffle).
        var w = [Float](repeating: 0, count: kept.count * width)
        var bias = [Float](repeating: 0, count: width)
        let kindIndex = examples.map { kinds.firstIndex(of: $0.labels.kind)! }
        let serviceIndex = examples.map { kinds.count + services.firstIndex(of: $0.labels.service)! }
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: 0x5157_4e50_4f53_5431)
        var logits = [Float](repeating: 0, count: width)
        for epoch in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            let rate = learningRate / (1 + Float(epoch) * 0.15)
            for d in order {
                let features = rowsPerDoc[d]
                for i in 0..<width { logits[i] = bias[i] }
                for f in features {
                    let base = f.row * width
                    for i in 0..<width { logits[i] += w[base + i] * f.value }
                }
                var gradient = [Float](repeating: 0, count: width)
                for (range, target, weight) in [(0..<kinds.count, kindIndex[d], kinds[kindIndex[d]] == .safeguardingConcern ? safeguardingWeight : 1),
                                                (kinds.count..<width, serviceIndex[d], 1)] {
                    let m = range.map { logits[$0] }.max()!
                    var sum: Float = 0
                    for i in range { let e = Foundation.exp(logits[i] - m); gradient[i] = e; sum += e }
                    for i in range { gradient[i] = weight * (gradient[i] / sum - (i == target ? 1 : 0)) }
                }
                for i in 0..<width { bias[i] -= rate * gradient[i] * 0.1 }
                for f in features {
                    let base = f.row * width
                    for i in 0..<width {
                        w[base + i] -= rate * (gradient[i] * f.value + l2 * w[base + i])
                    }
                }
            }
        }

        // 3. Rounded, pruned, rows with no weight left dropped.
        func round(_ v: Float) -> Float { abs(v) < pruneBelow ? 0 : Float((Double(v) * 10_000).rounded() / 10_000) }
        var features: [(String, [Float])] = []
        for (r, name) in kept.enumerated() {
            let row = (0..<width).map { round(w[r * width + $0]) }
            if row.contains(where: { $0 != 0 }) { features.append((name, row)) }
        }
        return LinearModel(version: version, corpusDigest: corpusDigest, kinds: kinds, services: services,
                           bias: bias.map(round), features: features)
    }
}

/// A small deterministic PRNG (SplitMix64), so training order never depends on the platform.
struct SplitMix64: Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
