/// Every event type of the schema, so the catalogue, the JSON Schemas and the tools can check
/// that each name they use is real.
public enum EventTypes {
    public static let all: [any SignpostEvent.Type] = [
        ContactReceived.self, EnquiryLogged.self, EnquiryClassified.self, EnquiryRedacted.self,
        EnquiryStatusChanged.self, ReferralIssued.self, SurveyInvited.self, SurveyResponded.self,
        PerformanceEvent.self, DeadLetter.self,
        SurveyFeedback.self, PerformanceAggregate.self, SharingRecorded.self, EnquiryAcknowledged.self, ReferralClosed.self, RightsAction.self, ReferralCorrected.self,
        ReferralErased.self, EnquiryReclassified.self,
    ]

    /// The type with this name, or nil.
    public static func named(_ name: String) -> (any SignpostEvent.Type)? {
        all.first { $0.typeName == name }
    }
}
