import AnalyticsCore
import ArgumentParser
import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import SignpostOps
import SignpostRuntime

/// Where `signpost stats` and `signpost report` take their performance events from.
struct PerformanceSourceOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Stop reading after this many seconds without a new event.")
    var idle: Int = 5

    @Option(name: .customLong("input"), help: "Read performance events from this file instead of Kafka: one JSON event a line, as `signpost tail --json` prints them (the position before the JSON is skipped).")
    var inputFile: String?

    @Flag(name: .customLong("demo"), help: "Run the demo pipeline on the embedded broker (as `signpost demo` does) and use the performance events it produced.")
    var demo = false

    @Option(name: .customLong("demo-contacts"), help: "Valid contacts for --demo.")
    var demoContacts: Int = 300

    /// The fold of every performance event of the chosen source.
    func fold() async throws -> PerformanceAggregator {
        if demo { return try await foldDemo() }
        if let inputFile { return try foldFile(inputFile) }
        return try await foldTopic()
    }

    private func foldFile(_ path: String) throws -> PerformanceAggregator {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read \(path)") }
        var fold = PerformanceAggregator()
        var skipped = 0
        for line in text.split(whereSeparator: \.isNewline) {
            guard let brace = line.firstIndex(of: "{") else { continue }
            do { fold.add(try EventCodec.decode(PerformanceEvent.self, from: Array(line[brace...].utf8))) } catch { skipped += 1 }
        }
        if skipped > 0 { FileHandle.standardError.write(Data("stats: skipped \(skipped) lines that are not performance events\n".utf8)) }
        return fold
    }

    private func foldTopic() async throws -> PerformanceAggregator {
        let catalogue = try loadCatalogue()
        let definition = try catalogue.topic(carrying: PerformanceEvent.typeName)
        let config = connection.configuration
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: config.bootstrapServers, groupID: "signpost-stats-\(UUID().uuidString.prefix(8))",
            clientID: "signpost-stats", topics: [definition.name]
        )
        consumerConfig.fetchWaitMaxMilliseconds = config.fetchWaitMaxMilliseconds
        let consumer = try KafkaConsumer(configuration: consumerConfig, logger: connection.logger())
        let seen = Counter()
        let idle = max(1, self.idle)
        let watchdog = Task {
            var last = -1
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(idle))
                let now = seen.value
                if now == last { consumer.stopFetching(); return }
                last = now
            }
        }
        var fold = PerformanceAggregator()
        var undecodable = 0
        for try await message in consumer.messages {
            let record = InboundRecord(message, declaredEventTypes: definition.eventTypes)
            do { fold.add(try record.decode(PerformanceEvent.self)) } catch { undecodable += 1 }
            consumer.markProcessed(message)
            seen.increment()
        }
        watchdog.cancel()
        await consumer.close(timeout: .seconds(10))
        if undecodable > 0 { FileHandle.standardError.write(Data("stats: \(undecodable) records were not performance events\n".utf8)) }
        return fold
    }

    private func foldDemo() async throws -> PerformanceAggregator {
        var logger = Logger(label: "signpost.demo")
        logger.logLevel = .error
        var options = PipelineRunOptions(stateDirectory: URL(fileURLWithPath: ".signpost/report-demo"), binDirectory: ServiceFleet.defaultBinDirectory())
        options.validContacts = demoContacts
        let outcome = try await PipelineRun(options: options, catalogue: try loadCatalogue(), logger: logger).run { line in
            FileHandle.standardError.write(Data("demo: \(line)\n".utf8))
        }
        FileHandle.standardError.write(Data("\(outcome.summaryLine)\n".utf8))
        var fold = PerformanceAggregator()
        for value in outcome.tally.performanceValues {
            if let event = try? EventCodec.decode(PerformanceEvent.self, from: value) { fold.add(event) }
        }
        return fold
    }
}

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the current performance aggregates as tables; optionally export them as CSV.",
        discussion: """
        Reads analytics.performance.recorded.v1 from the beginning with a consumer group of its
        own (it disturbs no service), stops after --idle seconds without a new event, and folds
        the events into per-hour × channel × kind × service × team buckets: volumes, time from
        contact to referral (median, p90), triage rate, dead-letter rate, survey response rate
        and mean score. Repeated events (the same event_id) count once. No text, names, contact
        details or case references are read or printed.

        Examples:
          signpost stats
          signpost stats --idle 10 --csv aggregates.csv
          signpost tail analytics.performance.recorded.v1 --json --idle 5 > perf.jsonl && signpost stats --input perf.jsonl
        """
    )

    @OptionGroup var source: PerformanceSourceOptions

    @Option(help: "Also write every finest bucket (hour × channel × kind × service × team) to this CSV file.")
    var csv: String?

    func run() async throws {
        let fold = try await source.fold()
        let aggregates = fold.snapshot()
        print("Performance aggregates: \(fold.eventCount) events of \(fold.enquiryCount) enquiries, \(aggregates.buckets.count) buckets\n")
        print(AggregateFormatting.tables(aggregates))
        if let csv {
            try AggregateFormatting.csv(aggregates).write(toFile: csv, atomically: true, encoding: .utf8)
            print("wrote \(aggregates.buckets.count) buckets to \(csv)")
        }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML page of the performance aggregates, with charts.",
        discussion: """
        Reads the performance topic as `signpost stats` does and writes one HTML file with inline
        CSS and inline SVG charts (no scripts, nothing fetched): volumes by channel over time,
        time from contact to referral by service, and satisfaction by team.

        Examples:
          signpost report --out report.html
          signpost report --demo --out report.html      # run the demo pipeline, then report on it
        """
    )

    @OptionGroup var source: PerformanceSourceOptions

    @Option(help: "The HTML file to write.")
    var out: String = "report.html"

    func run() async throws {
        let fold = try await source.fold()
        let html = HTMLReport.render(fold.snapshot(), generatedAt: Date())
        try html.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out): \(fold.eventCount) performance events of \(fold.enquiryCount) enquiries")
    }
}
