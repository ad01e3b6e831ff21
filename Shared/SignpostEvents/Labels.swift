// The shared vocabulary of `shared/spec/labels.md`. Raw values are the wire names:
// adding a case is fine when a real enquiry needs it; renaming one breaks every consumer.

/// The channel a contact arrived by.
public enum Channel: String, Codable, Sendable, CaseIterable, Hashable {
    case phone, email, webform, bot
}

/// What kind of enquiry a contact is.
public enum EnquiryKind: String, Codable, Sendable, CaseIterable, Hashable {
    case generalEnquiry = "general_enquiry"
    case serviceRequest = "service_request"
    case complaint
    case compliment
    case foiRequest = "foi_request"
    case eirRequest = "eir_request"
    case dataRightsRequest = "data_rights_request"
    case safeguardingConcern = "safeguarding_concern"

    /// The UK GDPR Art. 6 lawful basis the privacy notice gives for this kind.
    public var lawfulBasis: LawfulBasis {
        switch self {
        case .generalEnquiry: .consent
        case .serviceRequest, .complaint, .compliment: .publicTask
        case .foiRequest, .eirRequest, .dataRightsRequest, .safeguardingConcern: .legalObligation
        }
    }
}

/// UK GDPR Art. 6 lawful basis.
public enum LawfulBasis: String, Codable, Sendable, CaseIterable, Hashable {
    /// 6(1)(a)
    case consent
    /// 6(1)(c)
    case legalObligation = "legal_obligation"
    /// 6(1)(e)
    case publicTask = "public_task"
}

/// UK GDPR Art. 9 condition for processing special-category data.
public enum SpecialCategoryCondition: String, Codable, Sendable, CaseIterable, Hashable {
    /// 9(2)(a): data the person volunteered.
    case explicitConsent = "explicit_consent"
    /// 9(2)(g): safeguarding, equality of opportunity or treatment.
    case substantialPublicInterest = "substantial_public_interest"

    /// The condition an enquiry's special-category data is processed under: substantial public
    /// interest for a safeguarding concern, the person's explicit consent otherwise (they
    /// volunteered it); nil when there is none.
    public static func required(kind: EnquiryKind, specialCategories: [SpecialCategory]) -> SpecialCategoryCondition? {
        specialCategories.isEmpty ? nil : (kind == .safeguardingConcern ? .substantialPublicInterest : .explicitConsent)
    }
}

/// The service or body responsible for an enquiry.
public enum ResponsibleService: String, Codable, Sendable, CaseIterable, Hashable {
    // County council services
    case highways, transport
    case wasteDisposal = "waste_disposal"
    case libraries, registration
    case adultSocialCare = "adult_social_care"
    case childrensServices = "childrens_services"
    case education
    case tradingStandards = "trading_standards"
    case publicHealth = "public_health"
    case customerServices = "customer_services"
    case informationGovernance = "information_governance"
    // Other bodies
    case districtCouncil = "district_council"
    case nhs, police

    /// Whether the body is part of the county council (as opposed to a partner).
    public var isCountyService: Bool {
        switch self {
        case .districtCouncil, .nhs, .police: false
        default: true
        }
    }
}

/// The six Worcestershire district councils; only set when the service is `district_council`.
public enum District: String, Codable, Sendable, CaseIterable, Hashable {
    case bromsgrove
    case malvernHills = "malvern_hills"
    case redditch
    case worcesterCity = "worcester_city"
    case wychavon
    case wyreForest = "wyre_forest"
}

/// Special-category (Art. 9) data found in an enquiry.
public enum SpecialCategory: String, Codable, Sendable, CaseIterable, Hashable {
    case health, ethnicity, religion
    case sexualOrientation = "sexual_orientation"
}

/// A type of personal data the redactor finds.
public enum PIIType: String, Codable, Sendable, CaseIterable, Hashable {
    case person = "PERSON"
    case address = "ADDRESS"
    case postcode = "POSTCODE"
    case email = "EMAIL"
    case phone = "PHONE"
    case dateOfBirth = "DATE_OF_BIRTH"
    case niNumber = "NI_NUMBER"
    case nhsNumber = "NHS_NUMBER"
    case passport = "PASSPORT"
    case cardNumber = "CARD_NUMBER"
}
