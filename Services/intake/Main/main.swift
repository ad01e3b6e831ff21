// The `intake` service: IntakeDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration and SealingConfiguration);
// SIGTERM or SIGINT stop it gracefully.
import IntakeCore
import SignpostRuntime
import SignpostSealing

await ServiceMain.run(serviceName: IntakeDecider.serviceName) { configuration, catalogue, logger in
    let sealing = try SealingConfiguration()
    if sealing.usesDevelopmentMasterKey {
        logger.warning("SIGNPOST_MASTER_KEY is not set: data keys are wrapped with the development master key; set a secret key in production")
    }
    let decider = IntakeDecider(sealing: ContactSealing(keyStore: try sealing.openKeyStore(), subjectKey: configuration.pseudonymKey))
    return try PipelineService(decider: decider, configuration: configuration, catalogue: catalogue, logger: logger)
}
