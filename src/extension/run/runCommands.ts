// The run commands: run one step, run from a step on, certify all nine, cancel, open a step's
// newest transcript, show a plan, and explain a blocked step. Each takes a Services row, the
// (folder, service, step) a CodeLens passes, or asks.

import * as path from 'node:path';
import { vscode } from '../vscodeApi';
import { canStart } from '../../core/gates';
import { createEmptyRecord } from '../../core/record';
import { STEP_IDS, stepLabel } from '../../core/steps';
import { displayText } from '../../core/displayText';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import { notify } from '../notify';
import { cancel } from './runFlow';
import { startInTerminal } from './startRun';
import { runSubject } from './runSubject';
import type { StepChoice } from './stepChoice';
import { newestTranscript } from './runFiles';
import { untrustedRefusal } from './trust';

/** certify.runStep, certify.runFrom, certify.certifyAll: resolves when the run ends (tests read how). */
export function runCommand(ctx: CertifyContext, kind: StepChoice['kind']) {
  return async (...args: unknown[]) => {
    const untrusted = untrustedRefusal('run steps');
    if (untrusted) {
      notify('warning', untrusted.message, untrusted.action);
      return { refused: untrusted.message };
    }
    const subject = await runSubject(ctx, args, kind === 'step' || kind === 'from', kind === 'from' ? 'Run from' : kind === 'all' ? 'Certify' : 'Run');
    if (!subject) return undefined;
    const choice: StepChoice = (kind === 'step' || kind === 'from') && subject.step ? { kind, step: subject.step } : kind === 'all' ? { kind: 'all' } : { kind: 'next' };
    return startInTerminal(ctx, { repo: subject.repo, service: subject.service, choice });
  };
}

export function cancelRun(ctx: CertifyContext) {
  return async (...args: unknown[]): Promise<void> => {
    const running = ctx.runs.running();
    // From the palette with one run going, that one; else the person picks.
    const subject =
      args.length === 0 && running.length === 1
        ? ctx.repos.all().flatMap((repo) => (ctx.runs.get(repo.folder.uri, running[0]) ? [{ repo, service: running[0] }] : []))[0]
        : await runSubject(ctx, args, false, 'Cancel the run of');
    if (!subject) {
      if (running.length === 0) notify('info', 'No run is going on in this window.');
      return;
    }
    const active = ctx.runs.get(subject.repo.folder.uri, subject.service);
    if (!active) {
      const elsewhere = subject.repo.recordOf(subject.service) && STEP_IDS.some((id) => subject.repo.recordOf(subject.service)?.steps[id].status === 'running');
      notify('info', `${subject.service} is not running in this window.${elsewhere ? ' Its record says a step is running: cancel it where it runs (another window or the command line).' : ''}`);
      return;
    }
    cancel(active, 'Cancel Run', (text) => active.pty.say(text));
  };
}

export function openTranscript(ctx: CertifyContext) {
  return async (...args: unknown[]): Promise<void> => {
    const subject = await runSubject(ctx, args, true, 'Open the newest transcript of');
    if (!subject?.step) return;
    const file = await newestTranscript(subject.repo.folder.uri.fsPath, subject.service, subject.step);
    if (!file) {
      notify('info', `${subject.service} has no transcript of ${stepLabel(subject.step)} yet: it is written when the step runs.`);
      return;
    }
    const uri = vscode.Uri.file(path.join(subject.repo.folder.uri.fsPath, ...file.split('/')));
    const document = await vscode.workspace.openTextDocument(uri);
    // The newest lines are what a person came for.
    const end = new vscode.Position(Math.max(0, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { preview: true, selection: new vscode.Range(end, end) });
  };
}

/** A dry run: one step's plan (a step row), or all nine (a service row, the palette). */
export function showPlan(ctx: CertifyContext) {
  return async (...args: unknown[]): Promise<void> => {
    const subject = await runSubject(ctx, args, false, 'Show the plan of');
    if (!subject) return;
    const steps = subject.step ? [subject.step] : [...STEP_IDS];
    const title = `${subject.service} — ${subject.step ? stepLabel(subject.step) : 'all steps'} plan`;
    let text: string;
    try {
      text = await ctx.runPlans.text(subject.repo, subject.service, steps);
    } catch (error) {
      ctx.log.warn(`plan of ${subject.service}: ${(error as Error).message}`);
      notify('warning', `Cannot show the plan of ${subject.service}: ${(error as Error).message}`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(ctx.planDocuments.show(title, text));
    await vscode.window.showTextDocument(document, { preview: true });
  };
}

/** A blocked lens's click: why, in full, and where to see it. */
export function explainBlocked(ctx: CertifyContext) {
  return async (...args: unknown[]): Promise<void> => {
    const subject = await runSubject(ctx, args, true, 'Explain');
    if (!subject?.step) return;
    const record = subject.repo.recordOf(subject.service) ?? createEmptyRecord(subject.service, new Date());
    const reason = canStart(record, subject.step);
    const untrusted = untrustedRefusal('run steps');
    notify(
      'info',
      reason ? `${subject.service}: ${reason}` : `${subject.service}: ${stepLabel(subject.step)} can start now.${untrusted ? ` ${untrusted.message}` : ''}`,
      { title: 'Show in Certify View', run: () => vscode.commands.executeCommand(COMMAND_IDS.revealService, subject.repo.folder.uri, subject.service) },
    );
    ctx.log.info(`explained ${displayText(subject.service)} ${stepLabel(subject.step)}: ${reason ?? 'can start'}`);
  };
}
