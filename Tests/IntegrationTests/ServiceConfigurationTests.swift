import SignpostRuntime
import Testing

/// The librdkafka settings a service's clients start with.
@Suite struct ServiceConfigurationTests {
    @Test func consumersCapTheirPrefetchUnlessTheEnvironmentSetsIt() {
        let plain = ServiceConfiguration(serviceName: "intake", environment: ["SIGNPOST_STATE_DIR": "/nonexistent"])
        #expect(plain.consumerProperties["queued.max.messages.kbytes"] == String(ServiceConfiguration.consumerQueueKilobytes))
        #expect(plain.consumerProperties["fetch.max.bytes"] == "2097152")
        #expect(plain.readerProperties["queued.max.messages.kbytes"] == nil, "readers catch up without a queue limit")
        #expect(plain.readerProperties["max.partition.fetch.bytes"] == "262144")
        #expect(plain.kafkaProperties["queued.max.messages.kbytes"] == nil, "the cap is for consumers only, not the producer")

        let tuned = ServiceConfiguration(serviceName: "intake", environment: [
            "SIGNPOST_STATE_DIR": "/nonexistent",
            "SIGNPOST_KAFKA_QUEUED_MAX_MESSAGES_KBYTES": "65536",
            "SIGNPOST_KAFKA_SECURITY_PROTOCOL": "ssl",
        ])
        #expect(tuned.consumerProperties["queued.max.messages.kbytes"] == "65536")
        #expect(tuned.consumerProperties["security.protocol"] == "ssl")
        #expect(tuned.readerProperties["security.protocol"] == "ssl")
        #expect(tuned.kafkaProperties["security.protocol"] == "ssl")
    }

    @Test func servicesTrimTheirHeapEverySecondUnlessTheEnvironmentSaysOtherwise() {
        func interval(_ value: String?) -> Duration? {
            var environment = ["SIGNPOST_STATE_DIR": "/nonexistent"]
            environment["SIGNPOST_MEMORY_TRIM_MS"] = value
            return ServiceConfiguration(serviceName: "referral", environment: environment).memoryTrimInterval
        }
        #expect(interval(nil) == .seconds(1))
        #expect(interval("250") == .milliseconds(250))
        #expect(interval("0") == nil)
        #expect(interval("-5") == nil)
        #expect(interval("often") == .seconds(1), "an unreadable value keeps the default")
    }
}
