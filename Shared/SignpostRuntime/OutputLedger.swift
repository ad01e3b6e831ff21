import Foundation
import Logging
import SignpostEvents
import SignpostKafka
import Synchronization

/// What a service has published, rebuilt from its own output topics: the memory that makes
/// processing idempotent per event.
///
/// Every output carries its identity (`ce_source`, `ce_type`, `ce_id`) and the position of the
/// input it was made from (`signpost-input`). When partitions move between instances, or a
/// service restarts after a crash, the runtime first catches the ledger up with everything the
/// output topics hold; then, for each input, it publishes only the outputs not yet published.
/// A record redelivered after a crash therefore completes what was half published and repeats
/// nothing; the same event made from a *different* input is a duplicate input.
///
/// Of the records it reads it keeps only this service's (the status, performance and
/// dead-letter topics are shared by every service), looked at in place through their headers,
/// and each as a hash of its identity and the position of its input.
///
/// It reads the topics only during a catch-up. Between catch-ups the partitions this process
/// handles are its own: whatever it publishes for them it records itself, and what other
/// instances publish for their partitions only matters once partitions move, which is when
/// the next catch-up reads it. So it does not fetch every output record as it is written.
public final class OutputLedger: Sendable {
    /// The header that names the input an output was made from: `topic/partition/offset`.
    public static let inputHeader = "signpost-input"

    /// Where an input was: an index into the ledger's table of input topics, the partition and
    /// the offset. `unknown` for an output whose input header was missing or unreadable.
    public struct Input: Sendable, Hashable {
        let topic: UInt32
        let partition: Int32
        let offset: Int64

        static let unknown = Input(topic: .max, partition: -1, offset: -1)
    }

    private let source: String
    private let entries = Entries()
    private let reader: KafkaLogReader?
    private let logger: Logger

    /// Starts reading `topics` (the service's outputs) from `since`.
    public init(source: String, topics: [String], bootstrapServers: String, clientID: String, since: Date,
                fetchWaitMilliseconds: Int?, extra: [String: String], logger: Logger) async throws(KafkaError) {
        self.source = source
        self.logger = logger
        var config = KafkaLogReaderConfiguration(bootstrapServers: bootstrapServers, clientID: "\(clientID)-ledger", topics: topics, since: since)
        config.fetchWaitMaxMilliseconds = fetchWaitMilliseconds
        config.followsBetweenCatchUps = false
        config.extra = extra
        let entries = self.entries
        let sourceBytes = Array(source.utf8)
        reader = try await KafkaLogReader(configuration: config, logger: logger, onRecordInPlace: { record in
            // Another service's status, performance event or dead letter: skipped on one header.
            guard record.header("ce_source", is: sourceBytes),
                  let key = record.withHeader("ce_type", { type in record.withHeader("ce_id", { id in OutputLedger.key(type: type, id: id) }) }) ?? nil
            else { return }
            let input = record.withHeader(OutputLedger.inputHeader) { entries.input(parsing: $0) } ?? .unknown
            entries.remember(key, input: input)
        })
    }

    /// A ledger that only remembers what this process publishes (for tests and tools).
    public init(source: String, logger: Logger) {
        self.source = source
        self.logger = logger
        reader = nil
    }

    /// The hash an event is remembered by: of its CloudEvents type and id, as UTF-8 bytes.
    static func key(type: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(type.count)
        hasher.combine(bytes: type)
        hasher.combine(bytes: id)
        return hasher.finalize()
    }

    static func key(type: String, id: String) -> Int {
        var type = type, id = id
        return type.withUTF8 { type in id.withUTF8 { id in key(type: UnsafeRawBufferPointer(type), id: UnsafeRawBufferPointer(id)) } }
    }

    /// The position of an input record, in the ledger's compact form.
    public func input(topic: String, partition: Int32, offset: Int64) -> Input {
        Input(topic: entries.topicIndex(topic), partition: partition, offset: offset)
    }

    /// True when this service has published the event.
    public func hasPublished(type cloudEventType: String, id: String) -> Bool {
        entries.input(for: Self.key(type: cloudEventType, id: id)) != nil
    }

    /// The input an event was made from, if this service has published it.
    public func inputPosition(ofType cloudEventType: String, id: String) -> Input? {
        entries.input(for: Self.key(type: cloudEventType, id: id))
    }

    /// The input an event was made from (`topic/partition/offset`, empty when unknown), if this
    /// service has published it.
    public func input(ofType cloudEventType: String, id: String) -> String? {
        inputPosition(ofType: cloudEventType, id: id).map(describe)
    }

    /// `topic/partition/offset`, or empty when unknown.
    public func describe(_ input: Input) -> String {
        guard input != .unknown, let topic = entries.topicName(input.topic) else { return "" }
        return "\(topic)/\(input.partition)/\(input.offset)"
    }

