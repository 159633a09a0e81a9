// Publishes Certify's findings as diagnostics: the whole repo from disk after every change,
// and each open YAML document as it is typed (debounced), so Problems shows both.
// One DiagnosticCollection; each diagnostic remembers its finding for quick fixes.

import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { validateDocument } from '../check/validateRepo';
import { fileKind } from '../check/fileKinds';
import { toDiagnostic } from './findingRanges';
import type { Log } from './log';
import type { RepoWatcher } from './repoWatcher';

const TYPING_DEBOUNCE_MS = 250;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('certify');
  private readonly findingOf = new WeakMap<vscode.Diagnostic, Finding>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<RepoWatcher, Set<string>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly repos: () => readonly RepoWatcher[],
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.scheduleDocument(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => this.scheduleDocument(document)),
      // A closed document shows what is on disk again.
      vscode.workspace.onDidCloseTextDocument((document) => this.publishFromRepo(document.uri)),
    );
  }

  /** The finding behind a diagnostic this collection published. */
  finding(diagnostic: vscode.Diagnostic): Finding | undefined {
    return this.findingOf.get(diagnostic);
  }

  /** Republishes everything of one repo from its latest validation; open documents are re-checked. */
  publishRepo(repo: RepoWatcher): void {
    // Nothing to publish before the first validation; it ends with a call to this.
    if (!repo.validation) return;
    const byFile = new Map<string, Finding[]>();
    for (const finding of repo.validation.findings) {
      const list = byFile.get(finding.file) ?? [];
      list.push(finding);
      byFile.set(finding.file, list);
    }
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    // Whatever this repo showed before (from disk or from a document's text) and no longer has goes,
    // except for unsaved documents, which are re-checked from their own text below.
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const file = repo.relativePath(uri);
      if (file !== undefined && !byFile.has(file) && !open.get(uri.toString())?.isDirty) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
    this.published.set(repo, new Set(byFile.keys()));
    for (const [file, findings] of byFile) {
      const uri = this.uriOf(repo, file);
      const document = open.get(uri.toString());
      if (document?.isDirty) continue; // validated from its own text below
      this.set(uri, findings, document);
    }
    for (const document of open.values()) if (document.isDirty && repo.relativePath(document.uri)) this.validateNow(document);
  }

  forget(repo: RepoWatcher): void {
    for (const file of this.published.get(repo) ?? []) this.collection.delete(this.uriOf(repo, file));
    this.published.delete(repo);
  }

  private scheduleDocument(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        this.validateNow(document);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  private validateNow(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const located = this.locate(document.uri);
    const validation = located?.repo.validation;
    // Before the repo's first validation, publishRepo re-checks open documents when it is done.
    if (!located || !validation || fileKind(located.file) === 'other') return;
    try {
      this.set(document.uri, validateDocument(located.file, document.getText(), validation), document);
    } catch (error) {
      this.log.error(`validation of ${located.file} failed`, error as Error);
    }
  }

  private publishFromRepo(uri: vscode.Uri): void {
    const located = this.locate(uri);
    if (!located?.repo.validation) return;
    this.set(uri, located.repo.validation.findings.filter((finding) => finding.file === located.file));
  }

  private set(uri: vscode.Uri, findings: readonly Finding[], document?: vscode.TextDocument): void {
    const diagnostics = findings.map((finding) => {
      const diagnostic = toDiagnostic(finding, document);
      this.findingOf.set(diagnostic, finding);
      return diagnostic;
    });
    this.collection.set(uri, diagnostics);
  }

  private locate(uri: vscode.Uri): { repo: RepoWatcher; file: string } | undefined {
    for (const repo of this.repos()) {
      const file = repo.relativePath(uri);
      if (file !== undefined) return { repo, file };
    }
    return undefined;
  }

  private uriOf(repo: RepoWatcher, file: string): vscode.Uri {
    return vscode.Uri.joinPath(repo.folder.uri, ...file.split('/'));
  }

  dispose(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
