import Foundation
import SignpostEvents
import Yams

/// What one recipient of referrals handles and may receive: an entry of `sharing/recipients.yaml`.
public struct RecipientPolicy: Sendable, Hashable {
    /// Inside the county council, or a partner outside it.
    public enum Scope: String, Sendable, Hashable, Codable {
        case council, partner
    }

    /// The id, as the referral topic's `recipient:` names it.
    public var id: String
    public var name: String
    public var scope: Scope
    /// The responsible services it handles (none for triage).
    public var services: Set<ResponsibleService>
    /// The kinds it handles; nil: every kind of its services.
    public var kinds: Set<EnquiryKind>?
    /// For a district council, its district.
    public var district: District?
    /// Working days it promises to respond in.
    public var responseDays: Int
    /// PII types it may receive in clear under each lawful basis; everything else stays a placeholder.
    public var share: [LawfulBasis: Set<PIIType>]
    /// The Art. 9 condition under which it may receive special-category data about an
    /// identifiable person; nil: it may not.
    public var specialCategoryCondition: SpecialCategoryCondition?

    public init(
        id: String, name: String, scope: Scope, services: Set<ResponsibleService>, kinds: Set<EnquiryKind>? = nil,
        district: District? = nil, responseDays: Int, share: [LawfulBasis: Set<PIIType>], specialCategoryCondition: SpecialCategoryCondition? = nil
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.services = services
        self.kinds = kinds
        self.district = district
        self.responseDays = responseDays
        self.share = share
        self.specialCategoryCondition = specialCategoryCondition
    }

    /// The PII types it may receive in clear under `basis`.
    public func allowedTypes(under basis: LawfulBasis) -> Set<PIIType> { share[basis] ?? [] }

    public var isPartner: Bool { scope == .partner }
}

/// A sharing catalogue that cannot be used; the message names the file, the recipient and what to fix.
public struct SharingCatalogueError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "sharing catalogue: \(file): \(problem)" }
}

/// The routing and sharing catalogue: every recipient of referrals, what it handles and which
/// personal data it may receive under which lawful basis. One file, `sharing/recipients.yaml`.
public struct SharingCatalogue: Sendable, Hashable {
    /// The catalogue's version, recorded on every sharing audit event.
    public var version: String
    public var recipients: [RecipientPolicy]

    /// The recipient that receives what a person must decide.
    public static let triage = "triage"

    /// A catalogue of these recipients; ``validate()`` checks it.
    public init(version: String, recipients: [RecipientPolicy]) {
        self.version = version
        self.recipients = recipients
    }

    /// The recipient with this id.
    public func recipient(_ id: String) -> RecipientPolicy? { recipients.first { $0.id == id } }

    /// The recipient that handles `service` (and, for district council work, `district`), or nil.
    public func recipient(for service: ResponsibleService, district: District?) -> RecipientPolicy? {
        recipients.first { $0.services.contains(service) && (service != .districtCouncil || $0.district == district) }
    }

    /// Checks the catalogue on its own: unique ids, a triage recipient, every service (and every
    /// district) handled by exactly one recipient, safeguarding teams present, sane response times.
    public func validate(file: String = "sharing/recipients.yaml") throws(SharingCatalogueError) {
        func fail(_ problem: String) -> SharingCatalogueError { SharingCatalogueError(file: file, problem: problem) }
        guard !version.isEmpty else { throw fail("`version` must not be empty: it is recorded on every audit event") }
        var seen = Set<String>()
        for r in recipients {
            guard seen.insert(r.id).inserted else { throw fail("recipient '\(r.id)' appears twice; ids must be unique") }
            guard r.responseDays > 0 else { throw fail("recipient '\(r.id)': response_days must be at least 1") }
            if r.services.contains(.districtCouncil) != (r.district != nil) {
                throw fail("recipient '\(r.id)': a district council recipient names its `district`, and only it does")
            }
        }
        guard recipient(Self.triage) != nil else { throw fail("there must be a recipient '\(Self.triage)' for the enquiries a person decides") }
        for service in ResponsibleService.allCases {
            let districts: [District?] = service == .districtCouncil ? District.allCases.map { $0 } : [nil]
            for district in districts {
                let handling = recipients.filter { $0.services.contains(service) && (service != .districtCouncil || $0.district == district) }
                let what = district.map { "\(service.rawValue) in \($0.rawValue)" } ?? service.rawValue
                guard handling.count == 1 else {
                    throw fail("\(handling.count) recipients handle \(what) (\(handling.map(\.id).joined(separator: ", "))); exactly one must")
                }
            }
        }
        for team in [ResponsibleService.childrensServices, .adultSocialCare, .police] {
            guard let r = recipient(for: team, district: nil), !r.allowedTypes(under: .legalObligation).isEmpty, r.specialCategoryCondition != nil else {
                throw fail("the \(team.rawValue) recipient must receive personal data under legal_obligation and special-category data (safeguarding)")
            }
        }
    }

