import Foundation
import Testing
@testable import SentenceEncoder

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The model `make encoder-model` fetched (or `SIGNPOST_ENCODER_MODEL`), loaded once for all tests.
let sharedEncoder: Result<SentenceEncoder, EncoderError> = {
    do throws(EncoderError) {
        return .success(try SentenceEncoder(modelDirectory: SentenceEncoder.modelDirectory(relativeTo: repositoryRoot)))
    } catch {
        return .failure(error)
    }
}()

func loadedEncoder() throws -> SentenceEncoder { try sharedEncoder.get() }

/// One line of `Fixtures/embedding-reference.jsonl` (written by `corpus/encoder/embed_reference.py`).
struct ReferenceVector: Decodable {
    var text: String
    var ids: [Int32]
    var embedding: [Float]

    static func load() throws -> [ReferenceVector] {
        let url = repositoryRoot.appendingPathComponent("Tests/SentenceEncoderTests/Fixtures/embedding-reference.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ReferenceVector.self, from: Data($0.utf8))
        }
    }
}

@Suite struct ForwardPassTests {
    @Test func vectorsMatchTheNumpyReferenceForTheSameWordPieces() throws {
        let encoder = try loadedEncoder()
        let references = try ReferenceVector.load()
        #expect(references.count >= 20)
        for reference in references {
            let vector = encoder.embed(ids: reference.ids)
            #expect(vector.count == SentenceEncoder.dimension)
            let worst = zip(vector, reference.embedding).map { abs($0 - $1) }.max() ?? .infinity
            let cosine = zip(vector, reference.embedding).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(worst < 1e-4, "largest difference \(worst) for \(reference.text.prefix(60))")
            #expect(cosine > 0.99999)
        }
    }

    @Test func vectorsHaveUnitLength() throws {
        let vector = try loadedEncoder().embed(ids: [101, 7592, 102])
        let length = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(length - 1) < 1e-5)
    }

    @Test func textsOfCloseMeaningAreCloserThanUnrelatedOnes() throws {
        let encoder = try loadedEncoder()
        func cosine(_ a: String, _ b: String) -> Float { zip(encoder.embed(a), encoder.embed(b)).reduce(0) { $0 + $1.0 * $1.1 } }
        let bins = cosine("my bin was not collected this week", "the refuse lorry missed our road on tuesday")
        let unrelated = cosine("my bin was not collected this week", "I would like to thank the library staff")
        #expect(bins > unrelated + 0.1)
    }
}

@Suite struct MappedWeightsTests {
    @Test func theWordTableReadInPlaceHoldsTheSameFloatsAsACopy() throws {
        let url = SentenceEncoder.modelDirectory(relativeTo: repositoryRoot).appendingPathComponent(SentenceEncoder.weightsFile)
        let file = try Safetensors(contentsOf: url)
        let name = "embeddings.word_embeddings.weight", shape = [SentenceEncoder.vocabulary, SentenceEncoder.dimension]
        let copied = try file.tensor(name, shape: shape)
        let mapped = try file.mappedTensor(name, shape: shape)
        #expect(mapped.count == copied.count)
        // First, last and a spread of rows between, compared float for float.
        let rows = [0, 1, 101, 102, 7592, 15000, SentenceEncoder.vocabulary - 1]
        let d = SentenceEncoder.dimension
        let same = mapped.withUnsafeBytes { raw in
            rows.allSatisfy { row in
                (0..<d).allSatisfy { c in
                    raw.loadUnaligned(fromByteOffset: mapped.start + 4 * (row * d + c), as: Float.self) == copied[row * d + c]
                }
            }
        }
        #expect(same)
    }

    @Test func aTensorOfTheWrongShapeIsRefusedInPlaceToo() throws {
        let url = SentenceEncoder.modelDirectory(relativeTo: repositoryRoot).appendingPathComponent(SentenceEncoder.weightsFile)
        let file = try Safetensors(contentsOf: url)
        #expect(throws: EncoderError.self) {
            try file.mappedTensor("embeddings.word_embeddings.weight", shape: [SentenceEncoder.vocabulary + 1, SentenceEncoder.dimension])
        }
    }
}
