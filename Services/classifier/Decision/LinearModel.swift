import Foundation
import SignpostEvents

/// A multinomial logistic-regression model with two heads over the same features: the enquiry's
/// kind and its responsible service. Trained by `ModelTrainer` from the labelled corpus, stored as
/// text (the generated `TrainedModel.swift`), loaded once.
///
/// Text format, one item per line:
/// ```
/// signpost-linear-model 1
/// version <version>
/// corpus <fnv64 of the training file>
/// kinds <label> <label> …
/// services <label> <label> …
/// bias <w> <w> …                      (kinds then services)
/// <feature name>\t<index>:<w> <index>:<w> …   (sparse; index into kinds then services)
/// ```
struct LinearModel: Sendable {
    let version: String
    let corpusDigest: String
    let kinds: [EnquiryKind]
    let services: [ResponsibleService]
    /// Row per feature: `width` weights (kinds then services).
    let weights: [Float]
    let bias: [Float]
    let rows: [UInt64: Int32]
    /// `rows` as an open-addressing table, for `predict`.
    let rowTable: HashTable
    let names: [String]
    /// No two rows share a name (so rows can stand for names).
    let namesAreUnique: Bool
    var width: Int { kinds.count + services.count }

    /// The model's probabilities for one document, with the features that pushed the winners most.
    struct Prediction: Sendable {
        var kind: [Double]
        var service: [Double]
        /// Rows of the features present (for evidence).
        var rows: [(row: Int32, value: Float)]
    }

    init(version: String, corpusDigest: String, kinds: [EnquiryKind], services: [ResponsibleService], bias: [Float], features: [(String, [Float])]) {
        self.version = version
        self.corpusDigest = corpusDigest
        self.kinds = kinds
        self.services = services
        self.bias = bias
        var weights: [Float] = []
        var rows: [UInt64: Int32] = [:]
        var names: [String] = []
        for (name, w) in features {
            rows[FeatureExtractor.hash(name: name)] = Int32(names.count)
            names.append(name)
            weights += w
        }
        self.weights = weights
        self.rows = rows
        rowTable = HashTable(rows)
        self.names = names
        namesAreUnique = Set(names).count == names.count
    }

    enum ParseError: Error { case malformed(String) }

