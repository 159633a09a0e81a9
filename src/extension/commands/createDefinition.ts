// "Create Service Definition": writes services/<name>.yml from the facts Certify inferred
// (never over an existing file) and opens it.

import { promises as fs } from 'node:fs';
import { vscode } from '../vscodeApi';
import type { CertifyContext } from '../context';
import { ACTIONS, notify } from '../notify';
import type { ServicesNode } from '../servicesTree';

export function createDefinition(ctx: CertifyContext) {
  return async (node: Extract<ServicesNode, { kind: 'service' }> | undefined): Promise<void> => {
    if (node?.kind !== 'service') {
      notify('info', 'Create Definition works on a service: right-click one in the Services view.', ACTIONS.showServices());
      return;
    }
    const uri = vscode.Uri.joinPath(node.repo.folder.uri, 'services', `${node.service.name}.yml`);
    try {
      await fs.mkdir(vscode.Uri.joinPath(uri, '..').fsPath, { recursive: true });
      await fs.writeFile(uri.fsPath, node.repo.engine.definitionFromFacts(node.service), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        void vscode.window.showInformationMessage(`Certify: services/${node.service.name}.yml already exists; opening it.`);
      } else {
        ctx.log.error(`could not write ${uri.fsPath}`, error as Error);
        notify('error', `Cannot write services/${node.service.name}.yml (${(error as Error).message}). Check that the folder is writable.`, ACTIONS.showLog(ctx.log));
        return;
      }
    }
    await vscode.window.showTextDocument(uri);
  };
}
