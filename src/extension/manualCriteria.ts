// Ticking a manual criterion in the tree saves a person's confirmation in the record (who and
// when), under the service's lock; a refusal (the gate is closed, the step passed) is shown
// and the checkbox goes back.

import * as os from 'node:os';
import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import { setCriterion } from '../core/evidenceTransitions';
import type { CertifyContext } from './context';
import { ACTIONS, notify } from './notify';
import type { ServicesNode } from './servicesTree';

/** Thrown inside the record update to abort it without writing. */
class Refused extends Error {}

export function onCheckboxChange(ctx: CertifyContext) {
  return async (event: vscode.TreeCheckboxChangeEvent<ServicesNode>): Promise<void> => {
    for (const [node, checkbox] of event.items) {
      if (node.kind !== 'criterion' || node.criterion.kind !== 'manual') continue;
      const state = checkbox === vscode.TreeItemCheckboxState.Checked ? 'met' : 'unknown';
      const by = confirmer();
      const { LockBusyError, RecordUnavailableError, updateRecord } = node.repo.engine;
      try {
        await updateRecord(node.repo.folder.uri.fsPath, node.service.name, { owner: 'extension', waitMs: 3_000 }, (record) => {
          const result = setCriterion(record, node.stepId, node.criterion.id, state, { at: new Date(), by });
          if (!result.ok) throw new Refused(result.reason);
          return result.record;
        });
        ctx.log.info(`${node.service.name}: "${node.criterion.text}" ${state === 'met' ? 'confirmed' : 'unconfirmed'} by ${by}`);
      } catch (error) {
        const expected = error instanceof Refused || error instanceof LockBusyError || error instanceof RecordUnavailableError;
        if (!expected) ctx.log.error(`could not save "${node.criterion.text}" for ${node.service.name}`, error as Error);
        notify(
          'warning',
          `"${node.criterion.text}" (${node.service.name}) was not ${state === 'met' ? 'confirmed' : 'unticked'}: ${displayText((error as Error).message)}`,
          ...(error instanceof LockBusyError ? [{ title: 'Try Again', run: () => onCheckboxChange(ctx)({ items: [[node, checkbox]] }) }] : []),
          ...(expected ? [] : [ACTIONS.showLog(ctx.log)]),
        );
      } finally {
        // Redraw from the record either way: a refused tick un-ticks itself.
        await node.repo.reloadRecord(node.service.name);
      }
    }
    ctx.tree.refresh();
  };
}

/** Who confirms: the OS user, always available, and the name the host's own logs show. */
function confirmer(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
