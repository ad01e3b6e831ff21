import SignpostEvents

/// The embedded model, parsed once from `TrainedModel.text`; `nil` (rules alone) if it is missing or unreadable.
enum EmbeddedModel {
    static let shared: LinearModel? = TrainedModel.text.isEmpty ? nil : try? LinearModel(parsing: TrainedModel.text)
}

extension Classifier {
    /// Rules and model together. In order:
    /// 1. safeguarding when the rules find a concern (as in the rules-only decision; a weak one only if the
    ///    model gives it at least `weakConcernVeto`) or the model gives it probability >= `safeguardingThreshold`;
    ///    a child (rules) or the model's better of children's and adult social care decides the service, and
    ///    an adult's life described with no child's in it (`SafeguardingTeam`) makes it adult social care;
    /// 2. a named legal request (or clearly worded data rights): information governance, confidence 0.95;
    /// 3. otherwise the model's most probable ordinary kind (complaint, compliment, service request,
    ///    general enquiry) and most probable service.
    /// For case 3 the confidence is calibrated (`ConfidenceCalibration`): the probability, learnt from
    /// held-out answers, that kind and service are both right, from the kind's and the service's
    /// probabilities (each renormalised over the labels still allowed) and agreement with the rules.
    /// Without a calibration it is the product of those probabilities, lowered where the rules disagree.
    func decide(_ sheet: consuming ScoreSheet, document: Document, model: LinearModel) -> Classification {
        decideExplained(sheet, document: document, model: model).classification
    }

