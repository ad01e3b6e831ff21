import Foundation

/// What the benchmark measures: the five-service pipeline, or five pass-through relay hops.
public enum BenchmarkSubject: String, Sendable, CaseIterable {
    /// Contacts topic → intake → classifier → redactor → referral → referral topics (survey running too).
    case pipeline
    /// Contacts topic → five `signpost relay` hops → the last hop's topic.
    case relay
    /// The relay chain with each hop also copying every message to further topics, so that it
    /// writes as many records per contact as the pipeline (``BenchmarkOptions/skeletonRecords``):
    /// the pipeline's Kafka traffic with none of its work.
    case skeleton

    /// The subject's column heading.
    var heading: String {
        switch self {
        case .pipeline: "pipeline (5 services)"
        case .relay: "relay (5 hops)"
        case .skeleton: "skeleton (5 hops, copies)"
        }
    }
}

/// The two measurements of a subject.
public enum BenchmarkPhaseKind: String, Sendable {
    /// A preloaded backlog, processed as fast as the chain can: maximum sustained throughput.
    case backlog
    /// Contacts published at a fixed rate: latency percentiles.
    case fixedRate = "fixed rate"
}

/// Latency percentiles, in milliseconds (nearest rank).
public struct LatencySummary: Sendable, Hashable {
    public var count: Int
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double

