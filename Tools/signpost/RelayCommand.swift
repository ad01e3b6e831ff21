import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SignpostOps

struct Relay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy one topic to another unchanged, as a service would but with no work, until SIGTERM or SIGINT.",
        discussion: """
        Re-produces key, value and headers unchanged, with the services' Kafka wrapper, client
        settings and commit discipline (offsets committed only after the copy is acknowledged).
        Chained, relays measure what the broker and the client alone can carry; `signpost bench`
        runs five of them beside the pipeline. With --copy, every message is also copied to
        each further topic, so that a relay writes as many records per input as a service.

        Examples:
          signpost relay --in bench.hop.0.v1 --out bench.hop.1.v1 --group relay-1
          signpost relay --bootstrap kafka:9092 --in a.b.c.v1 --out a.b.d.v1 --group copier
          signpost relay --in bench.hop.0.v1 --out bench.hop.1.v1 --copy bench.side.1.v1 --group relay-1
        """
    )
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("in"), help: "The topic to consume.")
    var input: String

    @Option(name: .customLong("out"), help: "The topic to produce to.")
    var output: String

    @Option(name: .customLong("copy"), help: "A further topic to copy every message to (repeatable).")
    var copies: [String] = []

    @Option(help: "The consumer group.")
    var group: String

    func validate() throws {
        guard input != output else { throw ValidationError("--in and --out must differ") }
        guard !copies.contains(input) else { throw ValidationError("--copy must not name the --in topic: the relay would read its own copies") }
        guard Set([output] + copies).count == copies.count + 1 else { throw ValidationError("--out and every --copy must name different topics") }
    }

    func run() async throws {
        let config = connection.configuration
        var logger = connection.logger()
        logger[metadataKey: "relay"] = "\(input)->\(output)"
        let relay = RelayService(
            bootstrapServers: config.bootstrapServers, input: input, output: output, copies: copies, group: group,
            clientID: "relay-\(group)-\(ProcessInfo.processInfo.processIdentifier)", fetchWaitMilliseconds: config.fetchWaitMaxMilliseconds,
            kafkaProperties: config.kafkaProperties, logger: logger
        )
        let serviceGroup = ServiceGroup(services: [relay], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await serviceGroup.run()
    }
}
