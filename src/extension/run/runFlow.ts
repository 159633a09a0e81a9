// One run, from the terminal opening to its last line: the targets and secrets, the engine's
// run of the chosen steps (cancellable from the terminal and the notification), the tree kept
// current as steps change, and the ending said three times alike: the terminal's result line
// and exit code, the notification, and the run's end event.

import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import { stepsResetBy } from '../../core/gates';
import { createEmptyRecord } from '../../core/record';
import { stepLabel, type StepId } from '../../core/steps';
import type { CertifyContext } from '../context';
import { notify } from '../notify';
import type { RepoWatcher } from '../repoWatcher';
import { ActionLines } from './actionLines';
import type { ActiveRun, RunEnd } from './activeRuns';
import { endActions } from './runEndActions';
import { editorFrontEnd } from './runFrontEnd';
import { RUN_EXIT, summarize, type RunExitCode, type RunSummary, type StepResult } from './runOutcome';
import { runSecrets } from './runSecrets';
import { runSettings } from './runSettings';
import { TargetChoiceError, targetEnvironment } from './runTargetEnv';
import { stepsOf, type StepChoice } from './stepChoice';
import { plainText } from './terminalText';

export interface RunRequest {
  readonly repo: RepoWatcher;
  readonly service: string;
  readonly choice: StepChoice;
}

/** The terminal's text kept for the run's end event: enough for any test, bounded for a long run. */
const KEPT_TEXT = 256 * 1024;

/** Runs `request` in `active`'s terminal (already open) and says how it ended. Never throws. */
export async function executeRun(ctx: CertifyContext, request: RunRequest, active: ActiveRun): Promise<RunEnd> {
  const { repo, service } = request;
  let kept = '';
  const keep = (text: string): void => {
    kept = (kept + plainText(text)).slice(-KEPT_TEXT);
  };
  const say = (text: string): void => {
    active.pty.say(text);
    keep(text);
  };
  const progressLines = new ActionLines();
  let results: StepResult[] = [];
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Certify: ${displayText(service)} — ${active.label}`, cancellable: true },
    async (progress, token) => {
      const cancelled = token.onCancellationRequested(() => cancel(active, 'the notification', say));
      try {
        const write = (text: string): void => {
          active.pty.write(text);
          keep(text);
          const line = progressLines.push(text);
          if (line) progress.report({ message: line });
        };
        const outcome = await runSteps(ctx, request, active, write, say);
        results = outcome.results;
        return outcome.summary;
      } catch (error) {
        ctx.log.error(`run of ${service} (${active.label}) failed`, error as Error);
        return { level: 'error', message: `${service}: Certify stopped with an error: ${(error as Error).message}. See the log (Output › Certify).`, exitCode: RUN_EXIT.internal } satisfies RunSummary;
      } finally {
        cancelled.dispose();
      }
    },
  );
  await repo.reloadRecord(service).catch((error: unknown) => ctx.log.warn(`could not re-read ${service}'s record: ${String(error)}`));
  ctx.tree.refresh();
  const mark = summary.exitCode === RUN_EXIT.ok ? '\u001b[32m✔' : summary.level === 'error' ? '\u001b[31m✘' : '\u001b[33m■';
  say(`\n${mark} ${summary.message}\u001b[0m\nExit code ${summary.exitCode}.\n`);
  active.pty.finish(summary.exitCode);
  ctx.log.info(`run ended: ${summary.message} (exit ${summary.exitCode})`);
  notify(summary.level, summary.message, ...endActions(ctx, request, active, summary, results));
  return { ...summary, folder: repo.folder.uri.toString(), service, label: active.label, results, text: kept };
}

/** Asks the engine to stop: the running action is killed and its step marked interrupted. */
export function cancel(active: ActiveRun, from: string, say: (text: string) => void): void {
  if (active.abort.signal.aborted) return;
  say(`Cancelling (from ${from}): the running action is stopped; run the step again to resume from it.\n`);
  active.abort.abort();
}