    /// Summarises `milliseconds` (nil when empty).
    public init?(milliseconds: [Double]) {
        guard !milliseconds.isEmpty else { return nil }
        let sorted = milliseconds.sorted()
        func rank(_ p: Double) -> Double { sorted[Swift.max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        count = sorted.count
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = sorted[sorted.count - 1]
    }
}

/// CPU and memory of one measured process in one phase.
public struct ProcessUsageRow: Sendable, Hashable {
    /// `intake-0`, …, or `relay-1`, …
    public var name: String
    public var usage: ProcessUsage
}

/// One phase of one subject: what went in, what came out, how fast, and at what cost.
public struct BenchmarkPhase: Sendable {
    public var subject: BenchmarkSubject
    public var kind: BenchmarkPhaseKind
    /// Contacts published for the measurement (warm-up contacts excluded).
    public var expected: Int
    /// Distinct contacts whose output arrived.
    public var arrived: Int
    /// Output records beyond the first for a contact (harmless repeats; zero expected here).
    public var duplicates: Int
    /// Output records the collector could not decode.
    public var undecodable: Int
    /// Contacts per second from the first output to the last (backlog phase).
    public var throughput: Double?
    /// Seconds from the first output to the last.
    public var outputWindowSeconds: Double
    /// Latency of every measured contact: output timestamp − `received_at`.
    public var latency: LatencySummary?
    /// Latency as the benchmark consumed the output (its own clock) − `received_at`; for comparison.
    public var consumedLatency: LatencySummary?
    /// The publishing rate achieved (fixed-rate phase).
    public var achievedRate: Double?
    /// Each measured process, read just before it was stopped.
    public var processes: [ProcessUsageRow]
    /// CPU seconds of the benchmark's own process (embedded broker, publisher, collector) during the phase.
    public var hostCPUSeconds: Double
    /// Exit status of each process after SIGTERM (nil: it had to be killed).
    public var exitStatuses: [String: Int32?]
    /// Processes that exited before the measurement ended.
    public var earlyExits: [String: Int32]
    /// Output records the collector's live read missed and a second read from the start found
    /// (the contacts were delivered; their consumed times are the second read's).
    public var recoveredByReread = 0

    /// Every contact arrived, no process died early, every process exited 0.
    public var complete: Bool {
        arrived == expected && earlyExits.isEmpty && exitStatuses.values.allSatisfy { $0 == 0 }
    }
}

/// A subject's two phases.
public struct BenchmarkSubjectResult: Sendable {
    public var subject: BenchmarkSubject
    public var backlog: BenchmarkPhase
    public var fixedRate: BenchmarkPhase

    /// CPU per backlog contact of the processes and the bench host (the embedded broker and the
    /// collector) together, in milliseconds: what one contact costs this machine, whatever the
    /// output window.
    public var cpuMillisecondsPerContact: Double? {
        guard backlog.expected > 0 else { return nil }
        let processes = backlog.processes.reduce(0) { $0 + $1.usage.cpuSeconds }
        return (processes + backlog.hostCPUSeconds) * 1000 / Double(backlog.expected)
    }
}

/// The whole benchmark, and how to print it.
public struct BenchmarkReport: Sendable {
    public var options: BenchmarkOptions
    /// The pipeline (nil with `--skip-pipeline`).
    public var pipeline: BenchmarkSubjectResult?
    public var relay: BenchmarkSubjectResult?
    /// The relay chain writing the pipeline's records (measured with `--skeleton`).
    public var skeleton: BenchmarkSubjectResult?

    /// The targets.
    public static let throughputRatioTarget = 0.5
    public static let p99RatioTarget = 3.0
    public static let peakRSSTargetMegabytes = 64.0
    /// A backlog output window shorter than this gives only a rough rate.
    public static let shortWindowSeconds = 10.0

    /// Every phase complete (every contact arrived, clean exits).
    public var complete: Bool {
        [pipeline?.backlog, pipeline?.fixedRate, relay?.backlog, relay?.fixedRate, skeleton?.backlog, skeleton?.fixedRate]
            .compactMap { $0 }.allSatisfy(\.complete)
    }

    /// Pipeline throughput / relay throughput.
    public var throughputRatio: Double? {
        guard let p = pipeline?.backlog.throughput, let r = relay?.backlog.throughput, r > 0 else { return nil }
        return p / r
    }

    /// Skeleton throughput / relay throughput: the most a pipeline writing the same records could reach.
    public var skeletonThroughputRatio: Double? {
        guard let s = skeleton?.backlog.throughput, let r = relay?.backlog.throughput, r > 0 else { return nil }
        return s / r
    }

    /// Pipeline p99 / relay p99 at the fixed rate.
    public var p99Ratio: Double? {
        guard let p = pipeline?.fixedRate.latency?.p99, let r = relay?.fixedRate.latency?.p99, r > 0 else { return nil }
        return p / r
    }

    /// The largest peak RSS of any service process, in MB.
    public var maxServiceRSSMegabytes: Double {
        ((pipeline?.backlog.processes ?? []) + (pipeline?.fixedRate.processes ?? [])).map(\.usage.peakRSSMegabytes).max() ?? 0
    }

    /// The measurement table and the per-process table.
    public var table: String {
        let subjects = [pipeline, relay, skeleton].compactMap { $0 }
        var rows: [[String]] = [["measure"] + subjects.map(\.subject.heading)]
        rows.append(["backlog contacts arrived"] + subjects.map { "\(fmt($0.backlog.arrived))/\(fmt($0.backlog.expected))" })
        rows.append(["throughput, first→last output"] + subjects.map { $0.backlog.throughput.map { "\(fmt(Int($0.rounded()))) msg/s" } ?? "-" })
        rows.append(["output window"] + subjects.map { String(format: "%.1f s", $0.backlog.outputWindowSeconds) })
        rows.append(["CPU ms/contact, processes + host"] + subjects.map { $0.cpuMillisecondsPerContact.map { String(format: "%.3f", $0) } ?? "-" })
        let cores = ProcessInfo.processInfo.activeProcessorCount
        rows.append(["CPU-bound ceiling on \(cores) cores"] + subjects.map { subject in
            subject.cpuMillisecondsPerContact.flatMap { $0 > 0 ? "\(fmt(Int((Double(cores) * 1000 / $0).rounded()))) msg/s" : nil } ?? "-"
        })
        rows.append(["latency contacts arrived"] + subjects.map { "\(fmt($0.fixedRate.arrived))/\(fmt($0.fixedRate.expected))" })
        rows.append(["publishing rate achieved"] + subjects.map { $0.fixedRate.achievedRate.map { String(format: "%.0f/s", $0) } ?? "-" })
        for (label, path) in [("latency p50", \LatencySummary.p50), ("latency p90", \.p90), ("latency p99", \.p99), ("latency max", \.max)] {
            rows.append([label] + subjects.map { $0.fixedRate.latency.map { ms($0[keyPath: path]) } ?? "-" })
        }
        rows.append(["p99 as consumed by the bench"] + subjects.map { $0.fixedRate.consumedLatency.map { ms($0.p99) } ?? "-" })
        rows.append(["duplicates (backlog + rate)"] + subjects.map { "\($0.backlog.duplicates + $0.fixedRate.duplicates)" })
        var text = Self.render(rows)

        var processRows: [[String]] = [["process", "CPU s backlog", "CPU ms/contact", "CPU s at rate", "peak RSS MB backlog", "peak RSS MB at rate"]]
        for subject in subjects {
            let atRate = Dictionary(subject.fixedRate.processes.map { ($0.name, $0.usage) }, uniquingKeysWith: { a, _ in a })
            for row in subject.backlog.processes {
                let other = atRate[row.name]
                let perContact = subject.backlog.expected > 0 ? row.usage.cpuSeconds * 1000 / Double(subject.backlog.expected) : 0
                processRows.append([
                    row.name, String(format: "%.2f", row.usage.cpuSeconds), String(format: "%.3f", perContact),
                    other.map { String(format: "%.2f", $0.cpuSeconds) } ?? "-",
                    String(format: "%.1f", row.usage.peakRSSMegabytes), other.map { String(format: "%.1f", $0.peakRSSMegabytes) } ?? "-",
                ])
            }
            let total = subject.backlog.processes.reduce(0) { $0 + $1.usage.cpuSeconds }
            let totalAtRate = subject.fixedRate.processes.reduce(0) { $0 + $1.usage.cpuSeconds }
            processRows.append([
                "\(subject.subject.rawValue) total", String(format: "%.2f", total),
                String(format: "%.3f", subject.backlog.expected > 0 ? total * 1000 / Double(subject.backlog.expected) : 0),
                String(format: "%.2f", totalAtRate), "", "",
            ])
            processRows.append([
                "bench host (\(subject.subject.rawValue) runs)", String(format: "%.2f", subject.backlog.hostCPUSeconds), "",
                String(format: "%.2f", subject.fixedRate.hostCPUSeconds), "", "",
            ])
        }
        text += "\n\n" + Self.render(processRows)
        return text
    }

    /// The ratios against the targets, one per line.
    public var ratioLines: [String] {
        var lines: [String] = []
        if let ratio = throughputRatio {
            lines.append("ratio throughput pipeline/relay: \(Self.ratioText(ratio)) " + String(format: "(target ≥ %.2f: ", Self.throughputRatioTarget) + (ratio >= Self.throughputRatioTarget ? "met)" : "MISSED)"))
        } else {
            lines.append("ratio throughput pipeline/relay: - (pipeline or relay skipped, or no output)")
        }
        if let ratio = p99Ratio {
            lines.append(String(format: "ratio p99 at %d/s pipeline/relay: %.2f (target ≤ %.1f: ", options.ratePerSecond, ratio, Self.p99RatioTarget) + (ratio <= Self.p99RatioTarget ? "met)" : "MISSED)"))
        } else {
            lines.append("ratio p99 pipeline/relay: - (pipeline or relay skipped, or no output)")
        }
        if let skeleton, let ratio = skeletonThroughputRatio {
            let records = options.skeletonRecords.map(String.init).joined(separator: "+")
            lines.append("ratio throughput skeleton/relay: \(Self.ratioText(ratio)) (\(records) = \(options.skeletonRecords.reduce(0, +)) records per contact with no work: the most a pipeline writing as many records can reach)")
            if let p = pipeline?.backlog.throughput, let s = skeleton.backlog.throughput, s > 0 {
                lines.append("ratio throughput pipeline/skeleton: \(Self.ratioText(p / s))")
            }
            if let s = skeleton.fixedRate.latency?.p99, let r = relay?.fixedRate.latency?.p99, r > 0 {
                lines.append(String(format: "ratio p99 at %d/s skeleton/relay: %.2f", options.ratePerSecond, s / r))
            }
        }
        // CPU per contact does not depend on the output window: the ratio if every subject were bound by this machine's cores.
        if let r = relay?.cpuMillisecondsPerContact {
            for other in [pipeline, skeleton].compactMap({ $0 }) {
                if let o = other.cpuMillisecondsPerContact, o > 0 {
                    lines.append("ratio CPU per contact relay/\(other.subject.rawValue): \(Self.ratioText(r / o)) (the throughput ratio if both were bound by this machine's CPU)")
                }
            }
        }
        for subject in [pipeline, relay, skeleton].compactMap({ $0 }) where subject.backlog.outputWindowSeconds < Self.shortWindowSeconds {
            lines.append(
                "note: the \(subject.subject.rawValue) backlog's output window was " + String(format: "%.1f s", subject.backlog.outputWindowSeconds)
                    + ": a few seconds give a rough rate (one slow fetch or commit weighs on it); compare the CPU ratios, or measure with a larger backlog"
                    + " (e.g. --skip-pipeline --contacts 120000 --partitions 64)"
            )
        }
        for subject in [pipeline, relay, skeleton].compactMap({ $0 }) {
            for phase in [subject.backlog, subject.fixedRate] where phase.recoveredByReread > 0 {
                lines.append(
                    "note: the collector's live read of the \(subject.subject.rawValue) \(phase.kind.rawValue) phase missed \(phase.recoveredByReread) output records"
                        + " that a second read of the output topics found: delivered, not lost (their consumed times are the second read's)"
                )
            }
        }
        if pipeline != nil {
            let rss = maxServiceRSSMegabytes
            lines.append(String(format: "peak RSS, largest service: %.1f MB (target < %.0f MB per service: ", rss, Self.peakRSSTargetMegabytes) + (rss < Self.peakRSSTargetMegabytes ? "met)" : "MISSED)"))
        }
        if let processes = pipeline?.backlog.processes, let busiest = processes.max(by: { $0.usage.cpuSeconds < $1.usage.cpuSeconds }) {
            let total = processes.reduce(0) { $0 + $1.usage.cpuSeconds }
            lines.append("most CPU in the pipeline backlog: \(busiest.name), " + String(format: "%.2f s of %.2f s (%.0f%%)", busiest.usage.cpuSeconds, total, total > 0 ? busiest.usage.cpuSeconds * 100 / total : 0))
        }
        if !complete { lines.append("INCOMPLETE: not every contact arrived, or a process did not exit cleanly; see the tables and the logs") }
        return lines
    }

    /// `bench: pipeline R1 msg/s, relay R2 msg/s, ratio X; p99 at 1000/s pipeline A ms, relay B ms`
    public var lastLine: String {
        let r1 = pipeline?.backlog.throughput.map { String(Int($0.rounded())) } ?? "-"
        let r2 = relay?.backlog.throughput.map { String(Int($0.rounded())) } ?? "-"
        let ratio = throughputRatio.map(Self.ratioText) ?? "-"
        let a = pipeline?.fixedRate.latency.map { String(Int($0.p99.rounded())) } ?? "-"
        let b = relay?.fixedRate.latency.map { String(Int($0.p99.rounded())) } ?? "-"
        return "bench: pipeline \(r1) msg/s, relay \(r2) msg/s, ratio \(ratio); p99 at \(options.ratePerSecond)/s pipeline \(a) ms, relay \(b) ms"
    }

    /// Two decimals, or three when the ratio is below 0.1 (so that 0.005 does not print as 0.00).
    static func ratioText(_ ratio: Double) -> String {
        String(format: ratio < 0.1 ? "%.3f" : "%.2f", ratio)
    }

    private func ms(_ value: Double) -> String { String(format: "%.0f ms", value) }

    private func fmt(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { col in rows.map { col < $0.count ? $0[col].count : 0 }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { col, cell in
                col == 0 ? cell.padding(toLength: widths[col], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[col] - cell.count) + cell
            }.joined(separator: "  ")
            return index == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n")
    }
}
