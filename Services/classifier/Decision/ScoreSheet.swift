import SignpostEvents

/// Scores for the labels of one field. Iteration follows the label's declaration order,
/// so ties break the same way in every process (dictionary order would not).
struct Scores<Label: CaseIterable & Hashable & Sendable>: Sendable {
    private var values: [Label: Double] = [:]

    subscript(label: Label) -> Double { values[label, default: 0] }

    mutating func add(_ label: Label, _ weight: Double) { values[label, default: 0] += weight }

    /// Labels with a positive score, best first; ties in declaration order.
    var ranked: [(label: Label, score: Double)] {
        Label.allCases.map { ($0, self[$0]) }.filter { $0.1 > 0 }.enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map { (label: $0.element.0, score: $0.element.1) }
    }

    /// Adds `other` scaled by `weight`: how a later statistical model's probabilities can be
    /// blended with the rule scores before the decision.
    mutating func blend(_ other: Scores<Label>, weight: Double) {
        for label in Label.allCases where other[label] != 0 { add(label, other[label] * weight) }
    }
}

/// What the safeguarding rules found.
struct SafeguardingFacts: Sendable, Hashable {
    /// Sum of risk-cue weights.
    var risk = 0.0
    /// A cue strong enough on its own (abuse, self-harm, not seen for days, …).
    var strongCue = false
    /// Risk worded about a particular person ("worried about my neighbour").
    var aboutPerson = false
    var child = false
    var sonOrDaughter = false
    var adult = false
    var elderly = false

    /// Recall first: a strong cue alone, a weaker one with a person who may be at risk, or several weak ones.
    var isConcern: Bool {
        strongCue || aboutPerson || (risk >= 0.6 && (child || sonOrDaughter || adult || elderly)) || risk >= 1.2
    }

    /// A child is involved: a child word, or a son or daughter when no elderly person is the subject.
    var involvesChild: Bool { child || (sonOrDaughter && !elderly) }
}

/// Facts the hard rules decide on, beside the scores.
struct RuleFacts: Sendable, Hashable {
    /// Legal-request kinds whose Act, Regulations or right is named outright (and not negated).
    var named: Set<EnquiryKind> = []
    var safeguarding = SafeguardingFacts()
    /// Environmental-topic words (EIR when both FOI and EIR are named).
    var environmental = 0
    /// Statistics or many-people words ("how many", "figures").
    var statistics = false
    /// The requester's own data ("me", "my").
    var ownData = false
    /// A question about how such a request works ("how long does an FOI request take?"): a general enquiry.
    var processQuestion = false
}

/// Per-label scores with evidence: what any scorer produces and what the decision reads.
/// Rules fill it today; a trained model can fill (or `blend` into) the same sheet later.
struct ScoreSheet: Sendable {
    var kind = Scores<EnquiryKind>()
    var service = Scores<ResponsibleService>()
    var special = Scores<SpecialCategory>()
    var facts = RuleFacts()
    /// "rule.label: \"matched words\"" strings, in the order found.
    var evidence: [String] = []
    /// The trained model's probabilities, when a model is loaded.
    var model: LinearModel.Prediction? = nil
}

/// Anything that scores an enquiry: the rules now, a statistical model later.
protocol EnquiryScorer: Sendable {
    func score(_ document: Document) -> ScoreSheet
}
