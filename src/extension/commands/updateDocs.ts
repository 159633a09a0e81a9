// "Update Docs": after a completed certification, the documentation edits the workflow asks for
// (the README's service list, the container-mapping row, the full-deployment playbook, the backup
// schedule), computed by the repo engine (report/docsUpdate) from the repo's texts, and offered
// as a refactor preview: the user reviews each labelled edit and applies what they accept.
// Only what is missing is proposed; what Certify could not do is said in the log and a toast.

import type { DocsEdit } from '../../report/docsUpdate';
import type { CertifyContext } from '../context';
import { fixToWorkspaceEdit } from '../fixEdits';
import { ACTIONS, notify } from '../notify';
import type { ServicesNode } from '../servicesTree';
import { vscode } from '../vscodeApi';

export function updateDocs(ctx: CertifyContext) {
  return async (node?: ServicesNode): Promise<void> => {
    if (node?.kind !== 'service') {
      notify('info', 'Update Docs works on a certified service: right-click it in the Services view.', ACTIONS.showServices());
      return;
    }
    const { repo, service } = node;
    await repo.validated;
    const validation = repo.validation;
    const record = repo.recordOf(service.name);
    if (!validation || !record) {
      notify('info', `Update Docs: ${service.name} has no usable record yet; certify it first.`);
      return;
    }
    const update = repo.engine.docsUpdateEdits({ model: repo.model, texts: validation.texts }, service, record);
    for (const note of update.notes) ctx.log.info(`${service.name}: docs: ${note}`);
    if (update.edits.length === 0) {
      notify('info', `Update Docs: nothing to add for ${service.name}. ${update.notes[0] ?? 'The documents already list it.'}`, ACTIONS.showLog(ctx.log));
      return;
    }
    // needsConfirmation opens the refactor preview, each edit under its own label.
    const applied = await vscode.workspace.applyEdit(fixToWorkspaceEdit(repo.folder.uri, update, (change: DocsEdit) => ({ needsConfirmation: true, label: change.label })));
    if (!applied) ctx.log.info(`${service.name}: the docs update was not applied`);
    if (update.notes.length > 0) notify('info', `Update Docs (${service.name}): ${update.notes.length} note(s) on what was left to do by hand.`, ACTIONS.showLog(ctx.log));
  };
}
