// The `certify.services` view: services → the nine steps → their criteria. Manual criteria
// are checkboxes saved in the record (who and when); static ones show what the repo proves,
// with a click to the evidence. Redraws are debounced and follow file and record changes.
// Every text drawn from the repo or a record goes through displayText: a value with a newline,
// an ESC sequence or a bidi override is shown escaped, and a URL's password masked. A step that
// can start shows its plan in its tooltip, worked out when the tooltip is first shown. A certified
// service whose certification no longer holds says "stale" or "due", and why in its tooltip.

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import { factOrigin, factText } from '../core/factText';
import { canStart } from '../core/gates';
import type { Freshness } from '../core/freshness';
import { createEmptyRecord } from '../core/record';
import { isCovered, type Fact, type Service } from '../core/service';
import { CRITERION_KINDS, criterionNodes, serviceNode, stepNodes, type CriterionNode, type ServiceNode, type StepNode } from '../report/treeModel';
import { COMMAND_IDS } from './commandIds';
import type { OpenRepos } from './openRepos';
import { freshnessLines, freshnessMark } from './report/freshnessText';
import type { FreshnessLookup } from './report/serviceFreshness';
import type { RepoWatcher } from './repoWatcher';
import type { ActiveRuns } from './run/activeRuns';
import type { RunPlans } from './run/runPlans';

export type ServicesNode =
  | { kind: 'repo'; repo: RepoWatcher }
  | (ServiceNode & { repo: RepoWatcher })
  | (StepNode & { repo: RepoWatcher })
  | (CriterionNode & { repo: RepoWatcher });

const REFRESH_DEBOUNCE_MS = 50;

/** What the tree shows of runs: which services run in this window, and the steps' plans. */
export interface TreeRuns {
  runs: ActiveRuns;
  plans: RunPlans;
}

