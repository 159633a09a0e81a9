// "Export Checklist": the workflow's checklist for a service, filled from its record and the
// static checks, opened as a Markdown document the user can save or paste.

import { vscode } from '../vscodeApi';
import type { CertifyContext } from '../context';
import { ACTIONS, notify } from '../notify';
import type { RepoWatcher } from '../repoWatcher';
import type { ServicesNode } from '../servicesTree';

export function exportChecklist(ctx: CertifyContext) {
  return async (node?: Extract<ServicesNode, { kind: 'service' }>): Promise<void> => {
    const target = node?.kind === 'service' ? { repo: node.repo, name: node.service.name } : await pickService(ctx.repos.all());
    if (!target) return;
    const service = target.repo.model.services.find((candidate) => candidate.name === target.name);
    if (!service) return;
    const markdown = target.repo.engine.checklistMarkdown(service, target.repo.recordOf(service.name), target.repo.staticResults(service.name) ?? new Map(), new Date());
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: false });
  };
}

async function pickService(repos: readonly RepoWatcher[]): Promise<{ repo: RepoWatcher; name: string } | undefined> {
  const items = repos.flatMap((repo) =>
    repo.model.services.map((service) => ({ label: service.name, description: repos.length > 1 ? repo.folder.name : undefined, repo })),
  );
  if (items.length === 0) {
    notify('info', 'Export Checklist: no services in this workspace yet. Scaffold one first.', ACTIONS.newService());
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Export the checklist of which service?' });
  return picked && { repo: picked.repo, name: picked.label };
}