async function runSteps(
  ctx: CertifyContext,
  request: RunRequest,
  active: ActiveRun,
  write: (text: string) => void,
  say: (text: string) => void,
): Promise<{ summary: RunSummary; results: StepResult[] }> {
  const { repo, service } = request;
  const stop = (exitCode: RunExitCode, message: string, level: RunSummary['level'] = 'warning') => ({ summary: { level, message, exitCode }, results: [] });
  const engine = ctx.engines.run();
  let targets;
  try {
    targets = await targetEnvironment(runSettings(repo.folder.uri).target, repo.engine);
  } catch (error) {
    if (error instanceof TargetChoiceError) return stop(RUN_EXIT.unsupported, `${service}: ${error.message}`);
    throw error;
  }
  const secrets = await runSecrets(ctx.secrets);
  try {
    let run;
    try {
      run = await engine.prepareRun(repo.folder.uri.fsPath, service, { ...targets.env, ...secrets.env });
    } catch (error) {
      if (error instanceof engine.ServiceNotFoundError || error instanceof engine.TargetsUnavailableError) return stop(RUN_EXIT.notFound, `${service}: ${error.message}`, 'error');
      throw error;
    }
    const stored = await engine.loadRecord(run.root, service);
    if (stored.kind === 'corrupt' || stored.kind === 'newer') {
      return stop(RUN_EXIT.recordUnavailable, `${service}: ${new engine.RecordUnavailableError(stored).message}`, 'error');
    }
    const record = stored.kind === 'ok' ? stored.record : createEmptyRecord(service, new Date());
    const steps = stepsOf(request.choice, record);
    if (!Array.isArray(steps)) return stop(RUN_EXIT.stopped, `${service}: ${steps.problem}`);
    if (!(await resetConfirmed(service, steps[0], stepsResetBy(record, steps[0])))) {
      return stop(RUN_EXIT.stopped, `${service}: ${stepLabel(steps[0])} was not started: its later results are kept.`);
    }
    // Cancelled while a question was open: nothing has started, so nothing is marked interrupted.
    if (active.abort.signal.aborted) return stop(RUN_EXIT.stopped, `${service}: cancelled before ${stepLabel(steps[0])} started; nothing ran.`);
    say(`\u001b[1mCertify · ${service} · ${active.label}\u001b[0m\nAgainst ${run.targets.description} (${targets.source}).\nPress Ctrl+C to cancel.\n\n`);
    const frontEnd = editorFrontEnd({
      service,
      folder: repo.folder.uri,
      write,
      say,
      recordChanged: () => {
        void repo.reloadRecord(service).then(() => ctx.tree.refresh());
      },
    });
    let result;
    try {
      result = await engine.certify(run, { steps, frontEnd, signal: active.abort.signal });
    } catch (error) {
      if (error instanceof engine.LockBusyError) return stop(RUN_EXIT.busy, `${service} is being certified elsewhere. ${error.message}`);
      if (error instanceof engine.RecordUnavailableError) return stop(RUN_EXIT.recordUnavailable, `${service}: ${error.message}`, 'error');
      throw error;
    }
    const results = result.outcomes.map(({ step, ...outcome }): StepResult => ({ step, status: outcome.status, ...('reason' in outcome ? { reason: outcome.reason } : {}) }));
    return { summary: summarize(service, results), results };
  } finally {
    await secrets.dispose();
  }
}

/** Re-running a step discards what later steps proved: said before, and asked. */
async function resetConfirmed(service: string, step: StepId, reset: readonly StepId[]): Promise<boolean> {
  if (reset.length === 0) return true;
  const choice = await vscode.window.showWarningMessage(
    `Run ${stepLabel(step)} of ${displayText(service)} again?`,
    { modal: true, detail: `Certification is a chain: running it again resets what later steps proved: ${reset.map(stepLabel).join(', ')}.` },
    'Run Again',
  );
  return choice === 'Run Again';
}
