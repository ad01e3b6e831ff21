import Foundation
import Logging
import SignpostKafka
import SignpostRuntime
import Testing

/// The output ledger against the embedded broker: what it keeps of the shared topics, and when it reads them.
@Suite struct OutputLedgerTests {
    static let type = "uk.gov.worcestershire.signpost.EnquiryStatusChanged.v1"

    static func output(_ topic: String, source: String, id: String, input: String?) -> KafkaOutboundMessage {
        var headers = [
            KafkaHeader(key: "ce_id", string: id), KafkaHeader(key: "ce_source", string: source), KafkaHeader(key: "ce_type", string: type),
        ]
        if let input { headers.append(KafkaHeader(key: OutputLedger.inputHeader, string: input)) }
        return KafkaOutboundMessage(topic: topic, key: Array(id.utf8), value: Array("{}".utf8), headers: headers)
    }

    static func send(_ messages: [KafkaOutboundMessage], on cluster: EmbeddedKafkaCluster) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: "ledger-test-producer"), logger: Logger(label: "ledger-test"))
        for message in messages { _ = try await producer.send(message) }
        await producer.shutdown(timeout: .seconds(5))
    }

    @Test func ledgerGivesBackEveryInputPositionItWasToldIncludingOnesTooLargeToPack() {
        let ledger = OutputLedger(source: "signpost/referral", logger: Logger(label: "ledger-test"))
        // 300 input topics (more than the packed form's 255), partitions and offsets at and past
        // the packed form's limits, and an unreadable position.
        var positions: [String] = []
        for topic in 0..<300 {
            for (partition, offset) in [(0, 0), (65_535, 1_099_511_627_774), (65_536, 7), (3, 1_099_511_627_775), (12, 999_999_999_999_999_999)] {
                positions.append("topic-\(topic)/\(partition)/\(offset)")
            }
        }
        positions.append("not a position")
        for (n, position) in positions.enumerated() {
            ledger.record(type: Self.type, id: "e\(n)", input: position)
        }
        // Recording an event again keeps its first input.
        ledger.record(type: Self.type, id: "e0", input: "other/1/1")
        #expect(ledger.count == positions.count)
        for (n, position) in positions.enumerated() {
            #expect(ledger.input(ofType: Self.type, id: "e\(n)") == (position == "not a position" ? "" : position))
        }
        #expect(ledger.input(ofType: Self.type, id: "never") == nil)
        #expect(!ledger.hasPublished(type: Self.type, id: "never"))
    }

    @Test(.timeLimit(.minutes(1)))
    func ledgerKeepsOnlyItsOwnServicesOutputsOfASharedTopicAndLearnsLaterOnesAtTheNextCatchUp() async throws {
        var logger = Logger(label: "ledger-test")
        logger.logLevel = .warning
        let cluster = try EmbeddedKafkaCluster(logger: logger)
        defer { cluster.stop() }
        let topic = "shared.status.\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.createTopic(topic, partitions: 3)
        try await Self.send([
            Self.output(topic, source: "signpost/intake", id: "a", input: "contacts/2/41 intake-1"),
            Self.output(topic, source: "signpost/classifier", id: "b", input: "logged/0/7 classifier-1"),
            Self.output(topic, source: "signpost/intake", id: "c", input: nil),
            Self.output(topic, source: "signpost/intake-2", id: "e", input: "contacts/0/1"),
        ], on: cluster)

        let ledger = try await OutputLedger(
            source: "signpost/intake", topics: [topic], bootstrapServers: cluster.bootstrapServers, clientID: "ledger-test",
            since: Date().addingTimeInterval(-3600), fetchWaitMilliseconds: 10, extra: [:], logger: logger
        )
        defer { ledger.stop() }
        #expect(await ledger.catchUp(timeout: .seconds(20)))
        #expect(ledger.count == 2)
        #expect(ledger.hasPublished(type: Self.type, id: "a"))
        #expect(ledger.input(ofType: Self.type, id: "a") == "contacts/2/41")
        #expect(ledger.inputPosition(ofType: Self.type, id: "a") == ledger.input(topic: "contacts", partition: 2, offset: 41))
        #expect(ledger.inputPosition(ofType: Self.type, id: "a") != ledger.input(topic: "contacts", partition: 2, offset: 42))
        #expect(!ledger.hasPublished(type: Self.type, id: "b"), "another service's output")
        #expect(!ledger.hasPublished(type: Self.type, id: "e"), "a source that only starts like this one")
        #expect(ledger.input(ofType: Self.type, id: "c") == "", "published, from an unknown input")
        #expect(!ledger.hasPublished(type: "uk.gov.worcestershire.signpost.EnquiryLogged.v1", id: "a"))

        // What this process publishes it remembers at once; what is published elsewhere, at the next catch-up.
        ledger.record(type: Self.type, id: "f", input: ledger.input(topic: "contacts", partition: 1, offset: 3))
        #expect(ledger.input(ofType: Self.type, id: "f") == "contacts/1/3")
        try await Self.send([Self.output(topic, source: "signpost/intake", id: "d", input: "contacts/1/9 intake-2")], on: cluster)
        #expect(await ledger.catchUp(timeout: .seconds(20)))
        #expect(ledger.input(ofType: Self.type, id: "d") == "contacts/1/9")
        #expect(ledger.count == 4)
    }
}