export class ServicesTree implements vscode.TreeDataProvider<ServicesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ServicesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repos: OpenRepos,
    private readonly runs?: TreeRuns,
    private readonly freshness?: FreshnessLookup,
  ) {}

  /** Redraws the tree soon; bursts of changes are drawn once. */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), REFRESH_DEBOUNCE_MS);
  }

  getChildren(node?: ServicesNode): ServicesNode[] {
    if (!node) {
      const repos = this.repos.all().filter((repo) => repo.model.services.length > 0);
      // With one repo, its services are the top level; with several, each repo is a group.
      if (repos.length === 1) return servicesOf(repos[0]);
      return repos.map((repo) => ({ kind: 'repo', repo }));
    }
    const { repo } = node;
    switch (node.kind) {
      case 'repo':
        return servicesOf(repo);
      case 'service':
        return stepNodes(node.service, repo.recordOf(node.service.name)).map((step) => ({ ...step, repo }));
      case 'step':
        return criterionNodes(node.service, node.step.id, repo.recordOf(node.service.name), repo.staticResults(node.service.name)).map(
          (criterion) => ({ ...criterion, repo }),
        );
      default:
        return [];
    }
  }

  getParent(node: ServicesNode): ServicesNode | undefined {
    if (node.kind === 'repo' || node.kind === 'service') return undefined;
    if (node.kind === 'step') return { ...serviceNode(node.service, node.repo.record(node.service.name)), repo: node.repo };
    return stepNodes(node.service, node.repo.recordOf(node.service.name))
      .map((step) => ({ ...step, repo: node.repo }))
      .find((step) => step.step.id === node.stepId);
  }

  getTreeItem(node: ServicesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'repo': {
        const item = new vscode.TreeItem(displayText(node.repo.folder.name), vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.repo.model.services.length} services`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'certify.repo';
        return item;
      }
      case 'service':
        return serviceItem(
          node,
          this.runs?.runs.get(node.repo.folder.uri, node.service.name) !== undefined,
          node.state === 'certified' ? this.freshness?.get(node.repo, node.service.name) : undefined,
        );
      case 'step':
        return stepItem(node, this.runs !== undefined);
      case 'criterion':
        return criterionItem(node);
    }
  }

  /** The tooltip of a step that can start: its state, objective and plan (the engine is loaded for it). */
  async resolveTreeItem(item: vscode.TreeItem, node: ServicesNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'step' || item.tooltip !== undefined || !this.runs) return item;
    const tip = stepTooltip(node);
    let plan: string;
    try {
      plan = await this.runs.plans.stepText(node.repo, node.service.name, node.step.id);
    } catch (error) {
      plan = `The plan cannot be shown: ${(error as Error).message}`;
    }
    if (token.isCancellationRequested) return item;
    tip.appendMarkdown('\n\n**Plan** (what a run does, in order)\n\n').appendCodeblock(plan, 'text');
    item.tooltip = tip;
    return item;
  }

  /** The service's node, for reveal() from CodeLens and the status bar. */
  serviceNode(repo: RepoWatcher, name: string): ServicesNode | undefined {
    const service = repo.model.services.find((candidate) => candidate.name === name);
    return service ? { ...serviceNode(service, repo.record(name)), repo } : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

function servicesOf(repo: RepoWatcher): ServicesNode[] {
  return repo.model.services.map((service) => ({ ...serviceNode(service, repo.record(service.name)), repo }));
}

const SERVICE_ICONS: Record<ServiceNode['state'], [string, string?]> = {
  certified: ['pass-filled', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  'in-progress': ['circle-large-outline', 'testing.iconQueued'],
  'not-started': ['circle-outline'],
  'record-damaged': ['warning', 'list.warningForeground'],
};

/** Certified, but what it certified changed or it is older than the repo's interval. */
const SERVICE_NO_LONGER_HOLDS: [string, string] = ['pass-filled', 'list.warningForeground'];

const STEP_ICONS: Record<StepNode['state'], [string, string?]> = {
  passed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  running: ['sync~spin', 'testing.iconQueued'],
  interrupted: ['debug-pause', 'list.warningForeground'],
  skipped: ['debug-step-over', 'disabledForeground'],
  blocked: ['lock', 'disabledForeground'],
  'not-started': ['circle-outline'],
};

function icon([id, color]: [string, string?]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** `freshness`: a certified service's, when judged. */
function serviceItem(node: ServiceNode & { repo: RepoWatcher }, runningHere: boolean, freshness: Freshness | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(node.service.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.repo.folder.uri.toString()}#${node.service.name}`;
  const mark = freshnessMark(freshness);
  item.description = displayText(node.description) + (mark ? ` · ${mark}` : '');
  item.iconPath = icon(mark ? SERVICE_NO_LONGER_HOLDS : SERVICE_ICONS[node.state]);
  // Each capability is a word in contextValue, so menus can ask for exactly what they need.
  const words = ['certify.service', node.service.definitionFile ? 'hasDefinition' : 'noDefinition'];
  if (node.service.deployPlaybook) words.push('hasPlaybook');
  if (node.service.roles.some((role) => role.dir)) words.push('hasRole');
  if (node.repo.record(node.service.name)?.kind !== 'missing') words.push('hasRecord');
  if (node.state === 'certified') words.push('certified');
  if (runningHere) words.push('runningHere');
  item.contextValue = words.join(' ');
  item.tooltip = serviceTooltip(node.service, freshnessLines(freshness));
  return item;
}

/** `planned`: the tooltip of a step that can start is left for resolveTreeItem, which adds the plan. */
function stepItem(node: StepNode & { repo: RepoWatcher }, planned: boolean): vscode.TreeItem {
  // The short label and the state in the description fit the default sidebar; the full title is in the tooltip.
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.repo.folder.uri.toString()}#${node.service.name}#${node.step.id}`;
  item.description = displayText(node.description);
  item.iconPath = icon(STEP_ICONS[node.state]);
  const stored = node.repo.record(node.service.name);
  const record = stored?.kind === 'ok' ? stored.record : undefined;
  // A damaged record runs nothing; a missing one reads as empty.
  const startable = stored?.kind !== 'corrupt' && stored?.kind !== 'newer' && canStart(record ?? createEmptyRecord(node.service.name, new Date()), node.step.id) === undefined;
  const words = ['certify.step', node.state];
  if (node.step.destructive) words.push('destructive');
  if (startable) words.push('canStart');
  if ((record?.steps[node.step.id].runs.length ?? 0) > 0) words.push('hasRuns');
  item.contextValue = words.join(' ');
  item.tooltip = planned && startable ? undefined : stepTooltip(node);
  return item;
}

