import SignpostEvents

/// Scores for the labels of one field. Iteration follows the label's declaration order,
/// so ties break the same way in every process (dictionary order would not).
struct Scores<Label: CaseIterable & Hashable & Sendable>: Sendable {
    /// The labels scored so far, in the order first added, and their sums (same index). A short
    /// list compared with `==` (these enums hash their raw `String`, compare by case).
    private var labels: [Label] = []
    private var sums: [Double] = []

    subscript(label: Label) -> Double {
        for i in labels.indices where labels[i] == label { return sums[i] }
        return 0
    }

    mutating func add(_ label: Label, _ weight: Double) {
        for i in labels.indices where labels[i] == label {
            sums[i] += weight
            return
        }
        labels.append(label)
        sums.append(0 + weight)
    }

    /// Labels with a positive score, best first; ties in declaration order.
    var ranked: [(label: Label, score: Double)] {
        var positive: [(label: Label, score: Double, order: Int)] = []
        var all: Label.AllCases? = nil
        for i in labels.indices where sums[i] > 0 {
            if all == nil { all = Label.allCases }
            positive.append((labels[i], sums[i], Scores.order(of: labels[i], in: all!)))
        }
        if positive.count > 1 {
            positive.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
        }
        return positive.map { (label: $0.label, score: $0.score) }
    }

    /// Whether some label has a positive score (`ranked` is not empty), without building `ranked`.
    var hasPositive: Bool {
        for sum in sums where sum > 0 { return true }
        return false
    }

    /// `ranked[0]` and `ranked[1].score` (0 when only one label is positive), without building `ranked`;
    /// `nil` when `ranked` is empty.
    var topTwo: (best: (label: Label, score: Double), second: Double)? {
        var best: (label: Label, score: Double, order: Int)? = nil
        var second = 0.0
        var all: Label.AllCases? = nil
        for i in labels.indices where sums[i] > 0 {
            if all == nil { all = Label.allCases }
            let entry = (label: labels[i], score: sums[i], order: Scores.order(of: labels[i], in: all!))
            if let b = best {
                if entry.score != b.score ? entry.score > b.score : entry.order < b.order {
                    second = b.score
                    best = entry
                } else if entry.score > second {
                    second = entry.score
                }
            } else {
                best = entry
            }
        }
        return best.map { (best: (label: $0.label, score: $0.score), second: second) }
    }

    /// The position of `label` in declaration order.
    private static func order(of label: Label, in all: Label.AllCases) -> Int {
        var order = 0
        for candidate in all {
            if candidate == label { break }
            order += 1
        }
        return order
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
    /// Sum of the weights of risks to a child only: added to `risk` once a child is known to be involved.
    var childRisk = 0.0
    /// A cue strong enough on its own (abuse, self-harm, not seen for days, …).
    var strongCue = false
    /// Risk worded about a particular person ("worried about my neighbour").
    var aboutPerson = false
    var child = false
    var sonOrDaughter = false
    var adult = false
    var elderly = false

    /// The writer says the person is all right (`SafeguardingCue.reassurance`).
    var reassured = false
    /// An age under 18 stated ("she's 15", "a 6 year old"), the writer's own included.
    var statedChildAge = false
    /// An age of 18 to 64 stated of someone other than the writer ("he's 26", "my son is 19", "a 30 year old").
    var statedAdultAge = false

    /// Recall first: a strong cue alone, a weaker one with a person who may be at risk, or several weak ones;
    /// weak signs only where the writer has not said the person is all right.
    var isConcern: Bool {
        strongCue || (!reassured && hasWeakSigns)
    }

    /// Weak signs enough for a concern: a worry about a person, a weaker cue with a person who may be at risk,
    /// or several weak cues.
    var hasWeakSigns: Bool {
        aboutPerson || (risk >= 0.6 && (child || sonOrDaughter || adult || elderly)) || risk >= 1.2
    }

    /// A concern only by risk cues of 0.6 to 1.2 beside a person: no strong cue, no "worried about him" cue.
    var isWeakConcern: Bool { isConcern && !strongCue && !aboutPerson && risk < 1.2 }

    /// The evidence line a safeguarding decision carries: how strong the rules' signs were, which
    /// decides whether the second opinion may question the concern (`SecondOpinion.mayQuestion`).
    var signs: String {
        "safeguarding signs: risk \(Classifier.format(risk)), \(strongCue ? "a strong cue" : "no strong cue"), "
            + (aboutPerson ? "worry about a person" : "no worry about a person")
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
    /// The writer's own time in care ("I was in care from 1994 to 2001").
    var ownCareHistory = false

    /// A request for the writer's own records told with their past in care (rules 1.11.0): the law is clear, a
    /// subject access request, and the past it tells ("why I was taken into care") is no concern about anyone now.
    /// A worry about a person beside it still makes a concern.
    func asksForOwnCareRecords(legal: EnquiryKind?) -> Bool {
        legal == .dataRightsRequest && ownCareHistory && !safeguarding.aboutPerson
    }

    /// Whether the legal request outranks the rules' concern: one named outright about many people's records or
    /// the writer's own (statistics, "my"), or a request for the writer's own care records; never beside a worry
    /// about a person.
    func legalRequestOutranksConcern(legal: EnquiryKind?) -> Bool {
        (legal != nil && !named.isEmpty && (statistics || ownData) && !safeguarding.aboutPerson) || asksForOwnCareRecords(legal: legal)
    }
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
    /// The model's best probability of safeguarding over the enquiry's passages
    /// (`Classifier.passageSafeguarding`), when they were read; 0 otherwise.
    var passageSafeguarding: Double = 0
}

/// Anything that scores an enquiry: the rules now, a statistical model later.
protocol EnquiryScorer: Sendable {
    func score(_ document: Document) -> ScoreSheet
}
