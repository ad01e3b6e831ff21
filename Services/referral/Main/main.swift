// The `referral` service: ReferralDecider plugged into the shared consume-decide-produce runtime,
// with the sharing catalogue (sharing/recipients.yaml, or SIGNPOST_SHARING_FILE) and the key store
// that opens the sealed values (SIGNPOST_KEYSTORE, SIGNPOST_MASTER_KEY), and the triage threshold
// (SIGNPOST_TRIAGE_BELOW_CONFIDENCE). A bad catalogue or setting stops it
// at start-up with a message naming the problem. SIGTERM or SIGINT stop it gracefully.
import Foundation
import ReferralCore
import SignpostEvents
import SignpostRuntime
import SignpostSealing
import SignpostTopics

await ServiceMain.run(serviceName: ReferralDecider.serviceName) { configuration, catalogue, logger in
    let sharing = try SharingCatalogue.loadDefault(topics: catalogue)
    let sealing = try SealingConfiguration()
    if sealing.usesDevelopmentMasterKey {
        logger.warning("SIGNPOST_MASTER_KEY is not set: data keys are unwrapped with the development master key; set a secret key in production")
    }
    logger.info("sharing catalogue loaded", metadata: ["version": "\(sharing.version)", "recipients": "\(sharing.recipients.count)"])
    // Below this confidence a person decides (SIGNPOST_TRIAGE_BELOW_CONFIDENCE, 0 to 1).
    var threshold = Classification.defaultTriageThreshold
    if let text = ProcessInfo.processInfo.environment["SIGNPOST_TRIAGE_BELOW_CONFIDENCE"], !text.isEmpty {
        guard let value = Double(text), (0...1).contains(value) else {
            throw ConfigurationError("SIGNPOST_TRIAGE_BELOW_CONFIDENCE must be a number from 0 to 1, such as \(Classification.defaultTriageThreshold); it is '\(text)'")
        }
        threshold = value
    }
    let decider = ReferralDecider(
        policy: RoutingPolicy(catalogue: sharing, triageBelowConfidence: threshold), unsealer: Unsealer(keyStore: try sealing.openKeyStore())
    )
    return try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
}
