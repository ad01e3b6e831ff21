import Crypto
import Foundation
import Logging
import RightsCore
import SignpostEvents
import SignpostKafka
import SignpostRuntime
import SignpostSealing
import SignpostTopics
import Synchronization

/// A rights or retention command that cannot go ahead; the message says why and what to do.
public struct RightsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Who is acting and on what authority: every rights action needs both.
public struct RightsActor: Sendable {
    public var operatorId: String
    public var authority: String

    /// - Throws: `RightsError` when the operator or the authority is missing.
    public init(operatorId: String?, authority: String?) throws(RightsError) {
        guard let operatorId = operatorId?.trimmingCharacters(in: .whitespaces), !operatorId.isEmpty else {
            throw RightsError("refused: no operator identity; give --operator with your operator id")
        }
        guard let authority = authority?.trimmingCharacters(in: .whitespaces), !authority.isEmpty else {
            throw RightsError("refused: no authority; give --authority with the request, inquiry or matter this serves")
        }
        self.operatorId = operatorId
        self.authority = authority
    }
}

/// What the rights topics hold, read to their end: the case records, the sharing record,
/// survey answers and every rights action so far.
public struct RightsSnapshot: Sendable {
    public var enquiries: [EnquiryRedacted] = []
    public var audits: [SharingRecorded] = []
    public var answers: [SurveyResponded] = []
    public var actions: [RightsAction] = []
    /// Case references with at least one referral closed by its team.
    public var closedReferences: Set<String> = []

    public var index: SubjectIndex {
        var index = SubjectIndex()
        for e in enquiries { index.add(e) }
        for a in audits { index.add(a) }
        for a in answers { index.add(a) }
        return index
    }

    public var holds: LegalHolds { LegalHolds(actions) }

    /// Record ids already disposed of.
    public var disposed: Set<String> { Set(actions.filter { $0.action == .recordDisposed }.compactMap(\.recordId)) }
}

/// The information-rights and retention workflows over Kafka: each reads the topics, decides
/// with `RightsCore`, acts, and records a `RightsAction` on the rights topic.
public struct RightsOperations: Sendable {
    public var bootstrapServers: String
    public var catalogue: TopicCatalogue
    public var schedule: RetentionSchedule
    /// The key of the subject ids' keyed hash: the services' pseudonym key.
    public var subjectKey: String
    public var keyStore: any KeyStore
    public var logger: Logger

    public init(bootstrapServers: String, catalogue: TopicCatalogue, schedule: RetentionSchedule, subjectKey: String, keyStore: any KeyStore, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.catalogue = catalogue
        self.schedule = schedule
        self.subjectKey = subjectKey
        self.keyStore = keyStore
        self.logger = logger
    }

    /// The subject ids of a person's identifiers: one per usable identifier given (an email, a
    /// phone, a name with a postcode), each the subject that identifier alone names.
    /// - Throws: `RightsError` when none is usable, saying which was not.
    public func subjects(_ person: PersonIdentifiers) throws(RightsError) -> [String] {
        let ids = DataSubject.ids(person, key: SymmetricKey(data: Data(subjectKey.utf8)))
        guard ids.isEmpty else { return ids }
        var problems: [String] = []
        if person.email != nil { problems.append("--email is not a usable email address") }
        if person.phone != nil { problems.append("--phone is not a usable UK phone number") }
        if (person.name == nil) != (person.postcode == nil) { problems.append("--name and --postcode go together") }
        if let name = person.name, let postcode = person.postcode {
            problems.append(DataSubject.normalisedPostcode(postcode) == nil
                ? "--postcode \(postcode) is not a full UK postcode" : "--name \(name) needs a first name and a surname")
        }
        let given = problems.isEmpty ? "" : " (\(problems.joined(separator: "; ")))"
        throw RightsError("give --email, --phone, or --name with --postcode: what the person contacted the council with\(given)")
    }


