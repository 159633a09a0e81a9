// Scaffold "Certify: New Service…": plans the files of a new service in the workflow's
// API-first layout (role, deploy playbook, definition, test data scripts), proposes its backup,
// restore and inventory entries, and writes the plan without overwriting anything. The
// extension's command collects the request and calls these.

export { BACKUP_TYPES, type BackupType, type PlannedFile, type ScaffoldPlan, type ScaffoldRequest } from './types';
export { suggestNext } from './suggest';
export { checkRequest } from './checkRequest';
export { planScaffold } from './plan';
export { ScaffoldWriteError, writeScaffold } from './writeScaffold';
