// Commands that take the user somewhere: a service in the tree, a piece of evidence, the
// service's definition, role, playbook or record.

import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { CertifyContext } from '../context';
import type { ServicesNode } from '../servicesTree';
import { recordPath } from '../../repo/layout';

type ServiceArg = Extract<ServicesNode, { kind: 'service' }>;

export function revealService(ctx: CertifyContext) {
  return async (folder: vscode.Uri | string, name: string): Promise<void> => {
    const folderUri = typeof folder === 'string' ? vscode.Uri.parse(folder) : folder;
    const repo = ctx.repos.get(folderUri);
    const node = repo && ctx.tree.serviceNode(repo, name);
    if (!node) {
      void vscode.window.showWarningMessage(`Certify: no service "${displayText(name)}" here; run "Certify: Refresh Services".`);
      return;
    }
    await ctx.view.reveal(node, { select: true, focus: true, expand: true });
  };
}

export function openEvidence() {
  return async (folder: vscode.Uri, file: string, line: number): Promise<void> => {
    const uri = vscode.Uri.joinPath(folder, ...file.split('/'));
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  };
}

/** Opens one of a service's files, named by what the node knows. */
export function openServiceFile(ctx: CertifyContext, which: 'definition' | 'role' | 'playbook' | 'record') {
  return async (node: ServiceArg | undefined): Promise<void> => {
    if (node?.kind !== 'service') {
      void vscode.window.showInformationMessage('Certify: run this from a service in the Services view.');
      return;
    }
    const file = fileOf(node, which);
    if (!file) {
      void vscode.window.showWarningMessage(`Certify: ${node.service.name} has no ${which} yet.`);
      return;
    }
    try {
      await vscode.window.showTextDocument(vscode.Uri.joinPath(node.repo.folder.uri, ...file.split('/')), { preview: true });
    } catch (error) {
      ctx.log.error(`could not open ${file}`, error as Error);
      void vscode.window.showErrorMessage(`Certify: cannot open ${displayText(file)}; it may have been moved. Run "Certify: Refresh Services".`);
    }
  };
}

function fileOf(node: ServiceArg, which: 'definition' | 'role' | 'playbook' | 'record'): string | undefined {
  const { service } = node;
  switch (which) {
    case 'definition':
      return service.definitionFile;
    case 'playbook':
      return service.deployPlaybook;
    case 'role': {
      const dir = service.roles.find((role) => role.dir)?.dir;
      return dir && `${dir}/tasks/main.yml`;
    }
    case 'record':
      return node.repo.record(service.name)?.kind === 'missing' ? undefined : recordPath(service.name);
  }
}
