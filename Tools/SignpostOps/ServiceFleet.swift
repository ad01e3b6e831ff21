import Foundation
import Synchronization

/// The five services as separate processes, started from their executables.
public final class ServiceFleet: Sendable {
    /// The services of the pipeline, in flow order.
    public static let serviceNames = ["intake", "classifier", "redactor", "referral", "survey"]
    /// The service that folds the performance stream into the aggregate topic (not one of the five pipeline stages).
    public static let analyticsService = "analytics"

    public struct Instance: Sendable {
        public var service: String
        public var index: Int
        public var pid: Int32
        public var logFile: URL
    }

    private let binDirectory: URL
    private let environment: [String: String]
    private let logDirectory: URL
    // Foundation's Process is not Sendable; every access goes through this lock.
    private let processes = Mutex<[String: Process]>([:])

    /// - Parameters:
    ///   - binDirectory: where the service executables are (``defaultBinDirectory()``).
    ///   - environment: added to this process's environment for every service.
    ///   - logDirectory: each instance writes its log to `<service>-<index>.log` here.
    public init(binDirectory: URL, environment: [String: String], logDirectory: URL) {
        self.binDirectory = binDirectory
        self.environment = environment
        self.logDirectory = logDirectory
    }

    /// `SIGNPOST_BIN_DIR`, else the folder of the running executable (where SwiftPM puts them all).
    public static func defaultBinDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["SIGNPOST_BIN_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `environment` with the classifier's second opinion turned off, unless this process's own
    /// environment sets `SIGNPOST_SECOND_OPINION`. For load runs (`bench`, `chaos`): at about 0.1 s a
    /// doubtful enquiry the encoder, not Kafka, would set their pace; its rate is measured on its own
    /// by `classifier bench --second-opinion` (docs/classification.md).
    public static func fastPath(_ environment: [String: String]) -> [String: String] {
        guard ProcessInfo.processInfo.environment["SIGNPOST_SECOND_OPINION"] == nil else { return environment }
        return environment.merging(["SIGNPOST_SECOND_OPINION": "off"]) { $1 }
    }

    /// Starts one instance of a service, with `extraEnvironment` on top of the fleet's environment.
    @discardableResult
    public func start(_ service: String, index: Int = 0, extraEnvironment: [String: String] = [:]) throws(OpsError) -> Instance {
        let executable = binDirectory.appendingPathComponent(service)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw OpsError("no executable \(executable.path)", remedy: "run `swift build` first, or set SIGNPOST_BIN_DIR to the folder of the service executables")
        }
        let logFile = logDirectory.appendingPathComponent("\(service)-\(index).log")
        var env = environment.merging(extraEnvironment) { $1 }
        env["SIGNPOST_CLIENT_ID"] = "\(service)-\(index)"
        let process = try spawnProcess(name: service, executable: executable, arguments: [], environment: env, logFile: logFile)
        let pid = process.processIdentifier
        processes.withLock { $0["\(service)-\(index)"] = process }
        Self.children.withLock { _ = $0.insert(pid) }
        return Instance(service: service, index: index, pid: pid, logFile: logFile)
    }

    /// Instances that have exited, with their exit status.
    public func exited() -> [String: Int32] {
        processes.withLock { all in
            var out: [String: Int32] = [:]
            for (name, p) in all where !p.isRunning { out[name] = p.terminationStatus }
            return out
        }
    }

    /// Every process any fleet of this program started, so that an interrupted tool can stop them.
    private static let children = Mutex<Set<Int32>>([])

    /// Sends SIGTERM to every service process this program started, waits up to `grace` for
    /// them to exit, then kills what is left. For a tool interrupted with Ctrl-C, so that no
    /// service is left running against a broker that is about to disappear.
    public static func stopEveryChild(grace: Duration = .seconds(10)) {
        let pids = children.withLock { $0 }
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, pids.contains(where: { kill($0, 0) == 0 && !isZombie($0) }) {
            usleep(50_000)
        }
        for pid in pids { kill(pid, SIGKILL) }
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    /// The running instances' names (`<service>-<index>`) and process ids.
    public func running() -> [String: Int32] {
        processes.withLock { all in
            var out: [String: Int32] = [:]
            for (name, p) in all where p.isRunning { out[name] = p.processIdentifier }
            return out
        }
    }

    /// Kills an instance with SIGKILL (no chance to commit or leave its group) and waits for it to die.
    public func kill9(_ name: String) {
        let process = processes.withLock { $0[name] }
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM to an instance and waits up to `limit` for it to exit; after that it is killed.
    /// Returns its exit status (nil when it had to be killed) and how long it took.
    public func terminate(_ name: String, limit: Duration) async -> (status: Int32?, took: Duration) {
        let started = ContinuousClock.now
        let process = processes.withLock { $0[name] }
        guard let process, process.isRunning else { return (nil, .zero) }
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning, ContinuousClock.now - started < limit {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (nil, ContinuousClock.now - started)
        }
        return (process.terminationStatus, ContinuousClock.now - started)
    }

    /// Starts an instance again under the same name (after it exited or was killed).
    @discardableResult
    public func restart(_ name: String) throws(OpsError) -> Instance {
        guard let dash = name.lastIndex(of: "-"), let index = Int(name[name.index(after: dash)...]) else {
            throw OpsError("'\(name)' is not an instance name", remedy: "use <service>-<index>, e.g. referral-1")
        }
        return try start(String(name[..<dash]), index: index)
    }

    /// Sends a signal to one instance.
    public func signal(_ name: String, _ signal: Int32) {
        processes.withLock { all in
            if let p = all[name], p.isRunning { kill(p.processIdentifier, signal) }
        }
    }

    /// Sends SIGTERM to every instance and waits up to `timeout` for each to exit; those still
    /// running then get SIGKILL. Returns each instance's exit status (nil: had to be killed).
    public func stopAll(timeout: Duration = .seconds(30)) async -> [String: Int32?] {
        let all = processes.withLock { $0 }
        for p in all.values where p.isRunning { kill(p.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, all.values.contains(where: \.isRunning) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        var out: [String: Int32?] = [:]
        for (name, p) in all {
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                out[name] = .some(nil)
            } else {
                out[name] = p.terminationStatus
            }
        }
        processes.withLock { $0.removeAll() }
        return out
    }
}

/// Starts `executable` with this process's environment plus `environment`, standard output and
/// error appended to `logFile` (created with its folder when missing), no standard input.
func spawnProcess(name: String, executable: URL, arguments: [String], environment: [String: String], logFile: URL) throws(OpsError) -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    do {
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: logFile)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    } catch {
        throw OpsError("cannot start \(name): \(error.localizedDescription)", remedy: "check \(logFile.path)")
    }
    return process
}

/// An operation that could not be done, and what to do about it.
public struct OpsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var remedy: String

    public init(_ message: String, remedy: String) {
        self.message = message
        self.remedy = remedy
    }

    public var description: String { "\(message) — \(remedy)" }
}
