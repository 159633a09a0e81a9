// The runs going on in this window: one per service. A second start of the same service is
// told it is running (its terminal is shown); runs in other windows or the CLI are kept out by
// the engine's lock instead. What ended last is kept for the tests (the extension's API).

import { vscode } from '../vscodeApi';
import type { StepResult, RunSummary } from './runOutcome';
import type { RunTerminal } from './runTerminal';

export interface ActiveRun {
  readonly folder: vscode.Uri;
  readonly service: string;
  /** "Step 3 (Recreate)". */
  readonly label: string;
  readonly abort: AbortController;
  readonly pty: RunTerminal;
  /** The terminal the run writes to, once VS Code made it (a task's is made by VS Code). */
  terminal?: vscode.Terminal;
}

/** How a run ended, as its notification said it and its terminal showed it. */
export interface RunEnd extends RunSummary {
  readonly folder: string;
  readonly service: string;
  readonly label: string;
  readonly results: readonly StepResult[];
  /** What the terminal showed, without colours (the tail, when it was long). */
  readonly text: string;
}

/** What the integration tests observe of runs (through the extension's API). */
export interface RunsProbe {
  readonly onDidEnd: vscode.Event<RunEnd>;
  /** The last run of `service` that ended in this window. */
  lastEnd(service: string): RunEnd | undefined;
  /** Services running in this window now. */
  running(): string[];
}

export class ActiveRuns implements vscode.Disposable, RunsProbe {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly ends = new Map<string, RunEnd>();
  private readonly ended = new vscode.EventEmitter<RunEnd>();
  private readonly changed = new vscode.EventEmitter<void>();
  private disposed = false;
  readonly onDidEnd = this.ended.event;
  /** A run started or ended: the tree's and the lenses' run actions follow. */
  readonly onDidChange = this.changed.event;

  /** Takes the service's place; false when a run of it goes on in this window. */
  claim(run: ActiveRun): boolean {
    const key = keyOf(run.folder, run.service);
    if (this.runs.has(key)) return false;
    this.runs.set(key, run);
    this.publish();
    return true;
  }

  release(run: ActiveRun, end: RunEnd): void {
    const key = keyOf(run.folder, run.service);
    if (this.runs.get(key) === run) this.runs.delete(key);
    this.ends.set(run.service, end);
    this.publish();
    this.ended.fire(end);
  }

  get(folder: vscode.Uri, service: string): ActiveRun | undefined {
    return this.runs.get(keyOf(folder, service));
  }

  lastEnd(service: string): RunEnd | undefined {
    return this.ends.get(service);
  }

  running(): string[] {
    return [...this.runs.values()].map((run) => run.service);
  }

  private publish(): void {
    // A run cancelled by dispose() ends after the window's commands are gone.
    if (this.disposed) return;
    void vscode.commands.executeCommand('setContext', 'certify.runActive', this.runs.size > 0);
    this.changed.fire();
  }

  /** Closing the window cancels what runs in it: each step is marked interrupted and resumes next time. */
  dispose(): void {
    this.disposed = true;
    for (const run of this.runs.values()) run.abort.abort();
    this.runs.clear();
    this.ended.dispose();
    this.changed.dispose();
  }
}

function keyOf(folder: vscode.Uri, service: string): string {
  return `${folder.toString()}#${service}`;
}
