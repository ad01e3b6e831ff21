import Foundation
import SignpostEvents

/// Scores the redactor against a labelled corpus (JSON Lines with `text` and gold `pii` spans,
/// Unicode-scalar offsets, as in `shared/spec/examples.jsonl` and `corpus/redaction/corpus.jsonl`).
///
/// The rule: a gold entity counts as caught only if every letter and digit inside it is masked
/// (by any predicted entity, whatever its type). Precision is by characters: of all the scalars
/// the redactor masked, the share that lay inside a gold entity.
public enum RedactionEvaluation {
    /// One gold or predicted span.
    public struct Span: Codable, Sendable, Hashable {
        public var type: String
        public var start: Int
        public var end: Int
        public init(type: String, start: Int, end: Int) { self.type = type; self.start = start; self.end = end }
    }

    /// One labelled enquiry.
    public struct Sample: Codable, Sendable {
        public var id: String
        public var channel: String?
        public var text: String
        public var pii: [Span]
        public init(id: String, channel: String? = nil, text: String, pii: [Span]) {
            self.id = id; self.channel = channel; self.text = text; self.pii = pii
        }
    }

    /// Reads a JSON Lines corpus; blank lines are skipped, a bad line throws with its number.
    public static func load(path: String) throws -> [Sample] {
        let data = try String(contentsOfFile: path, encoding: .utf8)
        var out: [Sample] = []
        for (n, line) in data.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do { out.append(try JSONDecoder().decode(Sample.self, from: Data(line.utf8))) } catch {
                throw EvaluationError.badLine(n + 1, String(describing: error))
            }
        }
        return out
    }

    public enum EvaluationError: Error, CustomStringConvertible {
        case badLine(Int, String)
        public var description: String {
            switch self { case let .badLine(n, why): "line \(n): \(why)" }
        }
    }

    /// Recall counts for one entity type.
    public struct TypeScore: Sendable, Equatable {
        public var gold = 0
        /// Every letter and digit masked.
        public var caught = 0
        /// Caught, and masked by an entity of the same type.
        public var caughtSameType = 0
        public var recall: Double { gold == 0 ? 1 : Double(caught) / Double(gold) }
    }

    /// A gold entity left (partly) in clear.
    public struct Miss: Sendable {
        public var id: String
        public var type: String
        public var value: String
        public var context: String
    }

    /// Masked text that was not personal data.
    public struct FalseMask: Sendable {
        public var id: String
        public var type: String
        public var value: String
    }

    public struct Report: Sendable {
        public var documents = 0
        public var byType: [String: TypeScore] = [:]
        /// Scalars inside some predicted entity.
        public var maskedScalars = 0
        /// Of those, scalars inside some gold entity.
        public var maskedPersonal = 0
        public var misses: [Miss] = []
        public var falseMasks: [FalseMask] = []

        public var total: TypeScore {
            byType.values.reduce(into: TypeScore()) { $0.gold += $1.gold; $0.caught += $1.caught; $0.caughtSameType += $1.caughtSameType }
        }
        public var precision: Double { maskedScalars == 0 ? 1 : Double(maskedPersonal) / Double(maskedScalars) }
        public func recall(_ type: PIIType) -> Double { byType[type.rawValue]?.recall ?? 1 }
    }

    /// Scores predicted spans against the gold ones, sample by sample.
    public static func score(_ samples: [Sample], predictions: [[Span]]) -> Report {
        var report = Report()
        for type in PIIType.allCases { report.byType[type.rawValue] = TypeScore() }
        for (sample, predicted) in zip(samples, predictions) {
            report.documents += 1
            let scalars = Array(sample.text.unicodeScalars)
            let n = scalars.count
            var masked = [Bool](repeating: false, count: n)
            var maskType = [String?](repeating: nil, count: n)
            for p in predicted {
                for k in max(0, p.start)..<min(n, max(p.start, p.end)) { masked[k] = true; maskType[k] = p.type }
            }
            var personal = [Bool](repeating: false, count: n)
            for g in sample.pii {
                let range = max(0, g.start)..<min(n, max(g.start, g.end))
                for k in range { personal[k] = true }
                let alnum = range.filter { scalars[$0].properties.isAlphabetic || scalars[$0].properties.numericType != nil }
                let caught = alnum.allSatisfy { masked[$0] }
                let sameType = caught && alnum.allSatisfy { maskType[$0] == g.type }
                report.byType[g.type, default: TypeScore()].gold += 1
                if caught { report.byType[g.type, default: TypeScore()].caught += 1 }
                if sameType { report.byType[g.type, default: TypeScore()].caughtSameType += 1 }
                if !caught {
                    report.misses.append(Miss(id: sample.id, type: g.type, value: slice(scalars, range),
                                              context: slice(scalars, max(0, range.lowerBound - 40)..<min(n, range.upperBound + 20))))
                }
            }
            for k in 0..<n where masked[k] {
                report.maskedScalars += 1
                if personal[k] { report.maskedPersonal += 1 }
            }
            for p in predicted {
                let range = max(0, p.start)..<min(n, max(p.start, p.end))
                if range.contains(where: { !personal[$0] && !scalars[$0].properties.isWhitespace }) {
                    report.falseMasks.append(FalseMask(id: sample.id, type: p.type, value: slice(scalars, range)))
                }
            }
        }
        return report
    }

    /// Runs the redactor over every sample and scores it.
    public static func evaluate(_ samples: [Sample], redactor: Redactor = Redactor()) -> Report {
        let predictions = samples.map { s in
            redactor.redact(s.text).entities.map { Span(type: $0.type.rawValue, start: $0.start, end: $0.end) }
        }
        return score(samples, predictions: predictions)
    }

    /// The report as a table; with `details`, every miss and false mask too.
    public static func render(_ r: Report, title: String, details: Bool = false) -> String {
        var out = "\(title): \(r.documents) documents\n"
        out += pad("type", 14) + pad("gold", 7, right: true) + pad("caught", 8, right: true)
            + pad("recall", 9, right: true) + pad("same-type", 11, right: true) + "\n"
        for type in PIIType.allCases {
            let s = r.byType[type.rawValue] ?? TypeScore()
            out += row(type.rawValue, s)
        }
        out += row("TOTAL", r.total)
        out += "masked characters: \(r.maskedScalars), of which personal data: \(r.maskedPersonal)"
            + " (precision by characters \(fmt(r.precision)))\n"
        out += "misses: \(r.misses.count), masks with non-personal text: \(r.falseMasks.count)\n"
        if details {
            for m in r.misses {
                out += "MISS \(m.id) \(m.type) \(quote(m.value))  …\(quote(m.context))…\n"
            }
            for f in r.falseMasks {
                out += "OVER \(f.id) \(f.type) \(quote(f.value))\n"
            }
        }
        return out
    }

    private static func row(_ name: String, _ s: TypeScore) -> String {
        pad(name, 14) + pad("\(s.gold)", 7, right: true) + pad("\(s.caught)", 8, right: true)
            + pad(fmt(s.recall), 9, right: true) + pad(fmt(s.gold == 0 ? 1 : Double(s.caughtSameType) / Double(s.gold)), 11, right: true) + "\n"
    }

    static func fmt(_ x: Double) -> String {
        let v = (x * 10000).rounded() / 10000
        var s = String(v)
        while s.count < 6 { s += "0" }
        return s
    }

    private static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return right ? fill + s : s + fill
    }

    private static func quote(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func slice(_ s: [Unicode.Scalar], _ r: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[r])
        return String(v)
    }
}
