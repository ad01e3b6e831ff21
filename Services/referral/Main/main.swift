// The `referral` service: ReferralDecider plugged into the shared consume-decide-produce runtime.
// Configuration comes from the environment (see ServiceConfiguration); SIGTERM or SIGINT stop it gracefully.
import ReferralCore
import SignpostRuntime

await ServiceMain.run(ReferralDecider())
