import ArgumentParser
import Foundation
import Logging
import SignpostOps
import SignpostRuntime
import SignpostTopics
import UnixSignals

@main
struct Signpost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signpost",
        abstract: "Operate Signpost: the embedded broker, topics, simulated contacts, and the demo.",
        discussion: """
        Commands find the broker from --bootstrap, else SIGNPOST_BOOTSTRAP_SERVERS, else the
        .signpost/broker.env file that `signpost broker` writes, else localhost:9092. They find the
        topic catalogue from SIGNPOST_TOPICS_DIR, else topics/ in or above the working directory.

        Examples:
          signpost demo
          signpost broker &            # then start the services in other terminals
          signpost publish --count 200 --rate 50
          signpost tail referral.highways.issued.v1
          signpost topics apply --bootstrap kafka:9092
        """,
        subcommands: [Broker.self, Topics.self, Publish.self, Tail.self, Demo.self, Relay.self, Bench.self, Chaos.self, Fuzz.self, Stats.self, Report.self, CodecBench.self, Audit.self, Rights.self, Retention.self, Triage.self]
    )
}

/// Options every broker-facing command shares.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap servers, e.g. localhost:9092.")
    var bootstrap: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "warning"

    var configuration: ServiceConfiguration {
        var config = ServiceConfiguration(serviceName: "signpost")
        if let bootstrap { config.bootstrapServers = bootstrap }
        return config
    }

    func logger() -> Logger {
        var logger = Logger(label: "signpost")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        return logger
    }
}

func loadCatalogue() throws -> TopicCatalogue {
    do {
        return try TopicCatalogue.loadDefault()
    } catch {
        throw ValidationError(error.description)
    }
}

/// For commands that start service processes: on SIGINT or SIGTERM, stop every one of them
/// (SIGTERM, then SIGKILL after a grace period) and exit 130, so none is left running.
func stopChildrenOnInterrupt() {
    Task.detached {
        _ = await waitForTerminationSignal()
        FileHandle.standardError.write(Data("interrupted: stopping the service processes\n".utf8))
        ServiceFleet.stopEveryChild()
        exit(130)
    }
}

/// Waits for SIGINT or SIGTERM and returns its name.
func waitForTerminationSignal() async -> String {
    for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
        return "\(signal)"
    }
    return "end of signals"
}
