import Foundation
import SignpostEvents

/// What reading an event costs: `EventCodec.decode` (Signpost's decoder, Foundation's for what it
/// leaves) against `EventCodec.foundationDecode` (Foundation's `JSONDecoder` alone), on the same
/// simulated contacts, in alternating slices of thread CPU time, so that other work on the
/// machine falls on both and the ratio stays comparable between runs.
public enum CodecBenchmark {
    public struct Result: Sendable {
        public var records: Int
        public var averageBytes: Int
        /// CPU microseconds per record.
        public var signpostMicroseconds: Double
        public var foundationMicroseconds: Double
        /// How many times faster `EventCodec.decode` is than Foundation alone.
        public var speedUp: Double { foundationMicroseconds / signpostMicroseconds }
    }

    /// Decodes `records` valid simulated contacts for about `2 × seconds` of CPU time.
    public static func run(records: Int = 2_000, seconds: Double = 3, seed: UInt64 = 2026) throws -> Result {
        let values = ContactSimulator(seed: seed, malformedShare: 0).contacts(count: records).map(\.value)
        precondition(!values.isEmpty)
        // Both decoders must give the same events before their speed means anything.
        for value in values {
            let fast = try EventCodec.decode(ContactReceived.self, from: value)
            let reference = try EventCodec.foundationDecode(ContactReceived.self, from: value)
            guard fast == reference else { throw CodecBenchmarkError.decodersDisagree(String(decoding: value, as: UTF8.self)) }
        }
        var sink = 0
        var counts = (fast: 0, foundation: 0)
        var times = (fast: 0.0, foundation: 0.0)
        let slice = seconds / 20
        func measure(_ decode: ([UInt8]) throws -> ContactReceived) rethrows -> (Int, Double) {
            let start = threadCPUSeconds()
            var n = 0
            var elapsed = 0.0
            repeat {
                for value in values { sink &+= try decode(value).text.utf8.count }
                n += values.count
                elapsed = threadCPUSeconds() - start
            } while elapsed < slice
            return (n, elapsed)
        }
        for _ in 0..<20 {
            let f = try measure { try EventCodec.foundationDecode(ContactReceived.self, from: $0) }
            counts.foundation += f.0
            times.foundation += f.1
            let s = try measure { try EventCodec.decode(ContactReceived.self, from: $0) }
            counts.fast += s.0
            times.fast += s.1
        }
        if sink == 42 { print("") } // keeps the work observable
        return Result(
            records: values.count, averageBytes: values.reduce(0) { $0 + $1.count } / values.count,
            signpostMicroseconds: times.fast / Double(counts.fast) * 1e6,
            foundationMicroseconds: times.foundation / Double(counts.foundation) * 1e6
        )
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

public enum CodecBenchmarkError: Error, CustomStringConvertible {
    case decodersDisagree(String)

    public var description: String {
        switch self {
        case .decodersDisagree(let record):
            "Signpost's decoder and Foundation's read this record differently (a bug in EventJSONDecoder; run the SignpostEventsTests): \(record)"
        }
    }
}
