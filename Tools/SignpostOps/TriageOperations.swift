import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics
import Synchronization

/// A triage decision that cannot be made; the message says why and what to give instead.
public struct TriageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// An enquiry on the triage topic still waiting for a person's decision.
public struct PendingTriage: Sendable {
    /// The triage referral, with the classifier's classification and its two best candidates in the evidence.
    public var referral: ReferralIssued
    public var reference: String { referral.reference }
}

/// Triage over Kafka: what waits on the triage topic, and a person's decision on it (or a
/// correction of any enquiry's classification), published as `EnquiryReclassified` for the
/// referral service to route again.
public struct TriageOperations: Sendable {
    public var bootstrapServers: String
    public var catalogue: TopicCatalogue
    public var logger: Logger

    public init(bootstrapServers: String, catalogue: TopicCatalogue, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.catalogue = catalogue
        self.logger = logger
    }

    /// What the triage, case-record and decision topics hold, read to their end.
    public struct Snapshot: Sendable {
        public var triage: [ReferralIssued] = []
        public var records: [String: EnquiryRedacted] = [:]
        public var decisions: [EnquiryReclassified] = []
    }

    /// Reads the triage topic, the case records and the decisions so far.
    public func read() async throws -> Snapshot {
        let triageTopic = try catalogue.topic(forRecipient: SharingCatalogue.triage).name
        let topics = try [triageTopic, catalogue.topic(carrying: EnquiryRedacted.typeName).name, catalogue.topic(carrying: EnquiryReclassified.typeName).name]
        let state = Mutex(Snapshot())
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "signpost-triage", topics: topics)
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            let record = InboundRecord(message)
            switch record.eventTypeName {
            case ReferralIssued.typeName: if let r = try? record.decode(ReferralIssued.self), r.triage { state.withLock { $0.triage.append(r) } }
            case EnquiryRedacted.typeName: if let e = try? record.decode(EnquiryRedacted.self) { state.withLock { $0.records[e.reference] = e } }
            case EnquiryReclassified.typeName: if let d = try? record.decode(EnquiryReclassified.self) { state.withLock { $0.decisions.append(d) } }
            default: break
            }
        }
        defer { reader.stop() }
        guard await reader.catchUp(timeout: .seconds(60)) else {
            throw TriageError("could not read \(topics.joined(separator: ", ")) to their end; check the broker (--bootstrap)")
        }
        return state.withLock { $0 }
    }

    /// The triage referrals no person has decided yet, most urgent first, then oldest first.
    public func pending() async throws -> [PendingTriage] {
        let snapshot = try await read()
        let decided = Set(snapshot.decisions.map(\.reference))
        var seen = Set<String>()
        return snapshot.triage
            .filter { !decided.contains($0.reference) && seen.insert($0.reference).inserted }
            .sorted { ($0.priority, $1.receivedAt) > ($1.priority, $0.receivedAt) }
            .map(PendingTriage.init)
    }

    /// Records a person's classification of an enquiry and publishes it for the referral service,
    /// which routes the enquiry again under it.
    /// - Throws: `TriageError` when the operator or reason is missing, the enquiry has no case
    ///   record, or the district does not fit the service.
    public func decide(
        reference: String, kind: EnquiryKind, service: ResponsibleService, district: District?,
        operatorId: String?, reason: String?, at now: Date = Date()
    ) async throws -> EnquiryReclassified {
        guard let operatorId = operatorId?.trimmingCharacters(in: .whitespaces), !operatorId.isEmpty else {
            throw TriageError("refused: no operator identity; give --operator with your operator id")
        }
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw TriageError("refused: say why with --reason; it goes on the record the recipient and the resident may see")
        }
        if service == .districtCouncil && district == nil {
            throw TriageError("district council work needs --district: one of \(District.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if service != .districtCouncil && district != nil {
            throw TriageError("--district is for district council work only; \(service.rawValue) is a county service or a partner")
        }
        let snapshot = try await read()
        guard let record = snapshot.records[reference] else {
            throw TriageError("no case record for \(reference) on \(try catalogue.topic(carrying: EnquiryRedacted.typeName).name); check the reference (`signpost triage list`)")
        }
        let previous = snapshot.decisions.last { $0.reference == reference }?.classification ?? record.classification
        let decision = EnquiryReclassified(
            decisionId: "\(reference):decision:\(Int(now.timeIntervalSince1970 * 1000))", reference: reference,
            classification: .byPerson(kind: kind, service: service, district: district, specialCategories: record.classification.specialCategories,
                                      operatorId: operatorId, reason: reason, candidates: record.classification.candidates),
            previous: previous, operatorId: operatorId, reason: reason, enquiry: record, decidedAt: now
        )
        let topic = try catalogue.topic(carrying: EnquiryReclassified.typeName).name
        try await sendAcknowledged(
            [KafkaOutboundMessage(event: decision, topic: topic, source: "signpost/triage", time: now, trace: nil)],
            bootstrapServers: bootstrapServers, clientID: "signpost-triage", logger: logger
        )
        return decision
    }
}
