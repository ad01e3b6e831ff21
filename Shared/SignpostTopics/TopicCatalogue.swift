import Foundation
import SignpostEvents
import Yams

/// One topic of the catalogue: a YAML file under `topics/`.
public struct TopicDefinition: Sendable, Hashable, Codable {
    public enum CleanupPolicy: String, Sendable, Hashable, Codable {
        case delete, compact
        case compactDelete = "compact,delete"
    }

    /// `domain.entity.event.vN`.
    public var name: String
    public var description: String
    public var partitions: Int32
    /// `7d`, `12h`, `30m` or `forever`.
    public var retention: String
    public var cleanupPolicy: CleanupPolicy
    /// What the Kafka key holds, such as `enquiry_reference`.
    public var key: String
    public var eventTypes: [String]
    public var producers: [String]
    public var consumers: [String]
    /// Whether the topic may hold personal data (access must then be restricted).
    public var personalData: Bool
    /// For a referral topic: the recipient's id, such as `highways` or `district_wychavon`.
    public var recipient: String?
    /// For a referral topic: `county`, `district` or `partner`.
    public var recipientScope: String?

    public init(
        name: String, description: String, partitions: Int32, retention: String, cleanupPolicy: CleanupPolicy, key: String,
        eventTypes: [String], producers: [String], consumers: [String], personalData: Bool, recipient: String?, recipientScope: String?
    ) {
        self.name = name
        self.description = description
        self.partitions = partitions
        self.retention = retention
        self.cleanupPolicy = cleanupPolicy
        self.key = key
        self.eventTypes = eventTypes
        self.producers = producers
        self.consumers = consumers
        self.personalData = personalData
        self.recipient = recipient
        self.recipientScope = recipientScope
    }

    /// `retention.ms` for Kafka: -1 for `forever`.
    public var retentionMilliseconds: Int64 {
        get throws(CatalogueError) { try Self.parseRetention(retention, topic: name) }
    }

    static func parseRetention(_ text: String, topic: String) throws(CatalogueError) -> Int64 {
        if text == "forever" { return -1 }
        let units: [Character: Int64] = ["m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last, let factor = units[unit], let n = Int64(text.dropLast()), n > 0 else {
            throw CatalogueError(file: topic, problem: "retention '\(text)' should be a number followed by m, h or d (e.g. 7d), or 'forever'")
        }
        return n * factor
    }

    /// The Kafka topic configuration this definition asks for.
    public var kafkaConfigs: [String: String] {
        get throws(CatalogueError) {
            ["retention.ms": String(try retentionMilliseconds), "cleanup.policy": cleanupPolicy.rawValue]
        }
    }
}

/// A catalogue that cannot be used, and where: fix the file and start again.
public struct CatalogueError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "topic catalogue: \(file): \(problem)" }
}

/// The topic catalogue: the one source of truth for every topic name, its shape and who
/// produces and consumes it. Services find their topics here, never by a name in code.
public struct TopicCatalogue: Sendable {
    public private(set) var topics: [TopicDefinition]
    /// Where it was read from.
    public let directory: URL?

    /// Builds and validates a catalogue from definitions.
    public init(topics: [TopicDefinition], directory: URL? = nil) throws(CatalogueError) {
        self.topics = topics.sorted { $0.name < $1.name }
        self.directory = directory
        try validate()
    }

