import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostRuntime
import SignpostTopics
import Synchronization

/// What the pipeline produced, as read back from its output topics.
public struct PipelineTally: Sendable {
    /// Topics of the `ReferralIssued` records seen for each contact id (triage included).
    public var referralTopicsByContact: [String: [String]] = [:]
    /// The `ReferralIssued` records seen for each contact id.
    public var referralsByContact: [String: [ReferralIssued]] = [:]
    /// Where each referral record came from (the `signpost-input` header) and where it landed.
    public var referralInputs: [String: [String]] = [:]
    /// How many dead letters carry each original value, byte for byte.
    public var deadLettersByValue: [Data: Int] = [:]
    /// Dead letters whose reason or detail is empty (each is a defect).
    public var deadLettersWithoutReason = 0
    /// Reasons of the dead letters seen for each original key.
    public var deadLetterReasonsByKey: [String: [DeadLetterReason]] = [:]
    public var referralsByRecipient: [String: Int] = [:]
    public var triaged = 0
    public var referred = 0
    public var surveyInvitations = 0
    public var surveyAnswersProcessed = 0
    public var scores: [Int] = []
    /// Raw values of every performance event, to check them for personal data.
    public var performanceValues: [[UInt8]] = []
    public var statusEvents = 0
    /// How many times each status was recorded for each case reference.
    public var statusTrail: [String: [EnquiryStatusChanged.Status: Int]] = [:]
    /// Records on observed topics that did not decode: each is a defect of the pipeline.
    public var undecodable: [String] = []
    /// Sharing audit records seen for each referral id.
    public var auditsByReferral: [String: [SharingRecorded]] = [:]
    /// Correction notices seen for each referral id.
    public var correctionsByReferral: [String: [ReferralCorrected]] = [:]
    /// Erasure notices (`ReferralErased`) per referral id.
    public var erasureNoticesByReferral: [String: Int] = [:]
    /// Closures seen for each referral id (the simulated teams close every referral but triage).
    public var closuresByReferral: [String: Int] = [:]
    /// Acknowledgements seen for each case reference.
    public var acknowledgementsByReference: [String: Int] = [:]
    public var deadLetters: Int { deadLetterReasonsByKey.values.reduce(0) { $0 + $1.count } }

    /// True when the contact has no referral or triage record.
    public func isLost(_ contactId: String) -> Bool { (referralsByContact[contactId] ?? []).isEmpty }

    /// True when some recipient received the contact's referral more than once (a safeguarding
    /// concern legitimately goes to two recipients, each once).
    public func isDuplicated(_ contactId: String) -> Bool {
        Dictionary(grouping: referralsByContact[contactId] ?? [], by: \.referralId).values.contains { $0.count > 1 }
    }

    /// Referral ids without exactly one sharing audit record.
    public var referralsWithoutOneAudit: [String] {
        Set(referralsByContact.values.flatMap { $0 }.map(\.referralId)).filter { auditsByReferral[$0]?.count != 1 }.sorted()
    }
}

/// Reads the pipeline's output topics (every referral topic, dead letters, surveys,
/// performance and status) with a consumer group of its own, and plays the residents who
/// answer a share of the survey invitations.
public final class PipelineObserver: Sendable {
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let tally = Mutex(PipelineTally())
    private let answered = Atomic<Int>(0)
    private let answerShare: Double
    private let closesReferrals: Bool
    private let responseTopic: String
    private let logger: Logger

