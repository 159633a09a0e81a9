// Keeps one workspace folder's repo model and certification records current: file watchers
// feed single-file updates to the engine's RepoIndex, debounced, and fire one change event.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RepoModel } from '../core/service';
import { RepoIndex } from '../workspace/repoIndex';
import { loadRecord, STORE_DIR, type StoredRecord } from '../workspace/store';
import type { Log } from './log';

const DEBOUNCE_MS = 150;

export class RepoWatcher implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private records = new Map<string, StoredRecord>();

  private constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly index: RepoIndex,
    private readonly log: Log,
  ) {
    const pattern = new vscode.RelativePattern(folder, '{certify.yml,services/**,playbooks/**,roles/**,inventory/**,group_vars/**,scripts/**}');
    const files = vscode.workspace.createFileSystemWatcher(pattern);
    const records = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${STORE_DIR}/*/record.json`));
    for (const watcher of [files, records]) {
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.queue(uri)),
        watcher.onDidChange((uri) => this.queue(uri)),
        watcher.onDidDelete((uri) => this.queue(uri)),
      );
    }
  }

  static async open(folder: vscode.WorkspaceFolder, log: Log): Promise<RepoWatcher> {
    const started = Date.now();
    const watcher = new RepoWatcher(folder, await RepoIndex.open(folder.uri.fsPath), log);
    await watcher.reloadRecords();
    const model = watcher.model;
    log.info(`${folder.name}: ${model.services.length} services, ${model.findings.length} findings (${Date.now() - started} ms)`);
    return watcher;
  }

  get model(): RepoModel {
    return this.index.model;
  }

  record(service: string): StoredRecord | undefined {
    return this.records.get(service);
  }

  async rescan(): Promise<void> {
    await this.index.rescan();
    await this.reloadRecords();
    this.changed.fire();
  }

  private queue(uri: vscode.Uri): void {
    this.pending.add(path.relative(this.folder.uri.fsPath, uri.fsPath).split(path.sep).join('/'));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    const paths = [...this.pending];
    this.pending.clear();
    try {
      let dirty = false;
      for (const relative of paths) {
        if (relative.startsWith(`${STORE_DIR}/`)) {
          const service = relative.split('/')[1];
          this.records.set(service, await loadRecord(this.folder.uri.fsPath, service));
          dirty = true;
        } else if (await this.index.fileChanged(relative)) dirty = true;
      }
      if (dirty) {
        await this.reloadRecords(this.model.services.filter((service) => !this.records.has(service.name)).map((s) => s.name));
        this.changed.fire();
      }
    } catch (error) {
      this.log.error(`${this.folder.name}: could not update after changes to ${paths.join(', ')}`, error as Error);
    }
  }

  private async reloadRecords(names = this.model.services.map((service) => service.name)): Promise<void> {
    const loaded = await Promise.all(names.map(async (name) => [name, await loadRecord(this.folder.uri.fsPath, name)] as const));
    for (const [name, stored] of loaded) this.records.set(name, stored);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
