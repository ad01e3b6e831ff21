import Foundation
import SignpostEvents
import Testing
@testable import RedactorCore

/// A fixed slice of corpus/redaction/corpus.jsonl (every fourth enquiry), scored with the
/// evaluation rule; the floors sit just under the figures measured on the whole corpus
/// (docs/redaction.md), so a regression in any type fails here.
@Suite("Redaction corpus slice")
struct CorpusSliceTests {
    static func corpusURL() -> URL {
        // Resolve symlinks so the test finds the corpus from a scratch package too.
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus/redaction/corpus.jsonl")
    }

    static let slice: [RedactionEvaluation.Sample] = {
        let all = (try? RedactionEvaluation.load(path: corpusURL().path)) ?? []
        return all.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
    }()

    @Test("the corpus loads and the slice covers every channel and type")
    func sliceLoads() throws {
        let all = try RedactionEvaluation.load(path: Self.corpusURL().path)
        #expect(all.count >= 800)
        #expect(Set(Self.slice.compactMap(\.channel)) == ["phone", "email", "webform", "bot"])
        let types = Set(Self.slice.flatMap { $0.pii.map(\.type) })
        #expect(types == Set(PIIType.allCases.map(\.rawValue)))
    }

    @Test("gold spans are valid Unicode-scalar ranges")
    func goldSpansValid() {
        for s in Self.slice {
            let n = s.text.unicodeScalars.count
            for g in s.pii { #expect(0 <= g.start && g.start < g.end && g.end <= n, "\(s.id) \(g)") }
        }
    }

    @Test("recall per type and precision by characters stay above their floors")
    func floors() {
        let r = RedactionEvaluation.evaluate(Self.slice)
        let structured: [PIIType] = [.email, .phone, .postcode, .niNumber, .nhsNumber, .dateOfBirth, .cardNumber, .passport]
        for type in structured {
            #expect(r.recall(type) >= 0.995, "\(type.rawValue) recall \(r.recall(type)); misses: \(r.misses.filter { $0.type == type.rawValue }.map(\.value))")
        }
        #expect(r.recall(.person) >= 0.98, "PERSON misses: \(r.misses.filter { $0.type == "PERSON" }.map(\.value))")
        #expect(r.recall(.address) >= 0.97, "ADDRESS misses: \(r.misses.filter { $0.type == "ADDRESS" }.map(\.value))")
        #expect(r.precision >= 0.98, "over-masking: \(r.falseMasks.map(\.value))")
    }

    @Test("the scorer's rule: caught only when every letter and digit is masked")
    func scorerRule() {
        let sample = RedactionEvaluation.Sample(id: "s", text: "Call Ann Lee on 07700 900461.", pii: [
            .init(type: "PERSON", start: 5, end: 12), .init(type: "PHONE", start: 16, end: 28),
        ])
        // The name half masked, the phone masked with its space left out of the span.
        let r = RedactionEvaluation.score([sample], predictions: [[
            .init(type: "PERSON", start: 5, end: 8), .init(type: "PHONE", start: 16, end: 21), .init(type: "PHONE", start: 22, end: 28),
            .init(type: "PERSON", start: 0, end: 4),
        ]])
        #expect(r.byType["PERSON"]?.caught == 0)
        #expect(r.byType["PHONE"]?.caught == 1)
        #expect(r.maskedScalars == 3 + 5 + 6 + 4)
        #expect(r.maskedPersonal == 3 + 5 + 6)
    }

    @Test("benchmark documents are about 500 scalars and the run reports both rates")
    func benchmarkShape() {
        let docs = RedactionBenchmark.documents(from: Self.slice.map(\.text))
        #expect(docs.dropLast().allSatisfy { $0.unicodeScalars.count >= 500 })
        let r = RedactionBenchmark.run(Array(docs.prefix(5)), seconds: 0.05)
        #expect(r.redactorPerSecond > 0 && r.baselinePerSecond > 0)
    }
}