    /// - Parameter closesReferrals: play the service teams too, closing every referral but triage as it arrives.
    public init(bootstrapServers: String, catalogue: TopicCatalogue, surveyAnswerShare: Double, closesReferrals: Bool = true, fetchWaitMilliseconds: Int?, logger: Logger) throws {
        let topics = catalogue.topics.filter {
            $0.recipient != nil || !Set($0.eventTypes).isDisjoint(with: [
                DeadLetter.typeName, SurveyInvited.typeName, PerformanceEvent.typeName, EnquiryStatusChanged.typeName,
                SharingRecorded.typeName, EnquiryAcknowledged.typeName,
            ])
        }.map(\.name)
        var config = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupID: "signpost-observer-\(UUID().uuidString.prefix(8))",
            clientID: "signpost-observer", topics: topics
        )
        config.fetchWaitMaxMilliseconds = fetchWaitMilliseconds
        consumer = try KafkaConsumer(configuration: config, logger: logger)
        producer = try KafkaProducer(configuration: .init(bootstrapServers: bootstrapServers, clientID: "signpost-residents"), logger: logger)
        responseTopic = try catalogue.topic(carrying: SurveyResponded.typeName).name
        answerShare = surveyAnswerShare
        self.closesReferrals = closesReferrals
        self.logger = logger
    }

    /// The tally so far.
    public var current: PipelineTally { tally.withLock { $0 } }
    /// How many survey answers the simulated residents sent.
    public var answersSent: Int { answered.load(ordering: .relaxed) }

    /// Reads until `stop()`; answers invitations as they arrive.
    public func run() async {
        do {
            for try await message in consumer.messages {
                await handle(message)
            }
        } catch {
            logger.error("observer stopped reading: \(error)")
        }
    }

    private func handle(_ message: KafkaInboundMessage) async {
        let record = InboundRecord(message)
        await observe(record)
        consumer.markProcessed(message)
    }

    /// Stops reading and closes the clients.
    public func stop() async {
        consumer.stopFetching()
        await consumer.close(timeout: .seconds(10))
        await producer.shutdown(timeout: .seconds(10))
    }

    private func observe(_ record: InboundRecord) async {
        do throws(EventRejection) {
            switch record.eventTypeName {
            case ReferralIssued.typeName:
                let r = try record.decode(ReferralIssued.self)
                tally.withLock {
                    $0.referralTopicsByContact[r.contactId, default: []].append(record.topic)
                    $0.referralsByContact[r.contactId, default: []].append(r)
                    $0.referralInputs[r.contactId, default: []].append((record.header("signpost-input") ?? "?") + " @\(record.topic)/\(record.partition)/\(record.offset) \(r.recipient) \(r.classification.kind.rawValue) \(r.classification.confidence)")
                    $0.referralsByRecipient[r.recipient, default: 0] += 1
                    if r.triage { $0.triaged += 1 } else { $0.referred += 1 }
                }
                if closesReferrals && !r.triage { await close(r, on: record.topic) }
            case ReferralCorrected.typeName:
                let n = try record.decode(ReferralCorrected.self)
                tally.withLock { $0.correctionsByReferral[n.referralId, default: []].append(n) }
            case ReferralErased.typeName:
                let n = try record.decode(ReferralErased.self)
                tally.withLock { $0.erasureNoticesByReferral[n.referralId, default: 0] += 1 }
            case ReferralClosed.typeName:
                let c = try record.decode(ReferralClosed.self)
                tally.withLock { $0.closuresByReferral[c.referralId, default: 0] += 1 }
            case DeadLetter.typeName:
                let d = try record.decode(DeadLetter.self)
                let key = d.originalKeyBase64.flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) } ?? d.deadLetterId
                let original = Data(base64Encoded: d.originalValueBase64) ?? Data()
                tally.withLock {
                    $0.deadLetterReasonsByKey[key, default: []].append(d.reason)
                    $0.deadLettersByValue[original, default: 0] += 1
                    if d.detail.isEmpty { $0.deadLettersWithoutReason += 1 }
                }
            case SurveyInvited.typeName:
                let invitation = try record.decode(SurveyInvited.self)
                // Counted after the answer is sent, so that a complete count of invitations implies a complete count of answers.
                await answer(invitation)
                tally.withLock { $0.surveyInvitations += 1 }
            case PerformanceEvent.typeName:
                let p = try record.decode(PerformanceEvent.self)
                tally.withLock {
                    $0.performanceValues.append(record.value)
                    if p.stage == .surveyAnswered {
                        $0.surveyAnswersProcessed += 1
                        if let s = p.score { $0.scores.append(s) }
                    }
                }
            case EnquiryStatusChanged.typeName:
                let status = try record.decode(EnquiryStatusChanged.self)
                tally.withLock {
                    $0.statusEvents += 1
                    $0.statusTrail[status.reference, default: [:]][status.status, default: 0] += 1
                }
            case SharingRecorded.typeName:
                let audit = try record.decode(SharingRecorded.self)
                tally.withLock { $0.auditsByReferral[audit.auditId, default: []].append(audit) }
            case EnquiryAcknowledged.typeName:
                let ack = try record.decode(EnquiryAcknowledged.self)
                tally.withLock { $0.acknowledgementsByReference[ack.reference, default: 0] += 1 }
            default:
                tally.withLock { $0.undecodable.append("\(record.topic)/\(record.offset): unknown type") }
            }
        } catch {
            tally.withLock { $0.undecodable.append("\(record.topic)/\(record.offset): \(error)") }
        }
    }

    /// A resident answers when a stable hash of the invitation falls in the answering share.
    /// The team's closure of a referral, on the referral's own topic.
    private func close(_ referral: ReferralIssued, on topic: String) async {
        let closure = ReferralClosed(closing: referral, outcome: .resolved, at: Date())
        let message = KafkaOutboundMessage(
            event: closure, topic: topic, source: "signpost/simulator/\(referral.recipient)-team", time: Date(), trace: .random()
        )
        do {
            _ = try await producer.send(message)
        } catch {
            logger.error("closure not delivered: \(error)")
        }
    }

    private func answer(_ invitation: SurveyInvited) async {
        var hash: UInt64 = 1469598103934665603
        for byte in invitation.invitationId.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        guard Double(hash % 1000) / 1000 < answerShare else { return }
        let score = Int(hash % 5) + 1
        let comments = ["Quick and helpful, thank you.", "Took too long to hear back.", "The lady on the phone was lovely.", nil]
        let response = SurveyResponded(
            invitationId: invitation.invitationId, reference: invitation.reference, score: score,
            comment: comments[Int(hash % 4)], respondedAt: Date()
        )
        let message = KafkaOutboundMessage(
            event: response, topic: responseTopic, ceID: "resident-\(invitation.invitationId)",
            source: "signpost/simulator/residents", time: Date(), trace: .random()
        )
        do {
            _ = try await producer.send(message)
            answered.add(1, ordering: .relaxed)
        } catch {
            logger.error("survey answer not delivered: \(error)")
        }
    }
}
