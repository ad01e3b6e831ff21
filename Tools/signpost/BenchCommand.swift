import ArgumentParser
import Foundation
import Logging
import SignpostOps

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the five-service pipeline against five pass-through relay hops on the embedded broker.",
        discussion: """
        Build with `make release` first (`swift build -c release --static-swift-stdlib`, the
        production build the Dockerfile makes) and run the release binary: the services and
        relays are started from --bin-dir (default: the folder of this executable).

        For each of the pipeline (intake, classifier, redactor, referral, survey, each its own
        process) and the relay (five `signpost relay` processes: contacts topic → bench.hop-1 …
        bench.hop-5), one after the other and each phase on a fresh embedded broker:
          1. throughput: preload --contacts valid simulated contacts, start the processes, and
             count contacts/s from the first output to the last (every contact must arrive);
          2. latency: warm up, publish at --rate contacts/s for --seconds, and take p50, p90,
             p99 and max of (output time − received_at), where the output time is a referral's
             issued_at, or the Kafka timestamp of the relay's last hop;
          3. CPU seconds and peak RSS of every process, read just before it is stopped.
        Prints the tables, the ratios against the targets, and as its last line
        `bench: pipeline R1 msg/s, relay R2 msg/s, ratio X; p99 at 1000/s pipeline A ms, relay B ms`.
        Exits 1 if a contact went missing or a process did not exit cleanly.

        Examples:
          make release && .build/release/signpost bench
          .build/release/signpost bench --contacts 5000 --seconds 10 --skip-relay
          .build/release/signpost bench --skeleton
        """
    )

    @Option(help: "Contacts in the preloaded backlog for the throughput measurement.")
    var contacts: Int = 20_000

    @Option(help: "Contacts per second for the latency measurement.")
    var rate: Int = 1_000

    @Option(help: "Seconds of publishing at --rate.")
    var seconds: Int = 20

    @Option(help: "Partitions of the contacts topic and of every topic each contact passes through (and of the relay hops); the other topics keep their catalogue proportion to it, rounded up. The mock keeps only about 5 MiB per partition.")
    var partitions: Int32 = 16

    @Option(name: .customLong("bin-dir"), help: "Folder of the service executables and signpost (default: this executable's folder).")
    var binDirectory: String?

    @Flag(name: .customLong("skip-relay"), help: "Measure the pipeline only.")
    var skipRelay = false

    @Flag(name: .customLong("skip-pipeline"), help: "Measure the relay (and the skeleton, with --skeleton) only: for backlogs large enough that the relay's output window is long against its start-up.")
    var skipPipeline = false

    @Flag(help: "Also measure the skeleton: the relay chain with each hop copying every message to further topics, so that it writes as many records per contact as the pipeline (--skeleton-records) with none of its work.")
    var skeleton = false

    @Option(name: .customLong("skeleton-records"), help: "Records each of the skeleton's five hops writes per input, comma-separated (the pipeline's, per service).")
    var skeletonRecords: String = "3,3,3,4,1"

    @Option(name: .customLong("state-dir"), help: "Where the processes' logs go.")
    var stateDirectory: String = ".signpost/bench"

    @Option(name: .customLong("log-level"), help: "Log level of the benchmark's own Kafka clients.")
    var logLevel: String = "error"

    func validate() throws {
        guard contacts >= 2 else { throw ValidationError("--contacts must be at least 2") }
        guard rate > 0, seconds > 0 else { throw ValidationError("--rate and --seconds must be positive") }
        guard partitions > 0 else { throw ValidationError("--partitions must be positive") }
        guard !(skipRelay && skipPipeline) else { throw ValidationError("--skip-relay and --skip-pipeline leave nothing to measure") }
        if skeleton {
            guard !skipRelay else { throw ValidationError("--skeleton is measured against the relay; drop --skip-relay") }
            guard parsedSkeletonRecords != nil else {
                throw ValidationError("--skeleton-records needs \(BenchmarkOptions.hops) whole numbers of at least 1, comma-separated, e.g. 3,3,3,4,1")
            }
        }
    }

    private var parsedSkeletonRecords: [Int]? {
        let numbers = skeletonRecords.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == BenchmarkOptions.hops, numbers.allSatisfy({ $0 >= 1 }) else { return nil }
        return numbers
    }

    func run() async throws {
        var logger = Logger(label: "signpost.bench")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .error
        let catalogue = try loadCatalogue()
        let bin = binDirectory.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        var options = BenchmarkOptions(binDirectory: bin, stateDirectory: URL(fileURLWithPath: stateDirectory))
        options.contacts = contacts
        options.ratePerSecond = rate
        options.seconds = seconds
        options.partitions = partitions
        options.includeRelay = !skipRelay
        options.includePipeline = !skipPipeline
        options.includeSkeleton = skeleton
        if skeleton, let records = parsedSkeletonRecords { options.skeletonRecords = records }
        if !bin.path.contains("release") {
            print("bench: note: \(bin.path) does not look like a release build; build with `make release` for meaningful figures")
        }
        let report = try await Benchmark(options: options, catalogue: catalogue, logger: logger).run { line in
            print("bench: \(line)")
            fflush(nil)
        }
        print("")
        print(report.table)
        print("")
        for line in report.ratioLines { print(line) }
        print(report.lastLine)
        fflush(nil)
        if !report.complete { throw ExitCode(1) }
    }
}

struct CodecBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec-bench",
        abstract: "Measure what reading a contact costs: Signpost's event decoder against Foundation's JSONDecoder.",
        discussion: """
        Decodes valid simulated contacts (ContactReceived, the largest input of the pipeline) with
        `EventCodec.decode` (Signpost's decoder; Foundation's only for what it leaves) and with
        Foundation's JSONDecoder alone, in alternating slices of this thread's CPU time, after
        checking that both read every record to the same event. Prints CPU microseconds per record
        for each and the ratio. Build with `make release` first.

        Example:
          .build/release/signpost codec-bench --records 2000 --seconds 3
        """
    )

    @Option(help: "Simulated contacts to decode.")
    var records: Int = 2_000

    @Option(help: "CPU seconds for each of the two decoders.")
    var seconds: Double = 3

    func run() throws {
        let result = try CodecBenchmark.run(records: records, seconds: seconds)
        print("records                    \(result.records) (average \(result.averageBytes) bytes)")
        print("Signpost decoder           \(String(format: "%.1f", result.signpostMicroseconds)) µs CPU per record")
        print("Foundation JSONDecoder     \(String(format: "%.1f", result.foundationMicroseconds)) µs CPU per record")
        print("codec: decode ContactReceived \(String(format: "%.2f", result.speedUp))× faster than Foundation alone")
    }
}
