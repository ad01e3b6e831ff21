// The `classifier` executable: the Kafka service (default) and the offline
// `classifier classify` contract of labels.md, in one binary.
import ArgumentParser
import ClassifierCore
import SignpostEvents
import SignpostRuntime

@main
struct ClassifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier",
        abstract: "Classify enquiries: kind, service, district, special categories, lawful basis.",
        subcommands: [Run.self, Classify.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Kafka service (configured by SIGNPOST_* environment variables) until SIGTERM or SIGINT."
        )
        func run() async throws {
            await ServiceMain.run(ClassifierDecider())
        }
    }

    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify JSON Lines from standard input: {\"id\", \"channel\", \"text\"} in, one classification per line out.",
            discussion: """
            One output line per input line, in order; a malformed line gets {"id", "error"} and the run goes on.
            Output fields: id, kind, service, district (or null), special_category, lawful_basis, confidence,
            special_category_condition, decided_by, evidence.

            Example:
              echo '{"id":"1","channel":"bot","text":"user: is the tip at hill and moor open"}' | classifier classify
            """
        )
        func run() throws {
            let classifier = Classifier()
            OfflineContract.run(ClassifyRequest.self) { request in
                ClassifyResponse(id: request.id, classification: classifier.classify(text: request.text, channel: request.channel))
            }
        }
    }
}
