import Foundation
import Testing
@testable import SentenceEncoder

/// One line of `Fixtures/wordpiece-reference.jsonl` (written by `corpus/encoder/tokenize_reference.py`
/// with the HuggingFace `tokenizers` library).
private struct ReferencePieces: Decodable {
    var text: String
    var ids: [Int32]
}

@Suite struct WordPieceTokenizerTests {
    @Test func idsMatchTheReferenceTokenizerIncludingEdgeCases() throws {
        let encoder = try loadedEncoder()
        let url = repositoryRoot.appendingPathComponent("Tests/SentenceEncoderTests/Fixtures/wordpiece-reference.jsonl")
        let references = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ReferencePieces.self, from: Data($0.utf8))
        }
        #expect(references.count > 250)
        for reference in references {
            #expect(encoder.tokenize(reference.text) == reference.ids, "\(reference.text.prefix(80))")
        }
    }

    @Test func embeddingATextUsesTheReferenceWordPieces() throws {
        let encoder = try loadedEncoder()
        for reference in try ReferenceVector.load() {
            #expect(encoder.tokenize(reference.text) == reference.ids)
        }
    }

    @Test func longWordsBecomeUnknownAndLongTextsAreCut() {
        let tokenizer = WordPieceTokenizer(vocabulary: ["[CLS]": 101, "[SEP]": 102, "[UNK]": 100, "bin": 1, "##s": 2, "a": 3])
        #expect(tokenizer.encode("bins") == [101, 1, 2, 102])
        #expect(tokenizer.encode("binx") == [101, 100, 102])
        #expect(tokenizer.encode(String(repeating: "a", count: 101)) == [101, 100, 102])
        #expect(tokenizer.encode(Array(repeating: "a", count: 300).joined(separator: " "), maxLength: 10).count == 10)
    }

    @Test func aMissingTokenizerFileSaysHowToFetchIt() {
        #expect(throws: EncoderError.self) { try WordPieceTokenizer(tokenizerJSON: URL(fileURLWithPath: "/nonexistent/tokenizer.json")) }
        do {
            _ = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: "/nonexistent"))
            Issue.record("loaded a model from a missing directory")
        } catch {
            #expect(error.description.contains("make encoder-model"))
        }
    }
}
