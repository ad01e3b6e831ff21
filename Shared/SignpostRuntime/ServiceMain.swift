import Foundation
import Logging
import ServiceLifecycle
import SignpostEvents
import SignpostKafka
import SignpostTopics

/// Runs a service until SIGTERM or SIGINT: what every service's `main` calls.
public enum ServiceMain {
    /// Runs a decider in the shared consume-decide-produce pipeline (``PipelineService``).
    /// Exits 78 on a configuration error, 1 on a failure, 0 after a graceful stop.
    public static func run<D: Decider>(_ decider: D, environment: [String: String] = ProcessInfo.processInfo.environment) async -> Never {
        await run(serviceName: D.serviceName, environment: environment) { configuration, catalogue, logger in
            try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
        }
    }

    /// Configures logging from the environment, loads the topic catalogue, builds the service
    /// with `makeService` and runs it under a service group with graceful shutdown on SIGTERM
    /// and SIGINT. Exits 78 when the configuration or catalogue is wrong (or `makeService`
    /// throws), 1 when the service fails, 0 after a graceful stop.
    public static func run(
        serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        makeService: (ServiceConfiguration, TopicCatalogue, Logger) throws -> any Service
    ) async -> Never {
        let configuration = ServiceConfiguration(serviceName: serviceName, environment: environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let logger = Logger(label: "signpost.\(serviceName)")
        let service: any Service
        do {
            let catalogue = try TopicCatalogue.loadDefault(environment: environment)
            service = try makeService(configuration, catalogue, logger)
        } catch {
            logger.critical("cannot start: \(error)")
            exit(78)
        }
        // What building the service allocated and freed (a model parsed, tables built) goes back
        // to the system before the Kafka clients start, instead of staying in the peak RSS.
        ProcessMemory.releaseFreedHeap()
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
