// The `redactor` executable: the Kafka service (default) and the offline `redactor redact`
// contract of labels.md, in one binary.
import ArgumentParser
import RedactorCore
import SignpostEvents
import SignpostRuntime

@main
struct RedactorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redactor",
        abstract: "Replace personal data in enquiries with typed placeholders.",
        subcommands: [Run.self, Redact.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Kafka service (configured by SIGNPOST_* environment variables) until SIGTERM or SIGINT."
        )
        func run() async throws {
            await ServiceMain.run(RedactorDecider())
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
}
