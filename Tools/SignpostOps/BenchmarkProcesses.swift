import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// CPU time and peak resident memory of one process, read from Linux's `/proc`.
public struct ProcessUsage: Sendable, Hashable {
    /// User plus system CPU time (`utime + stime` of `/proc/<pid>/stat`, divided by `CLK_TCK`).
    public var cpuSeconds: Double
    /// Peak resident set size (`VmHWM` of `/proc/<pid>/status`), in bytes.
    public var peakRSSBytes: Int64

    /// Creates a usage record.
    public init(cpuSeconds: Double, peakRSSBytes: Int64) {
        self.cpuSeconds = cpuSeconds
        self.peakRSSBytes = peakRSSBytes
    }

    /// Peak RSS in MB (10^6 bytes).
    public var peakRSSMegabytes: Double { Double(peakRSSBytes) / 1_000_000 }

    /// Reads a live process's usage; nil when the process is gone or `/proc` is unreadable.
    public static func read(pid: Int32) -> ProcessUsage? {
        read(statPath: "/proc/\(pid)/stat", statusPath: "/proc/\(pid)/status")
    }

    /// Reads this process's own usage.
    public static func current() -> ProcessUsage? {
        read(statPath: "/proc/self/stat", statusPath: "/proc/self/status")
    }

    private static func read(statPath: String, statusPath: String) -> ProcessUsage? {
        guard let stat = readProcFile(statPath), let status = readProcFile(statusPath) else { return nil }
        // The command name (field 2) is in parentheses and may hold spaces: fields are counted after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ')': field 3 (state) is fields[0], so utime (14) is fields[11] and stime (15) fields[12].
        guard fields.count > 12, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var hwm: Int64 = 0
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int64($0) } ?? 0
            hwm = kilobytes * 1024
        }
        return ProcessUsage(cpuSeconds: (utime + stime) / (ticks > 0 ? ticks : 100), peakRSSBytes: hwm)
    }

    /// `/proc` files report a size of 0, so read until end of file rather than trusting `stat`.
    private static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Processes the benchmark starts with arguments (the relay hops), each logging to its own file.
///
/// ``ServiceFleet`` starts the services, which take no arguments; a relay needs `--in`, `--out`
/// and `--group`, so the benchmark starts its hops through this small launcher instead.
final class BenchmarkProcessGroup: Sendable {
    // Foundation's Process is not Sendable; every access goes through this lock.
    private let processes = Mutex<[(name: String, process: Process)]>([])

    /// Starts `executable` with `arguments`, this process's environment plus `environment`, and
    /// its output appended to `logFile`.
    func start(name: String, executable: URL, arguments: [String], environment: [String: String], logFile: URL) throws(OpsError) {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw OpsError("no executable \(executable.path)", remedy: "run `swift build -c release` first, or pass --bin-dir with the folder of the signpost executable")
        }
        let process = try spawnProcess(name: name, executable: executable, arguments: arguments, environment: environment, logFile: logFile)
        processes.withLock { $0.append((name: name, process: process)) }
    }

    /// The running processes' names and pids, in start order.
    func running() -> [(name: String, pid: Int32)] {
        processes.withLock { all in
            all.filter { $0.process.isRunning }.map { (name: $0.name, pid: $0.process.processIdentifier) }
        }
    }

    /// Processes that have exited, with their exit status.
    func exited() -> [String: Int32] {
        processes.withLock { all in
            var out: [String: Int32] = [:]
            for entry in all where !entry.process.isRunning { out[entry.name] = entry.process.terminationStatus }
            return out
        }
    }

    /// SIGTERM to every process, then SIGKILL to those still running after `timeout`.
    /// Returns each process's exit status (nil: it had to be killed).
    func stopAll(timeout: Duration) async -> [String: Int32?] {
        let pids = processes.withLock { all in all.map { (name: $0.name, pid: $0.process.processIdentifier) } }
        let runningNow = Set(running().map(\.pid))
        for entry in pids where runningNow.contains(entry.pid) { kill(entry.pid, SIGTERM) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !running().isEmpty {
            try? await Task.sleep(for: .milliseconds(100))
        }
        let killed = Set(running().map(\.name))
        for entry in running() { kill(entry.pid, SIGKILL) }
        while !running().isEmpty { try? await Task.sleep(for: .milliseconds(20)) }
        let statuses = exited()
        var out: [String: Int32?] = [:]
        for entry in pids {
            out[entry.name] = killed.contains(entry.name) ? .some(nil) : statuses[entry.name]
        }
        processes.withLock { $0.removeAll() }
        return out
    }
}
