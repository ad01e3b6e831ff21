import Foundation
import Logging
import ServiceLifecycle
import SignpostEvents
import SignpostTopics

/// Runs a decider as a Kafka service until SIGTERM or SIGINT: what every service's `main` calls.
public enum ServiceMain {
    /// Configures logging from the environment, loads the topic catalogue, and runs the
    /// pipeline under a service group. Exits 78 on a configuration error, 1 on a failure.
    public static func run<D: Decider>(_ decider: D, environment: [String: String] = ProcessInfo.processInfo.environment) async -> Never {
        let configuration = ServiceConfiguration(serviceName: D.serviceName, environment: environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let logger = Logger(label: "signpost.\(D.serviceName)")
        let service: PipelineService<D>
        do {
            let catalogue = try TopicCatalogue.loadDefault(environment: environment)
            service = try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
        } catch {
            logger.critical("cannot start: \(error)")
            exit(78)
        }
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
            exit(0)
        } catch {
            logger.critical("stopped on error: \(error)")
            exit(1)
        }
    }
}