    /// Reads every `*.yaml` file of `directory` and validates the whole.
    public static func load(from directory: URL) throws(CatalogueError) -> TopicCatalogue {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
        } catch {
            throw CatalogueError(file: directory.path, problem: "cannot list the directory (\(error.localizedDescription)); set SIGNPOST_TOPICS_DIR to the topics/ folder")
        }
        guard !files.isEmpty else {
            throw CatalogueError(file: directory.path, problem: "no *.yaml topic files here; set SIGNPOST_TOPICS_DIR to the topics/ folder")
        }
        var topics: [TopicDefinition] = []
        let decoder = YAMLDecoder()
        for file in files {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                var topic = try decoder.decode(TopicFile.self, from: text).definition
                topic.description = topic.description.trimmingCharacters(in: .whitespacesAndNewlines)
                if file.deletingPathExtension().lastPathComponent != topic.name {
                    throw CatalogueError(file: file.lastPathComponent, problem: "the file must be named after its topic: \(topic.name).yaml")
                }
                topics.append(topic)
            } catch let error as CatalogueError {
                throw error
            } catch {
                throw CatalogueError(file: file.lastPathComponent, problem: "not a valid topic definition: \(error)")
            }
        }
        return try TopicCatalogue(topics: topics, directory: directory)
    }

    /// Finds the catalogue: `SIGNPOST_TOPICS_DIR`, else a `topics/` folder in the working
    /// directory or above it, else beside or above the running executable.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CatalogueError) -> URL {
        if let dir = environment["SIGNPOST_TOPICS_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("topics")
                let files = (try? FileManager.default.contentsOfDirectory(atPath: candidate.path)) ?? []
                if files.contains(where: { $0.hasSuffix(".yaml") }) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        throw CatalogueError(file: "topics/", problem: "no topic catalogue found from \(FileManager.default.currentDirectoryPath); set SIGNPOST_TOPICS_DIR to the topics/ folder")
    }

    /// Locates and loads the catalogue.
    public static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CatalogueError) -> TopicCatalogue {
        try load(from: try locate(environment: environment))
    }

    /// The topic with this name.
    public func topic(named name: String) -> TopicDefinition? { topics.first { $0.name == name } }

    /// The one topic that carries an event type (referral topics, chosen by recipient, excepted).
    public func topic(carrying typeName: String) throws(CatalogueError) -> TopicDefinition {
        let carrying = topics.filter { $0.recipient == nil && $0.eventTypes.contains(typeName) }
        guard carrying.count == 1 else {
            throw CatalogueError(file: "topics/", problem: "\(carrying.count) topics carry \(typeName); exactly one must (or name a recipient)")
        }
        return carrying[0]
    }

    /// The referral topic of a recipient.
    public func topic(forRecipient recipient: String) throws(CatalogueError) -> TopicDefinition {
        guard let topic = topics.first(where: { $0.recipient == recipient }) else {
            throw CatalogueError(file: "topics/", problem: "no referral topic for recipient '\(recipient)'; add a topic file with `recipient: \(recipient)`")
        }
        return topic
    }

    /// The topics a service consumes.
    public func inputs(of service: String) -> [TopicDefinition] { topics.filter { $0.consumers.contains(service) } }

    /// Event types that travel on each recipient's own referral topic (referrals, their
    /// closures and correction notices); every other type travels on exactly one topic.
    public static let perRecipientEventTypes: Set<String> = [ReferralIssued.typeName, ReferralClosed.typeName, ReferralCorrected.typeName, ReferralErased.typeName]

    /// Every recipient with a referral topic.
    public var recipients: [String] { topics.compactMap(\.recipient).sorted() }

    private func validate() throws(CatalogueError) {
        var seen = Set<String>()
        let namePattern = /^[a-z]+(\.[a-z0-9-]+)+\.v[0-9]+$/
        for topic in topics {
            guard seen.insert(topic.name).inserted else { throw CatalogueError(file: topic.name, problem: "defined twice") }
            guard topic.name.wholeMatch(of: namePattern) != nil, topic.name.count <= 249 else {
                throw CatalogueError(file: topic.name, problem: "name must be domain.entity.event.vN: lower case letters, digits and dashes")
            }
            guard topic.partitions > 0 else { throw CatalogueError(file: topic.name, problem: "partitions must be at least 1") }
            _ = try topic.retentionMilliseconds
            guard !topic.eventTypes.isEmpty else { throw CatalogueError(file: topic.name, problem: "event_types is empty") }
            for type in topic.eventTypes where EventTypes.named(type) == nil {
                throw CatalogueError(file: topic.name, problem: "unknown event type '\(type)'; known: \(EventTypes.all.map { $0.typeName }.joined(separator: ", "))")
            }
            guard !topic.producers.isEmpty, !topic.consumers.isEmpty else {
                throw CatalogueError(file: topic.name, problem: "producers and consumers must each name at least one")
            }
        }
        var recipientsSeen = Set<String>()
        for recipient in topics.compactMap(\.recipient) where !recipientsSeen.insert(recipient).inserted {
            throw CatalogueError(file: "topics/", problem: "recipient '\(recipient)' has two referral topics")
        }
        for type in EventTypes.all.map({ $0.typeName }) where !Self.perRecipientEventTypes.contains(type) {
            _ = try topic(carrying: type)
        }
    }
}

/// The YAML shape of a topic file (snake_case keys).
private struct TopicFile: Decodable {
    var name: String
    var description: String
    var partitions: Int32
    var retention: String
    var cleanup_policy: TopicDefinition.CleanupPolicy
    var key: String
    var event_types: [String]
    var producers: [String]
    var consumers: [String]
    var personal_data: Bool
    var recipient: String?
    var recipient_scope: String?

    var definition: TopicDefinition {
        TopicDefinition(
            name: name, description: description, partitions: partitions, retention: retention,
            cleanupPolicy: cleanup_policy, key: key, eventTypes: event_types, producers: producers,
            consumers: consumers, personalData: personal_data, recipient: recipient, recipientScope: recipient_scope
        )
    }
}
