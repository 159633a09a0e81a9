// The step engine as the extension uses it, bundled on its own as dist/run.js (esbuild.mjs):
// the extension requires it when the first plan or run is asked for (engines.ts), so the
// engine and its SSH client stay out of dist/extension.js and out of activation. Re-exports
// only. Errors are checked against these classes: the extension bundle has copies of its own.

export { certify, planContext, prepareRun, ServiceNotFoundError, type CertifyResult, type ServiceRun } from '../../run/session/certifyService';
export type { Attestation, DestructiveRequest, RunFrontEnd } from '../../run/session/frontEnd';
export type { UnknownHostKey } from '../../run/exec/sshEndpoint';
export { stepPlan } from '../../run/plan/plans';
export { describePlan } from '../../run/plan/describePlan';
export { TargetsUnavailableError } from '../../run/targets/runTargets';
export { LockBusyError } from '../../store/lock';
export { loadRecord, RecordUnavailableError } from '../../store/records';
export { shellCommand } from '../../core/shellQuote';
