// One step, run for real: start it in the record (the gate and the wipe guard decide), run
// each planned action on its target, stream its output (redacted) to the front end and the
// transcript, record the action as it ends (argv redacted, exit code, duration, figures), apply
// what it proved, then the static checks and a person's word, and pass or fail the step. A run
// cut off (SSH dropped, cancelled, not confirmed) is marked interrupted; starting the step again
// resumes from the first action that did not finish.

import * as os from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { recordBackup, recordMetric, recordRun as recordRunTransition, recordTestData, setCriterion } from '../../core/evidenceTransitions';
import { gradeMetrics } from '../../core/grading';
import type { CertificationRecord, RunAction, RunRecord } from '../../core/record';
import { allCriteria, criterionById, stepById, stepLabel, type StepId } from '../../core/steps';
import { METRICS, type Targets } from '../../core/targets';
import { failStep, interruptStep, passStep, startStep, type TransitionResult } from '../../core/transitions';
import type { StaticResults } from '../../check/staticCriteria';
import { STORE_DIR } from '../../repo/layout';
import { updateRecord } from '../../store/records';
import type { Figures, Judgement, StepPlan } from '../plan/action';
import type { Redactor } from '../redact';
import type { RunExecutors } from './executors';
import type { RunFrontEnd } from './frontEnd';
import { execute, redactFigures, resultFields, safeJudge } from './runAction';
import { style } from './terminalStyle';
import { Transcript } from './transcript';

export type StepOutcome =
  | { status: 'passed'; record: CertificationRecord }
  | { status: 'failed' | 'interrupted' | 'refused'; reason: string; record?: CertificationRecord };

export interface StepSessionOptions {
  readonly root: string;
  readonly service: string;
  readonly executors: RunExecutors;
  readonly redactor: Redactor;
  readonly frontEnd: RunFrontEnd;
  readonly statics: StaticResults;
  readonly owner: string;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** The service's targets (the workflow's table with the repo's and the service's overrides). */
  readonly targets?: Targets;
  /** Builds the step's plan from the record as the step starts (Step 9 reads Step 5 and 7 from it). */
  plan(step: StepId, record: CertificationRecord): StepPlan;
  /** Step 9's completion report, from the record as it stands before the pass. */
  completionReport?(record: CertificationRecord): string;
}

class Refused extends Error {}

