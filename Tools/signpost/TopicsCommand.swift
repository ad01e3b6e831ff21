import ArgumentParser
import Foundation
import SignpostKafka
import SignpostTopics

struct Topics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or list the catalogue's topics on a Kafka cluster.",
        subcommands: [Apply.self, List.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create every topic of the catalogue through the admin API; existing topics are left as they are.",
            discussion: """
            Idempotent: run it on every deployment. Needs a real Kafka cluster (the embedded broker
            has no admin API; `signpost broker` creates the topics itself).

            Examples:
              signpost topics apply --bootstrap kafka:9092
              signpost topics apply --bootstrap kafka:9092 --replication-factor 3
            """
        )
        @OptionGroup var connection: ConnectionOptions

        @Option(name: .customLong("replication-factor"), help: "Replicas of each partition: 3 for a production cluster, 1 for a single broker.")
        var replicationFactor: Int32 = 3

        @Option(help: "Seconds to wait for the cluster.")
        var timeout: Int = 30

        func run() async throws {
            let catalogue = try loadCatalogue()
            let config = connection.configuration
            let admin = try KafkaAdmin(bootstrapServers: config.bootstrapServers, clientID: "signpost-topics", logger: connection.logger())
            defer { admin.shutdown() }
            let factor = replicationFactor
            var specs: [KafkaTopicSpecification] = []
            for topic in catalogue.topics {
                specs.append(KafkaTopicSpecification(name: topic.name, partitions: topic.partitions, replicationFactor: factor, configs: try topic.kafkaConfigs))
            }
            let results = try await admin.createTopics(specs, timeout: .seconds(timeout))
            for topic in catalogue.topics {
                let result = results[topic.name].map { $0 == .created ? "created" : "already existed" } ?? "?"
                print("\(topic.name.padding(toLength: 44, withPad: " ", startingAt: 0)) partitions=\(topic.partitions) rf=\(factor) \(result)")
            }
            let created = results.values.filter { $0 == .created }.count
            print("topics: \(created) created, \(results.count - created) already existed, \(catalogue.topics.count) in the catalogue")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the catalogue's topics and whether the cluster has them.",
            discussion: """
            Examples:
              signpost topics list
              signpost topics list --offline      # the catalogue only, no broker needed
            """
        )
        @OptionGroup var connection: ConnectionOptions

        @Flag(help: "Do not contact the cluster.")
        var offline = false

        func run() async throws {
            let catalogue = try loadCatalogue()
            var onCluster: [String: Int32]? = nil
            if !offline {
                let admin = try KafkaAdmin(bootstrapServers: connection.configuration.bootstrapServers, clientID: "signpost-topics", logger: connection.logger())
                onCluster = try await admin.listTopics(timeout: .seconds(10))
                admin.shutdown()
            }
            print("topic".padding(toLength: 44, withPad: " ", startingAt: 0) + " parts retention pii  cluster  event types")
            for t in catalogue.topics {
                let state: String
                if let onCluster { state = onCluster[t.name].map { "\($0) parts" } ?? "MISSING" } else { state = "-" }
                print(
                    t.name.padding(toLength: 44, withPad: " ", startingAt: 0) + " "
                        + "\(t.partitions)".padding(toLength: 5, withPad: " ", startingAt: 0) + " "
                        + t.retention.padding(toLength: 9, withPad: " ", startingAt: 0) + " "
                        + (t.personalData ? "yes " : "no  ") + " " + state.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                        + t.eventTypes.joined(separator: ",")
                )
            }
        }
    }
}
