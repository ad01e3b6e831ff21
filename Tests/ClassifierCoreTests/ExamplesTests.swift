import Foundation
import Testing
import SignpostEvents
@testable import ClassifierCore

/// One line of `Tests/Fixtures/examples.jsonl`.
struct LabelledExample: Decodable, Sendable, CustomTestStringConvertible {
    struct Labels: Decodable, Sendable {
        let kind: EnquiryKind
        let service: ResponsibleService
        let district: District?
        let special_category: [SpecialCategory]
    }
    let id: String
    let channel: Channel
    let text: String
    let labels: Labels

    var testDescription: String { id }

    static func load() throws -> [LabelledExample] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/examples.jsonl")
        let data = try String(contentsOf: url, encoding: .utf8)
        return try data.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map {
            try JSONDecoder().decode(LabelledExample.self, from: Data($0.utf8))
        }
    }
}

@Suite("examples.jsonl")
struct ExamplesTests {
    @Test func fixtureHasTwelveExamples() throws {
        #expect(try LabelledExample.load().count == 12)
    }

    @Test("every labelled example gets its kind, service, district and special categories",
          arguments: try LabelledExample.load())
    func labelledExample(_ example: LabelledExample) {
        let c = Classifier().classify(text: example.text, channel: example.channel)
        #expect(c.kind == example.labels.kind, "\(c.evidence)")
        #expect(c.service == example.labels.service, "\(c.evidence)")
        #expect(c.district == example.labels.district, "\(c.evidence)")
        #expect(c.specialCategories == example.labels.special_category, "\(c.evidence)")
        #expect(c.lawfulBasis == example.labels.kind.lawfulBasis)
        #expect(c.decidedBy == Classifier.version)
    }
}
