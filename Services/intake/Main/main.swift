// The `intake` service: IntakeDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration, SealingConfiguration and
// IngressPurge); SIGTERM or SIGINT stop it gracefully.
import Foundation
import IntakeCore
import SignpostRuntime
import SignpostSealing

await ServiceMain.run(serviceName: IntakeDecider.serviceName) { configuration, catalogue, logger in
    let sealing = try SealingConfiguration()
    if sealing.usesDevelopmentMasterKey {
        logger.warning("SIGNPOST_MASTER_KEY is not set: data keys are wrapped with the development master key; set a secret key in production")
    }
    let decider = IntakeDecider(sealing: ContactSealing(keyStore: try sealing.openKeyStore(), subjectKey: configuration.pseudonymKey))
    let pipeline = try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
    // The adapters' raw contacts are deleted from the contact topic once committed (where the broker supports it).
    let purges = try IngressPurge.forService(configuration, catalogue: catalogue, environment: ProcessInfo.processInfo.environment, logger: logger)
    return ServiceSet([pipeline] + purges)
}
