import AnalyticsCore
import Foundation
import SignpostEvents

/// A deterministic random source (SplitMix64), so every parameterised case is reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What really happened to one simulated enquiry: the truth the aggregates are recounted from.
struct TrueEnquiry {
    enum Outcome { case referred, triaged, deadLettered, inFlight }
    var id: String
    var contact: Date
    var channel: Channel
    var kind: EnquiryKind
    var service: ResponsibleService
    var team: String
    var outcome: Outcome
    var referralMilliseconds: Int
    var invited: Bool
    var score: Int?

    /// The bucket the enquiry belongs to.
    var key: BucketKey {
        outcome == .deadLettered
            ? BucketKey(hour: BucketKey.hour(of: contact))
            : BucketKey(hour: BucketKey.hour(of: contact), channel: channel, kind: kind, service: service, team: outcome == .inFlight ? nil : team)
    }

    /// The performance events the services would have published for it.
    func events(dimensionsOnAnswers: Bool) -> [PerformanceEvent] {
        func event(_ stage: PerformanceEvent.Stage, after ms: Int?, recipient: String? = nil, score: Int? = nil, dims: Bool = true, at: Date? = nil) -> PerformanceEvent {
            PerformanceEvent(
                eventId: EventIds.performance(enquiry: id, stage: stage), stage: stage, recordedBy: "test", enquiry: id,
                channel: dims ? channel : nil, kind: dims && stage != .received ? kind : nil, service: dims && stage != .received ? service : nil,
                recipient: dims ? recipient : nil, elapsedMilliseconds: ms, score: score,
                occurredAt: at ?? contact.addingTimeInterval(Double(ms ?? 0) / 1000)
            )
        }
        if outcome == .deadLettered {
            return [PerformanceEvent(eventId: EventIds.performance(enquiry: id, stage: .deadLettered), stage: .deadLettered, recordedBy: "intake",
                                     enquiry: id, reason: .invalidJSON, occurredAt: contact)]
        }
        var out = [event(.received, after: 40), event(.classified, after: 90), event(.redacted, after: 150)]
        guard outcome != .inFlight else { return out }
        out.append(event(outcome == .triaged ? .triaged : .referred, after: referralMilliseconds, recipient: team))
        if invited {
            out.append(event(.surveyInvited, after: referralMilliseconds + 30, recipient: team))
            if let score {
                // An answer days later, without elapsed time, as the survey service records it.
                out.append(event(.surveyAnswered, after: nil, recipient: team, score: score, dims: dimensionsOnAnswers,
                                 at: contact.addingTimeInterval(3 * 86_400)))
            }
        }
        return out
    }
}

enum Simulation {
    static let start = Date(timeIntervalSince1970: 1_795_000_000 - 1_795_000_000.truncatingRemainder(dividingBy: 3600))
    static let teams = ["highways", "libraries", "district_wychavon", "nhs", "waste_disposal"]

    static func enquiries(seed: UInt64, count: Int = 400) -> [TrueEnquiry] {
        var rng = SeededRandom(seed)
        return (0..<count).map { i in
            let outcomeRoll = Int.random(in: 0..<100, using: &rng)
            let outcome: TrueEnquiry.Outcome = outcomeRoll < 8 ? .deadLettered : outcomeRoll < 25 ? .triaged : outcomeRoll < 30 ? .inFlight : .referred
            let invited = outcome == .referred && Bool.random(using: &rng)
            return TrueEnquiry(
                id: String(format: "e%05d%llx", i, seed), contact: start.addingTimeInterval(Double(Int.random(in: 0..<(6 * 3600), using: &rng))),
                channel: Channel.allCases.randomElement(using: &rng)!, kind: [.serviceRequest, .complaint, .generalEnquiry].randomElement(using: &rng)!,
                service: [.highways, .libraries, .districtCouncil].randomElement(using: &rng)!,
                team: outcome == .triaged ? "triage" : teams.randomElement(using: &rng)!,
                outcome: outcome, referralMilliseconds: Int.random(in: 200...600_000, using: &rng), invited: invited,
                score: invited && Int.random(in: 0..<10, using: &rng) < 6 ? Int.random(in: 1...5, using: &rng) : nil
            )
        }
    }

    static func events(_ enquiries: [TrueEnquiry], seed: UInt64) -> [PerformanceEvent] {
        var rng = SeededRandom(seed ^ 0xABCDEF)
        return enquiries.flatMap { $0.events(dimensionsOnAnswers: Bool.random(using: &rng)) }
    }

    /// The aggregates counted directly from what happened, with no fold.
    static func recount(_ enquiries: [TrueEnquiry]) -> PerformanceAggregates {
        var buckets: [BucketKey: (Int, Int, Int, Int, Int, Int, Int, Int, Int, [Int])] = [:]
        for e in enquiries {
            var b = buckets[e.key] ?? (0, 0, 0, 0, 0, 0, 0, 0, 0, [])
            b.0 += 1
            if e.outcome != .deadLettered { b.1 += 1 }
            if e.outcome == .referred { b.2 += 1; b.9.append(e.referralMilliseconds) }
            if e.outcome == .triaged { b.3 += 1; b.9.append(e.referralMilliseconds) }
            if e.outcome == .deadLettered { b.4 += 1 }
            if e.invited { b.5 += 1 }
            if let s = e.score { b.6 += 1; b.7 += s; b.8 += 1 }
            buckets[e.key] = b
        }
        return PerformanceAggregates(buckets: buckets.mapValues { b in
            BucketMetrics(enquiries: b.0, received: b.1, referred: b.2, triaged: b.3, deadLettered: b.4, surveysInvited: b.5,
                          surveysAnswered: b.6, scoreSum: b.7, scoreCount: b.8, referralMilliseconds: b.9)
        })
    }
}
