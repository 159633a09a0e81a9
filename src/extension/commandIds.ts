// Command ids, in one table: package.json's contributes.commands must list exactly these
// (a test checks both agree).

export const COMMAND_IDS = {
  refresh: 'certify.refresh',
  revealService: 'certify.revealService',
  openEvidence: 'certify.openEvidence',
  openDefinition: 'certify.openDefinition',
  openRole: 'certify.openRole',
  openPlaybook: 'certify.openPlaybook',
  openRecord: 'certify.openRecord',
  createDefinition: 'certify.createDefinition',
  newService: 'certify.newService',
  exportChecklist: 'certify.exportChecklist',
  updateDocs: 'certify.updateDocs',
  applyFix: 'certify.applyFix',
  openExample: 'certify.openExample',
  startLab: 'certify.startLab',
  stopLab: 'certify.stopLab',
  labStatus: 'certify.labStatus',
  runStep: 'certify.runStep',
  runFrom: 'certify.runFrom',
  certifyAll: 'certify.certifyAll',
  cancelRun: 'certify.cancelRun',
  openTranscript: 'certify.openTranscript',
  showPlan: 'certify.showPlan',
  explainBlocked: 'certify.explainBlocked',
  setApiToken: 'certify.setApiToken',
  setVaultPassword: 'certify.setVaultPassword',
  openReport: 'certify.openReport',
  exportReport: 'certify.exportReport',
  openReportRef: 'certify.openReportRef',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];
