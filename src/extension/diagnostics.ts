// Publishes Certify's findings as diagnostics: the whole repo from disk after every change,
// and each open YAML document as it is typed (debounced), so Problems shows both.
// One DiagnosticCollection; each diagnostic remembers its finding for quick fixes.

import { vscode } from './vscodeApi';
import type { Finding } from '../core/findings';
import { checkKindOf } from '../repo/layout';
import { toDiagnostic } from './findingRanges';
import type { Log } from './log';
import type { OpenRepos } from './openRepos';
import type { RepoWatcher } from './repoWatcher';

const TYPING_DEBOUNCE_MS = 250;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('certify');
  private readonly findingOf = new WeakMap<vscode.Diagnostic, Finding>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  /** Which repo published each URI's diagnostics (by URI string), so a closed repo takes exactly its own. */
  private readonly owners = new Map<string, { uri: vscode.Uri; repo: RepoWatcher }>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly repos: OpenRepos,
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
    for (const [key, owner] of [...this.owners]) {
      const file = repo.relativePath(owner.uri);
      if (owner.repo === repo && file !== undefined && !byFile.has(file) && !open.get(key)?.isDirty) this.delete(key);
    }
    for (const [file, findings] of byFile) {
      const uri = vscode.Uri.joinPath(repo.folder.uri, ...file.split('/'));
      const document = open.get(uri.toString());
      if (document?.isDirty) continue; // validated from its own text below
      this.set(repo, uri, findings, document);
    }
    for (const document of open.values()) if (document.isDirty && this.repos.repoOf(document.uri)?.repo === repo) this.validateNow(document);
  }

  /** Clears everything a closed repo showed, from disk and from its documents' texts. */
  forget(repo: RepoWatcher): void {
    for (const [key, owner] of [...this.owners]) if (owner.repo === repo) this.delete(key);
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
    const located = this.repos.repoOf(document.uri);
    const validation = located?.repo.validation;
    // Before the repo's first validation, publishRepo re-checks open documents when it is done.
    if (!located || !validation || checkKindOf(located.file) === 'other') return;
    try {
      this.set(located.repo, document.uri, located.repo.engine.validateDocument(located.file, document.getText(), validation), document);
    } catch (error) {
      this.log.error(`validation of ${located.file} failed`, error as Error);
    }
  }

  private publishFromRepo(uri: vscode.Uri): void {
    const located = this.repos.repoOf(uri);
    if (!located?.repo.validation) return;
    this.set(located.repo, uri, located.repo.validation.findings.filter((finding) => finding.file === located.file));
  }

  private set(repo: RepoWatcher, uri: vscode.Uri, findings: readonly Finding[], document?: vscode.TextDocument): void {
    const diagnostics = findings.map((finding) => {
      const diagnostic = toDiagnostic(finding, document);
      this.findingOf.set(diagnostic, finding);
      return diagnostic;
    });
    this.collection.set(uri, diagnostics);
    this.owners.set(uri.toString(), { uri, repo });
  }

  private delete(key: string): void {
    const owner = this.owners.get(key);
    if (owner) this.collection.delete(owner.uri);
    this.owners.delete(key);
  }

  dispose(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