    /// Reads the case records, the sharing record, survey answers and rights actions to their end.
    public func read() async throws -> RightsSnapshot {
        let topics = try [EnquiryRedacted.typeName, SharingRecorded.typeName, SurveyResponded.typeName, RightsAction.typeName].map {
            try catalogue.topic(carrying: $0).name
        } + catalogue.recipients.map { try catalogue.topic(forRecipient: $0).name }
        let state = Mutex(RightsSnapshot())
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "signpost-rights", topics: topics)
        config.fetchWaitMaxMilliseconds = 10
        let reader = try await KafkaLogReader(configuration: config, logger: logger) { message in
            let record = InboundRecord(message)
            switch record.eventTypeName {
            case EnquiryRedacted.typeName: if let e = try? record.decode(EnquiryRedacted.self) { state.withLock { $0.enquiries.append(e) } }
            case SharingRecorded.typeName: if let e = try? record.decode(SharingRecorded.self) { state.withLock { $0.audits.append(e) } }
            case SurveyResponded.typeName: if let e = try? record.decode(SurveyResponded.self) { state.withLock { $0.answers.append(e) } }
            case RightsAction.typeName: if let e = try? record.decode(RightsAction.self) { state.withLock { $0.actions.append(e) } }
            case ReferralClosed.typeName: if let e = try? record.decode(ReferralClosed.self) { state.withLock { _ = $0.closedReferences.insert(e.reference) } }
            default: break
            }
        }
        defer { reader.stop() }
        guard await reader.catchUp(timeout: .seconds(60)) else {
            throw RightsError("could not read \(topics.joined(separator: ", ")) to their end; check the broker (--bootstrap)")
        }
        return state.withLock { s in
            s.actions.sort { $0.at < $1.at }
            return s
        }
    }

    /// Places a legal hold. Only an authorised operator may.
    public func placeHold(id: String, scope: RightsAction.HoldScope, target: String, actor: RightsActor, at now: Date = Date()) async throws -> RightsAction {
        try requireAuthorised(actor)
        let action = RightsAction(
            actionId: "hold:\(id):placed", action: .legalHoldPlaced, operatorId: actor.operatorId, authority: actor.authority,
            dataSubject: scope == .subject ? target : nil, references: scope == .enquiry ? [target] : [], holdId: id, holdScope: scope,
            holdTarget: target, recordId: scope == .record ? target : nil,
            detail: "legal hold \(id) placed on \(scope.rawValue) \(target): no disposal or erasure of what it covers until it is lifted", at: now
        )
        try await publish([action])
        return action
    }

    /// Lifts a legal hold in force.
    public func liftHold(id: String, actor: RightsActor, at now: Date = Date()) async throws -> RightsAction {
        try requireAuthorised(actor)
        let snapshot = try await read()
        guard let hold = snapshot.holds.active[id] else { throw RightsError("no legal hold \(id) is in force; `signpost rights holds` lists them") }
        let action = RightsAction(
            actionId: "hold:\(id):lifted:\(Int(now.timeIntervalSince1970))", action: .legalHoldLifted, operatorId: actor.operatorId,
            authority: actor.authority, holdId: id, holdScope: hold.scope, holdTarget: hold.target,
            detail: "legal hold \(id) (\(hold.matter)) lifted", at: now
        )
        try await publish([action])
        return action
    }

    /// The access bundle of a person, recorded as provided.
    public func access(_ person: PersonIdentifiers, actor: RightsActor, at now: Date = Date()) async throws -> AccessBundle {
        let ids = try subjects(person)
        let snapshot = try await read()
        let subjects = snapshot.index.subjects(knownBy: ids)
        let unsealer = Unsealer(keyStore: keyStore)
        let mine = snapshot.enquiries.filter { e in e.sealed.map { subjects.contains($0.subject) } ?? false }
        let references = Set(mine.map(\.reference))
        let bundle = AccessBundle.build(
            dataSubject: subjects.joined(separator: "+"), enquiries: mine, audits: snapshot.audits.filter { references.contains($0.reference) },
            answers: snapshot.answers.filter { references.contains($0.reference) },
            corrections: snapshot.actions.filter { $0.action == .rectificationRecorded && $0.dataSubject.map(subjects.contains) == true },
            open: { sealed, reference in try unsealer.unseal(sealed, reference: reference, allowedTypes: Set(PIIType.allCases)) }, at: now
        )
        try await publish([RightsAction(
            actionId: "access:\(subjects.joined(separator: "+")):\(Int(now.timeIntervalSince1970))", action: .accessProvided,
            operatorId: actor.operatorId, authority: actor.authority, dataSubject: subjects.first, references: references.sorted(),
            detail: "access bundle of \(mine.count) enquiries provided", at: now
        )])
        return bundle
    }

    /// Erases a person's data when the law allows: deletes their data keys (every sealed value and
    /// sealed contact of theirs becomes unreadable on every topic), tombstones their enquiries on
    /// the compacted status topic, records an erasure certificate, and sends each recipient that
    /// received their values a `ReferralErased` notice; or records the refusal and says why.
    public func erase(_ person: PersonIdentifiers, actor: RightsActor, at now: Date = Date()) async throws -> RightsAction {
        try requireAuthorised(actor)
        let ids = try subjects(person)
        let snapshot = try await read()
        let index = snapshot.index
        let subjects = index.subjects(knownBy: ids)
        let policy = ErasurePolicy(schedule: schedule)
        let decisions = subjects.map { policy.decide(subject: $0, index: index, holds: snapshot.holds, now: now) }
        let references = Array(Set(decisions.flatMap(\.references))).sorted()
        let refusals = decisions.flatMap { $0.allowed ? [] : $0.refusals }.filter { $0 != "no enquiry of this person is on record" }
        guard !references.isEmpty else { throw RightsError("no enquiry of this person is on record; nothing to erase") }
        guard refusals.isEmpty else {
            let action = RightsAction(
                actionId: "erasure:\(subjects.joined(separator: "+")):\(Int(now.timeIntervalSince1970))", action: .erasureRefused,
                operatorId: actor.operatorId, authority: actor.authority, dataSubject: subjects.first, references: references,
                kept: refusals, detail: "erasure refused: \(refusals.joined(separator: "; "))", at: now
            )
            try await publish([action])
            return action
        }
        var keyIds: [String] = []
        for subject in subjects {
            if let key = try keyStore.key(for: subject) { keyIds.append(key.keyId) }
            try keyStore.erase(subject: subject)
        }
        let statusTopic = try catalogue.topic(carrying: EnquiryStatusChanged.typeName).name
        let actionId = "erasure:\(subjects.joined(separator: "+")):\(Int(now.timeIntervalSince1970))"
        // Recipients that received the person's values are asked to erase the copies they took (Art. 19).
        let shares = snapshot.audits.filter { references.contains($0.reference) && !$0.sharedEntityTypes.isEmpty }
        let notices = shares.map {
            ReferralErased(referralId: $0.auditId, reference: $0.reference, recipient: $0.recipient, sharedEntityTypes: $0.sharedEntityTypes,
                           erasureId: actionId, erasedAt: now)
        }
        // What may stay readable: what the channel adapters published, which Signpost reads but does not write.
        let latest = (index.enquiries.filter { subjects.contains($0.key) }.values.flatMap { $0 }.map(\.receivedAt).max()) ?? now
        var kept = decisions.first?.kept ?? []
        for ingress in catalogue.topics where ingress.personalData && ingress.producers == ["channel-adapters"] {
            kept.append(await purge(ingress, latest: latest))
        }
        if !notices.isEmpty {
            kept.append("copies \(Set(notices.map(\.recipient)).count) recipients took into their own systems: each was sent an erasure notice for its \(notices.count == 1 ? "referral" : "\(notices.count) referrals")")
        }
        let certificate = RightsAction(
            actionId: actionId, action: .erasureCertified,
            operatorId: actor.operatorId, authority: actor.authority, dataSubject: subjects.first, references: references,
            erasedKeyIds: keyIds, kept: kept,
            detail: "data keys deleted: every sealed value and sealed contact of \(references.count) enquiries is unreadable on every topic and in every copy, the values shared with recipients included; their entries on \(statusTopic) tombstoned; \(notices.count) erasure notices sent to recipients",
            at: now
        )
        try await publish([certificate], tombstones: references.map { KafkaOutboundMessage.tombstone(topic: statusTopic, key: Array($0.utf8)) })
        try await send(notices.map { notice in
            KafkaOutboundMessage(event: notice, topic: try catalogue.topic(forRecipient: notice.recipient).name, source: "signpost/rights", time: now, trace: nil)
        })
        return certificate
    }

    /// Deletes at once, with Kafka's DeleteRecords, what the channel adapters published on an
    /// ingress topic and its consuming service has processed (committed, under the service's
    /// default group id), and says what stays and until when, for the erasure certificate.
    func purge(_ ingress: TopicDefinition, latest: Date) async -> String {
        let days = (try? ingress.retentionMilliseconds).map { Double($0) / 86_400_000 } ?? 0
        let retention = "when the topic's \(Int(days))-day retention ends, by \(EventCodec.format(latest.addingTimeInterval(days * 86_400)))"
        let what = "what the channel adapters published on \(ingress.name), in clear"
        guard let consumer = ingress.consumers.first else { return "\(what): kept until \(retention)" }
        do {
            let admin = try KafkaAdmin(bootstrapServers: bootstrapServers, clientID: "signpost-rights-purge", logger: logger)
            defer { admin.shutdown() }
            let lows = try await IngressPurge.purgeOnce(admin: admin, topic: ingress.name, groupID: consumer, partitions: ingress.partitions)
            return "\(what): every record \(consumer) had processed deleted now (DeleteRecords, \(lows.count) partitions); any it had not yet processed is deleted by its purge once processed, at the latest \(retention)"
        } catch where error.code == .unsupportedFeature {
            return "\(what): this broker cannot delete records (DeleteRecords unsupported: the embedded broker), so they stay in its memory until it stops, as it keeps nothing across a restart; on Apache Kafka they are deleted at erasure"
        } catch {
            return "\(what): could not be deleted now (\(error)); \(consumer)'s purge deletes them once processed where the broker supports it, otherwise \(retention)"
        }
    }

    /// Disposes of the records past their retention period at `now` (an injected clock in tests),
    /// except those a legal hold covers. Returns the disposal actions (published unless `dryRun`)
    /// and the decisions.
    public func runRetention(actor: RightsActor, now: Date, dryRun: Bool = false) async throws -> (disposed: [RightsAction], decisions: [RetentionDecision]) {
        let snapshot = try await read()
        let policy = RetentionPolicy(schedule: schedule)
        let decisions = policy.decide(policy.records(in: snapshot.index), holds: snapshot.holds, disposed: snapshot.disposed, now: now)
        let actions: [RightsAction] = decisions.compactMap { decision in
            guard case .dispose(let record, let reason) = decision else { return nil }
            return RightsAction(
                actionId: "disposal:\(record.store):\(record.id)", action: .recordDisposed, operatorId: actor.operatorId,
                authority: actor.authority, dataSubject: record.subject, references: [record.reference], recordKind: record.kind,
                recordStore: record.store, recordId: record.id,
                detail: "flagged for deletion in \(record.store). \(reason)", at: now
            )
        }
        if !dryRun { try await publish(actions) }
        return (actions, decisions)
    }

    /// Records a restriction or an objection (or lifts or withdraws one) for a person. The referral
    /// and survey services follow the rights topic and honour it from their next record on. Lifting
    /// a restriction replays the person's enquiries that were held (stored but never referred), so
    /// they are referred now.
    public func setRights(_ action: RightsAction.Action, _ person: PersonIdentifiers, actor: RightsActor, at now: Date = Date()) async throws -> (recorded: [RightsAction], replayed: [String]) {
        let allowed: Set<RightsAction.Action> = [.restrictionPlaced, .restrictionLifted, .objectionRecorded, .objectionWithdrawn]
        guard allowed.contains(action) else { throw RightsError("\(action.rawValue) is not a restriction or an objection") }
        // Every subject the person is known by (``SubjectIndex/subjects(knownBy:)``), so that
        // enquiries filed under another of their identifiers are covered too.
        let ids = try subjects(person)
        let subjects = try await read().index.subjects(knownBy: ids)
        let what: String = switch action {
        case .restrictionPlaced: "processing restricted: enquiries are stored only, except where a legal obligation applies"
        case .restrictionLifted: "restriction lifted: held enquiries are processed"
        case .objectionRecorded: "objection recorded: no sharing with partners and no surveys, except where a legal obligation applies"
        default: "objection withdrawn"
        }
        let actions = subjects.map { subject in
            RightsAction(
                actionId: "\(action.rawValue):\(subject):\(Int(now.timeIntervalSince1970 * 1000))", action: action, operatorId: actor.operatorId,
                authority: actor.authority, dataSubject: subject, detail: what, at: now
            )
        }
        try await publish(actions)
        guard action == .restrictionLifted else { return (actions, []) }
        let snapshot = try await read()
        let referred = Set(snapshot.audits.map(\.reference))
        let held = snapshot.enquiries.filter { e in e.sealed.map { subjects.contains($0.subject) } == true && !referred.contains(e.reference) }
        try await replay(held)
        return (actions, held.map(\.reference))
    }

    /// Records a correction of one of a person's contact details (sealed under their key, never in
    /// clear on the rights topic): future referrals use it, and each recipient that received the
    /// old value gets a `ReferralCorrected` notice on its own topic, the new value sealed for that referral.
    public func rectify(_ person: PersonIdentifiers, type: PIIType, value: String, actor: RightsActor, at now: Date = Date()) async throws -> (action: RightsAction, notices: [ReferralCorrected]) {
        guard let placeholder = SealedValues.ContactPlaceholder.for(type) else {
            throw RightsError("only a contact detail can be corrected: PERSON, EMAIL, PHONE, ADDRESS or POSTCODE, not \(type.rawValue)")
        }
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw RightsError("give the corrected value with --value") }
        let ids = try subjects(person)
        let snapshot = try await read()
        let subjects = snapshot.index.subjects(knownBy: ids)
        var notices: [ReferralCorrected] = []
        var actions: [RightsAction] = []
        for subject in subjects {
            let actionId = "rectification:\(subject):\(Int(now.timeIntervalSince1970 * 1000))"
            let sealed = try Sealer(keyStore: keyStore).seal([PlaintextValue(placeholder: placeholder, type: type, value: value)], reference: "rectification:\(actionId)", subject: subject)
            let earlier = snapshot.audits.filter { $0.dataSubject == subject && $0.sharedEntityTypes.contains(type) }
            actions.append(RightsAction(
                actionId: actionId, action: .rectificationRecorded, operatorId: actor.operatorId, authority: actor.authority,
                dataSubject: subject, references: Array(Set(earlier.map(\.reference))).sorted(),
                detail: "\(type.rawValue) corrected; future referrals use the new value; \(earlier.count) earlier recipients notified",
                at: now, correctedType: type, correction: sealed
            ))
            // Each notice's value is sealed for its referral: it opens only as that referral, and for no one after an erasure.
            notices += try earlier.map {
                ReferralCorrected(referralId: $0.auditId, reference: $0.reference, recipient: $0.recipient, placeholder: placeholder, type: type,
                                  sealedValue: try Sealer(keyStore: keyStore).seal([PlaintextValue(placeholder: placeholder, type: type, value: value)], reference: $0.auditId, subject: subject),
                                  rectificationId: actionId, correctedAt: now)
            }
        }
        try await publish(actions)
        try await send(notices.map { notice in
            KafkaOutboundMessage(event: notice, topic: try catalogue.topic(forRecipient: notice.recipient).name, source: "signpost/rights", time: now, trace: nil)
        })
        return (actions[0], notices)
    }

    /// Publishes case records again, unchanged, for the referral service to take up.
    private func replay(_ enquiries: [EnquiryRedacted]) async throws {
        let topic = try catalogue.topic(carrying: EnquiryRedacted.typeName).name
        try await send(enquiries.map { KafkaOutboundMessage(event: $0, topic: topic, source: "signpost/redactor", time: $0.redactedAt, trace: nil) })
    }

    private func requireAuthorised(_ actor: RightsActor) throws(RightsError) {
        guard schedule.authorisedOperators.contains(actor.operatorId) else {
            throw RightsError("refused: operator '\(actor.operatorId)' may not place holds or certify erasure; authorised: \(schedule.authorisedOperators.sorted().joined(separator: ", ")) (retention/schedule.yaml)")
        }
    }

    private func publish(_ actions: [RightsAction], tombstones: [KafkaOutboundMessage] = []) async throws {
        let topic = try catalogue.topic(carrying: RightsAction.typeName).name
        try await send(actions.map { KafkaOutboundMessage(event: $0, topic: topic, source: "signpost/rights", time: $0.at, trace: nil) } + tombstones)
    }

    /// Sends messages in order, each acknowledged before the next, then shuts the producer down.
    private func send(_ messages: [KafkaOutboundMessage]) async throws {
        try await sendAcknowledged(messages, bootstrapServers: bootstrapServers, clientID: "signpost-rights", logger: logger)
    }
}
