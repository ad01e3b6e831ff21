/// What a life-stage marker says about the person a concern is about.
enum LifeStageCue: Sendable, Hashable {
    /// A part of an adult's life: a husband or wife, a pension, living alone, a learning disability.
    case adult
    /// A part of a child's life: school, a teacher, a nursery, a baby.
    case child
}

extension Lexicons {
    /// Life-stage markers, read only for a concern headed for children's services (rules 1.11.0).
    /// A child word alone sent every concern that mentions one to children's services: "her grandson
    /// takes her pension", "my son is 26, lives on his own and has a learning disability", "the lads at
    /// the school gate" beside a frightened older man. These markers say whose life is described.
    static let lifeStage: Lexicon<LifeStageCue> = {
        var e: [(String, LifeStageCue, Double)] = []
        // The person's spouse, not the writer's: "my husband said I should report it" is about a girl down the road.
        for p in ["her husband", "his wife", "widow", "widowed", "widower", "pension", "pensions",
                  "learning disability", "learning disabilities", "lives alone", "living alone", "lives on his own", "lives on her own",
                  "living on his own", "living on her own", "his own flat", "her own flat", "own flat", "his job", "her job",
                  "adult son", "adult daughter", "adult children", "grown up son", "grown up daughter", "grown up children",
                  "vulnerable adult", "retired", "care home", "nursing home", "dementia", "his carer", "her carer", "carers"] {
            e.append((p, .adult, 1))
        }
        for p in ["school", "schools", "teacher", "teachers", "nursery", "baby", "babies", "toddler", "newborn", "pupil", "pupils",
                  "primary", "year 6", "year 7", "year 8", "year 9", "year 10", "year 11", "head of year", "foster", "fostered",
                  "childminder", "young carer", "young carers"] {
            e.append((p, .child, 1))
        }
        return Lexicon(e)
    }()
}

/// Which safeguarding team takes a concern the rules would send to children's services.
enum SafeguardingTeam {
    /// The words that show an adult is the one at risk, or `nil` when a child may be.
    ///
    /// An adult's life is described (a life-stage marker of an adult, or an adult's age stated: "he's 26"),
    /// and nothing places a child in it: no age under 18 stated, no school, nursery or baby. Read only for a
    /// concern that a child word or the model would send to children's services, so it costs nothing
    /// elsewhere.
    static func adultAtRisk(_ facts: SafeguardingFacts, in document: Document) -> [String]? {
        guard !facts.statedChildAge else { return nil }
        var adult: [String] = []
        for m in Lexicons.lifeStage.matches(in: document) where document.tokens[m.start].role != .signature {
            switch m.cue.label {
            case .child: return nil
            case .adult: adult.append("\"\(m.words(in: document))\"")
            }
        }
        if facts.statedAdultAge { adult.append("an adult's age") }
        return adult.isEmpty ? nil : adult
    }

    /// The evidence line for a concern sent to adult social care by `adultAtRisk`.
    static func evidence(_ words: [String]) -> String {
        "safeguarding -> adult_social_care: rule: an adult's life, no child's (\(words.joined(separator: ", ")))"
    }
}
