import Foundation

/// Intake accepted a contact and gave it a case reference.
///
/// Since 1.1 intake seals the contact whole under its data subject's key (`sealed_contact`), so
/// the topic carries no personal data in clear and an erasure (the key deleted) leaves nothing
/// readable on it; 1.0 events carry the contact in clear (`contact`) and are still read.
public struct EnquiryLogged: SignpostEvent {
    public static let typeName = "EnquiryLogged"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 1)

    /// The case reference, such as `WCC-261129-7KQ4M2XD9A`; unique, human-readable.
    public var reference: String
    /// The contact in clear: written by 1.0 writers, or by an intake configured without sealing.
    public var contact: ContactReceived?
    /// The contact sealed under its data subject's key (since 1.1).
    public var sealedContact: SealedContact?
    /// The contact's channel, in clear for tracking (since 1.1; from `contact` in 1.0 events).
    public var channel: Channel
    /// When the resident made contact, in clear for tracking (since 1.1; from `contact` in 1.0 events).
    public var receivedAt: Date
    public var loggedAt: Date

    public var subject: String { reference }
    public var eventID: String { reference }

    /// An event with the contact in clear.
    public init(reference: String, contact: ContactReceived, loggedAt: Date) {
        self.reference = reference
        self.contact = contact
        self.channel = contact.channel
        self.receivedAt = contact.receivedAt
        self.loggedAt = loggedAt
    }

    /// An event with the contact sealed.
    public init(reference: String, sealedContact: SealedContact, channel: Channel, receivedAt: Date, loggedAt: Date) {
        self.reference = reference
        self.sealedContact = sealedContact
        self.channel = channel
        self.receivedAt = receivedAt
        self.loggedAt = loggedAt
    }

    enum CodingKeys: String, CodingKey { case reference, contact, sealedContact, channel, receivedAt, loggedAt }

    /// Reads 1.0 events (contact in clear, no `channel` or `received_at`) and 1.1 events; one of
    /// `contact` and `sealed_contact` must be present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reference = try c.decode(String.self, forKey: .reference)
        (contact, sealedContact, channel, receivedAt) = try ContactCarriage.decode(c, contact: .contact, sealed: .sealedContact, channel: .channel, receivedAt: .receivedAt)
        loggedAt = try c.decode(Date.self, forKey: .loggedAt)
    }
}

/// The classifier decided kind, service, district, special categories and lawful basis.
///
/// Carries the contact on to the redactor as it came: sealed since 1.2 (`sealed_contact`), in
/// clear before (`contact`, still read).
public struct EnquiryClassified: SignpostEvent {
    public static let typeName = "EnquiryClassified"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 2)

    public var reference: String
    /// The contact in clear: written by 1.0 and 1.1 writers, or when intake did not seal.
    public var contact: ContactReceived?
    /// The contact sealed under its data subject's key, copied from `EnquiryLogged` (since 1.2).
    public var sealedContact: SealedContact?
    /// The contact's channel, in clear (since 1.2; from `contact` before).
    public var channel: Channel
    /// When the resident made contact, in clear (since 1.2; from `contact` before).
    public var receivedAt: Date
    public var classification: Classification
    public var classifiedAt: Date
    /// The legal deadline for answering, for FOI, EIR and subject-rights requests (since 1.1).
    public var statutoryDueAt: Date?
    /// The rule that sets it, such as "FOIA 2000 s.10(1): 20 working days" (since 1.1).
    public var statutoryRule: String?

    public var subject: String { reference }
    public var eventID: String { reference }

    /// An event with the contact in clear.
    public init(reference: String, contact: ContactReceived, classification: Classification, classifiedAt: Date,
                statutoryDueAt: Date? = nil, statutoryRule: String? = nil) {
        self.reference = reference
        self.contact = contact
        self.channel = contact.channel
        self.receivedAt = contact.receivedAt
        self.classification = classification
        self.classifiedAt = classifiedAt
        self.statutoryDueAt = statutoryDueAt
        self.statutoryRule = statutoryRule
    }

    /// An event carrying the logged enquiry's contact as it came: sealed or in clear.
    public init(logged: EnquiryLogged, classification: Classification, classifiedAt: Date,
                statutoryDueAt: Date? = nil, statutoryRule: String? = nil) {
        self.reference = logged.reference
        self.contact = logged.sealedContact == nil ? logged.contact : nil
        self.sealedContact = logged.sealedContact
        self.channel = logged.channel
        self.receivedAt = logged.receivedAt
        self.classification = classification
        self.classifiedAt = classifiedAt
        self.statutoryDueAt = statutoryDueAt
        self.statutoryRule = statutoryRule
    }

    enum CodingKeys: String, CodingKey {
        case reference, contact, sealedContact, channel, receivedAt, classification, classifiedAt, statutoryDueAt, statutoryRule
    }

    /// Reads 1.0 and 1.1 events (contact in clear) and 1.2 events; one of `contact` and
    /// `sealed_contact` must be present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reference = try c.decode(String.self, forKey: .reference)
        (contact, sealedContact, channel, receivedAt) = try ContactCarriage.decode(c, contact: .contact, sealed: .sealedContact, channel: .channel, receivedAt: .receivedAt)
        classification = try c.decode(Classification.self, forKey: .classification)
        classifiedAt = try c.decode(Date.self, forKey: .classifiedAt)
        statutoryDueAt = try c.decodeIfPresent(Date.self, forKey: .statutoryDueAt)
        statutoryRule = try c.decodeIfPresent(String.self, forKey: .statutoryRule)
    }
}

