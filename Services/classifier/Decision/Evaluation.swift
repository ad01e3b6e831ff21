import Foundation
import SignpostEvents

/// Measures a classifier on labelled enquiries: per-label precision, recall and F1, confusion
/// matrices for kind and service, the "kind and service both right" rate, safeguarding recall,
/// district accuracy where the enquiry gives a place, and special-category recall.
public struct Evaluation: Sendable {
    public struct Counts: Sendable {
        public var truePositive = 0, falsePositive = 0, falseNegative = 0
        public var precision: Double { Evaluation.ratio(truePositive, truePositive + falsePositive) }
        public var recall: Double { Evaluation.ratio(truePositive, truePositive + falseNegative) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var support: Int { truePositive + falseNegative }
    }

    public private(set) var total = 0
    public private(set) var kindRight = 0
    public private(set) var serviceRight = 0
    public private(set) var bothRight = 0
    public private(set) var kind: [EnquiryKind: Counts] = [:]
    public private(set) var service: [ResponsibleService: Counts] = [:]
    public private(set) var special: [SpecialCategory: Counts] = [:]
    /// [expected][predicted] counts.
    public private(set) var kindConfusion: [EnquiryKind: [EnquiryKind: Int]] = [:]
    public private(set) var serviceConfusion: [ResponsibleService: [ResponsibleService: Int]] = [:]
    /// District work whose label names a district (the enquiry gives a postcode or town).
    public private(set) var districtGiven = 0
    public private(set) var districtRight = 0
    /// District work with no district label: `district` should be null (triage).
    public private(set) var districtAbsent = 0
    public private(set) var districtAbsentRight = 0
    /// Below the triage threshold.
    public private(set) var triaged = 0
    public private(set) var triagedWrong = 0
    public private(set) var confidentWrong = 0
    /// Mistakes, "id: expected -> predicted", for reading.
    public private(set) var mistakes: [String] = []
    /// Each enquiry's confidence and whether kind and service were both right, in order: what the
    /// calibration table is made of.
    public private(set) var confidences: [(id: String, confidence: Double, right: Bool)] = []
    /// The calibration signals of each ordinary decision, by enquiry id (`--confidences` lists them).
    private(set) var signals: [String: ConfidenceSignals] = [:]

    public init() {}

    /// Evaluates `classifier` on `examples`.
    public static func run(_ examples: [LabelledEnquiry], classifier: Classifier) -> Evaluation {
        var e = Evaluation()
        for example in examples {
            let (classification, signals) = classifier.classifyExplained(text: example.text, channel: example.channel)
            e.add(example, classification)
            if let signals { e.signals[example.id] = signals }
        }
        return e
    }

    public mutating func add(_ example: LabelledEnquiry, _ c: Classification) {
        let l = example.labels
        total += 1
        let k = c.kind == l.kind, s = c.service == l.service
        if k { kindRight += 1 }
        if s { serviceRight += 1 }
        if k && s { bothRight += 1 } else {
            mistakes.append("\(example.id): \(l.kind.rawValue)/\(l.service.rawValue) -> \(c.kind.rawValue)/\(c.service.rawValue) (\(c.confidence))")
        }
        Evaluation.count(&kind, expected: l.kind, predicted: c.kind)
        Evaluation.count(&service, expected: l.service, predicted: c.service)
        kindConfusion[l.kind, default: [:]][c.kind, default: 0] += 1
        serviceConfusion[l.service, default: [:]][c.service, default: 0] += 1
        if Set(l.specialCategory) != Set(c.specialCategories) {
            mistakes.append("\(example.id): special \(l.specialCategory.map(\.rawValue)) -> \(c.specialCategories.map(\.rawValue))")
        }
        if l.service == .districtCouncil, c.service == .districtCouncil, l.district != c.district {
            mistakes.append("\(example.id): district \(l.district?.rawValue ?? "null") -> \(c.district?.rawValue ?? "null")")
        }
        for category in SpecialCategory.allCases {
            let expected = l.specialCategory.contains(category), predicted = c.specialCategories.contains(category)
            if expected && predicted { special[category, default: Counts()].truePositive += 1 }
            if !expected && predicted { special[category, default: Counts()].falsePositive += 1 }
            if expected && !predicted { special[category, default: Counts()].falseNegative += 1 }
        }
        if l.service == .districtCouncil {
            if let d = l.district {
                districtGiven += 1
                if c.district == d { districtRight += 1 }
            } else {
                districtAbsent += 1
                if c.district == nil { districtAbsentRight += 1 }
            }
        }
        confidences.append((example.id, c.confidence, k && s))
        if c.confidence < Classifier.triageThreshold {
            triaged += 1
            if !(k && s) { triagedWrong += 1 }
        } else if !(k && s) {
            confidentWrong += 1
        }
    }

