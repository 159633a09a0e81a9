// Starting a run: from a command (a terminal of its own, shown at once) or from a task (VS Code
// makes the terminal from the Pseudoterminal given to it). Both refuse in an untrusted
// workspace and while the service runs in this window; the run begins once the terminal opens.

import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import type { CertifyContext } from '../context';
import { notify } from '../notify';
import type { ActiveRun, RunEnd } from './activeRuns';
import { cancel, executeRun, type RunRequest } from './runFlow';
import { RUN_EXIT } from './runOutcome';
import { RunTerminal } from './runTerminal';
import { choiceLabel } from './stepChoice';
import { untrustedRefusal } from './trust';

/** Why a run did not start at all (nothing was shown but a notification). */
export interface RunRefused {
  readonly refused: string;
}

/** A command's run: its own terminal. Resolves when the run ends. */
export async function startInTerminal(ctx: CertifyContext, request: RunRequest): Promise<RunEnd | RunRefused> {
  const refused = refusal(ctx, request);
  if (refused) return refused;
  const active = activeRun(request, new RunTerminal(false));
  if (!ctx.runs.claim(active)) return alreadyRunning(ctx, request);
  active.terminal = vscode.window.createTerminal({ name: terminalName(request), pty: active.pty, iconPath: new vscode.ThemeIcon('shield') });
  active.terminal.show(true);
  return runWhenOpen(ctx, request, active);
}

/** A task's Pseudoterminal: the run starts when the task's terminal opens; it closes with the exit code. */
export function taskTerminal(ctx: CertifyContext, request: RunRequest): vscode.Pseudoterminal {
  const pty = new RunTerminal(true);
  const refused = refusal(ctx, request)?.refused;
  const active = activeRun(request, pty);
  if (refused || !ctx.runs.claim(active)) {
    const why = refused ?? `${request.service} is running in this window already: cancel it or wait for it to end.`;
    pty.attach({
      onOpen: () => {
        pty.say(`${why}\n`);
        pty.finish(refused ? RUN_EXIT.unsupported : RUN_EXIT.busy);
      },
      onCancel: () => {},
    });
    return pty;
  }
  void runWhenOpen(ctx, request, active);
  return pty;
}

/** "Certify: notes — Step 3 (Recreate)". */
export function terminalName(request: RunRequest): string {
  return `Certify: ${displayText(request.service)} — ${choiceLabel(request.choice)}`;
}

function refusal(ctx: CertifyContext, request: RunRequest): RunRefused | undefined {
  const untrusted = untrustedRefusal(`run ${request.service}`);
  if (untrusted) {
    notify('warning', untrusted.message, untrusted.action);
    return { refused: untrusted.message };
  }
  if (!ctx.repos.all().includes(request.repo)) return { refused: `${request.repo.folder.name} is no longer open.` };
  return undefined;
}

function activeRun(request: RunRequest, pty: RunTerminal): ActiveRun {
  return { folder: request.repo.folder.uri, service: request.service, label: choiceLabel(request.choice), abort: new AbortController(), pty };
}

function alreadyRunning(ctx: CertifyContext, request: RunRequest): RunRefused {
  const running = ctx.runs.get(request.repo.folder.uri, request.service);
  const message = `${request.service} is running in this window (${running?.label ?? 'a run'}): cancel it or wait for it to end.`;
  notify('info', message, ...(running?.terminal ? [{ title: 'Show Terminal', run: () => running.terminal?.show() }] : []));
  return { refused: message };
}

function runWhenOpen(ctx: CertifyContext, request: RunRequest, active: ActiveRun): Promise<RunEnd> {
  return new Promise<RunEnd>((resolve) => {
    let started = false;
    active.pty.attach({
      onOpen: () => {
        started = true;
        void executeRun(ctx, request, active).then((end) => {
          ctx.runs.release(active, end);
          resolve(end);
        });
      },
      onCancel: (why) => {
        if (started) {
          cancel(active, why === 'ctrl-c' ? 'Ctrl+C' : 'closing the terminal', (text) => active.pty.say(text));
          return;
        }
        // Closed before it opened: nothing ran.
        const end: RunEnd = {
          level: 'warning',
          message: `${request.service}: the run's terminal was closed before it started; nothing ran.`,
          exitCode: RUN_EXIT.stopped,
          folder: request.repo.folder.uri.toString(),
          service: request.service,
          label: active.label,
          results: [],
          text: '',
        };
        ctx.runs.release(active, end);
        resolve(end);
      },
    });
  });
}
