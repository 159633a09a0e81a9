// Keeps one workspace folder's repo current: file watchers feed single-file updates to the
// engine's RepoIndex and validation texts, debounced; records are re-read when they change;
// one change event follows each batch. Opening is staged: the services and their records come
// first (all the tree's first two levels need), validation and static checks follow.

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { vscode } from './vscodeApi';
import type { Finding } from '../core/findings';
import type { RepoModel, Service } from '../core/service';
import type { StaticResults } from '../check/staticCriteria';
import type { RepoContext, RepoFiles } from '../check/validateRepo';
import type { CertificationRecord } from '../core/record';
import type { RepoIndex } from '../repo/repoIndex';
import { isValidationFile, RECORD_WATCH_GLOB, recordService, WATCH_GLOB } from '../repo/layout';
import type { StoredRecord } from '../store/records';
import type { Engines, RepoEngine } from './engines/engines';
import type { Log } from './log';

const DEBOUNCE_MS = 150;
/** The extension host's thread is given back after each slice of validation this long. */
const SLICE_MS = 12;

/** Thrown between validation slices once the watcher is disposed: the validation is dropped. */
class Disposed extends Error {}

export class RepoWatcher implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly records = new Map<string, StoredRecord>();
  private texts = new Map<string, string>();
  private textFindings: Finding[] = [];
  private context: RepoContext | undefined;
  private validating: Promise<void> = Promise.resolve();
  /** Counts changes: a validation that started before the latest change is dropped when it ends. */
  private generation = 0;
  private statics: ReadonlyMap<string, StaticResults> = new Map();
  private disposed = false;

  private constructor(
    readonly folder: vscode.WorkspaceFolder,
    /** Discovery, validation and the store (dist/repo.js): loaded before the first repo opens. */
    readonly engine: RepoEngine,
    private readonly index: RepoIndex,
    private readonly log: Log,
  ) {
    const files = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, WATCH_GLOB));
    const records = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, RECORD_WATCH_GLOB));
    for (const watcher of [files, records]) {
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.queue(uri)),
        watcher.onDidChange((uri) => this.queue(uri)),
        watcher.onDidDelete((uri) => this.queue(uri)),
      );
    }
  }

  /**
   * Discovers the services and reads their records; validation has started when this resolves
   * and ends with a change event (`validated` settles then). In a large repo validation takes
   * seconds, and the tree need not wait for it.
   */
  static async open(folder: vscode.WorkspaceFolder, log: Log, engines: Engines): Promise<RepoWatcher> {
    const started = Date.now();
    const engine = await engines.repoSoon();
    const watcher = new RepoWatcher(folder, engine, await engine.RepoIndex.open(folder.uri.fsPath), log);
    await watcher.reloadRecords();
    log.info(`${folder.name}: ${watcher.model.services.length} services (${Date.now() - started} ms)`);
    // Started only now: its CPU-bound part would otherwise hold back the records' reads.
    watcher.validating = watcher.validateFirst();
    return watcher;
  }

  /** Settles when the first validation is done (it never rejects: a failure is logged). */
  get validated(): Promise<void> {
    return this.validating;
  }

  private async validateFirst(): Promise<void> {
    const started = Date.now();
    try {
      await this.rereadValidationTexts();
      if (this.disposed) return;
      await this.revalidate();
      this.log.info(`${this.folder.name}: validated, ${this.context?.findings.length ?? 0} findings (${Date.now() - started} ms)`);
      this.changed.fire();
    } catch (error) {
      if (error instanceof Disposed) return;
      this.log.error(`${this.folder.name}: could not validate the repo; run "Certify: Refresh Services" after fixing what the log names`, error as Error);
    }
  }

  get model(): RepoModel {
    return this.index.model;
  }

  /**
   * The repo's validation: findings per file and what validating an edited document needs.
   * Undefined until the first validation is done (see `validated`).
   */
  get validation(): RepoContext | undefined {
    return this.context;
  }

  record(service: string): StoredRecord | undefined {
    return this.records.get(service);
  }

  /** The service's record when it is readable; undefined when missing or damaged. */
  recordOf(service: string): CertificationRecord | undefined {
    const stored = this.records.get(service);
    return stored?.kind === 'ok' ? stored.record : undefined;
  }

  /** What the repo proves for the service's static criteria, as of the latest change. */
  staticResults(service: string): StaticResults | undefined {
    return this.statics.get(service);
  }

  /** Whether a repo file exists on disk now (the scaffold never plans over one). */
  fileExists(relative: string): boolean {
    return existsSync(path.join(this.folder.uri.fsPath, ...relative.split('/')));
  }

  /** The repo-relative path of a URI inside this folder, or undefined. */
  relativePath(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const relative = path.relative(this.folder.uri.fsPath, uri.fsPath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  async rescan(): Promise<void> {
    this.generation += 1;
    await this.index.rescan();
    await this.rereadValidationTexts();
    await this.reloadRecords();
    if (await this.revalidate()) this.changed.fire();
  }

  private queue(uri: vscode.Uri): void {
    const relative = this.relativePath(uri);
    if (relative === undefined) return;
    this.pending.add(relative);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    // Changes during the first validation wait for it: they are then applied on top of it.
    await this.validated;
    if (this.disposed) return;
    const paths = [...this.pending];
    this.pending.clear();
    const before = new Map(this.model.services.map((service) => [service.name, service]));
    try {
      let dirty = false;
      for (const relative of paths) {
        const service = recordService(relative);
        if (service !== undefined) {
          this.records.set(service, await this.engine.loadRecord(this.folder.uri.fsPath, service));
          dirty = true;
          continue;
        }
        if (await this.index.fileChanged(relative)) dirty = true;
        if (isValidationFile(relative)) {
          await this.rereadValidationText(relative);
          dirty = true;
        }
      }
      // Only a change that matters supersedes a validation still running: dropping it for an event
      // that changed nothing (a folder's own create event) would leave no validation of the
      // files as they are now. One that mattered starts its own below.
      if (!dirty) return;
      this.generation += 1;
      const unknown = this.model.services.filter((service) => !this.records.has(service.name)).map((service) => service.name);
      await this.reloadRecords(unknown);
      // The services the change touched first, so the tree shows them at once; in a large repo the
      // full validation that follows takes a while.
      this.recheckTouched(before, paths);
      this.changed.fire();
      if (await this.revalidate()) this.changed.fire();
    } catch (error) {
      if (error instanceof Disposed) return;
      this.log.error(`${this.folder.name}: could not update after changes to ${paths.join(', ')}`, error as Error);
    }
  }

  /**
   * Validates the repo and its static criteria in slices (the extension host stays responsive
   * while a large repo is validated). False when a change came in meanwhile: that change's own
   * validation supersedes this one, which is dropped.
   */
  private async revalidate(): Promise<boolean> {
    const started = Date.now();
    const generation = this.generation;
    const context = await this.engine.runInSlices(this.engine.validationWork(this.repoFiles(), this.index.parseCache, this.context), SLICE_MS, this.pause);
    const statics = await this.engine.runInSlices(this.engine.staticChecksWork(context), SLICE_MS, this.pause);
    if (generation !== this.generation) return false;
    this.context = context;
    this.statics = statics;
    this.log.trace(`${this.folder.name}: validated in ${Date.now() - started} ms`);
    return true;
  }

  /** Static checks again for the services `paths` touched, on the repo as it is now. */
  private recheckTouched(before: ReadonlyMap<string, Service>, paths: readonly string[]): void {
    if (!this.context) return;
    const started = Date.now();
    const touched = this.engine.touchedServices(before, this.model, paths);
    if (touched.length === 0) return;
    const context = this.engine.refreshedContext(this.context, this.repoFiles());
    const statics = new Map(this.statics);
    for (const service of touched) statics.set(service.name, this.engine.evaluateStaticChecks(service, context));
    this.statics = statics;
    this.log.trace(`${this.folder.name}: ${touched.length} touched services re-checked in ${Date.now() - started} ms`);
  }

  /** Between slices: a watcher disposed meanwhile (its folder closed) stops validating at once. */
  private readonly pause = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.disposed) throw new Disposed();
  };

  private repoFiles(): RepoFiles {
    return { snapshot: this.index.files, model: this.index.model, texts: this.texts, readFindings: this.textFindings };
  }

  private async rereadValidationTexts(): Promise<void> {
    const read = await this.engine.readValidationTexts(this.index.files);
    this.texts = read.texts;
    this.textFindings = read.findings;
  }

  private async rereadValidationText(relative: string): Promise<void> {
    // A new map, never an edit of the old one: the last validation keeps the texts it was made
    // from, which is how the next one tells what changed (see buildLintContext).
    const texts = new Map(this.texts);
    texts.delete(relative);
    this.textFindings = this.textFindings.filter((finding) => finding.file !== relative);
    await this.engine.readRepoFile(this.folder.uri.fsPath, relative, texts, this.textFindings);
    this.texts = texts;
  }

  /** Re-reads one service's record now (after this window wrote it), without waiting for the watcher. */
  async reloadRecord(service: string): Promise<void> {
    this.records.set(service, await this.engine.loadRecord(this.folder.uri.fsPath, service));
  }

  private async reloadRecords(names = this.model.services.map((service) => service.name)): Promise<void> {
    for (const [name, stored] of await this.engine.loadRecords(this.folder.uri.fsPath, names)) this.records.set(name, stored);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
