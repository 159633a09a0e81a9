// The report's commands: Open Report (a tree row, a CodeLens, the palette) and Export Report…
// (the panel's title bar, a tree row, the palette), which saves the report as the workflow's
// text, Markdown, standalone HTML, JSON or JUnit XML — the formats of `certify report`.

import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../report/render/reportFormats';
import { vscode } from '../vscodeApi';
import { displayLines, displayText } from '../../core/displayText';
import type { CertifyContext } from '../context';
import { ACTIONS, notify, type NotifyAction } from '../notify';
import type { RepoWatcher } from '../repoWatcher';
import { runSubject, type RunSubject } from '../run/runSubject';
import { ReportUnavailableError, type ReportPanels } from './reportPanels';
import { serviceReport } from './serviceReport';

/** certify.openReport: a service row, (folder, service), or picked. */
export function openReport(ctx: CertifyContext, panels: ReportPanels) {
  return async (...args: unknown[]): Promise<void> => {
    const subject = await runSubject(ctx, args, false, 'Open the report of');
    if (!subject) return;
    try {
      await panels.open(subject.repo, subject.service);
    } catch (error) {
      if (!(error instanceof ReportUnavailableError)) throw error;
      notify('warning', `Cannot open the report of ${subject.service}: ${error.message}`, ...fixAction(subject.repo, error.file));
    }
  };
}

interface FormatPick extends vscode.QuickPickItem {
  format: ReportFormat;
}

const FORMATS: readonly FormatPick[] = REPORT_FORMATS.map((format) => ({ format, label: REPORT_FORMAT_INFO[format].label, detail: REPORT_FORMAT_INFO[format].use }));

/**
 * certify.exportReport: the panel in front (its title bar), a service row, (folder, service), or
 * picked. A test passes (folder, service, format, target URI) and is asked nothing.
 */
export function exportReport(ctx: CertifyContext, panels: ReportPanels) {
  return async (...args: unknown[]): Promise<vscode.Uri | undefined> => {
    const subject = await exportSubject(ctx, panels, args);
    if (!subject) return undefined;
    const given = FORMATS.find((candidate) => candidate.format === args[2]);
    const format = given ?? (await vscode.window.showQuickPick(FORMATS, { title: `Certify: Export the report of ${displayText(subject.service)} as` }));
    if (!format) return undefined;
    const target =
      args[3] instanceof vscode.Uri
        ? args[3]
        : await vscode.window.showSaveDialog({
            title: `Export the report of ${displayText(subject.service)}`,
            defaultUri: vscode.Uri.joinPath(subject.repo.folder.uri, `${subject.service}-report.${REPORT_FORMAT_INFO[format.format].extension}`),
            filters: { [format.label]: [REPORT_FORMAT_INFO[format.format].extension] },
          });
    if (!target) return undefined;
    const made = await serviceReport(subject.repo, subject.service);
    if (made.kind === 'unavailable') {
      notify('warning', `Cannot export the report of ${subject.service}: ${made.message}`, ...fixAction(subject.repo, made.file));
      return undefined;
    }
    const content = subject.repo.engine.renderReport(format.format, made.report);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(displayLines(content)));
    ctx.log.info(`exported the report of ${subject.service} as ${format.label} to ${target.fsPath}`);
    notify('info', `Exported the report of ${subject.service} to ${target.fsPath}.`, {
      title: 'Open File',
      run: () => vscode.window.showTextDocument(target, { preview: true }),
    });
    return target;
  };
}

/** A service named by the arguments wins; without one, the report panel in front; else picked. */
async function exportSubject(ctx: CertifyContext, panels: ReportPanels, args: readonly unknown[]): Promise<RunSubject | undefined> {
  const named = isServiceRow(args[0]) || typeof args[1] === 'string';
  const active = named ? undefined : panels.active();
  const repo = active && ctx.repos.get(active.folder);
  if (active && repo) return { repo, service: active.service };
  return runSubject(ctx, named ? args : [], false, 'Export the report of');
}

function fixAction(repo: RepoWatcher, file: string | undefined): NotifyAction[] {
  return file === undefined ? [] : [ACTIONS.openFile(repo.folder.uri, file)];
}

function isServiceRow(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && 'repo' in value;
}
