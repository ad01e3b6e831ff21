// The `referral` service: ReferralDecider plugged into the shared consume-decide-produce runtime,
// with the sharing catalogue (sharing/recipients.yaml, or SIGNPOST_SHARING_FILE) and the key store
// that opens the sealed values (SIGNPOST_KEYSTORE, SIGNPOST_MASTER_KEY). A bad catalogue stops it
// at start-up with a message naming the problem. SIGTERM or SIGINT stop it gracefully.
import Foundation
import ReferralCore
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
    let decider = ReferralDecider(policy: RoutingPolicy(catalogue: sharing), unsealer: Unsealer(keyStore: try sealing.openKeyStore()))
    return try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
}
