// Refs in the report panel as links. The renderer makes each transcript and file ref a link
// through this href: a command: URI of certify.openReportRef carrying the repo, the service and
// the ref — the one command the panel's webview may run (enableCommandUris), so the panel needs
// no script at all. The command opens the ref only when refTarget finds it inside the repo; a ref
// that points anywhere else is ignored with a line in the log.

import type { RefLink } from '../../report/render/htmlRef';
import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import { notify } from '../notify';
import { refTarget } from './refTarget';

/** The language package.json gives .certify/<service>/runs/*.log. */
const TRANSCRIPT_LANGUAGE = 'certify-transcript';

export function refLink(folder: vscode.Uri, service: string): RefLink {
  return (ref) => `command:${COMMAND_IDS.openReportRef}?${encodeURIComponent(JSON.stringify([folder.toString(), service, ref]))}`;
}

/** certify.openReportRef: (folder URI, service, ref), as refLink wrote them. */
export function openReportRef(ctx: CertifyContext) {
  return async (folder: unknown, service: unknown, ref: unknown): Promise<void> => {
    if (typeof folder !== 'string' || typeof service !== 'string' || typeof ref !== 'string') {
      ctx.log.warn('report link ignored: it does not name a repo, a service and a file');
      return;
    }
    const repo = ctx.repos.get(vscode.Uri.parse(folder));
    if (!repo) {
      ctx.log.warn(`report link ${displayText(ref)} ignored: ${displayText(folder)} is not an open repo`);
      return;
    }
    const target = await refTarget(repo.folder.uri.fsPath, service, ref);
    if (target.kind === 'refused') {
      ctx.log.warn(`report link ${displayText(ref)} of ${displayText(service)} ignored: ${target.reason}`);
      if (target.missing) notify('info', `${ref} is no longer in ${repo.folder.name}: it was moved or removed since the record named it.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
    if (target.transcript && document.languageId !== TRANSCRIPT_LANGUAGE) await vscode.languages.setTextDocumentLanguage(document, TRANSCRIPT_LANGUAGE);
    const at = target.line !== undefined ? new vscode.Position(Math.min(target.line, document.lineCount) - 1, 0) : undefined;
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, ...(at ? { selection: new vscode.Range(at, at) } : {}) });
  };
}
