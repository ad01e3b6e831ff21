import SignpostEvents

/// Scores an enquiry with the rule tables of `Lexicons`.
struct RuleScorer: EnquiryScorer {
    /// Kind cues in an email subject line count this much more.
    static let subjectBoost = 1.5
    /// What a "?" adds to `general_enquiry`.
    static let questionMarkWeight = 0.3

    func score(_ document: Document) -> ScoreSheet {
        var sheet = ScoreSheet()
        // Room for the usual evidence and the decision's lines, so the list is not regrown as it fills.
        sheet.evidence.reserveCapacity(16)
        scoreKinds(document, into: &sheet)
        scoreSafeguarding(document, into: &sheet)
        scoreServices(document, into: &sheet)
        scoreSpecialCategories(document, into: &sheet)
        scoreTopics(document, into: &sheet)
        return sheet
    }

    /// Signature lines ("Thanks, Priya Shah") carry no kind, service or special-category evidence.
    private func counts(_ positions: [Int], _ document: Document) -> Bool {
        document.tokens[positions[0]].role != .signature
    }

    private func scoreKinds(_ document: Document, into sheet: inout ScoreSheet) {
        for m in Lexicons.kinds.matches(in: document) where counts(m.positions, document) {
            guard case .kind(let kind) = m.cue.label else { continue }
            let words = m.words(in: document)
            if m.negated && kind != .generalEnquiry {
                sheet.evidence.append("negated \(kind.rawValue): \"\(words)\"")
                continue
            }
            let boost = document.tokens[m.start].role == .subject ? RuleScorer.subjectBoost : 1
            sheet.kind.add(kind, m.cue.weight * boost)
            if m.cue.weight >= 3, [.foiRequest, .eirRequest, .dataRightsRequest].contains(kind) {
                sheet.facts.named.insert(kind)
            }
            sheet.evidence.append("\(kind.rawValue): \"\(words)\"")
        }
        if document.asksQuestion {
            sheet.kind.add(.generalEnquiry, RuleScorer.questionMarkWeight)
            sheet.evidence.append("general_enquiry: \"?\"")
        }
    }

