import Foundation
import SignpostEvents
import SignpostTopics
import Testing

@Suite struct CatalogueTests {
    static let topicsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("topics")

    @Test func repositoryCatalogueLoadsAndValidates() throws {
        let catalogue = try TopicCatalogue.load(from: Self.topicsDirectory)
        #expect(catalogue.topics.count >= 10)
        for type in EventTypes.all where !TopicCatalogue.perRecipientEventTypes.contains(type.typeName) {
            #expect(throws: Never.self) { try catalogue.topic(carrying: type.typeName) }
        }
        // Referrals and their closures: on every recipient's own topic.
        for recipient in catalogue.recipients {
            #expect(try catalogue.topic(forRecipient: recipient).eventTypes == [ReferralIssued.typeName, ReferralClosed.typeName, ReferralCorrected.typeName, ReferralErased.typeName])
        }
    }

    @Test func everyServiceHasInputsAndEveryDistrictItsOwnReferralTopic() throws {
        let catalogue = try TopicCatalogue.load(from: Self.topicsDirectory)
        for service in ["intake", "classifier", "redactor", "referral", "survey"] {
            #expect(!catalogue.inputs(of: service).isEmpty, "\(service)")
        }
        for district in District.allCases {
            #expect(catalogue.recipients.contains("district_\(district.rawValue)"))
        }
        #expect(catalogue.recipients.contains("triage"))
    }

    @Test func performanceAndRedactedTopicsAreMarkedFreeOfPersonalData() throws {
        let catalogue = try TopicCatalogue.load(from: Self.topicsDirectory)
        #expect(try catalogue.topic(carrying: PerformanceEvent.typeName).personalData == false)
        #expect(try catalogue.topic(carrying: ContactReceived.typeName).personalData == true)
    }

    @Test func retentionBecomesKafkaConfig() throws {
        let catalogue = try TopicCatalogue.load(from: Self.topicsDirectory)
        let contacts = try catalogue.topic(carrying: ContactReceived.typeName)
        #expect(try contacts.kafkaConfigs["retention.ms"] == String(7 * 86_400_000))
        #expect(try contacts.kafkaConfigs["cleanup.policy"] == "delete")
    }

    static func definition(name: String, types: [String] = ["ContactReceived"], retention: String = "7d", recipient: String? = nil) -> TopicDefinition {
        TopicDefinition(name: name, description: "d", partitions: 1, retention: retention, cleanupPolicy: .delete, key: "k", eventTypes: types,
                        producers: ["a"], consumers: ["b"], personalData: false, recipient: recipient, recipientScope: nil)
    }

    @Test func catalogueRefusesAnUnknownEventType() {
        #expect(throws: CatalogueError.self) {
            try TopicCatalogue(topics: [Self.definition(name: "a.b.c.v1", types: ["NoSuchEvent"])])
        }
    }

    @Test func catalogueRefusesABadNameOrRetention() {
        #expect(throws: CatalogueError.self) { try TopicCatalogue(topics: [Self.definition(name: "Contacts")]) }
        #expect(throws: CatalogueError.self) { try TopicCatalogue(topics: [Self.definition(name: "a.b.c.v1", retention: "seven days")]) }
    }

    @Test func catalogueRefusesAnEventTypeCarriedByNoTopic() {
        // Only ContactReceived is carried: every other event type lacks its topic.
        #expect(throws: CatalogueError.self) { try TopicCatalogue(topics: [Self.definition(name: "a.b.c.v1")]) }
    }
}
