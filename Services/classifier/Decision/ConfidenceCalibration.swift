import Foundation

/// What the confidence of an ordinary decision (complaint, compliment, service request or general
/// enquiry chosen by the model) is calibrated from.
struct ConfidenceSignals: Sendable, Equatable {
    /// The chosen kind's probability, renormalised over the ordinary kinds (rule vote included).
    var kind: Double
    /// The chosen service's probability, renormalised over the services allowed.
    var service: Double
    /// The rules' own kind differs from the chosen one.
    var kindDisagrees: Bool
    /// The rules' own service differs from the chosen one.
    var serviceDisagrees: Bool
    /// No service cue at all: the service is the model's guess alone.
    var noServiceCue: Bool

    /// The calibration's inputs, in coefficient order after the intercept.
    var inputs: [Double] {
        [Self.logit(kind), Self.logit(service), kindDisagrees ? 1 : 0, serviceDisagrees ? 1 : 0, noServiceCue ? 1 : 0]
    }

    /// log(p / (1 − p)), with p kept inside [0.001, 0.999].
    static func logit(_ p: Double) -> Double {
        let q = min(0.999, max(0.001, p))
        return log(q / (1 - q))
    }
}

/// Turns an ordinary decision's signals into the probability that its kind and service are both
/// right: a logistic regression fitted to held-out decisions (the four cross-validation folds of
/// the training corpus, each classified by a model that never saw it; `corpus/classification/calibrate.py`).
/// Named legal requests and safeguarding keep their rule confidences; an enquiry that says nothing
/// keeps its low one (it is for triage).
struct ConfidenceCalibration: Sendable {
    /// Recorded in `decidedBy` after the model's version.
    var version: String
    /// Intercept, then one weight per ``ConfidenceSignals/inputs`` entry.
    var coefficients: [Double]

    func probability(_ signals: ConfidenceSignals) -> Double {
        var z = coefficients[0]
        for (w, x) in zip(coefficients.dropFirst(), signals.inputs) { z += w * x }
        return 1 / (1 + exp(-z))
    }
}
