import Foundation
import SignpostEvents

/// Everything Signpost holds about one person, for a subject access request: machine-readable
/// (JSON) and readable (HTML). Their own values are put back; anyone else's stay placeholders.
public struct AccessBundle: Codable, Sendable, Hashable {
    public struct Enquiry: Codable, Sendable, Hashable {
        public var reference: String
        public var receivedAt: Date
        public var channel: Channel
        /// The enquiry text with the person's own details back in place; other people's stay placeholders.
        public var text: String
        /// The person's own details as given in the contact's fields, by type.
        public var contactDetails: [String: String]
        public var kind: EnquiryKind
        public var service: ResponsibleService
        public var lawfulBasis: LawfulBasis
        public var specialCategories: [SpecialCategory]
        /// "kind and service decided by …, confidence …"
        public var classification: String
        public var referrals: [Referral]
        public var surveyScores: [Int]
        /// Call recordings and other attachments, by store and id.
        public var recordings: [String]
        /// Set when the person's values can no longer be opened (their key was erased).
        public var note: String?
    }

    public struct Referral: Codable, Sendable, Hashable {
        public var recipient: String
        public var lawfulBasis: LawfulBasis
        public var shared: [PIIType]
        public var withheld: [PIIType]
        public var sharedAt: Date
    }

    /// A correction the person asked for (rectification), with the value now used.
    public struct Correction: Codable, Sendable, Hashable {
        public var type: PIIType
        /// The corrected value; nil when it can no longer be read (erased).
        public var value: String?
        public var recordedAt: Date
        /// The rectification's action id on the rights topic.
        public var actionId: String
    }

    public var dataSubject: String
    public var generatedAt: Date
    public var enquiries: [Enquiry]
    /// The person's corrections, oldest first: referrals since each use the corrected value.
    public var corrections: [Correction]

    /// Builds the bundle.
    /// - Parameters:
    ///   - corrections: the person's `rectification_recorded` actions.
    ///   - open: opens every sealed value of an enquiry or a correction (all types), given its
    ///     reference; throws when the key is gone.
    public static func build(
        dataSubject: String, enquiries: [EnquiryRedacted], audits: [SharingRecorded], answers: [SurveyResponded],
        corrections: [RightsAction] = [], open: (SealedValues, String) throws -> [String: String], at now: Date
    ) -> AccessBundle {
        let contactPlaceholders = [
            SealedValues.ContactPlaceholder.name: "name", SealedValues.ContactPlaceholder.email: "email",
            SealedValues.ContactPlaceholder.phone: "phone", SealedValues.ContactPlaceholder.address: "address",
            SealedValues.ContactPlaceholder.postcode: "postcode",
        ]
        var out: [Enquiry] = []
        for e in enquiries.sorted(by: { $0.receivedAt < $1.receivedAt }) {
            var text = e.redactedText
            var details: [String: String] = [:]
            var note: String?
            if let sealed = e.sealed {
                do {
                    let values = try open(sealed, e.reference)
                    for (placeholder, field) in contactPlaceholders { if let v = values[placeholder] { details[field] = v } }
                    // Their own: a value in the text equal to one of their contact details.
                    let own = Set(details.values.map(normalise))
                    for (placeholder, value) in values where contactPlaceholders[placeholder] == nil && own.contains(normalise(value)) {
                        text = text.replacingOccurrences(of: placeholder, with: value)
                    }
                } catch {
                    note = "the personal values of this enquiry were erased and can no longer be read (\(error))"
                }
            }
            let c = e.classification
            out.append(Enquiry(
                reference: e.reference, receivedAt: e.receivedAt, channel: e.channel, text: text, contactDetails: details,
                kind: c.kind, service: c.service, lawfulBasis: c.lawfulBasis, specialCategories: c.specialCategories,
                classification: "\(c.kind.rawValue) for \(c.service.rawValue), decided by \(c.decidedBy), confidence \(String(format: "%.2f", c.confidence))",
                referrals: audits.filter { $0.reference == e.reference }.sorted { $0.sharedAt < $1.sharedAt }.map {
                    Referral(recipient: $0.recipient, lawfulBasis: $0.lawfulBasis, shared: $0.sharedEntityTypes, withheld: $0.withheldEntityTypes, sharedAt: $0.sharedAt)
                },
                surveyScores: answers.filter { $0.reference == e.reference }.map(\.score),
                recordings: e.attachments.map { "\($0.kind.rawValue) \($0.store)/\($0.id) captured \(EventCodec.format($0.capturedAt))" },
                note: note
            ))
        }
        let corrected = corrections.filter { $0.action == .rectificationRecorded }.sorted { $0.at < $1.at }.compactMap { action -> Correction? in
            guard let type = action.correctedType else { return nil }
            let value = action.correction.flatMap { try? open($0, action.correctionReference) }?.values.first
            return Correction(type: type, value: value, recordedAt: action.at, actionId: action.actionId)
        }
        return AccessBundle(dataSubject: dataSubject, generatedAt: now, enquiries: out, corrections: corrected)
    }

