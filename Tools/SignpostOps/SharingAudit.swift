import Crypto
import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostSealing
import SignpostTopics
import Synchronization

/// The sharing record, read from the audit topic: who received what about an enquiry or a
/// person, under which basis. It never holds the values; a person is found by the keyed hash
/// of their normalised email or phone, the same hash the redactor seals under.
public struct SharingAudit: Sendable {
    /// Every audit record on the topic, in topic order per partition.
    public var records: [SharingRecorded]

    public init(records: [SharingRecorded]) {
        self.records = records
    }

    /// Reads the audit topic from the beginning to its current end, outside any consumer group.
    public static func read(bootstrapServers: String, catalogue: TopicCatalogue, timeout: Duration = .seconds(60), logger: Logger) async throws -> SharingAudit {
        let topic = try catalogue.topic(carrying: SharingRecorded.typeName).name
        let records = Mutex<[SharingRecorded]>([])
        let undecodable = Atomic<Int>(0)
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "signpost-audit", topics: [topic])
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            do {
                let record = try InboundRecord(message).decode(SharingRecorded.self)
                records.withLock { $0.append(record) }
            } catch {
                undecodable.add(1, ordering: .relaxed)
            }
        }
        defer { reader.stop() }
        guard await reader.catchUp(timeout: timeout) else {
            throw OpsError("could not read \(topic) to its end within \(timeout)", remedy: "check that the broker is up (signpost broker) and --bootstrap")
        }
        if undecodable.load(ordering: .relaxed) > 0 {
            logger.warning("some records on \(topic) are not SharingRecorded events", metadata: ["count": "\(undecodable.load(ordering: .relaxed))"])
        }
        return SharingAudit(records: records.withLock { $0 })
    }

    /// The records of one enquiry.
    public func enquiry(_ reference: String) -> [SharingRecorded] {
        records.filter { $0.reference == reference }.sorted { ($0.sharedAt, $0.recipient) < ($1.sharedAt, $1.recipient) }
    }

    /// The records of one person, found by email or phone: the keyed hash under `subjectKey` (the services' pseudonym key).
    /// - Throws: `OpsError` when `identifier` is neither an email address nor a UK phone number.
    public func person(_ identifier: String, subjectKey: String) throws -> [SharingRecorded] {
        let key = SymmetricKey(data: Data(subjectKey.utf8))
        let isEmail = identifier.contains("@")
        guard let subject = DataSubject.id(email: isEmail ? identifier : nil, phone: isEmail ? nil : identifier, key: key) else {
            throw OpsError("'\(identifier)' is neither an email address nor a UK phone number", remedy: "give the email or phone number the resident contacted the council with")
        }
        return records.filter { $0.dataSubject == subject }.sorted { ($0.sharedAt, $0.reference, $0.recipient) < ($1.sharedAt, $1.reference, $1.recipient) }
    }

    /// A readable table of records: one line per referral, columns as wide as their widest cell.
    public static func table(_ records: [SharingRecorded]) -> String {
        guard !records.isEmpty else { return "no sharing on record" }
        let header = ["when", "reference", "recipient", "basis", "shared", "withheld", "notes"]
        let rows: [[String]] = records.map { r in
            let shared = r.sharedEntityTypes.map(\.rawValue).joined(separator: ",")
            let withheld = r.withheldEntityTypes.map(\.rawValue).joined(separator: ",")
            var flags: [String] = []
            if let c = r.specialCategoryCondition { flags.append("Art.9: \(c.rawValue)") }
            if r.refusalOverridden { flags.append("refusal overridden") } else if r.seekConsent { flags.append("seek consent") }
            return [
                EventCodec.format(r.sharedAt), r.reference, "\(r.recipient) (\(r.recipientScope))", r.lawfulBasis.rawValue,
                shared.isEmpty ? "-" : shared, withheld.isEmpty ? "-" : withheld, (flags + ["catalogue \(r.catalogueVersion)"]).joined(separator: "; "),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n")
    }
}
