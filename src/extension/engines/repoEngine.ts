// The repo engine as the extension uses it, bundled on its own as dist/repo.js (esbuild.mjs) and
// loaded by engines.ts once activation is over: YAML parsing, the schema validators, discovery,
// validation, the store, the scaffold, the lab's control and the completion report's model and
// renderers stay out of dist/extension.js.
// Re-exports only. Errors are checked against these classes: the extension bundle must not
// hold copies of its own (test/unit/architecture/bundles.test.ts).

export { evaluateStaticChecks, staticChecksWork, staticSummary, touchedServices } from '../../check/staticCriteria';
export { refreshedContext, validateDocument, validationWork } from '../../check/validateRepo';
export { runInSlices } from '../../check/work';
export { RepoIndex } from '../../repo/repoIndex';
export { readRepoFile } from '../../repo/files';
export { readValidationTexts } from '../../repo/validationTexts';
export { LockBusyError } from '../../store/lock';
export { loadRecord, loadRecords, RecordUnavailableError, updateRecord } from '../../store/records';
export { checkRequest, planScaffold, suggestNext, writeScaffold } from '../../scaffold';
export { checklistMarkdown } from '../../report/checklist';
export { definitionFromFacts } from '../../report/definitionFromFacts';
export { labDown } from '../../lab/control/down';
export { labEnv } from '../../lab/control/env';
export { LabUnsupportedError } from '../../lab/control/labErrors';
export { nodeExecutable } from '../../lab/control/packageRoot';
export { labLayoutAsSaved } from '../../lab/control/savedForwards';
export { labStatus } from '../../lab/control/status';
export { statusText } from '../../lab/control/statusText';
export { labUp } from '../../lab/control/up';
// The report panel and the editor's freshness hints (src/extension/report/).
export { renderHtml } from '../../report/render/htmlReport';
export { renderReport } from '../../report/render/renderReport';
export { HISTORY_DIR, historyFreshness } from '../../store/history';
export { recertifyInterval } from '../../repo/certifiedInputs';
export { serviceReport } from '../../run/serviceReport';
export { docsUpdateEdits } from '../../report/docsUpdate';
