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
    /// Six: the intercept, then the weights of logit(kind), logit(service), kind disagrees, service
    /// disagrees and no service cue (a flag counts 1 when set, 0 when not).
    var coefficients: [Double]

    func probability(_ s: ConfidenceSignals) -> Double {
        let c = coefficients
        let z = c[0] + c[1] * ConfidenceSignals.logit(s.kind) + c[2] * ConfidenceSignals.logit(s.service)
            + (s.kindDisagrees ? c[3] : 0) + (s.serviceDisagrees ? c[4] : 0) + (s.noServiceCue ? c[5] : 0)
        return 1 / (1 + exp(-z))
    }
}
