// The `survey` service: SurveyDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration), plus
// SIGNPOST_SURVEY_TRIGGER: `closure` (default: invite when the team closes the referral) or
// `referral` (invite as soon as the referral is issued), and SIGNPOST_PURGE_INPUT_SECONDS (see
// IngressPurge). SIGTERM or SIGINT stop it gracefully.
import Foundation
import SignpostRuntime
import SurveyCore

let environment = ProcessInfo.processInfo.environment
await ServiceMain.run(serviceName: SurveyDecider.serviceName, environment: environment) { configuration, catalogue, logger in
    let raw = environment["SIGNPOST_SURVEY_TRIGGER"].flatMap { $0.isEmpty ? nil : $0 } ?? SurveyTrigger.closure.rawValue
    guard let trigger = SurveyTrigger(rawValue: raw) else {
        throw ConfigurationError("SIGNPOST_SURVEY_TRIGGER must be one of \(SurveyTrigger.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
    }
    logger.info("survey invitations start on \(trigger.rawValue)")
    let pipeline = try PipelineService(decider: SurveyDecider(trigger: trigger), configuration: configuration, catalogue: catalogue, logger: logger)
    // The adapters' raw answers (comments in clear) are deleted from their topic once committed (where the broker supports it).
    let purges = try IngressPurge.forService(configuration, catalogue: catalogue, environment: environment, logger: logger)
    return ServiceSet([pipeline] + purges)
}
