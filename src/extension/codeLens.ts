// CodeLens on deploy playbooks and service definitions: the service's certification state and
// what the repo still lacks, jumping to the service in the tree; on a definition, one lens per
// step; where a static check fails and a fix exists, a lens that applies it.

import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import type { Finding } from '../core/findings';
import type { Service } from '../core/service';
import { staticSummary } from '../check/staticCriteria';
import { serviceNode, stepNodes } from '../report/treeModel';
import { COMMAND_IDS } from './commandIds';
import type { CertifyContext } from './context';
import type { RepoWatcher } from './repoWatcher';

/** Lint rules whose fixes complete what a static criterion asks for (README, handlers, health check, vault docs). */
const FIXES_FOR_STATIC = new Set(['role-readme', 'role-structure', 'health-check-missing', 'vault-undocumented']);

export class CertifyCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly ctx: CertifyContext) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const located = this.ctx.repos.repoOf(document.uri);
    if (!located) return [];
    const { repo, file } = located;
    const service = repo.model.services.find((candidate) => candidate.deployPlaybook === file || candidate.definitionFile === file);
    if (!service) return [];
    const line = anchorLine(document);
    const range = new vscode.Range(line, 0, line, 0);
    const lenses = [new vscode.CodeLens(range, summaryCommand(repo, service))];
    if (file === service.definitionFile) {
      for (const step of stepNodes(service, repo.recordOf(service.name))) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `${step.step.number} ${step.step.shortTitle}: ${step.state.replace('-', ' ')}`,
            tooltip: step.reason === undefined ? step.step.objective : displayText(step.reason),
            command: COMMAND_IDS.revealService,
            arguments: [repo.folder.uri, service.name],
          }),
        );
      }
    }
    for (const finding of fixableGaps(repo, service)) {
      for (const fix of finding.fixes ?? []) {
        lenses.push(
          new vscode.CodeLens(range, { title: `Certify: ${displayText(fix.title)}`, tooltip: displayText(finding.message), command: COMMAND_IDS.applyFix, arguments: [repo.folder.uri, fix] }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function summaryCommand(repo: RepoWatcher, service: Service): vscode.Command {
  const node = serviceNode(service, repo.record(service.name));
  const statics = repo.staticResults(service.name);
  const summary = statics ? staticSummary(statics) : undefined;
  const parts = [`Certify: ${node.passed}/9`];
  if (node.state === 'record-damaged') parts.push('record damaged');
  if (summary) parts.push(...(summary.problems.length > 0 ? summary.problems.slice(0, 2) : [`${summary.met}/${summary.total} repo checks met`]));
  return {
    title: displayText(parts.join(' · ')),
    tooltip: summary?.problems.length ? displayText(`Still missing in the repo: ${summary.problems.join(', ')}`) : 'Show this service in the Certify view',
    command: COMMAND_IDS.revealService,
    arguments: [repo.folder.uri, service.name],
  };
}

/** Findings with a fix on the service's own role files that a static criterion depends on. */
function fixableGaps(repo: RepoWatcher, service: Service): Finding[] {
  const dirs = service.roles.flatMap((role) => (role.dir ? [`${role.dir}/`] : []));
  return (repo.validation?.findings ?? []).filter(
    (finding) => FIXES_FOR_STATIC.has(finding.ruleId) && finding.fixes?.length && dirs.some((dir) => finding.file.startsWith(dir)),
  );
}

/** The first line that is not a comment or document marker: where the lenses read naturally. */
function anchorLine(document: vscode.TextDocument): number {
  for (let line = 0; line < Math.min(document.lineCount, 50); line++) {
    const text = document.lineAt(line).text.trim();
    if (text !== '' && !text.startsWith('#') && text !== '---') return line;
  }
  return 0;
}
