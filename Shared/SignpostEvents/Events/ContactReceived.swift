import Foundation

/// What a channel adapter publishes for each contact: a call, an email, a web form or a bot chat.
///
/// It holds personal data and travels only on topics marked `personal_data: true`.
public struct ContactReceived: SignpostEvent {
    public static let typeName = "ContactReceived"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// The adapter's own id for the contact; unique per adapter.
    public var contactId: String
    public var channel: Channel
    /// When the resident made contact.
    public var receivedAt: Date
    /// The enquiry itself: call summary or transcript, email body, form details, chat.
    public var text: String
    /// The email subject line, when the channel has one.
    public var emailSubject: String?
    /// Contact details the channel captured in structured fields.
    public var customer: CustomerDetails?
    /// References to audio, photographs and documents; never their bytes.
    public var attachments: [AttachmentReference]
    public var preferences: ContactPreferences
    /// Pseudonymous id of the contact-centre agent who handled the contact, if any.
    public var agentId: String?

    public var subject: String { contactId }
    public var eventID: String { contactId }

    public init(
        contactId: String,
        channel: Channel,
        receivedAt: Date,
        text: String,
        emailSubject: String? = nil,
        customer: CustomerDetails? = nil,
        attachments: [AttachmentReference] = [],
        preferences: ContactPreferences = .init(),
        agentId: String? = nil
    ) {
        self.contactId = contactId
        self.channel = channel
        self.receivedAt = receivedAt
        self.text = text
        self.emailSubject = emailSubject
        self.customer = customer
        self.attachments = attachments
        self.preferences = preferences
        self.agentId = agentId
    }

    enum CodingKeys: String, CodingKey {
        case contactId, channel, receivedAt, text, emailSubject, customer, attachments, preferences, agentId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        contactId = try c.decode(String.self, forKey: .contactId)
        channel = try c.decode(Channel.self, forKey: .channel)
        receivedAt = try c.decode(Date.self, forKey: .receivedAt)
        text = try c.decode(String.self, forKey: .text)
        emailSubject = try c.decodeIfPresent(String.self, forKey: .emailSubject)
        customer = try c.decodeIfPresent(CustomerDetails.self, forKey: .customer)
        attachments = try c.decodeIfPresent([AttachmentReference].self, forKey: .attachments) ?? []
        preferences = try c.decodeIfPresent(ContactPreferences.self, forKey: .preferences) ?? .init()
        agentId = try c.decodeIfPresent(String.self, forKey: .agentId)
    }
}

/// Contact details captured in structured fields by the channel (caller id, sender address, form fields).
public struct CustomerDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var postcode: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil, postcode: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
        self.postcode = postcode
    }
}

/// What the resident said about how their data may be used.
public struct ContactPreferences: Codable, Sendable, Hashable {
    /// The resident does not want a satisfaction survey.
    public var surveyOptOut: Bool
    /// The resident refuses sharing with partners outside the council (a legal obligation overrides it).
    public var refusesSharing: Bool

    public init(surveyOptOut: Bool = false, refusesSharing: Bool = false) {
        self.surveyOptOut = surveyOptOut
        self.refusesSharing = refusesSharing
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        surveyOptOut = try c.decodeIfPresent(Bool.self, forKey: .surveyOptOut) ?? false
        refusesSharing = try c.decodeIfPresent(Bool.self, forKey: .refusesSharing) ?? false
    }

    enum CodingKeys: String, CodingKey { case surveyOptOut, refusesSharing }
}
