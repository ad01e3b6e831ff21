import ArgumentParser
import Foundation
import RightsCore
import SignpostEvents
import SignpostOps
import SignpostSealing

/// Who acts and on what authority: every rights command refuses without both.
struct ActorOptions: ParsableArguments {
    @Option(help: "Your operator id (required; holds and erasure need one listed in retention/schedule.yaml).")
    var `operator`: String?

    @Option(help: "The authority: the request, inquiry or matter this serves (required).")
    var authority: String?

    func actor() throws -> RightsActor { try RightsActor(operatorId: `operator`, authority: authority) }
}

/// The time a `--now` option gives (RFC 3339), or the present.
func clockTime(_ text: String?) throws -> Date {
    guard let text else { return Date() }
    guard let date = try? Date.ISO8601FormatStyle().parse(text) else { throw ValidationError("--now must be an RFC 3339 time such as 2027-12-01T00:00:00Z") }
    return date
}

/// The person a command is about.
struct PersonOptions: ParsableArguments {
    @Option(help: "The email address the person contacted the council with.")
    var email: String?

    @Option(help: "The UK phone number the person contacted the council with.")
    var phone: String?

    @Option(help: "The person's name, with --postcode: finds contacts that gave neither an email nor a phone.")
    var name: String?

    @Option(help: "The postcode of the person's address, with --name.")
    var postcode: String?

    /// What the person is known by.
    var identifiers: PersonIdentifiers { PersonIdentifiers(email: email, phone: phone, name: name, postcode: postcode) }
}

extension ConnectionOptions {
    /// The rights workflows on this connection, with the key store and retention schedule of the environment.
    func rightsOperations() throws -> RightsOperations {
        let catalogue = try loadCatalogue()
        let schedule = try RetentionSchedule.loadDefault(topicsDirectory: catalogue.directory)
        let sealing = try SealingConfiguration()
        let config = configuration
        return RightsOperations(
            bootstrapServers: config.bootstrapServers, catalogue: catalogue, schedule: schedule, subjectKey: config.pseudonymKey,
            keyStore: try sealing.openKeyStore(), logger: logger()
        )
    }
}

