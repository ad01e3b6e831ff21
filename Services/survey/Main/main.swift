// The `survey` service: SurveyDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration); SIGTERM or SIGINT stop it gracefully.
import SurveyCore
import SignpostRuntime

await ServiceMain.run(SurveyDecider())