    /// A readable copy: one self-contained HTML page.
    public var html: String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var h = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Your information held by Signpost</title>"
        h += "<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;color:#222}section{border-top:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.75rem}td,th{text-align:left;padding:.2rem .6rem}</style>"
        h += "<h1>Your information held by Signpost</h1><p>Worcestershire County Council customer services. Produced \(esc(EventCodec.format(generatedAt))) in answer to your subject access request. Where another person is mentioned, their details are replaced by a placeholder such as [PERSON_2].</p>"
        for e in enquiries {
            h += "<section><h2>Enquiry \(esc(e.reference))</h2><p>Received \(esc(EventCodec.format(e.receivedAt))) by \(esc(e.channel.rawValue)). Classified as \(esc(e.classification)); lawful basis \(esc(e.lawfulBasis.rawValue)).</p>"
            if let note = e.note { h += "<p><strong>\(esc(note))</strong></p>" }
            if !e.contactDetails.isEmpty {
                h += "<table>" + e.contactDetails.sorted { $0.key < $1.key }.map { "<tr><th>\(esc($0.key))</th><td>\(esc($0.value))</td></tr>" }.joined() + "</table>"
            }
            h += "<pre>\(esc(e.text))</pre><h3>Who received it</h3><table><tr><th>recipient</th><th>basis</th><th>shared</th><th>withheld</th></tr>"
            h += e.referrals.map { "<tr><td>\(esc($0.recipient))</td><td>\(esc($0.lawfulBasis.rawValue))</td><td>\(esc($0.shared.map(\.rawValue).joined(separator: ", ")))</td><td>\(esc($0.withheld.map(\.rawValue).joined(separator: ", ")))</td></tr>" }.joined()
            h += "</table>"
            if !e.surveyScores.isEmpty { h += "<p>Your survey answer: \(e.surveyScores.map(String.init).joined(separator: ", ")) out of 5.</p>" }
            if !e.recordings.isEmpty { h += "<p>Recordings: \(esc(e.recordings.joined(separator: "; ")))</p>" }
            h += "</section>"
        }
        if !corrections.isEmpty {
            h += "<section><h2>Corrections you asked for</h2><p>Referrals made since each correction use the corrected value; each earlier recipient of the old value was sent the correction.</p><table><tr><th>what</th><th>corrected to</th><th>when</th></tr>"
            h += corrections.map { "<tr><td>\(esc($0.type.rawValue))</td><td>\(esc($0.value ?? "(erased)"))</td><td>\(esc(EventCodec.format($0.recordedAt)))</td></tr>" }.joined()
            h += "</table></section>"
        }
        return h + "</html>\n"
    }

    private static func normalise(_ s: String) -> String {
        s.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
