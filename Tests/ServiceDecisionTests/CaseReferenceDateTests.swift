import Foundation
import IntakeCore
import SignpostEvents
import Testing

@Suite struct CaseReferenceDateTests {
    /// The date part of a reference as it was first written: through `Calendar` and `String(format:)`.
    static func calendarDatePart(_ receivedAt: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let d = calendar.dateComponents([.year, .month, .day], from: receivedAt)
        return String(format: "%02d%02d%02d", (d.year ?? 2000) % 100, d.month ?? 1, d.day ?? 1)
    }

    /// The reference's date part is the calendar's, and the rest is the same for any date.
    static func check(_ date: Date, id: String) {
        let reference = CaseReference.make(channel: .email, contactId: id, receivedAt: date)
        let other = CaseReference.make(channel: .email, contactId: id, receivedAt: Date(timeIntervalSince1970: 1_764_374_400))
        #expect(reference.prefix(10) == "SP-\(calendarDatePart(date))-", "\(date.timeIntervalSince1970)")
        #expect(reference.dropFirst(9) == other.dropFirst(9))
        #expect(CaseReference.isWellFormed(reference))
    }

    @Test func referenceDateIsTheCalendarsUTCDateForRandomMomentsFrom1990To2110() {
        var generator = SystemRandomNumberGenerator()
        let start = 631_152_000.0  // 1990-01-01
        let end = 4_417_977_600.0  // 2110-01-01
        for index in 0..<20_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: start..<end, using: &generator))
            Self.check(date, id: "contact-\(index)")
        }
    }

    @Test func referenceDateChangesExactlyAtUTCMidnight() {
        // A midnight of every week from 2000 to 2100, and a millisecond either side of it.
        var day = 946_684_800.0
        while day < 4_102_444_800 + 86_400 {
            for offset in [-0.001, 0, 0.001] {
                let date = Date(timeIntervalSince1970: day + offset)
                Self.check(date, id: "m")
            }
            day += 86_400 * 7
        }
        // 2000-02-29 00:00, 2024-02-29 23:59:59.999, 2099-12-31 23:59:59.999, 2100-01-01 00:00, 1999-12-31 23:59:59.999
        for seconds in [951_782_400, 1_709_164_800 + 86_399.999, 4_102_358_400 + 86_399.999, 4_102_444_800, 946_684_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            Self.check(date, id: "m")
        }
    }
}
