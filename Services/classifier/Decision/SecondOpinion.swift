import Foundation
import SentenceEncoder
import SignpostEvents

/// Linear heads that read a sentence vector: the probability of each kind and each service.
/// Trained by `corpus/encoder/export_heads.py` and embedded in `EncoderHeads.swift`.
///
/// Text format, one label a line: `kind|service LABEL BIAS W1 … W384`. The probabilities are the
/// softmax of `bias + w · vector` over each task's labels.
struct EncoderHeads: Sendable {
    struct Head: Sendable {
        var labels: [String]
        var biases: [Float]
        /// Label-major: `labels.count × SentenceEncoder.dimension`.
        var weights: [Float]

        /// Each label's probability, in `labels` order.
        func probabilities(_ vector: [Float]) -> [Double] {
            let d = SentenceEncoder.dimension
            let scores = labels.indices.map { l in
                (0..<d).reduce(Double(biases[l])) { $0 + Double(weights[l * d + $1]) * Double(vector[$1]) }
            }
            let top = scores.max() ?? 0
            let exponentials = scores.map { exp($0 - top) }
            let total = exponentials.reduce(0, +)
            return exponentials.map { $0 / total }
        }
    }

    var version: String
    var kind: Head
    var service: Head

    /// The built-in heads.
    static let embedded: EncoderHeads = {
        do { return try EncoderHeads(parsing: EncoderHeadsData.text, version: EncoderHeadsData.version) } catch {
            fatalError("EncoderHeads.swift is malformed (\(error)): regenerate it with corpus/encoder/export_heads.py")
        }
    }()

    init(parsing text: String, version: String) throws(EncoderError) {
        self.version = version
        var heads = ["kind": Head(labels: [], biases: [], weights: []), "service": Head(labels: [], biases: [], weights: [])]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3 + SentenceEncoder.dimension, heads[String(fields[0])] != nil,
                  let bias = Float(fields[2]) else {
                throw .malformed(path: "EncoderHeads.swift", reason: "a line is not `kind|service LABEL BIAS` and \(SentenceEncoder.dimension) weights")
            }
            let weights = fields.dropFirst(3).compactMap { Float($0) }
            guard weights.count == SentenceEncoder.dimension else { throw .malformed(path: "EncoderHeads.swift", reason: "a weight is not a number") }
            heads[String(fields[0])]!.labels.append(String(fields[1]))
            heads[String(fields[0])]!.biases.append(bias)
            heads[String(fields[0])]!.weights += weights
        }
        kind = heads["kind"]!
        service = heads["service"]!
        guard kind.labels.allSatisfy({ EnquiryKind(rawValue: $0) != nil }), service.labels.allSatisfy({ ResponsibleService(rawValue: $0) != nil }),
              !kind.labels.isEmpty, !service.labels.isEmpty else {
            throw .malformed(path: "EncoderHeads.swift", reason: "a label is not one of labels.md")
        }
    }
}

/// A pretrained sentence encoder's reading of the enquiries the classifier is unsure of (confidence
/// below `doubtBelow`), other than safeguarding concerns and legal requests:
/// - where the encoder finds a safeguarding concern at least `concernAtLeast` likely, the enquiry is one
///   (recall first);
/// - else, for an ordinary decision (complaint, compliment, service request, general enquiry), the
///   kind and the service are chosen again from the product of the classifier's probabilities and the
///   encoder's (a product of experts: no weight to tune);
/// - else (an enquiry that says nothing the rules know), the encoder's kind and service are taken where
///   its P(kind) × P(service) is at least `acceptAtLeast`.
///
/// On the six probe rounds (1,440 enquiries by other writers) this raised kind and service both right
/// from 0.826 to 0.855 (docs/classification.md, "The second opinion, built"). An FOI, EIR or
/// data-rights request stays decided by the rules. The confidence of a changed answer is the
/// classifier's own, so a doubtful enquiry still goes to triage, with a better first answer.
///
/// It also reads the safeguarding concerns the classifier found on weak signs only (`mayQuestion`):
/// one the encoder all but rules out (P(concern) below `setAsideBelow`) is decided again as an
/// ordinary enquiry and sent to triage with the concern as its second candidate. A concern with a
/// strong sign, or worded as a worry about a person, stands unasked.
public struct SecondOpinion: Sendable {
    /// The classifier's confidence below which the encoder is asked (`compare.py`'s t, chosen on the test split).
    public static let doubtBelow = 0.8
    /// The encoder's P(kind) × P(service) at or above which its answer is taken (`compare.py`'s m).
    public static let acceptAtLeast = 0.7
    /// The encoder's P(safeguarding_concern) at or above which a doubtful enquiry is a concern: more
    /// likely than not, a round figure, not tuned (docs/classification.md, "The second opinion, built").
    public static let concernAtLeast = 0.5
    /// The confidence of a concern the second opinion raised: the rules' own for a weak concern.
    static let concernConfidence = 0.7

