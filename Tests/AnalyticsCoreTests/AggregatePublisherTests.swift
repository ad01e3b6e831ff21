import AnalyticsCore
import Foundation
import SignpostEvents
import Testing

/// What the `analytics` service publishes on the aggregate topic, and when.
@Suite struct AggregatePublisherTests {
    private let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func aggregates(seed: UInt64) -> (PerformanceAggregates, Int) {
        let fold = PerformanceAggregator(Simulation.events(Simulation.enquiries(seed: seed), seed: seed))
        return (fold.snapshot(), fold.eventCount)
    }

    @Test func everyHourHasAnOverallAggregateAndOnePerValueOfEachDimension() {
        let (snapshot, folded) = aggregates(seed: 7)
        let published = AggregatePublisher.all(snapshot, eventsFolded: folded, at: now)
        let hours = Set(snapshot.buckets.keys.compactMap(\.hour))
        #expect(Set(published.filter { $0.dimension == .all }.map(\.hour)) == hours)
        for dimension in PerformanceAggregate.Dimension.allCases where dimension != .all {
            for hour in hours {
                let slice = published.filter { $0.dimension == dimension && $0.hour == hour }
                let overall = published.first { $0.dimension == .all && $0.hour == hour }
                // The values of one dimension split the hour's enquiries exactly.
                #expect(slice.map(\.enquiries).reduce(0, +) == overall?.enquiries)
                #expect(slice.map(\.referred).reduce(0, +) == overall?.referred)
                #expect(Set(slice.map(\.aggregateId)).count == slice.count)
            }
        }
        #expect(published.allSatisfy { ($0.dimension == .all) == ($0.value == nil) })
    }

    @Test func anAggregateCarriesTheMeasuresOfItsRolledUpBucket() throws {
        let (snapshot, folded) = aggregates(seed: 42)
        let published = AggregatePublisher.all(snapshot, eventsFolded: folded, at: now)
        let byChannel = snapshot.rolledUp(keeping: [.hour, .channel])
        for aggregate in published where aggregate.dimension == .channel {
            let key = BucketKey(hour: aggregate.hour, channel: aggregate.value.flatMap(Channel.init(rawValue:)))
            let metrics = try #require(byChannel[key])
            #expect(aggregate.enquiries == metrics.enquiries)
            #expect(aggregate.referralMillisecondsMedian == metrics.medianReferralMilliseconds)
            #expect(aggregate.referralMillisecondsP90 == metrics.p90ReferralMilliseconds)
            #expect(aggregate.triageRate == metrics.triageRate)
            #expect(aggregate.surveyResponseRate == metrics.surveyResponseRate)
            #expect(aggregate.meanScore == metrics.meanScore)
            #expect(aggregate.eventsFolded == folded)
        }
    }

    @Test func onlyChangedAggregatesArePublishedAgain() {
        let events = Simulation.events(Simulation.enquiries(seed: 2026), seed: 2026)
        var fold = PerformanceAggregator(events.dropLast(40))
        var publisher = AggregatePublisher()
        let first = publisher.due(fold.snapshot(), eventsFolded: fold.eventCount, at: now)
        #expect(first.count == AggregatePublisher.all(fold.snapshot(), eventsFolded: fold.eventCount, at: now).count)
        #expect(publisher.due(fold.snapshot(), eventsFolded: fold.eventCount, at: now).isEmpty, "nothing changed, nothing is due")

        let before = fold.snapshot()
        for e in events.suffix(40) { fold.add(e) }
        let after = fold.snapshot()
        let second = publisher.due(after, eventsFolded: fold.eventCount, at: now.addingTimeInterval(60))
        let everything = AggregatePublisher.all(after, eventsFolded: 0, at: now)
        let unchanged = AggregatePublisher.all(before, eventsFolded: 0, at: now)
        let expected = everything.filter { a in
            var old = unchanged.first { $0.aggregateId == a.aggregateId }
            old?.eventsFolded = a.eventsFolded
            return old != a
        }
        #expect(!second.isEmpty)
        #expect(second.map(\.aggregateId) == expected.map(\.aggregateId))
    }

    @Test func aggregateIdsNameTheHourTheDimensionAndTheValue() {
        let hour = Date(timeIntervalSince1970: 1_795_003_200)
        #expect(AggregatePublisher.aggregateId(hour: hour, dimension: .all, value: nil) == "2026-11-18T12:00:00Z/all")
        #expect(AggregatePublisher.aggregateId(hour: hour, dimension: .channel, value: "phone") == "2026-11-18T12:00:00Z/channel=phone")
        #expect(AggregatePublisher.aggregateId(hour: hour, dimension: .team, value: nil) == "2026-11-18T12:00:00Z/team=unknown")
    }
}
