import SignpostEvents

/// Where an enquiry goes: a recipient id of the topic catalogue, and why triage when it is triage.
public struct RoutingDecision: Sendable, Hashable {
    public var recipient: String
    public var triageReason: String?
    public var priority: ReferralPriority
}

/// The routing rules: classification in, recipient out.
public struct RoutingPolicy: Sendable {
    /// Below this confidence a person decides (triage). Safeguarding is never held back for it.
    public var triageBelowConfidence: Double

    public static let triageRecipient = "triage"

    public init(triageBelowConfidence: Double = 0.5) {
        self.triageBelowConfidence = triageBelowConfidence
    }

    /// The recipient id for a service (and district), as the catalogue names it.
    public static func recipient(for service: ResponsibleService, district: District?) -> String? {
        switch service {
        case .districtCouncil: district.map { "district_\($0.rawValue)" }
        default: service.rawValue
        }
    }

    /// Every recipient this policy can choose: each must have a referral topic in the catalogue.
    public static var possibleRecipients: [String] {
        var out = ResponsibleService.allCases.filter { $0 != .districtCouncil }.map(\.rawValue)
        out += District.allCases.map { "district_\($0.rawValue)" }
        out.append(triageRecipient)
        return out.sorted()
    }

    /// Recipients outside the council: a resident's refusal to share applies to them.
    public static func isPartner(_ recipient: String) -> Bool {
        recipient.hasPrefix("district_") || recipient == ResponsibleService.nhs.rawValue || recipient == ResponsibleService.police.rawValue
    }

    public func route(_ classification: Classification) -> RoutingDecision {
        if classification.kind == .safeguardingConcern {
            // A legal obligation to act: straight to the safeguarding team, whatever the confidence.
            let team: ResponsibleService = classification.service == .childrensServices ? .childrensServices : .adultSocialCare
            return RoutingDecision(recipient: team.rawValue, triageReason: nil, priority: .immediate)
        }
        let priority: ReferralPriority = classification.kind == .complaint ? .urgent : .routine
        if classification.confidence < triageBelowConfidence {
            let reason = "confidence \(Self.format(classification.confidence)) below \(Self.format(triageBelowConfidence))"
            return RoutingDecision(recipient: Self.triageRecipient, triageReason: reason, priority: priority)
        }
        guard let recipient = Self.recipient(for: classification.service, district: classification.district) else {
            return RoutingDecision(
                recipient: Self.triageRecipient, triageReason: "district council work, but no postcode or town says which district", priority: priority
            )
        }
        return RoutingDecision(recipient: recipient, triageReason: nil, priority: priority)
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