export async function runStep(options: StepSessionOptions, step: StepId): Promise<StepOutcome> {
  const now = options.now ?? (() => new Date());
  const { frontEnd } = options;
  const label = stepLabel(step);
  const write = (text: string): void => frontEnd.write(text);

  let record: CertificationRecord;
  try {
    record = await change(options, (r) => startStep(r, step, now()));
  } catch (error) {
    if (error instanceof Refused) {
      write(style.fail(`■ ${label}: refused — ${error.message}\n`));
      return { status: 'refused', reason: error.message };
    }
    throw error;
  }
  const plan = options.plan(step, record);
  const started = now();
  const transcript = await Transcript.create(options.root, options.service, stepById(step).number, started);
  const out = (text: string): void => {
    write(text);
    transcript.append(text);
  };
  out(style.header(`# Certify · ${options.service} · ${label} · started ${started.toISOString()}\n`));

  // A resumed step skips what finished in its interrupted run, and takes back that run's figures.
  const previous = lastRun(record, step);
  const resumed = record.steps[step].runs.length > 0 && previous?.outcome === 'interrupted';
  const done = new Set<string>();
  const figures: Figures = {};
  const actions: RunAction[] = [];
  if (resumed && previous) {
    for (const action of previous.actions) {
      if (action.id && action.ended === undefined && action.exitCode !== undefined) {
        done.add(action.id);
        Object.assign(figures, action.figures ?? {});
        actions.push(action);
      }
    }
    if (done.size > 0) out(style.dim(`Resuming: ${[...done].join(', ')} finished before the interruption.\n`));
  }
  const run: RunRecord = { startedAt: started.toISOString(), by: options.owner, actions, outcome: 'running' };
  record = await change(options, (r) => recordRunTransition(r, step, run, now()));

  const end = async (outcome: StepOutcome): Promise<StepOutcome> => {
    const took = durationText(now().getTime() - started.getTime());
    if (outcome.status === 'passed') out(style.pass(`■ ${label}: passed in ${took}\n`));
    else out(style.fail(`■ ${label}: ${outcome.status} — ${outcome.reason}\n`));
    await transcript.flush();
    return outcome;
  };
  const fail = async (reason: string): Promise<StepOutcome> => {
    record = await change(options, (r) => failStep(r, step, now(), reason));
    return end({ status: 'failed', reason, record });
  };
  const interrupt = async (reason: string): Promise<StepOutcome> => {
    record = await change(options, (r) => interruptStep(r, step, now(), reason));
    return end({ status: 'interrupted', reason, record });
  };

  if (plan.blocked) return fail(plan.blocked);

  let index = 0;
  for (const action of plan.actions) {
    index += 1;
    if (done.has(action.id)) continue;
    if (options.signal?.aborted) return interrupt('Cancelled before it finished; run the step again to resume.');
    const skip = action.skipIf?.(figures);
    if (skip) {
      out(style.dim(`▶ ${stepById(step).number}.${index} ${action.title} [${action.target}] — skipped: ${skip}\n`));
      continue;
    }
    if (action.destructive) {
      const yes = await frontEnd.confirmDestructive({ step, ...action.destructive });
      if (!yes) return interrupt(`Not confirmed: ${action.destructive.what}. Nothing was deleted; run the step again to confirm.`);
    }
    out(style.action(`▶ ${stepById(step).number}.${index} ${action.title} [${action.target}]\n`));
    const executed = await execute(options, action, figures, out, transcript);
    const judged = executed.outcome ? safeJudge(action, executed.outcome, figures) : { stop: executed.problem };
    Object.assign(figures, judged.figures ?? {});
    const entry: RunAction = {
      id: action.id,
      description: action.title,
      target: action.target,
      argv: options.redactor.redactArgv(executed.spec.argv),
      transcript: transcript.relative,
      ...(executed.outcome ? resultFields(executed.outcome.result) : { ended: 'not-started' }),
      ...(judged.figures && Object.keys(judged.figures).length > 0 ? { figures: redactFigures(options.redactor, judged.figures) } : {}),
    };
    actions.push(entry);
    for (const verdict of judged.criteria ?? []) {
      const text = criterionById(step, verdict.id)?.text ?? verdict.id;
      out(verdict.met ? style.pass(`✔ ${text} — ${options.redactor.redact(verdict.evidence)}\n`) : style.fail(`✘ ${text} — ${options.redactor.redact(verdict.evidence)}\n`));
    }
    record = await change(options, (r) => {
      const withRun = recordRunTransition(r, step, { ...run, actions: [...actions] }, now());
      return withRun.ok ? applyJudgement(withRun.record, step, judged, transcript.relative, options, now) : withRun;
    });
    if (judged.report) record = await writeReport(options, step, judged.report, now);
    frontEnd.recordChanged?.(record);
    const result = executed.outcome?.result;
    if (result?.ended === 'cancelled') return interrupt('Cancelled while it ran; run the step again to resume from this action.');
    if (result?.ended === 'disconnected') return interrupt(`${result.problem ?? 'The connection dropped'}; the action's outcome is unknown. Run the step again to resume from it.`);
    if (judged.stop) return fail(judged.stop);
  }

  const finished = plan.finish?.(figures) ?? {};
  for (const verdict of finished.criteria ?? []) {
    const text = criterionById(step, verdict.id)?.text ?? verdict.id;
    out(verdict.met ? style.pass(`✔ ${text} — ${verdict.evidence}\n`) : style.fail(`✘ ${text} — ${verdict.evidence}\n`));
  }
  // What the whole run proved and what the repo's files prove, in one record update.
  record = await change(options, (r) => {
    const judged = applyJudgement(r, step, finished, transcript.relative, options, now);
    return judged.ok ? applyStatics(judged.record, step, options.statics, now) : judged;
  });
  if (finished.report) record = await writeReport(options, step, finished.report, now);
  record = await confirmManual(options, record, step, out, now);
  if (step === 'restore-verify' && options.completionReport) {
    const report = options.completionReport(record);
    record = await writeReport(options, step, { name: `completion-${now().toISOString().replace(/[:.]/g, '-')}.txt`, text: report, criterion: 'report' }, now);
  }
  // Pass only with the run closed; a refusal (criteria not met) fails the step and its run.
  const closeAndPass = (r: CertificationRecord): TransitionResult => {
    const closed = closeRun(r, step, run, actions, now());
    return closed.ok ? passStep(closed.record, step, now()) : closed;
  };
  const verdict = closeAndPass(record);
  if (!verdict.ok) return fail(verdict.reason);
  record = await change(options, closeAndPass);
  frontEnd.recordChanged?.(record);
  return end({ status: 'passed', record });
}

/** Applies a judgement's criteria, metrics, test data and backup as transitions, in that order. */
function applyJudgement(
  record: CertificationRecord,
  step: StepId,
  judged: Judgement,
  transcriptRef: string,
  options: StepSessionOptions,
  now: () => Date,
): TransitionResult {
  let r = record;
  const apply = (result: TransitionResult): void => {
    if (!result.ok) throw new Refused(result.reason);
    r = result.record;
  };
  // Metrics first: a criterion that names a metric is met only once the metric is recorded.
  for (const metric of judged.metrics ?? []) apply(recordMetric(r, step, metric.id, metric.value, now()));
  if (judged.testData) apply(recordTestData(r, judged.testData, now()));
  if (judged.backup) apply(recordBackup(r, judged.backup, now()));
  for (const verdict of judged.criteria ?? []) {
    apply(
      setCriterion(r, step, verdict.id, verdict.met ? 'met' : 'not-met', {
        at: now(),
        evidence: [{ kind: 'run', summary: options.redactor.redact(verdict.evidence), ref: transcriptRef }],
      }),
    );
  }
  return { ok: true, record: r };
}

