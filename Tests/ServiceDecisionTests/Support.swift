import Foundation
import SignpostEvents
import SignpostTopics

enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let context = DecisionContext(now: now, pseudonymize: Pseudonymizer { "p(\($0))" })

    static func contact(id: String = "c-1", channel: Channel = .email, text: String = "There is a pothole on Mill Lane in Upton.", optOut: Bool = false, refuses: Bool = false) -> ContactReceived {
        ContactReceived(contactId: id, channel: channel, receivedAt: now.addingTimeInterval(-60), text: text,
                        customer: CustomerDetails(name: "Priya Shah", email: "p@example.net"),
                        preferences: ContactPreferences(surveyOptOut: optOut, refusesSharing: refuses))
    }

    static func classification(kind: EnquiryKind = .serviceRequest, service: ResponsibleService = .highways, district: District? = nil, confidence: Double = 0.9) -> Classification {
        Classification(kind: kind, service: service, district: district, specialCategories: [], lawfulBasis: kind.lawfulBasis,
                       specialCategoryCondition: nil, confidence: confidence, decidedBy: "test", evidence: [])
    }

    static func redacted(_ c: Classification, reference: String = "SP-261129-AAAAA-BBBBB", optOut: Bool = false, refuses: Bool = false) -> EnquiryRedacted {
        EnquiryRedacted(reference: reference, contactId: "c-1", channel: .phone, receivedAt: now.addingTimeInterval(-60), classification: c,
                        redactedText: "[PERSON_1] reports a pothole", redactedEmailSubject: nil,
                        entities: [PIIEntity(type: .person, start: 0, end: 10, placeholder: "[PERSON_1]")], contactFieldTypes: [.phone],
                        attachments: [], preferences: ContactPreferences(surveyOptOut: optOut, refusesSharing: refuses), agentId: nil,
                        redactorVersion: "test", redactedAt: now)
    }

    static func events<E: SignpostEvent>(_ type: E.Type, in emissions: [Emission]) -> [E] {
        emissions.compactMap { $0.event as? E }
    }
}

extension Fixture {
    /// The repository's sharing catalogue, sharing/recipients.yaml.
    static let sharing: SharingCatalogue = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! SharingCatalogue.load(from: root.appendingPathComponent("sharing/recipients.yaml"))
    }()
}
