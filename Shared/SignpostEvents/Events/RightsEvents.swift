import Foundation

/// One information-rights or retention action, on the record: who asked, when, on what
/// authority, and what was done. Published by `signpost rights` and `signpost retention` on
/// the rights topic; the data protection officer's log of every such action.
public struct RightsAction: SignpostEvent {
    public static let typeName = "RightsAction"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    public enum Action: String, Codable, Sendable, CaseIterable, Hashable {
        case legalHoldPlaced = "legal_hold_placed"
        case legalHoldLifted = "legal_hold_lifted"
        case accessProvided = "access_provided"
        case erasureCertified = "erasure_certified"
        case erasureRefused = "erasure_refused"
        case recordDisposed = "record_disposed"
        /// The person asked that their data be held from further processing (stored only).
        case restrictionPlaced = "restriction_placed"
        case restrictionLifted = "restriction_lifted"
        /// The person objected to processing that rests on public task or consent.
        case objectionRecorded = "objection_recorded"
        case objectionWithdrawn = "objection_withdrawn"
        /// The person corrected one of their values (such as a new address).
        case rectificationRecorded = "rectification_recorded"
    }

    /// What a legal hold covers.
    public enum HoldScope: String, Codable, Sendable, CaseIterable, Hashable {
        /// Everything about one data subject (a keyed hash).
        case subject
        /// One enquiry, by case reference.
        case enquiry
        /// One record, such as a call recording, by its id.
        case record
    }

    /// Unique per action.
    public var actionId: String
    public var action: Action
    /// The operator who asked (required: commands refuse without one).
    public var operatorId: String
    /// The authority: the request, inquiry, matter or schedule entry that justifies the action.
    public var authority: String
    /// The data subject (keyed hash), when the action concerns one.
    public var dataSubject: String?
    /// The case references concerned.
    public var references: [String]
    /// For holds: the hold's id, what it covers and its target (subject hash, reference or record id).
    public var holdId: String?
    public var holdScope: HoldScope?
    public var holdTarget: String?
    /// For disposals: the record's kind (as in the retention schedule), store and id.
    public var recordKind: String?
    public var recordStore: String?
    public var recordId: String?
    /// For erasure: the data keys deleted.
    public var erasedKeyIds: [String]
    /// What was kept and why, one sentence each.
    public var kept: [String]
    /// What was done, in words.
    public var detail: String
    public var at: Date
    /// For a rectification: the type corrected and the new value, sealed under the person's key
    /// (bound to the reference `rectification:<action_id>`), never in clear.
    public var correctedType: PIIType?
    public var correction: SealedValues?

    public var subject: String { dataSubject ?? holdTarget ?? recordId ?? actionId }
    public var eventID: String { actionId }

    public init(
        actionId: String, action: Action, operatorId: String, authority: String, dataSubject: String? = nil,
        references: [String] = [], holdId: String? = nil, holdScope: HoldScope? = nil, holdTarget: String? = nil,
        recordKind: String? = nil, recordStore: String? = nil, recordId: String? = nil, erasedKeyIds: [String] = [],
        kept: [String] = [], detail: String, at: Date, correctedType: PIIType? = nil, correction: SealedValues? = nil
    ) {
        self.actionId = actionId
        self.action = action
        self.operatorId = operatorId
        self.authority = authority
        self.dataSubject = dataSubject
        self.references = references
        self.holdId = holdId
        self.holdScope = holdScope
        self.holdTarget = holdTarget
        self.recordKind = recordKind
        self.recordStore = recordStore
        self.recordId = recordId
        self.erasedKeyIds = erasedKeyIds
        self.kept = kept
        self.detail = detail
        self.at = at
        self.correctedType = correctedType
        self.correction = correction
    }

    /// The reference a rectification's sealed value is bound to.
    public var correctionReference: String { "rectification:\(actionId)" }
}

/// Which people have restricted processing or objected to it, folded from the rights topic in
/// topic order. Services consult it for the data subject of each record.
public struct SubjectRightsState: Sendable, Hashable {
    /// What a person has asked for.
    public struct Status: Sendable, Hashable {
        /// Hold their data from further processing except storage and legal claims.
        public var restricted = false
        /// No processing that rests on public task or consent (sharing with partners, surveys).
        public var objected = false
        /// The latest correction of each type, sealed; used in place of the value the contact gave.
        public var corrections: [PIIType: Correction] = [:]

        public init(restricted: Bool = false, objected: Bool = false, corrections: [PIIType: Correction] = [:]) {
            self.restricted = restricted
            self.objected = objected
            self.corrections = corrections
        }
    }

    /// A corrected value, sealed under the person's key.
    public struct Correction: Sendable, Hashable {
        public var actionId: String
        /// The reference the sealed value is bound to.
        public var reference: String
        public var sealed: SealedValues
    }

