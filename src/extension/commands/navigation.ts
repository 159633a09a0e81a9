// Commands that take the user somewhere: a service in the tree, a piece of evidence, the
// service's definition, role, playbook or record.

import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import { ACTIONS, notify, type NotifyAction } from '../notify';
import type { ServicesNode } from '../servicesTree';
import { recordPath } from '../../repo/layout';

type ServiceArg = Extract<ServicesNode, { kind: 'service' }>;

export function revealService(ctx: CertifyContext) {
  return async (folder: vscode.Uri | string, name: string): Promise<void> => {
    const folderUri = typeof folder === 'string' ? vscode.Uri.parse(folder) : folder;
    const repo = ctx.repos.get(folderUri);
    const node = repo && ctx.tree.serviceNode(repo, name);
    if (!node) {
      notify('warning', `No service "${displayText(name)}" in the Services view: it may have been renamed or removed. Refresh to read the repo again.`, ACTIONS.refresh());
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
      notify('info', `Open a service's ${which} from its row in the Services view (right-click the service).`, ACTIONS.showServices());
      return;
    }
    const file = fileOf(node, which);
    if (!file) {
      notify('warning', `${node.service.name} has no ${which} yet. ${MISSING[which].hint}`, ...MISSING[which].actions(node));
      return;
    }
    try {
      await vscode.window.showTextDocument(vscode.Uri.joinPath(node.repo.folder.uri, ...file.split('/')), { preview: true });
    } catch (error) {
      ctx.log.error(`could not open ${file}`, error as Error);
      notify('error', `Cannot open ${displayText(file)} (${node.service.name}'s ${which}): it may have been moved. Refresh to read the repo again.`, ACTIONS.refresh());
    }
  };
}

/** What to say, and offer, when a service lacks the file asked for. */
const MISSING: Record<'definition' | 'role' | 'playbook' | 'record', { hint: string; actions: (node: ServiceArg) => NotifyAction[] }> = {
  definition: {
    hint: 'Certify can write services/<name>.yml from the facts it inferred.',
    actions: (node) => [{ title: 'Create Definition', run: () => vscode.commands.executeCommand(COMMAND_IDS.createDefinition, node) }],
  },
  role: { hint: 'Its deploy playbook names no role found under roles/.', actions: (node) => playbookAction(node) },
  playbook: { hint: `Certify looks for playbooks/<name>-deploy.yml.`, actions: () => [ACTIONS.newService()] },
  record: { hint: 'A record is written when a manual criterion is ticked or a step runs.', actions: () => [ACTIONS.showServices()] },
};

function playbookAction(node: ServiceArg): NotifyAction[] {
  const playbook = node.service.deployPlaybook;
  return playbook ? [ACTIONS.openFile(node.repo.folder.uri, playbook)] : [];
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
