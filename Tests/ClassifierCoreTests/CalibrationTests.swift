import Foundation
import Testing
import SignpostEvents
@testable import ClassifierCore

/// The calibration table compares each confidence level with how often kind and service were
/// both right at that level.
@Suite struct CalibrationTests {
    private func enquiry(_ n: Int) throws -> LabelledEnquiry {
        try LabelledEnquiry.parse(#"{"id":"e\#(n)","channel":"email","text":"t","labels":{"kind":"general_enquiry","service":"libraries","district":null,"special_category":[]}}"#)[0]
    }

    private func answer(_ service: ResponsibleService, confidence: Double) -> Classification {
        Classification(kind: .generalEnquiry, service: service, district: nil, specialCategories: [], lawfulBasis: .consent,
                       specialCategoryCondition: nil, confidence: confidence, decidedBy: "test", evidence: [])
    }

    @Test func binsHoldTheMeanConfidenceAndTheShareRightAndTheErrorWeighsTheGaps() throws {
        var evaluation = Evaluation()
        // Ten at 0.95, nine right; four at 0.3, one right.
        for n in 0..<10 { evaluation.add(try enquiry(n), answer(n == 0 ? .highways : .libraries, confidence: 0.95)) }
        for n in 10..<14 { evaluation.add(try enquiry(n), answer(n == 10 ? .libraries : .highways, confidence: 0.3)) }
        let bins = evaluation.calibration.filter { $0.count > 0 }
        #expect(bins.map(\.count) == [4, 10])
        #expect(abs(bins[1].meanConfidence - 0.95) < 1e-9 && abs(bins[1].accuracy - 0.9) < 1e-9)
        #expect(abs(bins[0].meanConfidence - 0.3) < 1e-9 && abs(bins[0].accuracy - 0.25) < 1e-9)
        // |0.9 - 0.95| × 10/14 + |0.25 - 0.3| × 4/14
        #expect(abs(evaluation.expectedCalibrationError - 0.05) < 1e-9)
        let brier: Double = (9 * 0.05 * 0.05 + 0.95 * 0.95 + 0.7 * 0.7 + 3 * 0.3 * 0.3) / 14
        #expect(abs(evaluation.brierScore - brier) < 1e-9)
        #expect(evaluation.report(title: "t").contains("calibration error (ECE)          0.050"))
    }

    @Test func aConfidenceOfOneFallsInTheLastBin() throws {
        var evaluation = Evaluation()
        evaluation.add(try enquiry(0), answer(.libraries, confidence: 1.0))
        #expect(evaluation.calibration[9].count == 1)
        #expect(evaluation.expectedCalibrationError == 0)
    }
}

/// The fitted calibration: what it does to the classifier's ordinary decisions.
@Suite struct FittedCalibrationTests {
    @Test func surerProbabilitiesAndAServiceCueRaiseTheConfidenceAndTheCalibrationIsRecorded() throws {
        let calibration = try #require(ConfidenceCalibration.fitted)
        #expect(calibration.coefficients.count == 6)
        let base = ConfidenceSignals(kind: 0.8, service: 0.8, kindDisagrees: false, serviceDisagrees: false, noServiceCue: false)
        var surerKind = base, surerService = base, noCue = base
        surerKind.kind = 0.99
        surerService.service = 0.99
        noCue.noServiceCue = true
        #expect(calibration.probability(surerKind) > calibration.probability(base))
        #expect(calibration.probability(surerService) > calibration.probability(base))
        #expect(calibration.probability(noCue) < calibration.probability(base))
        let c = Classifier().classify(text: "There's a pothole on Mill Lane, please fix it.", channel: .email)
        #expect(c.evidence.contains { $0.hasPrefix("confidence ") && $0.contains(calibration.version) })
        #expect(Classifier.rulesOnly().calibration == nil)
    }
}