struct Rights: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Information rights: access, erasure and legal holds, each recorded on the rights topic.",
        discussion: """
        Every action is a RightsAction event on rights.actions.recorded.v1 with the operator,
        the time and the authority; commands refuse without --operator and --authority.
        Placing or lifting a hold and erasure need an operator listed in retention/schedule.yaml.
        See docs/rights.md.
        """,
        subcommands: [Access.self, Rectify.self, Erase.self, Restrict.self, Object.self, Hold.self, Lift.self, Holds.self, Clocks.self]
    )

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything held about a person: a JSON bundle and a readable HTML copy.",
            discussion: """
            The person is found by any identifier given: --email, --phone, or --name with --postcode
            (for contacts that gave neither an email nor a phone). Every enquiry that carries one of
            them is included, whichever identifier it was filed under.

            Example: signpost rights access --email joan@example.net --operator dpo --authority SAR-2026-0142 --out sar-0142
            Example: signpost rights access --name "Joan Hale" --postcode "WR10 1AB" --operator dpo --authority SAR-2026-0143 --out sar-0143
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "Folder to write bundle.json and bundle.html into.")
        var out: String

        func run() async throws {
            let bundle = try await connection.rightsOperations().access(person.identifiers, actor: try actor.actor())
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(bundle).write(to: folder.appendingPathComponent("bundle.json"))
            try bundle.html.write(to: folder.appendingPathComponent("bundle.html"), atomically: true, encoding: .utf8)
            print("wrote \(folder.path)/bundle.json and bundle.html: \(bundle.enquiries.count) enquiries")
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct one of a person's contact details; future referrals use it and earlier recipients are told.",
            discussion: "Example: signpost rights rectify --email joan@example.net --type ADDRESS --value \"4 Mill Lane, Pershore\" --operator dpo --authority RECT-2026-0009"
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "PERSON, EMAIL, PHONE, ADDRESS or POSTCODE.") var type: String
        @Option(help: "The corrected value.") var value: String

        func run() async throws {
            guard let piiType = PIIType(rawValue: type.uppercased()) else { throw ValidationError("--type must be PERSON, EMAIL, PHONE, ADDRESS or POSTCODE") }
            let (action, notices) = try await connection.rightsOperations().rectify(
                person.identifiers, type: piiType, value: value, actor: try actor.actor()
            )
            print("\(action.action.rawValue): \(action.detail)")
            for n in notices { print("  correction notice to \(n.recipient) for \(n.reference)") }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a person's data where the law allows, or record why it may not.",
            discussion: "Example: signpost rights erase --email joan@example.net --operator dpo --authority ERASURE-2026-0007"
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            let action = try await connection.rightsOperations().erase(person.identifiers, actor: try actor.actor())
            print("\(action.action.rawValue): \(action.detail)")
            for line in action.kept { print("  kept: \(line)") }
            if action.action == .erasureRefused { throw ExitCode(2) }
        }
    }

    struct Restrict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restrict processing of a person's data (stored only), or lift the restriction with --lift.",
            discussion: """
            While restricted, the referral service holds the person's new enquiries (status `held`)
            unless a legal obligation applies, and no survey goes to them. Lifting it replays the
            held enquiries, which are then referred.

            Example: signpost rights restrict --email joan@example.net --operator dpo --authority RESTRICT-2026-0003
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions
        @Flag(help: "Lift the restriction instead.") var lift = false

        func run() async throws {
            let (recorded, replayed) = try await connection.rightsOperations().setRights(
                lift ? .restrictionLifted : .restrictionPlaced, person.identifiers, actor: try actor.actor()
            )
            for a in recorded { print("\(a.action.rawValue): \(a.detail)") }
            if !replayed.isEmpty { print("replayed \(replayed.count) held enquiries: \(replayed.joined(separator: ", "))") }
        }
    }

    struct Object: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a person's objection to processing that rests on public task or consent, or withdraw it with --withdraw.",
            discussion: """
            While it stands, partners outside the council receive the person's enquiries as redacted
            text only with a request to seek consent (as for a refusal to share), and no survey goes
            to them; a legal obligation (safeguarding) overrides it, on the sharing record.

            Example: signpost rights object --phone "07700 900461" --operator dpo --authority OBJ-2026-0011
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions
        @Flag(help: "Withdraw the objection instead.") var withdraw = false

        func run() async throws {
            let (recorded, _) = try await connection.rightsOperations().setRights(
                withdraw ? .objectionWithdrawn : .objectionRecorded, person.identifiers, actor: try actor.actor()
            )
            for a in recorded { print("\(a.action.rawValue): \(a.detail)") }
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a legal hold: no disposal or erasure of what it covers until it is lifted.",
            discussion: "Example: signpost rights hold --id H-2026-03 --enquiry SP-261129-7KQ4M-2XD9A --operator legal-services --authority \"Inquiries Act 2005: inquiry into home care\""
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var person: PersonOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "The hold's id.") var id: String
        @Option(help: "Hold one enquiry, by case reference.") var enquiry: String?
        @Option(help: "Hold one record, such as a call recording id.") var record: String?

        func run() async throws {
            let operations = try connection.rightsOperations()
            let (scope, target): (RightsAction.HoldScope, String)
            if let enquiry { (scope, target) = (.enquiry, enquiry) } else if let record { (scope, target) = (.record, record) } else {
                (scope, target) = (.subject, try operations.subjects(person.identifiers)[0])
            }
            let action = try await operations.placeHold(id: id, scope: scope, target: target, actor: try actor.actor())
            print(action.detail)
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a legal hold.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "The hold's id.") var id: String

        func run() async throws {
            print(try await connection.rightsOperations().liftHold(id: id, actor: try actor.actor()).detail)
        }
    }

    struct Clocks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The breach-risk report: open FOI, EIR and subject-rights requests near or past their legal deadline.",
            discussion: """
            FOI and EIR requests are due 20 working days after receipt (weekends and England and
            Wales bank holidays excluded), subject-rights requests one month after; a request is
            open until a team closes its referral. Run daily; exit status 3 when any is overdue.

            Example: signpost rights clocks --within 5
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Warn of requests due within this many days.") var within: Int = 5
        @Option(help: "Judge at this time (RFC 3339); default now.") var now: String?
        @Flag(help: "List the requests on track too.") var all = false

        func run() async throws {
            let clock = try clockTime(now)
            let snapshot = try await connection.rightsOperations().read()
            let rows = StatutoryClocks.report(enquiries: snapshot.enquiries, closed: snapshot.closedReferences, now: clock, warnWithinDays: within)
            for r in rows where all || r.state != .onTrack {
                print("\(r.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(r.reference)  \(r.kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) due \(EventCodec.format(r.due)) (\(r.daysLeft) days)  \(r.rule)")
            }
            let overdue = rows.filter { $0.state == .overdue }.count
            print("clocks: open=\(rows.count) overdue=\(overdue) due_within_\(within)_days=\(rows.filter { $0.state == .dueSoon }.count)")
            if overdue > 0 { throw ExitCode(3) }
        }
    }

    struct Holds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the legal holds in force.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let holds = try await connection.rightsOperations().read().holds.active.values.sorted { $0.holdId < $1.holdId }
            if holds.isEmpty { print("no legal hold in force") }
            for h in holds { print("\(h.holdId)  \(h.scope.rawValue) \(h.target)  \(h.matter)  placed by \(h.placedBy) \(EventCodec.format(h.placedAt))") }
        }
    }
}

struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dispose of records past their retention period (retention/schedule.yaml), except those under a legal hold.",
        discussion: """
        Call recordings older than a year after the call are flagged for deletion in their
        store, one RightsAction (record_disposed) each; records a legal hold covers are kept
        and listed. --now sets the clock (for a rehearsal); --dry-run records nothing.

        Example: signpost retention --operator retention-job --authority "retention schedule 2026.11.1"
        """
    )
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var actor: ActorOptions
    @Option(help: "The time to judge expiry at (RFC 3339); default now.") var now: String?
    @Flag(help: "Decide and print, but record nothing.") var dryRun = false

    func run() async throws {
        let clock = try clockTime(now)
        let (disposed, decisions) = try await connection.rightsOperations().runRetention(actor: try actor.actor(), now: clock, dryRun: dryRun)
        for d in decisions {
            if case .held(let r, let holds) = d { print("held   \(r.kind) \(r.store)/\(r.id): \(holds.map { "\($0.holdId) (\($0.matter))" }.joined(separator: ", "))") }
        }
        for a in disposed { print("\(dryRun ? "due    " : "disposed") \(a.recordKind ?? "") \(a.recordStore ?? "")/\(a.recordId ?? "")") }
        let kept = decisions.filter { if case .keep = $0 { true } else { false } }.count
        print("retention: disposed=\(disposed.count) held=\(decisions.count - disposed.count - kept) within_period=\(kept)\(dryRun ? " (dry run)" : "")")
    }
}
