// The `intake` service: IntakeDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration); SIGTERM or SIGINT stop it gracefully.
import IntakeCore
import SignpostRuntime

await ServiceMain.run(IntakeDecider())
