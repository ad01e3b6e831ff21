import Foundation
import SignpostEvents

/// Classifies a customer-service enquiry: kind, responsible service, district, special-category
/// data, lawful basis and confidence, with the evidence that decided them.
///
/// Rules and a trained model together. The rule tables (`RuleScorer`) score every label and decide
/// where the law is clear: a request naming the FOI Act, the EIR or a data right goes to
/// information governance, and safeguarding comes first. The statistical model (`LinearModel`,
/// logistic regression over words, word pairs, character n-grams and the rules' findings, trained
/// from `corpus/classification/train.jsonl` and embedded in `TrainedModel.swift`) decides the rest
/// and gives the confidence. The rules' cue scores and the model's probabilities share one `ScoreSheet`.
public struct Classifier: Sendable {
    /// The rules' version; `decidedBy` is this plus the model's and the calibration's versions.
    public static let rulesVersion = "rules-1.11.0"
    /// The rules and model that decide, recorded in `Classification.decidedBy`.
    public static let version: String = {
        if let model = EmbeddedModel.shared { return versionString(model: model, calibration: ConfidenceCalibration.fitted) }
        return rulesVersion
    }()

    /// `rules+model`, then `+calibration` when the confidence is calibrated.
    static func versionString(model: LinearModel, calibration: ConfidenceCalibration?) -> String {
        "\(rulesVersion)+\(model.version)" + (calibration.map { "+\($0.version)" } ?? "")
    }

    /// Confidence at or above which a decision needs no human triage (the referral service's cut).
    static let triageThreshold = Classification.defaultTriageThreshold
    /// Model probability of `safeguarding_concern` at or above which an enquiry is one, whatever the
    /// rules say (recall first: a missed concern is the worst error). 0.1 since rules 1.6.0: on 4-fold
    /// cross-validation with the outside writers' enquiries it raised safeguarding recall from 0.916 to
    /// 0.938 with kind and service both right unchanged (0.821); 0.4 before.
    static let safeguardingThreshold = 0.1

    private let scorer: any EnquiryScorer
    private let locator = DistrictLocator()
    let model: LinearModel?
    private(set) var version: String
    /// `safeguardingThreshold` unless an experiment sets another.
    var modelSafeguardingThreshold = Classifier.safeguardingThreshold
    /// A weak concern of the rules (`SafeguardingFacts.isWeakConcern`: risk cues of 0.6 to 1.2 beside a person,
    /// no strong cue, no "worried about him") is dropped when the model's own probability of
    /// safeguarding is below this, and the rules' vote for it with it: "I was terrified when your service got
    /// involved" in a thank-you letter. Chosen by 4-fold cross-validation (rules 1.8.0, `crossval.py
    /// --decisions-out`): false concerns 303 -> 238 of 7,363, no concern lost, kind and service both right
    /// 0.814 -> 0.820 (flat from 0.005 to 0.02; recall falls from 0.03). `nil` turns it off.
    var weakConcernVeto: Double? = Classifier.weakConcernVeto
    static let weakConcernVeto: Double? = 0.01
    /// A concern told in a sentence or two of a longer text about something else (a pothole report
    /// that ends "probably nothing, but the boy opposite…"): the enquiry is one when some passage
    /// (`passages(of:)`) has a model probability of safeguarding of at least `threshold` and the whole
    /// text at least `floor`. Chosen by 4-fold cross-validation (rules 1.7.0): safeguarding recall
    /// 0.942 -> 0.962 with kind and service both right unchanged (0.818). A lower floor (0.0001, threshold
    /// 0.8) raised cross-validated recall a little more (0.963 -> 0.968) but found no more concerns on the
    /// test split or the fourth probe and cost both right there (docs/classification.md, seventh round),
    /// so it was not kept. `nil` turns it off.
    var passageCheck: PassageCheck? = Classifier.passageCheck
    static let passageCheck: PassageCheck? = PassageCheck(threshold: 0.7, floor: 0.002)

