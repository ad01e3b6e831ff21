import ArgumentParser
import Foundation
import SignpostEvents
import SignpostOps

/// `signpost triage`: what waits for a person, and a person's decision on it.
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enquiries the classifier was unsure of: list them, and decide one (or reclassify any enquiry).",
        discussion: """
        A decision is an EnquiryReclassified event on customer.enquiry.reclassified.v1; the referral
        service routes the enquiry again under it, with only the data the new recipient may have.
        See docs/classification.md.
        """,
        subcommands: [List.self, Decide.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the enquiries on the triage topic no person has decided yet, most urgent and oldest first."
        )
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let operations = TriageOperations(bootstrapServers: connection.configuration.bootstrapServers, catalogue: try loadCatalogue(), logger: connection.logger())
            let pending = try await operations.pending()
            guard !pending.isEmpty else {
                print("nothing waits for triage")
                return
            }
            for item in pending {
                let r = item.referral
                let c = r.classification
                print("\(r.reference)  \(r.priority.rawValue)  received \(EventCodec.format(r.receivedAt))")
                print("  why: \(r.triageReason ?? "-")")
                print("  classifier: \(c.kind.rawValue)/\(c.service.rawValue)\(c.district.map { "/\($0.rawValue)" } ?? "") confidence \(c.confidence)")
                if !c.candidates.isEmpty {
                    print("  candidates: " + c.candidates.map { "\($0.kind.rawValue)/\($0.service.rawValue) \($0.probability)" }.joined(separator: "; "))
                }
                print("  text: \(r.redactedText.prefix(160))\(r.redactedText.count > 160 ? "…" : "")")
            }
            print("\(pending.count) waiting; decide one with: signpost triage decide REFERENCE --kind KIND --service SERVICE [--district DISTRICT] --operator ID --reason TEXT")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify an enquiry as a person: the referral service routes it again under your decision.",
            discussion: "Example: signpost triage decide SP-261129-7KQ4M-2XD9A --kind complaint --service district_council --district wychavon --operator triage-4 --reason \"missed bin: the district's job\""
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The enquiry's case reference.")
        var reference: String
        @Option(help: "The kind: \(EnquiryKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String
        @Option(help: "The responsible service: \(ResponsibleService.allCases.map(\.rawValue).joined(separator: ", ")).")
        var service: String
        @Option(help: "For district_council: \(District.allCases.map(\.rawValue).joined(separator: ", ")).")
        var district: String?
        @Option(help: "Your operator id (required).")
        var `operator`: String?
        @Option(help: "Why, in a sentence (required; it goes on the record).")
        var reason: String?

        func run() async throws {
            guard let kind = EnquiryKind(rawValue: kind) else {
                throw ValidationError("--kind must be one of \(EnquiryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let service = ResponsibleService(rawValue: service) else {
                throw ValidationError("--service must be one of \(ResponsibleService.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let district = try district.map { text in
                guard let d = District(rawValue: text) else { throw ValidationError("--district must be one of \(District.allCases.map(\.rawValue).joined(separator: ", "))") }
                return d
            }
            let operations = TriageOperations(bootstrapServers: connection.configuration.bootstrapServers, catalogue: try loadCatalogue(), logger: connection.logger())
            do {
                let decision = try await operations.decide(reference: reference, kind: kind, service: service, district: district, operatorId: `operator`, reason: reason)
                print("decided \(decision.reference): \(decision.previous.kind.rawValue)/\(decision.previous.service.rawValue) → \(kind.rawValue)/\(service.rawValue)\(district.map { "/\($0.rawValue)" } ?? ""); the referral service routes it again (\(decision.decisionId))")
            } catch let error as TriageError {
                FileHandle.standardError.write(Data("signpost triage: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