    /// Remembers an event this process is publishing.
    public func record(type cloudEventType: String, id: String, input: Input) {
        entries.remember(Self.key(type: cloudEventType, id: id), input: input)
    }

    /// Remembers an event this process is publishing; `input` is `topic/partition/offset`.
    public func record(type cloudEventType: String, id: String, input: String) {
        var text = input
        let position = text.withUTF8 { entries.input(parsing: UnsafeRawBufferPointer($0)) }
        record(type: cloudEventType, id: id, input: position)
    }

    /// How many events it knows.
    public var count: Int { entries.state.withLock { $0.count } }

    /// Waits until everything the output topics held when called has been read.
    public func catchUp(timeout: Duration) async -> Bool {
        guard let reader else { return true }
        let started = ContinuousClock.now
        let done = await reader.catchUp(timeout: timeout)
        logger.info("ledger caught up", metadata: ["events": "\(count)", "took": "\(ContinuousClock.now - started)", "complete": "\(done)"])
        return done
    }

    /// Event key → the input it was made from, and the input topics' names. A class, so the
    /// reader's callback can share it.
    ///
    /// The map holds one entry per output the service ever published (five per contact in the
    /// referral service), so each entry is kept in 16 bytes: the key and the input packed into
    /// one `UInt64` (``Packed``). The rare input that does not fit goes to a second map.
    final class Entries: Sendable {
        struct State {
            var map: [Int: UInt64] = [:]
            var unpacked: [Int: Input] = [:]
            var topics: [String] = []
            var topicIndices: [String: UInt32] = [:]

            var count: Int { map.count + unpacked.count }
        }

        let state = Mutex(State())

        func remember(_ key: Int, input: Input) {
            state.withLock { state in
                guard state.map[key] == nil, state.unpacked[key] == nil else { return }
                if let packed = Packed.pack(input) { state.map[key] = packed } else { state.unpacked[key] = input }
            }
        }

        func input(for key: Int) -> Input? {
            state.withLock { state in state.map[key].map(Packed.unpack) ?? state.unpacked[key] }
        }

        func topicIndex(_ topic: String) -> UInt32 {
            state.withLock { state in
                if let index = state.topicIndices[topic] { return index }
                let index = UInt32(state.topics.count)
                state.topics.append(topic)
                state.topicIndices[topic] = index
                return index
            }
        }

        func topicName(_ index: UInt32) -> String? {
            state.withLock { Int(index) < $0.topics.count ? $0.topics[Int(index)] : nil }
        }

        /// `topic/partition/offset`, optionally followed by a space and the producing instance;
        /// `unknown` when it is not of that form.
        func input(parsing bytes: UnsafeRawBufferPointer) -> Input {
            let end = bytes.firstIndex(of: UInt8(ascii: " ")) ?? bytes.endIndex
            guard let lastSlash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")),
                  let middleSlash = bytes[..<lastSlash].lastIndex(of: UInt8(ascii: "/")), middleSlash > 0,
                  let partition = Self.integer(bytes[(middleSlash + 1)..<lastSlash]).flatMap({ Int32(exactly: $0) }),
                  let offset = Self.integer(bytes[(lastSlash + 1)..<end])
            else { return .unknown }
            let topic = String(decoding: bytes[..<middleSlash], as: UTF8.self)
            return Input(topic: topicIndex(topic), partition: partition, offset: offset)
        }

        /// A non-negative decimal integer of at most 18 digits.
        static func integer(_ digits: Slice<UnsafeRawBufferPointer>) -> Int64? {
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var value: Int64 = 0
            for byte in digits {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    /// Stops reading.
    public func stop() { reader?.stop() }

    /// An input position in one `UInt64`: the topic index in the top 8 bits, the partition in
    /// the next 16, the offset in the low 40 (a trillion records per partition). `unknown` is
    /// all ones, which no real position packs to (topic 255, partition 65535, offset 2⁴⁰−1).
    enum Packed {
        static let unknown = UInt64.max

        static func pack(_ input: Input) -> UInt64? {
            if input == .unknown { return unknown }
            guard input.topic < 0xFF, input.partition >= 0, input.partition <= 0xFFFF,
                  input.offset >= 0, input.offset < 0xFF_FFFF_FFFF
            else { return nil }
            return UInt64(input.topic) << 56 | UInt64(input.partition) << 40 | UInt64(input.offset)
        }

        static func unpack(_ packed: UInt64) -> Input {
            if packed == unknown { return .unknown }
            return Input(topic: UInt32(packed >> 56), partition: Int32((packed >> 40) & 0xFFFF), offset: Int64(packed & 0xFF_FFFF_FFFF))
        }
    }
}