    /// The model's probability of safeguarding that makes a concern on its own where the writer says the person
    /// is all right and the rules find no strong cue (`SafeguardingFacts.reassured`): more likely than not, not
    /// tuned; a passage alone does not count there. Rules 1.10.0.
    var reassuredSafeguardingThreshold = Classifier.reassuredSafeguardingThreshold
    static let reassuredSafeguardingThreshold = 0.5

    /// See `passageCheck`.
    struct PassageCheck: Sendable {
        var threshold: Double
        var floor: Double
    }
    /// The weight of the rules' own kind and service beside the model's probabilities (see
    /// `decide(_:document:model:)`). The service vote was 0.8 while the model was trained on fewer
    /// writers; on 7,667 training records 4-fold cross-validation put it at 0.4 (kind and service both
    /// right 6,302 -> 6,327; flat from 0.3 to 0.6, lower from 0.2, 1.1 much worse).
    var ruleVote = Classifier.ruleVote
    static let ruleVote = (kind: 0.3, service: 0.4)
    /// Confidence is multiplied by this for each of kind and service where the rules' own answer differs
    /// from the one chosen: the model is over-confident on wording it never saw, and a disagreement with
    /// the rules is the best sign of that (chosen by 4-fold cross-validation, `crossval.py`).
    var disagreementFactor = Classifier.disagreementFactor
    static let disagreementFactor = 0.6
    /// Calibrates the confidence of the model's ordinary decisions (nil: the uncalibrated product
    /// of probabilities and disagreement factors above). Only with a model.
    var calibration: ConfidenceCalibration? {
        didSet { version = model.map { Classifier.versionString(model: $0, calibration: calibration) } ?? Classifier.rulesVersion }
    }

    /// Asked about the enquiries the classifier is unsure of (see `SecondOpinion`); nil: the rules
    /// and the linear model alone. Only with a model.
    public var secondOpinion: SecondOpinion?

    /// A classifier with the built-in rule tables and the embedded trained model.
    public init() {
        self.init(model: EmbeddedModel.shared)
    }

    /// The rules alone (no model): for comparison in `classifier evaluate --rules-only`.
    public static func rulesOnly() -> Classifier { Classifier(model: nil) }

    init(model: LinearModel?) {
        scorer = RuleScorer()
        self.model = model
        let calibration = model == nil ? nil : ConfidenceCalibration.fitted
        self.calibration = calibration
        version = model.map { Classifier.versionString(model: $0, calibration: calibration) } ?? Classifier.rulesVersion
    }

    /// Classifies `text` as received on `channel`. Deterministic: the same text and channel
    /// always give the same result.
    public func classify(text: String, channel: Channel) -> Classification {
        classifyExplained(text: text, channel: channel).classification
    }

    /// As ``classify(text:channel:)``, with the signals an ordinary decision's confidence was
    /// calibrated from (what `calibrate.py` fits the calibration to).
    func classifyExplained(text: String, channel: Channel) -> (classification: Classification, signals: ConfidenceSignals?) {
        let document = Document(text: text, channel: channel)
        var sheet = scorer.score(document)
        guard let model else { return (decide(sheet, document: document), nil) }
        let prediction = model.predict(FeatureExtractor.extract(document, sheet: sheet))
        sheet.model = prediction
        // Passages are read only where they could decide: no concern found, but the whole text is not
        // silent about one. (With no concern found the rules' kind is not safeguarding, so the
        // probability `decide` compares is the model's divided by 1 + the rules' vote.)
        if let check = passageCheck, !sheet.facts.safeguarding.isConcern, let sg = model.kinds.firstIndex(of: .safeguardingConcern) {
            let p = prediction.kind[sg] / (1 + ruleVote.kind)
            if p >= check.floor, p < modelSafeguardingThreshold {
                sheet.passageSafeguarding = passageSafeguarding(text: text, channel: channel, model: model, kindIndex: sg, threshold: check.threshold)
            }
        }
        let concernFacts = sheet.facts.safeguarding
        let (decision, signals, choice) = decideExplained(sheet, document: document, model: model)
        guard let secondOpinion else { return (decision, signals) }
        if decision.kind == .safeguardingConcern, SecondOpinion.mayQuestion(concernFacts) {
            return (question(decision, facts: concernFacts, by: secondOpinion, model: model, text: text, document: document), nil)
        }
        guard SecondOpinion.mayReview(decision) else { return (decision, signals) }
        return (review(decision, choice: choice, by: secondOpinion, text: text, document: document), signals)
    }