    public let encoder: SentenceEncoder
    let heads: EncoderHeads
    /// Recorded in `decidedBy` when the second opinion decided.
    public var version: String { "minilm-l6-v2+\(heads.version)" }

    /// Loads the encoder from `modelDirectory` (as `make encoder-model` leaves it) with the built-in heads.
    public init(modelDirectory: URL) throws(EncoderError) {
        encoder = try SentenceEncoder(modelDirectory: modelDirectory)
        heads = .embedded
    }

    /// The second opinion configured for a process: the model in `SIGNPOST_ENCODER_MODEL`, or in
    /// `SentenceEncoder.defaultDirectory` under the working directory when that exists;
    /// nil when `SIGNPOST_SECOND_OPINION=off` or no model is at the default place.
    /// An explicitly named model that cannot be loaded is an error.
    public static func configured(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(EncoderError) -> SecondOpinion? {
        if environment["SIGNPOST_SECOND_OPINION"] == "off" { return nil }
        let directory = SentenceEncoder.modelDirectory(relativeTo: workingDirectory, environment: environment)
        if environment["SIGNPOST_ENCODER_MODEL"].map({ !$0.isEmpty }) != true,
           !FileManager.default.fileExists(atPath: directory.appendingPathComponent(SentenceEncoder.weightsFile).path) {
            return nil
        }
        return try SecondOpinion(modelDirectory: directory)
    }

    /// What the encoder reads in a text.
    public struct Reading: Sendable, Equatable {
        /// The most probable kind and service (the first listed on a tie).
        public var kind: EnquiryKind, service: ResponsibleService
        /// P(kind) × P(service).
        public var probability: Double
        /// P(safeguarding_concern).
        public var concern: Double
        /// Every kind's and every service's probability (0 for a label the heads do not know).
        public var kinds: [EnquiryKind: Double], services: [ResponsibleService: Double]
    }

    /// The encoder's reading of `text`.
    public func read(_ text: String) -> Reading {
        let vector = encoder.embed(text)
        let pk = heads.kind.probabilities(vector), ps = heads.service.probabilities(vector)
        let k = pk.indices.max { pk[$0] < pk[$1] || (pk[$0] == pk[$1] && $0 > $1) }!
        let s = ps.indices.max { ps[$0] < ps[$1] || (ps[$0] == ps[$1] && $0 > $1) }!
        let concern = heads.kind.labels.firstIndex(of: EnquiryKind.safeguardingConcern.rawValue).map { pk[$0] } ?? 0
        var kinds: [EnquiryKind: Double] = [:], services: [ResponsibleService: Double] = [:]
        for (label, p) in zip(heads.kind.labels, pk) { kinds[EnquiryKind(rawValue: label)!] = p }
        for (label, p) in zip(heads.service.labels, ps) { services[ResponsibleService(rawValue: label)!] = p }
        return Reading(kind: EnquiryKind(rawValue: heads.kind.labels[k])!, service: ResponsibleService(rawValue: heads.service.labels[s])!,
                       probability: pk[k] * ps[s], concern: concern, kinds: kinds, services: services)
    }

    /// The encoder's P(safeguarding_concern) below which a concern found on weak signs only is set
    /// aside for triage (`mayQuestion`). On held-out answers (`crossval.py --decisions-out`, the
    /// encoder's head cross-fitted on the same folds, `corpus/encoder/set_aside.py`) it set aside 34 of
    /// 262 false concerns and none of the 1,076 found; 0.01 set aside 41, also losing none, 0.02 lost
    /// four. The lowest P(concern) of a true concern it may question was 0.0122: a margin of two.
    public static let setAsideBelow = 0.005

    /// Whether a concern the classifier found may be questioned: the rules saw no strong sign of risk,
    /// no worry worded about a person, and risk cues summing under 1.2 (a concern found by weak cues
    /// beside a person, or by the linear model alone). A concern with any stronger sign stands unasked.
    static func mayQuestion(_ facts: SafeguardingFacts) -> Bool {
        !facts.strongCue && !facts.aboutPerson && facts.risk < 1.2
    }

    /// Whether the classifier's answer is one the encoder may be asked about.
    static func mayReview(_ c: Classification) -> Bool {
        c.confidence < doubtBelow && c.kind != .safeguardingConcern && !c.kind.isLegalRequest
    }

    /// The services that take safeguarding concerns in the corpus.
    static let concernServices: Set<ResponsibleService> = [.childrensServices, .adultSocialCare, .police, .nhs]

    /// Whether a kind and service make a pair the corpus has: a legal request goes to information
    /// governance; a safeguarding concern to one of the services that take them.
    static func coherent(kind: EnquiryKind, service: ResponsibleService) -> Bool {
        if kind.isLegalRequest { return service == .informationGovernance }
        if kind == .safeguardingConcern { return concernServices.contains(service) }
        return true
    }
}

extension EnquiryKind {
    /// FOI, EIR and subject-rights requests: decided by the rules when the Act or the right is named.
    var isLegalRequest: Bool { self == .foiRequest || self == .eirRequest || self == .dataRightsRequest }
}