/** Static criteria answered by the repo's files (check/staticCriteria), with where to look. */
function applyStatics(record: CertificationRecord, step: StepId, statics: StaticResults, now: () => Date): TransitionResult {
  let r = record;
  for (const criterion of allCriteria(step)) {
    if (criterion.kind !== 'static' || !criterion.check) continue;
    const result = statics.get(criterion.check);
    if (!result || result.status === 'unknown') continue;
    const ref = result.evidence[0];
    const applied = setCriterion(r, step, criterion.id, result.status === 'met' ? 'met' : 'not-met', {
      at: now(),
      evidence: [{ kind: 'file', summary: result.summary, ...(ref ? { ref: `${ref.file}:${ref.line}` } : {}) }],
    });
    if (!applied.ok) throw new Refused(applied.reason);
    r = applied.record;
  }
  return { ok: true, record: r };
}

/**
 * Manual criteria still open get a person's word through the front end. Step 9's "PRODUCTION
 * READY" is asked only when everything else of the step is met and no metric grades as a
 * warning: Certify never lets a person declare a service ready that the evidence does not bear.
 */
async function confirmManual(options: StepSessionOptions, record: CertificationRecord, step: StepId, out: (text: string) => void, now: () => Date): Promise<CertificationRecord> {
  let r = record;
  for (const criterion of allCriteria(step)) {
    if (criterion.kind !== 'manual' || r.steps[step].criteria[criterion.id]?.state === 'met') continue;
    if (step === 'restore-verify' && criterion.id === 'production-ready') {
      const blocker = readinessBlocker(r, options.targets);
      if (blocker) {
        out(style.fail(`✘ ${criterion.text} — not yet: ${blocker}\n`));
        continue;
      }
    }
    const word = await options.frontEnd.attest(step, criterion);
    if (!word) {
      out(style.fail(`✘ ${criterion.text} — needs a person's word\n`));
      continue;
    }
    const evidence = word.note ? [{ kind: 'note' as const, summary: options.redactor.redact(word.note) }] : [];
    r = await change(options, (current) => setCriterion(current, step, criterion.id, 'met', { at: now(), by: word.by, evidence }));
    out(style.pass(`✔ ${criterion.text} — ${word.by}${word.note ? `: ${options.redactor.redact(word.note)}` : ''}\n`));
  }
  return r;
}

/** Why the service is not production ready yet, or undefined when it is (bar this declaration and the report). */
export function readinessBlocker(record: CertificationRecord, targets?: Targets): string | undefined {
  const open = allCriteria('restore-verify').filter(
    (c) => c.id !== 'production-ready' && c.id !== 'report' && c.condition === undefined && record.steps['restore-verify'].criteria[c.id]?.state !== 'met',
  );
  if (open.length > 0) return `${open.map((c) => `"${c.text}"`).join(', ')} not met`;
  const warnings = gradeMetrics(record.metrics, targets).filter((m) => m.grade === 'warning');
  if (warnings.length > 0) return `${warnings.map((m) => `${METRICS[m.metric].label} ${m.summary}`).join(', ')}`;
  return undefined;
}

async function writeReport(
  options: StepSessionOptions,
  step: StepId,
  report: NonNullable<Judgement['report']>,
  now: () => Date,
): Promise<CertificationRecord> {
  const relative = [STORE_DIR, options.service, 'reports', report.name].join('/');
  const file = path.join(options.root, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, options.redactor.redact(report.text));
  return change(options, (r) =>
    setCriterion(r, step, report.criterion, 'met', { at: now(), evidence: [{ kind: 'file', summary: `report written: ${relative}`, ref: relative }] }),
  );
}

function lastRun(record: CertificationRecord, step: StepId): RunRecord | undefined {
  const runs = record.steps[step].runs;
  return runs[runs.length - 1];
}

function closeRun(record: CertificationRecord, step: StepId, run: RunRecord, actions: RunAction[], now: Date): TransitionResult {
  return recordRunTransition(record, step, { ...run, actions: [...actions], outcome: 'succeeded', finishedAt: now.toISOString() }, now);
}

/** One record update under the service's record lock; a refused transition aborts it. */
async function change(options: StepSessionOptions, transition: (record: CertificationRecord) => TransitionResult): Promise<CertificationRecord> {
  const { record } = await updateRecord(options.root, options.service, { owner: options.owner, waitMs: 10_000 }, (current) => {
    const result = transition(current);
    if (!result.ok) throw new Refused(result.reason);
    return result.record;
  });
  return record;
}

export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Who runs: "user@host", as records and attestations name a person. A process whose user id has
 * no passwd entry (a container started with an arbitrary uid) is named by the login the
 * environment gives, else by its uid.
 */
export function defaultOwner(env: NodeJS.ProcessEnv = process.env): string {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    user = env.USER || env.LOGNAME || `uid ${process.getuid?.() ?? '?'}`;
  }
  return `${user}@${os.hostname()}`;
}
