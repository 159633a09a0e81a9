// The buttons of a run's last notification: its Step 9 completion report, the transcript of the
// step that ended it (a step its gate refused wrote none), its terminal, and the log when
// Certify itself failed.

import * as path from 'node:path';
import { vscode } from '../vscodeApi';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import { ACTIONS, notify, type NotifyAction } from '../notify';
import type { ActiveRun } from './activeRuns';
import { newestCompletionReport } from './runFiles';
import type { RunRequest } from './runFlow';
import { RUN_EXIT, type RunSummary, type StepResult } from './runOutcome';

export function endActions(ctx: CertifyContext, request: RunRequest, active: ActiveRun, summary: RunSummary, results: readonly StepResult[]): NotifyAction[] {
  const actions: NotifyAction[] = [];
  // A step its gate refused never started: it wrote no transcript.
  if (summary.lastStep && results[results.length - 1]?.status !== 'refused') {
    const step = summary.lastStep;
    actions.push({ title: 'Open Transcript', run: () => vscode.commands.executeCommand(COMMAND_IDS.openTranscript, request.repo.folder.uri, request.service, step) });
  }
  if (results.some((result) => result.step === 'restore-verify' && result.status === 'passed')) {
    actions.unshift({ title: 'Open Completion Report', run: () => openCompletionReport(request) });
  }
  if (active.terminal) {
    const terminal = active.terminal;
    actions.push({ title: 'Show Terminal', run: () => terminal.show() });
  }
  if (summary.exitCode === RUN_EXIT.internal) actions.push(ACTIONS.showLog(ctx.log));
  return actions;
}

async function openCompletionReport(request: RunRequest): Promise<void> {
  const root = request.repo.folder.uri.fsPath;
  const file = await newestCompletionReport(root, request.service);
  if (!file) {
    notify('warning', `${request.service}: the completion report is missing from .certify/${request.service}/reports/: run Step 9 again to write it.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, ...file.split('/'))), { preview: true });
}
