/// The classifier's decision about one enquiry: every field of the `classifier classify`
/// contract, plus what decided it.
public struct Classification: Codable, Sendable, Hashable {
    public var kind: EnquiryKind
    public var service: ResponsibleService
    /// Set only when `service` is `district_council` and the postcode or town says which.
    public var district: District?
    /// Empty when the text reveals no special-category data.
    public var specialCategories: [SpecialCategory]
    public var lawfulBasis: LawfulBasis
    /// The Art. 9 condition, present exactly when `specialCategories` is not empty.
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// 0...1: how sure the classifier is of `kind` and `service` together. For the model's ordinary
    /// decisions it is calibrated: of the enquiries given 0.8, about 80 in 100 are right.
    public var confidence: Double
    /// The rules or model that decided, for example `version`.
    public var decidedBy: String
    /// Human-readable evidence: the rules that fired and the words that matched.
    public var evidence: [String]
    /// The two most probable (kind, service) pairs by the model, best first, for a person
    /// deciding in triage; empty when no model ran. Written only when not empty.
    public var candidates: [Candidate]

    /// The default confidence below which a person decides (triage): the classifier's and the
    /// referral service's one default (`SIGNPOST_TRIAGE_BELOW_CONFIDENCE` overrides it in referral).
    /// Chosen on the calibrated confidence by cross-validation (docs/classification.md).
    public static let defaultTriageThreshold = 0.65

    /// One (kind, service) pair the model considered, with its probability.
    public struct Candidate: Codable, Sendable, Hashable {
        public var kind: EnquiryKind
        public var service: ResponsibleService
        /// P(kind) × P(service), 0...1.
        public var probability: Double

        public init(kind: EnquiryKind, service: ResponsibleService, probability: Double) {
            self.kind = kind
            self.service = service
            self.probability = probability
        }
    }

    public init(
        kind: EnquiryKind,
        service: ResponsibleService,
        district: District?,
        specialCategories: [SpecialCategory],
        lawfulBasis: LawfulBasis,
        specialCategoryCondition: SpecialCategoryCondition?,
        confidence: Double,
        decidedBy: String,
        evidence: [String],
        candidates: [Candidate] = []
    ) {
        self.kind = kind
        self.service = service
        self.district = district
        self.specialCategories = specialCategories
        self.lawfulBasis = lawfulBasis
        self.specialCategoryCondition = specialCategoryCondition
        self.confidence = confidence
        self.decidedBy = decidedBy
        self.evidence = evidence
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey {
        case kind, service, district
        // Raw values are written through the snake-case key strategy of `EventCodec`:
        // `specialCategory` goes on the wire as `special_category`, as the contract names it.
        case specialCategories = "specialCategory"
        case lawfulBasis
        case specialCategoryCondition
        case confidence
        case decidedBy
        case evidence
        case candidates
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(EnquiryKind.self, forKey: .kind)
        service = try c.decode(ResponsibleService.self, forKey: .service)
        district = try c.decodeIfPresent(District.self, forKey: .district)
        specialCategories = try c.decode([SpecialCategory].self, forKey: .specialCategories)
        lawfulBasis = try c.decode(LawfulBasis.self, forKey: .lawfulBasis)
        specialCategoryCondition = try c.decodeIfPresent(SpecialCategoryCondition.self, forKey: .specialCategoryCondition)
        confidence = try c.decode(Double.self, forKey: .confidence)
        decidedBy = try c.decode(String.self, forKey: .decidedBy)
        evidence = try c.decode([String].self, forKey: .evidence)
        candidates = try c.decodeIfPresent([Candidate].self, forKey: .candidates) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(service, forKey: .service)
        try c.encode(district, forKey: .district) // always present, null when unknown
        try c.encode(specialCategories, forKey: .specialCategories)
        try c.encode(lawfulBasis, forKey: .lawfulBasis)
        try c.encodeIfPresent(specialCategoryCondition, forKey: .specialCategoryCondition)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(decidedBy, forKey: .decidedBy)
        try c.encode(evidence, forKey: .evidence)
        if !candidates.isEmpty { try c.encode(candidates, forKey: .candidates) }
    }
}

/// One piece of personal data found in a text. Offsets count Unicode scalars, `end` exclusive.
public struct PIIEntity: Codable, Sendable, Hashable {
    public var type: PIIType
    public var start: Int
    public var end: Int
    /// The placeholder that replaced it, such as `[PERSON_1]`.
    public var placeholder: String

    public init(type: PIIType, start: Int, end: Int, placeholder: String) {
        self.type = type
        self.start = start
        self.end = end
        self.placeholder = placeholder
    }
}

/// A text with its personal data replaced by typed placeholders.
public struct Redaction: Sendable, Hashable {
    /// The text with every entity replaced by its placeholder.
    public var text: String
    /// The entities, in order of `start`, with offsets into the *original* text.
    public var entities: [PIIEntity]
    /// The original values by placeholder; never put on a topic in clear.
    public var values: [String: String]

    public init(text: String, entities: [PIIEntity], values: [String: String]) {
        self.text = text
        self.entities = entities
        self.values = values
    }
}
