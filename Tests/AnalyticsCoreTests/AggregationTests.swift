import AnalyticsCore
import Foundation
import SignpostEvents
import Testing

private let seeds: [UInt64] = [1, 7, 42, 2026, 90_210]

/// The fold against a recount from what really happened, whatever the order, split or repeats of the stream.
@Suite struct AggregationPropertyTests {
    @Test(arguments: seeds)
    func foldEqualsARecountFromTheRawEnquiries(seed: UInt64) {
        let truth = Simulation.enquiries(seed: seed)
        let folded = PerformanceAggregator(Simulation.events(truth, seed: seed)).snapshot()
        let expected = Simulation.recount(truth)
        #expect(folded == expected)
        #expect(folded.total.enquiries == truth.count)
    }

    @Test(arguments: seeds)
    func foldingInAnyOrderGivesTheSameAggregates(seed: UInt64) {
        let events = Simulation.events(Simulation.enquiries(seed: seed), seed: seed)
        var rng = SeededRandom(seed &+ 99)
        let inOrder = PerformanceAggregator(events).snapshot()
        #expect(PerformanceAggregator(events.shuffled(using: &rng)).snapshot() == inOrder)
        #expect(PerformanceAggregator(events.reversed()).snapshot() == inOrder)
    }

    @Test(arguments: seeds, [2, 3, 7])
    func foldingPartsAndMergingEqualsFoldingTheWhole(seed: UInt64, parts: Int) {
        let events = Simulation.events(Simulation.enquiries(seed: seed), seed: seed)
        var rng = SeededRandom(seed &+ UInt64(parts))
        var folds = Array(repeating: PerformanceAggregator(), count: parts)
        for e in events { folds[Int.random(in: 0..<parts, using: &rng)].add(e) }
        var merged = PerformanceAggregator()
        for f in folds.reversed() { merged.merge(f) }
        #expect(merged.snapshot() == PerformanceAggregator(events).snapshot())
        #expect(merged == PerformanceAggregator(events))
    }

    @Test(arguments: seeds)
    func duplicatedEventsCountOnce(seed: UInt64) {
        let truth = Simulation.enquiries(seed: seed)
        let events = Simulation.events(truth, seed: seed)
        var rng = SeededRandom(seed &+ 5)
        let repeats = (0..<events.count / 3).map { _ in events.randomElement(using: &rng)! }
        var fold = PerformanceAggregator(events)
        let added = repeats.map { fold.add($0) }
        #expect(!added.contains(true), "a repeated event_id was folded as new")
        #expect(fold.snapshot() == Simulation.recount(truth))
        #expect(fold.eventCount == events.count)
        // Overlapping parts (an at-least-once redelivery after a restart) merge to the same result.
        var a = PerformanceAggregator(events.prefix(events.count * 2 / 3))
        a.merge(PerformanceAggregator(events.suffix(events.count * 2 / 3)))
        #expect(a.snapshot() == Simulation.recount(truth))
    }

    @Test(arguments: seeds)
    func rollUpsAddUpToTheTotal(seed: UInt64) {
        let aggregates = PerformanceAggregator(Simulation.events(Simulation.enquiries(seed: seed), seed: seed)).snapshot()
        let total = aggregates.total
        for dimension in BucketDimension.allCases {
            let rolled = aggregates.rolledUp(keeping: [dimension])
            var sum = BucketMetrics()
            for m in rolled.values { sum.merge(m) }
            #expect(sum == total, "rolled up by \(dimension)")
        }
    }
}

/// The measures of one bucket, by hand.
@Suite struct BucketMeasureTests {
    func event(_ enquiry: String, _ stage: PerformanceEvent.Stage, ms: Int? = nil, score: Int? = nil, recipient: String? = nil, at: Date = Simulation.start) -> PerformanceEvent {
        PerformanceEvent(eventId: EventIds.performance(enquiry: enquiry, stage: stage), stage: stage, recordedBy: "t", enquiry: enquiry,
                         channel: .phone, kind: .complaint, service: .highways, recipient: recipient, elapsedMilliseconds: ms, score: score,
                         occurredAt: at.addingTimeInterval(Double(ms ?? 0) / 1000))
    }

    @Test(arguments: [
        ([5], 5.0, 5),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9),
        ([10, 1, 7], 7.0, 10),
        ([3, 1, 2, 4], 2.5, 4),
    ])
    func medianIsTheMiddleAndP90IsTheNearestRank(times: [Int], median: Double, p90: Int) {
        let m = BucketMetrics(enquiries: times.count, received: 0, referred: times.count, triaged: 0, deadLettered: 0, surveysInvited: 0,
                              surveysAnswered: 0, scoreSum: 0, scoreCount: 0, referralMilliseconds: times)
        #expect(m.medianReferralMilliseconds == median)
        #expect(m.p90ReferralMilliseconds == p90)
    }

    @Test func emptyBucketHasNoRatesRatherThanZero() {
        let m = BucketMetrics()
        #expect(m.triageRate == nil && m.deadLetterRate == nil && m.surveyResponseRate == nil && m.meanScore == nil)
        #expect(m.medianReferralMilliseconds == nil && m.p90ReferralMilliseconds == nil)
    }

    @Test func ratesAreSharesOfTheRightDenominators() {
        let events = [
            event("a", .received), event("a", .referred, ms: 1000, recipient: "highways"), event("a", .surveyInvited, ms: 1100, recipient: "highways"),
            event("a", .surveyAnswered, score: 4),
            event("b", .received), event("b", .referred, ms: 3000, recipient: "highways"), event("b", .surveyInvited, ms: 3100, recipient: "highways"),
            event("c", .received), event("c", .triaged, ms: 2000, recipient: "highways"),
            event("d", .deadLettered),
        ]
        let total = PerformanceAggregator(events).snapshot().total
        #expect(total.enquiries == 4)
        #expect(total.triageRate == 1.0 / 3)
        #expect(total.deadLetterRate == 0.25)
        #expect(total.surveyResponseRate == 0.5)
        #expect(total.meanScore == 4)
        #expect(total.medianReferralMilliseconds == 2000)
        #expect(total.p90ReferralMilliseconds == 3000)
    }

    @Test func anEnquiryBelongsToTheHourItsContactWasReceivedAndItsLatestDimensions() {
        let onTheHour = Simulation.start
        let events = [
            event("a", .received, at: onTheHour.addingTimeInterval(3599)),
            event("a", .referred, ms: 5000, recipient: "highways", at: onTheHour.addingTimeInterval(3599)), // referred in the next hour
            event("b", .received, at: onTheHour),
        ]
        let keys = Set(PerformanceAggregator(events).snapshot().buckets.keys)
        #expect(keys == [
            BucketKey(hour: onTheHour, channel: .phone, kind: .complaint, service: .highways, team: "highways"),
            BucketKey(hour: onTheHour, channel: .phone, kind: .complaint, service: .highways),
        ])
    }

    @Test func changedBucketsNameOnlyTheBucketsANewEventMoves() {
        var fold = PerformanceAggregator([event("a", .received), event("b", .received)])
        let before = fold.snapshot()
        fold.add(event("a", .referred, ms: 900, recipient: "libraries"))
        let changed = fold.snapshot().changedBuckets(since: before)
        #expect(changed == [BucketKey(hour: Simulation.start, channel: .phone, kind: .complaint, service: .highways, team: "libraries"),
                            BucketKey(hour: Simulation.start, channel: .phone, kind: .complaint, service: .highways)].sorted())
        #expect(fold.snapshot().changedBuckets(since: fold.snapshot()).isEmpty)
    }
}
