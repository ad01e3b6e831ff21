import Foundation

/// The legal deadlines for answering requests, counted from the day the request was received.
public enum StatutoryClock {
    /// A deadline and the rule that sets it.
    public struct Deadline: Sendable, Hashable {
        public var due: Date
        public var rule: String
    }

    /// Bank holidays in England and Wales, 2025 to 2027 (the UK Government's list), as UTC dates.
    public static let bankHolidays: Set<String> = [
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    ]

    /// ``bankHolidays`` as days since 1970-01-01.
    private static let bankHolidayDays: Set<Int64> = Set(bankHolidays.map { text in
        let parts = text.split(separator: "-").map { Int($0)! }
        return EventCodec.days(fromCivil: parts[0], parts[1], parts[2])
    })

    private static let secondsPerDay = 86_400.0

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
        isNonWorkingDay(day: day(of: date))
    }

    /// `days` working days after `date` (the first working day after receipt is day 1), at the
    /// same time of day. UTC has no daylight saving, so a day is always 86,400 seconds.
    public static func addingWorkingDays(_ days: Int, to date: Date) -> Date {
        var day = day(of: date)
        var stepped = 0
        var left = days
        while left > 0 {
            day += 1
            stepped += 1
            if !isNonWorkingDay(day: day) { left -= 1 }
        }
        return date.addingTimeInterval(Double(stepped) * secondsPerDay)
    }

    /// Days since 1970-01-01 of the UTC date `date` falls on.
    private static func day(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / secondsPerDay).rounded(.down))
    }

    /// 1970-01-01 was a Thursday: day 0 has weekday 4 counting Sunday as 0.
    private static func isNonWorkingDay(day: Int64) -> Bool {
        let weekday = ((day + 4) % 7 + 7) % 7
        return weekday == 0 || weekday == 6 || bankHolidayDays.contains(day)
    }

    private static func endOfDay(_ date: Date) -> Date {
        calendar.date(byAdding: DateComponents(day: 1, second: -1), to: calendar.startOfDay(for: date))!
    }
}