    /// As ``decide(_:document:model:)``, with the signals the confidence of an ordinary decision
    /// was calibrated from and the probabilities it chose from (both nil for safeguarding, legal
    /// requests and enquiries that say nothing). With `concernSetAside` the enquiry is not a
    /// safeguarding concern whatever the rules and the model say (the second opinion has set it aside).
    func decideExplained(_ sheet: consuming ScoreSheet, document: Document, model: LinearModel, concernSetAside: Bool = false)
        -> (classification: Classification, signals: ConfidenceSignals?, choice: OrdinaryChoice?) {
        guard let p = sheet.model else { return (decide(sheet, document: document), nil, nil) }
        // The sheet is this call's own: its evidence moves into the result instead of being copied.
        var evidence = sheet.evidence
        sheet.evidence = []
        let facts = sheet.facts
        let guarded = facts.safeguarding
        let legal = legalKind(sheet)
        // The rules' own answer gets a vote of `ruleVote` beside the model's probabilities.
        let rules = ruleLabels(sheet, document: document)
        let kv = ruleVote.kind, sv = ruleVote.service
        func pk(_ k: EnquiryKind) -> Double { (p.kind[model.kinds.firstIndex(of: k)!] + (k == rules.kind ? kv : 0)) / (1 + kv) }
        func ps(_ s: ResponsibleService) -> Double { (p.service[model.services.firstIndex(of: s)!] + (s == rules.service ? sv : 0)) / (1 + sv) }

        let kind: EnquiryKind
        var kindConfidence: Double
        var ordinaryDecision = false
        var kindProbabilities: [Double] = []
        // A weak rule concern the model all but rules out is set aside, with the rules' vote for it.
        let rawSafeguarding = p.kind[model.kinds.firstIndex(of: .safeguardingConcern)!]
        var vetoed = false
        if let veto = weakConcernVeto, guarded.isWeakConcern, rawSafeguarding < veto {
            vetoed = true
            evidence.append("rule: weak safeguarding cue set aside (model p=\(Classifier.format(rawSafeguarding)) < \(veto))")
        }
        let pSafeguarding = vetoed ? rawSafeguarding / (1 + kv) : pk(.safeguardingConcern)
        let ownCareRecords = facts.asksForOwnCareRecords(legal: legal)
        let legalOverride = facts.legalRequestOutranksConcern(legal: legal)
        let ruleConcern = guarded.isConcern && !legalOverride && !vetoed && !concernSetAside
        // Where the writer says the person is all right and gives no strong sign, the model alone needs a concern
        // more likely than not, and a passage alone is not enough.
        let reassured = guarded.reassured && !guarded.strongCue
        let passageConcern = !reassured && (passageCheck.map { sheet.passageSafeguarding >= $0.threshold && pSafeguarding >= $0.floor } ?? false)
        let threshold = reassured ? max(modelSafeguardingThreshold, reassuredSafeguardingThreshold) : modelSafeguardingThreshold
        let modelConcern = (pSafeguarding >= threshold || passageConcern) && (legal == nil || !facts.named.contains(legal!))
            && !concernSetAside && !ownCareRecords
        if ruleConcern || modelConcern {
            kind = .safeguardingConcern
            kindConfidence = max(pSafeguarding, 0.7)
            evidence.append(guarded.signs)
            evidence.append(ruleConcern ? "rule: safeguarding ranked first (model p=\(Classifier.format(pSafeguarding)))"
                            : pSafeguarding >= threshold ? "model: safeguarding p=\(Classifier.format(pSafeguarding)) >= \(threshold)"
                            : "model: safeguarding p=\(Classifier.format(sheet.passageSafeguarding)) in a passage (whole text p=\(Classifier.format(pSafeguarding)))")
        } else if let legal {
            kind = legal
            kindConfidence = facts.named.contains(legal) ? 0.95 : max(0.6, pk(legal))
            evidence.append("rule: \(facts.named.contains(legal) ? "named" : "worded") \(legal.rawValue)"
                            + (ownCareRecords ? ", the writer's own records of their time in care (not a concern now)" : ""))
        } else {
            let ordinary = OrdinaryChoice.kinds
            let probabilities = ordinary.map(pk)
            kindProbabilities = probabilities
            let total = probabilities.reduce(0, +)
            let best = ordinary[Self.firstMaximum(probabilities)]
            // No kind or service cue at all ("hi"): the model has only channel words to go on, so the
            // rules' default (a general enquiry, for triage) stands.
            let saysNothing = !sheet.kind.hasPositive && !sheet.service.hasPositive
            kind = saysNothing ? rules.kind : best
            kindConfidence = total > 0 ? pk(kind) / total : 0
            ordinaryDecision = !saysNothing
        }

        let service: ResponsibleService
        var serviceConfidence: Double
        var allowedServices: (labels: [ResponsibleService], probabilities: [Double]) = ([], [])
        switch kind {
        case .foiRequest, .eirRequest, .dataRightsRequest:
            service = .informationGovernance
            serviceConfidence = 1
        case .safeguardingConcern:
            let child = ps(.childrensServices), adult = ps(.adultSocialCare)
            // A child word decides; a son or daughter, or no word, leaves it to the model (a son may be 50);
            // either way an adult's life with no child's in it sends the concern to adult social care.
            let childTeam = guarded.child || (!guarded.elderly && child > adult)
            serviceConfidence = 1
            if childTeam, let words = SafeguardingTeam.adultAtRisk(guarded, in: document) {
                service = .adultSocialCare
                evidence.append(SafeguardingTeam.evidence(words))
            } else {
                service = childTeam ? .childrensServices : .adultSocialCare
                evidence.append("safeguarding -> \(service.rawValue): \(guarded.child ? "rule: child involved" : guarded.elderly ? "rule: elderly person" : "model")")
            }
        default:
            let allowed = model.services.filter { $0 != .informationGovernance || sheet.service[.informationGovernance] > 0 }
            let probabilities = allowed.map(ps)
            let total = probabilities.reduce(0, +)
            let bestIndex = Self.firstMaximum(probabilities)
            service = allowed[bestIndex]
            allowedServices = (allowed, probabilities)
            serviceConfidence = total > 0 ? probabilities[bestIndex] / total : 0
        }

        // What the model saw, and the two best candidates for triage.
        let kindIndex = model.kinds.firstIndex(of: kind)!, serviceIndex = model.services.firstIndex(of: service)!
        let top = model.topFeaturesOfBoth(p, kindIndex: kindIndex, serviceIndex: serviceIndex)
        let candidates = Classifier.candidates(p, model: model)
        // The same lines, appended piece by piece (no interpolation, no `joined`).
        // Room for the usual line at once (a string grown piece by piece is copied each time it fills).
        var line = "model kind "
        line.reserveCapacity(160)
        line += kind.rawValue; line += " p="; line += Classifier.format(pk(kind)); line += ": "
        for (i, name) in top.kind.enumerated() { if i > 0 { line += ", " }; line += name }
        evidence.append(line)
        line = "model service "
        line.reserveCapacity(160)
        line += service.rawValue; line += " p="; line += Classifier.format(ps(service)); line += ": "
        for (i, name) in top.service.enumerated() { if i > 0 { line += ", " }; line += name }
        evidence.append(line)
        line = "candidates: "
        line.reserveCapacity(96)
        for (i, c) in candidates.enumerated() {
            if i > 0 { line += "; " }
            line += c.kind.rawValue; line += "/"; line += c.service.rawValue; line += " "; line += Classifier.format(c.probability)
        }
        evidence.append(line)

        let noServiceCue = !sheet.service.hasPositive
        let signals: ConfidenceSignals? = ordinaryDecision
            ? ConfidenceSignals(kind: kindConfidence, service: serviceConfidence, kindDisagrees: kind != rules.kind,
                                serviceDisagrees: service != rules.service, noServiceCue: noServiceCue)
            : nil
        let calibrated = signals.flatMap { s in calibration.map { $0.probability(s) } }
        var confidence: Double
        if let calibrated {
            confidence = calibrated
        } else {
            // Uncalibrated: where the rules disagree, or no service cue fired (the service is the
            // model's guess alone), the answer is less certain than the model thinks.
            confidence = kindConfidence * serviceConfidence
            if kind != rules.kind { confidence *= disagreementFactor }
            if service != rules.service { confidence *= disagreementFactor }
            if noServiceCue { confidence *= disagreementFactor }
        }
        // When the model's guess is the contact centre itself and no service cue fired (nothing says whose
        // service it is), the enquiry goes to triage however sure the kind is ("I was told someone would get
        // back to me. Nobody has." is a clear complaint about an unknown service).
        if noServiceCue && service == .customerServices { confidence = min(confidence, Classifier.triageThreshold - 0.01) }
        if kind != rules.kind || service != rules.service {
            evidence.append("rules disagree (\(rules.kind.rawValue)/\(rules.service.rawValue))"
                + (calibrated == nil ? ": confidence x\(disagreementFactor) each" : ""))
        }
        if calibrated != nil, let calibration {
            evidence.append("confidence \(Classifier.format(confidence)): \(calibration.version), from kind p, service p and agreement with the rules")
        }
        var classification = finish(kind: kind, service: service, confidence: confidence,
                                    evidence: evidence, sheet: sheet, document: document)
        classification.candidates = candidates
        let choice = ordinaryDecision
            ? OrdinaryChoice(kindProbabilities: kindProbabilities, services: allowedServices.labels, serviceProbabilities: allowedServices.probabilities) : nil
        return (classification, signals, choice)
    }

