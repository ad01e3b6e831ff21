import ArgumentParser
import Foundation
import Logging
import SignpostOps

struct Chaos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crash test: kill -9 random service instances while contacts flow, then check nothing was lost or duplicated.",
        discussion: """
        Runs the embedded broker with at least 6 partitions per topic and two instances of every
        service, publishes contacts at a steady rate, and meanwhile kills a random instance with
        SIGKILL and restarts it, again and again. At the end every contact must have exactly one
        referral or triage record and a status trail with each step exactly once. The last line is
        `chaos: contacts=N kills=N lost=N duplicated=N broken_trails=N`; the exit status is 1 on
        any loss or duplicate.

        Examples:
          signpost chaos
          signpost chaos --seconds 200 --rate 100 --kill-every 8     # 20,000 contacts, about 25 kills
          signpost chaos --signal term --seconds 60 --kill-every 10  # graceful stops of each service in turn
        """
    )

    @Option(help: "Seconds of publishing.")
    var seconds: Int = 180

    @Option(help: "Contacts per second.")
    var rate: Double = 100

    @Option(name: .customLong("kill-every"), help: "Seconds between kills.")
    var killEvery: Int = 8

    @Option(name: .customLong("min-kills"), help: "Kills to make at least, going on after publishing ends if needed.")
    var minKills: Int = 0

    @Option(help: "kill (SIGKILL, a crash) or term (SIGTERM, a graceful stop that must exit 0 and lose nothing).")
    var signal: String = "kill"

    @Option(help: "Partitions of every topic (at least 6).")
    var partitions: Int32 = 12

    @Option(help: "Seconds to wait, after publishing, for every contact to come through.")
    var settle: Int = 300

    @Option(help: "Seed for the contacts and the choice of victims.")
    var seed: UInt64 = 1

    @Option(name: .customLong("state-dir"), help: "Where broker.env and the service logs go.")
    var stateDirectory: String = ".signpost/chaos"

    func validate() throws {
        guard seconds > 0, rate > 0, killEvery > 0 else { throw ValidationError("--seconds, --rate and --kill-every must be positive") }
        guard minKills >= 0 else { throw ValidationError("--min-kills must not be negative") }
        guard ChaosSignal(rawValue: signal) != nil else { throw ValidationError("--signal must be kill or term") }
    }

    func run() async throws {
        stopChildrenOnInterrupt()
        var logger = Logger(label: "signpost.chaos")
        logger.logLevel = .error
        var options = ChaosOptions(stateDirectory: URL(fileURLWithPath: stateDirectory), binDirectory: ServiceFleet.defaultBinDirectory())
        options.duration = .seconds(seconds)
        options.ratePerSecond = rate
        options.killInterval = .seconds(killEvery)
        options.minimumKills = minKills
        options.partitions = partitions
        options.seed = seed
        options.settleTimeout = .seconds(settle)
        options.signal = ChaosSignal(rawValue: signal) ?? .kill
        let outcome = try await ChaosRun(options: options, catalogue: try loadCatalogue(), logger: logger).run { line in
            print("chaos: \(line)")
            fflush(nil)
        }
        print("")
        print("  contacts published     \(outcome.contactsPublished)")
        print("  referred / triaged     \(outcome.tally.referred) / \(outcome.tally.triaged)")
        print("  \(options.signal == .kill ? "kills survived        " : "graceful stops        ") \(outcome.kills.count)")
        for stop in outcome.gracefulStops {
            print("    \(stop.instance.padding(toLength: 14, withPad: " ", startingAt: 0)) exit \(stop.exitStatus.map(String.init) ?? "none (killed)") after \(stop.took.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))")
        }
        print("  all accounted for      \(outcome.complete ? "yes" : "NO")")
        print("  lost                   \(outcome.lost.count)\(outcome.lost.isEmpty ? "" : " e.g. \(outcome.lost.prefix(5))")")
        print("  duplicated             \(outcome.duplicated.count)\(outcome.duplicated.isEmpty ? "" : " e.g. \(outcome.duplicated.prefix(5))")")
        print("  broken status trails   \(outcome.brokenTrails.count)\(outcome.brokenTrails.isEmpty ? "" : " e.g. \(outcome.brokenTrails.prefix(5))")")
        print("  elapsed                \(outcome.elapsed)")
        for id in outcome.duplicated.prefix(5) {
            print("  duplicate \(id): \(outcome.tally.referralInputs[id] ?? [])")
        }
        print(outcome.summaryLine)
        if !outcome.passed { throw ExitCode(1) }
    }
}