    /// `decision`, a safeguarding concern found on weak signs only (`SecondOpinion.mayQuestion`), as the
    /// second opinion leaves it: kept when the encoder finds a concern at all likely; set aside when its
    /// P(concern) is below `SecondOpinion.setAsideBelow`. A concern set aside is decided again as an
    /// ordinary enquiry (and reviewed as one), and goes to triage: its confidence is held below the
    /// triage threshold and the concern is its second candidate, so a person makes the last call.
    func question(_ decision: Classification, facts: SafeguardingFacts, by opinion: SecondOpinion, model: LinearModel,
                  text: String, document: Document) -> Classification {
        guard opinion.encoder.readsWords(in: text) else {
            var result = decision
            result.evidence.append("second opinion \(opinion.version): no word it knows in the text, not asked")
            return result
        }
        let reading = opinion.read(text)
        guard reading.concern < SecondOpinion.setAsideBelow else {
            var result = decision
            result.evidence.append("second opinion \(opinion.version): concern p=\(Classifier.format(reading.concern)), "
                + "not below \(SecondOpinion.setAsideBelow): the concern stands")
            return result
        }
        var sheet = scorer.score(document)
        sheet.model = model.predict(FeatureExtractor.extract(document, sheet: sheet))
        let (ordinary, _, choice) = decideExplained(sheet, document: document, model: model, concernSetAside: true)
        // A legal request stays the rules' (as `SecondOpinion.mayReview` keeps it from the encoder).
        var result = ordinary.kind.isLegalRequest ? ordinary
            : review(ordinary, choice: choice, by: opinion, reading: reading, text: text, document: document)
        result.evidence.append("second opinion \(opinion.version): concern p=\(Classifier.format(reading.concern)) "
            + "below \(SecondOpinion.setAsideBelow), the rules' signs weak: concern set aside, for triage")
        result.confidence = min(result.confidence, Classifier.triageThreshold - 0.01)
        let concern = Classification.Candidate(kind: decision.kind, service: decision.service, probability: decision.confidence)
        result.candidates = [Classification.Candidate(kind: result.kind, service: result.service, probability: result.confidence), concern]
        result.decidedBy = version + "+" + opinion.version
        return result
    }