    /// The index of the largest value, the first on a tie (what `max(by: <)` picks), each value read once.
    static func firstMaximum(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices.dropFirst() where values[best] < values[i] { best = i }
        return best
    }

    /// The two most probable (kind, service) pairs, best first (ties by name), probabilities rounded to 2 decimals.
    static func candidates(_ p: LinearModel.Prediction, model: LinearModel) -> [Classification.Candidate] {
        let (k0, k1) = topTwo(p.kind), (s0, s1) = topTwo(p.service)
        var pairs: [Classification.Candidate] = []
        pairs.reserveCapacity(4)
        for k in [k0, k1] where k >= 0 {
            for s in [s0, s1] where s >= 0 {
                pairs.append(.init(kind: model.kinds[k], service: model.services[s], probability: p.kind[k] * p.service[s]))
            }
        }
        // Names are compared only on a tie of probabilities (the order is total either way).
        let name = { (c: Classification.Candidate) in "\(c.kind.rawValue)/\(c.service.rawValue)" }
        return pairs.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : name($0) < name($1) }.prefix(2)
            .map { .init(kind: $0.kind, service: $0.service, probability: ($0.probability * 100).rounded() / 100) }
    }

    /// The indices of the two largest values (the lower index first on a tie), best first; -1 for
    /// a missing second.
    private static func topTwo(_ values: [Double]) -> (Int, Int) {
        var first = -1, second = -1
        for i in values.indices {
            if first < 0 || values[i] > values[first] {
                second = first
                first = i
            } else if second < 0 || values[i] > values[second] {
                second = i
            }
        }
        return (first, second)
    }

    static func format(_ x: Double) -> String {
        let hundredths = (x * 100).rounded()
        // Probabilities (0...1): the text of each of the 101 values, made once by the same `String(_:)`.
        if hundredths >= 0, hundredths <= 100, hundredths.sign == .plus { return formatted[Int(hundredths)] }
        return String(hundredths / 100)
    }

    /// `String(Double(i) / 100)` for i in 0...100.
    private static let formatted: [String] = (0...100).map { String(Double($0) / 100) }
}

/// The probabilities an ordinary decision chose its kind and service from: the model's, with the
/// rules' vote, over the ordinary kinds and over the services allowed (not yet renormalised).
struct OrdinaryChoice: Sendable {
    /// The kinds an ordinary decision chooses among.
    static let kinds: [EnquiryKind] = [.complaint, .compliment, .serviceRequest, .generalEnquiry]
    /// In the order of `kinds`.
    var kindProbabilities: [Double]
    var services: [ResponsibleService]
    /// In the order of `services`.
    var serviceProbabilities: [Double]
}
