import Foundation
import SignpostEvents

/// Folds ``PerformanceEvent``s into per-hour × channel × kind × service × team buckets.
///
/// The fold remembers, per pseudonymous enquiry, each event it has seen by `event_id`, so an
/// event delivered twice counts once, and the result does not depend on the order in which
/// events arrive or on how the stream was split: folding the events in any order, or folding
/// parts and ``merge(_:)``-ing them, gives the same ``snapshot()``.
///
/// An enquiry belongs to one bucket: the hour its contact was received (UTC; the earliest
/// `occurred_at − elapsed_milliseconds` of its events), and the channel, kind, service and
/// recipient (team) its latest stage reports. Dead-lettered records are enquiries of their
/// own, usually with every dimension unknown.
public struct PerformanceAggregator: Sendable, Equatable {
    /// What one event tells the aggregates; nothing else of the event is kept.
    struct Fact: Sendable, Hashable {
        var stage: PerformanceEvent.Stage
        var channel: Channel?
        var kind: EnquiryKind?
        var service: ResponsibleService?
        var recipient: String?
        var elapsedMilliseconds: Int?
        var score: Int?
        var occurredAt: Date

        init(_ e: PerformanceEvent) {
            stage = e.stage
            channel = e.channel
            kind = e.kind
            service = e.service
            recipient = e.recipient
            elapsedMilliseconds = e.elapsedMilliseconds
            score = e.score
            occurredAt = e.occurredAt
        }

        /// When the contact was received, as far as this event tells, in whole milliseconds since 1970
        /// (integers, so that a contact on the hour is never put in the hour before by rounding).
        var contactMilliseconds: Int64 {
            Int64((occurredAt.timeIntervalSince1970 * 1000).rounded()) - Int64(max(0, elapsedMilliseconds ?? 0))
        }
    }

    /// Facts by enquiry, then by event id.
    private(set) var enquiries: [String: [String: Fact]] = [:]

    /// An empty fold.
    public init() {}

    /// A fold of these events.
    public init(_ events: some Sequence<PerformanceEvent>) {
        for e in events { add(e) }
    }

    /// Distinct events folded so far.
    public var eventCount: Int { enquiries.values.reduce(0) { $0 + $1.count } }

    /// Distinct enquiries seen so far.
    public var enquiryCount: Int { enquiries.count }

    /// Folds one event; false when an event with the same `event_id` was already folded (it counts once).
    @discardableResult
    public mutating func add(_ event: PerformanceEvent) -> Bool {
        var facts = enquiries[event.enquiry, default: [:]]
        if let existing = facts[event.eventId] {
            // A repeat. Keep the smaller fact, so that which copy arrives first does not matter.
            let candidate = Fact(event)
            guard Self.precedes(candidate, existing) else { return false }
            facts[event.eventId] = candidate
            enquiries[event.enquiry] = facts
            return false
        }
        facts[event.eventId] = Fact(event)
        enquiries[event.enquiry] = facts
        return true
    }

    /// Adds another fold's events to this one (the union; repeats count once).
    public mutating func merge(_ other: PerformanceAggregator) {
        for (enquiry, facts) in other.enquiries {
            var mine = enquiries[enquiry, default: [:]]
            for (id, fact) in facts {
                if let existing = mine[id], !Self.precedes(fact, existing) { continue }
                mine[id] = fact
            }
            enquiries[enquiry] = mine
        }
    }

    /// The aggregates of everything folded so far.
    public func snapshot() -> PerformanceAggregates {
        var buckets: [BucketKey: BucketMetrics] = [:]
        for (_, facts) in enquiries {
            let ordered = facts.sorted { ($0.value.stage.rank, $0.key) > ($1.value.stage.rank, $1.key) } // latest stage first
            func latest<T>(_ path: KeyPath<Fact, T?>) -> T? { ordered.lazy.compactMap { $0.value[keyPath: path] }.first }
            let contact = facts.values.map(\.contactMilliseconds).min() ?? 0
            let hourStart = contact - ((contact % 3_600_000) + 3_600_000) % 3_600_000
            let key = BucketKey(
                hour: Date(timeIntervalSince1970: Double(hourStart) / 1000), channel: latest(\.channel), kind: latest(\.kind),
                service: latest(\.service), team: latest(\.recipient)
            )
            var m = BucketMetrics()
            m.enquiries = 1
            let stages = Set(facts.values.map(\.stage))
            m.received = stages.contains(.received) ? 1 : 0
            m.referred = stages.contains(.referred) ? 1 : 0
            m.triaged = stages.contains(.triaged) ? 1 : 0
            m.deadLettered = stages.contains(.deadLettered) ? 1 : 0
            m.surveysInvited = stages.contains(.surveyInvited) ? 1 : 0
            m.surveysAnswered = stages.contains(.surveyAnswered) ? 1 : 0
            for fact in facts.values {
                switch fact.stage {
                case .referred, .triaged:
                    if let ms = fact.elapsedMilliseconds { m.appendReferralTime(ms) }
                case .surveyAnswered:
                    if let s = fact.score { m.scoreSum += s; m.scoreCount += 1 }
                default: break
                }
            }
            buckets[key, default: BucketMetrics()].merge(m)
        }
        return PerformanceAggregates(buckets: buckets)
    }

    /// A total order on facts, to choose between two copies of one event deterministically.
    private static func precedes(_ a: Fact, _ b: Fact) -> Bool {
        let ka = (a.occurredAt.timeIntervalSince1970, a.elapsedMilliseconds ?? -1, a.score ?? -1, a.stage.rank)
        let kb = (b.occurredAt.timeIntervalSince1970, b.elapsedMilliseconds ?? -1, b.score ?? -1, b.stage.rank)
        if ka != kb { return ka < kb }
        let da = [a.channel?.rawValue, a.kind?.rawValue, a.service?.rawValue, a.recipient].map { $0 ?? "" }
        let db = [b.channel?.rawValue, b.kind?.rawValue, b.service?.rawValue, b.recipient].map { $0 ?? "" }
        return da.lexicographicallyPrecedes(db)
    }
}

extension PerformanceEvent.Stage {
    /// The order of an enquiry's life, for choosing the latest stage's dimensions.
    var rank: Int {
        switch self {
        case .received: 0
        case .classified: 1
        case .redacted: 2
        case .deadLettered: 3
        case .triaged: 4
        case .referred: 5
        case .surveyInvited: 6
        case .surveyAnswered: 7
        }
    }
}
