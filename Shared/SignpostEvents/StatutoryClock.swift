import Foundation

/// The legal deadlines for answering requests, counted from the day the request was received.
public enum StatutoryClock {
    /// A deadline and the rule that sets it.
    public struct Deadline: Sendable, Hashable {
        public var due: Date
        public var rule: String
    }

    /// Bank holidays in England and Wales, 2025 to 2027 (the UK Government's list), as UTC dates.
    static let bankHolidays: Set<String> = [
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    ]

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// The deadline for a kind of enquiry received at `receivedAt`, or nil when the law sets none:
    /// FOI and EIR requests, 20 working days (FOIA 2000 s.10(1), EIR 2004 reg. 5(2)); subject-rights
    /// requests, one month (UK GDPR Art. 12(3)). The due moment is the end of the due day (UTC).
    public static func deadline(for kind: EnquiryKind, receivedAt: Date) -> Deadline? {
        switch kind {
        case .foiRequest:
            return Deadline(due: endOfDay(addingWorkingDays(20, to: receivedAt)), rule: "FOIA 2000 s.10(1): 20 working days")
        case .eirRequest:
            return Deadline(due: endOfDay(addingWorkingDays(20, to: receivedAt)), rule: "EIR 2004 reg. 5(2): 20 working days")
        case .dataRightsRequest:
            let month = calendar.date(byAdding: .month, value: 1, to: receivedAt)!
            return Deadline(due: endOfDay(month), rule: "UK GDPR Art. 12(3): one month")
        default:
            return nil
        }
    }

    /// True on Saturdays, Sundays and bank holidays in England and Wales.
    public static func isNonWorkingDay(_ date: Date) -> Bool {
        if calendar.isDateInWeekend(date) { return true }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return bankHolidays.contains(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!))
    }

    /// `days` working days after `date` (the first working day after receipt is day 1).
    public static func addingWorkingDays(_ days: Int, to date: Date) -> Date {
        var out = date
        var left = days
        while left > 0 {
            out = calendar.date(byAdding: .day, value: 1, to: out)!
            if !isNonWorkingDay(out) { left -= 1 }
        }
        return out
    }

    private static func endOfDay(_ date: Date) -> Date {
        calendar.date(byAdding: DateComponents(day: 1, second: -1), to: calendar.startOfDay(for: date))!
    }
}
