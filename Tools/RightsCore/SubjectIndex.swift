import Foundation
import SignpostEvents

/// From a data subject to what Signpost holds about them, rebuilt from the topics. It holds
/// keyed hashes, case references and record ids, never personal values.
public struct SubjectIndex: Sendable, Hashable {
    /// One enquiry of a subject.
    public struct Enquiry: Sendable, Hashable {
        public var reference: String
        public var receivedAt: Date
        public var channel: Channel
        public var kind: EnquiryKind
        public var lawfulBasis: LawfulBasis
        /// The data key version its values are sealed under.
        public var keyId: String
        public var attachments: [AttachmentReference]
    }

    /// One referral of a subject's enquiry, from the sharing record.
    public struct Referral: Sendable, Hashable {
        public var reference: String
        public var recipient: String
        public var shared: [PIIType]
        public var withheld: [PIIType]
        public var lawfulBasis: LawfulBasis
        public var sharedAt: Date
    }

    public private(set) var enquiries: [String: [Enquiry]] = [:]
    public private(set) var referrals: [String: [Referral]] = [:]
    /// Survey scores by case reference (answers are keyed by reference, not by subject).
    public private(set) var surveyScores: [String: [Int]] = [:]
    /// The subjects whose enquiries carry each identifier's keyed hash (`subject_handles`).
    public private(set) var handles: [String: Set<String>] = [:]

    public init() {}

    /// Folds an event of any type; types the index does not use are ignored.
    public mutating func add(_ event: any SignpostEvent) {
        switch event {
        case let e as EnquiryRedacted:
            guard let sealed = e.sealed, !(enquiries[sealed.subject] ?? []).contains(where: { $0.reference == e.reference }) else { return }
            for handle in e.subjectHandles ?? [] { handles[handle, default: []].insert(sealed.subject) }
            enquiries[sealed.subject, default: []].append(Enquiry(
                reference: e.reference, receivedAt: e.receivedAt, channel: e.channel, kind: e.classification.kind,
                lawfulBasis: e.classification.lawfulBasis, keyId: sealed.keyId, attachments: e.attachments
            ))
        case let r as SharingRecorded:
            guard let subject = r.dataSubject, !(referrals[subject] ?? []).contains(where: { $0.reference == r.reference && $0.recipient == r.recipient }) else { return }
            referrals[subject, default: []].append(Referral(
                reference: r.reference, recipient: r.recipient, shared: r.sharedEntityTypes, withheld: r.withheldEntityTypes,
                lawfulBasis: r.lawfulBasis, sharedAt: r.sharedAt
            ))
        case let a as SurveyResponded:
            surveyScores[a.reference, default: []].append(a.score)
        default:
            break
        }
    }

    /// The subjects a person is known by, given the keyed hashes of the identifiers they gave
    /// (``DataSubject/ids(_:key:)``): those hashes themselves, and every subject whose enquiries
    /// carry one of them (a person who gave an email once and only a name with a postcode another
    /// time has two subjects; asking with the name and postcode finds both). Sorted, no repeats.
    public func subjects(knownBy ids: [String]) -> [String] {
        var out = Set(ids)
        for id in ids { out.formUnion(handles[id] ?? []) }
        return out.sorted()
    }

    /// Every subject with at least one enquiry.
    public var subjects: [String] { enquiries.keys.sorted() }

    /// The case references of a subject, oldest first.
    public func references(of subject: String) -> [String] {
        (enquiries[subject] ?? []).sorted { $0.receivedAt < $1.receivedAt }.map(\.reference)
    }
}
