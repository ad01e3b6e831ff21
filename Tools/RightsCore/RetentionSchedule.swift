import Foundation
import SignpostEvents
import Yams

/// A retention schedule that cannot be used; the message names the entry and what to fix.
public struct RetentionScheduleError: Error, Sendable, CustomStringConvertible, Equatable {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
    public var description: String { "retention schedule: \(problem)" }
}

/// How long each kind of record is kept, from when, and how it goes: `retention/schedule.yaml`.
public struct RetentionSchedule: Sendable, Hashable {
    /// Where a retention period starts.
    public enum Start: String, Sendable, Hashable, Codable {
        /// A recording's or attachment's capture time.
        case capture
        /// When the contact was received.
        case contact
    }

    /// How a record is disposed of.
    public enum Disposal: String, Sendable, Hashable, Codable {
        /// The record store deletes the bytes; Signpost records the request.
        case flagForDeletion = "flag_for_deletion"
        /// The subject's data key is deleted: every sealed value of theirs becomes unreadable.
        case deleteSubjectKey = "delete_subject_key"
    }

    public struct Entry: Sendable, Hashable {
        public var kind: String
        /// The retention period, in seconds.
        public var keep: TimeInterval
        public var after: Start
        public var disposal: Disposal
        public var basis: String
    }

    public var version: String
    public var entries: [Entry]
    /// Operators who may place and lift legal holds and certify erasure.
    public var authorisedOperators: Set<String>

    /// Record kinds the tools rely on; the schedule must name each.
    public static let callAudio = "call_audio"
    public static let attachment = "attachment"
    public static let enquiryPersonalData = "enquiry_personal_data"
    public static let legalObligationCase = "legal_obligation_case"

    public init(version: String, entries: [Entry], authorisedOperators: Set<String>) {
        self.version = version
        self.entries = entries
        self.authorisedOperators = authorisedOperators
    }

    /// The entry for a record kind.
    public func entry(_ kind: String) -> Entry? { entries.first { $0.kind == kind } }

    /// When a record of `kind` that started at `start` expires.
    public func expiry(of kind: String, from start: Date) -> Date? {
        entry(kind).map { start.addingTimeInterval($0.keep) }
    }

    /// Parses `retention/schedule.yaml` and checks that every kind the tools rely on is there.
    public static func parse(_ text: String) throws(RetentionScheduleError) -> RetentionSchedule {
        struct File: Decodable {
            struct Record: Decodable { var kind: String; var keep: String; var after: String; var disposal: String; var basis: String }
            var version: String
            var records: [Record]
            var authorised_operators: [String]
        }
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw RetentionScheduleError("not a valid schedule: \(error)")
        }
        var entries: [Entry] = []
        for r in file.records {
            guard let after = Start(rawValue: r.after) else { throw RetentionScheduleError("\(r.kind): after must be capture or contact, not '\(r.after)'") }
            guard let disposal = Disposal(rawValue: r.disposal) else {
                throw RetentionScheduleError("\(r.kind): disposal must be flag_for_deletion or delete_subject_key, not '\(r.disposal)'")
            }
            entries.append(Entry(kind: r.kind, keep: try duration(r.keep, kind: r.kind), after: after, disposal: disposal, basis: r.basis))
        }
        let schedule = RetentionSchedule(version: file.version, entries: entries, authorisedOperators: Set(file.authorised_operators))
        for kind in [callAudio, attachment, enquiryPersonalData, legalObligationCase] where schedule.entry(kind) == nil {
            throw RetentionScheduleError("no entry for '\(kind)'; every kind the retention job handles needs a period")
        }
        guard !schedule.authorisedOperators.isEmpty else { throw RetentionScheduleError("authorised_operators must name at least one operator") }
        return schedule
    }

    /// Finds and loads the schedule: `SIGNPOST_RETENTION_FILE`, else `retention/schedule.yaml` beside `topics/`.
    public static func loadDefault(topicsDirectory: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RetentionScheduleError) -> RetentionSchedule {
        let url: URL
        if let file = environment["SIGNPOST_RETENTION_FILE"], !file.isEmpty {
            url = URL(fileURLWithPath: file)
        } else if let topicsDirectory {
            url = topicsDirectory.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("retention/schedule.yaml")
        } else {
            url = URL(fileURLWithPath: "retention/schedule.yaml")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RetentionScheduleError("cannot read \(url.path); set SIGNPOST_RETENTION_FILE to retention/schedule.yaml")
        }
        return try parse(text)
    }

    private static func duration(_ text: String, kind: String) throws(RetentionScheduleError) -> TimeInterval {
        guard let unit = text.last, let n = Double(text.dropLast()), n > 0 else {
            throw RetentionScheduleError("\(kind): keep must be like 365d or 6y, not '\(text)'")
        }
        switch unit {
        case "d": return n * 86_400
        case "y": return n * 365 * 86_400
        default: throw RetentionScheduleError("\(kind): keep must end in d (days) or y (years), not '\(text)'")
        }
    }
}
