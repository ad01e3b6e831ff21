import Foundation

/// The offline JSON Lines contracts of `labels.md` (`classifier classify`, `redactor redact`):
/// one output record per input record, in order; a malformed line gets a record with an
/// `error` field and the run goes on.
public enum OfflineContract {
    /// Handles one input line: decodes `Input`, transforms it, encodes the output with `id` first-class.
    /// Returns the output line without its newline.
    public static func handle<Input: Decodable, Output: Encodable>(line: String, transform: (Input) -> Output) -> String {
        let data = Data(line.utf8)
        let decoder = EventCodec.makeDecoder()
        let output: any Encodable
        do {
            output = transform(try decoder.decode(Input.self, from: data))
        } catch {
            output = ErrorRecord(id: (try? decoder.decode(IdOnly.self, from: data))?.id, error: describe(error))
        }
        let encoder = EventCodec.makeEncoder()
        guard let bytes = try? encoder.encode(output), let text = String(data: bytes, encoding: .utf8) else {
            return #"{"error":"the output could not be encoded","id":null}"#
        }
        return text
    }

    /// Reads standard input to its end and writes one line per non-blank input line to standard output.
    /// Returns how many records were written and how many of them carry an error.
    @discardableResult
    public static func run<Input: Decodable, Output: Encodable>(_ input: Input.Type, transform: (Input) -> Output) -> (records: Int, errors: Int) {
        var records = 0
        var errors = 0
        var buffer = ""
        while let line = readLine(strippingNewline: true) {
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            let out = handle(line: line, transform: transform)
            if out.hasPrefix(#"{"error":"#) { errors += 1 }
            buffer += out
            buffer += "\n"
            records += 1
            if buffer.utf8.count > 64 * 1024 {
                FileHandle.standardOutput.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        return (records, errors)
    }

    private struct IdOnly: Decodable { var id: String? }

    private struct ErrorRecord: Encodable {
        var id: String?
        var error: String
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(error, forKey: .error)
            try c.encode(id, forKey: .id)
        }
        enum CodingKeys: String, CodingKey { case id, error }
    }

    private static func describe(_ error: any Error) -> String {
        let rejection = EventCodec.rejection(for: error, typeName: "input")
        return rejection.detail.replacingOccurrences(of: "input: ", with: "")
    }
}

/// `{"id", "channel", "text"}`: one input record of `classifier classify`.
public struct ClassifyRequest: Codable, Sendable {
    public var id: String
    public var channel: Channel
    public var text: String
}

/// One output record of `classifier classify`: the id and every field of the classification.
public struct ClassifyResponse: Encodable, Sendable {
    public var id: String
    public var classification: Classification

    public init(id: String, classification: Classification) {
        self.id = id
        self.classification = classification
    }

    /// Exactly the contract's fields: the triage candidates stay on the events.
    public func encode(to encoder: any Encoder) throws {
        var contract = classification
        contract.candidates = []
        try contract.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
    }

    enum CodingKeys: String, CodingKey { case id }
}

/// `{"id", "text"}`: one input record of `redactor redact`.
public struct RedactRequest: Codable, Sendable {
    public var id: String
    public var text: String
}

/// One output record of `redactor redact`: the redacted text and the entities with their offsets.
public struct RedactResponse: Encodable, Sendable {
    public var id: String
    public var text: String
    public var entities: [PIIEntity]

    public init(id: String, redaction: Redaction) {
        self.id = id
        self.text = redaction.text
        self.entities = redaction.entities
    }
}
