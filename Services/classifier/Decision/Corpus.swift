import Foundation
import SignpostEvents

/// One labelled enquiry of the corpus (`corpus/classification/*.jsonl`, the record format of
/// `shared/spec/examples.jsonl`; any `pii` field is ignored).
public struct LabelledEnquiry: Decodable, Sendable {
    public struct Labels: Decodable, Sendable {
        public var kind: EnquiryKind
        public var service: ResponsibleService
        public var district: District?
        public var specialCategory: [SpecialCategory]

        enum CodingKeys: String, CodingKey {
            case kind, service, district
            case specialCategory = "special_category"
        }
    }

    public var id: String
    public var channel: Channel
    public var text: String
    public var labels: Labels

    /// Reads JSON Lines; blank lines are skipped, a bad line throws with its number.
    public static func load(contentsOf url: URL) throws -> [LabelledEnquiry] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try parse(text)
    }

    public static func parse(_ text: String) throws -> [LabelledEnquiry] {
        let decoder = JSONDecoder()
        var out: [LabelledEnquiry] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { !$0.isWhitespace }) {
            do {
                out.append(try decoder.decode(LabelledEnquiry.self, from: Data(line.utf8)))
            } catch {
                throw CorpusError.badLine(n + 1, String(describing: error))
            }
        }
        return out
    }

    /// FNV-1a 64 of a file's bytes, as recorded in the model (`corpus fnv64:…`).
    public static func digest(of data: Data) -> String {
        let h = FeatureExtractor.hash(data)
        let hex = String(h, radix: 16)
        return "fnv64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

public enum CorpusError: Error, CustomStringConvertible {
    case badLine(Int, String)
    public var description: String {
        switch self {
        case .badLine(let n, let why): "line \(n): \(why)"
        }
    }
}