    /// `decision` as the second opinion leaves it (see `SecondOpinion`): a safeguarding concern when
    /// the encoder finds one likely enough, for the service it reads if that service takes concerns,
    /// else for children's or adult services as the rules' findings say; for an ordinary decision
    /// (`choice`), the kind and service most probable by the classifier and the encoder together;
    /// otherwise the encoder's own answer when it is sure enough and the pair is coherent. A changed
    /// answer has its district and special categories worked out again and keeps the classifier's
    /// confidence and candidates; the evidence says what the encoder read either way.
    /// `reading`: the encoder's reading of `text` when the caller already has it.
    func review(_ decision: Classification, choice: OrdinaryChoice?, by opinion: SecondOpinion, reading known: SecondOpinion.Reading? = nil,
                text: String, document: Document) -> Classification {
        guard known != nil || opinion.encoder.readsWords(in: text) else {
            var result = decision
            result.evidence.append("second opinion \(opinion.version): no word it knows in the text, not asked")
            return result
        }
        let reading = known ?? opinion.read(text)
        var read = "second opinion \(opinion.version): \(reading.kind.rawValue)/\(reading.service.rawValue) p=\(Classifier.format(reading.probability)), concern p=\(Classifier.format(reading.concern))"
        let over = "over \(decision.kind.rawValue)/\(decision.service.rawValue) (confidence \(Classifier.format(decision.confidence)) below \(SecondOpinion.doubtBelow))"
        func changed(to kind: EnquiryKind, _ service: ResponsibleService, confidence: Double, why: String, sheet: ScoreSheet) -> Classification {
            var result = finish(kind: kind, service: service, confidence: confidence, evidence: decision.evidence + [read + ", " + why],
                                sheet: sheet, document: document)
            result.candidates = decision.candidates
            result.decidedBy = version + "+" + opinion.version
            return result
        }
        func kept(_ why: String) -> Classification {
            var result = decision
            result.evidence.append(read + ", " + why)
            return result
        }
        if reading.concern >= SecondOpinion.concernAtLeast {
            // The rules' findings are read again: district, special categories and whether a child is involved.
            let sheet = scorer.score(document)
            var team = SecondOpinion.concernServices.contains(reading.service) ? reading.service
                : sheet.facts.safeguarding.involvesChild ? .childrensServices : .adultSocialCare
            var why = "concern at least \(SecondOpinion.concernAtLeast): safeguarding first, " + over
            if team == .childrensServices, let words = SafeguardingTeam.adultAtRisk(sheet.facts.safeguarding, in: document) {
                team = .adultSocialCare
                why += "; " + SafeguardingTeam.evidence(words)
            }
            return changed(to: .safeguardingConcern, team, confidence: SecondOpinion.concernConfidence, why: why, sheet: sheet)
        }
        if let choice {
            // A product of experts: each label's probability by the classifier times the encoder's.
            func best<Label: Hashable>(_ labels: [Label], _ ours: [Double], _ theirs: [Label: Double]) -> Label {
                let scores = zip(labels, ours).map { log(max($1, 1e-9)) + log(max(theirs[$0] ?? 0, 1e-9)) }
                return labels[Classifier.firstMaximum(scores)]
            }
            let kind = best(OrdinaryChoice.kinds, choice.kindProbabilities, reading.kinds)
            let service = best(choice.services, choice.serviceProbabilities, reading.services)
            read += ", together \(kind.rawValue)/\(service.rawValue)"
            if kind == decision.kind, service == decision.service { return kept("agrees") }
            return changed(to: kind, service, confidence: decision.confidence, why: "taken " + over, sheet: scorer.score(document))
        }
        if reading.kind == decision.kind, reading.service == decision.service { return kept("agrees") }
        if reading.probability < SecondOpinion.acceptAtLeast { return kept("below \(SecondOpinion.acceptAtLeast): not taken") }
        if !SecondOpinion.coherent(kind: reading.kind, service: reading.service) { return kept("not a pair the corpus has: not taken") }
        return changed(to: reading.kind, reading.service, confidence: decision.confidence, why: "taken " + over, sheet: scorer.score(document))
    }

    /// The model's highest probability of safeguarding over the passages of `text` (`passages(of:)`),
    /// each classified by the rules and the model as a text of its own; it stops at the first at
    /// or above `threshold`. 0 for a text of one sentence (the whole text has been read). `kindIndex` is the
    /// model's index of `safeguardingConcern`, which the caller has already looked up.
    func passageSafeguarding(text: String, channel: Channel, model: LinearModel, kindIndex sg: Int, threshold: Double) -> Double {
        let passages = Classifier.passages(of: text)
        guard passages.count > 1 else { return 0 }
        var best = 0.0
        for passage in passages {
            let document = Document(text: passage, channel: channel)
            let sheet = scorer.score(document)
            best = max(best, model.predict(FeatureExtractor.extract(document, sheet: sheet)).kind[sg])
            if best >= threshold { break }
        }
        return best
    }

    /// Each sentence of `text`'s read lines with the one after it (the last alone), spaces trimmed.
    /// Only the lines a `Document` reads make sentences: staff turns, personal-data form fields and the
    /// signature are left out (so a caller's line is never joined to the agent's line before it and
    /// dropped with it), and a subject line counts without its "Subject:" label. Sentences end at a
    /// line break, or at ".", "!" or "?" followed by a space. A text of one sentence is one passage.
    static func passages(of text: String) -> [String] {
        var sentences: [String] = []
        for (line, role) in Document.roles(of: text) where role == .body || role == .subject {
            var current = ""
            var previous: Character = " "
            func close() {
                let sentence = current.trimmingSpaces()
                if !sentence.isEmpty { sentences.append(sentence) }
                current = ""
            }
            for ch in line {
                current.append(ch)
                if ch == " ", previous == "." || previous == "!" || previous == "?" { close() }
                previous = ch
            }
            close()
        }
        return sentences.indices.map { i in i + 1 < sentences.count ? sentences[i] + " " + sentences[i + 1] : sentences[i] }
    }

