import Foundation
import SignpostEvents

/// A record the retention job looks after.
public struct RetainedRecord: Sendable, Hashable {
    /// The schedule's kind, such as `call_audio`.
    public var kind: String
    public var store: String
    public var id: String
    public var reference: String
    public var subject: String
    /// When its retention clock started.
    public var start: Date
}

/// What the retention job decides for one record.
public enum RetentionDecision: Sendable, Hashable {
    /// Past its period and not held: dispose of it, for this reason.
    case dispose(RetainedRecord, reason: String)
    /// Past its period but a legal hold stops disposal.
    case held(RetainedRecord, holds: [LegalHold])
    /// Still within its period.
    case keep(RetainedRecord, until: Date)
}

/// The retention rules: which records are due for disposal at `now` (an injected clock).
public struct RetentionPolicy: Sendable {
    public let schedule: RetentionSchedule

    public init(schedule: RetentionSchedule) {
        self.schedule = schedule
    }

    /// The attachments of every enquiry in the index, as records of the schedule.
    public func records(in index: SubjectIndex) -> [RetainedRecord] {
        index.enquiries.flatMap { subject, enquiries in
            enquiries.flatMap { e in
                e.attachments.map { a in
                    RetainedRecord(
                        kind: a.kind == .callRecording ? RetentionSchedule.callAudio : RetentionSchedule.attachment,
                        store: a.store, id: a.id, reference: e.reference, subject: subject, start: a.capturedAt
                    )
                }
            }
        }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// The decision for each record not yet disposed of.
    public func decide(_ records: [RetainedRecord], holds: LegalHolds, disposed: Set<String>, now: Date) -> [RetentionDecision] {
        records.filter { !disposed.contains($0.id) }.compactMap { record in
            guard let entry = schedule.entry(record.kind) else { return nil }
            let expiry = record.start.addingTimeInterval(entry.keep)
            guard now >= expiry else { return .keep(record, until: expiry) }
            let covering = holds.covering(subject: record.subject, references: [record.reference], record: record.id)
            if !covering.isEmpty { return .held(record, holds: covering) }
            return .dispose(record, reason: "\(entry.basis) Expired \(EventCodec.format(expiry)).")
        }
    }
}

/// Whether a subject's data may be erased now, and if not, why.
public struct ErasureDecision: Sendable, Hashable {
    public var allowed: Bool
    /// Why erasure is refused (each a legal hold or a legal obligation), empty when allowed.
    public var refusals: [String]
    /// What is kept anyway, and why.
    public var kept: [String]
    public var references: [String]
}

/// Erasure rules: not while a legal hold covers the subject or one of their enquiries, and not
/// while a case resting on a legal obligation (FOI, EIR, subject-rights, safeguarding) is within
/// its retention period.
public struct ErasurePolicy: Sendable {
    public let schedule: RetentionSchedule

    public init(schedule: RetentionSchedule) {
        self.schedule = schedule
    }

    public func decide(subject: String, index: SubjectIndex, holds: LegalHolds, now: Date) -> ErasureDecision {
        let enquiries = index.enquiries[subject] ?? []
        let references = enquiries.sorted { $0.receivedAt < $1.receivedAt }.map(\.reference)
        var refusals: [String] = []
        for hold in holds.covering(subject: subject, references: references) {
            refusals.append("legal hold \(hold.holdId) (\(hold.matter)), placed by \(hold.placedBy) on \(EventCodec.format(hold.placedAt)), covers this \(hold.scope == .subject ? "person" : "enquiry \(hold.target)")")
        }
        for e in enquiries where e.lawfulBasis == .legalObligation {
            if let until = schedule.expiry(of: RetentionSchedule.legalObligationCase, from: e.receivedAt), now < until {
                refusals.append("enquiry \(e.reference) (\(e.kind.rawValue)) rests on a legal obligation and must be kept until \(EventCodec.format(until))")
            }
        }
        let kept = [
            "the sharing record (audit.sharing.recorded.v1): who received which types of data, under which basis; it holds no personal values and evidences lawful disclosure",
            "performance events and aggregates: they hold no personal data",
        ]
        return ErasureDecision(allowed: refusals.isEmpty && !enquiries.isEmpty, refusals: enquiries.isEmpty ? ["no enquiry of this person is on record"] : refusals, kept: kept, references: references)
    }
}
