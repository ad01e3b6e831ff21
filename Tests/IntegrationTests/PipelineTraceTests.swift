import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostOps
import SignpostTopics
import Testing

/// The trace reads the topics themselves, so it tells a referral an observer missed from a
/// contact the pipeline stopped writing, and names the last stage that wrote it.
@Suite struct PipelineTraceTests {
    @Test(.timeLimit(.minutes(2)))
    func traceNamesTheFirstStageThatNeverWroteEachContact() async throws {
        let catalogue = try TopicCatalogue.load(from: PipelineIntegrationTests.root.appendingPathComponent("topics"))
        var logger = Logger(label: "trace-test")
        logger.logLevel = .error
        let broker = try BrokerHost(catalogue: catalogue, partitions: 2, stateDirectory: nil, logger: logger)
        defer { broker.stop() }
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers, clientID: "trace-test"), logger: logger)
        func put(_ id: String, on type: String) async throws {
            let topic = try catalogue.topic(carrying: type).name
            _ = try await producer.send(KafkaOutboundMessage(topic: topic, key: Array(id.utf8), value: Array(#"{"contact_id":"\#(id)"}"#.utf8)))
        }
        // "a" went all the way; "b" stopped after classification; "c" was only received;
        // "ab" contains "a" but is a different contact.
        for type in [ContactReceived.typeName, EnquiryLogged.typeName, EnquiryClassified.typeName, EnquiryRedacted.typeName] {
            try await put("a", on: type)
        }
        let referrals = try catalogue.topic(forRecipient: "highways").name
        _ = try await producer.send(KafkaOutboundMessage(topic: referrals, key: nil, value: Array(#"{"contact_id":"a"}"#.utf8)))
        for type in [ContactReceived.typeName, EnquiryLogged.typeName, EnquiryClassified.typeName] { try await put("b", on: type) }
        try await put("c", on: ContactReceived.typeName)
        try await put("ab", on: ContactReceived.typeName)
        await producer.shutdown(timeout: .seconds(5))

        let trace = try await PipelineTrace.read(contactIds: ["a", "b", "c", "d"], bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
        #expect(trace.seen["a"]?["referred"]?.hasPrefix(referrals) == true)
        #expect(trace.seen["b"].map { Set($0.keys) } == ["received", "logged", "classified"])
        #expect(trace.seen["c"].map { Set($0.keys) } == ["received"])
        #expect(trace.seen["d"] == nil)
        let lines = trace.summary(of: ["a", "b", "c", "d"])
        #expect(lines[0].hasPrefix("a: referred (the observer missed it)"))
        #expect(lines[1].hasPrefix("b: not redacted"))
        #expect(lines[2].hasPrefix("c: not logged"))
        #expect(lines[3] == "d: not received; seen nowhere")
    }
}
