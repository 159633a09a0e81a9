// Registers every command from one table: id (from commandIds.ts) → handler factory.

import { vscode } from '../vscodeApi';
import { COMMAND_IDS, type CommandId } from '../commandIds';
import type { CertifyContext } from '../context';
import { reportError } from '../log';
import { applyFix } from './applyFix';
import { createDefinition } from './createDefinition';
import { exportChecklist } from './exportChecklist';
import { updateDocs } from './updateDocs';
import { showLabStatus, startLab, stopLab } from './lab';
import { openEvidence, openServiceFile, revealService } from './navigation';
import { newService } from './newService';
import { openExample } from './openExample';
import { cancelRun, explainBlocked, openTranscript, runCommand, showPlan } from '../run/runCommands';
import { setSecret } from '../run/runSecrets';
import { exportReport, openReport } from '../report/reportCommands';
import { openReportRef } from '../report/reportLinks';
import type { ReportPanels } from '../report/reportPanels';

type Handler = (...args: never[]) => unknown;

/** `reports`: the report panels (Open Report reveals a service's panel, Export Report… reads the one in front). */
export function registerCommands(ctx: CertifyContext, reports: ReportPanels): vscode.Disposable[] {
  const handlers: Record<CommandId, Handler> = {
    [COMMAND_IDS.refresh]: async () => {
      await Promise.all(ctx.repos.all().map((repo) => repo.rescan()));
    },
    [COMMAND_IDS.revealService]: revealService(ctx),
    [COMMAND_IDS.openEvidence]: openEvidence(),
    [COMMAND_IDS.openDefinition]: openServiceFile(ctx, 'definition'),
    [COMMAND_IDS.openRole]: openServiceFile(ctx, 'role'),
    [COMMAND_IDS.openPlaybook]: openServiceFile(ctx, 'playbook'),
    [COMMAND_IDS.openRecord]: openServiceFile(ctx, 'record'),
    [COMMAND_IDS.createDefinition]: createDefinition(ctx),
    [COMMAND_IDS.newService]: newService(ctx),
    [COMMAND_IDS.exportChecklist]: exportChecklist(ctx),
    [COMMAND_IDS.updateDocs]: updateDocs(ctx),
    [COMMAND_IDS.applyFix]: applyFix(ctx),
    [COMMAND_IDS.openExample]: openExample(ctx),
    [COMMAND_IDS.startLab]: startLab(ctx),
    [COMMAND_IDS.stopLab]: stopLab(ctx),
    [COMMAND_IDS.labStatus]: showLabStatus(ctx),
    [COMMAND_IDS.runStep]: runCommand(ctx, 'step'),
    [COMMAND_IDS.runFrom]: runCommand(ctx, 'from'),
    [COMMAND_IDS.certifyAll]: runCommand(ctx, 'all'),
    [COMMAND_IDS.cancelRun]: cancelRun(ctx),
    [COMMAND_IDS.openTranscript]: openTranscript(ctx),
    [COMMAND_IDS.showPlan]: showPlan(ctx),
    [COMMAND_IDS.explainBlocked]: explainBlocked(ctx),
    [COMMAND_IDS.setApiToken]: setSecret(ctx.secrets, 'apiToken'),
    [COMMAND_IDS.setVaultPassword]: setSecret(ctx.secrets, 'vaultPassword'),
    [COMMAND_IDS.openReport]: openReport(ctx, reports),
    [COMMAND_IDS.exportReport]: exportReport(ctx, reports),
    [COMMAND_IDS.openReportRef]: openReportRef(ctx),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await (handler as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        reportError(ctx.log, `${id} failed. See the log for details.`, error);
        return undefined;
      }
    }),
  );
}
