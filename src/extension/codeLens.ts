// CodeLens on deploy playbooks and service definitions, short enough to stay on screen: the
// service's progress with its next runnable step (or, certified, whether that still holds), what
// the repo still lacks, both jumping to the service in the tree; where a static check fails and a
// fix exists, one lens that applies it; once the service has a record, one that opens its report.
// Deploy, backup and restore playbooks also get the lenses that run steps (run/runLenses.ts).

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import type { Finding } from '../core/findings';
import type { Service } from '../core/service';
import { nextStep, progressLine, serviceNode, stepNodes } from '../report/treeModel';
import { COMMAND_IDS } from './commandIds';
import type { CertifyContext } from './context';
import type { RepoWatcher } from './repoWatcher';
import { freshnessLines, freshnessMark } from './report/freshnessText';
import type { FreshnessLookup } from './report/serviceFreshness';
import { runLenses } from './run/runLenses';

/** Lint rules whose fixes complete what a static criterion asks for, most important first. */
const FIXES_FOR_STATIC = ['role-structure', 'health-check-missing', 'role-readme', 'vault-undocumented'];

const LENS_TEXT_MAX = 48;

/** A lens stays short; the tooltip has the whole text. */
function shorten(text: string): string {
  return text.length <= LENS_TEXT_MAX ? text : `${text.slice(0, LENS_TEXT_MAX - 1)}…`;
}

export class CertifyCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly ctx: CertifyContext,
    private readonly freshness?: FreshnessLookup,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const located = this.ctx.repos.repoOf(document.uri);
    if (!located) return [];
    const { repo, file } = located;
    const service = repo.model.services.find((candidate) => candidate.deployPlaybook === file || candidate.definitionFile === file);
    const line = anchorLine(document);
    const range = new vscode.Range(line, 0, line, 0);
    // The run actions head the file, above its comments: on the play's line they would push the
    // summary off the screen.
    const runs = runLenses(this.ctx, repo, file, service, new vscode.Range(0, 0, 0, 0));
    if (!service) return runs;
    // Short lenses: one summary with the next runnable step, one with what the repo lacks; the
    // nine steps are in the tree (a lens per step ran off the screen).
    const lenses = [...runs, new vscode.CodeLens(range, summaryCommand(repo, service, this.freshness))];
    const report = reportCommand(repo, service, file);
    if (report) lenses.push(new vscode.CodeLens(range, report));
    const gaps = gapsCommand(repo, service);
    if (gaps) lenses.push(new vscode.CodeLens(range, gaps));
    // One fix at a time, the most important first: the rest are quick fixes in Problems.
    const [finding] = fixableGaps(repo, service);
    const fix = finding?.fixes?.[0];
    if (finding && fix) {
      lenses.push(
        new vscode.CodeLens(range, { title: `Fix: ${shorten(displayText(fix.title))}`, tooltip: displayText(`${fix.title}: ${finding.message}`), command: COMMAND_IDS.applyFix, arguments: [repo.folder.uri, fix] }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "Certify: gitea · 0/9 · next: 1 Implement"; certified but no longer holding, "Certify: gitea · 9/9 · stale". */
function summaryCommand(repo: RepoWatcher, service: Service, lookup: FreshnessLookup | undefined): vscode.Command {
  const node = serviceNode(service, repo.record(service.name));
  const steps = stepNodes(service, repo.recordOf(service.name));
  const next = nextStep(steps);
  const freshness = node.state === 'certified' ? lookup?.get(repo, service.name) : undefined;
  const mark = freshnessMark(freshness);
  return {
    title: `Certify: ${mark ? `${displayText(service.name)} · ${node.passed}/9 · ${mark}` : progressLine(node, steps)}`,
    tooltip: mark
      ? `${freshnessLines(freshness).join('\n')}\nClick to show it in the Certify view.`
      : next
        ? `Step ${next.step.number}: ${next.step.title}. ${next.step.objective}. Click to show it in the Certify view.`
        : 'Show this service in the Certify view',
    command: COMMAND_IDS.revealService,
    arguments: [repo.folder.uri, service.name],
  };
}

/** "Report", on the deploy playbook of a service that has a record: its completion report in a panel. */
function reportCommand(repo: RepoWatcher, service: Service, file: string): vscode.Command | undefined {
  if (file !== service.deployPlaybook || (repo.record(service.name)?.kind ?? 'missing') === 'missing') return undefined;
  return { title: 'Report', tooltip: `Open the completion report of ${displayText(service.name)}`, command: COMMAND_IDS.openReport, arguments: [repo.folder.uri, service.name] };
}

/** "Repo lacks: restore not covered and 1 more", when a static check fails; the tooltip lists them all. */
function gapsCommand(repo: RepoWatcher, service: Service): vscode.Command | undefined {
  const statics = repo.staticResults(service.name);
  const problems = statics ? repo.engine.staticSummary(statics).problems : [];
  if (problems.length === 0) return undefined;
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : '';
  return {
    title: displayText(`Repo lacks: ${problems[0]}${more}`),
    tooltip: displayText(`Still missing in the repo: ${problems.join(', ')}. Click to show the service's criteria in the Certify view.`),
    command: COMMAND_IDS.revealService,
    arguments: [repo.folder.uri, service.name],
  };
}

/** Findings with a fix on the service's own role files that a static criterion depends on. */
function fixableGaps(repo: RepoWatcher, service: Service): Finding[] {
  const dirs = service.roles.flatMap((role) => (role.dir ? [`${role.dir}/`] : []));
  return (repo.validation?.findings ?? [])
    .filter((finding) => FIXES_FOR_STATIC.includes(finding.ruleId) && finding.fixes?.length && dirs.some((dir) => finding.file.startsWith(dir)))
    .sort((a, b) => FIXES_FOR_STATIC.indexOf(a.ruleId) - FIXES_FOR_STATIC.indexOf(b.ruleId));
}

/** The first line that is not a comment or document marker: where the lenses read naturally. */
function anchorLine(document: vscode.TextDocument): number {
  for (let line = 0; line < Math.min(document.lineCount, 50); line++) {
    const text = document.lineAt(line).text.trim();
    if (text !== '' && !text.startsWith('#') && text !== '---') return line;
  }
  return 0;
}
