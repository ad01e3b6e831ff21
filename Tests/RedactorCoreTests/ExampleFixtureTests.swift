import Foundation
import SignpostEvents
import Testing
@testable import RedactorCore

/// One labelled example from `Tests/Fixtures/examples.jsonl`.
struct LabelledExample: Decodable, Sendable, CustomTestStringConvertible {
    struct Span: Decodable, Sendable, Hashable {
        var type: String
        var start: Int
        var end: Int
    }
    var id: String
    var text: String
    var pii: [Span]
    var testDescription: String { id }

    static func loadAll() throws -> [LabelledExample] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/examples.jsonl")
        let data = try String(contentsOf: url, encoding: .utf8)
        return try data.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
            try JSONDecoder().decode(LabelledExample.self, from: Data($0.utf8))
        }
    }
}

@Suite("Labelled examples")
struct ExampleFixtureTests {
    static let examples: [LabelledExample] = (try? LabelledExample.loadAll()) ?? []

    @Test("the fixture loads all twelve examples")
    func fixtureLoads() throws {
        let all = try LabelledExample.loadAll()
        #expect(all.count == 12)
    }

    @Test("every example's entities match its labelled spans exactly", arguments: examples)
    func spansMatch(_ example: LabelledExample) {
        let r = Redactor().redact(example.text)
        let got = r.entities.map { LabelledExample.Span(type: $0.type.rawValue, start: $0.start, end: $0.end) }
        #expect(got == example.pii, "\(example.id): \(r.text)")
    }

    @Test("every example's redacted text has no labelled value left in clear", arguments: examples)
    func valuesRemoved(_ example: LabelledExample) {
        let r = Redactor().redact(example.text)
        let scalars = Array(example.text.unicodeScalars)
        for span in example.pii {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[span.start..<span.end])
            #expect(!r.text.contains(String(v)), "\(example.id) still shows \(String(v))")
        }
    }
}
