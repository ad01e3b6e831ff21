import SignpostEvents
import SignpostTopics

/// Where an enquiry goes: a recipient of the sharing catalogue, and why triage when it is triage.
public struct RoutingDecision: Sendable, Hashable {
    public var recipient: String
    public var triageReason: String?
    public var priority: ReferralPriority
}

/// The routing rules: classification (and, for safeguarding, the text) in, recipients out.
/// Which recipient handles which service and district is the sharing catalogue's to say.
public struct RoutingPolicy: Sendable {
    public let catalogue: SharingCatalogue
    /// Below this confidence a person decides (triage). Safeguarding is never held back for it.
    public var triageBelowConfidence: Double

    public static let triageRecipient = SharingCatalogue.triage

    public init(catalogue: SharingCatalogue, triageBelowConfidence: Double = Classification.defaultTriageThreshold) {
        self.catalogue = catalogue
        self.triageBelowConfidence = triageBelowConfidence
    }

    /// Phrases that say someone is in danger now: a safeguarding referral then goes to the police too.
    public static let immediateDangerPhrases = [
        "immediate danger", "in danger now", "in danger right now", "right now", "happening now", "at the moment he is",
        "threatening to kill", "has a knife", "with a knife", "being attacked", "is attacking", "is hitting her now",
        "is hitting him now", "call the police", "send the police", "999",
    ]

    /// True when the text says someone is in immediate danger.
    public static func saysImmediateDanger(_ text: String) -> Bool {
        let lower = text.lowercased()
        return immediateDangerPhrases.contains { lower.contains($0) }
    }

    /// The recipients of an enquiry, the first being the one responsible. Safeguarding goes at
    /// once, at `immediate` priority, to children's or adults' services, and to the police as well
    /// when the text says someone is in immediate danger.
    public func route(_ classification: Classification, text: String = "") -> [RoutingDecision] {
        if classification.kind == .safeguardingConcern {
            // A legal obligation to act: straight to the safeguarding team, whatever the confidence.
            let team: ResponsibleService = classification.service == .childrensServices ? .childrensServices : .adultSocialCare
            var out = [RoutingDecision(recipient: recipientID(for: team), triageReason: nil, priority: .immediate)]
            if Self.saysImmediateDanger(text) {
                out.append(RoutingDecision(recipient: recipientID(for: .police), triageReason: nil, priority: .immediate))
            }
            return out
        }
        let priority: ReferralPriority = classification.kind == .complaint ? .urgent : .routine
        if classification.confidence < triageBelowConfidence {
            let reason = "confidence \(Self.format(classification.confidence)) below \(Self.format(triageBelowConfidence))"
            return [RoutingDecision(recipient: Self.triageRecipient, triageReason: reason, priority: priority)]
        }
        if classification.service == .districtCouncil && classification.district == nil {
            return [RoutingDecision(
                recipient: Self.triageRecipient, triageReason: "district council work, but no postcode or town says which district", priority: priority
            )]
        }
        guard let recipient = catalogue.recipient(for: classification.service, district: classification.district) else {
            return [RoutingDecision(recipient: Self.triageRecipient, triageReason: "no recipient in the sharing catalogue handles \(classification.service.rawValue)", priority: priority)]
        }
        return [RoutingDecision(recipient: recipient.id, triageReason: nil, priority: priority)]
    }

    private func recipientID(for service: ResponsibleService) -> String {
        // The catalogue's validation guarantees these teams exist.
        catalogue.recipient(for: service, district: nil)?.id ?? Self.triageRecipient
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