    private static func count<L: Hashable>(_ table: inout [L: Counts], expected: L, predicted: L) {
        if expected == predicted {
            table[expected, default: Counts()].truePositive += 1
        } else {
            table[expected, default: Counts()].falseNegative += 1
            table[predicted, default: Counts()].falsePositive += 1
        }
    }

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    public var bothRightRate: Double { Evaluation.ratio(bothRight, total) }
    public var safeguardingRecall: Double { kind[.safeguardingConcern]?.recall ?? 0 }
    public var districtAccuracy: Double { Evaluation.ratio(districtRight, districtGiven) }
    public var specialCategoryRecall: Double {
        let tp = special.values.map(\.truePositive).reduce(0, +), fn = special.values.map(\.falseNegative).reduce(0, +)
        return Evaluation.ratio(tp, tp + fn)
    }

    /// One bin of the calibration table: the enquiries whose confidence fell in `range`.
    public struct CalibrationBin: Sendable {
        public var range: Range<Double>
        public var count = 0
        public var confidenceSum = 0.0
        public var right = 0
        public var meanConfidence: Double { count == 0 ? 0 : confidenceSum / Double(count) }
        public var accuracy: Double { Evaluation.ratio(right, count) }
    }

    /// Confidence in ten bins of 0.1 (1.0 falls in the last): how often kind and service were
    /// both right at each level. Calibrated confidence is right as often as it says.
    public var calibration: [CalibrationBin] {
        var bins = (0..<10).map { CalibrationBin(range: Double($0) / 10 ..< Double($0 + 1) / 10) }
        for c in confidences {
            let b = min(9, max(0, Int(c.confidence * 10)))
            bins[b].count += 1
            bins[b].confidenceSum += c.confidence
            if c.right { bins[b].right += 1 }
        }
        return bins
    }

    /// Expected calibration error over ``calibration``: the mean gap between confidence and
    /// accuracy, each bin weighted by its share of the enquiries.
    public var expectedCalibrationError: Double {
        guard total > 0 else { return 0 }
        return calibration.reduce(0) { $0 + Double($1.count) / Double(total) * abs($1.accuracy - $1.meanConfidence) }
    }

    /// Brier score of the confidence as a forecast of "kind and service both right" (0 is perfect).
    public var brierScore: Double {
        guard !confidences.isEmpty else { return 0 }
        return confidences.reduce(0) { $0 + pow($1.confidence - ($1.right ? 1 : 0), 2) } / Double(confidences.count)
    }

