import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostTopics
import SurveyCore

/// The options of a whole-pipeline run (the demo and the integration test).
public struct PipelineRunOptions: Sendable {
    public var validContacts = 300
    public var malformedContacts = 15
    /// Contacts per second (0: as fast as possible).
    public var ratePerSecond: Double = 150
    public var surveyAnswerShare = 0.6
    public var seed: UInt64 = 2026
    public var timeout: Duration = .seconds(240)
    /// Instances of each service, each its own process in its service's consumer group.
    public var instancesPerService = 1
    /// Partitions for every topic instead of the catalogue's counts.
    public var partitions: Int32?
    /// Runs once every contact is accounted for, while the broker and the services are still up
    /// (the rights integration test acts on the live pipeline here).
    /// `tally` reads what the pipeline has produced so far.
    public var whileRunning: (@Sendable (_ bootstrapServers: String, _ environment: [String: String], _ tally: @escaping @Sendable () -> PipelineTally) async throws -> Void)?
    /// How often the analytics service republishes changed aggregates (production: 60 s).
    public var aggregateIntervalSeconds = 2
    /// Whether the classifier asks its second opinion where the encoder model is present (false:
    /// the fast path alone, for runs about something other than classification).
    public var secondOpinion = true
    public var stateDirectory: URL
    public var binDirectory: URL

    public init(stateDirectory: URL, binDirectory: URL) {
        self.stateDirectory = stateDirectory
        self.binDirectory = binDirectory
    }
}

/// What a pipeline run did.
public struct PipelineOutcome: Sendable {
    public var contacts: [SimulatedContact]
    public var tally: PipelineTally
    public var answersSent: Int
    /// True when every contact was accounted for before the timeout.
    public var complete: Bool
    public var elapsed: Duration
    /// Each instance's exit status after SIGTERM (nil: it had to be killed).
    public var exitStatuses: [String: Int32?]
    /// Instances that exited before the end of the run, with their status.
    public var earlyExits: [String: Int32]
    /// What the analytics service published, and the performance events, read back after every service stopped.
    public var analytics: AnalyticsReadback
    /// The sharing record, read back after every service stopped.
    public var audit: SharingAudit

    public var validCount: Int { contacts.filter(\.isValid).count }
    public var malformedCount: Int { contacts.count - validCount }

    /// `summary: contacts=N referred=N triaged=N deadlettered=N surveyed=N`
    public var summaryLine: String {
        "summary: contacts=\(contacts.count) referred=\(tally.referred) triaged=\(tally.triaged) deadlettered=\(tally.deadLetters) surveyed=\(tally.surveyInvitations)"
    }
}

/// Runs the whole pipeline on the embedded broker: the broker, the five services as separate
/// processes, simulated contacts in, every output read back, everything stopped at the end.
public struct PipelineRun: Sendable {
    public var options: PipelineRunOptions
    public var catalogue: TopicCatalogue
    public var logger: Logger

    public init(options: PipelineRunOptions, catalogue: TopicCatalogue, logger: Logger) {
        self.options = options
        self.catalogue = catalogue
        self.logger = logger
    }

    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> PipelineOutcome {
        let started = ContinuousClock.now
        let broker = try BrokerHost(catalogue: catalogue, partitions: options.partitions, stateDirectory: options.stateDirectory, logger: logger)
        defer { broker.stop() }
        progress("embedded broker at \(broker.bootstrapServers) with \(catalogue.topics.count) topics")

        var env = broker.serviceEnvironment(catalogue: catalogue, stateDirectory: options.stateDirectory)
        if !options.secondOpinion { env["SIGNPOST_SECOND_OPINION"] = "off" }
        let fleet = ServiceFleet(binDirectory: options.binDirectory, environment: env, logDirectory: options.stateDirectory.appendingPathComponent("logs"))
        do {
            for service in ServiceFleet.serviceNames {
                for i in 0..<options.instancesPerService { try fleet.start(service, index: i) }
            }
            try fleet.start(ServiceFleet.analyticsService, extraEnvironment: ["SIGNPOST_AGGREGATE_INTERVAL_SECONDS": "\(options.aggregateIntervalSeconds)"])
        } catch {
            _ = await fleet.stopAll(timeout: .seconds(5))
            throw error
        }
        progress("started \(ServiceFleet.serviceNames.count * options.instancesPerService + 1) service processes: \((ServiceFleet.serviceNames + [ServiceFleet.analyticsService]).joined(separator: ", ")) (logs in \(options.stateDirectory.path)/logs)")

        let observer = try PipelineObserver(
            bootstrapServers: broker.bootstrapServers, catalogue: catalogue, surveyAnswerShare: options.surveyAnswerShare,
            fetchWaitMilliseconds: BrokerHost.fetchWaitMilliseconds, logger: logger
        )
        let observing = Task { await observer.run() }

        let contacts = ContactSimulator(seed: options.seed).contacts(valid: options.validContacts, malformed: options.malformedContacts)
        let publisher = try ContactPublisher(bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
        progress("publishing \(options.validContacts) contacts and \(options.malformedContacts) malformed ones at \(Int(options.ratePerSecond))/s")
        try await publisher.publish(contacts, ratePerSecond: options.ratePerSecond)

        let validIDs = contacts.filter(\.isValid).map(\.contactId)
        let malformedIDs = contacts.filter { !$0.isValid }.map(\.contactId)
        let deadline = ContinuousClock.now + options.timeout
        var complete = false
        var lastReport = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let t = observer.current
            let routed = validIDs.filter { t.referralTopicsByContact[$0] != nil }.count
            let dead = malformedIDs.filter { t.deadLetterReasonsByKey[$0] != nil }.count
            let answers = observer.answersSent
            // Every referral that warrants a survey has its invitation, and every answer sent was processed.
            let expectedInvitations = Set(t.referralsByContact.values.flatMap { $0 }.filter { SurveyDecider.exclusion(for: $0) == nil }.map(\.reference)).count
            if routed == validIDs.count, dead == malformedIDs.count, t.surveyInvitations >= expectedInvitations, t.surveyAnswersProcessed >= answers {
                complete = true
                break
            }
            if ContinuousClock.now - lastReport > .seconds(3) {
                progress("routed \(routed)/\(validIDs.count), dead-lettered \(dead)/\(malformedIDs.count), surveys \(t.surveyInvitations) invited \(t.surveyAnswersProcessed)/\(answers) answered")
                lastReport = ContinuousClock.now
            }
            if !fleet.exited().isEmpty { break }
            try? await Task.sleep(for: .milliseconds(200))
        }
        // A moment more, so that a duplicate output would be seen too.
        try? await Task.sleep(for: .seconds(2))
        var hookError: (any Error)?
        if complete, let whileRunning = options.whileRunning {
            do { try await whileRunning(broker.bootstrapServers, env, { observer.current }) } catch { hookError = error }
        }
        let earlyExits = fleet.exited()
        progress(complete ? "every contact accounted for; stopping the services" : "not every contact was accounted for before the timeout; stopping the services")
        let statuses = await fleet.stopAll(timeout: .seconds(30))
        await observer.stop()
        observing.cancel()
        _ = await observing.value
        let analytics = try await AnalyticsReadback.read(bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
        let audit = try await SharingAudit.read(bootstrapServers: broker.bootstrapServers, catalogue: catalogue, logger: logger)
        if let hookError { throw hookError }
        return PipelineOutcome(
            contacts: contacts, tally: observer.current, answersSent: observer.answersSent, complete: complete,
            elapsed: ContinuousClock.now - started, exitStatuses: statuses, earlyExits: earlyExits, analytics: analytics, audit: audit
        )
    }
}
