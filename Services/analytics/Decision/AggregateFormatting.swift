import Foundation
import SignpostEvents

/// Readable text tables and CSV of ``PerformanceAggregates``, for `signpost stats`.
public enum AggregateFormatting {
    /// The columns every table and the CSV share, after the dimensions.
    static let measureHeaders = ["enquiries", "referred", "triaged", "dead-lettered", "triage %", "dead-letter %",
                                 "median to referral", "p90 to referral", "invited", "answered", "response %", "mean score"]

    /// The tables `signpost stats` prints: totals, by hour and channel, by service, by team, by kind.
    public static func tables(_ aggregates: PerformanceAggregates) -> String {
        var out = ""
        out += table(title: "All enquiries", dimensions: [], aggregates.rolledUp(keeping: []))
        out += "\n" + table(title: "By hour and channel", dimensions: [.hour, .channel], aggregates.rolledUp(keeping: [.hour, .channel]))
        out += "\n" + table(title: "By service", dimensions: [.service], aggregates.rolledUp(keeping: [.service]))
        out += "\n" + table(title: "By team (recipient)", dimensions: [.team], aggregates.rolledUp(keeping: [.team]))
        out += "\n" + table(title: "By kind", dimensions: [.kind], aggregates.rolledUp(keeping: [.kind]))
        return out
    }

    /// One table: a row per bucket, the given dimensions first.
    public static func table(title: String, dimensions: [BucketDimension], _ buckets: [BucketKey: BucketMetrics]) -> String {
        let headers = dimensions.map(\.rawValue) + measureHeaders
        let rows = buckets.sorted { $0.key < $1.key }.map { key, m in
            dimensions.map { label(key, $0) } + measures(m)
        }
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i < dimensions.count ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ")
        }
        var out = "\(title)\n  " + line(headers) + "\n  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += "  " + line(row) + "\n" }
        if rows.isEmpty { out += "  (no performance events)\n" }
        return out
    }

    /// The CSV export: one row per finest bucket, header first, RFC 4180 quoting, rates as fractions, times in milliseconds.
    public static func csv(_ aggregates: PerformanceAggregates) -> String {
        let header = ["hour", "channel", "kind", "service", "team", "enquiries", "received", "referred", "triaged", "dead_lettered",
                      "triage_rate", "dead_letter_rate", "median_referral_ms", "p90_referral_ms", "surveys_invited", "surveys_answered",
                      "survey_response_rate", "mean_score"]
        var out = header.joined(separator: ",") + "\r\n"
        for (key, m) in aggregates.sorted {
            let cells: [String] = [
                key.hour.map(hourText) ?? "", key.channel?.rawValue ?? "", key.kind?.rawValue ?? "", key.service?.rawValue ?? "", key.team ?? "",
                "\(m.enquiries)", "\(m.received)", "\(m.referred)", "\(m.triaged)", "\(m.deadLettered)",
                decimal(m.triageRate), decimal(m.deadLetterRate), decimal(m.medianReferralMilliseconds, digits: 1),
                m.p90ReferralMilliseconds.map(String.init) ?? "", "\(m.surveysInvited)", "\(m.surveysAnswered)",
                decimal(m.surveyResponseRate), decimal(m.meanScore),
            ]
            out += cells.map(quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A dimension's value in a key, `unknown` when nil.
    public static func label(_ key: BucketKey, _ dimension: BucketDimension) -> String {
        switch dimension {
        case .hour: key.hour.map(hourText) ?? "unknown"
        case .channel: key.channel?.rawValue ?? "unknown"
        case .kind: key.kind?.rawValue ?? "unknown"
        case .service: key.service?.rawValue ?? "unknown"
        case .team: key.team ?? "unknown"
        }
    }

    static func measures(_ m: BucketMetrics) -> [String] {
        ["\(m.enquiries)", "\(m.referred)", "\(m.triaged)", "\(m.deadLettered)", percent(m.triageRate), percent(m.deadLetterRate),
         duration(m.medianReferralMilliseconds), duration(m.p90ReferralMilliseconds.map(Double.init)), "\(m.surveysInvited)",
         "\(m.surveysAnswered)", percent(m.surveyResponseRate), m.meanScore.map { String(format: "%.2f", $0) } ?? "-"]
    }

    /// `2026-11-29T09:00Z`
    public static func hourText(_ date: Date) -> String {
        String(EventCodec.format(date).prefix(16)) + "Z"
    }

    /// `12.5%`, or `-` when there is nothing to divide by.
    public static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    /// `850 ms`, `2.4 s`, `3.1 min`, `5.2 h`, or `-`.
    public static func duration(_ milliseconds: Double?) -> String {
        guard let ms = milliseconds else { return "-" }
        switch ms {
        case ..<1000: return String(format: "%.0f ms", ms)
        case ..<60_000: return String(format: "%.1f s", ms / 1000)
        case ..<3_600_000: return String(format: "%.1f min", ms / 60_000)
        default: return String(format: "%.1f h", ms / 3_600_000)
        }
    }

    static func decimal(_ value: Double?, digits: Int = 4) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? ""
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
