import Foundation
import SignpostEvents

/// What a recipient's connector (the council-run bridge from a referral topic to the team's or
/// partner's own system) uses to read the personal values a referral shares with it.
extension Unsealer {
    /// The values a referral shares, in clear: the sealed share opened (every value in it, which
    /// the referral service already limited to what the recipient may receive), or the clear
    /// values of a 1.1 referral. Throws `erased` once the resident's data was erased.
    public func sharedValues(of referral: ReferralIssued) throws(SealingError) -> [PersonalValue] {
        guard let sealed = referral.sealedShare else { return referral.sharedValues }
        let opened = try unseal(sealed, reference: referral.referralId, allowedTypes: Set(PIIType.allCases))
        return sealed.values.compactMap { v in opened[v.placeholder].map { PersonalValue(placeholder: v.placeholder, type: v.type, value: $0) } }
    }

    /// The corrected value a notice brings, in clear. Throws `erased` once the resident's data was erased.
    public func correctedValue(of notice: ReferralCorrected) throws(SealingError) -> String? {
        guard let sealed = notice.sealedValue else { return notice.value }
        return try unseal(sealed, reference: notice.referralId, allowedTypes: [notice.type])[notice.placeholder]
    }
}
