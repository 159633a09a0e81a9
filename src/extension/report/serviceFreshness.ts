// Whether each certified service's certification still holds, for the tree, the CodeLens and
// the report panel: judged through the repo engine (store/history.historyFreshness — the inputs
// the certification recorded against the repo now, and its age against certify.yml's interval)
// after the repo's first validation and after each change, debounced, never during activation.
// Only certified services are judged: the others show their progress, and judging them would
// hash files nobody looks at. Step 9 keeps the certification in the history just after it writes
// the record, and the repo watcher does not watch the history, so this module does; a service
// that runs in this window is judged once its run has ended, when what it certified is kept.

import { vscode } from '../vscodeApi';
import { completedAt, type Freshness } from '../../core/freshness';
import { STORE_DIR } from '../../repo/layout';
import type { Log } from '../log';
import type { OpenRepos, OpenReposChange } from '../openRepos';
import type { RepoWatcher } from '../repoWatcher';
import type { ActiveRuns } from '../run/activeRuns';

/** Bursts of changes (a save touches several files, a run writes the record often) are judged once. */
const DEBOUNCE_MS = 300;
/** setTimeout's longest wait: a due date further away is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the tree and the lenses read. */
export interface FreshnessLookup {
  /** The service's freshness once it is certified and judged; undefined otherwise. */
  get(repo: RepoWatcher, service: string): Freshness | undefined;
}

interface RepoState {
  results: ReadonlyMap<string, Freshness>;
  /** Counts judgements: one overtaken by a newer change is dropped. */
  generation: number;
  disposables: vscode.Disposable[];
  debounce?: NodeJS.Timeout;
  /** Fires when the earliest fresh certification falls due. */
  due?: NodeJS.Timeout;
}

export class ServiceFreshness implements FreshnessLookup, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RepoWatcher>();
  /** A repo's judgements changed: what shows them redraws. */
  readonly onDidChange = this.changed.event;
  private readonly states = new Map<RepoWatcher, RepoState>();
  private readonly subscriptions: vscode.Disposable[];
  private disposed = false;

  constructor(
    repos: OpenRepos,
    private readonly runs: Pick<ActiveRuns, 'get' | 'onDidChange'>,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      repos.onDidChange((change) => this.follow(change)),
      // A run ended: its service, certified or not, is judged now.
      runs.onDidChange(() => {
        for (const [repo, state] of this.states) this.schedule(repo, state);
      }),
    ];
  }

  get(repo: RepoWatcher, service: string): Freshness | undefined {
    return this.states.get(repo)?.results.get(service);
  }

  private follow({ kind, repo }: OpenReposChange): void {
    if (kind === 'closed') {
      this.forget(repo);
      return;
    }
    const state = this.states.get(repo) ?? this.watch(repo);
    // Hashing role files while the first validation runs would only slow both down.
    void repo.validated.then(() => this.schedule(repo, state));
  }

  private watch(repo: RepoWatcher): RepoState {
    const state: RepoState = { results: new Map(), generation: 0, disposables: [] };
    const history = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(repo.folder, `${STORE_DIR}/*/${repo.engine.HISTORY_DIR}/*.json`));
    const again = (): void => this.schedule(repo, state);
    state.disposables.push(history, history.onDidCreate(again), history.onDidChange(again), history.onDidDelete(again));
    this.states.set(repo, state);
    return state;
  }

  private schedule(repo: RepoWatcher, state: RepoState): void {
    if (this.disposed || this.states.get(repo) !== state) return;
    clearTimeout(state.debounce);
    state.debounce = setTimeout(() => void this.judge(repo, state), DEBOUNCE_MS);
  }

  private async judge(repo: RepoWatcher, state: RepoState): Promise<void> {
    const generation = ++state.generation;
    const current = (): boolean => !this.disposed && this.states.get(repo) === state && state.generation === generation;
    const started = Date.now();
    const now = new Date();
    const certified = repo.model.services.flatMap((service) => {
      const record = repo.recordOf(service.name);
      const running = this.runs.get(repo.folder.uri, service.name) !== undefined;
      return record && !running && completedAt(record) !== undefined ? [{ service, record }] : [];
    });
    const results = new Map<string, Freshness>();
    if (certified.length > 0) {
      // Read once for the whole repo, not once per service.
      const intervalDays = (await repo.engine.recertifyInterval(repo.folder.uri.fsPath)) ?? null;
      for (const { service, record } of certified) {
        if (!current()) return;
        try {
          results.set(service.name, (await repo.engine.historyFreshness(repo.model, service, { record, intervalDays, now })).freshness);
        } catch (error) {
          this.log.warn(`${repo.folder.name}: could not tell whether ${service.name}'s certification still holds: ${(error as Error).message}`);
        }
      }
    }
    if (!current()) return;
    const before = state.results;
    state.results = results;
    this.scheduleDue(repo, state, now);
    if (certified.length > 0) this.log.trace(`${repo.folder.name}: freshness of ${certified.length} certified services in ${Date.now() - started} ms`);
    if (!sameJudgements(before, results)) this.changed.fire(repo);
  }

  /** A fresh certification turns due at its due date: judged again then, with no change to wait for. */
  private scheduleDue(repo: RepoWatcher, state: RepoState, now: Date): void {
    clearTimeout(state.due);
    const dues = [...state.results.values()].flatMap((freshness) => (freshness.state === 'fresh' && freshness.dueAt ? [Date.parse(freshness.dueAt)] : []));
    if (dues.length === 0) return;
    const wait = Math.min(Math.max(0, Math.min(...dues) - now.getTime()) + 1_000, MAX_TIMER_MS);
    state.due = setTimeout(() => this.schedule(repo, state), wait);
  }

  private forget(repo: RepoWatcher): void {
    const state = this.states.get(repo);
    if (!state) return;
    this.states.delete(repo);
    clearTimeout(state.debounce);
    clearTimeout(state.due);
    for (const disposable of state.disposables) disposable.dispose();
  }

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const repo of [...this.states.keys()]) this.forget(repo);
    this.changed.dispose();
  }
}

function sameJudgements(a: ReadonlyMap<string, Freshness>, b: ReadonlyMap<string, Freshness>): boolean {
  if (a.size !== b.size) return false;
  for (const [service, freshness] of a) if (JSON.stringify(freshness) !== JSON.stringify(b.get(service))) return false;
  return true;
}
