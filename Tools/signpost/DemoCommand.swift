import ArgumentParser
import Foundation
import Logging
import SignpostOps
import AnalyticsCore
import SignpostEvents
import SignpostRuntime

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline on the embedded broker with simulated contacts, then stop everything.",
        discussion: """
        Starts the embedded broker with every topic, the five services as separate processes,
        publishes simulated contacts (and malformed ones) across the four channels, plays the
        residents who answer a share of the survey invitations, waits until every contact is
        referred, triaged or dead-lettered, prints a summary table, writes the analysts' HTML
        report, and stops it all. The last
        line is `summary: contacts=N referred=N triaged=N deadlettered=N surveyed=N`.

        Examples:
          signpost demo
          signpost demo --contacts 1000 --malformed 50 --rate 200 --instances 2
        """
    )

    @Option(help: "Valid contacts to publish.")
    var contacts: Int = 300

    @Option(help: "Malformed contacts to publish among them.")
    var malformed: Int = 15

    @Option(help: "Contacts per second.")
    var rate: Double = 100

    @Option(help: "Instances of each service (each its own process in its consumer group).")
    var instances: Int = 1

    @Option(help: "Seconds to wait for every contact to be accounted for.")
    var timeout: Int = 240

    @Option(name: .customLong("state-dir"), help: "Where broker.env and the service logs go.")
    var stateDirectory: String = ".signpost/demo"

    @Option(help: "Where to write the analysts' HTML report at the end.")
    var report: String = ".signpost/demo/report.html"

    @Option(name: .customLong("log-level"), help: "Log level of the demo's own Kafka clients.")
    var logLevel: String = "error"

    func run() async throws {
        var logger = Logger(label: "signpost.demo")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .error
        stopChildrenOnInterrupt()
        let catalogue = try loadCatalogue()
        var options = PipelineRunOptions(stateDirectory: URL(fileURLWithPath: stateDirectory), binDirectory: ServiceFleet.defaultBinDirectory())
        options.validContacts = contacts
        options.malformedContacts = malformed
        options.ratePerSecond = rate
        options.instancesPerService = instances
        options.timeout = .seconds(timeout)
        let outcome = try await PipelineRun(options: options, catalogue: catalogue, logger: logger).run { line in
            print("demo: \(line)")
            fflush(nil)
        }
        print("")
        print(DemoReport.table(outcome))
        let fold = PerformanceAggregator(outcome.analytics.performanceEvents)
        let mismatches = outcome.analytics.recountMismatches
        if mismatches.isEmpty {
            print("analytics published \(outcome.analytics.aggregates.count) aggregates on the aggregate topic; each equals a recount of the \(fold.eventCount) performance events")
        } else {
            print("analytics: \(mismatches.count) aggregates differ from a recount of the performance events:")
            for line in mismatches.prefix(10) { print("  \(line)") }
        }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: report).deletingLastPathComponent(), withIntermediateDirectories: true)
        try HTMLReport.render(fold.snapshot(), generatedAt: Date()).write(toFile: report, atomically: true, encoding: .utf8)
        print("wrote the analysts' report to \(report) (\(fold.eventCount) performance events of \(fold.enquiryCount) enquiries)")
        // What the data protection officer sees for one resident: `signpost audit --subject EMAIL`.
        if let email = outcome.contacts.compactMap({ $0.contact?.customer?.email }).first {
            let records = try outcome.audit.person(email, subjectKey: ServiceConfiguration(serviceName: "signpost").pseudonymKey)
            print("\nsignpost audit --subject \(email)")
            print(SharingAudit.table(records))
        }
        let failed = !mismatches.isEmpty || !outcome.complete || !outcome.earlyExits.isEmpty || outcome.exitStatuses.values.contains { $0 != 0 }
        print(outcome.summaryLine)
        if failed { throw ExitCode(1) }
    }
}
