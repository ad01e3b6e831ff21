import SignpostKafka
import Testing

@Suite("KafkaOffsetTracker (no broker)")
struct OffsetTrackerTests {
    let p0 = KafkaTopicPartition(topic: "t", partition: 0)
    let p1 = KafkaTopicPartition(topic: "t", partition: 1)

    @Test func inOrderMarksAdvanceOneByOne() {
        var tracker = KafkaOffsetTracker()
        for offset in 0..<3 { tracker.handedOut(p0, offset: Int64(offset)) }
        #expect(tracker.markProcessed(p0, offset: 0) == 1)
        #expect(tracker.markProcessed(p0, offset: 1) == 2)
        #expect(tracker.markProcessed(p0, offset: 2) == 3)
        #expect(tracker.outstandingCount == 0)
    }

    @Test func outOfOrderMarkStoresNothingPastTheGap() {
        var tracker = KafkaOffsetTracker()
        for offset in 0..<4 { tracker.handedOut(p0, offset: Int64(offset)) }
        #expect(tracker.markProcessed(p0, offset: 0) == 1)
        #expect(tracker.markProcessed(p0, offset: 2) == nil)   // 1 unfinished: nothing past 1
        #expect(tracker.markProcessed(p0, offset: 3) == nil)
        #expect(tracker.outstanding(p0) == 3)
        #expect(tracker.markProcessed(p0, offset: 1) == 4)     // gap closed: jumps over 2 and 3
        #expect(tracker.outstanding(p0) == 0)
    }

    @Test func partitionsAreIndependent() {
        var tracker = KafkaOffsetTracker()
        tracker.handedOut(p0, offset: 10)
        tracker.handedOut(p1, offset: 5)
        tracker.handedOut(p0, offset: 11)
        #expect(tracker.markProcessed(p0, offset: 11) == nil)
        #expect(tracker.markProcessed(p1, offset: 5) == 6)
        #expect(tracker.markProcessed(p0, offset: 10) == 12)
    }

    @Test func offsetGapsFromCompactionOrTransactionsAreFine() {
        var tracker = KafkaOffsetTracker()
        tracker.handedOut(p0, offset: 3)
        tracker.handedOut(p0, offset: 7)
        tracker.handedOut(p0, offset: 8)
        #expect(tracker.markProcessed(p0, offset: 7) == nil)
        #expect(tracker.markProcessed(p0, offset: 3) == 8)
        #expect(tracker.markProcessed(p0, offset: 8) == 9)
    }

    @Test func unknownDuplicateAndForgottenMarksAreIgnored() {
        var tracker = KafkaOffsetTracker()
        tracker.handedOut(p0, offset: 0)
        tracker.handedOut(p0, offset: 1)
        #expect(tracker.markProcessed(p0, offset: 5) == nil)   // never handed out
        #expect(tracker.markProcessed(p1, offset: 0) == nil)   // unknown partition
        #expect(tracker.markProcessed(p0, offset: 0) == 1)
        #expect(tracker.markProcessed(p0, offset: 0) == nil)   // already passed
        tracker.forget(p0)
        #expect(tracker.markProcessed(p0, offset: 1) == nil)   // revoked
        #expect(tracker.outstandingCount == 0)
    }

    @Test func rewindReplacesUnfinishedEntries() {
        var tracker = KafkaOffsetTracker()
        for offset in 0..<4 { tracker.handedOut(p0, offset: Int64(offset)) }
        #expect(tracker.markProcessed(p0, offset: 0) == 1)
        tracker.handedOut(p0, offset: 2)                      // re-read from 2 after a seek
        #expect(tracker.outstanding(p0) == 2)                 // 1 and the new 2
        #expect(tracker.markProcessed(p0, offset: 1) == 2)
        #expect(tracker.markProcessed(p0, offset: 2) == 3)
    }

    @Test func manyMessagesCompactCorrectly() {
        var tracker = KafkaOffsetTracker()
        for offset in 0..<1000 { tracker.handedOut(p0, offset: Int64(offset)) }
        var stored: Int64 = 0
        // Mark in pairs, second first.
        for base in stride(from: 0, to: 1000, by: 2) {
            #expect(tracker.markProcessed(p0, offset: Int64(base + 1)) == nil)
            if let next = tracker.markProcessed(p0, offset: Int64(base)) { stored = next }
            #expect(stored == Int64(base + 2))
        }
        #expect(tracker.outstandingCount == 0)
    }
}

@Suite("KafkaError and headers (no broker)")
struct ValueTypeTests {
    @Test func errorCarriesNameNumberAndRemedy() {
        let error = KafkaError(code: .init(rawValue: -195), message: "boom")  // _TRANSPORT
        #expect(error.code.name == "_TRANSPORT")
        #expect(error.code.rawValue == -195)
        #expect(error.remedy.contains("SIGNPOST_BOOTSTRAP_SERVERS"))
        #expect(error.description.contains("_TRANSPORT(-195)"))
        #expect(KafkaError.Code.queueFull.name == "_QUEUE_FULL")
    }

    @Test func headerStringValues() {
        #expect(KafkaHeader(key: "k", string: "vé").stringValue == "vé")
        #expect(KafkaHeader(key: "k", value: nil).stringValue == nil)
        #expect(KafkaHeader(key: "k", value: [0xFF]).stringValue == nil)
    }
}
