import ArgumentParser
import Foundation
import Logging
import SignpostOps
import SignpostRuntime

struct Broker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Host the embedded broker (librdkafka's mock cluster) until interrupted.",
        discussion: """
        Memory only, for development, demos and tests: stopping it loses every topic and offset,
        so stop the services first and restart everything together. It creates every topic of
        the catalogue itself and writes its address to .signpost/broker.env, where the services
        and the other commands find it.

        Examples:
          signpost broker
          signpost broker --partitions 6 --state-dir /tmp/signpost
        """
    )

    @Option(help: "Partitions for every topic, instead of each topic's own count.")
    var partitions: Int32?

    @Option(name: .customLong("state-dir"), help: "Where to write broker.env (default: SIGNPOST_STATE_DIR or .signpost).")
    var stateDirectory: String?

    @Option(name: .customLong("log-level"), help: "Log level of the broker's client.")
    var logLevel: String = "warning"

    func run() async throws {
        var logger = Logger(label: "signpost.broker")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let catalogue = try loadCatalogue()
        let state = stateDirectory.map { URL(fileURLWithPath: $0) } ?? ServiceConfiguration.stateDirectory()
        let host = try BrokerHost(catalogue: catalogue, partitions: partitions, stateDirectory: state, logger: logger)
        print("embedded broker (memory only) listening at \(host.bootstrapServers)")
        print("created \(catalogue.topics.count) topics; address written to \(state.appendingPathComponent("broker.env").path)")
        print("bootstrap: \(host.bootstrapServers)")
        print("press Ctrl-C to stop")
        fflush(nil)
        let signal = await waitForTerminationSignal()
        host.stop()
        print("stopped on signal \(signal); all topics and offsets are gone")
    }
}