    init(parsing text: String) throws {
        var version = "", digest = ""
        var kinds: [EnquiryKind] = [], services: [ResponsibleService] = []
        var bias: [Float] = []
        var features: [(String, [Float])] = []
        var width = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let tab = line.firstIndex(of: "\t") {
                var w = [Float](repeating: 0, count: width)
                for pair in line[line.index(after: tab)...].split(separator: " ") {
                    guard let colon = pair.firstIndex(of: ":"), let i = Int(pair[..<colon]), i < width,
                          let v = Float(pair[pair.index(after: colon)...]) else { throw ParseError.malformed(String(line)) }
                    w[i] = v
                }
                features.append((String(line[..<tab]), w))
                continue
            }
            let parts = line.split(separator: " ")
            switch parts.first {
            case "signpost-linear-model": continue
            case "version": version = parts.dropFirst().joined(separator: " ")
            case "corpus": digest = parts.dropFirst().joined(separator: " ")
            case "kinds": kinds = try parts.dropFirst().map { guard let k = EnquiryKind(rawValue: String($0)) else { throw ParseError.malformed(String(line)) }; return k }
            case "services": services = try parts.dropFirst().map { guard let s = ResponsibleService(rawValue: String($0)) else { throw ParseError.malformed(String(line)) }; return s }
                width = kinds.count + services.count
            case "bias": bias = try parts.dropFirst().map { guard let v = Float($0) else { throw ParseError.malformed(String(line)) }; return v }
            default: throw ParseError.malformed(String(line))
            }
        }
        guard !kinds.isEmpty, !services.isEmpty, bias.count == kinds.count + services.count else { throw ParseError.malformed("header") }
        self.init(version: version, corpusDigest: digest, kinds: kinds, services: services, bias: bias, features: features)
    }

    /// The model as text: deterministic (features in the order given, weights rounded to 4 decimals).
    var serialized: String {
        var out = "signpost-linear-model 1\nversion \(version)\ncorpus \(corpusDigest)\n"
        out += "kinds " + kinds.map(\.rawValue).joined(separator: " ") + "\n"
        out += "services " + services.map(\.rawValue).joined(separator: " ") + "\n"
        out += "bias " + bias.map(LinearModel.format).joined(separator: " ") + "\n"
        for (r, name) in names.enumerated() {
            var pairs: [String] = []
            for i in 0..<width where weights[r * width + i] != 0 {
                pairs.append("\(i):\(LinearModel.format(weights[r * width + i]))")
            }
            out += name + "\t" + pairs.joined(separator: " ") + "\n"
        }
        return out
    }

    /// Four decimals at most, no trailing zeros ("0.25", "-1.5", "0"): integer arithmetic, so the
    /// text is the same on every platform.
    static func format(_ v: Float) -> String {
        let n = Int((Double(v) * 10_000).rounded())
        if n == 0 { return "0" }
        let magnitude = abs(n)
        var fraction = magnitude % 10_000
        var text = (n < 0 ? "-" : "") + String(magnitude / 10_000)
        if fraction != 0 {
            var digits = 4
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    func predict(_ features: [FeatureExtractor.Feature]) -> Prediction {
        var logits = bias
        // Rows first, then weights: the table probes of different features do not wait on each other.
        // Every feature's row is written at the next free place, which only a present row keeps (no
        // branch on whether the model knows the feature, which cannot be predicted).
        let present = [(row: Int32, value: Float)](unsafeUninitializedCapacity: features.count) { buffer, count in
            var n = 0
            for f in features {
                let r = rowTable[f.hash]
                buffer[n] = (r, f.value)
                n += r >= 0 ? 1 : 0
            }
            count = n
        }
        let width = self.width
        weights.withUnsafeBufferPointer { w in
            logits.withUnsafeMutableBufferPointer { l in
                let wp = UnsafeRawPointer(w.baseAddress!), lp = UnsafeMutableRawPointer(l.baseAddress!)
                let stride = MemoryLayout<Float>.stride
                for (r, value) in present {
                    let base = Int(r) * width
                    // Four logits at a time: each lane is the same multiply and add as one at a time.
                    let v = SIMD4<Float>(repeating: value)
                    var i = 0
                    while i + 4 <= width {
                        let weight = wp.loadUnaligned(fromByteOffset: (base + i) * stride, as: SIMD4<Float>.self)
                        let logit = lp.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Float>.self)
                        lp.storeBytes(of: logit + weight * v, toByteOffset: i * stride, as: SIMD4<Float>.self)
                        i += 4
                    }
                    while i < width {
                        l[i] += w[base + i] * value
                        i += 1
                    }
                }
            }
        }
        return Prediction(kind: LinearModel.softmax(logits[0..<kinds.count]),
                          service: LinearModel.softmax(logits[kinds.count..<width]), rows: present)
    }

    static func softmax(_ logits: ArraySlice<Float>) -> [Double] {
        let m = Double(logits.max() ?? 0)
        var e = logits.map { Foundation.exp(Double($0) - m) }
        let s = e.reduce(0, +)
        for i in e.indices { e[i] = e[i] / s }
        return e
    }

    /// The features that pushed `kindIndex` (or, with `service`, the service) up the most, best first.
    func topFeatures(_ prediction: Prediction, kindIndex: Int? = nil, serviceIndex: Int? = nil, count: Int = 3) -> [String] {
        let column = kindIndex ?? (kinds.count + (serviceIndex ?? 0))
        // The first `count` distinct names of the features with a positive push, sorted by (push
        // descending, name): each name ranks by its largest push, so a small running top list gives
        // the same names as a full sort. (A name that drops out could only come back with a larger
        // push, and is then re-entered.) Entries are rows; names are read only to break ties.
        guard count > 0 else {
            // (As before: with no positive count, every distinct name, best first.)
            var scored: [(name: String, push: Float)] = []
            for present in prediction.rows {
                let r = Int(present.row)
                let push: Float = weights[r * width + column] * present.value
                if push > 0 { scored.append((names[r], push)) }
            }
            scored.sort { a, b in a.push != b.push ? a.push > b.push : a.name < b.name }
            var seen = Set<String>()
            return scored.map(\.name).filter { seen.insert($0).inserted }
        }
        var top: [(row: Int32, push: Float)] = []
        top.reserveCapacity(count + 1)
        weights.withUnsafeBufferPointer { weights in
            for present in prediction.rows {
                let push: Float = weights[Int(present.row) * width + column] * present.value
                if push > 0 { consider((present.row, push), into: &top, count: count) }
            }
        }
        return top.map { names[Int($0.row)] }
    }

    /// `topFeatures(_:kindIndex:count:)` and `topFeatures(_:serviceIndex:count:)` (count > 0) in one
    /// pass over the present rows: each row's kind and service weights sit side by side.
    func topFeaturesOfBoth(_ prediction: Prediction, kindIndex: Int, serviceIndex: Int, count: Int = 3) -> (kind: [String], service: [String]) {
        precondition(count > 0)
        let kindColumn = kindIndex, serviceColumn = kinds.count + serviceIndex
        var topKind: [(row: Int32, push: Float)] = [], topService: [(row: Int32, push: Float)] = []
        topKind.reserveCapacity(count + 1); topService.reserveCapacity(count + 1)
        weights.withUnsafeBufferPointer { weights in
            // The least push `consider` can enter: any positive one until the list is full, then the last
            // one's (a push below it changes nothing). One comparison, and after the first few rows it
            // nearly always fails: a branch that is easy to predict.
            var kindBar = Float.leastNonzeroMagnitude, serviceBar = Float.leastNonzeroMagnitude
            for present in prediction.rows {
                let base = Int(present.row) * width
                let kindPush: Float = weights[base + kindColumn] * present.value
                let servicePush: Float = weights[base + serviceColumn] * present.value
                if kindPush >= kindBar {
                    consider((present.row, kindPush), into: &topKind, count: count)
                    if topKind.count == count { kindBar = topKind[count - 1].push }
                }
                if servicePush >= serviceBar {
                    consider((present.row, servicePush), into: &topService, count: count)
                    if topService.count == count { serviceBar = topService[count - 1].push }
                }
            }
        }
        return (topKind.map { names[Int($0.row)] }, topService.map { names[Int($0.row)] })
    }

    /// Enters a feature's push into a running list of the `count` best, best first: by push, ties
    /// by name; one entry per name (a name's larger push replaces its smaller one).
    private func consider(_ entry: (row: Int32, push: Float), into top: inout [(row: Int32, push: Float)], count: Int) {
        // A push below the last of a full list changes nothing: it is not entered, and a name already
        // listed keeps its larger push.
        if top.count == count, entry.push < top[top.count - 1].push { return }
        if let i = top.firstIndex(where: { sameName($0.row, entry.row) }) {
            guard entry.push > top[i].push else { return }
            top.remove(at: i)
        } else if top.count == count, !ranksBefore(entry, top[top.count - 1]) {
            return
        }
        let at = top.firstIndex(where: { ranksBefore(entry, $0) }) ?? top.count
        top.insert(entry, at: at)
        if top.count > count { top.removeLast() }
    }

    private func ranksBefore(_ a: (row: Int32, push: Float), _ b: (row: Int32, push: Float)) -> Bool {
        a.push != b.push ? a.push > b.push : names[Int(a.row)] < names[Int(b.row)]
    }

    private func sameName(_ a: Int32, _ b: Int32) -> Bool {
        a == b || (!namesAreUnique && names[Int(a)] == names[Int(b)])
    }
}
