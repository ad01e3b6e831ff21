import ArgumentParser
import Foundation
import SignpostEvents
import SignpostOps

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print who received what about an enquiry or a person, and why, from the sharing record.",
        discussion: """
        Reads audit.sharing.recorded.v1 from the beginning (no consumer group) to its current
        end. Each line is one referral: when, the case reference, the recipient and whether it
        is inside the council or a partner, the lawful basis, the entity types shared and
        withheld, any Art. 9 condition, a refusal to share and whether a legal obligation
        overrode it, and the sharing catalogue's version. Never the values themselves.

        A person is found by the keyed hash of their normalised email or phone (the services'
        SIGNPOST_PSEUDONYM_KEY), so give the one they contacted the council with.

        Examples:
          signpost audit SP-261129-7KQ4M-2XD9A
          signpost audit --subject priya.shah@example.net
          signpost audit --subject "07700 900461" --json
        """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The enquiry's case reference.")
    var reference: String?

    @Option(help: "An email address or UK phone number of the person.")
    var subject: String?

    @Flag(help: "Print each record as JSON.")
    var json = false

    func validate() throws {
        guard (reference == nil) != (subject == nil) else {
            throw ValidationError("give either a case reference or --subject EMAIL_OR_PHONE")
        }
    }

    func run() async throws {
        let config = connection.configuration
        let audit = try await SharingAudit.read(bootstrapServers: config.bootstrapServers, catalogue: try loadCatalogue(), logger: connection.logger())
        let records = try reference.map { audit.enquiry($0) } ?? audit.person(subject ?? "", subjectKey: config.pseudonymKey)
        if json {
            for r in records { print(String(decoding: EventCodec.encode(r), as: UTF8.self)) }
        } else {
            print(SharingAudit.table(records))
            print("\(records.count) referrals on record; \(Set(records.map(\.reference)).count) enquiries")
        }
    }
}
