import Foundation
import SignpostEvents

/// A legal hold in force: it stops disposal and erasure of what it covers.
public struct LegalHold: Sendable, Hashable {
    public var holdId: String
    public var scope: RightsAction.HoldScope
    /// The subject hash, case reference or record id it covers.
    public var target: String
    /// The inquiry or matter it serves, such as an inquiry under the Inquiries Act 2005.
    public var matter: String
    public var placedBy: String
    public var placedAt: Date
}

/// The legal holds in force, folded from the rights topic: a hold is in force from its
/// `legal_hold_placed` until a `legal_hold_lifted` with the same hold id.
public struct LegalHolds: Sendable, Hashable {
    public private(set) var active: [String: LegalHold] = [:]

    public init() {}

    /// Folds actions in topic order.
    public init(_ actions: some Sequence<RightsAction>) {
        for action in actions { apply(action) }
    }

    public mutating func apply(_ action: RightsAction) {
        guard let id = action.holdId else { return }
        switch action.action {
        case .legalHoldPlaced:
            guard let scope = action.holdScope, let target = action.holdTarget else { return }
            active[id] = LegalHold(holdId: id, scope: scope, target: target, matter: action.authority, placedBy: action.operatorId, placedAt: action.at)
        case .legalHoldLifted:
            active[id] = nil
        default:
            break
        }
    }

    /// The holds covering a record, an enquiry or a subject (any of them).
    public func covering(subject: String? = nil, references: [String] = [], record: String? = nil) -> [LegalHold] {
        active.values.filter { hold in
            switch hold.scope {
            case .subject: hold.target == subject
            case .enquiry: references.contains(hold.target)
            case .record: hold.target == record
            }
        }.sorted { $0.holdId < $1.holdId }
    }
}
