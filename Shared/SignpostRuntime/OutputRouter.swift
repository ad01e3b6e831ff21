import Foundation
import SignpostEvents
import SignpostTopics

/// Finds the topic of each emission from the catalogue, checked once at start-up.
public struct OutputRouter: Sendable {
    private let byEventType: [String: String]
    private let byRecipient: [String: String]
    private let declaredTypes: [String: [String]]

    /// Resolves every event type and recipient now, so a bad catalogue stops the service at start.
    public init(catalogue: TopicCatalogue) throws(CatalogueError) {
        var byType: [String: String] = [:]
        for type in EventTypes.all where !TopicCatalogue.perRecipientEventTypes.contains(type.typeName) {
            byType[type.typeName] = try catalogue.topic(carrying: type.typeName).name
        }
        byEventType = byType
        var byRecipient: [String: String] = [:]
        for recipient in catalogue.recipients {
            byRecipient[recipient] = try catalogue.topic(forRecipient: recipient).name
        }
        self.byRecipient = byRecipient
        declaredTypes = Dictionary(uniqueKeysWithValues: catalogue.topics.map { ($0.name, $0.eventTypes) })
    }

    /// The topic an emission goes to.
    public func topic(for emission: Emission) throws(CatalogueError) -> String {
        let typeName = type(of: emission.event).typeName
        switch emission.destination {
        case .byEventType:
            guard let topic = byEventType[typeName] else {
                throw CatalogueError(file: "topics/", problem: "no topic carries \(typeName) without a recipient; emit it with .recipient(...)")
            }
            return topic
        case .recipient(let recipient):
            guard let topic = byRecipient[recipient] else {
                throw CatalogueError(file: "topics/", problem: "no referral topic for recipient '\(recipient)'")
            }
            return topic
        }
    }

    /// Whether a recipient has a referral topic.
    public func hasRecipient(_ recipient: String) -> Bool { byRecipient[recipient] != nil }

    /// The event types the catalogue declares for a topic.
    public func declaredEventTypes(of topic: String) -> [String] { declaredTypes[topic] ?? [] }
}
