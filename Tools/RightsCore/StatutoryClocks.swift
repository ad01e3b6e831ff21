import Foundation
import SignpostEvents

/// The breach-risk report: FOI, EIR and subject-rights requests not yet closed, with how long
/// each has before its legal deadline.
public enum StatutoryClocks {
    public enum State: String, Sendable, Hashable, Comparable {
        case overdue
        case dueSoon = "due_soon"
        case onTrack = "on_track"

        private var rank: Int { self == .overdue ? 0 : self == .dueSoon ? 1 : 2 }
        public static func < (a: State, b: State) -> Bool { a.rank < b.rank }
    }

    public struct Row: Sendable, Hashable {
        public var reference: String
        public var kind: EnquiryKind
        public var receivedAt: Date
        public var due: Date
        public var rule: String
        public var state: State
        /// Days left (negative: days overdue), rounded down.
        public var daysLeft: Int
    }

    /// Every open request with a deadline, most urgent first: overdue, then due within
    /// `warnWithinDays`, then the rest.
    public static func report(enquiries: [EnquiryRedacted], closed: Set<String>, now: Date, warnWithinDays: Int = 5) -> [Row] {
        var seen = Set<String>()
        return enquiries.compactMap { e -> Row? in
            guard let due = e.statutoryDueAt, !closed.contains(e.reference), seen.insert(e.reference).inserted else { return nil }
            let left = due.timeIntervalSince(now) / 86_400
            let state: State = left < 0 ? .overdue : left <= Double(warnWithinDays) ? .dueSoon : .onTrack
            return Row(reference: e.reference, kind: e.classification.kind, receivedAt: e.receivedAt, due: due,
                       rule: e.statutoryRule ?? "", state: state, daysLeft: Int(left.rounded(.down)))
        }.sorted { ($0.state, $0.due, $0.reference) < ($1.state, $1.due, $1.reference) }
    }
}
