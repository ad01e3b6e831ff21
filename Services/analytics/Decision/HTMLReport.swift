import Foundation
import SignpostEvents

/// A self-contained HTML page of ``PerformanceAggregates`` for `signpost report`: inline CSS
/// and inline SVG charts, no scripts, no external resources. It shows only counts, rates,
/// times and scores of pseudonymous enquiries: never text, names or case references.
public enum HTMLReport {
    /// The page. `generatedAt` is printed in the header.
    public static func render(_ aggregates: PerformanceAggregates, generatedAt: Date, title: String = "Signpost: service performance and satisfaction") -> String {
        let total = aggregates.total
        let hours = aggregates.buckets.keys.compactMap(\.hour)
        let span = hours.isEmpty ? "no enquiries yet" :
            "contacts received \(AggregateFormatting.hourText(hours.min()!)) to \(AggregateFormatting.hourText(hours.max()!.addingTimeInterval(3600)))"
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        <header>
        <h1>\(escape(title))</h1>
        <p class="sub">Worcestershire County Council customer services · \(escape(span)) · generated \(escape(EventCodec.format(generatedAt)))</p>
        <p class="sub">Counts of pseudonymous enquiries from the performance stream: no text, names, contact details or case references.</p>
        </header>
        <section class="tiles">
        \(tile("Enquiries", "\(total.enquiries)"))
        \(tile("Referred", "\(total.referred)"))
        \(tile("Triage rate", AggregateFormatting.percent(total.triageRate)))
        \(tile("Dead-letter rate", AggregateFormatting.percent(total.deadLetterRate)))
        \(tile("Median to referral", AggregateFormatting.duration(total.medianReferralMilliseconds)))
        \(tile("p90 to referral", AggregateFormatting.duration(total.p90ReferralMilliseconds.map(Double.init))))
        \(tile("Survey response", AggregateFormatting.percent(total.surveyResponseRate)))
        \(tile("Mean score", total.meanScore.map { String(format: "%.2f / 5", $0) } ?? "-"))
        </section>

        """
        html += section("Volumes by channel over time", "Enquiries per hour of contact, stacked by channel.", volumesChart(aggregates))
        html += section("Time from contact to referral by service", "Median (bar) and 90th percentile (mark) of the time from the contact to the referral or triage.", referralChart(aggregates))
        html += section("Satisfaction by team", "Mean survey score (1 to 5) by the team the enquiry was referred to; answers and response rate on the right.", satisfactionChart(aggregates))
        html += section("By channel", "", tableHTML(aggregates.rolledUp(keeping: [.channel]), dimension: .channel))
        html += section("By service", "", tableHTML(aggregates.rolledUp(keeping: [.service]), dimension: .service))
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Charts

    static let channelColours: [(Channel?, String)] = [(.phone, "#1b6ca8"), (.email, "#e07b39"), (.webform, "#3a9d5d"), (.bot, "#8e5bb5"), (nil, "#9a9a9a")]

    /// Stacked bars: one per hour, a segment per channel.
    static func volumesChart(_ aggregates: PerformanceAggregates) -> String {
        let byHour = aggregates.rolledUp(keeping: [.hour, .channel])
        let hours = Array(Set(byHour.keys.compactMap(\.hour))).sorted()
        guard !hours.isEmpty else { return empty }
        let totals = hours.map { h in byHour.filter { $0.key.hour == h }.values.reduce(0) { $0 + $1.enquiries } }
        let maxTotal = max(1, totals.max() ?? 1)
        let width = 1040.0, height = 300.0, left = 56.0, bottom = 40.0, top = 16.0
        let plotH = height - bottom - top, plotW = width - left - 16
        let slot = plotW / Double(hours.count), barW = min(64, slot * 0.7)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 28))\" width=\"100%\" role=\"img\" aria-label=\"Enquiries per hour by channel\">"
        svg += axisY(max: Double(maxTotal), left: left, top: top, plotH: plotH, width: width, format: { String(Int($0.rounded())) })
        let labelEvery = max(1, hours.count / 12)
        for (i, hour) in hours.enumerated() {
            let x = left + slot * Double(i) + (slot - barW) / 2
            var y = top + plotH
            for (channel, colour) in channelColours {
                let n = byHour[BucketKey(hour: hour, channel: channel)]?.enquiries ?? 0
                guard n > 0 else { continue }
                let h = plotH * Double(n) / Double(maxTotal)
                y -= h
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barW))\" height=\"\(f(h))\" fill=\"\(colour)\"><title>\(escape(AggregateFormatting.hourText(hour))) \(channel?.rawValue ?? "unknown"): \(n)</title></rect>"
            }
            svg += "<text x=\"\(f(x + barW / 2))\" y=\"\(f(top + plotH - plotH * Double(totals[i]) / Double(maxTotal) - 4))\" class=\"val\" text-anchor=\"middle\">\(totals[i])</text>"
            if i % labelEvery == 0 {
                svg += "<text x=\"\(f(x + barW / 2))\" y=\"\(f(top + plotH + 16))\" class=\"tick\" text-anchor=\"middle\">\(escape(hourLabel(hour)))</text>"
            }
        }
        // Legend
        var lx = left
        for (channel, colour) in channelColours where byHour.keys.contains(where: { $0.channel == channel }) {
            svg += "<rect x=\"\(f(lx))\" y=\"\(f(height + 8))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(f(lx + 16))\" y=\"\(f(height + 18))\" class=\"tick\">\(channel?.rawValue ?? "unknown (dead-lettered)")</text>"
            lx += channel == nil ? 200 : 100
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of the median time to referral per service, with the p90 marked.
    static func referralChart(_ aggregates: PerformanceAggregates) -> String {
        let rows = aggregates.rolledUp(keeping: [.service]).filter { !$0.value.referralMilliseconds.isEmpty }
            .sorted { ($0.value.medianReferralMilliseconds ?? 0) > ($1.value.medianReferralMilliseconds ?? 0) }
        guard !rows.isEmpty else { return empty }
        let maxMs = max(1, rows.compactMap { $0.value.p90ReferralMilliseconds }.max() ?? 1)
        return horizontalBars(rows.map { key, m in
            (label: AggregateFormatting.label(key, .service), value: m.medianReferralMilliseconds ?? 0, mark: m.p90ReferralMilliseconds.map(Double.init),
             text: "\(AggregateFormatting.duration(m.medianReferralMilliseconds)) · p90 \(AggregateFormatting.duration(m.p90ReferralMilliseconds.map(Double.init))) · n=\(m.referralMilliseconds.count)")
        }, max: Double(maxMs), colour: "#1b6ca8", markColour: "#c0392b", axis: { AggregateFormatting.duration($0) })
    }

    /// Horizontal bars of the mean score per team.
    static func satisfactionChart(_ aggregates: PerformanceAggregates) -> String {
        let rows = aggregates.rolledUp(keeping: [.team]).filter { $0.value.scoreCount > 0 }
            .sorted { ($0.value.meanScore ?? 0, $1.key.team ?? "") > ($1.value.meanScore ?? 0, $0.key.team ?? "") }
        guard !rows.isEmpty else { return empty }
        return horizontalBars(rows.map { key, m in
            (label: AggregateFormatting.label(key, .team), value: m.meanScore ?? 0, mark: nil,
             text: "\(String(format: "%.2f", m.meanScore ?? 0)) · \(m.scoreCount) \(m.scoreCount == 1 ? "answer" : "answers") · \(AggregateFormatting.percent(m.surveyResponseRate)) responded")
        }, max: 5, colour: "#3a9d5d", markColour: nil, ticks: 5, axis: { String(format: "%.0f", $0) })
    }

    static func horizontalBars(_ rows: [(label: String, value: Double, mark: Double?, text: String)], max maxValue: Double, colour: String, markColour: String?,
                               ticks: Int = 4, axis: (Double) -> String) -> String {
        let rowH = 26.0, left = 190.0, right = 300.0, width = 1040.0, top = 10.0
        let plotW = width - left - right
        let height = top + rowH * Double(rows.count) + 26
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\">"
        for i in 0...ticks {
            let v = maxValue * Double(i) / Double(ticks), x = left + plotW * Double(i) / Double(ticks)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(height - 22))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - 6))\" class=\"tick\" text-anchor=\"middle\">\(escape(axis(v)))</text>"
        }
        for (i, row) in rows.enumerated() {
            let y = top + rowH * Double(i)
            let w = plotW * min(1, row.value / maxValue)
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 17))\" class=\"lab\" text-anchor=\"end\">\(escape(row.label))</text>"
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowH - 8))\" fill=\"\(colour)\" rx=\"2\"/>"
            if let mark = row.mark, let markColour {
                let mx = left + plotW * min(1, mark / maxValue)
                svg += "<line x1=\"\(f(mx))\" y1=\"\(f(y + 2))\" x2=\"\(f(mx))\" y2=\"\(f(y + rowH - 2))\" stroke=\"\(markColour)\" stroke-width=\"3\"/>"
            }
            svg += "<text x=\"\(f(left + plotW + 10))\" y=\"\(f(y + 17))\" class=\"val\">\(escape(row.text))</text>"
        }
        return svg + "</svg>"
    }

    static func axisY(max maxValue: Double, left: Double, top: Double, plotH: Double, width: Double, format: (Double) -> String) -> String {
        var svg = ""
        for i in 0...4 {
            let y = top + plotH - plotH * Double(i) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - 16))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" class=\"tick\" text-anchor=\"end\">\(format(maxValue * Double(i) / 4))</text>"
        }
        return svg
    }

    // MARK: Tables and pieces

    static func tableHTML(_ buckets: [BucketKey: BucketMetrics], dimension: BucketDimension) -> String {
        var out = "<table><thead><tr><th>\(escape(dimension.rawValue))</th>"
        out += AggregateFormatting.measureHeaders.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (key, m) in buckets.sorted(by: { $0.key < $1.key }) {
            out += "<tr><td>\(escape(AggregateFormatting.label(key, dimension)))</td>"
            out += AggregateFormatting.measures(m).map { "<td class=\"n\">\(escape($0))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func section(_ title: String, _ note: String, _ body: String) -> String {
        "<section><h2>\(escape(title))</h2>" + (note.isEmpty ? "" : "<p class=\"note\">\(escape(note))</p>") + body + "</section>\n"
    }

    static func tile(_ label: String, _ value: String) -> String {
        "<div class=\"tile\"><div class=\"v\">\(escape(value))</div><div class=\"l\">\(escape(label))</div></div>"
    }

    static let empty = "<p class=\"note\">No data yet.</p>"

    static func hourLabel(_ date: Date) -> String {
        let t = AggregateFormatting.hourText(date) // 2026-11-29T09:00Z
        return String(t.dropFirst(5).prefix(5)) + " " + String(t.dropFirst(11).prefix(5))
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
    body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;background:#fafafa}
    header h1{font-size:24px;margin:0 0 4px}.sub{color:#555;margin:2px 0;font-size:13px}
    section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;margin:16px 0}
    h2{font-size:17px;margin:4px 0 6px}.note{color:#666;font-size:12px;margin:0 0 8px}
    .tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;background:none;border:none;padding:0}
    .tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 12px}
    .tile .v{font-size:22px;font-weight:bold;color:#1b3a5c}.tile .l{font-size:12px;color:#666}
    svg text{font-family:inherit}.tick{font-size:11px;fill:#555}.lab{font-size:12px;fill:#222}.val{font-size:11px;fill:#333}
    .grid{stroke:#e4e4e4;stroke-width:1}
    table{border-collapse:collapse;width:100%;font-size:12px}th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:left}
    th{background:#f0f3f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
    """
}