    /// Turns scores into labels. Precedence, in order:
    /// 1. safeguarding, when its cues fire (recall first) — unless an Act or data right is named
    ///    and the text asks for statistics or for one's own data, with no person said to be at risk;
    /// 2. a named legal request: data rights over FOI when it is the requester's own data
    ///    (FOIA s.40(1)), EIR over FOI when both are named and the topic is environmental;
    /// 3. the best-scoring of complaint, compliment, service request, general enquiry
    ///    (ties in that order); with no kind cue, service request for a statement about a service,
    ///    else general enquiry, both with low confidence.
    /// `labelsOnly`: kind and service are all the caller needs (no district lookup).
    func decide(_ sheet: ScoreSheet, document: Document, labelsOnly: Bool = false) -> Classification {
        var evidence = sheet.evidence
        let (kind, service, confidence) = ruleChoice(sheet, document: document, evidence: &evidence, recording: true)
        return finish(kind: kind, service: service, confidence: confidence,
                      evidence: evidence, sheet: sheet, document: document, labelsOnly: labelsOnly)
    }

    /// The rules' own kind and service, as `decide(_:document:)` chooses them, without evidence,
    /// district or special categories: what the model's decision compares its answer with.
    func ruleLabels(_ sheet: ScoreSheet, document: Document) -> (kind: EnquiryKind, service: ResponsibleService) {
        var unused: [String] = []
        let (kind, service, _) = ruleChoice(sheet, document: document, evidence: &unused, recording: false)
        return (kind, service)
    }

    /// The rules' kind, service and confidence (the precedence of `decide(_:document:labelsOnly:)`);
    /// with `recording`, the reasons are appended to `evidence`.
    private func ruleChoice(_ sheet: ScoreSheet, document: Document, evidence: inout [String], recording: Bool)
        -> (kind: EnquiryKind, service: ResponsibleService, confidence: Double) {
        let facts = sheet.facts
        let guarded = facts.safeguarding
        let legal = legalKind(sheet)

        let kind: EnquiryKind
        var kindConfidence: Double
        if guarded.isConcern, !facts.legalRequestOutranksConcern(legal: legal) {
            kind = .safeguardingConcern
            kindConfidence = guarded.strongCue ? 0.85 : 0.7
            if recording { evidence.append("rule: safeguarding ranked first") }
        } else if let legal {
            kind = legal
            kindConfidence = facts.named.contains(legal) ? 0.95 : 0.8
            if recording { evidence.append("rule: \(facts.named.contains(legal) ? "named" : "worded") \(legal.rawValue)") }
        } else {
            // The best-scoring contender (the first listed on a tie) and the runner-up's score.
            let contenders: (EnquiryKind, EnquiryKind, EnquiryKind, EnquiryKind) = (.complaint, .compliment, .serviceRequest, .generalEnquiry)
            let scores = (sheet.kind[contenders.0], sheet.kind[contenders.1], sheet.kind[contenders.2], sheet.kind[contenders.3])
            var top = contenders.0, topScore = scores.0, secondScore = -Double.infinity
            for (label, score) in [(contenders.1, scores.1), (contenders.2, scores.2), (contenders.3, scores.3)] {
                if score > topScore {
                    secondScore = topScore
                    top = label; topScore = score
                } else if score > secondScore {
                    secondScore = score
                }
            }
            if topScore > 0 {
                kind = top
                kindConfidence = Classifier.clamp(0.45 + 0.15 * topScore - 0.2 * secondScore, 0.4, 0.9)
            } else if !document.asksQuestion, sheet.service.hasPositive {
                // A statement about a service with no question ("dead badger on the road outside …")
                // reports something for the council to act on.
                kind = .serviceRequest
                kindConfidence = 0.4
                if recording { evidence.append("rule: no kind cue, statement about a service -> service_request") }
            } else {
                kind = .generalEnquiry
                kindConfidence = 0.35
                if recording { evidence.append("rule: no kind cue, default general_enquiry") }
            }
        }

        let service: ResponsibleService
        var serviceConfidence: Double
        switch kind {
        case .foiRequest, .eirRequest, .dataRightsRequest:
            service = .informationGovernance
            serviceConfidence = 0.95
        case .safeguardingConcern:
            serviceConfidence = 0.85
            if guarded.involvesChild, let words = SafeguardingTeam.adultAtRisk(guarded, in: document) {
                service = .adultSocialCare
                if recording { evidence.append(SafeguardingTeam.evidence(words)) }
            } else {
                service = guarded.involvesChild ? .childrensServices : .adultSocialCare
                if recording { evidence.append("rule: safeguarding \(guarded.involvesChild ? "child involved" : "adult") -> \(service.rawValue)") }
            }
        default:
            if let (best, second) = sheet.service.topTwo {
                service = best.label
                serviceConfidence = Classifier.clamp(0.5 + 0.12 * best.score - 0.15 * second, 0.4, 0.92)
            } else {
                service = .customerServices
                serviceConfidence = 0.3
                if recording { evidence.append("rule: no service cue, default customer_services for triage") }
            }
        }
        return (kind, service, min(kindConfidence, serviceConfidence))
    }

