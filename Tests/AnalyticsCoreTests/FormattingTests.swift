import AnalyticsCore
import Foundation
import SignpostEvents
import Testing

/// What analysts read: the tables, the CSV and the HTML page.
@Suite struct AnalystOutputTests {
    let truth = Simulation.enquiries(seed: 11)
    var aggregates: PerformanceAggregates { PerformanceAggregator(Simulation.events(truth, seed: 11)).snapshot() }

    @Test func csvHasAHeaderAndOneRowPerBucketThatAddUpToTheTotal() {
        let csv = AggregateFormatting.csv(aggregates)
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.first?.hasPrefix("hour,channel,kind,service,team,enquiries,") == true)
        #expect(lines.count == aggregates.buckets.count + 1)
        let enquiriesColumn = lines.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[5])! }
        #expect(enquiriesColumn.reduce(0, +) == truth.count)
    }

    @Test func csvQuotesACellWithACommaOrQuote() {
        let key = BucketKey(hour: Simulation.start, team: "a,\"b\"")
        let csv = AggregateFormatting.csv(PerformanceAggregates(buckets: [key: BucketMetrics()]))
        #expect(csv.contains(#","a,""b""","#))
    }

    @Test func tablesShowEveryGroupingWithUnknownForMissingDimensions() {
        let text = AggregateFormatting.tables(aggregates)
        for title in ["All enquiries", "By hour and channel", "By service", "By team (recipient)", "By kind"] {
            #expect(text.contains(title))
        }
        #expect(text.contains("unknown"), "dead-lettered records have no channel")
        #expect(text.contains("triage"))
    }

    @Test func htmlReportIsSelfContainedWithThreeCharts() {
        let html = HTMLReport.render(aggregates, generatedAt: Simulation.start)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="), "no external resources")
        for heading in ["Volumes by channel over time", "Time from contact to referral by service", "Satisfaction by team"] {
            #expect(html.contains(heading))
        }
    }

    @Test func analystOutputsHoldNoEnquiryIds() {
        let outputs = [HTMLReport.render(aggregates, generatedAt: Simulation.start), AggregateFormatting.csv(aggregates), AggregateFormatting.tables(aggregates)]
        for e in truth.prefix(50) {
            for text in outputs { #expect(!text.contains(e.id)) }
        }
    }

    @Test func htmlEscapesEveryLabel() {
        let key = BucketKey(hour: Simulation.start, team: "<img onerror=x>")
        let metrics = BucketMetrics(enquiries: 1, received: 1, referred: 1, triaged: 0, deadLettered: 0, surveysInvited: 1, surveysAnswered: 1,
                                    scoreSum: 3, scoreCount: 1, referralMilliseconds: [1000])
        let html = HTMLReport.render(PerformanceAggregates(buckets: [key: metrics]), generatedAt: Simulation.start)
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img onerror=x&gt;"))
    }

    @Test func emptyAggregatesRenderWithoutCharts() {
        let html = HTMLReport.render(PerformanceAggregates(), generatedAt: Simulation.start)
        #expect(html.contains("No data yet."))
        #expect(AggregateFormatting.tables(PerformanceAggregates()).contains("(no performance events)"))
    }

    @Test(arguments: [(nil, "-"), (850.0, "850 ms"), (2400.0, "2.4 s"), (186_000.0, "3.1 min"), (18_720_000.0, "5.2 h")] as [(Double?, String)])
    func durationsReadNaturally(ms: Double?, text: String) {
        #expect(AggregateFormatting.duration(ms) == text)
    }
}
