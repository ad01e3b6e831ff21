// The `classifier` executable: the Kafka service (default), the offline `classifier classify`
// contract of labels.md, and the model's tools (`train`, `evaluate`, `bench`), in one binary.
import ArgumentParser
import ClassifierCore
import SignpostEvents
import SignpostRuntime
import SignpostSealing
import Foundation

@main
struct ClassifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier",
        abstract: "Classify enquiries: kind, service, district, special categories, lawful basis.",
        subcommands: [Run.self, Classify.self, Train.self, Evaluate.self, Bench.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Kafka service (configured by SIGNPOST_* environment variables) until SIGTERM or SIGINT."
        )
        func run() async throws {
            await ServiceMain.run(serviceName: ClassifierDecider.serviceName) { configuration, catalogue, logger in
                // Parse the model and build the cue tables now, before the Kafka clients start,
                // so that parsing's temporary memory is freed before the service's buffers fill.
                _ = Classifier().classify(text: "Where do I renew a library book?", channel: .webform)
                var classifier = Classifier()
                classifier.secondOpinion = try SecondOpinion.configured()
                if let opinion = classifier.secondOpinion {
                    logger.info("second opinion on: \(opinion.version) reads enquiries under confidence \(SecondOpinion.doubtBelow)")
                } else if ProcessInfo.processInfo.environment["SIGNPOST_SECOND_OPINION"] != "off" {
                    logger.warning("second opinion off: no encoder model (run `make encoder-model` or set SIGNPOST_ENCODER_MODEL; SIGNPOST_SECOND_OPINION=off says it is meant)")
                }
                let sealing = try SealingConfiguration()
                let decider = ClassifierDecider(classifier: classifier, sealing: ContactSealing(keyStore: try sealing.openKeyStore(), subjectKey: configuration.pseudonymKey))
                return try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
            }
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
              classifier classify --model /tmp/Candidate.swift < enquiries.jsonl   # a model written by `train`, not yet built in
            """
        )
        @Option(help: "A TrainedModel.swift written by `train`, instead of the built-in model (as `evaluate --model`).") var model: String?
        @Flag(help: "The rules and the linear model alone, even where the encoder model is present.") var noSecondOpinion = false

        func run() throws {
            let opinion = noSecondOpinion ? nil : try SecondOpinion.configured()
            let classifier = try ClassifierTool.classifier(model: model.map { URL(fileURLWithPath: $0) }, secondOpinion: opinion)
            OfflineContract.run(ClassifyRequest.self) { request in
                ClassifyResponse(id: request.id, classification: classifier.classify(text: request.text, channel: request.channel))
            }
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the model from a labelled corpus and write it as Swift source (TrainedModel.swift).",
            discussion: """
            Deterministic: the same corpus gives the same file, byte for byte. Rebuild afterwards.

            Example:
              swift run classifier train corpus/classification/train.jsonl --out Services/classifier/Decision/TrainedModel.swift
            """
        )
        @Argument(help: "JSON Lines of labelled enquiries (the format of shared/spec/examples.jsonl).") var corpus: String
        @Option(help: "Where to write the generated Swift source.") var out: String = "Services/classifier/Decision/TrainedModel.swift"

        func run() throws {
            let (source, summary) = try ClassifierTool.train(corpus: URL(fileURLWithPath: corpus), trainer: .fromEnvironment())
            try source.write(toFile: out, atomically: true, encoding: .utf8)
            print(summary)
            print("wrote \(out)")
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-label precision, recall and F1, confusion matrices and the issue's targets, on a labelled corpus.",
            discussion: """
            Example:
              swift run -c release classifier evaluate corpus/classification/test.jsonl
            """
        )
        @Argument(help: "JSON Lines of labelled enquiries.") var corpus: String
        @Flag(help: "The rules alone, without the model.") var rulesOnly = false
        @Option(help: "A TrainedModel.swift written by `train`, instead of the built-in model.") var model: String?
        @Flag(help: "List every wrong answer.") var mistakes = false
        @Flag(help: "List every enquiry's confidence and whether kind and service were both right (1) or not (0).") var confidences = false
        @Flag(help: "The rules and the linear model alone, even where the encoder model is present.") var noSecondOpinion = false

        func run() throws {
            let opinion = noSecondOpinion || rulesOnly ? nil : try SecondOpinion.configured()
            let result = try ClassifierTool.evaluate(corpus: URL(fileURLWithPath: corpus), rulesOnly: rulesOnly, model: model.map { URL(fileURLWithPath: $0) },
                                                     secondOpinion: opinion, showMistakes: mistakes, showConfidences: confidences)
            print(result.report)
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classifications per second on one thread, with a same-run tokenisation baseline and their ratio.",
            discussion: """
            Build in release mode and pin to one core for a stable figure:
              swift build -c release --product classifier
              taskset -c 0 .build/release/classifier bench corpus/classification/train.jsonl corpus/classification/test.jsonl
            """
        )
        @Argument(help: "JSON Lines files whose texts are classified.") var corpora: [String] = ["corpus/classification/train.jsonl", "corpus/classification/test.jsonl"]
        @Option(help: "Seconds per measurement.") var seconds: Double = 3
        @Flag(help: "Also measure with the second opinion on (needs the encoder model; about a minute more).") var secondOpinion = false

        func run() throws {
            let opinion = secondOpinion ? try SecondOpinion.configured() : nil
            if secondOpinion, opinion == nil { throw ValidationError("no encoder model: run `make encoder-model` or set SIGNPOST_ENCODER_MODEL") }
            print(try ClassifierTool.bench(corpora: corpora.map { URL(fileURLWithPath: $0) }, seconds: seconds, secondOpinion: opinion))
        }
    }
}
