// The `certify.services` view: the services of every Certify repo in the workspace, with
// container id and progress. (Steps and criteria below each service come with the full tree.)

import * as vscode from 'vscode';
import { factOrigin, factText } from '../core/factText';
import { isCovered, type Fact, type Service } from '../core/service';
import { serviceProgress } from '../core/transitions';
import type { StoredRecord } from '../workspace/store';
import type { RepoWatcher } from './repoWatcher';

export type ServicesNode = { kind: 'repo'; repo: RepoWatcher } | { kind: 'service'; repo: RepoWatcher; service: Service };

const REFRESH_DEBOUNCE_MS = 50;

export class ServicesTree implements vscode.TreeDataProvider<ServicesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ServicesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly repos: () => readonly RepoWatcher[]) {}

  /** Redraws the tree soon; bursts of changes are drawn once. */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), REFRESH_DEBOUNCE_MS);
  }

  getChildren(node?: ServicesNode): ServicesNode[] {
    if (!node) {
      const repos = this.repos().filter((repo) => repo.model.services.length > 0);
      // With one repo, its services are the top level; with several, each repo is a group.
      if (repos.length === 1) return servicesOf(repos[0]);
      return repos.map((repo) => ({ kind: 'repo', repo }));
    }
    return node.kind === 'repo' ? servicesOf(node.repo) : [];
  }

  getTreeItem(node: ServicesNode): vscode.TreeItem {
    if (node.kind === 'repo') {
      const item = new vscode.TreeItem(node.repo.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.repo.model.services.length} services`;
      item.iconPath = new vscode.ThemeIcon('repo');
      item.contextValue = 'certify.repo';
      return item;
    }
    return serviceItem(node.service, node.repo.record(node.service.name));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

function servicesOf(repo: RepoWatcher): ServicesNode[] {
  return repo.model.services.map((service) => ({ kind: 'service', repo, service }));
}

function serviceItem(service: Service, stored: StoredRecord | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(service.name, vscode.TreeItemCollapsibleState.None);
  item.id = `service:${service.name}`;
  const progress = stored?.kind === 'ok' ? serviceProgress(stored.record) : undefined;
  const container = service.facts.containerId ? `CT ${factText(service.facts.containerId)}` : 'no container id';
  const state = stored?.kind === 'corrupt' ? 'record damaged' : stored?.kind === 'newer' ? 'record from newer Certify' : `${progress?.passed ?? 0}/9`;
  item.description = `${container} · ${state}`;
  item.iconPath = stateIcon(progress?.state, stored?.kind);
  item.contextValue = 'certify.service';
  item.tooltip = serviceTooltip(service);
  return item;
}

function stateIcon(state: string | undefined, kind: StoredRecord['kind'] | undefined): vscode.ThemeIcon {
  if (kind === 'corrupt' || kind === 'newer') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  switch (state) {
    case 'certified':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'in-progress':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('testing.iconQueued'));
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

function serviceTooltip(service: Service): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**${service.name}**\n\n`);
  const facts: [string, Fact<unknown> | undefined][] = [
    ['Container', service.facts.containerId],
    ['Hostname', service.facts.hostname],
    ['IP', service.facts.ipAddress],
    ['Port', service.facts.servicePort],
    ['URL', service.facts.externalUrl],
  ];
  for (const [label, fact] of facts) {
    if (!fact) continue;
    tip.appendMarkdown(`${label}: `);
    tip.appendText(`${factText(fact)} — ${fact.origin === 'definition' ? 'definition' : fact.origin} ${factOrigin(fact)}`);
    tip.appendMarkdown('  \n');
  }
  tip.appendText(`Roles: ${service.roles.map((role) => role.name).join(', ') || 'none'}`);
  tip.appendMarkdown('  \n');
  tip.appendText(`Backup: ${isCovered(service.backup) ? 'covered' : 'not covered'} · Restore: ${isCovered(service.restore) ? 'covered' : 'not covered'}`);
  return tip;
}
