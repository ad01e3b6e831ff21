import Foundation
import SignpostEvents

/// One bucket's dimensions: the hour the contact was received, the channel, kind, service
/// and team (the recipient). A nil dimension is unknown, or "all" in a ``PerformanceAggregates/rolledUp(keeping:)``.
public struct BucketKey: Sendable, Hashable, Comparable, Codable {
    /// The start of the UTC hour.
    public var hour: Date?
    public var channel: Channel?
    public var kind: EnquiryKind?
    public var service: ResponsibleService?
    /// The recipient the enquiry was referred to (`triage` for triaged ones).
    public var team: String?

    public init(hour: Date? = nil, channel: Channel? = nil, kind: EnquiryKind? = nil, service: ResponsibleService? = nil, team: String? = nil) {
        self.hour = hour
        self.channel = channel
        self.kind = kind
        self.service = service
        self.team = team
    }

    /// The start of the UTC hour that holds `date`.
    public static func hour(of date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    /// This key with only the dimensions in `keep`.
    public func keeping(_ keep: Set<BucketDimension>) -> BucketKey {
        BucketKey(
            hour: keep.contains(.hour) ? hour : nil, channel: keep.contains(.channel) ? channel : nil,
            kind: keep.contains(.kind) ? kind : nil, service: keep.contains(.service) ? service : nil,
            team: keep.contains(.team) ? team : nil
        )
    }

    private var sortKey: [String] {
        [hour.map { String(format: "%012.0f", $0.timeIntervalSince1970) } ?? "", channel?.rawValue ?? "~", kind?.rawValue ?? "~", service?.rawValue ?? "~", team ?? "~"]
    }

    public static func < (lhs: BucketKey, rhs: BucketKey) -> Bool { lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey) }
}

/// A dimension of ``BucketKey``.
public enum BucketDimension: String, Sendable, Hashable, CaseIterable, Codable {
    case hour, channel, kind, service, team
}

/// The counts of one bucket, and the measures derived from them. Counts are of enquiries.
public struct BucketMetrics: Sendable, Hashable, Codable {
    /// Enquiries in the bucket (dead-lettered records count as enquiries of their own).
    public var enquiries = 0
    public var received = 0
    public var referred = 0
    public var triaged = 0
    public var deadLettered = 0
    public var surveysInvited = 0
    public var surveysAnswered = 0
    /// Sum and count of survey scores.
    public var scoreSum = 0
    public var scoreCount = 0
    /// `elapsed_milliseconds` of every `referred` and `triaged` event, ascending.
    public private(set) var referralMilliseconds: [Int] = []

    public init() {}

    /// Metrics with these counts; `referralMilliseconds` in any order.
    public init(enquiries: Int, received: Int, referred: Int, triaged: Int, deadLettered: Int, surveysInvited: Int,
                surveysAnswered: Int, scoreSum: Int, scoreCount: Int, referralMilliseconds: [Int]) {
        self.enquiries = enquiries
        self.received = received
        self.referred = referred
        self.triaged = triaged
        self.deadLettered = deadLettered
        self.surveysInvited = surveysInvited
        self.surveysAnswered = surveysAnswered
        self.scoreSum = scoreSum
        self.scoreCount = scoreCount
        self.referralMilliseconds = referralMilliseconds.sorted()
    }

    /// Adds another bucket's counts to this one.
    public mutating func merge(_ other: BucketMetrics) {
        enquiries += other.enquiries
        received += other.received
        referred += other.referred
        triaged += other.triaged
        deadLettered += other.deadLettered
        surveysInvited += other.surveysInvited
        surveysAnswered += other.surveysAnswered
        scoreSum += other.scoreSum
        scoreCount += other.scoreCount
        referralMilliseconds = Self.mergeSorted(referralMilliseconds, other.referralMilliseconds.sorted())
    }

    mutating func appendReferralTime(_ ms: Int) {
        referralMilliseconds = Self.mergeSorted(referralMilliseconds, [ms])
    }

    /// Median time from contact to referral or triage, in milliseconds (the mean of the two middle values for an even count).
    public var medianReferralMilliseconds: Double? {
        let v = referralMilliseconds
        guard !v.isEmpty else { return nil }
        return v.count % 2 == 1 ? Double(v[v.count / 2]) : Double(v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    /// 90th percentile of the time from contact to referral or triage (nearest rank), in milliseconds.
    public var p90ReferralMilliseconds: Int? {
        let v = referralMilliseconds
        guard !v.isEmpty else { return nil }
        let rank = Int((0.9 * Double(v.count)).rounded(.up))
        return v[max(0, rank - 1)]
    }

    /// Triaged share of the enquiries referred or triaged.
    public var triageRate: Double? { ratio(triaged, referred + triaged) }
    /// Dead-lettered share of the bucket's enquiries.
    public var deadLetterRate: Double? { ratio(deadLettered, enquiries) }
    /// Answered share of the survey invitations.
    public var surveyResponseRate: Double? { ratio(surveysAnswered, surveysInvited) }
    /// Mean survey score, 1 to 5.
    public var meanScore: Double? { ratio(scoreSum, scoreCount) }

    private func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }

    private static func mergeSorted(_ a: [Int], _ b: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] <= b[j] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    enum CodingKeys: String, CodingKey {
        case enquiries, received, referred, triaged, deadLettered, surveysInvited, surveysAnswered, scoreSum, scoreCount, referralMilliseconds
    }
}

/// Every bucket of a fold at one moment.
public struct PerformanceAggregates: Sendable, Hashable {
    /// The finest buckets: hour × channel × kind × service × team.
    public var buckets: [BucketKey: BucketMetrics]

    public init(buckets: [BucketKey: BucketMetrics] = [:]) {
        self.buckets = buckets
    }

    /// Buckets merged over every dimension not in `keep` (those become nil in the keys).
    public func rolledUp(keeping keep: Set<BucketDimension>) -> [BucketKey: BucketMetrics] {
        var out: [BucketKey: BucketMetrics] = [:]
        for (key, metrics) in buckets { out[key.keeping(keep), default: BucketMetrics()].merge(metrics) }
        return out
    }

    /// Every bucket merged into one.
    public var total: BucketMetrics { rolledUp(keeping: [])[BucketKey()] ?? BucketMetrics() }

    /// The buckets, in key order.
    public var sorted: [(key: BucketKey, metrics: BucketMetrics)] {
        buckets.sorted { $0.key < $1.key }.map { (key: $0.key, metrics: $0.value) }
    }

    /// The keys whose metrics differ from `earlier` (new or changed buckets), in key order.
    public func changedBuckets(since earlier: PerformanceAggregates) -> [BucketKey] {
        buckets.filter { earlier.buckets[$0.key] != $0.value }.keys.sorted()
    }
}
