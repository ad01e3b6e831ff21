import Foundation
import Logging

/// How a service finds Kafka and itself, read from the environment with sane defaults.
///
/// | variable | default |
/// |---|---|
/// | `SIGNPOST_BOOTSTRAP_SERVERS` | the embedded broker's address from `.signpost/broker.env`, else `localhost:9092` |
/// | `SIGNPOST_GROUP_ID` | the service name |
/// | `SIGNPOST_CLIENT_ID` | `<service>-<host>-<pid>` |
/// | `SIGNPOST_TOPICS_DIR` | `topics/` in or above the working directory or the executable |
/// | `SIGNPOST_FETCH_WAIT_MS` | librdkafka's default (500); the embedded broker asks for 10 |
/// | `SIGNPOST_PSEUDONYM_KEY` | a development key, with a warning |
/// | `SIGNPOST_LOG_LEVEL` | `info` |
/// | `SIGNPOST_HEALTH_FILE` | none: when set, touched every few seconds while the service is healthy |
/// | `SIGNPOST_LEDGER_HOURS` | 168: how far back a service reads its own outputs to avoid repeating them |
/// | `SIGNPOST_STATE_DIR` | `.signpost` in the working directory: where `signpost broker` writes `broker.env` |
/// | `SIGNPOST_MEMORY_TRIM_MS` | 1000: how often freed heap memory goes back to the system; 0 never |
public struct ServiceConfiguration: Sendable {
    public var serviceName: String
    public var bootstrapServers: String
    public var groupID: String
    public var clientID: String
    public var fetchWaitMaxMilliseconds: Int?
    public var pseudonymKey: String
    public var usesDevelopmentPseudonymKey: Bool
    public var logLevel: Logger.Level
    public var healthFile: String?
    /// How far back the output ledger reads the service's own outputs, in seconds
    /// (`SIGNPOST_LEDGER_HOURS`, default 168): a record redelivered after longer is processed again.
    public var ledgerWindow: TimeInterval
    /// How often the service gives freed heap memory back to the system (`SIGNPOST_MEMORY_TRIM_MS`,
    /// default 1000; 0 or less: never). See ``ProcessMemory/releaseFreedHeap()``.
    public var memoryTrimInterval: Duration?
    /// Extra librdkafka properties: `SIGNPOST_KAFKA_<PROPERTY>` with `_` for `.`, e.g. `SIGNPOST_KAFKA_SECURITY_PROTOCOL=ssl`.
    public var kafkaProperties: [String: String]

    /// The most fetched input, in kilobytes, that a service's input consumer holds before the
    /// service reads it (`queued.max.messages.kbytes`; librdkafka's default is 64 MB).
    ///
    /// Under a backlog librdkafka fetches ahead until this is full, so it bounds the memory a
    /// backlog costs; the rest waits on the broker. Past it, librdkafka 2.0.2 waits up to a second
    /// before fetching again, so one consumer reads at most about this much per second: 4 MB is
    /// 2,000 to 5,000 records a second, above what one service instance handles; raise it with
    /// `SIGNPOST_KAFKA_QUEUED_MAX_MESSAGES_KBYTES` for an instance that handles more.
    public static let consumerQueueKilobytes = 4096

    /// The most one fetch brings (`fetch.max.bytes`, 2 MB; librdkafka's default is 50 MB) and per
    /// partition (`max.partition.fetch.bytes`, 256 KB): a fetch response is held in memory until
    /// its last record is read, and the queue limit is only checked before a fetch, so large
    /// responses would overshoot it. A larger record is still fetched whole.
    static let fetchLimits = ["fetch.max.bytes": "2097152", "max.partition.fetch.bytes": "262144"]

    /// librdkafka properties for the service's input consumer: ``consumerQueueKilobytes`` and the
    /// fetch limits, then ``kafkaProperties``, which win.
    public var consumerProperties: [String: String] {
        Self.fetchLimits.merging(["queued.max.messages.kbytes": String(Self.consumerQueueKilobytes)]) { a, _ in a }
            .merging(kafkaProperties) { _, explicit in explicit }
    }

    /// librdkafka properties for the readers of whole topics (the output ledger, the subject-rights
    /// view, analytics): the fetch limits, then ``kafkaProperties``. No queue limit, so a catch-up
    /// reads as fast as the broker sends.
    public var readerProperties: [String: String] {
        Self.fetchLimits.merging(kafkaProperties) { _, explicit in explicit }
    }

    static let developmentPseudonymKey = "signpost-development-pseudonym-key"

    /// Reads the configuration; `environment` wins over the embedded broker's `broker.env`.
    public init(serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let env = Self.brokerEnvironment(environment).merging(environment) { _, explicit in explicit }
        self.serviceName = serviceName
        bootstrapServers = env["SIGNPOST_BOOTSTRAP_SERVERS"].nonEmpty ?? "localhost:9092"
        groupID = env["SIGNPOST_GROUP_ID"].nonEmpty ?? serviceName
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        clientID = env["SIGNPOST_CLIENT_ID"].nonEmpty ?? "\(serviceName)-\(host)-\(ProcessInfo.processInfo.processIdentifier)"
        fetchWaitMaxMilliseconds = env["SIGNPOST_FETCH_WAIT_MS"].flatMap { Int($0) }
        if let key = env["SIGNPOST_PSEUDONYM_KEY"].nonEmpty {
            pseudonymKey = key
            usesDevelopmentPseudonymKey = false
        } else {
            pseudonymKey = Self.developmentPseudonymKey
            usesDevelopmentPseudonymKey = true
        }
        logLevel = env["SIGNPOST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        healthFile = env["SIGNPOST_HEALTH_FILE"].nonEmpty
        ledgerWindow = (env["SIGNPOST_LEDGER_HOURS"].flatMap { Double($0) } ?? 168) * 3600
        let trimMilliseconds = env["SIGNPOST_MEMORY_TRIM_MS"].flatMap { Int($0) } ?? 1000
        memoryTrimInterval = trimMilliseconds > 0 ? .milliseconds(trimMilliseconds) : nil
        var props: [String: String] = [:]
        for (key, value) in env where key.hasPrefix("SIGNPOST_KAFKA_") {
            props[key.dropFirst("SIGNPOST_KAFKA_".count).lowercased().replacingOccurrences(of: "_", with: ".")] = value
        }
        kafkaProperties = props
    }

    /// The folder where `signpost broker` writes `broker.env`.
    public static func stateDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: environment["SIGNPOST_STATE_DIR"].nonEmpty ?? ".signpost")
    }

    /// `KEY=VALUE` lines of `broker.env`, if the embedded broker wrote one.
    static func brokerEnvironment(_ environment: [String: String]) -> [String: String] {
        let file = stateDirectory(environment).appendingPathComponent("broker.env")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
        }
        return out
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        switch self {
        case .some(let s) where !s.isEmpty: s
        default: nil
        }
    }
}

/// A setting in the environment that a service cannot run with; the message names the variable and what it must be.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