    public private(set) var subjects: [String: Status] = [:]

    public init() {}

    /// Applies one action; actions that are not restrictions or objections change nothing.
    public mutating func apply(_ action: RightsAction) {
        guard let subject = action.dataSubject else { return }
        var status = subjects[subject] ?? Status()
        switch action.action {
        case .restrictionPlaced: status.restricted = true
        case .restrictionLifted: status.restricted = false
        case .objectionRecorded: status.objected = true
        case .objectionWithdrawn: status.objected = false
        case .rectificationRecorded:
            guard let type = action.correctedType, let sealed = action.correction else { return }
            status.corrections[type] = Correction(actionId: action.actionId, reference: action.correctionReference, sealed: sealed)
        default: return
        }
        subjects[subject] = status
    }

    /// The status of a subject (nothing asked for when unknown).
    public func status(of subject: String?) -> Status {
        subject.flatMap { subjects[$0] } ?? Status()
    }
}

/// A correction notice for a recipient that received a person's old value: the new value, in
/// clear, on the recipient's own referral topic (it may receive that type). Published by
/// `signpost rights rectify`.
public struct ReferralCorrected: SignpostEvent {
    public static let typeName = "ReferralCorrected"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 1)

    /// The earlier referral the correction is about.
    public var referralId: String
    public var reference: String
    public var recipient: String
    /// The placeholder whose value changed, such as `[CONTACT_ADDRESS]`.
    public var placeholder: String
    public var type: PIIType
    /// The corrected value in clear, as 1.0 writers sent it; since 1.1 it travels in ``sealedValue``.
    public var value: String?
    /// The corrected value sealed under the data subject's key and bound to ``referralId`` (since 1.1).
    public var sealedValue: SealedValues?
    /// The rectification's action id on the rights topic.
    public var rectificationId: String
    public var correctedAt: Date

    public var subject: String { reference }
    public var eventID: String { "\(referralId):corrected:\(rectificationId)" }

    public init(referralId: String, reference: String, recipient: String, placeholder: String, type: PIIType,
                value: String? = nil, sealedValue: SealedValues? = nil, rectificationId: String, correctedAt: Date) {
        self.referralId = referralId
        self.reference = reference
        self.recipient = recipient
        self.placeholder = placeholder
        self.type = type
        self.value = value
        self.sealedValue = sealedValue
        self.rectificationId = rectificationId
        self.correctedAt = correctedAt
    }

    enum CodingKeys: String, CodingKey { case referralId, reference, recipient, placeholder, type, value, sealedValue, rectificationId, correctedAt }

    /// Reads 1.0 notices (`value` in clear) and 1.1 notices (`sealed_value`); one must be present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        referralId = try c.decode(String.self, forKey: .referralId)
        reference = try c.decode(String.self, forKey: .reference)
        recipient = try c.decode(String.self, forKey: .recipient)
        placeholder = try c.decode(String.self, forKey: .placeholder)
        type = try c.decode(PIIType.self, forKey: .type)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        sealedValue = try c.decodeIfPresent(SealedValues.self, forKey: .sealedValue)
        guard value != nil || sealedValue != nil else {
            throw DecodingError.keyNotFound(CodingKeys.sealedValue, .init(codingPath: c.codingPath, debugDescription: "neither sealed_value nor value is present"))
        }
        rectificationId = try c.decode(String.self, forKey: .rectificationId)
        correctedAt = try c.decode(Date.self, forKey: .correctedAt)
    }
}

/// The resident's personal data behind a referral was erased at Signpost: the values shared
/// under it no longer open on the referral topic, and the recipient must erase the copies it
/// took into its own systems (UK GDPR Art. 17 and 19). Published by `signpost rights erase` on
/// the recipient's own topic, once per referral that shared personal values.
public struct ReferralErased: SignpostEvent {
    public static let typeName = "ReferralErased"
    public static let schemaVersion = SchemaVersion(major: 1, minor: 0)

    /// The referral whose shared values were erased.
    public var referralId: String
    public var reference: String
    public var recipient: String
    /// The types of personal data that referral shared: what the recipient must erase.
    public var sharedEntityTypes: [PIIType]
    /// The erasure certificate's action id on the rights topic.
    public var erasureId: String
    public var erasedAt: Date

    public var subject: String { reference }
    public var eventID: String { "\(referralId):erased" }

    public init(referralId: String, reference: String, recipient: String, sharedEntityTypes: [PIIType], erasureId: String, erasedAt: Date) {
        self.referralId = referralId
        self.reference = reference
        self.recipient = recipient
        self.sharedEntityTypes = sharedEntityTypes
        self.erasureId = erasureId
        self.erasedAt = erasedAt
    }
}