    /// Checks the catalogue against the topic catalogue: each recipient has exactly one referral
    /// topic whose `recipient_scope` agrees with its scope (`county` is council; `district` and `partner` are partners), and each referral topic has a recipient here.
    public func validate(against topics: TopicCatalogue, file: String = "sharing/recipients.yaml") throws(SharingCatalogueError) {
        for r in recipients {
            let matching = topics.topics.filter { $0.recipient == r.id }
            guard matching.count == 1 else {
                throw SharingCatalogueError(file: file, problem: "recipient '\(r.id)' has \(matching.count) referral topics in topics/; add one with `recipient: \(r.id)`")
            }
            // Topics say county, district or partner; districts are partners outside the county council.
            if let scope = matching[0].recipientScope, (scope != "county") != r.isPartner {
                throw SharingCatalogueError(file: file, problem: "recipient '\(r.id)' is \(r.scope.rawValue) here but \(scope) in topics/\(matching[0].name).yaml")
            }
        }
        for topic in topics.topics { if let id = topic.recipient, recipient(id) == nil {
            throw SharingCatalogueError(file: file, problem: "topics/\(topic.name).yaml names recipient '\(id)', which has no entry here")
        } }
    }

    /// Parses YAML text (the format of `sharing/recipients.yaml`) and validates it on its own.
    public static func parse(_ text: String, file: String = "sharing/recipients.yaml") throws(SharingCatalogueError) -> SharingCatalogue {
        let raw: SharingFile
        do {
            raw = try YAMLDecoder().decode(SharingFile.self, from: text)
        } catch {
            throw SharingCatalogueError(file: file, problem: "not a valid catalogue: \(Self.explain(error))")
        }
        let catalogue = try raw.catalogue(file: file)
        try catalogue.validate(file: file)
        return catalogue
    }

    /// Loads and validates a catalogue file.
    public static func load(from url: URL) throws(SharingCatalogueError) -> SharingCatalogue {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SharingCatalogueError(file: url.path, problem: "cannot read the file; set SIGNPOST_SHARING_FILE to sharing/recipients.yaml")
        }
        return try parse(text, file: url.path)
    }

    /// Finds the catalogue: `SIGNPOST_SHARING_FILE`, else `sharing/recipients.yaml` beside the topic
    /// catalogue's folder (see ``TopicCatalogue/locate(environment:)``).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SharingCatalogueError) -> URL {
        if let file = environment["SIGNPOST_SHARING_FILE"], !file.isEmpty { return URL(fileURLWithPath: file) }
        let topics: URL
        do {
            topics = try TopicCatalogue.locate(environment: environment)
        } catch {
            throw SharingCatalogueError(file: "sharing/recipients.yaml", problem: "not found, because \(error); set SIGNPOST_SHARING_FILE")
        }
        return topics.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("sharing/recipients.yaml")
    }

    /// Locates, loads and validates the catalogue, also against `topics`.
    public static func loadDefault(topics: TopicCatalogue, environment: [String: String] = ProcessInfo.processInfo.environment) throws(SharingCatalogueError) -> SharingCatalogue {
        let url = try locate(environment: environment)
        let catalogue = try load(from: url)
        try catalogue.validate(against: topics, file: url.path)
        return catalogue
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case DecodingError.keyNotFound(let key, let c):
            return "\((c.codingPath + [key]).map(\.stringValue).joined(separator: ".")): missing"
        default:
            return "\(error)"
        }
    }
}

/// The YAML shape of the catalogue file.
private struct SharingFile: Decodable {
    struct Recipient: Decodable {
        var id: String
        var name: String
        var scope: String
        var services: [String]
        var kinds: [String]?
        var district: String?
        var response_days: Int
        var share: [String: [String]]?
        var special_category: String?
    }

    var version: String
    var recipients: [Recipient]

    func catalogue(file: String) throws(SharingCatalogueError) -> SharingCatalogue {
        func value<T: RawRepresentable>(_ raw: String, _ type: T.Type, _ field: String, _ id: String) throws(SharingCatalogueError) -> T where T.RawValue == String {
            guard let v = T(rawValue: raw) else {
                throw SharingCatalogueError(file: file, problem: "recipient '\(id)': \(field) '\(raw)' is not a known value (labels.md)")
            }
            return v
        }
        var out: [RecipientPolicy] = []
        for r in recipients {
            var share: [LawfulBasis: Set<PIIType>] = [:]
            for (basis, types) in r.share ?? [:] {
                let b = try value(basis, LawfulBasis.self, "lawful basis", r.id)
                var set = Set<PIIType>()
                for t in types { set.insert(try value(t, PIIType.self, "PII type", r.id)) }
                share[b] = set
            }
            var services = Set<ResponsibleService>()
            for s in r.services { services.insert(try value(s, ResponsibleService.self, "service", r.id)) }
            var kinds: Set<EnquiryKind>?
            if let list = r.kinds {
                var set = Set<EnquiryKind>()
                for k in list { set.insert(try value(k, EnquiryKind.self, "kind", r.id)) }
                kinds = set
            }
            out.append(RecipientPolicy(
                id: r.id, name: r.name, scope: try value(r.scope, RecipientPolicy.Scope.self, "scope", r.id), services: services,
                kinds: kinds, district: try r.district.map { (d) throws(SharingCatalogueError) in try value(d, District.self, "district", r.id) },
                responseDays: r.response_days, share: share,
                specialCategoryCondition: try r.special_category.map { (c) throws(SharingCatalogueError) in try value(c, SpecialCategoryCondition.self, "special_category", r.id) }
            ))
        }
        return SharingCatalogue(version: version, recipients: out)
    }
}