    /// District, special categories, lawful basis and Art. 9 condition, for a decided kind and service.
    func finish(kind: EnquiryKind, service: ResponsibleService, confidence: Double, evidence: consuming [String],
                sheet: ScoreSheet, document: Document, labelsOnly: Bool = false) -> Classification {
        var district: District? = nil
        if service == .districtCouncil, !labelsOnly {
            switch locator.district(in: document) {
            case .district(let d, let why)?:
                district = d
                evidence.append("district \(d.rawValue): \(why)")
            case .ambiguous(let code, let candidates)?:
                evidence.append("district unknown: \(code) straddles \(candidates.map(\.rawValue).joined(separator: ", "))")
            case nil:
                evidence.append("district unknown: no postcode or place")
            }
        }

        let special = sheet.special.ranked.map(\.label).sorted { a, b in
            SpecialCategory.allCases.firstIndex(of: a)! < SpecialCategory.allCases.firstIndex(of: b)!
        }
        let condition = SpecialCategoryCondition.required(kind: kind, specialCategories: special)

        let confidence = (confidence * 100).rounded() / 100
        return Classification(
            kind: kind,
            service: service,
            district: district,
            specialCategories: special,
            lawfulBasis: kind.lawfulBasis,
            specialCategoryCondition: condition,
            confidence: confidence,
            decidedBy: version,
            evidence: evidence
        )
    }

    /// The legal-request kind, if any: named outright (weight 3 cue) or, for data rights, worded
    /// clearly enough (score >= 2).
    func legalKind(_ sheet: ScoreSheet) -> EnquiryKind? {
        let facts = sheet.facts
        let dataRights = facts.named.contains(.dataRightsRequest) || sheet.kind[.dataRightsRequest] >= 2
        // "How long does an FOI request take?" names the Act but asks about it: an ordinary enquiry. A writer who
        // tells their own time in care and asks for their file is making the request, whatever they ask about
        // it ("how long will it take?", rules 1.11.0).
        if facts.processQuestion && !(dataRights && facts.ownCareHistory) { return nil }
        let foi = facts.named.contains(.foiRequest), eir = facts.named.contains(.eirRequest)
        if dataRights && (facts.ownData || !(foi || eir)) { return .dataRightsRequest }
        if foi && eir { return facts.environmental > 0 ? .eirRequest : .foiRequest }
        if eir { return .eirRequest }
        if foi { return .foiRequest }
        return nil
    }

    static func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { max(lo, min(hi, x)) }
}
