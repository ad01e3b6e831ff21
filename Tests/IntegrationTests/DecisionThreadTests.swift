import Testing
import ReferralCore
import SignpostEvents
@testable import SignpostRuntime

@Suite("decision thread")
struct DecisionThreadTests {
    @Test func workSentToTheDecisionThreadRunsThereAndItsResultComesBack() async {
        #expect(!DecisionThread.isCurrent)
        let (here, sum) = await DecisionThread.shared.run { (DecisionThread.isCurrent, (1...1_000).reduce(0, +)) }
        #expect(here)
        #expect(sum == 500_500)
    }

    @Test func concurrentCallersEachGetTheirOwnResult() async {
        // The consume loop awaits each decision; callers in other tasks share the thread in turn.
        let order = await withTaskGroup(of: [Int].self) { group in
            for i in 0..<4 { group.addTask { await DecisionThread.shared.run { [i] } } }
            return await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(order.sorted() == [0, 1, 2, 3])
    }

    @Test func aDeciderDecidesInlineUnlessItSaysItIsSlow() {
        #expect(!ReferralDecider.decidesOffThePool)
    }
}