function stepTooltip(node: StepNode): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**Step ${node.step.number}: ${node.step.title}**\n\n`);
  tip.appendMarkdown(markdownText(`State: ${node.state.replace('-', ' ')}`)).appendMarkdown('\n\n');
  tip.appendMarkdown(markdownText(node.step.objective));
  if (node.reason) tip.appendMarkdown('\n\n').appendMarkdown(markdownText(`${node.state === 'blocked' ? 'Blocked: ' : ''}${displayText(node.reason)}`));
  if (node.figures.length > 0) tip.appendMarkdown('\n\n').appendMarkdown(node.figures.map((figure) => `- ${markdownText(figure)}`).join('\n'));
  return tip;
}

function criterionItem(node: CriterionNode & { repo: RepoWatcher }): vscode.TreeItem {
  const item = new vscode.TreeItem(node.criterion.text, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.repo.folder.uri.toString()}#${node.service.name}#${node.stepId}#${node.criterion.id}`;
  item.description = displayText(node.description);
  item.contextValue = `certify.criterion ${node.criterion.kind}`;
  item.iconPath = new vscode.ThemeIcon(node.icon.id, new vscode.ThemeColor(TONES[node.icon.tone]));
  if (node.criterion.kind === 'manual') {
    item.checkboxState = node.state === 'met' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  }
  item.tooltip = criterionTooltip(node);
  if (node.evidence) {
    item.command = {
      command: COMMAND_IDS.openEvidence,
      title: 'Open Evidence',
      arguments: [node.repo.folder.uri, node.evidence.file, node.evidence.line],
    };
  }
  return item;
}

const TONES: Record<CriterionNode['icon']['tone'], string> = {
  passed: 'testing.iconPassed',
  failed: 'testing.iconFailed',
  muted: 'disabledForeground',
};

/** What the criterion asks, what its icon means (kind and state), and what the repo or the record says. */
function criterionTooltip(node: CriterionNode): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  const kind = CRITERION_KINDS[node.criterion.kind];
  tip.appendMarkdown(`**${markdownText(node.criterion.text)}**\n\n`);
  tip.appendMarkdown(`$(${node.icon.id.replace(/~.*/, '')}) ${markdownText(`${kind.title}, ${kind.how}: ${node.icon.meaning}.`)}\n\n`);
  if (node.confirmedBy) tip.appendMarkdown(markdownText(`Confirmed by ${displayText(node.confirmedBy.by)} at ${displayText(node.confirmedBy.at)}.`));
  else tip.appendMarkdown(markdownText(`${displayText(node.description).replace(/[.…]$/, '')}${node.evidence ? ' (click to open the evidence)' : ''}.`));
  tip.appendMarkdown('\n\n').appendMarkdown(markdownText('The icons are explained in the walkthrough "Certify a service", step "Read the icons".'));
  return tip;
}

/**
 * Text as Markdown that shows it literally: every Markdown and HTML token escaped, icons too.
 * Unlike appendText, spaces stay spaces, so a long line in a hover wraps between words.
 */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!.|<>~$&:]/g, '\\$&');
}

/** `freshness`: what a stale or due certification's lines say (freshnessText). */
function serviceTooltip(service: Service, freshness: readonly string[]): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(displayText(service.name)).appendMarkdown('**\n\n');
  for (const line of freshness) tip.appendText(line).appendMarkdown('\n\n');
  const facts: [string, Fact<unknown> | undefined][] = [
    ['Container', service.facts.containerId],
    ['Hostname', service.facts.hostname],
    ['IP', service.facts.ipAddress],
    ['Port', service.facts.servicePort],
    ['URL', service.facts.externalUrl],
  ];
  for (const [label, fact] of facts) {
    if (!fact) continue;
    tip.appendText(`${label}: ${displayText(factText(fact))} — ${fact.origin} ${displayText(factOrigin(fact))}`);
    tip.appendMarkdown('  \n');
  }
  tip.appendText(`Roles: ${service.roles.map((role) => displayText(role.name)).join(', ') || 'none'}`);
  tip.appendMarkdown('  \n');
  tip.appendText(`Backup: ${isCovered(service.backup) ? 'covered' : 'not covered'} · Restore: ${isCovered(service.restore) ? 'covered' : 'not covered'}`);
  return tip;
}