    /// The report `classifier evaluate` prints.
    public func report(title: String, showMistakes: Bool = false, showConfidences: Bool = false) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = "# \(title)\n\n"
        out += "enquiries                        \(total)\n"
        out += "kind right                       \(f(Evaluation.ratio(kindRight, total)))\n"
        out += "service right                    \(f(Evaluation.ratio(serviceRight, total)))\n"
        out += "kind and service both right      \(f(bothRightRate))   (target >= 0.95)\n"
        out += "safeguarding recall              \(f(safeguardingRecall))   (\(kind[.safeguardingConcern]?.truePositive ?? 0)/\(kind[.safeguardingConcern]?.support ?? 0), target >= 0.99; precision \(f(kind[.safeguardingConcern]?.precision ?? 0)))\n"
        out += "district right, place given     \(f(districtAccuracy))   (\(districtRight)/\(districtGiven), target >= 0.98)\n"
        out += "district null, no place given    \(f(Evaluation.ratio(districtAbsentRight, districtAbsent)))   (\(districtAbsentRight)/\(districtAbsent))\n"
        out += "special-category recall          \(f(specialCategoryRecall))   (target >= 0.95)\n"
        out += "below triage threshold \(Classifier.triageThreshold)       \(triaged) (\(triagedWrong) of them wrong); wrong above it: \(confidentWrong)\n"
        out += "calibration error (ECE)          \(f(expectedCalibrationError))   (10 bins; Brier score \(f(brierScore)))\n\n"
        out += table("kind", EnquiryKind.allCases, kind)
        out += table("service", ResponsibleService.allCases, service)
        out += table("special category", SpecialCategory.allCases, special)
        out += confusion("kind", EnquiryKind.allCases, kindConfusion, short: Evaluation.shortKind)
        out += confusion("service", ResponsibleService.allCases, serviceConfusion, short: Evaluation.shortService)
        out += "## calibration (confidence against kind and service both right)\n\n"
        out += "confidence   enquiries  mean confidence  both right\n"
        for bin in calibration where bin.count > 0 {
            out += String(format: "%.1f-%.1f      ", bin.range.lowerBound, bin.range.upperBound) + "\(bin.count)".leftPad(9)
                + "            " + f(bin.meanConfidence) + "       " + f(bin.accuracy) + "\n"
        }
        out += "\n"
        if showConfidences {
            // id, confidence, both right (1/0), then for an ordinary decision its calibration inputs
            // (kind p, service p, kind disagrees, service disagrees, no service cue).
            out += "## confidences\n\n" + confidences.map { c in
                var line = "\(c.id) \(c.confidence) \(c.right ? 1 : 0)"
                if let s = signals[c.id] {
                    line += " \(s.kind) \(s.service) \(s.kindDisagrees ? 1 : 0) \(s.serviceDisagrees ? 1 : 0) \(s.noServiceCue ? 1 : 0)"
                }
                return line
            }.joined(separator: "\n") + "\n"
        }
        if showMistakes { out += "## mistakes\n\n" + mistakes.joined(separator: "\n") + "\n" }
        return out
    }

    private func table<L: RawRepresentable>(_ name: String, _ labels: [L], _ counts: [L: Counts]) -> String where L.RawValue == String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = "## \(name)\n\n" + "label".padding(toLength: 24, withPad: " ", startingAt: 0) + " precision recall    f1 support\n"
        for label in labels {
            let c = counts[label] ?? Counts()
            out += label.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
                + " \(f(c.precision).leftPad(9)) \(f(c.recall).leftPad(6)) \(f(c.f1).leftPad(5)) \(String(c.support).leftPad(7))\n"
        }
        return out + "\n"
    }

    private func confusion<L: Hashable>(_ name: String, _ labels: [L], _ m: [L: [L: Int]], short: (L) -> String) -> String {
        var out = "## \(name) confusion (rows expected, columns predicted)\n\n" + "".padding(toLength: 6, withPad: " ", startingAt: 0)
        for l in labels { out += short(l).leftPad(5) }
        out += "\n"
        for expected in labels {
            out += short(expected).padding(toLength: 6, withPad: " ", startingAt: 0)
            for predicted in labels {
                let n = m[expected]?[predicted] ?? 0
                out += (n == 0 ? "." : String(n)).leftPad(5)
            }
            out += "\n"
        }
        out += "\n(" + labels.map { "\(short($0))=\(String(describing: $0))" }.joined(separator: " ") + ")\n\n"
        return out
    }

    static func shortKind(_ k: EnquiryKind) -> String {
        switch k {
        case .generalEnquiry: "ge"; case .serviceRequest: "sr"; case .complaint: "co"; case .compliment: "cp"
        case .foiRequest: "foi"; case .eirRequest: "eir"; case .dataRightsRequest: "dr"; case .safeguardingConcern: "sg"
        }
    }

    static func shortService(_ s: ResponsibleService) -> String {
        switch s {
        case .highways: "hw"; case .transport: "tr"; case .wasteDisposal: "wd"; case .libraries: "li"; case .registration: "re"
        case .adultSocialCare: "asc"; case .childrensServices: "cs"; case .education: "ed"; case .tradingStandards: "ts"
        case .publicHealth: "ph"; case .customerServices: "cust"; case .informationGovernance: "ig"; case .districtCouncil: "dc"
        case .nhs: "nhs"; case .police: "pol"
        }
    }
}

extension String {
    fileprivate func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
