import ArgumentParser
import Foundation
import Logging
import SignpostOps

struct Fuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hostile input: malformed contacts of every kind, with valid and repeated ones in between.",
        discussion: """
        Sends thousands of malformed contacts (invalid JSON, wrong types, missing fields, invalid
        UTF-8, control characters, oversized bodies, unknown channels, future schema versions,
        header-less and key-less records, …), valid contacts between them (a tenth with extra,
        unknown fields, which readers accept by design) and repeats of valid contacts with the
        same contact id, through the real services on the embedded broker. Passes when every
        malformed record has exactly one dead letter with a reason and its original bytes, every
        repeat one `duplicate` dead letter, every valid contact one referral, and no service
        stopped. The last line is the `fuzz:` summary; the exit status is 1 on any failure.

        Examples:
          signpost fuzz
          signpost fuzz --hostile 50000 --valid 2000 --rate 5000
        """
    )

    @Option(help: "Malformed records to send.")
    var hostile: Int = 10_000

    @Option(help: "Valid contacts to send in between.")
    var valid: Int = 500

    @Option(help: "Valid contacts to send twice.")
    var duplicates: Int = 50

    @Option(help: "Records per second.")
    var rate: Double = 2_000

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 99

    @Option(help: "Partitions of every topic (the embedded broker keeps about 5 MiB per partition).")
    var partitions: Int32 = 16

    @Option(name: .customLong("state-dir"), help: "Where broker.env and the service logs go.")
    var stateDirectory: String = ".signpost/fuzz"

    func run() async throws {
        stopChildrenOnInterrupt()
        var logger = Logger(label: "signpost.fuzz")
        logger.logLevel = .error
        var options = FuzzOptions(stateDirectory: URL(fileURLWithPath: stateDirectory), binDirectory: ServiceFleet.defaultBinDirectory())
        options.hostile = hostile
        options.valid = valid
        options.duplicates = duplicates
        options.ratePerSecond = rate
        options.seed = seed
        options.partitions = partitions
        let outcome = try await FuzzRun(options: options, catalogue: try loadCatalogue(), logger: logger).run { line in
            print("fuzz: \(line)")
            fflush(nil)
        }
        print("")
        print("  dead letters by reason")
        for (reason, count) in outcome.reasons.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            print("    \(reason.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)) \(count)")
        }
        if !outcome.mismatchedKinds.isEmpty { print("  kinds without exactly one dead letter per record: \(outcome.mismatchedKinds)") }
        if !outcome.validNotReferredOnce.isEmpty { print("  valid contacts not referred exactly once: \(outcome.validNotReferredOnce.prefix(10))") }
        if !outcome.duplicatesNotDeadLettered.isEmpty { print("  repeats not dead-lettered once: \(outcome.duplicatesNotDeadLettered.prefix(10))") }
        if !outcome.earlyExits.isEmpty { print("  services that stopped: \(outcome.earlyExits)") }
        print("  elapsed \(outcome.elapsed)")
        print(outcome.summaryLine)
        if !outcome.passed { throw ExitCode(1) }
    }
}
