import Foundation
import SignpostEvents

/// Decides which ``PerformanceAggregate`` events are due: for each UTC hour, one aggregate over
/// every enquiry and one per value of each dimension (channel, kind, service, team), published
/// again only when its figures have changed since the last publication.
///
/// A value type with no Kafka in it: the `analytics` executable feeds it snapshots of its fold
/// and publishes what it returns.
public struct AggregatePublisher: Sendable {
    /// The figures last returned, by aggregate id.
    private var published: [String: BucketMetrics] = [:]

    public init() {}

    /// How many aggregate ids have been published so far.
    public var publishedCount: Int { published.count }

    /// Every aggregate of `aggregates` whose figures differ from those last returned, in id
    /// order; remembers them as published.
    public mutating func due(_ aggregates: PerformanceAggregates, eventsFolded: Int, at now: Date) -> [PerformanceAggregate] {
        var out: [PerformanceAggregate] = []
        for (id, entry) in Self.entries(of: aggregates).sorted(by: { $0.key < $1.key }) where published[id] != entry.metrics {
            published[id] = entry.metrics
            out.append(Self.event(id: id, entry: entry, eventsFolded: eventsFolded, at: now))
        }
        return out
    }

    /// Every aggregate of `aggregates`, whether or not it changed, in id order.
    public static func all(_ aggregates: PerformanceAggregates, eventsFolded: Int, at now: Date) -> [PerformanceAggregate] {
        entries(of: aggregates).sorted { $0.key < $1.key }.map { event(id: $0.key, entry: $0.value, eventsFolded: eventsFolded, at: now) }
    }

    /// The aggregate id of an hour and, unless `dimension` is `.all`, a value.
    public static func aggregateId(hour: Date, dimension: PerformanceAggregate.Dimension, value: String?) -> String {
        let stamp = hourFormat.format(hour)
        guard dimension != .all else { return "\(stamp)/all" }
        return "\(stamp)/\(dimension.rawValue)=\(value ?? unknown)"
    }

    /// The value of a dimension that no stage of an enquiry reported.
    public static let unknown = "unknown"

    private struct Entry {
        var hour: Date
        var dimension: PerformanceAggregate.Dimension
        var value: String?
        var metrics: BucketMetrics
    }

    private static let hourFormat = Date.ISO8601FormatStyle()

    private static func entries(of aggregates: PerformanceAggregates) -> [String: Entry] {
        var out: [String: Entry] = [:]
        let views: [(PerformanceAggregate.Dimension, BucketDimension?, (BucketKey) -> String?)] = [
            (.all, nil, { _ in nil }),
            (.channel, .channel, { $0.channel?.rawValue ?? unknown }),
            (.kind, .kind, { $0.kind?.rawValue ?? unknown }),
            (.service, .service, { $0.service?.rawValue ?? unknown }),
            (.team, .team, { $0.team ?? unknown }),
        ]
        for (dimension, keep, valueOf) in views {
            let kept: Set<BucketDimension> = keep.map { [.hour, $0] } ?? [.hour]
            for (key, metrics) in aggregates.rolledUp(keeping: kept) {
                guard let hour = key.hour else { continue }
                let value = valueOf(key)
                out[aggregateId(hour: hour, dimension: dimension, value: value)] = Entry(hour: hour, dimension: dimension, value: value, metrics: metrics)
            }
        }
        return out
    }

    private static func event(id: String, entry: Entry, eventsFolded: Int, at now: Date) -> PerformanceAggregate {
        let m = entry.metrics
        return PerformanceAggregate(
            aggregateId: id, hour: entry.hour, dimension: entry.dimension, value: entry.value, enquiries: m.enquiries,
            received: m.received, referred: m.referred, triaged: m.triaged, deadLettered: m.deadLettered,
            surveysInvited: m.surveysInvited, surveysAnswered: m.surveysAnswered,
            referralMillisecondsMedian: m.medianReferralMilliseconds, referralMillisecondsP90: m.p90ReferralMilliseconds,
            triageRate: m.triageRate, deadLetterRate: m.deadLetterRate, surveyResponseRate: m.surveyResponseRate,
            meanScore: m.meanScore, eventsFolded: eventsFolded, computedAt: now
        )
    }
}
