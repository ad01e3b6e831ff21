import Foundation
import SignpostKafka
import Synchronization
import Testing

@Suite("Log reader")
struct LogReaderTests {
    /// Sends `count` records with a `source` header (and, every third, a second `source` header last).
    static func send(_ count: Int, from first: Int, to topic: String, on cluster: EmbeddedKafkaCluster) async throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("p")),
            logger: testLogger("producer"))
        for index in first..<(first + count) {
            var headers = [KafkaHeader(key: "source", string: "a"), KafkaHeader(key: "n", string: "\(index)"), KafkaHeader(key: "null", value: nil)]
            if index % 3 == 0 { headers.append(KafkaHeader(key: "source", string: "b")) }
            _ = try await producer.send(KafkaOutboundMessage(topic: topic, key: Array("k\(index)".utf8), value: Array("v\(index)".utf8), headers: headers))
        }
        await producer.shutdown(timeout: .seconds(5))
    }

    struct Seen: Sendable, Hashable {
        var partition: Int32
        var offset: Int64
        var n: String?
        var lastSourceIsB: Bool
        var nullHeader: Bool
        var missingHeader: Bool
    }

    @Test(.timeLimit(.minutes(1)))
    func readerThatDoesNotFollowReadsOnlyDuringCatchUpsAndResumesWhereItStopped() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("ledger")
        try cluster.createTopic(topic, partitions: 2)
        try await Self.send(10, from: 0, to: topic, on: cluster)

        let seen = Mutex<[Seen]>([])
        var config = KafkaLogReaderConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("r"), topics: [topic])
        config.fetchWaitMaxMilliseconds = 10
        config.followsBetweenCatchUps = false
        let reader = try await KafkaLogReader(configuration: config, logger: testLogger("reader"), onRecordInPlace: { record in
            let entry = Seen(
                partition: record.partition, offset: record.offset,
                n: record.withHeader("n") { String(decoding: $0, as: UTF8.self) },
                lastSourceIsB: record.header("source", is: Array("b".utf8)),
                nullHeader: record.withHeader("null") { _ in true } ?? false,
                missingHeader: record.withHeader("absent") { _ in true } ?? false
            )
            #expect(record.topic == topic)
            seen.withLock { $0.append(entry) }
        })
        defer { reader.stop() }

        #expect(await reader.catchUp(timeout: .seconds(20)))
        let first = seen.withLock { $0 }
        #expect(first.count == 10)
        #expect(Set(first.compactMap(\.n)) == Set((0..<10).map { "\($0)" }))
        for entry in first {
            #expect(entry.lastSourceIsB == (Int(entry.n ?? "") ?? -1).isMultiple(of: 3))
            #expect(!entry.nullHeader && !entry.missingHeader)
        }

        // Written after the catch-up: not read until the next one.
        try await Self.send(10, from: 10, to: topic, on: cluster)
        try await Task.sleep(for: .seconds(1))
        #expect(seen.withLock { $0.count } == 10)

        #expect(await reader.catchUp(timeout: .seconds(20)))
        let all = seen.withLock { $0 }
        #expect(all.count == 20)
        #expect(Set(all.compactMap(\.n)) == Set((0..<20).map { "\($0)" }))
        // In order per partition, with no gap and no repeat.
        for partition in Set(all.map(\.partition)) {
            let offsets = all.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)))
        }
        // An immediate catch-up with nothing new returns at once.
        #expect(await reader.catchUp(timeout: .seconds(5)))
        #expect(seen.withLock { $0.count } == 20)
    }

    @Test(.timeLimit(.minutes(1)))
    func followingReaderSeesRecordsWithoutACatchUp() async throws {
        let cluster = try EmbeddedKafkaCluster(logger: testLogger("cluster"))
        defer { cluster.stop() }
        let topic = unique("follow")
        try cluster.createTopic(topic, partitions: 1)
        let count = Atomic<Int>(0)
        var config = KafkaLogReaderConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: unique("r"), topics: [topic])
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: testLogger("reader")) { message in
            if message.value.starts(with: Array("v".utf8)) { count.add(1, ordering: .relaxed) }
        }
        defer { reader.stop() }
        #expect(await reader.catchUp(timeout: .seconds(20)))
        try await Self.send(5, from: 0, to: topic, on: cluster)
        let deadline = ContinuousClock.now + .seconds(20)
        while count.load(ordering: .relaxed) < 5 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(count.load(ordering: .relaxed) == 5)
    }
}