/// How the enquiry events before redaction carry their contact: the rule both decoders share.
enum ContactCarriage {
    /// The clear and sealed contact, the channel and the receipt time: the channel and time
    /// fields when present, else the clear contact's; throws when neither contact is there.
    static func decode<K: CodingKey>(
        _ c: KeyedDecodingContainer<K>, contact contactKey: K, sealed sealedKey: K, channel channelKey: K, receivedAt receivedKey: K
    ) throws -> (ContactReceived?, SealedContact?, Channel, Date) {
        let contact = try c.decodeIfPresent(ContactReceived.self, forKey: contactKey)
        let sealed = try c.decodeIfPresent(SealedContact.self, forKey: sealedKey)
        guard contact != nil || sealed != nil else {
            throw DecodingError.keyNotFound(sealedKey, .init(codingPath: c.codingPath, debugDescription: "neither contact nor sealed_contact is present"))
        }
        if let contact {
            return (contact, sealed, try c.decodeIfPresent(Channel.self, forKey: channelKey) ?? contact.channel,
                    try c.decodeIfPresent(Date.self, forKey: receivedKey) ?? contact.receivedAt)
        }
        return (nil, sealed, try c.decode(Channel.self, forKey: channelKey), try c.decode(Date.self, forKey: receivedKey))
    }
}

/// The enquiry with its personal data replaced by typed placeholders. From here on no
/// free text carries personal data in clear.
public struct EnquiryRedacted: SignpostEvent {
    public static let typeName = "EnquiryRedacted"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 2)

    public var reference: String
    /// The channel adapter's contact id, so it can deliver replies and surveys.
    public var contactId: String
    public var channel: Channel
    public var receivedAt: Date
    public var classification: Classification
    /// The enquiry text with every entity replaced by its placeholder.
    public var redactedText: String
    /// The email subject, redacted the same way.
    public var redactedEmailSubject: String?
    /// What was found, by type and placeholder, with offsets into the original text; never the values.
    public var entities: [PIIEntity]
    /// Types of personal data present in the structured contact fields.
    public var contactFieldTypes: [PIIType]
    public var attachments: [AttachmentReference]
    public var preferences: ContactPreferences
    public var agentId: String?
    public var redactorVersion: String
    public var redactedAt: Date
    /// The original values of the entities and of the contact's own details, each encrypted
    /// under the data subject's key (since 1.1). Only the referral service opens them, and only
    /// the types a recipient may receive; once the subject's key is erased they open for no one.
    public var sealed: SealedValues?
    /// The legal deadline for answering, copied from the classification step (since 1.1).
    public var statutoryDueAt: Date?
    public var statutoryRule: String?
    /// Keyed hashes of every usable identifier the contact gave (normalised email, UK phone, name
    /// with postcode), each the subject id that identifier alone gives (since 1.2). The rights
    /// tools find a person's enquiries by any of them; no value is in clear.
    public var subjectHandles: [String]?

    public var subject: String { reference }
    public var eventID: String { reference }

    public init(
        reference: String, contactId: String, channel: Channel, receivedAt: Date,
        classification: Classification, redactedText: String, redactedEmailSubject: String?,
        entities: [PIIEntity], contactFieldTypes: [PIIType], attachments: [AttachmentReference],
        preferences: ContactPreferences, agentId: String?, redactorVersion: String, redactedAt: Date,
        sealed: SealedValues? = nil, statutoryDueAt: Date? = nil, statutoryRule: String? = nil, subjectHandles: [String]? = nil
    ) {
        self.reference = reference
        self.contactId = contactId
        self.channel = channel
        self.receivedAt = receivedAt
        self.classification = classification
        self.redactedText = redactedText
        self.redactedEmailSubject = redactedEmailSubject
        self.entities = entities
        self.contactFieldTypes = contactFieldTypes
        self.attachments = attachments
        self.preferences = preferences
        self.agentId = agentId
        self.redactorVersion = redactorVersion
        self.redactedAt = redactedAt
        self.sealed = sealed
        self.statutoryDueAt = statutoryDueAt
        self.statutoryRule = statutoryRule
        self.subjectHandles = subjectHandles
    }
}

/// Where an enquiry is in its life, for tracking. One event per transition.
public struct EnquiryStatusChanged: SignpostEvent {
    public static let typeName = "EnquiryStatusChanged"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 1)

    public enum Status: String, Codable, Sendable, CaseIterable, Hashable {
        case logged, classified, redacted, referred, triaged
        case surveyInvited = "survey_invited"
        case surveyAnswered = "survey_answered"
        /// The team closed the referral (since 1.1).
        case closed
        /// Processing is held because the resident restricted it; the enquiry is stored only (since 1.1).
        case held
    }

    public var reference: String
    public var status: Status
    /// The service that made the transition.
    public var by: String
    /// A short, personal-data-free note, such as the recipient referred to.
    public var detail: String?
    public var at: Date

    public var subject: String { reference }
    /// One per status of an enquiry; per recipient for `closed`, since each referral of an enquiry is closed on its own.
    public var eventID: String { status == .closed ? "\(reference):closed:\(detail?.prefix { $0 != ":" } ?? "")" : "\(reference):\(status.rawValue)" }

    public init(reference: String, status: Status, by: String, detail: String? = nil, at: Date) {
        self.reference = reference
        self.status = status
        self.by = by
        self.detail = detail
        self.at = at
    }
}
