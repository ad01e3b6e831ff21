// The `redactor` executable: the Kafka service (default), the offline `redactor redact`
// contract of labels.md, and the quality and speed measurements of docs/redaction.md, in one binary.
import ArgumentParser
import Foundation
import RedactorCore
import SignpostEvents
import SignpostRuntime
import SignpostSealing

@main
struct RedactorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redactor",
        abstract: "Replace personal data in enquiries with typed placeholders.",
        subcommands: [Run.self, Redact.self, Evaluate.self, Bench.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Kafka service (configured by SIGNPOST_* environment variables) until SIGTERM or SIGINT."
        )
        func run() async throws {
            await ServiceMain.run(serviceName: RedactorDecider.serviceName) { configuration, catalogue, logger in
                let sealing = try SealingConfiguration()
                if sealing.usesDevelopmentMasterKey {
                    logger.warning("SIGNPOST_MASTER_KEY is not set: data keys are wrapped with the development master key; set a secret key in production")
                }
                let decider = RedactorDecider(sealing: RedactorSealing(keyStore: try sealing.openKeyStore(), subjectKey: configuration.pseudonymKey))
                return try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
            }
        }
    }

    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Redact JSON Lines from standard input: {\"id\", \"text\"} in, {\"id\", \"text\", \"entities\"} out.",
            discussion: """
            One output line per input line, in order; a malformed line gets {"id", "error"} and the run goes on.
            Offsets are Unicode scalar offsets into the input text, end exclusive.

            Example:
              echo '{"id":"1","text":"Call Priya on 07700 900461"}' | redactor redact
            """
        )
        func run() throws {
            let redactor = Redactor()
            OfflineContract.run(RedactRequest.self) { request in
                RedactResponse(id: request.id, redaction: redactor.redact(request.text))
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the redactor on a labelled corpus: recall per type, precision by characters, totals.",
            discussion: """
            An entity counts as caught only if every letter and digit in it is masked; precision is the share of
            masked characters that lay inside a labelled entity.

            Example:
              redactor evaluate corpus/redaction/corpus.jsonl --details
            """
        )
        @Argument(help: "JSON Lines with \"text\" and \"pii\": [{type, start, end}] (Unicode-scalar offsets).")
        var corpus: String = "corpus/redaction/corpus.jsonl"
        @Flag(help: "Also list every miss and every mask over non-personal text.")
        var details = false

        func run() throws {
            let samples = try RedactionEvaluation.load(path: corpus)
            let report = RedactionEvaluation.evaluate(samples)
            print(RedactionEvaluation.render(report, title: corpus, details: details), terminator: "")
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Documents per second on one thread for ~500-character documents, beside a plain scan of the same texts.",
            discussion: """
            Build with -c release; pin to one core for the published figure:
              taskset -c 0 .build/release/redactor bench corpus/redaction/corpus.jsonl
            """
        )
        @Argument(help: "JSON Lines whose \"text\" fields are joined into documents of about --length scalars.")
        var corpus: String = "corpus/redaction/corpus.jsonl"
        @Option(help: "Target document length in Unicode scalars.")
        var length = 500
        @Option(help: "Seconds to time each side.")
        var seconds = 3.0

        func run() throws {
            let samples = try RedactionEvaluation.load(path: corpus)
            let docs = RedactionBenchmark.documents(from: samples.map(\.text), target: length)
            print(RedactionBenchmark.render(RedactionBenchmark.run(docs, seconds: seconds)))
        }
    }
}
