import Foundation
import SignpostOps
import Testing

/// The offline contracts of labels.md, run through the real `classifier` and `redactor` binaries.
@Suite struct OfflineContractTests {
    static let examples = PipelineIntegrationTests.root.appendingPathComponent("Tests/Fixtures/examples.jsonl")

    /// Runs a binary with `input` on standard input; returns its standard output lines and exit status.
    func run(_ binary: String, _ arguments: [String], input: String) throws -> (lines: [String], status: Int32) {
        let process = Process()
        process.executableURL = ServiceFleet.defaultBinDirectory().appendingPathComponent(binary)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        return (lines, process.terminationStatus)
    }

    func exampleRecords() throws -> [[String: Any]] {
        try String(contentsOf: Self.examples, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func classifyWritesOneRecordPerLineInOrderWithEveryContractField() throws {
        let examples = try exampleRecords()
        var input = try examples.map { try json(["id": $0["id"]!, "channel": $0["channel"]!, "text": $0["text"]!]) }
        input.insert("this is not json", at: 3)
        input.insert(#"{"id":"bad-channel","channel":"fax","text":"hello"}"#, at: 5)
        let (lines, status) = try run("classifier", ["classify"], input: input.joined(separator: "\n") + "\n")
        #expect(status == 0)
        #expect(lines.count == input.count)
        var exampleIndex = 0
        for (i, line) in lines.enumerated() {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if i == 3 || i == 5 {
                #expect(record["error"] is String, "line \(i): \(line)")
                if i == 5 { #expect(record["id"] as? String == "bad-channel") }
                continue
            }
            let expected = examples[exampleIndex]
            exampleIndex += 1
            #expect(record["id"] as? String == expected["id"] as? String)
            for field in ["kind", "service", "lawful_basis"] { #expect(record[field] is String, "\(field) in \(line)") }
            #expect(record.keys.contains("district"))
            #expect(record["special_category"] is [String])
            let confidence = try #require(record["confidence"] as? Double)
            #expect((0...1).contains(confidence))
        }
    }

    @Test func classifyGetsTheLabelledExamplesRight() throws {
        let examples = try exampleRecords()
        let input = try examples.map { try json(["id": $0["id"]!, "channel": $0["channel"]!, "text": $0["text"]!]) }
        let (lines, _) = try run("classifier", ["classify"], input: input.joined(separator: "\n"))
        for (line, example) in zip(lines, examples) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let labels = try #require(example["labels"] as? [String: Any])
            #expect(record["kind"] as? String == labels["kind"] as? String, "\(example["id"]!)")
            #expect(record["service"] as? String == labels["service"] as? String, "\(example["id"]!)")
            #expect(record["district"] as? String == labels["district"] as? String, "\(example["id"]!)")
        }
    }

    @Test func redactReplacesTheLabelledSpansAndReportsScalarOffsets() throws {
        let examples = try exampleRecords()
        var input = try examples.map { try json(["id": $0["id"]!, "text": $0["text"]!]) }
        input.append(#"{"id":"no-text"}"#)
        let (lines, status) = try run("redactor", ["redact"], input: input.joined(separator: "\n"))
        #expect(status == 0)
        #expect(lines.count == input.count)
        for (line, example) in zip(lines, examples) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(record["id"] as? String == example["id"] as? String)
            let entities = try #require(record["entities"] as? [[String: Any]])
            let expected = try #require(example["pii"] as? [[String: Any]])
            let got = entities.map { "\($0["type"]!):\($0["start"]!)-\($0["end"]!)" }
            let want = expected.map { "\($0["type"]!):\($0["start"]!)-\($0["end"]!)" }
            #expect(got == want, "\(example["id"]!)")
            let text = try #require(record["text"] as? String)
            let original = try #require(example["text"] as? String)
            let scalars = Array(original.unicodeScalars)
            for span in expected {
                let start = try #require(span["start"] as? Int), end = try #require(span["end"] as? Int)
                let value = String(String.UnicodeScalarView(scalars[start..<end]))
                #expect(!text.contains(value), "\(example["id"]!) still shows \(value)")
            }
        }
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        #expect(last["id"] as? String == "no-text")
        #expect((last["error"] as? String)?.contains("text") == true)
    }
}
