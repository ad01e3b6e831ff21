/// Deterministic ids for outputs, so a record processed twice yields outputs with the same ids.
public enum EventIds {
    /// `ReferralIssued.referralId` for an enquiry and recipient.
    public static func referral(reference: String, recipient: String) -> String { "\(reference):referral:\(recipient)" }
    /// `SurveyInvited.invitationId` for an enquiry.
    public static func surveyInvitation(reference: String) -> String { "\(reference):survey" }
    /// `PerformanceEvent.eventId` for an enquiry's stage.
    public static func performance(enquiry: String, stage: PerformanceEvent.Stage) -> String { "\(enquiry):\(stage.rawValue)" }
}