    static let childWords = Set(Lexicons.childWords)
    static let elderlyWords = Set(Lexicons.elderlyWords)
    static let youngerRelatives = Set(Lexicons.youngerRelatives)
    /// Words before an age ("my brother is 9", "she's about 80", "he's nearly ninety").
    static let ageLeads: Set<String> = ["is", "im", "aged", "age", "only", "just", "hes", "shes"]
    /// A relationship between two people ("seeing someone", "her boyfriend").
    static let relationshipWords: Set<String> = ["boyfriend", "girlfriend", "seeing", "dating", "relationship", "sleeping", "partner",
                                                   "marry", "married", "marriage", "engaged"]
    /// Words after a number that make it a quantity, not an age.
    static let quantityUnits: Set<String> = ["minutes", "mins", "minute", "hours", "hour", "hrs", "days", "weeks", "months", "miles",
                                             "metres", "meters", "yards", "feet", "pounds", "quid", "pence", "percent", "pm", "am",
                                             "oclock", "times", "degrees", "mph", "quarter", "past"]
    /// Words that lead only an old age ("about 80": "about 10" is more often minutes than a child).
    static let oldAgeLeads: Set<String> = ["about", "around", "nearly", "over", "almost"]
    /// Tens written as words, for ages ("seventy-five" is read as 70 and up).
    static let tens: [String: Int] = ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90]
    /// Whether a word could be one of `tens` (5 to 7 letters, starting t, f, s, e or n): spares most words the lookup.
    @inline(__always) static func mayBeTens(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard (5...7).contains(utf8.count), let first = utf8.first else { return false }
        return first == UInt8(ascii: "t") || first == UInt8(ascii: "f") || first == UInt8(ascii: "s")
            || first == UInt8(ascii: "e") || first == UInt8(ascii: "n")
    }

    private func scoreSafeguarding(_ document: Document, into sheet: inout ScoreSheet) {
        var facts = SafeguardingFacts()
        var evidence: [String] = []
        var childEvidence: [String] = []
        var reassurance: [String] = []
        for m in Lexicons.safeguarding.matches(in: document) where counts(m.positions, document) {
            let words = m.words(in: document)
            switch m.cue.label {
            case .risk:
                facts.risk += m.cue.weight
                if m.cue.weight >= 1.2 { facts.strongCue = true }
                evidence.append("safeguarding risk: \"\(words)\"")
            case .riskAboutPerson:
                // "worried about my son's school place" is about the school, not the son.
                if document.tokens[m.positions[m.positions.count - 1]].possessive { continue }
                facts.aboutPerson = true
                facts.risk += m.cue.weight
                // The person the worry is about is consumed by this cue: record who it is.
                let subject = m.positions.last.map { document.tokens[$0].forms } ?? []
                if subject.contains(where: RuleScorer.childWords.contains) { facts.child = true }
                if subject.contains(where: RuleScorer.elderlyWords.contains) { facts.elderly = true }
                if subject.contains(where: RuleScorer.youngerRelatives.contains) { facts.sonOrDaughter = true }
                evidence.append("safeguarding risk about a person: \"\(words)\"")
            case .childRisk:
                facts.childRisk += m.cue.weight
                childEvidence.append("safeguarding risk to a child: \"\(words)\"")
            case .reassurance: facts.reassured = true; reassurance.append("\"\(words)\"")
            case .child: facts.child = true; evidence.append("safeguarding subject child: \"\(words)\"")
            case .sonOrDaughter: facts.sonOrDaughter = true; evidence.append("safeguarding subject son/daughter: \"\(words)\"")
            case .adult: facts.adult = true
            case .elderly: facts.elderly = true; evidence.append("safeguarding subject elderly: \"\(words)\"")
            case .age:
                // The number before "year old" decides: under 18 a child, 65 and over elderly.
                if m.start > 0, let age = Int(document.tokens[m.start - 1].text) {
                    if age < 18 {
                        facts.child = true
                        facts.statedChildAge = true
                    } else if age >= 65 {
                        facts.elderly = true
                    } else {
                        facts.adult = true
                        facts.statedAdultAge = true
                    }
                    evidence.append("safeguarding subject age: \"\(age) \(words)\"")
                }
            }
        }
        // "my brother is 9", "I'm 15", "aged 4": an age under 18 after these words is a child; "she's about 80",
        // "he's nearly ninety": 65 and over, an elderly person (rules 1.5.0).
        var childAge = false, adultAge = false
        let tokens = document.tokens
        for i in tokens.indices where i > 0 && tokens[i].role != .signature {
            // Token texts hold no sign, so a number starts with an ASCII digit: other words skip `Int(_:)`.
            // (Read by field: a token bound whole is a copy that retains every string it holds.)
            let text = tokens[i].text
            let age: Int
            if let first = text.utf8.first, first &- UInt8(ascii: "0") < 10, let n = Int(text) {
                age = n
            } else if RuleScorer.mayBeTens(text), let n = RuleScorer.tens[text] {
                age = n
            } else {
                continue
            }
            let lead = document.tokens[i - 1].text
            // "I am 15" (rules 1.9.0) is a child writing; "I am 81" is left as it was, an older writer's own age.
            guard RuleScorer.ageLeads.contains(lead) || (age >= 65 && RuleScorer.oldAgeLeads.contains(lead)) || (lead == "am" && age < 18) else { continue }
            if age < 18 {
                facts.child = true
                facts.statedChildAge = true
                childAge = true
            } else if age >= 65 && age < 120 {
                facts.elderly = true
            } else {
                if age < 65 && RuleScorer.ageLeads.contains(lead) {
                    adultAge = true
                    // Someone else's age ("he's 26", "my son is 19"), not the writer's ("I'm 40") nor a quantity
                    // ("is 20 minutes"): an adult's age for `SafeguardingTeam` (rules 1.11.0).
                    if lead != "im", i + 1 >= tokens.count || !RuleScorer.quantityUnits.contains(tokens[i + 1].text) {
                        facts.statedAdultAge = true
                    }
                }
                continue
            }
            evidence.append("safeguarding subject age: \"\(document.tokens[i - 1].text) \(text)\"")
        }
        // Risks to a child only count once a child is known to be involved (a word or an age, both read above).
        if facts.involvesChild && facts.childRisk > 0 {
            facts.risk += facts.childRisk
            if facts.childRisk >= 1.2 { facts.strongCue = true }
            evidence += childEvidence
        }
        // A child's age and an adult's in a relationship ("she's 14 ... her boyfriend, he's 23"): exploitation.
        if childAge && adultAge, document.tokens.contains(where: { RuleScorer.relationshipWords.contains($0.text) }) {
            facts.risk += 1.2
            facts.strongCue = true
            evidence.append("safeguarding risk: a child's age beside an adult's in a relationship")
        }
        sheet.facts.safeguarding = facts
        if facts.reassured {
            sheet.evidence.append("safeguarding reassurance: \(reassurance.joined(separator: ", "))"
                + (facts.strongCue ? " (a strong cue still counts)" : facts.hasWeakSigns ? " (weak signs set aside)" : ""))
        }
        if facts.isConcern {
            sheet.kind.add(.safeguardingConcern, facts.risk)
            sheet.evidence += evidence
        }
    }

    private func scoreServices(_ document: Document, into sheet: inout ScoreSheet) {
        for m in Lexicons.services.matches(in: document) where counts(m.positions, document) {
            guard let service = m.cue.label else { continue }
            sheet.service.add(service, m.cue.weight)
            sheet.evidence.append("\(service.rawValue): \"\(m.words(in: document))\"")
        }
        let tokens = document.tokens
        for i in tokens.indices where tokens[i].role != .signature && RuleScorer.isRoadNumber(tokens[i].text) {
            sheet.service.add(.highways, 2)
            sheet.evidence.append("highways: road number \"\(tokens[i].text)\"")
        }
    }

    /// A449, A38, A4440, B4084, M5: an A-road (2–4 digits), B-road (4 digits) or motorway (1–2 digits).
    /// Postcode districts (B60, B97) have at most two digits, so they are not B-roads.
    /// Byte by byte: a letter then ASCII digits only, so every byte is one `Character`.
    static func isRoadNumber(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first else { return false }
        let maximum: Int
        switch first {
        case UInt8(ascii: "a"): maximum = 4
        case UInt8(ascii: "b"): maximum = 4
        case UInt8(ascii: "m"): maximum = 2
        default: return false
        }
        let digits = utf8.count - 1
        guard digits >= 1, digits <= maximum else { return false }
        for b in utf8.dropFirst() where b &- UInt8(ascii: "0") >= 10 { return false }
        switch first {
        case UInt8(ascii: "a"): return digits >= 2
        case UInt8(ascii: "b"): return digits == 4
        default: return true
        }
    }

    private func scoreSpecialCategories(_ document: Document, into sheet: inout ScoreSheet) {
        for m in Lexicons.specialCategories.matches(in: document) where counts(m.positions, document) {
            guard let category = m.cue.label else { continue }
            sheet.special.add(category, m.cue.weight)
            sheet.evidence.append("special \(category.rawValue): \"\(m.words(in: document))\"")
        }
    }

    private func scoreTopics(_ document: Document, into sheet: inout ScoreSheet) {
        for m in Lexicons.topics.matches(in: document) where counts(m.positions, document) {
            switch m.cue.label {
            case .environmental: sheet.facts.environmental += 1
            case .statistics: sheet.facts.statistics = true
            case .ownData: sheet.facts.ownData = true
            case .processQuestion: sheet.facts.processQuestion = true
            case .ownCareHistory:
                sheet.facts.ownCareHistory = true
                sheet.evidence.append("own care history: \"\(m.words(in: document))\"")
            }
        }
    }
}
