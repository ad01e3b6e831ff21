import ArgumentParser
import Foundation
import SignpostOps

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish simulated phone, email, web-form and bot contacts, as channel adapters would.",
        discussion: """
        The contacts are realistic enquiries about every service, from residents of every
        Worcestershire district, with a share of malformed records that intake must dead-letter.
        The same seed gives the same contacts.

        Examples:
          signpost publish --count 500
          signpost publish --count 10000 --rate 200 --malformed-share 0.1 --seed 7
        """
    )
    @OptionGroup var connection: ConnectionOptions

    @Option(help: "How many contacts.")
    var count: Int = 100

    @Option(help: "Contacts per second (0: as fast as the broker takes them).")
    var rate: Double = 50

    @Option(name: .customLong("malformed-share"), help: "Share of malformed contacts, 0 to 1.")
    var malformedShare: Double = 0.05

    @Option(help: "Seed of the simulator.")
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970)

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
        guard (0...1).contains(malformedShare) else { throw ValidationError("--malformed-share must be between 0 and 1") }
        guard rate >= 0 else { throw ValidationError("--rate must not be negative") }
    }

    func run() async throws {
        let catalogue = try loadCatalogue()
        let contacts = ContactSimulator(seed: seed, malformedShare: malformedShare).contacts(count: count)
        let publisher = try ContactPublisher(bootstrapServers: connection.configuration.bootstrapServers, catalogue: catalogue, logger: connection.logger())
        let malformed = contacts.filter { !$0.isValid }.count
        print("publishing \(count) contacts (\(malformed) malformed) to \(publisher.topic) at \(rate > 0 ? "\(Int(rate))/s" : "full speed")")
        let started = ContinuousClock.now
        try await publisher.publish(contacts, ratePerSecond: rate) { sent in
            print("  sent \(sent)/\(contacts.count)")
        }
        print("published \(count) contacts in \(ContinuousClock.now - started); every delivery acknowledged")
    }
}
