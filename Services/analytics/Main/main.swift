// The `analytics` service: folds the performance stream into per-hour aggregates and
// republishes the changed ones every minute (SIGNPOST_AGGREGATE_INTERVAL_SECONDS) on the
// compacted aggregate topic. SIGTERM or SIGINT stop it gracefully after a last publication.
import Foundation
import SignpostRuntime

let environment = ProcessInfo.processInfo.environment
let seconds = environment["SIGNPOST_AGGREGATE_INTERVAL_SECONDS"].flatMap(Double.init) ?? 60

await ServiceMain.run(serviceName: "analytics", environment: environment) { configuration, catalogue, logger in
    guard seconds > 0, seconds.isFinite else {
        throw ConfigurationError("SIGNPOST_AGGREGATE_INTERVAL_SECONDS must be a positive number of seconds, not '\(environment["SIGNPOST_AGGREGATE_INTERVAL_SECONDS"] ?? "")'")
    }
    return try AnalyticsService(configuration: configuration, catalogue: catalogue, interval: .milliseconds(Int64(seconds * 1000)), logger: logger)
}
